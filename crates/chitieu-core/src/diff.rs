//! What changed between two versions of a plan: which items of the amended document are the
//! old items (so their reported values stay attached), which were added or removed, and which
//! fields of the kept items changed.

use serde::{Deserialize, Serialize};

use crate::plan::Item;
use crate::text::fold;

/// An item named for people: its section, code and the start of its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRef {
    pub position: usize,
    pub section: Option<String>,
    pub code: Option<String>,
    pub text: String,
}

impl ItemRef {
    fn of(position: usize, item: &Item) -> Self {
        let text: String = item.text.chars().take(80).collect();
        ItemRef { position, section: item.section.clone(), code: item.code.clone(), text }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemChange {
    pub old: ItemRef,
    pub new: ItemRef,
    /// The fields that differ: "code", "text", "kind", "unit", "targets", "deadline", "roles", "note".
    pub fields: Vec<String>,
}

/// The difference between an old and a new list of items.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanDiff {
    /// For each new item, the position of the old item it continues, if any.
    #[serde(skip)]
    pub continues: Vec<Option<usize>>,
    pub added: Vec<ItemRef>,
    pub removed: Vec<ItemRef>,
    pub changed: Vec<ItemChange>,
}

impl PlanDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// Matches new items to old: first the same section, code and kind with similar words, then
/// the most similar words (≥ 0.8) among the rest.
pub fn diff(old: &[Item], new: &[Item]) -> PlanDiff {
    let old_text: Vec<String> = old.iter().map(|i| fold(&i.text)).collect();
    let new_text: Vec<String> = new.iter().map(|i| fold(&i.text)).collect();
    let similar = |o: usize, n: usize| strsim::normalized_levenshtein(&old_text[o], &new_text[n]);
    let mut continues: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    for (n, item) in new.iter().enumerate() {
        let same_label = (0..old.len()).find(|&o| {
            !taken[o]
                && old[o].section == item.section
                && old[o].code == item.code
                && old[o].kind == item.kind
                && (old_text[o] == new_text[n] || similar(o, n) >= 0.5)
        });
        if let Some(o) = same_label {
            continues[n] = Some(o);
            taken[o] = true;
        }
    }
    for (n, slot) in continues.iter_mut().enumerate() {
        if slot.is_some() {
            continue;
        }
        let best = (0..old.len())
            .filter(|&o| !taken[o])
            .map(|o| (o, similar(o, n)))
            .filter(|&(_, score)| score >= 0.8)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((o, _)) = best {
            *slot = Some(o);
            taken[o] = true;
        }
    }
    let mut result = PlanDiff { continues: continues.clone(), ..PlanDiff::default() };
    for (n, item) in new.iter().enumerate() {
        match continues[n] {
            None => result.added.push(ItemRef::of(n, item)),
            Some(o) => {
                let fields = changed_fields(&old[o], item);
                if !fields.is_empty() {
                    result.changed.push(ItemChange { old: ItemRef::of(o, &old[o]), new: ItemRef::of(n, item), fields });
                }
            }
        }
    }
    result.removed = old.iter().enumerate().filter(|(o, _)| !taken[*o]).map(|(o, i)| ItemRef::of(o, i)).collect();
    result
}

fn changed_fields(old: &Item, new: &Item) -> Vec<String> {
    let mut fields = Vec::new();
    let mut check = |name: &str, differs: bool| {
        if differs {
            fields.push(name.to_owned());
        }
    };
    check("code", old.section != new.section || old.code != new.code);
    check("text", old.text != new.text);
    check("kind", old.kind != new.kind);
    check("unit", old.unit != new.unit);
    check("targets", old.targets != new.targets);
    check("deadline", old.deadline != new.deadline);
    check("roles", old.roles != new.roles);
    check("note", old.note != new.note);
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{ItemKind, Roles};
    use crate::target::{Comparator, Target};

    fn item(code: &str, text: &str, value: f64) -> Item {
        Item {
            section: Some("I".into()),
            code: Some(code.into()),
            kind: ItemKind::Indicator,
            text: text.into(),
            unit: Some("%".into()),
            targets: vec![Target {
                year: None,
                op: Comparator::Ge,
                value: Some(value),
                value_max: None,
                unit: Some("%".into()),
                subject: None,
                raw: format!("Đạt {value}%"),
            }],
            deadline: None,
            roles: Roles::default(),
            note: None,
            line: 1,
        }
    }

    #[test]
    fn kept_items_continue_and_changes_are_named() {
        let old =
            [item("1", "Tỷ lệ phủ sóng 5G", 70.0), item("2", "Tỷ lệ hộ có cáp quang", 80.0), item("3", "Số hóa", 50.0)];
        let new = [
            item("1", "Tỷ lệ phủ sóng 5G", 75.0),
            item("2", "Tỷ lệ hộ gia đình có cáp quang", 80.0),
            item("4", "Tỷ lệ chữ ký số", 30.0),
        ];
        let d = diff(&old, &new);
        assert_eq!(d.continues, [Some(0), Some(1), None]);
        assert_eq!(d.changed.len(), 2);
        assert_eq!(d.changed[0].fields, ["targets"]);
        assert_eq!(d.changed[1].fields, ["text"]);
        assert_eq!(d.added.iter().map(|r| r.code.as_deref()).collect::<Vec<_>>(), [Some("4")]);
        assert_eq!(d.removed.iter().map(|r| r.code.as_deref()).collect::<Vec<_>>(), [Some("3")]);
    }

    #[test]
    fn renumbered_items_are_found_by_their_words() {
        let old = [item("1", "Tỷ lệ phủ sóng 5G trên dân số", 70.0)];
        let new = [item("7", "Tỷ lệ phủ sóng 5G trên dân số", 70.0)];
        let d = diff(&old, &new);
        assert_eq!(d.continues, [Some(0)]);
        assert!(d.added.is_empty() && d.removed.is_empty());
        assert_eq!(d.changed[0].fields, ["code"]);
    }
}

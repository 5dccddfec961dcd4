//! How two linked items' targets and units compare: which targets face each other (same year,
//! same sub-population), which of them asks less, and which units are the same unit.

use crate::measure::{Direction, Measure, classify};
use crate::plan::Item;
use crate::target::{Comparator, Target};
use crate::text::fold;

/// Values closer than this are equal (levels are read from text: "0.70", "70%").
const EPSILON: f64 = 1e-9;

/// The unit an item counts in: its unit column, else the first unit its targets name.
pub(super) fn unit_of(item: &Item) -> Option<&str> {
    item.unit.as_deref().or_else(|| item.targets.iter().find_map(|t| t.unit.as_deref())).filter(|u| !u.is_empty())
}

/// Whether two written units are the same unit: equal once folded (case, diacritics, spaces:
/// "Người/ vạn dân" is "người/vạn dân"), or one is among the other's listed units ("đề tài"
/// and "Đề tài, dự án").
pub fn units_compatible(a: &str, b: &str) -> bool {
    let squeeze = |s: &str| fold(s).split_whitespace().collect::<String>();
    let (a_key, b_key) = (squeeze(a), squeeze(b));
    let listed = |list: &str, one: &str| list.split([',', ';']).any(|part| squeeze(part) == one);
    a_key == b_key || listed(a, &b_key) || listed(b, &a_key)
}

/// Whether the two items' levels mean the same kind of thing: shares, indices, ranks and
/// rates per head compare across levels of government; counts only within one issuer.
pub(super) fn levels_compare(child: &Item, parent: &Item, same_issuer: bool) -> bool {
    let count = |item: &Item| classify(item).0 == Measure::Count && !per_head(item);
    same_issuer || !(count(child) || count(parent))
}

/// A unit per head of population ("người/vạn dân").
fn per_head(item: &Item) -> bool {
    unit_of(item).is_some_and(|unit| {
        fold(unit).rsplit('/').next().is_some_and(|last| last.split_whitespace().any(|word| word == "dan"))
    })
}

/// What a target asks of the reported value.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Demand {
    /// At least `value` (more than, when `strict`).
    AtLeast { value: f64, strict: bool },
    /// At most `value` (less than, when `strict`).
    AtMost { value: f64, strict: bool },
    /// Yes / done.
    Yes,
    /// Words only: nothing to compare.
    Words,
}

fn demand(target: &Target, lower_is_better: bool) -> Demand {
    let at_least = |value: Option<f64>, strict| value.map_or(Demand::Words, |value| Demand::AtLeast { value, strict });
    let at_most = |value: Option<f64>, strict| value.map_or(Demand::Words, |value| Demand::AtMost { value, strict });
    match target.op {
        Comparator::Gt => at_least(target.value, true),
        Comparator::Le => at_most(target.value, false),
        Comparator::Lt => at_most(target.value, true),
        Comparator::Eq if lower_is_better => at_most(target.value, false),
        Comparator::Range if lower_is_better => at_most(target.value_max.or(target.value), false),
        // A bare level and a range's lower end ask at least that much.
        Comparator::Ge | Comparator::Eq | Comparator::Range => at_least(target.value, false),
        Comparator::Bool => Demand::Yes,
        Comparator::Qualitative => Demand::Words,
    }
}

/// Whether demand `child` asks less than `parent`.
fn asks_less(child: Demand, parent: Demand) -> bool {
    match (child, parent) {
        (Demand::AtLeast { value: c, strict: cs }, Demand::AtLeast { value: p, strict: ps }) => {
            c < p - EPSILON || ((c - p).abs() <= EPSILON && ps && !cs)
        }
        (Demand::AtMost { value: c, strict: cs }, Demand::AtMost { value: p, strict: ps }) => {
            c > p + EPSILON || ((c - p).abs() <= EPSILON && ps && !cs)
        }
        _ => false,
    }
}

/// Whether two sub-populations are the same: both unnamed, the same words, or one naming
/// the other ("học sinh" in "học sinh phổ thông"). An unnamed target faces a named one only
/// when it is its item's only target for the year.
fn same_subject(a: Option<&str>, a_alone: bool, b: Option<&str>, b_alone: bool) -> bool {
    match (a.map(fold), b.map(fold)) {
        (None, None) => true,
        (Some(a), Some(b)) => a.contains(&b) || b.contains(&a),
        (None, Some(_)) => a_alone,
        (Some(_), None) => b_alone,
    }
}

/// The targets of `child` that ask less than the `parent` target they face, as (year, child
/// target, parent target). `years` gives each side's year for its targets without one.
pub(super) fn weaker<'a>(
    child: &'a Item,
    parent: &'a Item,
    years: (Option<i32>, Option<i32>),
) -> Vec<(Option<i32>, &'a Target, &'a Target)> {
    let lower = classify(parent).1 == Direction::Lower || classify(child).1 == Direction::Lower;
    let dated = |item: &'a Item, default: Option<i32>| -> Vec<(Option<i32>, &'a Target)> {
        item.targets.iter().map(|t| (t.year.or(default), t)).collect()
    };
    let (child_targets, parent_targets) = (dated(child, years.0), dated(parent, years.1));
    let alone =
        |list: &[(Option<i32>, &Target)], year: Option<i32>| list.iter().filter(|(y, _)| *y == year).count() == 1;
    let mut out = Vec::new();
    for &(year, p) in &parent_targets {
        for &(_, c) in child_targets.iter().filter(|(y, _)| *y == year) {
            let faces = same_subject(
                c.subject.as_deref(),
                alone(&child_targets, year),
                p.subject.as_deref(),
                alone(&parent_targets, year),
            );
            if faces && asks_less(demand(c, lower), demand(p, lower)) {
                out.push((year, c, p));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{ItemKind, Roles};

    fn target(year: Option<i32>, op: Comparator, value: Option<f64>, value_max: Option<f64>) -> Target {
        Target { year, op, value, value_max, unit: None, subject: None, raw: "Có".into() }
    }

    fn item(unit: &str, targets: Vec<Target>) -> Item {
        Item {
            section: None,
            code: Some("1".into()),
            kind: ItemKind::Indicator,
            text: "Chỉ tiêu".into(),
            unit: Some(unit.into()),
            targets,
            deadline: None,
            roles: Roles::default(),
            note: None,
            line: 1,
        }
    }

    fn weaker_than(child: Target, parent: Target, unit: &str) -> bool {
        !weaker(&item(unit, vec![child]), &item(unit, vec![parent]), (Some(2026), Some(2026))).is_empty()
    }

    #[test]
    fn levels_compare_in_the_comparators_direction() {
        use Comparator::{Bool, Eq, Ge, Gt, Le, Lt, Range};
        let t = |op, v| target(None, op, Some(v), None);
        assert!(weaker_than(t(Ge, 60.0), t(Ge, 75.0), "%"), "≥ 60% is weaker than ≥ 75%");
        assert!(!weaker_than(t(Ge, 95.0), t(Ge, 70.0), "%"));
        assert!(!weaker_than(t(Eq, 100.0), t(Ge, 100.0), "%"), "a bare 100% asks as much as ≥ 100%");
        assert!(weaker_than(t(Ge, 70.0), t(Gt, 70.0), "%"), "≥ 70 is weaker than > 70");
        assert!(!weaker_than(t(Gt, 70.0), t(Ge, 70.0), "%"));
        assert!(weaker_than(t(Le, 20.0), t(Le, 15.0), "Thứ bậc"), "a rank ≤ 20 is weaker than ≤ 15");
        assert!(!weaker_than(t(Le, 10.0), t(Le, 15.0), "Thứ bậc"));
        assert!(weaker_than(t(Le, 15.0), t(Lt, 15.0), "Thứ bậc"));
        assert!(weaker_than(t(Eq, 20.0), t(Le, 15.0), "Thứ bậc"), "a rank of 20 misses ≤ 15");
        let range = |low, high| target(None, Range, Some(low), Some(high));
        assert!(weaker_than(range(15.0, 20.0), t(Ge, 18.0), "%"), "15–20 may stop at 15");
        assert!(!weaker_than(range(20.0, 25.0), range(15.0, 20.0), "%"));
        assert!(weaker_than(range(10.0, 25.0), t(Le, 20.0), "Thứ bậc"), "a rank 10–25 may end at 25");
        let yes = target(None, Bool, None, None);
        assert!(!weaker_than(yes.clone(), yes.clone(), "Trung tâm"), "yes/no targets are alike");
        assert!(!weaker_than(yes, t(Ge, 1.0), "Trung tâm"), "yes/no does not compare with a number");
        assert!(!weaker_than(t(Ge, 60.0), t(Le, 75.0), "%"), "opposite directions do not compare");
    }

    #[test]
    fn targets_face_each_other_by_year_and_sub_population() {
        let at_least = |year, value, subject: Option<&str>| Target {
            subject: subject.map(str::to_owned),
            ..target(year, Comparator::Ge, Some(value), None)
        };
        let child = item("%", vec![at_least(None, 100.0, Some("giáo viên")), at_least(None, 50.0, Some("học sinh"))]);
        let parent =
            item("%", vec![at_least(None, 100.0, Some("giáo viên")), at_least(None, 65.0, Some("học sinh phổ thông"))]);
        let found = weaker(&child, &parent, (Some(2026), Some(2026)));
        assert_eq!(
            found.iter().map(|(y, c, p)| (*y, c.value, p.value)).collect::<Vec<_>>(),
            [(Some(2026), Some(50.0), Some(65.0))]
        );
        let multi_year = item("%", vec![at_least(Some(2025), 60.0, None), at_least(Some(2030), 100.0, None)]);
        assert!(weaker(&child, &multi_year, (Some(2026), None)).is_empty(), "no 2026 target in the parent");
        let later = item("%", vec![at_least(Some(2030), 90.0, None)]);
        assert_eq!(weaker(&later, &multi_year, (None, None)).len(), 1, "2030: 90 < 100");
    }

    #[test]
    fn counts_compare_only_within_one_issuer_but_rates_per_head_do() {
        let count = |unit: &str| item(unit, vec![target(None, Comparator::Ge, Some(30.0), None)]);
        assert!(!levels_compare(&count("doanh nghiệp"), &count("Doanh nghiệp"), false));
        assert!(levels_compare(&count("doanh nghiệp"), &count("Doanh nghiệp"), true));
        assert!(levels_compare(&count("người/vạn dân"), &count("Người/ vạn dân"), false));
        assert!(levels_compare(&count("%"), &count("%"), false));
    }

    #[test]
    fn units_are_the_same_once_folded_or_when_listed() {
        assert!(units_compatible("%", "%"));
        assert!(units_compatible("người/vạn dân", "Người/ vạn dân"));
        assert!(units_compatible("đề tài", "Đề tài, dự án"));
        assert!(units_compatible("Sáng chế, giải pháp", "sáng chế"));
        assert!(!units_compatible("%", "%GRDP"));
        assert!(!units_compatible("doanh nghiệp", "%"));
        assert!(!units_compatible("dự án", "Đề tài, dự án khác"));
    }
}

//! The cascade's consistency checks along the links a person confirmed between a lower-level
//! plan's items and its parents' items: a target weaker than the parent's for the same year, a
//! parent item assigned to the lower level that no item carries out, a deadline later than the
//! parent's, units of measure that differ. Pure: the caller passes the items, the confirmed
//! links and which parent items are assigned to the lower level ([`assigned_to`] decides that).
//!
//! How targets compare (`cascade/targets.rs`): by year (a target without a year is for the plan's only
//! year) and sub-population, in the direction the comparator sets: "≥ 60%" is weaker than
//! "≥ 75%", "≥ 70" than "> 70", a rank "≤ 20" than "≤ 15"; a bare level ("100%") demands as much
//! as "≥"; a range demands its lower end (its upper end for lower-is-better items); yes/no
//! targets are all alike and compare with no number. Counts are compared only between plans of
//! the same issuer: a commune's "≥ 30 doanh nghiệp" is its share of the province's count, not a
//! weaker version of it (rates per head of population, "người/vạn dân", do compare).

mod subplans;
mod targets;

use serde::Serialize;

use crate::deadline::Deadline;
use crate::display::target_vi;
use crate::link::LinkItem;
use crate::obligation::deadline_end;
use crate::plan::{Date, Item, ItemKind};
use crate::registry::{OrgId, Registry, Resolution};
use crate::target::Target;

pub use subplans::{SubplanLine, SubplanState, expected_issuers, track_subplans};
pub use targets::units_compatible;

/// An item named for people: its plan, its key, its number and its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemName {
    pub plan: String,
    pub key: String,
    /// The number that tells the item apart in its plan ([`number`]).
    pub code: Option<String>,
    pub text: String,
}

impl ItemName {
    fn of(item: &LinkItem<'_>) -> Self {
        ItemName {
            plan: item.plan.to_owned(),
            key: item.key.to_owned(),
            code: number(item.item),
            text: item.item.text.clone(),
        }
    }

    /// "mục 4.4 «Tỷ lệ dữ liệu các sở, ngành…»", the words cut at 60 characters.
    fn label_vi(&self) -> String {
        let mut words: String = self.text.chars().take(60).collect();
        if self.text.chars().count() > 60 {
            words.push('…');
        }
        match &self.code {
            Some(code) => format!("mục {code} «{words}»"),
            None => format!("mục «{words}»"),
        }
    }
}

/// The number that tells an item apart in its plan: its code when it has levels ("2.1"),
/// else the section and the code ("II.5", "2.6.3"), as people cite items of plans whose codes
/// restart in every section.
pub fn number(item: &Item) -> Option<String> {
    let code = item.code.as_deref()?;
    Some(match item.section.as_deref() {
        Some(section) if !code.contains('.') && section != code => format!("{section}.{code}"),
        _ => code.to_owned(),
    })
}

/// One inconsistency between a lower-level plan and its parents.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// The lower level asks less than the parent for the same year.
    WeakerTarget { child: ItemName, parent: ItemName, year: Option<i32>, child_target: Target, parent_target: Target },
    /// A parent item assigned to the lower level that no confirmed link carries out.
    MissingChild { parent: ItemName },
    /// The lower level's deadline ends after the parent's.
    LaterDeadline { child: ItemName, parent: ItemName, child_deadline: Deadline, parent_deadline: Deadline },
    /// The two items count in different units.
    UnitMismatch { child: ItemName, parent: ItemName, child_unit: String, parent_unit: String },
}

impl Finding {
    /// The kind as the API names it.
    pub fn kind(&self) -> &'static str {
        match self {
            Finding::WeakerTarget { .. } => "weaker_target",
            Finding::MissingChild { .. } => "missing_child",
            Finding::LaterDeadline { .. } => "later_deadline",
            Finding::UnitMismatch { .. } => "unit_mismatch",
        }
    }

    /// The kind as a page heads it.
    pub fn kind_vi(&self) -> &'static str {
        match self {
            Finding::WeakerTarget { .. } => "Chỉ tiêu thấp hơn cấp trên",
            Finding::MissingChild { .. } => "Chưa có mục thực hiện",
            Finding::LaterDeadline { .. } => "Thời hạn muộn hơn cấp trên",
            Finding::UnitMismatch { .. } => "Đơn vị tính khác cấp trên",
        }
    }

    /// What is wrong, in a sentence.
    pub fn describe_vi(&self) -> String {
        match self {
            Finding::WeakerTarget { child, parent, year, child_target, parent_target } => {
                let year = year.map(|y| format!(" năm {y}")).unwrap_or_default();
                format!(
                    "Chỉ tiêu{year} của {} là {}, thấp hơn mức {} của {} ở kế hoạch cấp trên.",
                    child.label_vi(),
                    target_vi(child_target),
                    target_vi(parent_target),
                    parent.label_vi()
                )
            }
            Finding::MissingChild { parent } => format!(
                "{} của kế hoạch cấp trên giao cho cấp này nhưng chưa có mục nào thực hiện (chưa xác nhận liên kết).",
                capitalized(&parent.label_vi())
            ),
            Finding::LaterDeadline { child, parent, child_deadline, parent_deadline } => format!(
                "Thời hạn của {} là {}, muộn hơn thời hạn {} của {} ở kế hoạch cấp trên.",
                child.label_vi(),
                child_deadline.describe_vi(),
                parent_deadline.describe_vi(),
                parent.label_vi()
            ),
            Finding::UnitMismatch { child, parent, child_unit, parent_unit } => format!(
                "{} tính bằng «{child_unit}», còn {} ở kế hoạch cấp trên tính bằng «{parent_unit}».",
                capitalized(&child.label_vi()),
                parent.label_vi()
            ),
        }
    }
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// What the checks compare.
#[derive(Debug, Clone, Copy)]
pub struct Cascade<'a> {
    /// The lower-level plan's items.
    pub child: &'a [LinkItem<'a>],
    /// The items of the plans it carries out.
    pub parents: &'a [LinkItem<'a>],
    /// The links a person confirmed: (child item key, parent item key).
    pub links: &'a [(&'a str, &'a str)],
    /// The keys of the parent items assigned to the lower level (see [`assigned_to`]).
    pub assigned: &'a [&'a str],
    /// The year each plan's targets without a year are for (a plan of one year), by plan key.
    pub plan_years: &'a [(&'a str, i32)],
    /// The plans come from the same issuer (a plan and its appendix): counts compare too.
    pub same_issuer: bool,
}

/// Every finding: along each confirmed link (in the child's item order) its weaker targets,
/// later deadline and unit mismatch; then the assigned parent items no link reaches, in the
/// parents' order.
pub fn check(cascade: &Cascade<'_>) -> Vec<Finding> {
    let year_of = |plan: &str| cascade.plan_years.iter().find(|(p, _)| *p == plan).map(|(_, y)| *y);
    let mut findings = Vec::new();
    for child in cascade.child {
        let linked = cascade.links.iter().filter(|(c, _)| *c == child.key);
        for parent in linked.filter_map(|(_, p)| cascade.parents.iter().find(|item| item.key == *p)) {
            let (child_name, parent_name) = (ItemName::of(child), ItemName::of(parent));
            let compatible = match (targets::unit_of(child.item), targets::unit_of(parent.item)) {
                (Some(c), Some(p)) if !units_compatible(c, p) => {
                    findings.push(Finding::UnitMismatch {
                        child: child_name.clone(),
                        parent: parent_name.clone(),
                        child_unit: c.to_owned(),
                        parent_unit: p.to_owned(),
                    });
                    false
                }
                _ => true,
            };
            if compatible && targets::levels_compare(child.item, parent.item, cascade.same_issuer) {
                let sides = (year_of(child.plan), year_of(parent.plan));
                for (year, child_target, parent_target) in targets::weaker(child.item, parent.item, sides) {
                    findings.push(Finding::WeakerTarget {
                        child: child_name.clone(),
                        parent: parent_name.clone(),
                        year,
                        child_target: child_target.clone(),
                        parent_target: parent_target.clone(),
                    });
                }
            }
            if let (Some(c), Some(p)) = (&child.item.deadline, &parent.item.deadline)
                && later(c, p)
            {
                findings.push(Finding::LaterDeadline {
                    child: child_name,
                    parent: parent_name,
                    child_deadline: c.clone(),
                    parent_deadline: p.clone(),
                });
            }
        }
    }
    for parent in cascade.parents {
        let reached = cascade.links.iter().any(|(_, p)| *p == parent.key);
        if parent.item.kind != ItemKind::Group && !reached && cascade.assigned.contains(&parent.key) {
            findings.push(Finding::MissingChild { parent: ItemName::of(parent) });
        }
    }
    findings
}

/// Whether deadline `child` ends after `parent`; deadlines without an end (ongoing, relative,
/// unknown) are never later.
fn later(child: &Deadline, parent: &Deadline) -> bool {
    matches!((deadline_end(child), deadline_end(parent)), (Some(c), Some(p)) if c > p)
}

/// Whether an item whose lead cell resolved to `leads` is assigned to `issuer`: a lead is the
/// issuer itself or a group the issuer belongs to on `day`.
pub fn assigned_to(registry: &Registry, issuer: OrgId, day: Date, leads: &[Resolution]) -> bool {
    leads.iter().any(|lead| match lead {
        Resolution::Org { id } => *id == issuer,
        Resolution::Group { id } => registry.members(*id, day).contains(&issuer),
        Resolution::Proposed { .. } | Resolution::Unresolved => false,
    })
}

#[cfg(test)]
mod tests;

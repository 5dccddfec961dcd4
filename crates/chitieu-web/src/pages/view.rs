//! A stored plan laid out as its appendix table: one row per item, targets in one column per
//! year (or one "Chỉ tiêu" column), role names marked when they matched no known unit, and
//! every number, date and deadline written the Vietnamese way.

use std::collections::HashMap;

use chitieu_core::display::subject_target_vi;
use chitieu_core::plan::Date;
use chitieu_core::registry::{Org, OrgId};
use chitieu_core::{ItemKind, Plan, Role, Roles};
use chitieu_store::{Level, PlanStatus, PlanSummary, StoredPlan};

/// What the list and the plan page both say about a plan version.
#[derive(Debug)]
pub(crate) struct PlanHead {
    pub(crate) id: i64,
    pub(crate) title: String,
    pub(crate) version: i64,
    pub(crate) status: &'static str,
    pub(crate) level: &'static str,
    pub(crate) issuer: String,
    pub(crate) created: String,
}

impl PlanHead {
    /// The head of a plan read but not yet stored.
    pub(crate) fn draft(title: &str, level: Option<Level>, issuer: String, created_at: &str) -> Self {
        PlanHead {
            id: 0,
            title: title.to_owned(),
            version: 0,
            status: PlanStatus::Draft.label_vi(),
            level: level.map_or("", Level::label_vi),
            issuer,
            created: date_vi(created_at),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn new(
        id: i64,
        title: &str,
        version: i64,
        status: PlanStatus,
        level: Option<Level>,
        issuer: Option<OrgId>,
        created_at: &str,
        names: &HashMap<OrgId, String>,
    ) -> Self {
        PlanHead {
            id,
            title: title.to_owned(),
            version,
            status: status.label_vi(),
            level: level.map_or("", Level::label_vi),
            issuer: issuer.and_then(|id| names.get(&id).cloned()).unwrap_or_default(),
            created: date_vi(created_at),
        }
    }
}

#[derive(Debug)]
pub(crate) struct PlanTable {
    pub(crate) head: PlanHead,
    pub(crate) source_file: String,
    /// The year columns; empty when no target names a year.
    pub(crate) years: Vec<i32>,
    /// Whether some target names no year (shown in one "Chỉ tiêu" column).
    pub(crate) plain_targets: bool,
    pub(crate) rows: Vec<Row>,
    pub(crate) warnings: Vec<String>,
}

#[derive(Debug)]
pub(crate) struct Row {
    pub(crate) heading: bool,
    pub(crate) code: String,
    pub(crate) text: String,
    pub(crate) unit: String,
    pub(crate) targets: Vec<String>,
    /// One cell per year column, each holding that year's targets.
    pub(crate) by_year: Vec<Vec<String>>,
    pub(crate) monitor: Vec<Name>,
    pub(crate) lead: Vec<Name>,
    pub(crate) coordinate: Vec<Name>,
    pub(crate) deadline: String,
    pub(crate) note: String,
    pub(crate) line: usize,
    /// Notes on the same target elsewhere ("Cũng tại mục 1.1 của …"), from confirmed links.
    pub(crate) also: Vec<String>,
}

/// A unit named in a role cell, as written; `known` when it resolved to the registry.
#[derive(Debug)]
pub(crate) struct Name {
    pub(crate) text: String,
    pub(crate) known: bool,
}

/// One line of the plans list.
#[derive(Debug)]
pub(crate) struct PlanLine {
    pub(crate) head: PlanHead,
    pub(crate) items: i64,
    pub(crate) indicators: i64,
}

pub(crate) fn org_names(orgs: &[Org]) -> HashMap<OrgId, String> {
    orgs.iter().map(|org| (org.id, org.name.clone())).collect()
}

impl PlanLine {
    pub(crate) fn of(plan: &PlanSummary, names: &HashMap<OrgId, String>) -> Self {
        let head = PlanHead::new(
            plan.id,
            &plan.title,
            plan.version,
            plan.status,
            plan.level,
            plan.issuer_id,
            &plan.created_at,
            names,
        );
        PlanLine { head, items: plan.items, indicators: plan.indicators }
    }
}

impl PlanTable {
    pub(crate) fn of(stored: &StoredPlan, names: &HashMap<OrgId, String>) -> Self {
        let head = PlanHead::new(
            stored.id,
            &stored.plan.title,
            stored.version,
            stored.status,
            stored.level,
            stored.issuer_id,
            &stored.created_at,
            names,
        );
        Self::laid_out(&stored.plan, head, |index, role| {
            stored.items.get(index).map_or_else(Vec::new, |item| {
                item.assignments
                    .iter()
                    .filter(|a| a.role == role)
                    .map(|a| Name { text: a.raw.clone(), known: a.org_id.is_some() || a.group_id.is_some() })
                    .collect()
            })
        })
    }

    /// A plan read from a document but not stored (the import preview): a name is `known` when
    /// `known(name)` says it resolves exactly.
    pub(crate) fn parsed(plan: &Plan, head: PlanHead, known: impl Fn(&str) -> bool) -> Self {
        Self::laid_out(plan, head, |index, role| {
            plan.items.get(index).map_or_else(Vec::new, |item| {
                role_names(&item.roles, role).iter().map(|n| Name { text: n.clone(), known: known(n) }).collect()
            })
        })
    }

    /// The table of `plan`, with `names(item index, role)` giving each role cell's names.
    fn laid_out(plan: &Plan, head: PlanHead, names: impl Fn(usize, Role) -> Vec<Name>) -> Self {
        let all_targets = || plan.items.iter().flat_map(|item| &item.targets);
        let years = if all_targets().any(|t| t.year.is_some()) {
            let mut years: Vec<i32> = plan.years.clone();
            years.extend(all_targets().filter_map(|t| t.year));
            years.sort_unstable();
            years.dedup();
            years
        } else {
            Vec::new()
        };
        let rows = plan.items.iter().enumerate().map(|(i, item)| row(item, |role| names(i, role), &years)).collect();
        PlanTable {
            head,
            source_file: plan.source.file.clone(),
            plain_targets: all_targets().any(|t| t.year.is_none()),
            years,
            rows,
            warnings: plan
                .warnings
                .iter()
                .map(|w| match w.line {
                    Some(line) => format!("Dòng {line}: {}", w.message),
                    None => w.message.clone(),
                })
                .collect(),
        }
    }

    /// How many columns the table has, for headings that span it.
    pub(crate) fn columns(&self) -> usize {
        8 + self.years.len() + usize::from(self.plain_targets)
    }
}

/// The names a document writes in one role's cell.
pub(crate) fn role_names(roles: &Roles, role: Role) -> &[String] {
    match role {
        Role::Monitor => &roles.monitor,
        Role::Lead => &roles.lead,
        Role::Coordinate => &roles.coordinate,
        Role::Direct => &roles.direct,
    }
}

fn row(item: &chitieu_core::Item, names: impl Fn(Role) -> Vec<Name>, years: &[i32]) -> Row {
    Row {
        heading: item.kind == ItemKind::Group,
        code: item.code.clone().unwrap_or_default(),
        text: item.text.clone(),
        unit: item.unit.clone().unwrap_or_default(),
        targets: item.targets.iter().filter(|t| t.year.is_none()).map(subject_target_vi).collect(),
        by_year: years
            .iter()
            .map(|year| item.targets.iter().filter(|t| t.year == Some(*year)).map(subject_target_vi).collect())
            .collect(),
        monitor: names(Role::Monitor),
        lead: names(Role::Lead),
        coordinate: names(Role::Coordinate),
        deadline: item.deadline.as_ref().map(chitieu_core::Deadline::describe_vi).unwrap_or_default(),
        note: item.note.clone().unwrap_or_default(),
        line: item.line,
        also: Vec::new(),
    }
}

/// "2026-11-23T10:00:00Z" → "23/11/2026".
pub(crate) fn date_vi(time: &str) -> String {
    time.get(..10).and_then(Date::parse).map_or_else(|| time.to_owned(), |date| date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_show_as_day_month_year() {
        assert_eq!(date_vi("2026-11-23T10:00:00Z"), "23/11/2026");
        assert_eq!(date_vi("garbage"), "garbage");
    }
}

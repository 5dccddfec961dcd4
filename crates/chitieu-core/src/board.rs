//! A plan evaluated for one period: every unit's verdict on every item it owes, each item's
//! roll-up across units, status counts by section, reporting rates per unit and the composite
//! index that ranks the units. What the overview, the heat map, the scorecard and the
//! consolidated report show; built from plain inputs (the store fetches, this judges).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::evaluate::{
    Aggregate, Judgement, Judging, Observation, Ranked, Reporting, Status, StatusCounts, Submission, Weights,
    composite, judge, rank, rollup, target_for,
};
use crate::measure::{Direction, Measure};
use crate::obligation::{Obligation, deadline_end};
use crate::period::Period;
use crate::plan::{Date, Item, ItemKind};
use crate::registry::OrgId;

/// One item of the plan, with what the store derived for it.
#[derive(Debug, Clone, Copy)]
pub struct BoardItem<'a> {
    pub key: &'a str,
    pub item: &'a Item,
    pub measure: Measure,
    pub direction: Direction,
}

/// The latest value a unit gave for an item (and sub-population) in the period.
#[derive(Debug, Clone)]
pub struct UnitValue<'a> {
    pub org: OrgId,
    pub item_key: &'a str,
    pub subject: Option<&'a str>,
    pub observation: Observation,
    pub comment: Option<&'a str>,
}

/// A unit's report for the period: sent (submitted or approved) or not, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitReport {
    pub org: OrgId,
    /// The day it was sent, when it was sent and not returned.
    pub sent_on: Option<Date>,
}

/// Everything a [`Board`] is judged from.
#[derive(Debug, Clone, Copy)]
pub struct BoardInput<'a> {
    pub items: &'a [BoardItem<'a>],
    pub obligations: &'a [Obligation],
    /// Values of sent reports only: a draft is not a result yet.
    pub values: &'a [UnitValue<'a>],
    pub reports: &'a [UnitReport],
    pub period: Period,
    /// The first day of the plan's first year: progress is expected from then.
    pub plan_start: Date,
    /// The day of judgement.
    pub as_of: Date,
    pub weights: &'a Weights,
}

/// One sub-population's (or the whole item's) verdict in a cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    pub subject: Option<String>,
    pub observation: Option<Observation>,
    pub judgement: Judgement,
}

/// One unit's verdict on one item: the worst of its parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub status: Status,
    pub parts: Vec<Part>,
    pub comment: Option<String>,
}

/// An item across the units that owe it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Position of the item in the plan.
    pub item: usize,
    pub key: String,
    /// One per unit of [`Board::units`]; `None` where the unit owes nothing.
    pub cells: Vec<Option<Cell>>,
    /// The units' values pooled ([`rollup`]) and judged against the item's target.
    pub rollup: Option<(Aggregate, Judgement)>,
    pub counts: StatusCounts,
}

/// A unit's reporting and index for the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitSummary {
    pub org: OrgId,
    pub reporting: Reporting,
    pub counts: StatusCounts,
    /// The composite index, 0..1 (`None` when nothing of the unit could be judged).
    pub index: Option<f64>,
}

/// The evaluated plan for one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Board {
    pub period: Period,
    pub as_of: Date,
    /// The units that owe something, in id order.
    pub units: Vec<OrgId>,
    /// Indicators and tasks owed by someone this period, in plan order.
    pub rows: Vec<Row>,
    /// Beside `units`.
    pub summaries: Vec<UnitSummary>,
    /// Status counts per section, in plan order.
    pub sections: Vec<(String, StatusCounts)>,
    pub counts: StatusCounts,
    pub ranking: Vec<Ranked<OrgId>>,
}

/// How bad a status is, to pick a cell's worst part: missing and failing first.
fn severity(status: Status) -> u8 {
    match status {
        Status::Overdue => 9,
        Status::NotMet | Status::Late => 8,
        Status::AtRisk => 7,
        Status::NotReported => 6,
        Status::InProgress => 5,
        Status::OnTrack => 4,
        Status::Met | Status::Done => 3,
        Status::NotJudged => 0,
    }
}

impl Board {
    pub fn judge(input: &BoardInput<'_>) -> Board {
        let mut units: Vec<OrgId> = input.obligations.iter().map(|o| o.org).collect();
        units.sort_unstable();
        units.dedup();
        let column: HashMap<OrgId, usize> = units.iter().enumerate().map(|(i, org)| (*org, i)).collect();
        let mut values: HashMap<(&str, OrgId), Vec<&UnitValue<'_>>> = HashMap::new();
        for value in input.values {
            values.entry((value.item_key, value.org)).or_default().push(value);
        }
        let mut owed: HashMap<&str, Vec<&Obligation>> = HashMap::new();
        for obligation in input.obligations {
            owed.entry(obligation.item_key.as_str()).or_default().push(obligation);
        }
        let sent: HashMap<OrgId, Option<Date>> = input.reports.iter().map(|r| (r.org, r.sent_on)).collect();

        let mut rows = Vec::new();
        let mut sections: BTreeMap<usize, (String, StatusCounts)> = BTreeMap::new();
        let mut unit_counts = vec![StatusCounts::default(); units.len()];
        let mut unit_scores: Vec<Vec<(Option<String>, Judgement)>> = vec![Vec::new(); units.len()];
        let mut counts = StatusCounts::default();
        for (position, board_item) in input.items.iter().enumerate() {
            let Some(obligations) = owed.get(board_item.key) else { continue };
            if board_item.item.kind == ItemKind::Group {
                continue;
            }
            let mut cells = vec![None; units.len()];
            let mut row_counts = StatusCounts::default();
            let mut pooled = Vec::new();
            for obligation in obligations {
                let given = values.get(&(board_item.key, obligation.org)).map_or(&[][..], Vec::as_slice);
                pooled.extend(given.iter().filter(|v| v.subject.is_none()).map(|v| v.observation.clone()));
                let cell = judge_cell(input, board_item, obligation.due, given);
                row_counts.add(cell.status);
                let col = column[&obligation.org];
                unit_counts[col].add(cell.status);
                if let Some(worst) = cell.parts.iter().find(|p| p.judgement.status == cell.status) {
                    unit_scores[col].push((board_item.item.section.clone(), worst.judgement.clone()));
                }
                cells[col] = Some(cell);
            }
            let rollup = rollup(board_item.measure, &pooled).map(|aggregate| {
                let due = obligations.iter().map(|o| o.due).max().unwrap_or_else(|| input.period.last_day());
                let judgement = judge_one(input, board_item, None, due, Some(&aggregate.observation()));
                (aggregate, judgement)
            });
            counts.merge(&row_counts);
            let section = board_item.item.section.clone().unwrap_or_default();
            let first = input.items.iter().position(|i| i.item.section.as_deref().unwrap_or("") == section);
            sections
                .entry(first.unwrap_or(position))
                .or_insert_with(|| (section, StatusCounts::default()))
                .1
                .merge(&row_counts);
            rows.push(Row { item: position, key: board_item.key.to_owned(), cells, rollup, counts: row_counts });
        }

        let summaries: Vec<UnitSummary> = units
            .iter()
            .zip(unit_counts)
            .zip(&unit_scores)
            .map(|((org, counts), scores)| {
                // One report per unit and period, due with the last of its obligations.
                let due = input.obligations.iter().filter(|o| o.org == *org).map(|o| o.due).max();
                let sent_on = sent.get(org).copied().flatten();
                let reporting: Reporting = due.map(|due| Submission { due, sent_on }).into_iter().collect();
                let index = composite(scores.iter().map(|(s, j)| (s.as_deref(), j)), input.weights);
                UnitSummary { org: *org, reporting, counts, index }
            })
            .collect();
        let scored: Vec<(OrgId, f64)> = summaries.iter().filter_map(|s| s.index.map(|i| (s.org, i))).collect();
        Board {
            period: input.period,
            as_of: input.as_of,
            units,
            rows,
            summaries,
            sections: sections.into_values().collect(),
            counts,
            ranking: rank(&scored),
        }
    }

    /// The column of a unit.
    pub fn column(&self, org: OrgId) -> Option<usize> {
        self.units.binary_search(&org).ok()
    }
}

fn judge_cell(input: &BoardInput<'_>, item: &BoardItem<'_>, due: Date, given: &[&UnitValue<'_>]) -> Cell {
    let mut subjects: Vec<Option<&str>> = item.item.targets.iter().map(|t| t.subject.as_deref()).collect();
    subjects.sort_unstable();
    subjects.dedup();
    if subjects.is_empty() {
        subjects.push(None);
    }
    let parts: Vec<Part> = subjects
        .into_iter()
        .map(|subject| {
            // A sub-population's target takes that sub-population's value only; a target for the
            // whole item takes the whole item's value, else the one value given.
            let exact = given.iter().find(|v| v.subject == subject);
            let whole = || given.first().filter(|_| subject.is_none() && given.len() == 1);
            let observation = exact.or_else(whole).map(|v| v.observation.clone());
            let judgement = judge_one(input, item, subject, due, observation.as_ref());
            Part { subject: subject.map(str::to_owned), observation, judgement }
        })
        .collect();
    let status = parts.iter().map(|p| p.judgement.status).max_by_key(|s| severity(*s)).unwrap_or(Status::NotJudged);
    let comment = given.iter().find_map(|v| v.comment).map(str::to_owned);
    Cell { status, parts, comment }
}

/// The day a target is judged final: 31/12 of a year target's year, else the item's deadline.
pub fn deadline_of(item: &Item, target: Option<&crate::Target>) -> Option<Date> {
    match target.and_then(|t| t.year) {
        Some(year) => Some(Period::year(year).last_day()),
        None => item.deadline.as_ref().and_then(deadline_end),
    }
}

fn judge_one(
    input: &BoardInput<'_>,
    item: &BoardItem<'_>,
    subject: Option<&str>,
    due: Date,
    observation: Option<&Observation>,
) -> Judgement {
    let target = target_for(&item.item.targets, subject, input.period);
    judge(&Judging {
        target,
        measure: item.measure,
        direction: item.direction,
        deadline: deadline_of(item.item, target),
        plan_start: input.plan_start,
        period: input.period,
        due,
        as_of: input.as_of,
        observation,
    })
}

#[cfg(test)]
mod tests;

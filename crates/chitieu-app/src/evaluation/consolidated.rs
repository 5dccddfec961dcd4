//! The consolidated report of a plan and period ([`chitieu_export::ConsolidatedReport`]) from
//! its evaluation: the appendix's columns, then each unit's result, verdict and comment, the
//! roll-up, and how the units reported. Words and numbers are Vietnamese here; the export crate
//! only lays them out.

use chitieu_core::board::{Cell, Row};
use chitieu_core::display::{number_vi, target_vi};
use chitieu_core::evaluate::{Aggregate, Judgement, Observation, Pooled, target_for};
use chitieu_core::plan::Item;
use chitieu_core::{ItemKind, Role};
use chitieu_export::{ConsolidatedReport, ReportRow, RowKind, UnitCell, UnitReporting};

use super::Evaluated;

/// The report, rows in plan order: each heading that has owed items under it, then the items.
pub fn consolidated(evaluated: &Evaluated) -> ConsolidatedReport {
    let board = &evaluated.board;
    let items = &evaluated.plan.plan.items;
    let mut rows = Vec::with_capacity(board.rows.len() * 2);
    let mut pending_heading: Option<usize> = None;
    let mut next = board.rows.iter().peekable();
    for (position, item) in items.iter().enumerate() {
        if item.kind == ItemKind::Group {
            pending_heading = Some(position);
            continue;
        }
        let Some(row) = next.next_if(|r| r.item == position) else { continue };
        if let Some(heading) = pending_heading.take() {
            rows.push(heading_row(&items[heading], board.units.len()));
        }
        rows.push(item_row(evaluated, item, row));
    }
    let reporting = board
        .summaries
        .iter()
        .map(|s| UnitReporting {
            unit: evaluated.org_name(s.org),
            expected: s.reporting.expected,
            received: s.reporting.received,
            on_time: s.reporting.on_time,
        })
        .collect();
    let plan = &evaluated.plan;
    ConsolidatedReport {
        plan_title: plan.plan.title.clone(),
        plan_reference: None,
        issuer: plan.issuer_id.map(|id| evaluated.org_name(id)),
        period_label: board.period.label_vi(),
        as_of: board.as_of.to_string(),
        units: board.units.iter().map(|org| evaluated.org_name(*org)).collect(),
        rows,
        reporting,
    }
}

fn heading_row(item: &Item, units: usize) -> ReportRow {
    ReportRow {
        kind: RowKind::Group,
        code: item.code.clone(),
        text: item.text.clone(),
        line: item.line,
        target: String::new(),
        monitor: String::new(),
        lead: String::new(),
        coordinate: String::new(),
        deadline: String::new(),
        cells: vec![None; units],
        rollup: None,
    }
}

fn item_row(evaluated: &Evaluated, item: &Item, row: &Row) -> ReportRow {
    let roles = |role: Role| {
        let names = match role {
            Role::Monitor => &item.roles.monitor,
            Role::Lead => &item.roles.lead,
            Role::Coordinate => &item.roles.coordinate,
            Role::Direct => &item.roles.direct,
        };
        names.join("; ")
    };
    ReportRow {
        kind: if item.kind == ItemKind::Task { RowKind::Task } else { RowKind::Indicator },
        code: item.code.clone(),
        text: item.text.clone(),
        line: item.line,
        target: period_targets_vi(item, evaluated.board.period),
        monitor: roles(Role::Monitor),
        lead: roles(Role::Lead),
        coordinate: roles(Role::Coordinate),
        deadline: item.deadline.as_ref().map(chitieu_core::Deadline::describe_vi).unwrap_or_default(),
        cells: row.cells.iter().map(|c| c.as_ref().map(unit_cell)).collect(),
        rollup: row.rollup.as_ref().map(|(aggregate, judgement)| rollup_cell(aggregate, judgement)),
    }
}

/// The targets that apply to the period, one per sub-population ("Nam: ≥ 70%; Nữ: ≥ 60%"); all
/// of them when none applies.
fn period_targets_vi(item: &Item, period: chitieu_core::period::Period) -> String {
    let mut subjects: Vec<Option<&str>> = item.targets.iter().map(|t| t.subject.as_deref()).collect();
    subjects.dedup();
    let applying: Vec<String> = subjects
        .into_iter()
        .filter_map(|subject| {
            let target = target_for(&item.targets, subject, period)?;
            let text = target_vi(target);
            let year = target.year.filter(|y| *y != period.year).map(|y| format!(" (năm {y})")).unwrap_or_default();
            Some(match subject {
                Some(subject) => format!("{subject}: {text}{year}"),
                None => format!("{text}{year}"),
            })
        })
        .collect();
    if applying.is_empty() {
        item.targets.iter().map(target_vi).collect::<Vec<_>>().join("; ")
    } else {
        applying.join("; ")
    }
}

fn unit_cell(cell: &Cell) -> UnitCell {
    let reported: Vec<String> = cell
        .parts
        .iter()
        .filter_map(|p| {
            let text = p.observation.as_ref()?.label_vi();
            Some(match &p.subject {
                Some(subject) if cell.parts.len() > 1 => format!("{subject}: {text}"),
                _ => text,
            })
        })
        .collect();
    let number = match cell.parts.as_slice() {
        [only] => only.observation.as_ref().and_then(Observation::value),
        _ => None,
    };
    UnitCell {
        actual: reported.join("; "),
        number,
        status: cell.status,
        comment: cell.comment.clone().unwrap_or_default(),
    }
}

/// A roll-up in words: "91/102 (89,2%)", "1.250", "12 / 15 đơn vị có".
pub(crate) fn aggregate_vi(aggregate: &Aggregate) -> String {
    match &aggregate.pooled {
        Pooled::Ratio { .. } | Pooled::Count { .. } | Pooled::Index { .. } => aggregate.observation().label_vi(),
        Pooled::Rank { best, median } => format!("cao nhất {}; trung vị {}", number_vi(*best), number_vi(*median)),
        Pooled::YesNo { yes } => format!("{yes}/{} đơn vị có", aggregate.units),
        Pooled::Levels { tally } => {
            tally.iter().map(|l| format!("{}: {}", l.level, l.count)).collect::<Vec<_>>().join("; ")
        }
        Pooled::Tasks { done, overdue } => {
            let late = if *overdue > 0 { format!("; {overdue} quá hạn") } else { String::new() };
            format!("{done}/{} đơn vị hoàn thành{late}", aggregate.units)
        }
    }
}

fn rollup_cell(aggregate: &Aggregate, judgement: &Judgement) -> UnitCell {
    let left_out = if aggregate.left_out > 0 {
        format!("{} giá trị không gộp được (thiếu tử số, mẫu số)", aggregate.left_out)
    } else {
        String::new()
    };
    UnitCell {
        actual: aggregate_vi(aggregate),
        number: aggregate.observation().value(),
        status: judgement.status,
        comment: left_out,
    }
}

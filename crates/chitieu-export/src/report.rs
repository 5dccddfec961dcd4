//! The consolidated report of a plan and period as the exporters take it: plain data, already
//! worded in Vietnamese by the caller, with only what a spreadsheet or a colour needs kept typed
//! (numbers and verdicts).

use chitieu_core::evaluate::{Reporting, Status};

use crate::error::ExportError;

/// One plan's results for one period, across the units that owe them.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsolidatedReport {
    /// The plan's title: "Kế hoạch chuyển đổi số tỉnh Ninh Bình năm 2026".
    pub plan_title: String,
    /// The plan's number and date when known: "Số 123/KH-UBND ngày 05/02/2026".
    pub plan_reference: Option<String>,
    /// Who issued the plan: "Ủy ban nhân dân tỉnh Ninh Bình".
    pub issuer: Option<String>,
    /// The period reported on: "Quý II/2026" or "Năm 2026".
    pub period_label: String,
    /// The day of judgement, dd/mm/yyyy: "23/11/2026". Shown as "Ngày lập".
    pub as_of: String,
    /// The unit columns, in order; every row has one cell per unit.
    pub units: Vec<String>,
    /// The plan's items in appendix order.
    pub rows: Vec<ReportRow>,
    /// Per unit: how many reports were expected, received and received on time.
    pub reporting: Vec<UnitReporting>,
}

/// What an appendix row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A heading ("I.", "1.") that groups the rows under it; it owes nothing itself.
    Group,
    /// A measured target.
    Indicator,
    /// A piece of work to be done.
    Task,
}

/// One row of the appendix with its results.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    pub kind: RowKind,
    /// The row's number in the plan ("1.1.", "II."), shown in the STT column.
    pub code: Option<String>,
    /// The indicator's or task's words.
    pub text: String,
    /// The row's line in the plan document, named in errors.
    pub line: usize,
    /// The target in words: "≥ 90%", "Hoàn thành".
    pub target: String,
    /// The unit that monitors the row ("Đơn vị theo dõi").
    pub monitor: String,
    /// The lead unit ("Đơn vị chủ trì").
    pub lead: String,
    /// The coordinating units ("Đơn vị phối hợp").
    pub coordinate: String,
    /// The deadline in words: "Tháng 12/2026", "Thường xuyên".
    pub deadline: String,
    /// One entry per unit of [`ConsolidatedReport::units`], `None` where the unit owes nothing.
    pub cells: Vec<Option<UnitCell>>,
    /// The row's roll-up over all units, when there is one.
    pub rollup: Option<UnitCell>,
}

/// One unit's result on one row (or a row's roll-up).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitCell {
    /// The result as the reader should see it: "91,2%", "Hạng 3", "Hoàn thành".
    pub actual: String,
    /// The result as a number in the unit of `actual` (91.2 for "91,2%"), written to the
    /// spreadsheet as a number; `None` for words.
    pub number: Option<f64>,
    pub status: Status,
    pub comment: String,
}

/// How one unit reported in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitReporting {
    pub unit: String,
    /// Reports the unit owed in the period.
    pub expected: u32,
    /// Reports received (on time or late).
    pub received: u32,
    /// Reports received by their due date.
    pub on_time: u32,
}

impl UnitReporting {
    /// A unit's reporting from the core's counts.
    pub fn new(unit: impl Into<String>, counts: Reporting) -> UnitReporting {
        UnitReporting {
            unit: unit.into(),
            expected: counts.expected,
            received: counts.received,
            on_time: counts.on_time,
        }
    }

    /// The counts, as the core computes rates from them.
    pub fn counts(&self) -> Reporting {
        Reporting { expected: self.expected, received: self.received, on_time: self.on_time }
    }

    /// Received over expected, as a fraction; `None` when nothing was expected.
    pub fn received_rate(&self) -> Option<f64> {
        self.counts().completeness()
    }

    /// On time over expected, as a fraction; `None` when nothing was expected.
    pub fn on_time_rate(&self) -> Option<f64> {
        self.counts().timeliness()
    }

    /// The sum of several units' reporting, named `unit`.
    pub fn total<'a>(unit: &str, all: impl IntoIterator<Item = &'a UnitReporting>) -> UnitReporting {
        let mut sum = Reporting::default();
        for one in all {
            sum.merge(one.counts());
        }
        UnitReporting::new(unit, sum)
    }
}

impl ConsolidatedReport {
    /// The plan's number and issuer in one line ("Số 123/KH-UBND ngày 05/02/2026 của Ủy ban
    /// nhân dân tỉnh Ninh Bình"), or whichever of the two is known.
    pub fn reference_line(&self) -> Option<String> {
        match (&self.plan_reference, &self.issuer) {
            (Some(reference), Some(issuer)) => Some(format!("{reference} của {issuer}")),
            (Some(one), None) | (None, Some(one)) => Some(one.clone()),
            (None, None) => None,
        }
    }

    /// Refuses a report whose shape the exporters cannot draw, naming the row or unit at fault.
    pub fn check(&self) -> Result<(), ExportError> {
        for (index, row) in self.rows.iter().enumerate() {
            if row.cells.len() != self.units.len() {
                return Err(ExportError::CellCount {
                    row: index + 1,
                    line: row.line,
                    text: short(&row.text),
                    found: row.cells.len(),
                    expected: self.units.len(),
                });
            }
            let numbers = row.cells.iter().flatten().chain(&row.rollup).filter_map(|cell| cell.number);
            if let Some(bad) = numbers.into_iter().find(|n| !n.is_finite()) {
                return Err(ExportError::NotANumber { line: row.line, text: short(&row.text), value: bad });
            }
        }
        for r in &self.reporting {
            if r.on_time > r.received || r.received > r.expected {
                return Err(ExportError::Reporting {
                    unit: r.unit.clone(),
                    detail: format!(
                        "{} expected, {} received, {} on time; expected on time ≤ received ≤ expected",
                        r.expected, r.received, r.on_time
                    ),
                });
            }
        }
        Ok(())
    }
}

/// The first words of a row's text, enough to find it in an error message.
fn short(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

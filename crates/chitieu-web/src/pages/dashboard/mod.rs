//! The dashboards: a plan's overview (`/tong-quan/{plan}`), its heat map of units × indicators
//! (`/ban-do-nhiet/{plan}`), one indicator (`/chi-tieu/{plan}/{item}`) and one unit's scorecard
//! (`/don-vi/{org}`). Each is drawn from a [`chitieu_app::evaluation::Evaluated`] board; this module holds
//! what they share: the period asked for and its picker, statuses as chips, section names, and
//! the chart data a page embeds for `static/charts.js`.

mod chart;
mod heatmap;
mod indicator;
mod overview;
mod scorecard;

use std::fmt::Write as _;

use chitieu_core::display::number_vi;
use chitieu_core::evaluate::Status;
use chitieu_core::period::Period;
use chitieu_core::plan::Date;
use chitieu_core::registry::OrgId;
use chitieu_core::{ItemKind, Plan};
use chitieu_store::Session;
use serde::Deserialize;

use crate::error::WebError;
use crate::state::AppState;
use chitieu_app::access::may_read_scorecard;
use chitieu_app::evaluation::Evaluated;

pub(crate) use chart::{Chart, Dataset, Kind};

/// The dashboards' routes.
pub(crate) fn routes() -> axum::Router<AppState> {
    use axum::routing::get;
    axum::Router::new()
        .route("/tong-quan", get(overview::plans))
        .route("/tong-quan/{plan_id}", get(overview::show))
        .route("/ban-do-nhiet/{plan_id}", get(heatmap::show))
        .route("/chi-tieu/{plan_id}/{item_key}", get(indicator::show))
        .route("/don-vi/{org_id}", get(scorecard::show))
}

/// `?ky=2026-Q2` (or "Quý II/2026", "2026"); the quarter of today when absent.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Ky {
    ky: Option<String>,
}

/// The period a dashboard shows and the day it is judged on (the app clock's today).
pub(crate) fn period_asked(state: &AppState, ky: Option<&str>) -> Result<(Period, Date), WebError> {
    let today = state.clock.today();
    let period = match ky.map(str::trim).filter(|k| !k.is_empty()) {
        Some(text) => Period::parse(text).ok_or_else(|| {
            WebError::Invalid(format!("Kỳ \"{text}\" không hợp lệ: ghi 2026-Q2, Quý II/2026 hoặc 2026."))
        })?,
        None => Period::of_day(today),
    };
    Ok((period, today))
}

/// One period a picker offers.
#[derive(Debug, Clone)]
pub(crate) struct PeriodOption {
    pub(crate) code: String,
    pub(crate) label: String,
    pub(crate) selected: bool,
}

/// The period picker: every quarter and year from the plan's first year to this year (or the
/// period shown, if later), with the neighbouring quarters as links.
#[derive(Debug, Clone)]
pub(crate) struct Picker {
    pub(crate) code: String,
    pub(crate) label: String,
    pub(crate) options: Vec<PeriodOption>,
    pub(crate) previous: Option<PeriodOption>,
    pub(crate) next: Option<PeriodOption>,
}

impl Picker {
    pub(crate) fn new(plan_years: &[i32], period: Period, today: Date) -> Self {
        let first = plan_years.iter().copied().min().unwrap_or(today.year).min(period.year).min(today.year);
        let last = today.year.max(period.year);
        let option = |p: Period| PeriodOption { code: p.to_string(), label: p.label_vi(), selected: p == period };
        let quarters: Vec<Period> =
            (first..=last).flat_map(|year| (1..=4).filter_map(move |q| Period::quarter(year, q))).collect();
        let at = quarters.iter().position(|p| *p == period);
        let options = (first..=last)
            .flat_map(|year| (1..=4).filter_map(move |q| Period::quarter(year, q)).chain([Period::year(year)]))
            .map(option)
            .collect();
        Picker {
            code: period.to_string(),
            label: period.label_vi(),
            options,
            previous: at.and_then(|i| i.checked_sub(1)).and_then(|i| quarters.get(i)).copied().map(option),
            next: at.and_then(|i| quarters.get(i + 1)).copied().map(option),
        }
    }
}

/// The head of every dashboard: the plan, the tabs, the period picker (a GET form keeping the
/// page's other filters) and the day of judgement.
#[derive(Debug, Clone)]
pub(crate) struct Head {
    pub(crate) plan_id: i64,
    pub(crate) title: String,
    pub(crate) picker: Picker,
    pub(crate) as_of: String,
    /// The page's own address (the form's action).
    pub(crate) action: String,
    /// "overview", "heatmap", "indicator" or "unit".
    pub(crate) tab: &'static str,
    /// The page's other filters, kept when the period changes.
    pub(crate) hidden: Vec<(&'static str, String)>,
    pub(crate) previous: Option<(String, String)>,
    pub(crate) next: Option<(String, String)>,
}

impl Head {
    pub(crate) fn new(
        plan: &chitieu_store::StoredPlan,
        period: Period,
        today: Date,
        action: String,
        tab: &'static str,
        hidden: Vec<(&'static str, String)>,
    ) -> Self {
        let picker = Picker::new(&plan.plan.years, period, today);
        let kept = hidden.iter().fold(String::new(), |mut kept, (name, value)| {
            let _ = write!(kept, "&{name}={}", segment(value));
            kept
        });
        let href = |o: &PeriodOption| (format!("{action}?ky={}{kept}", o.code), o.label.clone());
        Head {
            plan_id: plan.id,
            title: plan.plan.title.clone(),
            previous: picker.previous.as_ref().map(href),
            next: picker.next.as_ref().map(href),
            picker,
            as_of: today.to_string(),
            action,
            tab,
            hidden,
        }
    }
}

/// A status as a page shows it: its words, a short form for dense tables, and its tone.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Chip {
    pub(crate) code: &'static str,
    pub(crate) label: &'static str,
    pub(crate) short: &'static str,
    pub(crate) tone: &'static str,
}

impl Chip {
    pub(crate) fn of(status: Status) -> Self {
        Chip { code: status.as_str(), label: status.label_vi(), short: short_vi(status), tone: status.tone().as_str() }
    }
}

/// The short status words of the heat map's cells (the legend and each cell's title give the
/// full words).
fn short_vi(status: Status) -> &'static str {
    match status {
        Status::Met => "Đạt",
        Status::OnTrack => "Đúng TĐ",
        Status::AtRisk => "Nguy cơ",
        Status::NotMet => "Không đạt",
        Status::NotReported => "Chưa BC",
        Status::Overdue => "Quá hạn",
        Status::Done => "Xong",
        Status::InProgress => "Đang làm",
        Status::Late => "Chậm",
        Status::NotJudged => "—",
    }
}

/// The colour a chart draws a status with (the stylesheet's tones, one shade per status).
pub(crate) fn status_colour(status: Status) -> &'static str {
    match status {
        Status::Met => "#2e7d32",
        Status::Done => "#1b5e20",
        Status::OnTrack => "#7cb342",
        Status::AtRisk => "#f9a825",
        Status::InProgress => "#fbc02d",
        Status::NotReported => "#90a4ae",
        Status::NotMet => "#c62828",
        Status::Late => "#ad1457",
        Status::Overdue => "#7f0000",
        Status::NotJudged => "#bdbdbd",
    }
}

/// A share as a percentage with a decimal comma ("66,7%"); "—" when there is none.
pub(crate) fn share_vi(share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_owned(), |s| crate::pages::values::percent(s, 1.0))
}

/// A composite index (0..1) with three decimals ("0,853"); "—" when the unit has none.
pub(crate) fn index_vi(index: Option<f64>) -> String {
    index.map_or_else(|| "—".to_owned(), |i| number_vi((i * 1000.0).round() / 1000.0))
}

/// A section's name as the plan heads it ("I. Phát triển hạ tầng"), or "(Không thuộc mục nào)".
pub(crate) fn section_vi(plan: &Plan, section: &str) -> String {
    if section.is_empty() {
        return "(Không thuộc mục nào)".to_owned();
    }
    plan.items
        .iter()
        .find(|i| {
            i.kind == ItemKind::Group && i.section.as_deref() == Some(section) && i.code.as_deref() == Some(section)
        })
        .map_or_else(|| format!("Mục {section}"), |heading| format!("{section}. {}", heading.text))
}

/// An item's code within its plan ("II.3": section and code; a heading's own code once) and
/// its words, for links and headers.
pub(crate) fn item_label(plan: &Plan, position: usize) -> (String, String) {
    plan.items.get(position).map_or_else(Default::default, |item| (item_code(item), item.text.clone()))
}

pub(crate) fn item_code(item: &chitieu_core::Item) -> String {
    match (item.section.as_deref(), item.code.as_deref()) {
        (Some(section), Some(code)) if section != code => format!("{section}.{code}"),
        (_, Some(code)) | (Some(code), None) => code.to_owned(),
        (None, None) => "—".to_owned(),
    }
}

/// Text as one percent-encoded path segment (item keys hold `#` and `:`).
pub(crate) fn segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// The indicator page of an item.
pub(crate) fn item_link(plan_id: i64, item_key: &str, period: Period) -> String {
    format!("/chi-tieu/{plan_id}/{}?ky={period}", segment(item_key))
}

/// A unit's scorecard for a plan and period, when the user may read it.
pub(crate) fn unit_link(session: &Session, org: OrgId, plan_id: i64, period: Period) -> Option<String> {
    may_read_scorecard(session, org).is_ok().then(|| format!("/don-vi/{org}?ke-hoach={plan_id}&ky={period}"))
}

/// The chart scripts a dashboard loads (deferred, after the content).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scripts {
    pub(crate) chart: &'static str,
    pub(crate) charts: &'static str,
}

impl Scripts {
    pub(crate) fn new() -> Self {
        Scripts { chart: crate::assets::CHART_HREF, charts: crate::assets::charts_href() }
    }
}

/// The board of a plan for a period, as of `today`.
pub(crate) async fn judged(state: &AppState, plan_id: i64, period: Period, today: Date) -> Result<Evaluated, WebError> {
    Ok(chitieu_app::evaluation::evaluate(&state.store, plan_id, period, today).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_keys_become_one_path_segment() {
        assert_eq!(segment("3:phu-luc-1#1.5"), "3%3Aphu-luc-1%231.5");
        assert_eq!(item_link(7, "a b#2", Period::year(2026)), "/chi-tieu/7/a%20b%232?ky=2026");
    }

    #[test]
    fn shares_and_indexes_use_decimal_commas() {
        assert_eq!(share_vi(Some(2.0 / 3.0)), "66,7%");
        assert_eq!(share_vi(None), "—");
        assert_eq!(index_vi(Some(0.85349)), "0,853");
    }

    #[test]
    fn the_picker_steps_across_years_and_marks_the_period_shown() {
        let plan = [2026];
        let today = Date { year: 2026, month: 5, day: 2 };
        let picker = Picker::new(&plan, Period::quarter(2026, 1).expect("Q1"), today);
        assert_eq!(picker.previous.map(|p| p.code), None);
        assert_eq!(picker.next.map(|p| p.label), Some("Quý II/2026".to_owned()));
        assert_eq!(picker.options.iter().filter(|o| o.selected).count(), 1);
        assert_eq!(picker.options.len(), 5, "four quarters and the year");
        let later = Picker::new(&plan, Period::quarter(2027, 1).expect("Q1"), today);
        assert_eq!(later.previous.map(|p| p.code), Some("2026-Q4".to_owned()));
    }
}

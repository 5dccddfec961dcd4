//! One indicator (`/chi-tieu/{plan}/{item_key}?ky=…`): the item as the plan states it, its
//! targets by year, the roll-up across units over every period with sent values (a line chart
//! with the target as a second line, and its table), the trajectory toward a multi-year target
//! (Open SDG's progress measure), and each unit's value and status for the period shown.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use chitieu_core::display::{number_vi, target_vi};
use chitieu_core::evaluate::{Point, Trajectory, target_for};
use chitieu_core::measure::{Direction, Measure};
use chitieu_core::period::Period;
use chitieu_core::{Item, Role};
use chitieu_store::{ReportStatus, StoredItem, ValueQuery};

use super::{Chart, Chip, Dataset, Head, Kind, Ky, judged, period_asked, segment, unit_link};
use chitieu_app::access::may_read_unit_values;
use chitieu_app::evaluation::item_history;

use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::pages::values::measure_vi;
use crate::pages::{Chrome, html};
use crate::state::AppState;

/// The item as its plan states it.
struct Facts {
    code: String,
    text: String,
    unit: String,
    measure: &'static str,
    monitor: String,
    lead: String,
    coordinate: String,
    deadline: String,
    source: String,
}

struct TargetLine {
    year: String,
    subject: String,
    target: String,
}

/// The roll-up of one period.
struct PeriodLine {
    label: String,
    pooled: String,
    units: u32,
    target: String,
    status: Option<Chip>,
}

/// Open SDG's progress measure toward the next multi-year target.
struct Course {
    band: Option<Chip>,
    base: String,
    current: String,
    target: String,
    observed: String,
    required: String,
    ratio: String,
    /// Why the measure could not be computed.
    problem: Option<String>,
}

struct UnitLine {
    name: String,
    link: Option<String>,
    value: String,
    status: Chip,
    comment: String,
}

#[derive(Template)]
#[template(path = "dashboard_indicator.html")]
struct IndicatorPage {
    chrome: Chrome,
    scripts: super::Scripts,
    head: Head,
    facts: Facts,
    targets: Vec<TargetLine>,
    periods: Vec<PeriodLine>,
    chart: Option<String>,
    multi_year: bool,
    course: Option<Course>,
    units: Vec<UnitLine>,
    /// How many units owing the item this user may not read the values of.
    hidden: usize,
}

fn names(item: &StoredItem, role: Role) -> String {
    let names: Vec<&str> = item.assignments.iter().filter(|a| a.role == role).map(|a| a.raw.as_str()).collect();
    if names.is_empty() { "—".to_owned() } else { names.join("; ") }
}

fn facts(item: &Item, stored: &StoredItem, file: &str) -> Facts {
    Facts {
        code: super::item_code(item),
        text: item.text.clone(),
        unit: item.unit.clone().unwrap_or_else(|| "—".to_owned()),
        measure: measure_vi(stored.measure),
        monitor: names(stored, Role::Monitor),
        lead: names(stored, Role::Lead),
        coordinate: names(stored, Role::Coordinate),
        deadline: item.deadline.as_ref().map_or_else(|| "—".to_owned(), chitieu_core::Deadline::describe_vi),
        source: format!("{file}, dòng {}", item.line),
    }
}

/// A period's place on the time line: its quarters, then the year.
fn chronological(period: Period) -> (i32, u8) {
    (period.year, period.quarter.unwrap_or(5))
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((plan_id, item_key)): Path<(i64, String)>,
    Query(ky): Query<Ky>,
) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let (period, today) = period_asked(&state, ky.ky.as_deref())?;
    let evaluated = judged(&state, plan_id, period, today).await?;
    let plan = &evaluated.plan;
    let position = plan
        .items
        .iter()
        .position(|i| i.key == item_key)
        .ok_or_else(|| WebError::NotFound("Kế hoạch này không có chỉ tiêu được yêu cầu.".into()))?;
    let (item, stored) = (&plan.plan.items[position], &plan.items[position]);

    let query =
        ValueQuery { plan_keys: vec![plan.key.clone()], item_keys: vec![item_key.clone()], ..ValueQuery::default() };
    let values = state.store.reported_values(&query).await?;
    let mut periods: Vec<Period> = values
        .iter()
        .filter(|v| matches!(v.status, ReportStatus::Submitted | ReportStatus::Approved))
        .map(|v| v.period)
        .collect();
    periods.sort_by_key(|p| chronological(*p));
    periods.dedup();
    let history = item_history(&state.store, plan, &item_key, &periods, today).await?;
    let target_value = |p: Period| target_for(&item.targets, None, p).and_then(|t| t.value);
    let lines = history
        .iter()
        .map(|(p, aggregate, judgement)| PeriodLine {
            label: p.label_vi(),
            pooled: aggregate.observation().label_vi(),
            units: aggregate.units,
            target: target_for(&item.targets, None, *p).map_or_else(|| "—".to_owned(), target_vi),
            status: Some(Chip::of(judgement.status)),
        })
        .collect();
    let numbers: Vec<(Period, Option<f64>)> = history.iter().map(|(p, a, _)| (*p, a.observation().value())).collect();
    let chart = numbers.iter().any(|(_, v)| v.is_some()).then(|| {
        let mut chart =
            Chart::new(Kind::Line, numbers.iter().map(|(p, _)| p.label_vi()).collect(), &axis_title(item, stored));
        chart.percent = stored.measure == Measure::Ratio;
        chart.reverse = stored.measure == Measure::Rank;
        chart.datasets = vec![
            Dataset {
                label: "Giá trị tổng hợp".into(),
                data: numbers.iter().map(|(_, v)| *v).collect(),
                colour: "#0b4f8a",
                dashed: false,
            },
            Dataset {
                label: "Chỉ tiêu".into(),
                data: numbers.iter().map(|(p, _)| target_value(*p)).collect(),
                colour: "#a4161a",
                dashed: true,
            },
        ];
        chart.json()
    });
    let multi_year = item.targets.iter().filter(|t| t.year.is_some()).count() > 1;
    let course = multi_year.then(|| course(item, stored.direction, &numbers));

    let row = evaluated.board.rows.iter().find(|r| r.key == item_key);
    // The units owing the item whose values this user may not read.
    let hidden = row.map_or(0, |row| {
        let units = evaluated.board.units.iter().zip(&row.cells);
        units.filter(|(org, cell)| cell.is_some() && !may_read_unit_values(session, **org)).count()
    });
    let units = row
        .map(|row| {
            evaluated
                .board
                .units
                .iter()
                .zip(&row.cells)
                .filter(|(org, _)| may_read_unit_values(session, **org))
                .filter_map(|(org, cell)| {
                    let cell = cell.as_ref()?;
                    let parts: Vec<String> = cell
                        .parts
                        .iter()
                        .filter_map(|p| {
                            let value = p.observation.as_ref()?.label_vi();
                            Some(p.subject.as_ref().map_or_else(|| value.clone(), |s| format!("{s}: {value}")))
                        })
                        .collect();
                    Some(UnitLine {
                        name: evaluated.org_name(*org),
                        link: unit_link(session, *org, plan_id, period),
                        value: if parts.is_empty() { "—".to_owned() } else { parts.join("; ") },
                        status: Chip::of(cell.status),
                        comment: cell.comment.clone().unwrap_or_default(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let action = format!("/chi-tieu/{plan_id}/{}", segment(&item_key));
    let page = IndicatorPage {
        chrome: Chrome::of(session),
        scripts: super::Scripts::new(),
        head: Head::new(plan, period, today, action, "indicator", Vec::new()),
        facts: facts(item, stored, &plan.plan.source.file),
        targets: item
            .targets
            .iter()
            .map(|t| TargetLine {
                year: t.year.map_or_else(|| "—".to_owned(), |y| y.to_string()),
                subject: t.subject.clone().unwrap_or_default(),
                target: target_vi(t),
            })
            .collect(),
        periods: lines,
        chart,
        multi_year,
        course,
        units,
        hidden,
    };
    Ok(html(&page))
}

fn axis_title(item: &Item, stored: &StoredItem) -> String {
    match (stored.measure, item.unit.as_deref()) {
        (Measure::Ratio, _) => "%".to_owned(),
        (_, Some(unit)) => unit.to_owned(),
        _ => measure_vi(stored.measure).to_owned(),
    }
}

/// The trajectory from the first year with a value to the latest, toward the target that
/// applies after it: each year's value is its latest period's.
fn course(item: &Item, direction: Direction, numbers: &[(Period, Option<f64>)]) -> Course {
    let mut years: Vec<Point> = Vec::new();
    for (period, value) in numbers {
        let Some(value) = value else { continue };
        match years.last_mut() {
            Some(last) if last.year == period.year => last.value = *value,
            _ => years.push(Point { year: period.year, value: *value }),
        }
    }
    let empty = |problem: String| Course {
        band: None,
        base: "—".into(),
        current: "—".into(),
        target: "—".into(),
        observed: "—".into(),
        required: "—".into(),
        ratio: "—".into(),
        problem: Some(problem),
    };
    let (Some(base), Some(current)) = (years.first().copied(), years.last().copied()) else {
        return empty("Chưa có số liệu để tính lộ trình.".into());
    };
    let Some(target) = target_for(&item.targets, None, Period::year(current.year)).filter(|t| t.year.is_some()) else {
        return empty("Không có chỉ tiêu theo năm sau năm hiện tại.".into());
    };
    let Some(trajectory) = Trajectory::toward(target, direction, base, current) else {
        return empty("Chỉ tiêu này không tính được lộ trình (không phải chỉ tiêu số).".into());
    };
    let point = |p: Point| format!("{} (năm {})", number_vi(round(p.value, 2)), p.year);
    let growth =
        |g: Option<f64>| g.map_or_else(|| "—".to_owned(), |g| format!("{}%/năm", number_vi(round(g * 100.0, 2))));
    match trajectory.progress() {
        Ok(progress) => Course {
            band: Some(Chip {
                code: "band",
                label: progress.band.label_vi(),
                short: progress.band.label_vi(),
                tone: progress.band.tone().as_str(),
            }),
            base: point(trajectory.base),
            current: point(trajectory.current),
            target: point(trajectory.target),
            observed: growth(progress.observed_growth),
            required: growth(progress.required_growth),
            ratio: progress.ratio.map_or_else(|| "—".to_owned(), |r| number_vi(round(r, 2))),
            problem: None,
        },
        Err(e) => Course {
            base: point(trajectory.base),
            current: point(trajectory.current),
            target: point(trajectory.target),
            ..empty(format!("Chưa tính được lộ trình: {e}."))
        },
    }
}

fn round(value: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (value * scale).round() / scale
}

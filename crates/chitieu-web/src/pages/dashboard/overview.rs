//! The overview of a plan for a period (`/tong-quan/{plan}?ky=2026-Q2`): status counts by
//! section (stacked bars and their table), the totals, the laggards, completeness and
//! timeliness of reporting, the ranking, and links to the heat map, each indicator and the
//! exports. `/tong-quan` lists the plans to choose from.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use chitieu_core::board::Board;
use chitieu_core::evaluate::{Reporting, Status, StatusCounts};
use chitieu_core::period::Period;
use chitieu_store::Session;

use super::{
    Chart, Chip, Dataset, Head, Kind, Ky, Scripts, index_vi, item_label, item_link, judged, period_asked, section_vi,
    share_vi, unit_link,
};
use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::pages::{Chrome, html};
use crate::state::AppState;
use chitieu_app::evaluation::Evaluated;

/// One section's line of the status table: a count per status shown.
struct SectionLine {
    name: String,
    counts: Vec<u32>,
    total: u32,
    share_met: String,
}

/// A unit behind: its report missing or late, or items not met, late or at risk.
struct Laggard {
    name: String,
    link: Option<String>,
    overdue: u32,
    not_met: u32,
    late: u32,
    at_risk: u32,
    report: &'static str,
}

/// A unit's (or the whole plan's) reporting: expected, received, on time and the rates.
struct ReportingLine {
    name: String,
    link: Option<String>,
    expected: u32,
    received: u32,
    on_time: u32,
    completeness: String,
    timeliness: String,
}

struct RankLine {
    place: u32,
    name: String,
    link: Option<String>,
    index: String,
}

/// One indicator or task of the board, with its roll-up.
struct IndicatorLine {
    code: String,
    text: String,
    link: String,
    pooled: String,
    status: Option<Chip>,
    units: usize,
    met: u32,
}

#[derive(Template)]
#[template(path = "dashboard_overview.html")]
struct OverviewPage {
    chrome: Chrome,
    scripts: Scripts,
    head: Head,
    statuses: Vec<Chip>,
    sections: Vec<SectionLine>,
    total: SectionLine,
    chart: String,
    laggards: Vec<Laggard>,
    reporting: Vec<ReportingLine>,
    overall: ReportingLine,
    ranking: Vec<RankLine>,
    indicators: Vec<IndicatorLine>,
}

struct PlanChoice {
    id: i64,
    title: String,
}

#[derive(Template)]
#[template(path = "dashboard_plans.html")]
struct PlansPage {
    chrome: Chrome,
    plans: Vec<PlanChoice>,
}

/// `/tong-quan`: the plans in force, each linking to its overview.
pub(crate) async fn plans(State(state): State<AppState>, user: SignedIn) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let plans =
        state.store.current_plans().await?.into_iter().map(|p| PlanChoice { id: p.id, title: p.title }).collect();
    Ok(html(&PlansPage { chrome: Chrome::of(session), plans }))
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(plan_id): Path<i64>,
    Query(ky): Query<Ky>,
) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let (period, today) = period_asked(&state, ky.ky.as_deref())?;
    let evaluated = judged(&state, plan_id, period, today).await?;
    let board = &evaluated.board;
    let statuses: Vec<Status> = Status::ALL.into_iter().filter(|s| board.counts.get(*s) > 0).collect();
    let line = |name: String, counts: &StatusCounts| SectionLine {
        name,
        counts: statuses.iter().map(|s| counts.get(*s)).collect(),
        total: counts.total(),
        share_met: share_vi(counts.share_met()),
    };
    let sections: Vec<SectionLine> = board
        .sections
        .iter()
        .map(|(section, counts)| line(section_vi(&evaluated.plan.plan, section), counts))
        .collect();
    let page = OverviewPage {
        chrome: Chrome::of(session),
        scripts: Scripts::new(),
        head: Head::new(&evaluated.plan, period, today, format!("/tong-quan/{plan_id}"), "overview", Vec::new()),
        chart: section_chart(&sections, &statuses).json(),
        statuses: statuses.iter().copied().map(Chip::of).collect(),
        total: line("Tổng cộng".to_owned(), &board.counts),
        sections,
        laggards: laggards(&evaluated, session),
        reporting: board
            .summaries
            .iter()
            .map(|s| reporting_line(evaluated.org_name(s.org), unit_link(session, s.org, plan_id, period), s.reporting))
            .collect(),
        overall: reporting_line("Toàn kế hoạch".to_owned(), None, overall(board)),
        ranking: board
            .ranking
            .iter()
            .map(|r| RankLine {
                place: r.place,
                name: evaluated.org_name(r.key),
                link: unit_link(session, r.key, plan_id, period),
                index: index_vi(Some(r.value)),
            })
            .collect(),
        indicators: indicators(&evaluated, period),
    };
    Ok(html(&page))
}

fn section_chart(sections: &[SectionLine], statuses: &[Status]) -> Chart {
    let mut chart = Chart::new(Kind::StackedBars, sections.iter().map(|s| s.name.clone()).collect(), "Số mục");
    chart.datasets = statuses
        .iter()
        .enumerate()
        .map(|(i, status)| Dataset {
            label: status.label_vi().to_owned(),
            data: sections.iter().map(|s| Some(f64::from(s.counts[i]))).collect(),
            colour: super::status_colour(*status),
            dashed: false,
        })
        .collect();
    chart
}

fn reporting_line(name: String, link: Option<String>, reporting: Reporting) -> ReportingLine {
    ReportingLine {
        name,
        link,
        expected: reporting.expected,
        received: reporting.received,
        on_time: reporting.on_time,
        completeness: share_vi(reporting.completeness()),
        timeliness: share_vi(reporting.timeliness()),
    }
}

fn overall(board: &Board) -> Reporting {
    let mut all = Reporting::default();
    for summary in &board.summaries {
        all.merge(summary.reporting);
    }
    all
}

/// Units with a missing or late report or items not met, late or at risk: the worst first
/// (most items failing or unreported, then most at risk), then by name.
fn laggards(evaluated: &Evaluated, session: &Session) -> Vec<Laggard> {
    let board = &evaluated.board;
    let mut behind: Vec<Laggard> = board
        .summaries
        .iter()
        .filter_map(|s| {
            let late_report = s.reporting.received > s.reporting.on_time;
            let laggard = Laggard {
                name: evaluated.org_name(s.org),
                link: unit_link(session, s.org, evaluated.plan.id, board.period),
                overdue: s.counts.get(Status::Overdue),
                not_met: s.counts.get(Status::NotMet),
                late: s.counts.get(Status::Late),
                at_risk: s.counts.get(Status::AtRisk),
                report: if s.reporting.received < s.reporting.expected {
                    "Chưa nộp"
                } else if late_report {
                    "Nộp trễ hạn"
                } else {
                    "Đã nộp đúng hạn"
                },
            };
            let behind = laggard.overdue + laggard.not_met + laggard.late + laggard.at_risk > 0 || late_report;
            behind.then_some(laggard)
        })
        .collect();
    behind.sort_by(|a, b| {
        (b.overdue + b.not_met + b.late, b.at_risk)
            .cmp(&(a.overdue + a.not_met + a.late, a.at_risk))
            .then_with(|| a.name.cmp(&b.name))
    });
    behind
}

fn indicators(evaluated: &Evaluated, period: Period) -> Vec<IndicatorLine> {
    let plan = &evaluated.plan;
    evaluated
        .board
        .rows
        .iter()
        .map(|row| {
            let (code, text) = item_label(&plan.plan, row.item);
            IndicatorLine {
                code,
                text,
                link: item_link(plan.id, &row.key, period),
                pooled: row.rollup.as_ref().map_or_else(|| "—".to_owned(), |(a, _)| a.observation().label_vi()),
                status: row.rollup.as_ref().map(|(_, j)| Chip::of(j.status)),
                units: row.cells.iter().flatten().count(),
                met: row.counts.met(),
            }
        })
        .collect()
}

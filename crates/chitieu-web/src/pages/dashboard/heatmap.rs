//! The heat map of a plan for a period (`/ban-do-nhiet/{plan}?ky=…&muc=I&loai=commune`): one
//! row per unit, one column per indicator or task, each cell coloured by its status's tone and
//! labelled in words; filtered by section and by kind of unit (a GET form that htmx submits on
//! change, swapping only the table).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use chitieu_core::evaluate::{Observation, Status};
use chitieu_core::registry::OrgKind;
use serde::Deserialize;

use super::{Chip, Head, item_label, item_link, judged, period_asked, section_vi, unit_link};
use crate::auth::{READ_PLANS, SignedIn};
use crate::error::WebError;
use crate::pages::{Chrome, html};
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub(crate) struct Filters {
    ky: Option<String>,
    /// A section's code ("I"); empty or absent for all.
    muc: Option<String>,
    /// A kind of unit ("commune", "department" …); empty or absent for all.
    loai: Option<String>,
}

/// One choice of a filter.
struct Choice {
    code: String,
    label: String,
    selected: bool,
}

struct Column {
    code: String,
    text: String,
    link: String,
}

struct Cell {
    chip: Chip,
    title: String,
}

struct UnitRow {
    name: String,
    link: Option<String>,
    cells: Vec<Option<Cell>>,
}

#[derive(Template)]
#[template(path = "dashboard_heatmap.html")]
struct HeatmapPage {
    chrome: Chrome,
    head: Head,
    sections: Vec<Choice>,
    kinds: Vec<Choice>,
    columns: Vec<Column>,
    units: Vec<UnitRow>,
    legend: Vec<Chip>,
}

/// A kind of unit in words.
pub(crate) fn kind_vi(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::Province => "Tỉnh",
        OrgKind::Department => "Sở, ban, ngành",
        OrgKind::Commune => "Xã, phường",
        OrgKind::Office => "Phòng, văn phòng",
        OrgKind::PartyBody => "Cơ quan Đảng",
        OrgKind::Enterprise => "Doanh nghiệp",
        OrgKind::Police => "Công an",
        OrgKind::Bank => "Ngân hàng",
        OrgKind::School => "Trường học",
        OrgKind::Other => "Đơn vị khác",
    }
}

fn filled(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(plan_id): Path<i64>,
    Query(filters): Query<Filters>,
) -> Result<Response, WebError> {
    let session = user.require(READ_PLANS)?;
    let (period, today) = period_asked(&state, filters.ky.as_deref())?;
    let kind = match filled(filters.loai.as_deref()) {
        Some(code) => Some(OrgKind::parse(code).ok_or_else(|| {
            WebError::Invalid(format!("Loại đơn vị \"{code}\" không hợp lệ (ví dụ: commune, department)."))
        })?),
        None => None,
    };
    let evaluated = judged(&state, plan_id, period, today).await?;
    let (board, plan) = (&evaluated.board, &evaluated.plan.plan);
    let mut sections: Vec<&str> = Vec::new();
    for code in plan.items.iter().filter_map(|i| i.section.as_deref()) {
        if !sections.contains(&code) {
            sections.push(code);
        }
    }
    let section = filled(filters.muc.as_deref());
    if let Some(code) = section
        && !sections.contains(&code)
    {
        return Err(WebError::Invalid(format!("Kế hoạch không có mục \"{code}\".")));
    }
    let rows: Vec<_> = board
        .rows
        .iter()
        .filter(|row| section.is_none_or(|s| plan.items.get(row.item).and_then(|i| i.section.as_deref()) == Some(s)))
        .collect();
    let columns = rows
        .iter()
        .map(|row| {
            let (code, text) = item_label(plan, row.item);
            Column { code, text, link: item_link(plan_id, &row.key, period) }
        })
        .collect();
    let kind_of = |org| evaluated.orgs.get(&org).map(|o| o.kind);
    let mut shown = Vec::new();
    let units = board
        .units
        .iter()
        .enumerate()
        .filter(|(_, org)| kind.is_none_or(|k| kind_of(**org) == Some(k)))
        .filter_map(|(col, org)| {
            let name = evaluated.org_name(*org);
            let cells: Vec<Option<Cell>> = rows
                .iter()
                .map(|row| {
                    row.cells[col].as_ref().map(|cell| {
                        shown.push(cell.status);
                        let (code, _) = item_label(plan, row.item);
                        let value = cell.parts.iter().filter_map(|p| p.observation.as_ref()).map(Observation::label_vi);
                        let value: Vec<String> = value.collect();
                        let chip = Chip::of(cell.status);
                        let title = if value.is_empty() {
                            format!("{name} · {code}: {}", chip.label)
                        } else {
                            format!("{name} · {code}: {} ({})", chip.label, value.join("; "))
                        };
                        Cell { chip, title }
                    })
                })
                .collect();
            cells.iter().any(Option::is_some).then(|| UnitRow {
                link: unit_link(session, *org, plan_id, period),
                name,
                cells,
            })
        })
        .collect();
    let mut kinds: Vec<OrgKind> = board.units.iter().filter_map(|org| kind_of(*org)).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut hidden = Vec::new();
    if let Some(code) = section {
        hidden.push(("muc", code.to_owned()));
    }
    if let Some(kind) = kind {
        hidden.push(("loai", kind.as_str().to_owned()));
    }
    let page = HeatmapPage {
        chrome: Chrome::of(session),
        head: Head::new(&evaluated.plan, period, today, format!("/ban-do-nhiet/{plan_id}"), "heatmap", hidden),
        sections: sections
            .into_iter()
            .map(|code| Choice {
                code: code.to_owned(),
                label: section_vi(plan, code),
                selected: section == Some(code),
            })
            .collect(),
        kinds: kinds
            .into_iter()
            .map(|k| Choice { code: k.as_str().to_owned(), label: kind_vi(k).to_owned(), selected: kind == Some(k) })
            .collect(),
        columns,
        units,
        legend: Status::ALL.into_iter().filter(|s| shown.contains(s)).map(Chip::of).collect(),
    };
    Ok(html(&page))
}

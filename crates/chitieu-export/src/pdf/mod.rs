//! The consolidated report as an A4 landscape PDF (krilla, `DejaVu Sans` embedded): a running
//! header with the plan and period, "Trang i/N", the reporting summary and the results table
//! whose rows wrap inside their cells and never split across pages between two lines' halves.
//! A plan's appendix table ([`plan_document`]) is laid out and drawn by the same code.

mod appendix;
mod content;
mod draw;
mod fonts;
mod paginate;
mod table;
mod wrap;

use chitieu_core::Plan;
use krilla::Document;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;

use crate::error::ExportError;
use crate::report::ConsolidatedReport;
use draw::Frame;
use fonts::{Faces, Weight};
use paginate::Section;

/// A4 landscape, in points: the results table has seven columns and the item text needs room.
const PAGE_WIDTH: f32 = 841.89;
const PAGE_HEIGHT: f32 = 595.28;
const MARGIN_X: f32 = 36.0;
const MARGIN_TOP: f32 = 28.0;
const MARGIN_BOTTOM: f32 = 28.0;
const HEADER_SIZE: f32 = 8.5;
const FOOTER_SIZE: f32 = 7.5;
/// Space between the running header's rule and the body, and between body and footer.
const GAP: f32 = 10.0;

/// The consolidated report's bytes.
pub(crate) fn document(report: &ConsolidatedReport) -> Result<Vec<u8>, ExportError> {
    let faces = Faces::load()?;
    let frame = frame(report, &faces);
    let sections = content::sections(report, &faces, MARGIN_X, PAGE_WIDTH - 2.0 * MARGIN_X);
    let metadata = Metadata::new().title(format!("{} — {}", report.plan_title, report.period_label));
    render(&faces, &frame, frame.rule_y + GAP, sections, metadata)
}

/// A plan's appendix table: no running header, "Trang i/N" at the foot of each page.
pub(crate) fn plan_document(plan: &Plan) -> Result<Vec<u8>, ExportError> {
    let faces = Faces::load()?;
    let frame = Frame {
        left: MARGIN_X,
        right: PAGE_WIDTH - MARGIN_X,
        top: MARGIN_TOP,
        title_lines: Vec::new(),
        period: String::new(),
        header_size: HEADER_SIZE,
        rule_y: MARGIN_TOP,
        footer: String::new(),
        footer_size: FOOTER_SIZE,
        footer_baseline: PAGE_HEIGHT - MARGIN_BOTTOM,
    };
    let sections = appendix::sections(plan, &faces, MARGIN_X, PAGE_WIDTH - 2.0 * MARGIN_X);
    render(&faces, &frame, MARGIN_TOP, sections, Metadata::new().title(plan.title.clone()))
}

/// Lays `sections` out down A4 landscape pages from `body_top` and draws them in `frame`.
fn render(
    faces: &Faces,
    frame: &Frame,
    body_top: f32,
    sections: Vec<Section>,
    metadata: Metadata,
) -> Result<Vec<u8>, ExportError> {
    let body_bottom = frame.footer_baseline - FOOTER_SIZE - GAP;
    let pages = paginate::paginate(sections, body_top, body_bottom);
    let mut document = Document::new();
    document.set_metadata(metadata.language("vi".to_owned()).creator("chitieu".to_owned()));
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("A4 is a valid page size");
    for (i, rows) in pages.iter().enumerate() {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        draw::page(&mut surface, faces, frame, rows, i + 1, pages.len());
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| ExportError::Pdf { detail: e.to_string() })
}

/// The running header and footer: the plan's title in at most two lines beside the period.
fn frame(report: &ConsolidatedReport, faces: &Faces) -> Frame {
    let bold = faces.get(Weight::Bold);
    let right = PAGE_WIDTH - MARGIN_X;
    let period_width = bold.width(&report.period_label, HEADER_SIZE);
    let room = right - MARGIN_X - period_width - 24.0;
    let mut title_lines = wrap::wrap(bold, HEADER_SIZE, &report.plan_title, room);
    if title_lines.len() > 2 {
        title_lines.truncate(2);
        let last = &mut title_lines[1];
        while !last.is_empty() && bold.width(&format!("{last} …"), HEADER_SIZE) > room {
            last.pop();
        }
        last.push_str(" …");
    }
    let lines = title_lines.len().max(1) as f32;
    Frame {
        left: MARGIN_X,
        right,
        top: MARGIN_TOP,
        title_lines,
        period: report.period_label.clone(),
        header_size: HEADER_SIZE,
        rule_y: MARGIN_TOP + lines * HEADER_SIZE * 1.25 + 3.0,
        footer: format!("Ngày lập: {}", report.as_of),
        footer_size: FOOTER_SIZE,
        footer_baseline: PAGE_HEIGHT - MARGIN_BOTTOM,
    }
}

//! A plan's appendix as one ruled table under the plan's title: the number, the item's words,
//! its unit, its targets as written (one column per year under "Mức chỉ tiêu" when the plan sets
//! them by year), the units that monitor, direct, lead and coordinate it, and its deadline.
//! Monitor and direct columns appear only when some item names such a unit.

use chitieu_core::{Item, ItemKind, Plan, Role};

use super::content::{BODY, GROUP_FILL, HEADER_FILL, header_row};
use super::fonts::{Faces, Weight};
use super::paginate::Section;
use super::table::{Align, Cell, Open, PAD_X, Row, Style, columns, span};
use crate::headings::{COORDINATE, DEADLINE, DIRECT, ITEM, LEAD, LEVEL, MONITOR, STT, UNIT_OF_MEASURE};

/// What a column of the appendix holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Code,
    Text,
    Unit,
    /// The targets for one year, or all of them when the plan does not set them by year.
    Level(Option<i32>),
    Role(Role),
    Deadline,
}

impl Column {
    /// The column's width in points; `None` for the item's words, which take what is left.
    fn width(self, by_year: bool) -> Option<f32> {
        Some(match self {
            Column::Code => 34.0,
            Column::Text => return None,
            Column::Unit => 44.0,
            Column::Level(Some(_)) => 40.0,
            Column::Level(None) => 90.0,
            Column::Role(_) if by_year => 88.0,
            Column::Role(_) => 100.0,
            Column::Deadline => 62.0,
        })
    }

    fn label(self) -> String {
        match self {
            Column::Code => STT.to_owned(),
            Column::Text => ITEM.to_owned(),
            Column::Unit => UNIT_OF_MEASURE.to_owned(),
            Column::Level(Some(year)) => year.to_string(),
            Column::Level(None) => LEVEL.to_owned(),
            Column::Role(Role::Monitor) => MONITOR.to_owned(),
            Column::Role(Role::Direct) => DIRECT.to_owned(),
            Column::Role(Role::Lead) => LEAD.to_owned(),
            Column::Role(Role::Coordinate) => COORDINATE.to_owned(),
            Column::Deadline => DEADLINE.to_owned(),
        }
    }
}

/// The plan's title and its appendix table, across the page from `left`, `width` points wide.
pub(super) fn sections(plan: &Plan, faces: &Faces, left: f32, width: f32) -> Vec<Section> {
    let by_year = by_year(plan);
    let layout = layout(plan, by_year);
    let fixed: Vec<Option<f32>> = layout.iter().map(|c| c.width(by_year).map(|w| fitted(faces, plan, *c, w))).collect();
    let text_width = (width - fixed.iter().flatten().sum::<f32>()).max(120.0);
    let widths: Vec<f32> = fixed.iter().map(|w| w.unwrap_or(text_width)).collect();
    let boxes = columns(left, width, &widths[..widths.len() - 1]);

    let mut title =
        Row::new(vec![Cell::new(faces, left, width, &plan.title, Style::plain(12.0).bold().align(Align::Center))]);
    title.ruled = false;
    let mut rows: Vec<Row> = plan.items.iter().map(|item| item_row(faces, &layout, &boxes, item)).collect();
    if let Some(last) = rows.last_mut() {
        last.keep_with_next = false;
    }
    vec![Section { title: Some(title), header: header(faces, &layout, &boxes), rows }]
}

/// A column's width: `base`, or wider (up to 1.8 times) when one of its words would not fit
/// and so be cut in the middle ("Vườn ươm/Trung tâm" in a narrow unit column).
fn fitted(faces: &Faces, plan: &Plan, column: Column, base: f32) -> f32 {
    let face = faces.get(Weight::Regular);
    let widest = plan
        .items
        .iter()
        .flat_map(|item| cell_text(item, column).split_whitespace().map(|w| face.width(w, BODY)).collect::<Vec<_>>())
        .fold(0.0, f32::max);
    base.max((widest + 2.0 * PAD_X + 1.0).min(1.8 * base))
}

/// Whether every target names one of the plan's (several) years: then each year has a column.
fn by_year(plan: &Plan) -> bool {
    let targets = || plan.items.iter().flat_map(|i| &i.targets);
    plan.years.len() > 1 && targets().all(|t| t.year.is_some_and(|y| plan.years.contains(&y)))
}

fn layout(plan: &Plan, by_year: bool) -> Vec<Column> {
    let any = |role: Role| plan.items.iter().any(|i| !names(i, role).is_empty());
    let mut layout = vec![Column::Code, Column::Text, Column::Unit];
    if by_year {
        layout.extend(plan.years.iter().map(|y| Column::Level(Some(*y))));
    } else {
        layout.push(Column::Level(None));
    }
    layout.extend([Role::Monitor, Role::Direct].into_iter().filter(|r| any(*r)).map(Column::Role));
    layout.extend([Column::Role(Role::Lead), Column::Role(Role::Coordinate), Column::Deadline]);
    layout
}

/// One header row, or two when the years sit under "Mức chỉ tiêu": the other columns' cells
/// then run down both rows.
fn header(faces: &Faces, layout: &[Column], boxes: &[(f32, f32)]) -> Vec<Row> {
    let style = Style::plain(BODY).bold().align(Align::Center);
    let years: Vec<usize> = (0..layout.len()).filter(|&i| matches!(layout[i], Column::Level(Some(_)))).collect();
    let (Some(&first), Some(&last)) = (years.first(), years.last()) else {
        let labels: Vec<String> = layout.iter().map(|c| c.label()).collect();
        let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
        return vec![header_row(faces, boxes, &labels, style, HEADER_FILL)];
    };
    let (mut top, mut under) = (Vec::new(), Vec::new());
    for (i, (column, &(x, w))) in layout.iter().zip(boxes).enumerate() {
        if i == first {
            let (x, w) = span(boxes, first, last);
            top.push(Cell::new(faces, x, w, LEVEL, style));
        }
        if years.contains(&i) {
            under.push(Cell::new(faces, x, w, &column.label(), style));
        } else {
            top.push(Cell::new(faces, x, w, &column.label(), style).open(Open { below: true, above: false }));
            under.push(Cell::new(faces, x, w, "", style).open(Open { below: false, above: true }));
        }
    }
    [top, under]
        .into_iter()
        .map(|cells| {
            let mut row = Row::new(cells);
            row.fill = Some(HEADER_FILL);
            row
        })
        .collect()
}

fn item_row(faces: &Faces, layout: &[Column], boxes: &[(f32, f32)], item: &Item) -> Row {
    let plain = Style::plain(BODY);
    let code = code_label(item);
    let bare = item.targets.is_empty() && item.unit.is_none() && item.roles.is_empty() && item.deadline.is_none();
    if item.kind == ItemKind::Group && bare {
        // A heading: its number, and its words across the other columns.
        let (x, w) = span(boxes, 1, boxes.len() - 1);
        let mut row = Row::new(vec![
            Cell::new(faces, boxes[0].0, boxes[0].1, &code, plain.bold().align(Align::Center)),
            Cell::new(faces, x, w, &item.text, plain.bold()),
        ]);
        row.fill = Some(GROUP_FILL);
        row.keep_with_next = true;
        return row;
    }
    let style = if item.kind == ItemKind::Group { plain.bold() } else { plain };
    let cells = layout
        .iter()
        .zip(boxes)
        .map(|(column, &(x, w))| {
            let text = cell_text(item, *column);
            let align = match column {
                Column::Code | Column::Unit | Column::Level(_) | Column::Deadline => Align::Center,
                Column::Text | Column::Role(_) => Align::Left,
            };
            Cell::new(faces, x, w, &text, style.align(align))
        })
        .collect();
    Row::new(cells)
}

/// What an item shows in a column.
fn cell_text(item: &Item, column: Column) -> String {
    match column {
        Column::Code => code_label(item),
        Column::Text => item.text.clone(),
        Column::Unit => item.unit.clone().unwrap_or_default(),
        Column::Level(year) => level(item, year),
        Column::Role(role) => names(item, role).join("; "),
        Column::Deadline => item.deadline.as_ref().map(chitieu_core::Deadline::describe_vi).unwrap_or_default(),
    }
}

/// The number as plans print it: "I.", "2.1.", "a)".
fn code_label(item: &Item) -> String {
    match item.code.as_deref() {
        None => String::new(),
        Some(code) if code.chars().count() == 1 && code.chars().all(char::is_lowercase) => format!("{code})"),
        Some(code) => format!("{code}."),
    }
}

/// The item's targets for `year` (all of them for `None`) as written; "-" under a year the
/// item sets nothing for, as appendices print it.
fn level(item: &Item, year: Option<i32>) -> String {
    let written: Vec<&str> =
        item.targets.iter().filter(|t| year.is_none() || t.year == year).map(|t| t.raw.as_str()).collect();
    if written.is_empty() && year.is_some() && !item.targets.is_empty() { "-".to_owned() } else { written.join("; ") }
}

fn names(item: &Item, role: Role) -> &[String] {
    match role {
        Role::Monitor => &item.roles.monitor,
        Role::Lead => &item.roles.lead,
        Role::Coordinate => &item.roles.coordinate,
        Role::Direct => &item.roles.direct,
    }
}

#[cfg(test)]
mod tests {
    use chitieu_core::{Comparator, Deadline, Roles, Source, Target};

    use super::super::paginate::paginate;
    use super::*;

    fn item(code: &str, kind: ItemKind, text: &str, targets: Vec<Target>) -> Item {
        Item {
            section: Some("I".into()),
            code: Some(code.into()),
            kind,
            text: text.into(),
            unit: (!targets.is_empty()).then(|| "%".into()),
            targets,
            deadline: (kind != ItemKind::Group).then_some(Deadline::Month { year: 2030, month: 12 }),
            roles: if kind == ItemKind::Group {
                Roles::default()
            } else {
                Roles {
                    monitor: vec!["Sở Khoa học và Công nghệ".into()],
                    lead: vec!["Công an tỉnh".into()],
                    ..Roles::default()
                }
            },
            note: None,
            line: 1,
        }
    }

    fn target(year: i32, raw: &str) -> Target {
        Target {
            year: Some(year),
            op: Comparator::Ge,
            value: Some(60.0),
            value_max: None,
            unit: Some("%".into()),
            subject: None,
            raw: raw.into(),
        }
    }

    fn plan(items: Vec<Item>, years: Vec<i32>) -> Plan {
        Plan {
            source: Source { file: "kh.txt".into(), sha256: String::new() },
            title: "Phụ lục 1: Danh mục các chỉ tiêu".into(),
            years,
            regime: None,
            warnings: Vec::new(),
            items,
        }
    }

    fn texts(row: &Row) -> Vec<String> {
        row.cells.iter().map(|c| c.lines.join(" ")).collect()
    }

    #[test]
    fn targets_by_year_sit_under_mức_chỉ_tiêu_and_the_other_headings_run_down_both_rows() {
        let faces = Faces::load().expect("fonts");
        let items = vec![
            item("I", ItemKind::Group, "Phát triển hạ tầng", Vec::new()),
            item("1", ItemKind::Indicator, "Phủ sóng 5G trên dân số", vec![target(2025, "≥ 60"), target(2035, "100")]),
        ];
        let sections = sections(&plan(items, vec![2025, 2030, 2035]), &faces, 36.0, 770.0);
        let header = &sections[0].header;
        assert_eq!(header.len(), 2);
        assert_eq!(texts(&header[0]), [STT, ITEM, UNIT_OF_MEASURE, LEVEL, MONITOR, LEAD, COORDINATE, DEADLINE]);
        assert_eq!(texts(&header[1]), ["", "", "", "2025", "2030", "2035", "", "", "", ""]);
        assert!(header[0].cells[0].open.below && header[1].cells[0].open.above);
        let rows = &sections[0].rows;
        assert_eq!(texts(&rows[0]), ["I.", "Phát triển hạ tầng"]);
        assert_eq!(
            texts(&rows[1]),
            [
                "1.",
                "Phủ sóng 5G trên dân số",
                "%",
                "≥ 60",
                "-",
                "100",
                "Sở Khoa học và Công nghệ",
                "Công an tỉnh",
                "",
                "Tháng 12/2030"
            ]
        );
        let right = rows[1].cells.last().map(|c| c.x + c.width).unwrap_or_default();
        assert!((right - 806.0).abs() < 0.01, "{right}");
    }

    #[test]
    fn without_years_the_targets_share_one_column_and_unused_roles_have_none() {
        let faces = Faces::load().expect("fonts");
        let mut a = item("a", ItemKind::Indicator, "Tỷ lệ hồ sơ trực tuyến", vec![target(2026, "Đạt 100%")]);
        a.roles.monitor.clear();
        a.targets[0].year = None;
        let sections = sections(&plan(vec![a], vec![2026]), &faces, 36.0, 770.0);
        assert_eq!(texts(&sections[0].header[0]), [STT, ITEM, UNIT_OF_MEASURE, LEVEL, LEAD, COORDINATE, DEADLINE]);
        assert_eq!(texts(&sections[0].rows[0])[..4], ["a)", "Tỷ lệ hồ sơ trực tuyến", "%", "Đạt 100%"]);
    }

    #[test]
    fn a_narrow_column_widens_rather_than_cut_a_word() {
        let faces = Faces::load().expect("fonts");
        let mut a = item("1", ItemKind::Indicator, "Số vườn ươm", vec![target(2026, "≥ 2")]);
        a.unit = Some("Vườn ươm/Trung tâm/Doanh ngành".into());
        let sections = sections(&plan(vec![a], vec![2026]), &faces, 36.0, 770.0);
        let unit = &sections[0].rows[0].cells[2];
        assert!(unit.width > 44.0, "{}", unit.width);
        assert_eq!(unit.lines.join(" "), "Vườn ươm/Trung tâm/Doanh ngành");
    }

    #[test]
    fn a_long_appendix_repeats_its_header_on_every_page() {
        let faces = Faces::load().expect("fonts");
        let items = (1..=80)
            .map(|n| {
                item(
                    &n.to_string(),
                    ItemKind::Indicator,
                    &"Tỷ lệ hồ sơ được xử lý trực tuyến ".repeat(3),
                    vec![target(2026, "Đạt 100%")],
                )
            })
            .collect();
        let pages = paginate(sections(&plan(items, vec![2026]), &faces, 36.0, 770.0), 28.0, 550.0);
        assert!(pages.len() > 2, "{}", pages.len());
        for page in &pages[1..] {
            assert_eq!(page[0].row.cells[0].lines, [STT]);
        }
    }
}

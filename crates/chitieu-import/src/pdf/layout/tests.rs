//! Table reconstruction on pages made here, one feature each: a ruled grid, merged cells
//! across columns and rows, a table going on across a page break, two tables, a table
//! without rules, and text around tables.

use super::*;

/// A page with a grid ruled at `xs` × `ys`, leaving out the rules listed in `gaps` as
/// (row, column, vertical?) — the edge right of / below grid cell (row, column).
fn ruled(number: usize, xs: &[f32], ys: &[f32], gaps: &[(usize, usize, bool)]) -> Page {
    let mut rules = Vec::new();
    for (r, w) in ys.windows(2).enumerate() {
        for (c, v) in xs.windows(2).enumerate() {
            // The edge right of cell (r, c).
            if c + 1 < xs.len() - 1 && !gaps.contains(&(r, c, true)) {
                rules.push(Rule { x0: v[1] - 0.25, y0: w[0], x1: v[1] + 0.25, y1: w[1] });
            }
            // The edge below cell (r, c).
            if r + 1 < ys.len() - 1 && !gaps.contains(&(r, c, false)) {
                rules.push(Rule { x0: v[0], y0: w[1] - 0.25, x1: v[1], y1: w[1] + 0.25 });
            }
        }
    }
    let (left, right, top, bottom) = (xs[0], xs[xs.len() - 1], ys[0], ys[ys.len() - 1]);
    rules.push(Rule { x0: left, y0: top - 0.25, x1: right, y1: top + 0.25 });
    rules.push(Rule { x0: left, y0: bottom - 0.25, x1: right, y1: bottom + 0.25 });
    rules.push(Rule { x0: left - 0.25, y0: top, x1: left + 0.25, y1: bottom });
    rules.push(Rule { x0: right - 0.25, y0: top, x1: right + 0.25, y1: bottom });
    Page { number, width: 842.0, height: 595.0, words: Vec::new(), rules }
}

/// Puts `text` (words split at spaces, 6 pt a letter) at (x, y) as one line of 10 pt type.
fn put(page: &mut Page, x: f32, y: f32, text: &str) {
    let mut x = x;
    for word in text.split(' ') {
        let w = 6.0 * word.chars().count() as f32;
        page.words.push(Word { text: word.into(), x0: x, y0: y, x1: x + w, y1: y + 10.0, confidence: None });
        x += w + 3.0;
    }
}

fn rows(layout: &Layout) -> Vec<Vec<&str>> {
    layout
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Row { cells, .. } => Some(cells.iter().map(String::as_str).collect()),
            _ => None,
        })
        .collect()
}

fn tables(layout: &Layout) -> usize {
    layout.blocks.iter().filter(|b| matches!(b, Block::Table { .. })).count()
}

const XS: [f32; 5] = [50.0, 90.0, 350.0, 550.0, 780.0];

fn header(page: &mut Page) {
    put(page, 55.0, 105.0, "STT");
    put(page, 95.0, 105.0, "Nhiệm vụ");
    put(page, 355.0, 105.0, "Đơn vị chủ trì");
    put(page, 555.0, 105.0, "Đơn vị phối hợp");
}

#[test]
fn a_ruled_grid_gives_one_row_per_grid_row_with_multi_line_cells_joined() {
    let mut page = ruled(1, &XS, &[100.0, 120.0, 160.0, 180.0], &[]);
    header(&mut page);
    put(&mut page, 55.0, 125.0, "1");
    put(&mut page, 95.0, 125.0, "Xây dựng cơ sở dữ liệu");
    put(&mut page, 95.0, 138.0, "dùng chung");
    put(&mut page, 355.0, 125.0, "Sở Tài chính");
    put(&mut page, 55.0, 165.0, "2");
    put(&mut page, 95.0, 165.0, "Số hóa hồ sơ");
    let layout = layout(&[page]);
    assert_eq!(
        rows(&layout),
        [
            vec!["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp"],
            vec!["1", "Xây dựng cơ sở dữ liệu dùng chung", "Sở Tài chính", ""],
            vec!["2", "Số hóa hồ sơ", "", ""],
        ]
    );
    assert_eq!(tables(&layout), 1);
}

#[test]
fn a_cell_merged_down_applies_to_each_body_row_but_a_number_cell_does_not_repeat() {
    // Rows 1–3; the coordinate cell (column 3) spans rows 1–3, the number cell rows 2–3.
    let mut page = ruled(1, &XS, &[100.0, 120.0, 140.0, 160.0, 180.0], &[(1, 3, false), (2, 3, false), (2, 0, false)]);
    header(&mut page);
    put(&mut page, 55.0, 125.0, "1");
    put(&mut page, 95.0, 125.0, "a)");
    put(&mut page, 555.0, 145.0, "Sở Khoa học và Công nghệ");
    put(&mut page, 55.0, 145.0, "2");
    put(&mut page, 95.0, 145.0, "b)");
    put(&mut page, 95.0, 165.0, "c)");
    let layout = layout(&[page]);
    assert_eq!(
        rows(&layout)[1..],
        [
            vec!["1", "a)", "", "Sở Khoa học và Công nghệ"],
            vec!["2", "b)", "", "Sở Khoa học và Công nghệ"],
            vec!["", "c)", "", "Sở Khoa học và Công nghệ"],
        ]
    );
}

#[test]
fn a_cell_merged_across_keeps_its_text_in_its_first_column() {
    let mut page = ruled(1, &XS, &[100.0, 120.0, 140.0], &[(1, 0, true), (1, 1, true), (1, 2, true)]);
    header(&mut page);
    put(&mut page, 55.0, 125.0, "I. CHỈ TIÊU VỀ HẠ TẦNG SỐ");
    let layout = layout(&[page]);
    assert_eq!(rows(&layout)[1], ["I. CHỈ TIÊU VỀ HẠ TẦNG SỐ", "", "", ""]);
}

#[test]
fn a_table_going_on_at_the_top_of_the_next_page_is_the_same_table() {
    let mut one = ruled(1, &XS, &[100.0, 120.0, 140.0], &[]);
    header(&mut one);
    put(&mut one, 55.0, 125.0, "1");
    put(&mut one, 95.0, 125.0, "Nhiệm vụ cắt ngang");
    let mut two = ruled(2, &XS, &[40.0, 60.0, 80.0], &[]);
    put(&mut two, 400.0, 20.0, "2");
    put(&mut two, 95.0, 45.0, "trang");
    put(&mut two, 55.0, 65.0, "2");
    let layout = layout(&[one, two]);
    assert_eq!(tables(&layout), 1);
    assert_eq!(rows(&layout)[2], ["", "trang", "", ""]);
    assert_eq!(layout.page_of(layout.blocks.last().unwrap().line()), Some(2));
}

#[test]
fn a_table_after_text_is_a_new_table() {
    let mut one = ruled(1, &XS, &[100.0, 120.0, 140.0], &[]);
    header(&mut one);
    put(&mut one, 50.0, 200.0, "Phụ lục II");
    let mut second = ruled(1, &[50.0, 200.0, 400.0], &[220.0, 240.0, 260.0], &[]);
    put(&mut second, 55.0, 225.0, "Tên thiết bị");
    put(&mut second, 205.0, 225.0, "Số lượng");
    one.words.extend(second.words);
    one.rules.extend(second.rules);
    let layout = layout(&[one]);
    assert_eq!(tables(&layout), 2);
    assert!(layout.blocks.iter().any(|b| matches!(b, Block::Paragraph { text, .. } if text == "Phụ lục II")));
}

#[test]
fn a_table_without_rules_is_read_from_its_column_gaps_a_cell_s_second_line_in_its_row() {
    let mut page = Page { number: 1, width: 842.0, height: 595.0, ..Page::default() };
    put(&mut page, 50.0, 100.0, "TT");
    put(&mut page, 100.0, 100.0, "Nội dung");
    put(&mut page, 400.0, 100.0, "Đơn vị");
    put(&mut page, 400.0, 112.0, "chủ trì");
    put(&mut page, 600.0, 100.0, "Thời gian");
    put(&mut page, 50.0, 130.0, "1");
    put(&mut page, 100.0, 130.0, "Triển khai nền tảng");
    put(&mut page, 400.0, 130.0, "Sở Nội vụ");
    put(&mut page, 600.0, 130.0, "Quý II/2026");
    put(&mut page, 100.0, 142.0, "số của tỉnh");
    put(&mut page, 50.0, 160.0, "2");
    put(&mut page, 100.0, 160.0, "Đào tạo kỹ năng số");
    put(&mut page, 400.0, 160.0, "Sở Y tế");
    put(&mut page, 600.0, 160.0, "Năm 2026");
    let layout = layout(&[page]);
    assert_eq!(
        rows(&layout),
        [
            vec!["TT", "Nội dung", "Đơn vị chủ trì", "Thời gian"],
            vec!["1", "Triển khai nền tảng số của tỉnh", "Sở Nội vụ", "Quý II/2026"],
            vec!["2", "Đào tạo kỹ năng số", "Sở Y tế", "Năm 2026"],
        ]
    );
}

#[test]
fn text_outside_tables_comes_out_as_lines_in_reading_order() {
    let mut page = ruled(1, &XS, &[300.0, 320.0, 340.0], &[]);
    put(&mut page, 50.0, 100.0, "KẾ HOẠCH");
    put(&mut page, 50.0, 112.0, "Chuyển đổi số năm 2026");
    put(&mut page, 55.0, 305.0, "STT");
    put(&mut page, 50.0, 400.0, "Nơi nhận:");
    let layout = layout(&[page]);
    let kinds: Vec<String> = layout
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { text, .. } => text.clone(),
            Block::Row { cells, .. } => format!("row {}", cells[0]),
            Block::Table { .. } => "table".into(),
        })
        .collect();
    assert_eq!(kinds, ["KẾ HOẠCH", "Chuyển đổi số năm 2026", "table", "row STT", "Nơi nhận:"]);
}

#[test]
fn scanned_rules_running_a_little_past_the_border_add_no_sliver_row_or_column() {
    // A two-row header whose "Đơn vị chủ trì" spans both rows; the column rules start 2.6 pt
    // above the top rule and the top rule runs 2.6 pt past the right border, as on a scan.
    let mut page = ruled(1, &XS, &[100.0, 120.0, 140.0, 160.0], &[(0, 0, false), (0, 1, false), (0, 2, false)]);
    for r in &mut page.rules {
        if r.x1 - r.x0 < 1.0 {
            r.y0 -= 2.6;
        } else if (r.y0 - 99.75).abs() < 0.01 {
            r.x1 += 2.6;
        }
    }
    header(&mut page);
    put(&mut page, 555.0, 125.0, "Đơn vị phối hợp");
    put(&mut page, 55.0, 145.0, "1");
    put(&mut page, 95.0, 145.0, "Số hóa hồ sơ");
    let layout = layout(&[page]);
    assert_eq!(
        rows(&layout),
        [
            vec!["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp"],
            vec!["", "", "", "Đơn vị phối hợp"],
            vec!["1", "Số hóa hồ sơ", "", ""],
        ]
    );
}

//! The .docx and .xlsx readers on the committed fixtures (fixtures/office/, built from the
//! seeds by `tests/office_fixtures.rs`) and on small documents made here for one feature each.

use std::io::{Cursor, Write};

use crate::{Block, ImportError, docx, xlsx};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../fixtures/office/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn row(line: usize, cells: &[&str]) -> Block {
    Block::Row { line, cells: cells.iter().map(|c| (*c).to_owned()).collect() }
}

fn paragraph(line: usize, text: &str) -> Block {
    Block::Paragraph { line, text: text.into() }
}

fn find<'a>(blocks: &'a [Block], first_cell: &str, nth: usize) -> &'a Block {
    blocks
        .iter()
        .filter(|b| matches!(b, Block::Row { cells, .. } if cells[0] == first_cell))
        .nth(nth)
        .unwrap_or_else(|| panic!("no row {first_cell} #{nth}"))
}

const DIRECT: &str = "Trưởng bộ phận một cửa liên thông; Chủ tịch UBND các phường, xã";
const KHCN: &str = "Sở Khoa học và Công nghệ";

#[test]
fn docx_001_has_its_titles_a_two_line_header_and_body_merges_repeated() {
    let blocks = docx::read_blocks("001.docx", &fixture("001.docx")).unwrap();
    assert_eq!(
        blocks[..3],
        [
            paragraph(1, "**Phụ lục 01:**"),
            paragraph(2, "**Phân công phụ trách theo dõi, kiểm tra, đôn đốc thực hiện các chỉ tiêu**"),
            paragraph(3, "(Kèm theo Kế hoạch số /KH-BCĐ ngày /5/2023 của Ban Chỉ đạo chuyển đổi số thành phố)"),
        ]
    );
    assert_eq!(
        blocks[3],
        row(4, &["Stt", "Nội dung chỉ tiêu", "Phân công thực hiện", "", "", "Thời gian hoàn thành", "Ghi chú"])
    );
    assert_eq!(blocks[4], row(5, &["", "", "Trực tiếp Chỉ đạo", "Đơn vị chủ trì", "Đơn vị phối hợp", "", ""]));
    assert_eq!(blocks[5], row(6, &["I.", "Dữ liệu số", "", "", "", "", ""]));
    // A cell of two paragraphs ("…đơn vị;" / "UBND…") reads as one text.
    let Block::Row { line: 8, cells } = &blocks[7] else { panic!("{:?}", blocks[7]) };
    assert_eq!(cells[4], "Các phòng, đơn vị; UBND các phường, xã và các đơn vị liên quan");
    // II.1–II.4 share one "Trực tiếp Chỉ đạo" cell merged down: each row has its text.
    assert_eq!(blocks.len(), 3 + 2 + 12);
    for nth in 1..5 {
        let Block::Row { cells, .. } = find(&blocks, &format!("{nth}."), 1) else { unreachable!() };
        assert_eq!(cells[2], DIRECT, "II.{nth}");
    }
    assert_eq!(blocks[16].line(), 17);
}

#[test]
fn docx_003_reads_mức_chỉ_tiêu_over_five_years() {
    let blocks = docx::read_blocks("003.docx", &fixture("003.docx")).unwrap();
    assert_eq!(
        blocks[..2],
        [
            paragraph(1, "**Phụ lục 1: Danh mục các chỉ tiêu và phân công tổ chức thực hiện**"),
            paragraph(2, "(Kèm theo Kế hoạch số /KH-UBND ngày / /2025 của UBND tỉnh Ninh Bình)"),
        ]
    );
    let top = ["Stt", "Nội dung chỉ tiêu", "Đơn vị tính", "Mức chỉ tiêu", "", "", "", ""];
    let tail = ["Cơ quan chủ trì thực hiện chỉ tiêu", "Cơ quan theo dõi, đánh giá, kiểm tra, tổng hợp báo cáo"];
    assert_eq!(blocks[2], row(3, &[&top[..], &tail[..]].concat()));
    assert_eq!(blocks[3], row(4, &["", "", "", "2025", "2030", "2035", "2040", "2045", "", ""]));
    assert_eq!(
        blocks[5],
        row(
            6,
            &["1.", "Phủ sóng 5G trên dân số", "%", "≥ 60", "100", "-", "-", "-", "Các doanh nghiệp viễn thông", KHCN]
        )
    );
    // "%" and the monitoring body are merged down over rows 1.–3.: repeated in each.
    assert_eq!(
        blocks[6],
        row(
            7,
            &["2.", "Phủ sóng 6G trên dân số", "%", "-", "-", "50", "80", "100", "Các doanh nghiệp viễn thông", KHCN]
        )
    );
    let Block::Row { cells, .. } = &blocks[7] else { unreachable!() };
    assert_eq!((cells[2].as_str(), cells[9].as_str()), ("%", KHCN));
    assert_eq!(blocks.len(), 2 + 2 + 8);
}

#[test]
fn xlsx_fixtures_number_lines_by_sheet_row() {
    let blocks = xlsx::read_blocks("003.xlsx", &fixture("003.xlsx")).unwrap();
    assert_eq!(blocks[0], paragraph(1, "Phụ lục 1: Danh mục các chỉ tiêu và phân công tổ chức thực hiện"));
    assert_eq!(blocks[1], paragraph(2, "(Kèm theo Kế hoạch số /KH-UBND ngày / /2025 của UBND tỉnh Ninh Bình)"));
    let Block::Row { line: 4, cells } = &blocks[2] else { panic!("{:?}", blocks[2]) };
    assert_eq!(cells[..5], ["Stt", "Nội dung chỉ tiêu", "Đơn vị tính", "Mức chỉ tiêu", ""]);
    assert_eq!(blocks[3], row(5, &["", "", "", "2025", "2030", "2035", "2040", "2045", "", ""]));
    assert_eq!(blocks[4], row(6, &["I.", "Phát triển hạ tầng", "", "", "", "", "", "", "", ""]));
    let Block::Row { line: 8, cells } = &blocks[6] else { panic!("{:?}", blocks[6]) };
    assert_eq!(cells[2..8], ["%", "-", "-", "50", "80", "100"]);
    assert_eq!(cells[9], KHCN);

    let blocks = xlsx::read_blocks("001.xlsx", &fixture("001.xlsx")).unwrap();
    assert_eq!(blocks[2].line(), 3);
    assert_eq!(
        blocks[3],
        row(5, &["Stt", "Nội dung chỉ tiêu", "Phân công thực hiện", "", "", "Thời gian hoàn thành", "Ghi chú"])
    );
    assert_eq!(blocks[4], row(6, &["", "", "Trực tiếp Chỉ đạo", "Đơn vị chủ trì", "Đơn vị phối hợp", "", ""]));
    let found = find(&blocks, "4.", 1);
    let Block::Row { line: 18, cells } = found else { panic!("{found:?}") };
    assert_eq!(cells[2], DIRECT);
}

/// A .docx holding only word/document.xml with `body` in its w:body.
fn docx_with(body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn docx_paragraph_runs_breaks_entities_and_left_out_text() {
    let body = r#"
        <w:p/>
        <w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Mục tiêu </w:t></w:r><w:r><w:t>A&amp;B</w:t><w:tab/><w:t>&#272;ạt</w:t><w:br/><w:t>100%</w:t></w:r></w:p>
        <w:p><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t xml:space="preserve">thường </w:t></w:r><w:del><w:r><w:delText>xoá</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r>
          <mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>hộp</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>hộp</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"#;
    let blocks = docx::read_blocks("a.docx", &docx_with(body)).unwrap();
    assert_eq!(blocks, [paragraph(1, "**Mục tiêu** A&B Đạt 100%"), paragraph(2, "thường hộp")]);
}

#[test]
fn docx_runs_in_legacy_vietnamese_fonts_are_converted() {
    let run = |font: &str, text: &str| {
        format!(
            r#"<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#
        )
    };
    // "Kế hoạch" in .VnTimeH (capitals), "chuyển đổi số" in .VnTime, "ư" kept by Word as a soft
    // hyphen element, "năm 2026" in VNI-Times, and a Unicode run left as it is.
    let body = format!(
        r#"<w:p>{}{}<w:r><w:rPr><w:rFonts w:ascii=".VnTime"/></w:rPr><w:t>Ch</w:t><w:softHyphen/><w:t>¬ng</w:t></w:r>{}{}</w:p>"#,
        run(".VnTimeH", "kÕ ho¹ch "),
        run(".VnTime", "chuyÓn ®æi sè "),
        run("VNI-Times", " naêm 2026 "),
        run("Times New Roman", "Chương"),
    );
    let blocks = docx::read_blocks("a.docx", &docx_with(&body)).unwrap();
    assert_eq!(blocks, [paragraph(1, "KẾ HOẠCH chuyển đổi số Chương năm 2026 Chương")]);
}

#[test]
fn docx_nested_tables_flatten_and_rows_fill_their_grid() {
    let cell = |text: &str| format!("<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>");
    let nested = format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", cell("x"), cell("y"));
    let body = format!(
        r#"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
        <w:tr>{a}{b}{c}</w:tr>
        <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>in</w:t></w:r></w:p>{nested}<w:p><w:r><w:t>out</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>h</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc>{c}</w:tr>
        <w:tr><w:tc><w:tcPr><w:gridSpan w:val="99999999"/></w:tcPr><w:p/></w:tc></w:tr>
        </w:tbl><w:p><w:r><w:t>after</w:t></w:r></w:p>"#,
        a = cell("Stt"),
        b = cell("Nội dung"),
        c = cell("c"),
    );
    let blocks = docx::read_blocks("a.docx", &docx_with(&body)).unwrap();
    assert_eq!(
        blocks[..4],
        [
            row(1, &["Stt", "Nội dung", "c"]),
            row(2, &["", "in x y out", ""]),
            row(3, &["h", "", "c"]),
            row(4, &["", "", ""]),
        ]
    );
    let Block::Row { cells, .. } = &blocks[3] else { unreachable!() };
    assert_eq!(cells.len(), 3, "a forged span is cut at the table's grid");
    assert_eq!(blocks[4], paragraph(5, "after"));
}

#[test]
fn xlsx_values_read_as_excel_shows_them_and_each_further_sheet_is_named() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Chỉ tiêu").unwrap();
    sheet.write_string(0, 1, "Mức").unwrap();
    sheet.write_number_with_format(1, 1, 0.95, &Format::new().set_num_format("0%")).unwrap();
    sheet.write_number(1, 2, 100.0).unwrap();
    sheet.write_number(1, 3, 0.7).unwrap();
    let date = ExcelDateTime::from_ymd(2023, 5, 31).unwrap();
    sheet.write_datetime_with_format(1, 4, &date, &Format::new().set_num_format("dd/mm/yyyy")).unwrap();
    sheet.write_string(1, 0, "a\n  b").unwrap();
    book.add_worksheet().set_hidden(true).write_string(0, 0, "hidden").unwrap();
    book.add_worksheet().set_name("Thứ hai").unwrap().write_string(2, 0, "x").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let blocks = xlsx::read_blocks("a.xlsx", &bytes).unwrap();
    assert_eq!(
        blocks,
        [
            row(1, &["Chỉ tiêu", "Mức", "", "", ""]),
            row(2, &["a b", "95%", "100", "0.7", "31/05/2023"]),
            paragraph(3, "Sheet: Thứ hai"),
            paragraph(3, "x"),
        ]
    );
}

#[test]
fn a_docx_given_as_a_workbook_is_corrupt() {
    let err = xlsx::read_blocks("a.xlsx", &fixture("001.docx")).unwrap_err();
    assert!(matches!(err, ImportError::Corrupt { .. }), "{err}");
}

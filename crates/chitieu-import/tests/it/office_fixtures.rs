//! Real .docx and .xlsx fixtures built from the seeds' tables (001: "Phân công thực hiện" over
//! three columns; 003: "Mức chỉ tiêu" over five years), with merged cells where the seeds
//! repeat a value. `cargo test -p chitieu-import --test it -- --ignored office_fixtures` writes
//! them to fixtures/office/; the tests check the committed files are what the generator
//! writes, and that each reads into the same plan as the seed text it was built from.
//!
//! The same writer makes the sources of fixtures/pdf/libreoffice: every seed whole (its page
//! breaks mended: repeated headers dropped, rows cut in two joined, markup converted), ruled,
//! in Times New Roman, landscape when the table is wide, and 002 as paragraphs.
//! scripts/make-pdf-fixtures writes them with the ignored `pdf_sources` test and prints them
//! to PDF with `LibreOffice`.
#![allow(clippy::unwrap_used, reason = "a test helper that cannot do its job panics")]

use std::io::{Cursor, Write};

use quick_xml::Writer;
use quick_xml::events::BytesText;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
use zip::write::SimpleFileOptions;

const OFFICE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/office");
const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/seeds");

/// What a fixture holds: title lines, the seed's header rows (one or two) and its body rows.
struct Fixture {
    name: &'static str,
    titles: Vec<String>,
    header: Vec<Vec<String>>,
    body: Vec<Vec<String>>,
    /// Body columns whose equal neighbouring values become one cell merged down.
    down: &'static [usize],
    /// Whether the header rows are marked to repeat (w:tblHeader) in the .docx.
    marked: bool,
    /// How the .docx is set for printing; `None` for the bare office fixtures.
    print: Option<Print>,
}

/// A .docx meant to be printed to PDF: ruled, in Times New Roman, columns as wide as their
/// words need, A4 landscape or portrait.
#[derive(Debug, Clone, Copy)]
struct Print {
    landscape: bool,
}

/// A cell as written: text spanning `span` columns, opening a merge down, or continuing one.
#[derive(Debug, Clone)]
enum Spec {
    Text(String, usize),
    Restart(String),
    Continue,
}

fn seed_text(prefix: &str) -> String {
    let path = std::fs::read_dir(SEEDS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
        .unwrap();
    std::fs::read_to_string(path).unwrap()
}

fn seed_table(prefix: &str, rows: usize) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let text = seed_text(prefix);
    let clean = |c: &str| c.replace("<b>", "").replace("</b>", "").split_whitespace().collect::<Vec<_>>().join(" ");
    let mut table = text.lines().filter(|l| l.contains('\t')).map(|l| l.split('\t').map(clean).collect::<Vec<_>>());
    let header = vec![table.next().unwrap(), table.next().unwrap()];
    let body = table.filter(|r| r[0] != "Stt" && !r.iter().all(String::is_empty)).take(rows).collect();
    (header, body)
}

fn fixtures() -> [Fixture; 2] {
    let (header, body) = seed_table("001", 12);
    let f001 = Fixture {
        name: "001",
        titles: [
            "Phụ lục 01:",
            "Phân công phụ trách theo dõi, kiểm tra, đôn đốc thực hiện các chỉ tiêu",
            "(Kèm theo Kế hoạch số /KH-BCĐ ngày /5/2023 của Ban Chỉ đạo chuyển đổi số thành phố)",
        ]
        .map(str::to_owned)
        .to_vec(),
        header,
        body,
        down: &[2],
        marked: true,
        print: None,
    };
    let (header, body) = seed_table("003", 8);
    let f003 = Fixture {
        name: "003",
        titles: [
            "Phụ lục 1: Danh mục các chỉ tiêu và phân công tổ chức thực hiện",
            "(Kèm theo Kế hoạch số /KH-UBND ngày / /2025 của UBND tỉnh Ninh Bình)",
        ]
        .map(str::to_owned)
        .to_vec(),
        header,
        body,
        down: &[2, 9],
        marked: false,
        print: None,
    };
    [f001, f003]
}

/// A row that only names a section ("I." and its title): its title spans the other columns.
fn is_section(row: &[String]) -> bool {
    row.len() > 2 && !row[1].is_empty() && row[2..].iter().all(String::is_empty)
}

/// A header over two lines: a cell with nothing under it runs down both, a cell over several
/// named ones spans them.
fn two_line_header(top: &[String], sub: &[String]) -> Vec<Vec<Spec>> {
    let (mut head, mut under) = (Vec::new(), Vec::new());
    let mut c = 0;
    while c < top.len() {
        if sub[c].is_empty() {
            head.push(Spec::Restart(top[c].clone()));
            under.push(Spec::Continue);
            c += 1;
        } else {
            let span =
                1 + sub[c + 1..].iter().zip(&top[c + 1..]).take_while(|(s, t)| !s.is_empty() && t.is_empty()).count();
            head.push(Spec::Text(top[c].clone(), span));
            under.extend(sub[c..c + span].iter().map(|s| Spec::Text(s.clone(), 1)));
            c += span;
        }
    }
    vec![head, under]
}

/// The cells as written, merges and all.
fn layout(f: &Fixture) -> Vec<Vec<Spec>> {
    let mut rows = match f.header.as_slice() {
        [top, sub] => two_line_header(top, sub),
        one => one.iter().map(|row| row.iter().map(|c| Spec::Text(c.clone(), 1)).collect()).collect(),
    };
    for (i, row) in f.body.iter().enumerate() {
        if is_section(row) {
            rows.push(vec![Spec::Text(row[0].clone(), 1), Spec::Text(row[1].clone(), row.len() - 1)]);
            continue;
        }
        let same = |j: Option<usize>, c: usize| {
            j.and_then(|j| f.body.get(j))
                .is_some_and(|other| !is_section(other) && other[c] == row[c] && !row[c].is_empty())
        };
        rows.push(
            row.iter()
                .enumerate()
                .map(|(c, v)| {
                    if f.down.contains(&c) && same(i.checked_sub(1), c) {
                        Spec::Continue
                    } else if f.down.contains(&c) && same(Some(i + 1), c) {
                        Spec::Restart(v.clone())
                    } else {
                        Spec::Text(v.clone(), 1)
                    }
                })
                .collect(),
        );
    }
    rows
}

type Xml = Writer<Cursor<Vec<u8>>>;

/// A paragraph of one run; bold when asked. Texts with "; " become one paragraph per part.
fn paragraph(w: &mut Xml, text: &str, bold: bool) -> std::io::Result<()> {
    w.create_element("w:p").write_inner_content(|w| {
        if text.is_empty() {
            return Ok(());
        }
        w.create_element("w:r").write_inner_content(|w| {
            if bold {
                w.create_element("w:rPr").write_inner_content(|w| w.create_element("w:b").write_empty().map(drop))?;
            }
            w.create_element("w:t")
                .with_attribute(("xml:space", "preserve"))
                .write_text_content(BytesText::new(text))
                .map(drop)
        })?;
        Ok(())
    })?;
    Ok(())
}

fn cell(w: &mut Xml, spec: &Spec, bold: bool) -> std::io::Result<()> {
    w.create_element("w:tc").write_inner_content(|w| {
        let span = if let Spec::Text(_, span) = spec { *span } else { 1 };
        w.create_element("w:tcPr").write_inner_content(|w| {
            if span > 1 {
                let span = span.to_string();
                w.create_element("w:gridSpan").with_attribute(("w:val", span.as_str())).write_empty()?;
            }
            let merge = w.create_element("w:vMerge");
            match spec {
                Spec::Restart(_) => merge.with_attribute(("w:val", "restart")).write_empty().map(drop),
                Spec::Continue => merge.write_empty().map(drop),
                Spec::Text(..) => Ok(()),
            }
        })?;
        match spec {
            // A cell naming several units in one text keeps one paragraph per unit.
            Spec::Text(t, _) | Spec::Restart(t) if t.contains("; ") && !bold => {
                let mut parts = t.split("; ").peekable();
                while let Some(part) = parts.next() {
                    let end = if parts.peek().is_some() { ";" } else { "" };
                    paragraph(w, &format!("{part}{end}"), false)?;
                }
                Ok(())
            }
            Spec::Text(t, _) | Spec::Restart(t) => paragraph(w, t, bold),
            Spec::Continue => paragraph(w, "", false),
        }
    })?;
    Ok(())
}

/// A document: its paragraphs (bold where asked), then its table when it has one.
fn document_xml(
    paragraphs: &[(String, bool)],
    table: Option<&Fixture>,
    print: Option<Print>,
) -> std::io::Result<Vec<u8>> {
    let mut w = Writer::new(Cursor::new(Vec::new()));
    w.get_mut().write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")?;
    w.create_element("w:document")
        .with_attribute(("xmlns:w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"))
        .write_inner_content(|w| {
            w.create_element("w:body").write_inner_content(|w| {
                for (text, bold) in paragraphs {
                    paragraph(w, text, *bold)?;
                }
                if let Some(f) = table {
                    table_xml(w, f)?;
                }
                paragraph(w, "", false)?;
                if let Some(print) = print {
                    page_setup(w, print)?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(w.into_inner().into_inner())
}

fn table_xml(w: &mut Xml, f: &Fixture) -> std::io::Result<()> {
    let widths = column_widths(f);
    w.create_element("w:tbl").write_inner_content(|w| {
        if f.print.is_some() {
            table_rules(w)?;
        }
        w.create_element("w:tblGrid").write_inner_content(|w| {
            for width in &widths {
                w.create_element("w:gridCol").with_attribute(("w:w", width.to_string().as_str())).write_empty()?;
            }
            Ok(())
        })?;
        for (r, row) in layout(f).iter().enumerate() {
            let header = r < f.header.len();
            w.create_element("w:tr").write_inner_content(|w| {
                if header && f.marked {
                    w.create_element("w:trPr")
                        .write_inner_content(|w| w.create_element("w:tblHeader").write_empty().map(drop))?;
                }
                let section = matches!(row.as_slice(), [_, Spec::Text(_, span)] if *span > 1);
                row.iter().try_for_each(|spec| cell(w, spec, header || section))
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

/// Column widths in twentieths of a point: 1200 each for the office fixtures; for printing,
/// the page's width shared by how long each column's words run (a number column narrow, the
/// item's words wide) and by its longest word.
fn column_widths(f: &Fixture) -> Vec<u32> {
    let width = f.header[0].len();
    let Some(print) = f.print else { return vec![1200; width] };
    let page = if print.landscape { 16838 - 2 * 850 } else { 11906 - 2 * 850 };
    let need: Vec<f64> = (0..width)
        .map(|c| {
            let lengths: Vec<usize> = f.body.iter().filter(|r| !is_section(r)).map(|r| r[c].chars().count()).collect();
            let mean = lengths.iter().sum::<usize>() as f64 / lengths.len().max(1) as f64;
            // Room for the longest word, so that no word is cut in the middle.
            let longest_word = f
                .header
                .iter()
                .chain(f.body.iter().filter(|r| !is_section(r)))
                .flat_map(|r| r[c].split_whitespace())
                .map(|w| w.chars().count())
                .max();
            mean.sqrt().max(longest_word.unwrap_or(0) as f64 / 2.5).max(2.0)
        })
        .collect();
    let total: f64 = need.iter().sum();
    need.iter().map(|n| (f64::from(page) * n / total) as u32).collect()
}

/// Single rules around and between all cells, a fixed layout and narrow cell margins.
fn table_rules(w: &mut Xml) -> std::io::Result<()> {
    w.create_element("w:tblPr").write_inner_content(|w| {
        w.create_element("w:tblW").with_attribute(("w:w", "5000")).with_attribute(("w:type", "pct")).write_empty()?;
        w.create_element("w:tblBorders").write_inner_content(|w| {
            for edge in ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"] {
                w.create_element(edge)
                    .with_attributes([("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")])
                    .write_empty()?;
            }
            Ok(())
        })?;
        w.create_element("w:tblLayout").with_attribute(("w:type", "fixed")).write_empty()?;
        w.create_element("w:tblCellMar").write_inner_content(|w| {
            for side in ["w:left", "w:right"] {
                w.create_element(side).with_attributes([("w:w", "57"), ("w:type", "dxa")]).write_empty()?;
            }
            Ok(())
        })?;
        Ok(())
    })?;
    Ok(())
}

/// A4, landscape or portrait, with 1.5 cm margins.
fn page_setup(w: &mut Xml, print: Print) -> std::io::Result<()> {
    let (width, height) = if print.landscape { ("16838", "11906") } else { ("11906", "16838") };
    w.create_element("w:sectPr").write_inner_content(|w| {
        let size = w.create_element("w:pgSz").with_attributes([("w:w", width), ("w:h", height)]);
        if print.landscape { size.with_attribute(("w:orient", "landscape")) } else { size }.write_empty()?;
        w.create_element("w:pgMar")
            .with_attributes([
                ("w:top", "850"),
                ("w:right", "850"),
                ("w:bottom", "850"),
                ("w:left", "850"),
                ("w:header", "0"),
                ("w:footer", "0"),
                ("w:gutter", "0"),
            ])
            .write_empty()?;
        Ok(())
    })?;
    Ok(())
}

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

/// Times New Roman, as Vietnamese administrative documents are set, at 11 pt, no space after
/// paragraphs (`LibreOffice` prints it with its metric twin, Liberation Serif).
const PRINT_STYLES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults></w:styles>"#;

/// A minimal `WordprocessingML` package: content types, the package relationship, the document
/// (and, for printing, its styles).
fn docx(document: Vec<u8>, print: bool) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let content_types = if print {
        String::from_utf8(CONTENT_TYPES.to_vec()).unwrap().replace(
            "</Types>",
            r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#,
        ).into_bytes()
    } else {
        CONTENT_TYPES.to_vec()
    };
    let mut parts: Vec<(&str, Vec<u8>)> = vec![
        ("[Content_Types].xml", content_types),
        (
            "_rels/.rels",
            br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#
                .to_vec(),
        ),
        ("word/document.xml", document),
    ];
    if print {
        parts.push((
            "word/_rels/document.xml.rels",
            br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
                .to_vec(),
        ));
        parts.push(("word/styles.xml", PRINT_STYLES.to_vec()));
    }
    for (name, bytes) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(&bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A table fixture as a .docx: its titles (all bold but the last), then the table.
fn table_docx(f: &Fixture) -> Vec<u8> {
    let titles: Vec<(String, bool)> =
        f.titles.iter().enumerate().map(|(i, t)| (t.clone(), i + 1 < f.titles.len())).collect();
    docx(document_xml(&titles, Some(f), f.print).unwrap(), f.print.is_some())
}

/// The same table in a workbook: titles in column A of rows 1…, the table two rows below.
fn xlsx(fixture: &Fixture) -> Vec<u8> {
    let mut book = Workbook::new();
    book.set_properties(&DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2025, 1, 1).unwrap()));
    let sheet = book.add_worksheet();
    sheet.set_name("Phụ lục").unwrap();
    let plain = Format::new().set_text_wrap();
    let bold = Format::new().set_bold().set_text_wrap();
    let width = fixture.header[0].len() as u16;
    for (line, title) in fixture.titles.iter().enumerate() {
        sheet.merge_range(line as u32, 0, line as u32, width - 1, title, &bold).unwrap();
    }
    let top = fixture.titles.len() as u32 + 1;
    let rows = layout(fixture);
    for (i, row) in rows.iter().enumerate() {
        let at = top + i as u32;
        let format = if i < fixture.header.len() { &bold } else { &plain };
        let mut column = 0u16;
        for spec in row {
            match spec {
                Spec::Text(t, span) if *span > 1 => {
                    sheet.merge_range(at, column, at, column + *span as u16 - 1, t, format).unwrap();
                    column += *span as u16;
                }
                Spec::Text(t, _) => {
                    // A value that reads back the same as a number is written as one.
                    match t.parse::<f64>() {
                        Ok(n) if n.to_string() == *t => sheet.write_number_with_format(at, column, n, format).unwrap(),
                        _ => sheet.write_string_with_format(at, column, t, format).unwrap(),
                    };
                    column += 1;
                }
                Spec::Restart(t) => {
                    let reach = rows[i + 1..]
                        .iter()
                        .take_while(|next| matches!(next.get(column as usize), Some(Spec::Continue)))
                        .count();
                    sheet.merge_range(at, column, at + reach as u32, column, t, format).unwrap();
                    column += 1;
                }
                Spec::Continue => column += 1,
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn builds() -> Vec<(String, Vec<u8>)> {
    fixtures()
        .iter()
        .flat_map(|f| [(format!("{}.docx", f.name), table_docx(f)), (format!("{}.xlsx", f.name), xlsx(f))])
        .collect()
}

#[test]
#[ignore = "writes fixtures/office/; run after changing the generator, then commit the files"]
fn regenerate_office_fixtures() {
    std::fs::create_dir_all(OFFICE).unwrap();
    for (name, bytes) in builds() {
        std::fs::write(format!("{OFFICE}/{name}"), bytes).unwrap();
    }
}

#[test]
fn committed_fixtures_are_what_the_generator_writes() {
    for (name, bytes) in builds() {
        let committed = std::fs::read(format!("{OFFICE}/{name}"))
            .unwrap_or_else(|e| panic!("fixtures/office/{name}: {e}; run the ignored regenerate_office_fixtures test"));
        assert!(committed == bytes, "fixtures/office/{name} differs from the generator's output; regenerate it");
    }
}

/// The items of a plan as JSON without their lines (a .docx numbers its lines differently).
fn items_without_lines(plan: &chitieu_core::Plan) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                map.remove("line");
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut items = serde_json::to_value(&plan.items).unwrap();
    strip(&mut items);
    items
}

#[test]
fn each_office_fixture_reads_into_the_plan_of_the_seed_text_it_was_built_from() {
    for f in fixtures() {
        let mut text: Vec<String> = f.titles.clone();
        text.extend(f.header.iter().chain(&f.body).map(|row| row.join("\t")));
        let from_text = chitieu_import::read_plan(&format!("{}.txt", f.name), text.join("\n").as_bytes()).unwrap();
        assert!(!from_text.items.is_empty());
        for ext in ["docx", "xlsx"] {
            let name = format!("{}.{ext}", f.name);
            let bytes = std::fs::read(format!("{OFFICE}/{name}")).unwrap();
            let plan = chitieu_import::read_plan(&name, &bytes).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(plan.title, from_text.title, "{name}");
            assert_eq!(plan.years, from_text.years, "{name}");
            assert_eq!(items_without_lines(&plan), items_without_lines(&from_text), "{name}");
        }
    }
}

/// A whole seed's table with its page breaks mended, as the table reader would mend them:
/// repeated headers dropped, a row whose number cell is empty joined cell by cell to the row
/// before, markup converted. Titles are the lines before the table, split at emphasis marks.
fn whole_seed(name: &'static str, down: &'static [usize]) -> Fixture {
    let text = seed_text(name);
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().position(|l| l.contains('\t')).unwrap();
    let titles =
        lines[..first].iter().flat_map(|l| l.split('*')).map(chitieu_import::plain).filter(|t| !t.is_empty()).collect();
    let mut rows = lines[first..]
        .iter()
        .filter(|l| l.contains('\t'))
        .map(|l| l.split('\t').map(str::to_owned).collect::<Vec<_>>());
    let mut header = vec![rows.next().unwrap()];
    let mut rows = rows.peekable();
    if rows.peek().is_some_and(|r| chitieu_import::plain(&r[0]).is_empty()) {
        header.push(rows.next().unwrap());
    }
    let width = header.iter().map(Vec::len).max().unwrap();
    let mut body: Vec<Vec<String>> = Vec::new();
    for mut row in rows {
        if header.contains(&row) || row.iter().all(|c| chitieu_import::plain(c).is_empty()) {
            continue;
        }
        row.resize(width, String::new());
        match body.last_mut() {
            Some(previous) if chitieu_import::plain(&row[0]).is_empty() => {
                for (into, more) in previous.iter_mut().zip(&row) {
                    if !more.trim().is_empty() {
                        if !into.trim().is_empty() {
                            into.push(' ');
                        }
                        into.push_str(more.trim());
                    }
                }
            }
            _ => body.push(row),
        }
    }
    let clean = |row: Vec<String>| -> Vec<String> {
        let mut row: Vec<String> = row.iter().map(|c| chitieu_import::plain(c)).collect();
        row.resize(width, String::new());
        row
    };
    Fixture {
        name,
        titles,
        header: header.into_iter().map(clean).collect(),
        body: body.into_iter().map(clean).collect(),
        down,
        marked: true,
        print: Some(Print { landscape: width > 5 }),
    }
}

/// The seeds with a table, whole, as printed to fixtures/pdf/libreoffice. 001 and 003 keep
/// the office fixtures' merged cells.
fn pdf_sources() -> Vec<Fixture> {
    vec![whole_seed("000", &[]), whole_seed("001", &[2]), whole_seed("003", &[2, 9]), whole_seed("004", &[])]
}

/// 002, a narrative plan, as paragraphs: markdown headings and bold lines in bold.
fn narrative_docx(name: &str) -> Vec<u8> {
    let text = seed_text(name);
    let paragraphs: Vec<(String, bool)> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let bare = l.trim_start_matches('#').trim();
            (chitieu_import::plain(bare), l.starts_with('#') || bare.starts_with("**"))
        })
        .collect();
    docx(document_xml(&paragraphs, None, Some(Print { landscape: false })).unwrap(), true)
}

#[test]
#[ignore = "writes the .docx sources of fixtures/pdf/libreoffice to $CHITIEU_PDF_SOURCES; scripts/make-pdf-fixtures runs it"]
fn write_pdf_sources() {
    let dir = std::env::var("CHITIEU_PDF_SOURCES").expect("CHITIEU_PDF_SOURCES names the folder to write to");
    std::fs::create_dir_all(&dir).unwrap();
    for f in pdf_sources() {
        std::fs::write(format!("{dir}/{}.docx", f.name), table_docx(&f)).unwrap();
    }
    std::fs::write(format!("{dir}/002.docx"), narrative_docx("002")).unwrap();
}

/// The plan of a seed as the seed text reads.
fn seed_plan(name: &str) -> chitieu_core::Plan {
    chitieu_import::read_plan(&format!("{name}.txt"), seed_text(name).as_bytes()).unwrap()
}

#[test]
fn each_pdf_source_reads_into_the_plan_of_its_whole_seed() {
    let sources = pdf_sources().into_iter().map(|f| (f.name, table_docx(&f)));
    for (name, bytes) in sources.chain([("002", narrative_docx("002"))]) {
        let plan = chitieu_import::read_plan(&format!("{name}.docx"), &bytes).unwrap_or_else(|e| panic!("{e}"));
        let seed = seed_plan(name);
        assert_eq!(plan.years, seed.years, "{name}");
        assert_eq!(items_without_lines(&plan), items_without_lines(&seed), "{name}");
    }
}

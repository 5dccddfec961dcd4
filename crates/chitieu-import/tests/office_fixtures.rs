//! Real .docx and .xlsx fixtures built from the seeds' tables (001: "Phân công thực hiện" over
//! three columns; 003: "Mức chỉ tiêu" over five years), with merged cells where the seeds
//! repeat a value. `cargo test -p chitieu-import --test office_fixtures -- --ignored` writes
//! them to fixtures/office/; the tests check the committed files are what the generator
//! writes, and that each reads into the same plan as the seed text it was built from.
#![allow(clippy::unwrap_used, reason = "a test helper that cannot do its job panics")]

use std::io::{Cursor, Write};

use quick_xml::Writer;
use quick_xml::events::BytesText;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
use zip::write::SimpleFileOptions;

const OFFICE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/office");
const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/seeds");

/// What a fixture holds: title lines, the seed's two header rows and its first body rows.
struct Fixture {
    name: &'static str,
    titles: Vec<&'static str>,
    header: [Vec<String>; 2],
    body: Vec<Vec<String>>,
    /// Body columns whose equal neighbouring values become one cell merged down.
    down: &'static [usize],
    /// Whether the header rows are marked to repeat (w:tblHeader) in the .docx.
    marked: bool,
}

/// A cell as written: text spanning `span` columns, opening a merge down, or continuing one.
#[derive(Debug, Clone)]
enum Spec {
    Text(String, usize),
    Restart(String),
    Continue,
}

fn seed_table(prefix: &str, rows: usize) -> ([Vec<String>; 2], Vec<Vec<String>>) {
    let path = std::fs::read_dir(SEEDS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
        .unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let clean = |c: &str| c.replace("<b>", "").replace("</b>", "").split_whitespace().collect::<Vec<_>>().join(" ");
    let mut table = text.lines().filter(|l| l.contains('\t')).map(|l| l.split('\t').map(clean).collect::<Vec<_>>());
    let header = [table.next().unwrap(), table.next().unwrap()];
    let body = table.filter(|r| r[0] != "Stt" && !r.iter().all(String::is_empty)).take(rows).collect();
    (header, body)
}

fn fixtures() -> [Fixture; 2] {
    let (header, body) = seed_table("001", 12);
    let f001 = Fixture {
        name: "001",
        titles: vec![
            "Phụ lục 01:",
            "Phân công phụ trách theo dõi, kiểm tra, đôn đốc thực hiện các chỉ tiêu",
            "(Kèm theo Kế hoạch số /KH-BCĐ ngày /5/2023 của Ban Chỉ đạo chuyển đổi số thành phố)",
        ],
        header,
        body,
        down: &[2],
        marked: true,
    };
    let (header, body) = seed_table("003", 8);
    let f003 = Fixture {
        name: "003",
        titles: vec![
            "Phụ lục 1: Danh mục các chỉ tiêu và phân công tổ chức thực hiện",
            "(Kèm theo Kế hoạch số /KH-UBND ngày / /2025 của UBND tỉnh Ninh Bình)",
        ],
        header,
        body,
        down: &[2, 9],
        marked: false,
    };
    [f001, f003]
}

/// A row that only names a section ("I." and its title): its title spans the other columns.
fn is_section(row: &[String]) -> bool {
    row.len() > 2 && !row[1].is_empty() && row[2..].iter().all(String::is_empty)
}

/// The cells as written, merges and all.
fn layout(f: &Fixture) -> Vec<Vec<Spec>> {
    let [top, sub] = &f.header;
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
    let mut rows = vec![head, under];
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

fn document_xml(f: &Fixture) -> std::io::Result<Vec<u8>> {
    let mut w = Writer::new(Cursor::new(Vec::new()));
    w.get_mut().write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")?;
    let width = f.header[0].len();
    w.create_element("w:document")
        .with_attribute(("xmlns:w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"))
        .write_inner_content(|w| {
            w.create_element("w:body").write_inner_content(|w| {
                for (i, title) in f.titles.iter().enumerate() {
                    paragraph(w, title, i + 1 < f.titles.len())?;
                }
                w.create_element("w:tbl").write_inner_content(|w| {
                    w.create_element("w:tblGrid").write_inner_content(|w| {
                        for _ in 0..width {
                            w.create_element("w:gridCol").with_attribute(("w:w", "1200")).write_empty()?;
                        }
                        Ok(())
                    })?;
                    for (r, row) in layout(f).iter().enumerate() {
                        let header = r < 2;
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
                paragraph(w, "", false)
            })?;
            Ok(())
        })?;
    Ok(w.into_inner().into_inner())
}

/// A minimal `WordprocessingML` package: content types, the package relationship, the document.
fn docx(f: &Fixture) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts: [(&str, Vec<u8>); 3] = [
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#
                .to_vec(),
        ),
        (
            "_rels/.rels",
            br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#
                .to_vec(),
        ),
        ("word/document.xml", document_xml(f).unwrap()),
    ];
    for (name, bytes) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(&bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
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
        let format = if i < 2 { &bold } else { &plain };
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
        .flat_map(|f| [(format!("{}.docx", f.name), docx(f)), (format!("{}.xlsx", f.name), xlsx(f))])
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
        let mut text: Vec<String> = f.titles.iter().map(|t| (*t).to_owned()).collect();
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

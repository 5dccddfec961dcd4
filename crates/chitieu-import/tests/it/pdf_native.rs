//! The Hà Nội plan's PDF read natively gives the plan its text rendition gave (the text was
//! made by the Python converter this reader replaced): every item, field by field.

use chitieu_core::Plan;

fn read(name: &str) -> Plan {
    let path = format!("{}/../../fixtures/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    chitieu_import::read_plan(name, &std::fs::read(&path).unwrap()).unwrap()
}

#[test]
fn the_hà_nội_pdf_reads_as_its_text_rendition_did() {
    let pdf = read("kh-cao-diem-100-ngay-c-s-tp-hn.pdf");
    let text = read("kh-cao-diem-100-ngay-c-s-tp-hn.txt");
    assert_eq!(pdf.title, text.title);
    assert_eq!(pdf.years, text.years);
    assert_eq!(pdf.regime.as_ref().map(|r| &r.text), text.regime.as_ref().map(|r| &r.text));
    assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
    assert_eq!(pdf.items.len(), text.items.len());
    for (got, want) in pdf.items.iter().zip(&text.items) {
        let mut got = got.clone();
        got.line = want.line;
        assert_eq!(got, *want);
    }
}

#[test]
fn its_layout_numbers_lines_as_the_plan_does() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/samples/kh-cao-diem-100-ngay-c-s-tp-hn.pdf"
    ))
    .unwrap();
    let layout = chitieu_import::layout_text("kh.pdf", &bytes).unwrap();
    let plan = chitieu_import::read_plan("kh.pdf", &bytes).unwrap();
    let lines: Vec<&str> = layout.lines().collect();
    for item in &plan.items {
        let line = lines[item.line - 1];
        let first = item.text.split_whitespace().next().unwrap();
        assert!(line.contains(first), "line {}: {line:?} does not hold item {:?}", item.line, item.text);
    }
}

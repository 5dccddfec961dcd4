//! Scanned pages read by OCR: the scanned Hà Nội appendix (fixtures/pdf/scans, made by
//! scripts/make-scans) rendered, straightened and read cell by cell by Tesseract. These tests
//! need `tesseract` with its Vietnamese model and fail, saying how to install it, without.

use chitieu_import::pdf::page::Page;
use chitieu_import::pdf::scan;

const INSTALL: &str = "OCR tests need tesseract with the `vie` model: run `bash scripts/install-pdf-tools`";

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../fixtures/pdf/scans/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The angle scripts/make-scans turned `file`'s page `page` by (degrees counter-clockwise).
fn made_angle(file: &str, page: usize) -> f32 {
    let angles = String::from_utf8(fixture("angles.tsv")).expect("UTF-8");
    angles
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|f| f.len() == 3 && f[0] == file && f[1].parse::<usize>().ok() == Some(page))
        .and_then(|f| f[2].parse().ok())
        .unwrap_or_else(|| panic!("no angle for {file} page {page} in angles.tsv"))
}

fn read(file: &str, index: usize) -> Page {
    if let Err(e) = scan::ocr_available() {
        panic!("{INSTALL}\n{e}");
    }
    let pdf = hayro_syntax::Pdf::new(fixture(file)).expect("a PDF");
    let page = &pdf.pages()[index];
    scan::read_scanned_page(page, index + 1).expect("the page reads")
}

fn text(page: &Page) -> String {
    page.words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
}

#[test]
fn the_scanned_hanoi_appendix_reads_with_its_grid() {
    let page = read("hn-phu-luc.pdf", 0);
    let text = text(&page);
    let mean = page.words.iter().filter_map(|w| w.confidence).sum::<f32>() / page.words.len().max(1) as f32;
    println!("{} words, mean confidence {mean:.1}\n{text}", page.words.len());
    for phrase in ["Tên nhiệm vụ", "Sở Tài chính", "Sở Khoa học và Công nghệ", "Đơn vị chủ trì", "30/8/2026"]
    {
        assert!(text.contains(phrase), "{phrase:?} not in the OCR text:\n{text}");
    }
    assert!(mean >= 80.0, "mean confidence {mean}");
    assert!((page.width - 842.0).abs() < 2.0 && (page.height - 595.0).abs() < 2.0, "{} × {}", page.width, page.height);
    for w in &page.words {
        assert!(w.x0 >= 0.0 && w.y0 >= 0.0 && w.x1 <= page.width && w.y1 <= page.height && w.x0 < w.x1, "{w:?}");
    }

    // The grid: the table's outer rules, and the seven columns' rules from edge to edge.
    let horizontal: Vec<_> = page.rules.iter().filter(|r| r.is_horizontal(4.0)).collect();
    let mut vertical: Vec<_> = page.rules.iter().filter(|r| r.is_vertical(4.0)).collect();
    println!("{} horizontal and {} vertical rules", horizontal.len(), vertical.len());
    assert!(horizontal.len() >= 10 && vertical.len() == 8, "{:?}", page.rules);
    assert!(horizontal.iter().any(|r| r.x1 - r.x0 > 700.0), "no rule spans the table: {horizontal:?}");
    // "Sở Tài chính" sits in the fourth column, "Đơn vị chủ trì".
    vertical.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let tai = page.words.iter().find(|w| w.text == "Tài").expect("the word Tài");
    let (x, _) = tai.center();
    assert!(vertical[3].x1 < x && x < vertical[4].x0, "Tài at {x}, column rules {vertical:?}");
}

#[test]
fn the_skew_of_each_scanned_page_is_found() {
    let pdf = hayro_syntax::Pdf::new(fixture("hn-phu-luc.pdf")).expect("a PDF");
    let mut worst = 0.0f32;
    for (i, page) in pdf.pages().iter().enumerate() {
        let raster = scan::render_page(page, 150.0).expect("renders");
        let found = scan::skew_angle(&raster.image);
        let made = made_angle("hn-phu-luc.pdf", i + 5);
        println!("page {}: turned {made:+.3}°, found {found:+.3}°", i + 5);
        worst = worst.max((found - made).abs());
    }
    println!("largest error {worst:.3}°");
    assert!(worst <= 0.2, "largest error {worst}°");
}

//! The PDF export read back as a person would: its text through `pdftotext -layout` (every
//! Vietnamese string intact), its first page as an image through `pdftoppm` and OCR through
//! `tesseract -l vie` (the diacritics are drawn, not just encoded). The image is kept as
//! target/screenshots/consolidated-report.png. Missing tools are installed through
//! scripts/install-pdf-tools (Debian's packages), as the browser test does for Chromium.

use std::path::PathBuf;
use std::process::Command;

use crate::common::{GIA_VIEN, HOA_LU, ONLINE, PLAN, PLATFORM, RANKING, SO_KHCN, province_report, small_report};

const INSTALL: &str = "run scripts/install-pdf-tools (Debian's poppler-utils, tesseract-ocr, tesseract-ocr-vie)";

/// Installs poppler and tesseract's Vietnamese through scripts/install-pdf-tools when one of
/// them is missing, once per test run (as the browser test does for Chromium).
fn ensure_tools() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let has = |tool: &str, args: &[&str], needle: &str| {
            Command::new(tool).args(args).output().is_ok_and(|o| {
                let all = [o.stdout, o.stderr].concat();
                String::from_utf8_lossy(&all).contains(needle)
            })
        };
        let ready = has("pdftotext", &["-v"], "pdftotext")
            && has("pdftoppm", &["-v"], "pdftoppm")
            && has("tesseract", &["--list-langs"], "vie");
        if !ready {
            let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scripts/install-pdf-tools");
            let status = Command::new("bash").arg(script).status();
            assert!(status.is_ok_and(|s| s.success()), "the PDF tools are missing and {script} failed: {INSTALL}");
        }
    });
}

/// Runs a tool, failing the test with how to install it when it is missing.
fn run(tool: &str, args: &[&str]) -> String {
    ensure_tools();
    let output =
        Command::new(tool).args(args).output().unwrap_or_else(|e| panic!("{tool} cannot be run ({e}): {INSTALL}"));
    assert!(output.status.success(), "{tool} {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn screenshots() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"), PathBuf::from);
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).expect("target/screenshots");
    dir
}

/// Writes the PDF where the tools can read it and returns its path.
fn saved(bytes: &[u8], name: &str) -> PathBuf {
    let path = screenshots().join(name);
    std::fs::write(&path, bytes).expect("write the PDF");
    path
}

fn text_of(pdf: &std::path::Path) -> String {
    run("pdftotext", &["-layout", pdf.to_str().expect("UTF-8 path"), "-"])
}

/// Pages as pdftotext separates them (a form feed ends each).
fn pages(text: &str) -> Vec<&str> {
    let mut pages: Vec<&str> = text.split('\u{c}').collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

#[test]
fn the_pdf_text_carries_every_vietnamese_string_with_its_diacritics() {
    let pdf = saved(&chitieu_export::pdf(&small_report()).expect("export"), "consolidated-report.pdf");
    let text = text_of(&pdf);
    for expected in [
        "BÁO CÁO TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU, NHIỆM VỤ",
        PLAN,
        "Số 123/KH-UBND ngày 05/02/2026 của Ủy ban nhân dân tỉnh Ninh Bình",
        "Kỳ báo cáo: Quý II/2026 — Ngày lập: 23/11/2026",
        "I. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ",
        "Số báo cáo phải nộp",
        "66,7%",
        "Tổng cộng",
        "II. KẾT QUẢ THỰC HIỆN CHỈ TIÊU, NHIỆM VỤ",
        "Phát triển chính quyền số",
        ONLINE,
        RANKING,
        PLATFORM,
        SO_KHCN,
        GIA_VIEN,
        HOA_LU,
        "≥ 90%",
        "Tháng 12/2026",
        "91,2%",
        "Đạt",
        "Vượt chỉ tiêu",
        "Có nguy cơ không đạt",
        "Hạng 3",
        "Chưa báo cáo",
        "Hoàn thành",
        "Quyết định số 45/QĐ-UBND",
        "Chậm tiến độ",
        "88,1%",
        "Đúng tiến độ",
        "Ngày lập: 23/11/2026",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in the PDF's text:\n{text}");
    }
}

#[test]
fn every_page_carries_the_plan_the_period_and_its_number() {
    let report = province_report(40, 12);
    let pdf = saved(&chitieu_export::pdf(&report).expect("export"), "consolidated-report-40x12.pdf");
    let text = text_of(&pdf);
    let pages = pages(&text);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        let head = page.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
        assert!(head.contains(PLAN) && head.contains("Năm 2026"), "page {}: header {head:?}", i + 1);
        assert!(page.contains(&format!("Trang {}/{}", i + 1, pages.len())), "page {} has no number", i + 1);
        if i > 0 {
            assert!(
                page.contains("Chỉ tiêu / nhiệm vụ") || page.contains("Số báo cáo phải nộp"),
                "page {}: no table header",
                i + 1
            );
        }
    }
}

#[test]
fn the_first_page_reads_with_its_diacritics_under_ocr() {
    let pdf = saved(&chitieu_export::pdf(&small_report()).expect("export"), "consolidated-report-ocr.pdf");
    let langs = run("tesseract", &["--list-langs"]);
    assert!(langs.lines().any(|l| l.trim() == "vie"), "tesseract has no Vietnamese data: {INSTALL}");
    let png = screenshots().join("consolidated-report");
    let png_arg = png.to_str().expect("UTF-8 path");
    run(
        "pdftoppm",
        &["-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", pdf.to_str().expect("UTF-8 path"), png_arg],
    );
    let png = png.with_extension("png");
    assert!(std::fs::metadata(&png).is_ok_and(|m| m.len() > 10_000), "no page image at {}", png.display());
    let ocr = run("tesseract", &[png.to_str().expect("UTF-8 path"), "-", "-l", "vie"]);
    let words: Vec<&str> = ocr.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    for expected in ["Tỷ", "lệ", "Đạt", "Ủy", "xã", "Hoàn", "thành", "Viễn"] {
        assert!(words.contains(&expected), "OCR did not read {expected:?} on page 1:\n{ocr}");
    }
}

#[test]
fn a_whole_province_exports_to_a_sane_number_of_pages() {
    let report = province_report(150, 120);
    let bytes = chitieu_export::pdf(&report).expect("export");
    let pdf = saved(&bytes, "consolidated-report-province.pdf");
    let info = run("pdfinfo", &[pdf.to_str().expect("UTF-8 path")]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count");
    // 135 items × 120 units = 16 200 unit rows at 15 pt or more on ~500 pt of page: 400 to 700.
    assert!((400..=700).contains(&pages), "{pages} pages");
    let size: &str = info.lines().find(|l| l.starts_with("Page size:")).expect("page size");
    assert!(size.contains("841.89 x 595.28"), "{size}");
}

#[test]
fn the_same_report_gives_the_same_pdf_bytes() {
    let report = small_report();
    assert_eq!(chitieu_export::pdf(&report).expect("export"), chitieu_export::pdf(&report).expect("export again"));
}

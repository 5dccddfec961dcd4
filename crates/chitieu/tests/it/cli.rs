//! The command line as a user runs it: `parse` and `explain` print what they promise, and a bad
//! file gets an error naming it.

use std::process::{Command, Output};

use crate::command::ROOT;

fn chitieu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chitieu")).args(args).current_dir(ROOT).output().expect("chitieu runs")
}

fn stdout_json(args: &[&str]) -> serde_json::Value {
    let out = chitieu(args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn parse_prints_the_plan_json_with_source_and_items() {
    let plan = stdout_json(&["parse", "fixtures/seeds/004_b92706629730df53.txt"]);
    assert_eq!(plan["source"]["file"], "004_b92706629730df53.txt");
    assert_eq!(plan["source"]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(plan["items"][1]["targets"][0]["op"], ">=");
    assert_eq!(plan["items"][1]["targets"][0]["value"], 95);
}

#[test]
fn parse_as_table_shows_counts_in_vietnamese() {
    let out = chitieu(&["parse", "fixtures/seeds/000_ba049f6006c8a0fd.txt", "--format", "table"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("10 nhóm, 49 chỉ tiêu, 12 nhiệm vụ"), "{text}");
    assert!(text.contains("Tháng 12/2026"));
}

#[test]
fn parse_reads_office_documents() {
    for file in ["fixtures/office/001.docx", "fixtures/office/003.xlsx"] {
        let plan = stdout_json(&["parse", file]);
        assert!(plan["items"].as_array().unwrap().len() > 5, "{file}");
    }
}

#[test]
fn explain_shows_how_a_phrase_is_read() {
    let target = stdout_json(&["explain", "target", "Đạt tối thiểu 70%"]);
    assert_eq!(target["targets"][0]["op"], ">=");
    assert_eq!(target["targets"][0]["value"], 70);
    assert_eq!(target["targets"][0]["unit"], "%");
    let latex = stdout_json(&["explain", "target", "$\\geq 95\\%$"]);
    assert_eq!(latex["targets"][0]["value"], 95);
    let deadline = stdout_json(&["explain", "deadline", "Quý IV/2026"]);
    assert_eq!(deadline["deadline"], serde_json::json!({"kind": "quarter", "year": 2026, "quarter": 4}));
    let units = stdout_json(&["explain", "units", "Các sở, ban, ngành; UBND các xã, phường"]);
    assert_eq!(units["units"], serde_json::json!(["Các sở, ban, ngành", "UBND các xã, phường"]));
}

#[test]
fn a_missing_or_bad_file_is_named_in_the_error() {
    let out = chitieu(&["parse", "no/such/plan.txt"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/plan.txt"));
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = dir.path().join("hong.pdf");
    std::fs::write(&broken, b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R").expect("write");
    let out = chitieu(&["parse", broken.to_str().expect("path")]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("hong.pdf") && err.contains("PDF") && err.contains("expected"), "{err}");
}

#[test]
fn parse_reads_a_pdf_directly_and_shows_its_layout() {
    let plan = stdout_json(&["parse", "fixtures/samples/kh-cao-diem-100-ngay-c-s-tp-hn.pdf"]);
    assert_eq!(plan["items"].as_array().expect("items").len(), 41);
    assert_eq!(plan["items"][1]["roles"]["lead"], serde_json::json!(["Sở Tài chính"]));
    let out = chitieu(&["parse", "fixtures/samples/kh-cao-diem-100-ngay-c-s-tp-hn.pdf", "--format", "layout"]);
    assert!(out.status.success());
    let layout = String::from_utf8_lossy(&out.stdout);
    let line = plan["items"][1]["line"].as_u64().expect("line") as usize;
    assert!(layout.lines().nth(line - 1).expect("the item's line").contains("Sở Tài chính"), "{layout}");
}

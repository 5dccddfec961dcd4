//! Property: wherever a page break falls, the plan is the same. A page break in text extracted
//! from PDF repeats the header and continues the cut row in a row whose number cell is empty;
//! the reader must join it back exactly. Also: no input, however mangled, makes a reader panic.

use chitieu_core::Plan;
use proptest::prelude::*;

const SEED_000: &str = include_str!("../../../../fixtures/seeds/000_ba049f6006c8a0fd.txt");
const SEED_003: &str = include_str!("../../../../fixtures/seeds/003_683dc05f664d02ec.txt");

/// Items without their line numbers, which a page break legitimately shifts.
fn content(plan: &Plan) -> Vec<chitieu_core::Item> {
    plan.items
        .iter()
        .cloned()
        .map(|mut i| {
            i.line = 0;
            i
        })
        .collect()
}

/// The header lines of a seed (the first tab row, plus the year row under it when present).
fn header_lines(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().position(|l| l.contains('\t')).expect("a table");
    let mut header = vec![lines[first]];
    if lines[first + 1].starts_with('\t') {
        header.push(lines[first + 1]);
    }
    header
}

/// Cuts body row `row` (counted among numbered rows) after `words` words of each cell, as a
/// page break would, and returns the new text.
fn break_page(text: &str, row: usize, words: usize) -> String {
    let header = header_lines(text);
    let lines: Vec<&str> = text.lines().collect();
    let numbered: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            l.contains('\t') && l.split('\t').next().is_some_and(|c| c.starts_with(|ch: char| ch.is_ascii_digit()))
        })
        .map(|(i, _)| i)
        .collect();
    let at = numbered[row % numbered.len()];
    let cells: Vec<&str> = lines[at].split('\t').collect();
    let mut first = Vec::new();
    let mut second = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        let words_in: Vec<&str> = cell.split(' ').collect();
        let cut = if i == 0 { words_in.len() } else { words.min(words_in.len()) };
        first.push(words_in[..cut].join(" "));
        second.push(words_in[cut..].join(" "));
    }
    let mut out: Vec<String> = lines[..at].iter().map(|l| (*l).to_owned()).collect();
    out.push(first.join("\t"));
    out.push(String::new());
    out.extend(header.iter().map(|h| (*h).to_owned()));
    if second.iter().skip(1).any(|c| !c.is_empty()) {
        out.push(second.join("\t"));
    }
    out.extend(lines[at + 1..].iter().map(|l| (*l).to_owned()));
    out.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_page_break_anywhere_in_a_row_changes_nothing(row in 0usize..200, words in 1usize..12) {
        for seed in [SEED_000, SEED_003] {
            let whole = chitieu_import::read_plan("seed.txt", seed.as_bytes()).unwrap();
            let broken_text = break_page(seed, row, words);
            prop_assert!(broken_text.lines().count() > seed.lines().count() + 1, "a page break was inserted");
            let broken = chitieu_import::read_plan("seed.txt", broken_text.as_bytes()).unwrap();
            prop_assert_eq!(content(&whole), content(&broken));
        }
    }

    #[test]
    fn the_text_reader_never_panics_on_mangled_seeds(
        cuts in proptest::collection::vec((0usize..19_000, 0usize..40), 1..6),
        junk in "[\t\n0-9.IVX≥%$\\\\a-zđĐ ]{0,40}",
    ) {
        let mut text: Vec<char> = SEED_000.chars().collect();
        for (at, len) in cuts {
            let at = at % text.len().max(1);
            let end = (at + len).min(text.len());
            text.splice(at..end, junk.chars());
        }
        let text: String = text.into_iter().collect();
        let _ = chitieu_import::read_plan("mangled.txt", text.as_bytes());
    }

    #[test]
    fn the_reader_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = chitieu_import::read_plan("any.txt", &bytes);
        let _ = chitieu_import::read_plan("any.docx", &bytes);
        let _ = chitieu_import::read_plan("any.xlsx", &bytes);
    }
}

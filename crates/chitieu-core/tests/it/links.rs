//! The link proposals on the seeds against the links labelled by hand in fixtures/links/
//! (004 → 000, 004 → 003, 002 → 000): precision and recall of the whole proposal lists and of
//! their first candidates, printed per pair and overall, with floors a little under what the
//! matcher reaches (docs/linking.md has the figures).
//!
//! `cargo test -p chitieu-core --test links -- --nocapture` prints the table.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chitieu_core::link::{LinkItem, Proposal, propose};
use chitieu_core::{Item, ItemKind, Plan};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// The seed plan whose file name starts with `number` ("000").
fn seed(number: &str) -> Plan {
    let dir = fixtures().join("seeds");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&format!("{number}_"))))
        .unwrap_or_else(|| panic!("no seed {number} in {}", dir.display()));
    let name = path.file_name().unwrap().to_str().unwrap().to_owned();
    chitieu_import::read_plan(&name, &std::fs::read(&path).unwrap()).unwrap()
}

/// An item's number as the labels write it: "2.3", or with its section when the number alone
/// repeats ("II.5", "III.1.2").
fn label(item: &Item) -> String {
    match (&item.section, &item.code) {
        (_, None) => String::new(),
        (Some(section), Some(code)) if !code.contains('.') && section != code => format!("{section}.{code}"),
        (_, Some(code)) => code.clone(),
    }
}

/// The fields of one CSV line (RFC 4180 quoting: "…" with "" for a quote).
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let (mut quoted, mut chars) = (false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            _ => out.last_mut().unwrap().push(c),
        }
    }
    out
}

/// The labelled links of one pair: child line → parent lines (empty: labelled, no parent).
/// Checks every row against the plans: the lines exist, are linkable and carry the codes
/// written beside them, and every linkable child item is labelled.
fn labels(name: &str, child: &Plan, parent: &Plan) -> BTreeMap<usize, BTreeSet<usize>> {
    let path = fixtures().join("links").join(format!("{name}.csv"));
    let text = std::fs::read_to_string(&path).unwrap();
    let at = |plan: &Plan, line: &str, code: &str, row: usize| {
        let line: usize = line.parse().unwrap_or_else(|_| panic!("{name}.csv row {row}: bad line {line:?}"));
        let item = plan.items.iter().find(|i| i.line == line && i.kind != ItemKind::Group);
        let item = item.unwrap_or_else(|| panic!("{name}.csv row {row}: no indicator or task on line {line}"));
        assert_eq!(label(item), code, "{name}.csv row {row}: line {line} is numbered {}", label(item));
        line
    };
    let mut links: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (row, line) in text.lines().enumerate().skip(1) {
        let f = fields(line);
        assert_eq!(f.len(), 7, "{name}.csv row {}: {} fields", row + 1, f.len());
        let parents = links.entry(at(child, &f[0], &f[1], row + 1)).or_default();
        if !f[3].is_empty() {
            parents.insert(at(parent, &f[3], &f[4], row + 1));
        }
    }
    for item in child.items.iter().filter(|i| i.kind != ItemKind::Group) {
        assert!(links.contains_key(&item.line), "{name}.csv: line {} ({}) is not labelled", item.line, label(item));
    }
    links
}

fn link_items<'a>(plan: &'a str, items: &'a [Item], keys: &'a [String]) -> Vec<LinkItem<'a>> {
    items.iter().zip(keys).map(|(item, key)| LinkItem { plan, key, item }).collect()
}

fn line_keys(plan: &Plan) -> Vec<String> {
    plan.items.iter().map(|i| i.line.to_string()).collect()
}

/// Counts for precision and recall, of the whole lists and of their first candidates.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    labelled: usize,
    proposed: usize,
    correct: usize,
    /// Child items with at least one labelled parent.
    linked: usize,
    /// Child items with a proposal, and those whose first candidate is labelled.
    firsts: usize,
    first_correct: usize,
}

impl Tally {
    fn of(proposals: &[Proposal], parent_plan: &str, labels: &BTreeMap<usize, BTreeSet<usize>>) -> Tally {
        let mut tally = Tally {
            labelled: labels.values().map(BTreeSet::len).sum(),
            linked: labels.values().filter(|p| !p.is_empty()).count(),
            ..Tally::default()
        };
        for proposal in proposals {
            let child: usize = proposal.from.parse().unwrap();
            let truth = &labels[&child];
            let to: Vec<usize> =
                proposal.to.iter().filter(|c| c.plan == parent_plan).map(|c| c.key.parse().unwrap()).collect();
            tally.proposed += to.len();
            tally.correct += to.iter().filter(|p| truth.contains(p)).count();
            if let Some(first) = to.first() {
                tally.firsts += 1;
                tally.first_correct += usize::from(truth.contains(first));
            }
        }
        tally
    }

    fn add(self, o: Tally) -> Tally {
        Tally {
            labelled: self.labelled + o.labelled,
            proposed: self.proposed + o.proposed,
            correct: self.correct + o.correct,
            linked: self.linked + o.linked,
            firsts: self.firsts + o.firsts,
            first_correct: self.first_correct + o.first_correct,
        }
    }

    /// Precision, recall, precision at 1, recall at 1.
    fn rates(self) -> [f64; 4] {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        [
            ratio(self.correct, self.proposed),
            ratio(self.correct, self.labelled),
            ratio(self.first_correct, self.firsts),
            ratio(self.first_correct, self.linked),
        ]
    }

    fn row(self, name: &str) -> String {
        let [p, r, p1, r1] = self.rates();
        format!(
            "{name:<12} {:>8} {:>8} {:>8} {:>6.3} {:>6.3} {:>6.3} {:>6.3}",
            self.labelled, self.proposed, self.correct, p, r, p1, r1
        )
    }
}

/// Prints where the proposals and the labels differ: child line, labelled parent lines,
/// proposed parent lines with their scores.
fn disagreements(name: &str, proposals: &[Proposal], labels: &BTreeMap<usize, BTreeSet<usize>>) {
    let proposed: BTreeMap<usize, Vec<(usize, f64)>> = proposals
        .iter()
        .map(|p| (p.from.parse().unwrap(), p.to.iter().map(|c| (c.key.parse().unwrap(), c.score)).collect()))
        .collect();
    for (child, truth) in labels {
        let got = proposed.get(child).cloned().unwrap_or_default();
        if got.iter().map(|g| g.0).collect::<BTreeSet<_>>() != *truth {
            let got: Vec<String> = got.iter().map(|(line, score)| format!("{line} ({score:.2})")).collect();
            println!("    {name} line {child}: labelled {truth:?}, proposed [{}]", got.join(", "));
        }
    }
}

const PAIRS: [(&str, &str); 3] = [("004", "000"), ("004", "003"), ("002", "000")];

/// The proposals for each labelled pair, scored against the labels; with the plans' group
/// headings passed along, or only their indicators and tasks.
fn tallies(headings: bool) -> Vec<(String, Tally)> {
    let mut plans: BTreeMap<&str, Plan> = ["000", "002", "003", "004"].into_iter().map(|n| (n, seed(n))).collect();
    let labelled: Vec<_> = PAIRS
        .iter()
        .map(|(child, parent)| {
            let name = format!("{child}-{parent}");
            let labels = labels(&name, &plans[child], &plans[parent]);
            (name, *child, *parent, labels)
        })
        .collect();
    if !headings {
        for plan in plans.values_mut() {
            plan.items.retain(|i| i.kind != ItemKind::Group);
        }
    }
    let keys: BTreeMap<&str, Vec<String>> = plans.iter().map(|(n, p)| (*n, line_keys(p))).collect();
    let mut out = Vec::new();
    for (name, child, parent, labels) in labelled {
        let proposals = propose(
            &link_items(child, &plans[child].items, &keys[child]),
            &link_items(parent, &plans[parent].items, &keys[parent]),
        );
        if headings {
            disagreements(&name, &proposals, &labels);
        }
        out.push((name, Tally::of(&proposals, parent, &labels)));
    }
    out
}

fn print_table(tallies: &[(String, Tally)]) -> Tally {
    println!(
        "{:<12} {:>8} {:>8} {:>8} {:>6} {:>6} {:>6} {:>6}",
        "pair", "labelled", "proposed", "correct", "P", "R", "P@1", "R@1"
    );
    let mut total = Tally::default();
    for (name, tally) in tallies {
        println!("{}", tally.row(name));
        total = total.add(*tally);
    }
    println!("{}", total.row("all"));
    total
}

#[test]
fn proposals_on_the_seeds_match_the_labelled_links() {
    let tallies = tallies(true);
    let total = print_table(&tallies);
    let [p, r, p1, r1] = total.rates();
    assert!(p >= 0.9 && r >= 0.85, "overall precision {p:.3}, recall {r:.3}");
    assert!(p1 >= 0.9 && r1 >= 0.9, "overall precision@1 {p1:.3}, recall@1 {r1:.3}");
    for (name, tally) in tallies {
        let [p, r, p1, r1] = tally.rates();
        assert!(p >= 0.85 && r >= 0.75 && p1 >= 0.85 && r1 >= 0.8, "{name}: {:?}", tally.rates());
    }
}

#[test]
fn proposals_without_the_headings_still_match_most_labelled_links() {
    let total = print_table(&tallies(false));
    let [p, r, p1, r1] = total.rates();
    assert!(p >= 0.85 && r >= 0.8 && p1 >= 0.85 && r1 >= 0.85, "{:?}", total.rates());
}

#[test]
fn a_commune_programme_against_both_parents_at_once_finds_each_plans_links() {
    let plans: BTreeMap<&str, Plan> = ["000", "003", "004"].into_iter().map(|n| (n, seed(n))).collect();
    let keys: BTreeMap<&str, Vec<String>> = plans.iter().map(|(n, p)| (*n, line_keys(p))).collect();
    let parents: Vec<LinkItem<'_>> = link_items("000", &plans["000"].items, &keys["000"])
        .into_iter()
        .chain(link_items("003", &plans["003"].items, &keys["003"]))
        .collect();
    let proposals = propose(&link_items("004", &plans["004"].items, &keys["004"]), &parents);
    let mut total = Tally::default();
    for parent in ["000", "003"] {
        let labels = labels(&format!("004-{parent}"), &plans["004"], &plans[parent]);
        total = total.add(Tally::of(&proposals, parent, &labels));
    }
    println!("{}", total.row("004-000+003"));
    let [p, r, _, _] = total.rates();
    assert!(p >= 0.9 && r >= 0.9, "precision {p:.3}, recall {r:.3}");
    for proposal in &proposals {
        assert!(!proposal.to.is_empty());
        assert!(proposal.to.windows(2).all(|w| w[0].score >= w[1].score), "{proposal:?}");
        assert!(proposal.to.iter().all(|c| (0.0..=1.0).contains(&c.score)));
        for plan in ["000", "003"] {
            assert!(proposal.to.iter().filter(|c| c.plan == plan).count() <= 3, "{proposal:?}");
        }
    }
}

//! Links between a lower-level plan's items and its parent plans' items: for each indicator or
//! task of the child plan (a commune's programme, a plan's narrative), the parent items that
//! measure the same thing, best first, with a score for a person to confirm.
//!
//! "The same thing" is the measured quantity, whatever the level, year or population: the
//! commune's "≥ 95% hồ sơ TTHC xử lý trực tuyến" is the province's "Tỷ lệ hồ sơ thủ tục hành
//! chính xử lý trực tuyến: Đạt tối thiểu 90%". So each item is read as the words of its
//! quantity (`words`: target level, numbers and stop words out, abbreviations spelled out,
//! diacritics folded), weighed as terms (`vector`: syllables and neighbouring pairs, rarer
//! terms weighing more), and compared by cosine, scaled down when the two items measure
//! different kinds of quantity (a share against a count) or sit under unrelated headings
//! (groups are context, never linked). docs/linking.md gives the method, its parameters and
//! the precision and recall measured against the links labelled in fixtures/links/.

mod lexicon;
mod vector;
mod words;

use serde::{Deserialize, Serialize};

use crate::measure::{Measure, classify};
use crate::plan::{Item, ItemKind};
use vector::{Rarity, Terms, Vector};

/// A proposal is kept only from this score on.
const THRESHOLD: f64 = 0.2;
/// … and only when it scores at least this share of the best candidate in its plan.
const NEAR_BEST: f64 = 0.85;
/// At most this many candidates per parent plan.
const PER_PLAN: usize = 3;
/// The share of the score the headings decide: under unrelated headings a pair keeps
/// `1 - CONTEXT` of its score, under the same heading all of it.
const CONTEXT: f64 = 0.3;
/// How related two items' headings count when one of them has none: halfway.
const UNKNOWN_HEADINGS: f64 = 0.5;
/// The factor for two indicators measuring different kinds of quantity (share, count, index,
/// rank, yes/no).
const KIND_MISMATCH: f64 = 0.85;

/// An item of a plan, as the caller names it: the plan's key and the item's key come back in
/// the proposals. Groups may be passed too: they are the headings of the items after them.
#[derive(Debug, Clone, Copy)]
pub struct LinkItem<'a> {
    pub plan: &'a str,
    pub key: &'a str,
    pub item: &'a Item,
}

/// A parent item proposed for a child item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkCandidate {
    pub plan: String,
    pub key: String,
    /// 0..=1.
    pub score: f64,
}

/// The parent items proposed for one child item, best first (never empty).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    /// The child item's key.
    pub from: String,
    pub to: Vec<LinkCandidate>,
}

/// For each indicator and task of `child` that has a close parent item, the parent items
/// (indicators and tasks of `parents`, one or more plans) that measure the same thing: per
/// parent plan at most three, scoring at least 0.2 and 85% of that plan's best. Child items
/// with nothing close get no proposal. Term weights come from all the items given.
pub fn propose(child: &[LinkItem<'_>], parents: &[LinkItem<'_>]) -> Vec<Proposal> {
    let mut child = Profile::all(child);
    let mut parents = Profile::all(parents);
    let rarity = Rarity::of(child.iter().chain(&parents).filter(|p| p.linkable).map(|p| &p.terms));
    for profile in child.iter_mut().chain(&mut parents) {
        profile.vector = Vector::of(&profile.terms, Some(&rarity));
    }
    let mut plans: Vec<&str> = Vec::new();
    for p in parents.iter().filter(|p| p.linkable) {
        if !plans.contains(&p.link.plan) {
            plans.push(p.link.plan);
        }
    }
    let mut proposals = Vec::new();
    for c in child.iter().filter(|c| c.linkable) {
        let mut to: Vec<LinkCandidate> = Vec::new();
        for plan in &plans {
            let mut scored: Vec<(f64, &Profile<'_>)> = parents
                .iter()
                .filter(|p| p.linkable && p.link.plan == *plan)
                .map(|p| (score(c, p, &child, &parents), p))
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0));
            let best = scored.first().map_or(0.0, |s| s.0);
            to.extend(
                scored.into_iter().take(PER_PLAN).filter(|(s, _)| *s >= THRESHOLD && *s >= NEAR_BEST * best).map(
                    |(score, p)| LinkCandidate { plan: p.link.plan.to_owned(), key: p.link.key.to_owned(), score },
                ),
            );
        }
        to.sort_by(|a, b| b.score.total_cmp(&a.score));
        if !to.is_empty() {
            proposals.push(Proposal { from: c.link.key.to_owned(), to });
        }
    }
    proposals
}

/// How alike two items' measured quantities are, 0..=1 (1 for the same words): the measure
/// [`propose`] ranks by — the same words, terms and kind-of-quantity check — with every term
/// weighing alike and no headings, since a single pair has no plans to learn them from.
pub fn similarity(a: &Item, b: &Item) -> f64 {
    let vector = |item: &Item| Vector::of(&Terms::of(&words::words(item)), None);
    vector(a).cosine(&vector(b)) * kind_agreement(classify(a).0, classify(b).0)
}

/// What the matcher reads from one item.
#[derive(Debug)]
struct Profile<'a> {
    link: LinkItem<'a>,
    linkable: bool,
    terms: Terms,
    /// The terms weighed by their rarity among all the items compared.
    vector: Vector,
    measure: Measure,
    /// The position of the group heading the item, in the same list.
    heading: Option<usize>,
}

impl<'a> Profile<'a> {
    fn all(items: &[LinkItem<'a>]) -> Vec<Profile<'a>> {
        let mut heading = None;
        let mut out = Vec::with_capacity(items.len());
        for (i, link) in items.iter().enumerate() {
            let group = link.item.kind == ItemKind::Group;
            out.push(Profile {
                link: *link,
                linkable: !group,
                terms: Terms::of(&words::words(link.item)),
                vector: Vector::default(),
                measure: classify(link.item).0,
                heading: if group { None } else { heading },
            });
            if group {
                heading = Some(i);
            }
        }
        out
    }
}

/// The pair's cosine, scaled by how related their headings are and by [`kind_agreement`].
fn score(c: &Profile<'_>, p: &Profile<'_>, child: &[Profile<'_>], parents: &[Profile<'_>]) -> f64 {
    let headings = match (c.heading, p.heading) {
        (Some(hc), Some(hp)) => child[hc].vector.cosine(&parents[hp].vector),
        _ => UNKNOWN_HEADINGS,
    };
    c.vector.cosine(&p.vector) * (1.0 - CONTEXT + CONTEXT * headings) * kind_agreement(c.measure, p.measure)
}

/// [`KIND_MISMATCH`] when two indicators measure different kinds of quantity, else 1. Tasks
/// carry out indicators of any kind.
fn kind_agreement(a: Measure, b: Measure) -> f64 {
    let class = |m: Measure| match m {
        Measure::Task | Measure::None => None,
        Measure::YesNo | Measure::Qualitative => Some(0),
        Measure::Ratio => Some(1),
        Measure::Count => Some(2),
        Measure::Index => Some(3),
        Measure::Rank => Some(4),
    };
    match (class(a), class(b)) {
        (Some(x), Some(y)) if x != y => KIND_MISMATCH,
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests;

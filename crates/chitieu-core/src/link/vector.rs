//! Items as weighted terms — their syllables and each pair of neighbouring syllables — and the
//! cosine between two of them. A term weighs by how rare it is among the items compared
//! (inverse document frequency), so "thủ tục hành chính", present in a third of a plan, counts
//! for less than "phi tiếp xúc".

use std::collections::BTreeMap;

/// How much a pair of neighbouring syllables counts against one syllable: pairs keep compounds
/// ("cơ sở", "dữ liệu") and word order.
const PAIR_WEIGHT: f64 = 1.5;

/// An item's terms and how often each occurs, sorted by term.
#[derive(Debug, Clone, Default)]
pub(super) struct Terms(Vec<(String, f64)>);

impl Terms {
    pub(super) fn of(words: &[String]) -> Terms {
        let mut counts: BTreeMap<String, f64> = BTreeMap::new();
        for word in words {
            *counts.entry(word.clone()).or_default() += 1.0;
        }
        for pair in words.windows(2) {
            *counts.entry(format!("{} {}", pair[0], pair[1])).or_default() += PAIR_WEIGHT;
        }
        Terms(counts.into_iter().collect())
    }
}

/// In how many of the compared items each term occurs.
#[derive(Debug, Clone, Default)]
pub(super) struct Rarity {
    items: usize,
    seen: BTreeMap<String, usize>,
}

impl Rarity {
    pub(super) fn of<'a>(all: impl IntoIterator<Item = &'a Terms>) -> Rarity {
        let mut rarity = Rarity::default();
        for terms in all {
            rarity.items += 1;
            for (term, _) in &terms.0 {
                *rarity.seen.entry(term.clone()).or_default() += 1;
            }
        }
        rarity
    }

    /// Smoothed inverse document frequency: 1 for a term in every item, more for rarer ones.
    fn weight(&self, term: &str) -> f64 {
        let seen = self.seen.get(term).copied().unwrap_or(0);
        ((self.items as f64 + 1.0) / (seen as f64 + 1.0)).ln() + 1.0
    }
}

/// Weighted terms scaled to length 1, sorted by term.
#[derive(Debug, Clone, Default)]
pub(super) struct Vector(Vec<(String, f64)>);

impl Vector {
    /// The terms weighed by their rarity, or all alike without one.
    pub(super) fn of(terms: &Terms, rarity: Option<&Rarity>) -> Vector {
        let weighted: Vec<(String, f64)> =
            terms.0.iter().map(|(t, n)| (t.clone(), n * rarity.map_or(1.0, |r| r.weight(t)))).collect();
        let norm = weighted.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        if norm == 0.0 {
            return Vector::default();
        }
        Vector(weighted.into_iter().map(|(t, w)| (t, w / norm)).collect())
    }

    /// The cosine of the angle between two vectors: 0 (no term shared) ..= 1 (the same terms
    /// in the same proportions).
    pub(super) fn cosine(&self, other: &Vector) -> f64 {
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < self.0.len() && j < other.0.len() {
            match self.0[i].0.cmp(&other.0[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += self.0[i].1 * other.0[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum.clamp(0.0, 1.0)
    }
}

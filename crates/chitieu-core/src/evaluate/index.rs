//! The composite index of a unit for a quarter, DTI-style (0..1): every judged item scores,
//! the scores are averaged within each section of the plan, and the sections are weighted
//! (configurable per plan, equal by default). Then the units are ranked (1, 2, 2, 4) and their
//! movement since the last quarter is counted in places.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::error::EvaluateError;
use super::judge::Judgement;
use super::status::Status;

/// The weight of each section of a plan in the index; a section not listed weighs 1.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    sections: BTreeMap<String, f64>,
}

impl Weights {
    /// Every section weighs the same.
    pub fn equal() -> Weights {
        Weights::default()
    }

    /// Weights by section; each must be a finite number of at least 0.
    pub fn new(weights: impl IntoIterator<Item = (String, f64)>) -> Result<Weights, EvaluateError> {
        let mut out = Weights::default();
        for (section, weight) in weights {
            out.set(&section, weight)?;
        }
        Ok(out)
    }

    pub fn set(&mut self, section: &str, weight: f64) -> Result<(), EvaluateError> {
        if !weight.is_finite() || weight < 0.0 {
            return Err(EvaluateError::Weight { section: section.to_owned(), weight });
        }
        self.sections.insert(section.trim().to_owned(), weight);
        Ok(())
    }

    /// The weight of a section (items outside any section form the section "").
    pub fn weight(&self, section: Option<&str>) -> f64 {
        self.sections.get(section.unwrap_or_default().trim()).copied().unwrap_or(1.0)
    }
}

/// What one verdict scores in the index: met, done and on track 1; at risk and in progress
/// their progress (0.5 when unknown); not met, late, overdue and not reported 0; not judged
/// nothing.
pub fn score(judgement: &Judgement) -> Option<f64> {
    match judgement.status {
        Status::Met | Status::Done | Status::OnTrack => Some(1.0),
        Status::AtRisk | Status::InProgress => Some(judgement.progress.unwrap_or(0.5).clamp(0.0, 1.0)),
        Status::NotMet | Status::Late | Status::Overdue | Status::NotReported => Some(0.0),
        Status::NotJudged => None,
    }
}

/// A unit's index from its verdicts, each with the section of its item: the mean score of
/// each section, weighted over the sections that have a score. `None` when nothing scores (or
/// every section that does weighs 0).
pub fn composite<'a>(
    judged: impl IntoIterator<Item = (Option<&'a str>, &'a Judgement)>,
    weights: &Weights,
) -> Option<f64> {
    let mut sections: BTreeMap<&str, (f64, u32)> = BTreeMap::new();
    for (section, judgement) in judged {
        if let Some(score) = score(judgement) {
            let entry = sections.entry(section.unwrap_or_default().trim()).or_default();
            entry.0 += score;
            entry.1 += 1;
        }
    }
    let (weighted, total) = sections.iter().fold((0.0, 0.0), |(weighted, total), (section, (sum, n))| {
        let weight = weights.weight(Some(section));
        (weighted + weight * sum / f64::from(*n), total + weight)
    });
    (total > 0.0).then(|| (weighted / total).clamp(0.0, 1.0))
}

/// A unit's place in a ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked<K> {
    pub key: K,
    pub value: f64,
    /// 1 for the best; equal values share a place and the next place skips (1, 2, 2, 4).
    pub place: u32,
}

/// Values closer than this are equal for ranking (index values are means of fractions).
const TIE: f64 = 1e-9;

/// Units ranked by value, highest first, with competition ranking; units with equal values
/// (within 1e-9) share a place and are listed by key. A value that is not a number is left out.
pub fn rank<K: Ord + Clone>(units: &[(K, f64)]) -> Vec<Ranked<K>> {
    let mut sorted: Vec<&(K, f64)> = units.iter().filter(|(_, v)| !v.is_nan()).collect();
    let bucket = |v: f64| (v / TIE).round();
    sorted.sort_by(|a, b| bucket(b.1).total_cmp(&bucket(a.1)).then_with(|| a.0.cmp(&b.0)));
    let mut out: Vec<Ranked<K>> = Vec::with_capacity(sorted.len());
    for (i, (key, value)) in sorted.into_iter().enumerate() {
        let place = match out.last() {
            Some(last) if bucket(last.value).total_cmp(&bucket(*value)).is_eq() => last.place,
            _ => i as u32 + 1,
        };
        out.push(Ranked { key: key.clone(), value: *value, place });
    }
    out
}

/// A unit's place now and the places it gained (+) or lost (−) since the previous ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Movement<K> {
    pub key: K,
    pub place: u32,
    pub previous: Option<u32>,
    /// `None` for a unit not ranked before.
    pub change: Option<i64>,
}

/// The movement of every unit of `current` since `previous`, in `current`'s order.
pub fn movement<K: Ord + Clone>(previous: &[Ranked<K>], current: &[Ranked<K>]) -> Vec<Movement<K>> {
    let before: BTreeMap<&K, u32> = previous.iter().map(|r| (&r.key, r.place)).collect();
    current
        .iter()
        .map(|r| {
            let previous = before.get(&r.key).copied();
            Movement {
                key: r.key.clone(),
                place: r.place,
                previous,
                change: previous.map(|p| i64::from(p) - i64::from(r.place)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;

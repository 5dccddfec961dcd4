//! How many verdicts of each status a set of judgements holds (a section, a unit, a level, a
//! plan), with the share met, and grouping them by any key.

use std::collections::BTreeMap;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::status::Status;

/// A count per [`Status`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusCounts {
    counts: [u32; Status::ALL.len()],
}

fn slot(status: Status) -> usize {
    Status::ALL.iter().position(|s| *s == status).unwrap_or_default()
}

impl StatusCounts {
    pub fn add(&mut self, status: Status) {
        self.counts[slot(status)] += 1;
    }

    pub fn merge(&mut self, other: &StatusCounts) {
        for (mine, theirs) in self.counts.iter_mut().zip(other.counts) {
            *mine += theirs;
        }
    }

    pub fn get(&self, status: Status) -> u32 {
        self.counts[slot(status)]
    }

    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// Verdicts other than [`Status::NotJudged`].
    pub fn judged(&self) -> u32 {
        self.total() - self.get(Status::NotJudged)
    }

    /// Targets met and tasks done.
    pub fn met(&self) -> u32 {
        self.get(Status::Met) + self.get(Status::Done)
    }

    /// Values reported (every verdict but not reported and overdue).
    pub fn reported(&self) -> u32 {
        Status::ALL.into_iter().filter(|s| s.reported()).map(|s| self.get(s)).sum()
    }

    /// Met and done over the verdicts judged; `None` when nothing was judged.
    pub fn share_met(&self) -> Option<f64> {
        let judged = self.judged();
        (judged > 0).then(|| f64::from(self.met()) / f64::from(judged))
    }

    /// The statuses present, with their counts, in [`Status::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Status, u32)> + '_ {
        Status::ALL.into_iter().map(|s| (s, self.get(s))).filter(|(_, n)| *n > 0)
    }
}

impl Extend<Status> for StatusCounts {
    fn extend<I: IntoIterator<Item = Status>>(&mut self, statuses: I) {
        for status in statuses {
            self.add(status);
        }
    }
}

impl FromIterator<Status> for StatusCounts {
    fn from_iter<I: IntoIterator<Item = Status>>(statuses: I) -> Self {
        let mut counts = StatusCounts::default();
        counts.extend(statuses);
        counts
    }
}

/// `{"counts": {"met": 3, "not_met": 1}, "total": 4, "judged": 4, "share_met": 0.75}`.
impl Serialize for StatusCounts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let counts: BTreeMap<&str, u32> = self.iter().map(|(s, n)| (s.as_str(), n)).collect();
        let mut out = serializer.serialize_struct("StatusCounts", 4)?;
        out.serialize_field("counts", &counts)?;
        out.serialize_field("total", &self.total())?;
        out.serialize_field("judged", &self.judged())?;
        out.serialize_field("share_met", &self.share_met())?;
        out.end()
    }
}

/// Counts grouped by any key: section, unit, level of government, plan.
pub fn count_by<K: Ord>(verdicts: impl IntoIterator<Item = (K, Status)>) -> BTreeMap<K, StatusCounts> {
    group_by(verdicts)
}

/// Items gathered per key into anything that can take them ([`StatusCounts`],
/// [`super::Reporting`]).
pub(super) fn group_by<K: Ord, V, A: Default + Extend<V>>(items: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, A> {
    let mut groups: BTreeMap<K, A> = BTreeMap::new();
    for (key, item) in items {
        groups.entry(key).or_default().extend(std::iter::once(item));
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_and_share_met_leaves_out_what_was_not_judged() {
        let counts: StatusCounts =
            [Status::Met, Status::Done, Status::NotMet, Status::Overdue, Status::NotJudged].into_iter().collect();
        assert_eq!(counts.total(), 5);
        assert_eq!(counts.judged(), 4);
        assert_eq!(counts.met(), 2);
        assert_eq!(counts.reported(), 4);
        assert_eq!(counts.share_met(), Some(0.5));
        assert_eq!(StatusCounts::default().share_met(), None);
        let mut more = counts.clone();
        more.merge(&counts);
        assert_eq!(more.get(Status::Met), 2);
        assert_eq!(more.total(), 10);
    }

    #[test]
    fn counts_group_by_any_key() {
        let verdicts = [("I", Status::Met), ("II", Status::AtRisk), ("I", Status::NotMet), ("I", Status::Met)];
        let by_section = count_by(verdicts);
        assert_eq!(by_section["I"].get(Status::Met), 2);
        assert_eq!(by_section["I"].total(), 3);
        assert_eq!(by_section["II"].get(Status::AtRisk), 1);
        assert_eq!(by_section.keys().copied().collect::<Vec<_>>(), ["I", "II"]);
    }

    #[test]
    fn counts_serialise_with_their_totals() {
        let counts: StatusCounts = [Status::Met, Status::Met, Status::NotMet, Status::NotJudged].into_iter().collect();
        let json = serde_json::to_value(&counts).unwrap();
        let expected = serde_json::json!({
            "counts": {"met": 2, "not_met": 1, "not_judged": 1},
            "total": 4,
            "judged": 3,
            "share_met": 2.0 / 3.0,
        });
        assert_eq!(json, expected);
    }
}

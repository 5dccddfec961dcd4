//! Many units' values for one item pooled into one: a ratio as Σ numerators ÷ Σ denominators
//! (never the mean of the percentages), counts summed, indexes averaged, the best rank (with the
//! median), yes/no as "yes of n", levels tallied, tasks as "done of n". The pooled value is an
//! [`Observation`] again, so [`super::judge`] judges a roll-up like a unit's value.

use serde::Serialize;

use super::level::Level;
use super::observation::{Observation, TaskState};
use crate::measure::Measure;

/// The units' values pooled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aggregate {
    /// Values pooled.
    pub units: u32,
    /// Values of another kind than the measure pools, left out: a percentage typed without its
    /// numerator and denominator cannot be pooled into a ratio.
    pub left_out: u32,
    #[serde(flatten)]
    pub pooled: Pooled,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pooled {
    Ratio {
        numerator: f64,
        denominator: f64,
    },
    Count {
        total: f64,
    },
    Index {
        mean: f64,
    },
    /// Lower is better: the best place, and the median place.
    Rank {
        best: f64,
        median: f64,
    },
    YesNo {
        yes: u32,
    },
    /// Known levels best first, then levels the scale does not know, as written.
    Levels {
        tally: Vec<LevelCount>,
    },
    Tasks {
        done: u32,
        overdue: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelCount {
    pub level: String,
    pub count: u32,
}

/// The median of a non-empty list.
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len().is_multiple_of(2) { f64::midpoint(values[mid - 1], values[mid]) } else { values[mid] }
}

/// The numbers among `observations` (a ratio's percentage too).
fn numbers(observations: &[Observation]) -> Vec<f64> {
    observations.iter().filter_map(Observation::value).collect()
}

/// The units' values for one item pooled under its measure; `None` when none can be pooled.
pub fn rollup(measure: Measure, observations: &[Observation]) -> Option<Aggregate> {
    let (units, pooled) = match measure {
        Measure::Ratio => {
            let pairs: Vec<(f64, f64)> = observations
                .iter()
                .filter_map(|o| match o {
                    Observation::Ratio { numerator, denominator } => Some((*numerator, *denominator)),
                    _ => None,
                })
                .collect();
            let numerator = pairs.iter().map(|p| p.0).sum();
            let denominator: f64 = pairs.iter().map(|p| p.1).sum();
            (denominator > 0.0).then_some((pairs.len(), Pooled::Ratio { numerator, denominator }))?
        }
        Measure::Count => {
            let values: Vec<f64> = observations
                .iter()
                .filter_map(|o| if let Observation::Number(n) = o { Some(*n) } else { None })
                .collect();
            (values.len(), Pooled::Count { total: values.iter().sum() })
        }
        Measure::Index => {
            let values = numbers(observations);
            let mean = values.iter().sum::<f64>() / values.len() as f64;
            (values.len(), Pooled::Index { mean })
        }
        Measure::Rank => {
            let values = numbers(observations);
            let best = values.iter().copied().reduce(f64::min)?;
            (values.len(), Pooled::Rank { best, median: median(values) })
        }
        Measure::YesNo => {
            let answers: Vec<bool> = observations
                .iter()
                .filter_map(|o| if let Observation::YesNo(y) = o { Some(*y) } else { None })
                .collect();
            (answers.len(), Pooled::YesNo { yes: answers.iter().filter(|y| **y).count() as u32 })
        }
        Measure::Qualitative => {
            let written: Vec<&str> = observations
                .iter()
                .filter_map(|o| if let Observation::Level(l) = o { Some(l.as_str()) } else { None })
                .collect();
            (written.len(), Pooled::Levels { tally: tally(&written) })
        }
        Measure::Task => {
            let states: Vec<TaskState> = observations
                .iter()
                .filter_map(|o| if let Observation::Task { state, .. } = o { Some(*state) } else { None })
                .collect();
            let done = states.iter().filter(|s| **s == TaskState::Done).count() as u32;
            let overdue = states.iter().filter(|s| **s == TaskState::Overdue).count() as u32;
            (states.len(), Pooled::Tasks { done, overdue })
        }
        Measure::None => return None,
    };
    (units > 0).then(|| Aggregate { units: units as u32, left_out: (observations.len() - units) as u32, pooled })
}

fn tally(written: &[&str]) -> Vec<LevelCount> {
    let mut tally: Vec<LevelCount> = Level::ALL
        .into_iter()
        .map(|level| LevelCount {
            level: level.label_vi().to_owned(),
            count: written.iter().filter(|w| Level::parse(w) == Some(level)).count() as u32,
        })
        .filter(|c| c.count > 0)
        .collect();
    for w in written.iter().map(|w| w.trim()).filter(|w| Level::parse(w).is_none()) {
        match tally.iter_mut().find(|c| c.level == w) {
            Some(c) => c.count += 1,
            None => tally.push(LevelCount { level: w.to_owned(), count: 1 }),
        }
    }
    tally
}

impl Aggregate {
    /// The pooled value as one observation, to judge against the item's target: the pooled
    /// ratio, the total, the mean index, the best rank; yes only when every unit says yes; the
    /// median known level; a task done when every unit is done, overdue when any says so.
    pub fn observation(&self) -> Observation {
        match &self.pooled {
            Pooled::Ratio { numerator, denominator } => {
                Observation::Ratio { numerator: *numerator, denominator: *denominator }
            }
            Pooled::Count { total } => Observation::Number(*total),
            Pooled::Index { mean } => Observation::Number(*mean),
            Pooled::Rank { best, .. } => Observation::Number(*best),
            Pooled::YesNo { yes } => Observation::YesNo(*yes == self.units),
            Pooled::Levels { tally } => {
                // Worst first, one entry per unit, so the middle entry is the median level.
                let mut known: Vec<Level> = tally
                    .iter()
                    .filter_map(|c| Level::parse(&c.level).map(|l| std::iter::repeat_n(l, c.count as usize)))
                    .flatten()
                    .collect();
                known.sort_unstable();
                let level = known.get(known.len().saturating_sub(1) / 2).map(|l| l.label_vi().to_owned());
                Observation::Level(level.or_else(|| tally.first().map(|c| c.level.clone())).unwrap_or_default())
            }
            Pooled::Tasks { done, overdue } => {
                let state = if *done == self.units {
                    TaskState::Done
                } else if *overdue > 0 {
                    TaskState::Overdue
                } else {
                    TaskState::InProgress
                };
                Observation::Task { state, document: None }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio(numerator: f64, denominator: f64) -> Observation {
        Observation::Ratio { numerator, denominator }
    }

    #[test]
    fn ratios_pool_numerators_and_denominators_not_percentages() {
        // A commune with 1 of 2 records online (50%) and one with 90 of 100 (90%): the province
        // has 91 of 102 records online, 89.2%, not the 70% a mean of percentages would say.
        let values = [ratio(1.0, 2.0), ratio(90.0, 100.0)];
        let aggregate = rollup(Measure::Ratio, &values).unwrap();
        assert_eq!(aggregate.pooled, Pooled::Ratio { numerator: 91.0, denominator: 102.0 });
        let pooled = aggregate.observation().value().unwrap();
        let mean_of_percentages = values.iter().filter_map(Observation::value).sum::<f64>() / 2.0;
        assert!((pooled - 91.0 / 102.0 * 100.0).abs() < 1e-9);
        assert!((pooled - 89.215_686).abs() < 1e-6);
        assert!((mean_of_percentages - 70.0).abs() < 1e-9);
        assert_eq!(aggregate.observation().label_vi(), "91/102 (89,2%)");
    }

    #[test]
    fn a_percentage_without_its_parts_is_left_out_of_a_ratio() {
        let aggregate = rollup(Measure::Ratio, &[ratio(3.0, 4.0), Observation::Number(50.0)]).unwrap();
        assert_eq!((aggregate.units, aggregate.left_out), (1, 1));
        assert_eq!(rollup(Measure::Ratio, &[Observation::Number(50.0)]), None);
        assert_eq!(rollup(Measure::Ratio, &[]), None);
    }

    #[test]
    fn counts_sum_indexes_average_and_ranks_keep_the_best() {
        let values = [Observation::Number(3.0), Observation::Number(12.0), Observation::Number(6.0)];
        assert_eq!(rollup(Measure::Count, &values).unwrap().observation(), Observation::Number(21.0));
        assert_eq!(rollup(Measure::Index, &values).unwrap().pooled, Pooled::Index { mean: 7.0 });
        let rank = rollup(Measure::Rank, &values).unwrap();
        assert_eq!(rank.pooled, Pooled::Rank { best: 3.0, median: 6.0 });
        assert_eq!(rank.observation(), Observation::Number(3.0));
        let even = rollup(Measure::Rank, &values[..2]).unwrap();
        assert_eq!(even.pooled, Pooled::Rank { best: 3.0, median: 7.5 });
        assert_eq!(rollup(Measure::Index, &[]), None);
        assert_eq!(rollup(Measure::None, &values), None);
    }

    #[test]
    fn yes_no_counts_the_units_that_say_yes() {
        let values = [Observation::YesNo(true), Observation::YesNo(false), Observation::YesNo(true)];
        let aggregate = rollup(Measure::YesNo, &values).unwrap();
        assert_eq!((aggregate.pooled.clone(), aggregate.units), (Pooled::YesNo { yes: 2 }, 3));
        assert_eq!(aggregate.observation(), Observation::YesNo(false), "not every unit says yes");
        let all = rollup(Measure::YesNo, &values[..1]).unwrap();
        assert_eq!(all.observation(), Observation::YesNo(true));
    }

    #[test]
    fn levels_are_tallied_best_first_and_judged_by_the_median() {
        let values: Vec<Observation> =
            ["Khá", "tốt", "Yếu", "Khá", "Chưa xếp loại"].iter().map(|l| Observation::Level((*l).to_owned())).collect();
        let aggregate = rollup(Measure::Qualitative, &values).unwrap();
        let tally: Vec<(&str, u32)> = match &aggregate.pooled {
            Pooled::Levels { tally } => tally.iter().map(|c| (c.level.as_str(), c.count)).collect(),
            other => panic!("{other:?}"),
        };
        assert_eq!(tally, [("Tốt", 1), ("Khá", 2), ("Yếu", 1), ("Chưa xếp loại", 1)]);
        assert_eq!(aggregate.observation(), Observation::Level("Khá".into()));
    }

    #[test]
    fn tasks_count_done_of_n() {
        let task = |state| Observation::Task { state, document: None };
        let values = [task(TaskState::Done), task(TaskState::InProgress), task(TaskState::Done)];
        let aggregate = rollup(Measure::Task, &values).unwrap();
        assert_eq!(aggregate.pooled, Pooled::Tasks { done: 2, overdue: 0 });
        assert_eq!(aggregate.observation(), task(TaskState::InProgress));
        let late = rollup(Measure::Task, &[task(TaskState::Done), task(TaskState::Overdue)]).unwrap();
        assert_eq!(late.observation(), task(TaskState::Overdue));
        let done = rollup(Measure::Task, &values[..1]).unwrap();
        assert_eq!(done.observation(), task(TaskState::Done));
    }

    #[test]
    fn an_aggregate_serialises_flat_with_its_kind() {
        let aggregate = rollup(Measure::Ratio, &[ratio(1.0, 2.0), ratio(90.0, 100.0)]).unwrap();
        let json = serde_json::to_value(&aggregate).unwrap();
        let expected = serde_json::json!({
            "units": 2, "left_out": 0, "kind": "ratio", "numerator": 91.0, "denominator": 102.0,
        });
        assert_eq!(json, expected);
    }
}

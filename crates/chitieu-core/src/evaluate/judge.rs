//! The verdict on one unit's value for one item and period: which target applies, whether the
//! value reaches it, and, before the deadline, whether it is where a steady pace from the plan's
//! start would have it by now.
//!
//! The rules, in order (docs/evaluation.md tells them with examples):
//! 1. Nothing reported: [`Status::Overdue`] once `as_of` is past the due date, else
//!    [`Status::NotReported`].
//! 2. A task (a task item, or a task state reported): done → [`Status::Done`]; reported overdue,
//!    or its deadline passed before the moment judged (the earlier of `as_of` and the period's
//!    last day) → [`Status::Late`]; in progress → [`Status::InProgress`]; not started →
//!    [`Status::AtRisk`].
//! 3. No target for the period, or a value of another kind than the target's →
//!    [`Status::NotJudged`] (a yes/no item without a target is read as "Có").
//! 4. Whether the value reaches the target: `≥ > ≤ <` as written (for ranks, lower is better:
//!    "từ 15 trở lên" is the 15th place or better); `=` ("100%") reaches it from the better side;
//!    a range holds it inside; yes/no says yes (a number above 0 counts as yes); a level is at
//!    least the level the target's words name (a level target that names none is not judged,
//!    unless the unit answered yes/no).
//! 5. The period holds or follows the deadline (or the item has none: ongoing items are judged
//!    every period) → [`Status::Met`] or [`Status::NotMet`].
//! 6. Before the deadline → [`Status::OnTrack`] when the value reaches the target or its
//!    progress is at least the share of time elapsed from the plan's start to the deadline at
//!    the period's last day, else [`Status::AtRisk`].
//!
//! Progress is the share of the target reached, in 0..=1: value ÷ target when higher is better,
//! target ÷ value when lower is better, distance to the nearer bound for a range, 1 when the
//! value reaches the target; `None` for yes/no, levels and tasks.

use serde::{Deserialize, Serialize};

use super::level::Level;
use super::observation::{Observation, TaskState};
use super::status::Status;
use crate::measure::{Direction, Measure};
use crate::period::Period;
use crate::plan::Date;
use crate::target::{Comparator, Target};
use crate::text::key;

/// Everything one verdict depends on.
#[derive(Debug, Clone, Copy)]
pub struct Judging<'a> {
    /// The target for the period and subject ([`target_for`]).
    pub target: Option<&'a Target>,
    pub measure: Measure,
    pub direction: Direction,
    /// The last day the result may come: the item's deadline (`obligation::deadline_end`), or
    /// 31/12 of a year-specific target's year. `None` for ongoing and undated items.
    pub deadline: Option<Date>,
    /// The first day of the plan's first year: the pace is measured from here.
    pub plan_start: Date,
    pub period: Period,
    /// When the report for the period is due.
    pub due: Date,
    /// The day of judgement.
    pub as_of: Date,
    pub observation: Option<&'a Observation>,
}

/// A verdict and how much of the target the value reaches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Judgement {
    pub status: Status,
    /// 0..=1 for numeric targets; `None` for yes/no, levels, tasks and values not judged.
    pub progress: Option<f64>,
}

impl Judgement {
    fn of(status: Status) -> Judgement {
        Judgement { status, progress: None }
    }
}

/// The target that applies to `period` for `subject`: the one for the period's year, else the
/// next later year's (the next milestone), else an undated one. Targets for the same subject
/// (compared case-insensitively) come first; a subject without targets of its own falls back
/// to the item's targets without a subject.
pub fn target_for<'a>(targets: &'a [Target], subject: Option<&str>, period: Period) -> Option<&'a Target> {
    let wanted = subject.map(key);
    let mut candidates: Vec<&Target> = targets.iter().filter(|t| t.subject.as_deref().map(key) == wanted).collect();
    if candidates.is_empty() && wanted.is_some() {
        candidates = targets.iter().filter(|t| t.subject.is_none()).collect();
    }
    let year = period.year;
    candidates
        .iter()
        .find(|t| t.year == Some(year))
        .or_else(|| candidates.iter().filter(|t| t.year.is_some_and(|y| y > year)).min_by_key(|t| t.year))
        .or_else(|| candidates.iter().find(|t| t.year.is_none()))
        .copied()
}

/// The verdict on one value (see the module's rules).
pub fn judge(j: &Judging<'_>) -> Judgement {
    let Some(observation) = j.observation else {
        return Judgement::of(if j.as_of > j.due { Status::Overdue } else { Status::NotReported });
    };
    if let Observation::Task { state, .. } = observation {
        return judge_task(j, *state);
    }
    if j.measure == Measure::Task {
        return match observation {
            Observation::YesNo(true) => judge_task(j, TaskState::Done),
            Observation::YesNo(false) => judge_task(j, TaskState::InProgress),
            _ => Judgement::of(Status::NotJudged),
        };
    }
    let Some(target) = j.target else {
        return match observation {
            Observation::YesNo(yes) if j.measure == Measure::YesNo => verdict(j, *yes, None),
            _ => Judgement::of(Status::NotJudged),
        };
    };
    match target.op {
        Comparator::Bool => says_yes(observation).map_or(Judgement::of(Status::NotJudged), |yes| verdict(j, yes, None)),
        Comparator::Qualitative => match observation {
            Observation::YesNo(yes) => verdict(j, *yes, None),
            Observation::Level(level) => match (Level::parse(level), Level::required_by(&target.raw)) {
                (Some(got), Some(needed)) => verdict(j, got >= needed, None),
                _ => Judgement::of(Status::NotJudged),
            },
            _ => Judgement::of(Status::NotJudged),
        },
        _ => match observation.value() {
            Some(value) => {
                match (reaches(target, value, j.measure, j.direction), progress(target, value, j.measure, j.direction))
                {
                    (Some(met), Some(progress)) => verdict(j, met, Some(if met { 1.0 } else { progress.min(1.0) })),
                    _ => Judgement::of(Status::NotJudged),
                }
            }
            None => Judgement::of(Status::NotJudged),
        },
    }
}

/// The share of the time from the plan's start to the deadline that has passed by the
/// period's last day, in 0..=1 (1 when the deadline is not after the start).
pub fn elapsed_share(plan_start: Date, period: Period, deadline: Date) -> f64 {
    let total = plan_start.days_until(deadline);
    if total <= 0 {
        return 1.0;
    }
    (plan_start.days_until(period.last_day()) as f64 / total as f64).clamp(0.0, 1.0)
}

/// Met or not when the period holds or follows the deadline (or there is none); on track or
/// at risk before it.
fn verdict(j: &Judging<'_>, met: bool, progress: Option<f64>) -> Judgement {
    let status = match j.deadline.filter(|deadline| *deadline > j.period.last_day()) {
        None if met => Status::Met,
        None => Status::NotMet,
        Some(deadline) => {
            let expected = elapsed_share(j.plan_start, j.period, deadline);
            if met || progress.is_some_and(|p| p >= expected) { Status::OnTrack } else { Status::AtRisk }
        }
    };
    Judgement { status, progress }
}

fn judge_task(j: &Judging<'_>, state: TaskState) -> Judgement {
    let moment = j.as_of.min(j.period.last_day());
    let passed = j.deadline.is_some_and(|deadline| deadline < moment);
    Judgement::of(match state {
        TaskState::Done => Status::Done,
        TaskState::Overdue => Status::Late,
        _ if passed => Status::Late,
        TaskState::InProgress => Status::InProgress,
        TaskState::NotStarted => Status::AtRisk,
    })
}

/// A yes/no reading of an observation: yes/no itself, a number above 0 (a count of what the
/// target asks to have), a task done.
fn says_yes(observation: &Observation) -> Option<bool> {
    match observation {
        Observation::YesNo(yes) => Some(*yes),
        Observation::Task { state, .. } => Some(*state == TaskState::Done),
        Observation::Level(_) => None,
        Observation::Number(_) | Observation::Ratio { .. } => observation.value().map(|v| v > 0.0),
    }
}

/// Whether lower values are better under a numeric comparator: "≤"/"<" always, "≥"/">" on a
/// rank ("từ 15 trở lên" is the 15th place or better), "=" when the item's direction says so.
fn lower_is_better(op: Comparator, measure: Measure, direction: Direction) -> bool {
    match op {
        Comparator::Le | Comparator::Lt => true,
        Comparator::Ge | Comparator::Gt => measure == Measure::Rank,
        Comparator::Eq => measure == Measure::Rank || direction == Direction::Lower,
        Comparator::Range | Comparator::Bool | Comparator::Qualitative => false,
    }
}

/// Whether `value` reaches a numeric target; `None` for yes/no and qualitative targets and a
/// target without a level.
pub fn reaches(target: &Target, value: f64, measure: Measure, direction: Direction) -> Option<bool> {
    let t = target.value?;
    let strict = matches!(target.op, Comparator::Gt | Comparator::Lt);
    Some(match target.op {
        Comparator::Bool | Comparator::Qualitative => return None,
        Comparator::Range => t <= value && target.value_max.is_none_or(|max| value <= max),
        op if lower_is_better(op, measure, direction) => {
            if strict {
                value < t
            } else {
                value <= t
            }
        }
        _ if strict => value > t,
        _ => value >= t,
    })
}

/// How much of a numeric target `value` reaches, in 0..=1 (see the module's rules).
pub fn progress(target: &Target, value: f64, measure: Measure, direction: Direction) -> Option<f64> {
    let t = target.value?;
    // part ÷ whole toward a target above; whole ÷ part toward one below.
    let up = |part: f64, whole: f64| {
        if whole > 0.0 {
            (part / whole).clamp(0.0, 1.0)
        } else if part >= whole {
            1.0
        } else {
            0.0
        }
    };
    let down = |part: f64, whole: f64| {
        if part > 0.0 {
            (whole / part).clamp(0.0, 1.0)
        } else if part <= whole {
            1.0
        } else {
            0.0
        }
    };
    Some(match target.op {
        Comparator::Bool | Comparator::Qualitative => return None,
        Comparator::Range => match target.value_max {
            _ if value < t => up(value, t),
            Some(max) if value > max => down(value, max),
            _ => 1.0,
        },
        op if lower_is_better(op, measure, direction) => down(value, t),
        _ => up(value, t),
    })
}

#[cfg(test)]
mod tests;

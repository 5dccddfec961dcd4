//! The trajectory toward a multi-year target (003: 2025 … 2045) with Open SDG's progress
//! measure: the compound annual growth observed since the base year over the growth the target
//! requires, R = d · s · `CAGR_observed` ÷ |`CAGR_required`|, banded: target achieved; R ≥ 0.95 on
//! track; 0.6 ≤ R < 0.95 progress made but acceleration needed; 0 ≤ R < 0.6 limited progress;
//! R < 0 deterioration.
//!
//! A faithful port of `SeriesProgress` (methodology 2, "with a quantitative target") in
//! open-sdg/sdg-build `sdg/ProgressMeasure.py`, whose method is described in open-sdg/open-sdg
//! `docs/progress-methodology.md` (Statistics Canada). As there: a target or base value of 0 is
//! replaced by 0.001; the target is achieved when the current value is at or beyond it in the
//! desired direction (whatever the trend); base and current values of opposite signs, or fewer
//! than two years, cannot be assessed; a negative base flips the sign (s = −1); d is +1 when
//! higher is better and −1 when lower is better. The score maps R onto −5..5 as they do.

use serde::Serialize;

use super::error::EvaluateError;
use super::status::Tone;
use crate::measure::Direction;
use crate::target::{Comparator, Target};

/// A value in a year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    pub year: i32,
    pub value: f64,
}

/// Where a series started, where it is, and where the target wants it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Trajectory {
    pub direction: Direction,
    pub base: Point,
    pub current: Point,
    pub target: Point,
}

/// Open SDG's progress categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    TargetAchieved,
    /// R ≥ 0.95 (Open SDG's `substantial_progress`).
    OnTrack,
    /// 0.6 ≤ R < 0.95 (`moderate_progress`).
    AccelerationNeeded,
    /// 0 ≤ R < 0.6 (`limited_progress`).
    LimitedProgress,
    /// R < 0 (`deterioration`).
    Deterioration,
}

impl Band {
    pub fn label_vi(self) -> &'static str {
        match self {
            Band::TargetAchieved => "Đã đạt mục tiêu",
            Band::OnTrack => "Đúng lộ trình",
            Band::AccelerationNeeded => "Có tiến bộ, cần tăng tốc",
            Band::LimitedProgress => "Tiến bộ hạn chế",
            Band::Deterioration => "Thụt lùi",
        }
    }

    pub fn tone(self) -> Tone {
        match self {
            Band::TargetAchieved | Band::OnTrack => Tone::Good,
            Band::AccelerationNeeded | Band::LimitedProgress => Tone::Warning,
            Band::Deterioration => Tone::Bad,
        }
    }

    /// The band of a ratio R.
    pub fn of_ratio(ratio: f64) -> Band {
        if ratio >= 0.95 {
            Band::OnTrack
        } else if ratio >= 0.6 {
            Band::AccelerationNeeded
        } else if ratio >= 0.0 {
            Band::LimitedProgress
        } else {
            Band::Deterioration
        }
    }
}

/// The progress measure of a trajectory.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Progress {
    pub band: Band,
    /// R; `None` when it cannot be computed for a target already achieved, or when the target
    /// asks for no growth at all (R is −∞: the value moved away from it).
    pub ratio: Option<f64>,
    /// CAGR from the base year to the current year.
    pub observed_growth: Option<f64>,
    /// CAGR from the base year the target requires by its year.
    pub required_growth: Option<f64>,
    /// −5..5: 5 when achieved; else 7.1429·R − 4.2857 (at most 5) for R ≥ 0.6, 4.1667·R − 2.5
    /// (at least −5) below.
    pub score: f64,
}

/// Compound annual growth rate from `(from_year, from)` to `(to_year, to)`.
fn cagr(to: f64, from: f64, to_year: i32, from_year: i32) -> f64 {
    (to / from).powf(1.0 / f64::from(to_year - from_year)) - 1.0
}

/// Open SDG's replacement of a zero, which the exponential model cannot take.
fn nonzero(value: f64) -> f64 {
    if value == 0.0 { 0.001 } else { value }
}

fn score(ratio: f64) -> f64 {
    if ratio >= 0.6 { (7.1429 * ratio - 4.2857).min(5.0) } else { (4.1667 * ratio - 2.5).max(-5.0) }
}

impl Trajectory {
    /// The trajectory toward one of an item's year targets (value and year set), from a base
    /// and a current value. For a range, the bound reached first in the desired direction is
    /// the target ("15-20" increasing: 15; decreasing: 20).
    pub fn toward(target: &Target, direction: Direction, base: Point, current: Point) -> Option<Trajectory> {
        let value = match (target.op, direction) {
            (Comparator::Range, Direction::Lower) => target.value_max.or(target.value)?,
            (Comparator::Bool | Comparator::Qualitative, _) => return None,
            _ => target.value?,
        };
        Some(Trajectory { direction, base, current, target: Point { year: target.year?, value } })
    }

    fn d(&self) -> f64 {
        match self.direction {
            Direction::Higher => 1.0,
            Direction::Lower => -1.0,
        }
    }

    /// Whether the current value is at or beyond the target in the desired direction.
    pub fn achieved(&self) -> bool {
        let target = nonzero(self.target.value);
        match self.direction {
            Direction::Higher => self.current.value >= target,
            Direction::Lower => self.current.value <= target,
        }
    }

    /// Observed and required growth and R (`None` when the target requires no growth).
    fn growth(&self) -> Result<(f64, f64, Option<f64>), EvaluateError> {
        let Trajectory { base, current, target, .. } = *self;
        for (what, value) in
            [("giá trị gốc", base.value), ("giá trị hiện tại", current.value), ("mục tiêu", target.value)]
        {
            if !value.is_finite() {
                return Err(EvaluateError::NotFinite { what });
            }
        }
        let sign = if base.value < 0.0 { -1.0 } else { 1.0 };
        let base_value = nonzero(base.value);
        let target_value = nonzero(target.value);
        for (what, value) in [("giá trị hiện tại", current.value), ("mục tiêu", target_value)] {
            if (base_value > 0.0 && value < 0.0) || (base_value < 0.0 && value > 0.0) {
                return Err(EvaluateError::MixedSigns { what, base: base.value, value });
            }
        }
        if current.year <= base.year {
            return Err(EvaluateError::TooFewYears { base_year: base.year, current_year: current.year });
        }
        if target.year <= base.year {
            return Err(EvaluateError::TargetYear { base_year: base.year, target_year: target.year });
        }
        let observed = cagr(current.value, base_value, current.year, base.year);
        let required = cagr(target_value, base_value, target.year, base.year);
        let ratio = (required != 0.0).then(|| sign * self.d() * observed / required.abs());
        Ok((observed, required, ratio))
    }

    /// Open SDG's progress measure. A target already achieved is [`Band::TargetAchieved`]
    /// even when the growth cannot be computed; otherwise the growth must be computable.
    pub fn progress(&self) -> Result<Progress, EvaluateError> {
        let growth = self.growth();
        if self.achieved() {
            let (observed, required, ratio) =
                growth.map_or((None, None, None), |(o, r, ratio)| (Some(o), Some(r), ratio));
            return Ok(Progress {
                band: Band::TargetAchieved,
                ratio,
                observed_growth: observed,
                required_growth: required,
                score: 5.0,
            });
        }
        let (observed, required, ratio) = growth?;
        Ok(Progress {
            band: ratio.map_or(Band::Deterioration, Band::of_ratio),
            ratio,
            observed_growth: Some(observed),
            required_growth: Some(required),
            score: ratio.map_or(-5.0, score),
        })
    }
}

#[cfg(test)]
mod tests;

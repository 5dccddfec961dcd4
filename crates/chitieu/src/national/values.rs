//! What a synthetic unit reports on an item for a quarter: a value that climbs from where the
//! unit started in 2022 toward what it will reach by the end of 2026, around the target. Most
//! units reach it (met, on track), some fall short (at risk, not met); ranks and incident counts
//! come down instead of up; yes/no turns to yes, levels rise, tasks get done with a document.

use chitieu_core::Comparator;
use chitieu_core::measure::{Direction, Measure};
use chitieu_core::obligation::deadline_end;
use chitieu_core::period::Period;
use chitieu_core::plan::Date;
use chitieu_core::registry::OrgId;
use chitieu_core::text::fold;
use chitieu_store::{StoredPlan, ValueInput};

use super::dice::Dice;
use super::plan::{FIRST_YEAR, TARGET_YEAR};

/// What each draw is for (the first number of its key).
mod draw {
    pub const SKILL: u64 = 1;
    pub const PROVINCE: u64 = 2;
    pub const DIFFICULTY: u64 = 3;
    pub const ATTAINMENT: u64 = 4;
    pub const START: u64 = 5;
    pub const NOISE: u64 = 6;
    pub const SIZE: u64 = 7;
    pub const COMMENT: u64 = 8;
    pub const DOCUMENT: u64 = 9;
}

/// Levels a qualitative value takes, worst first.
const LEVELS: [&str; 4] = ["Yếu", "Trung bình", "Khá", "Tốt"];
const COMMENTS: [&str; 4] = [
    "Đang đẩy nhanh tiến độ thực hiện.",
    "Thiếu kinh phí, nhân lực để triển khai.",
    "Hạ tầng kỹ thuật chưa đáp ứng yêu cầu.",
    "Chờ hướng dẫn của cơ quan cấp trên.",
];
/// Quarters from the first reported one to the last one with a target.
const QUARTERS: f64 = ((TARGET_YEAR - FIRST_YEAR + 1) * 4) as f64;

/// An item of a stored plan, as the value model needs it.
#[derive(Debug, Clone)]
pub struct ItemModel {
    pub key: String,
    position: u64,
    measure: Measure,
    direction: Direction,
    /// The target level (numbers), or the level index (qualitative).
    target: f64,
    deadline: Option<Date>,
}

impl ItemModel {
    /// The items of a plan that units report on (headings left out).
    pub fn of(plan: &StoredPlan) -> Vec<ItemModel> {
        plan.plan
            .items
            .iter()
            .zip(&plan.items)
            .enumerate()
            .filter(|(_, (_, stored))| stored.measure != Measure::None)
            .map(|(position, (item, stored))| {
                let first = item.targets.first();
                let target = match first {
                    Some(t) if t.op == Comparator::Qualitative => level_of(&t.raw) as f64,
                    Some(t) => t.value.unwrap_or(1.0),
                    None => 1.0,
                };
                ItemModel {
                    key: stored.key.clone(),
                    position: position as u64,
                    measure: stored.measure,
                    direction: stored.direction,
                    target,
                    deadline: item.deadline.as_ref().and_then(deadline_end),
                }
            })
            .collect()
    }
}

/// The index in [`LEVELS`] a qualitative target names ("Đạt mức khá" → Khá).
fn level_of(raw: &str) -> usize {
    let folded = fold(raw);
    LEVELS.iter().rposition(|level| folded.contains(&fold(level))).unwrap_or(2)
}

/// A unit that reports, and how good it is at it.
#[derive(Debug, Clone, Copy)]
pub struct Unit {
    pub org: OrgId,
    /// Departments handle larger numbers than communes.
    pub department: bool,
    /// How far above or below the usual attainment the unit (and its province) lands.
    skill: f64,
}

impl Unit {
    pub fn new(dice: Dice, org: OrgId, province: usize, department: bool) -> Unit {
        let skill =
            dice.normal(&[draw::SKILL, org as u64], 0.07) + dice.normal(&[draw::PROVINCE, province as u64], 0.04);
        Unit { org, department, skill }
    }
}

/// The quarter's place in the plan's time: 0 for 2022-Q1 … 19 for 2026-Q4.
pub fn quarter_index(period: Period) -> u64 {
    ((period.year - FIRST_YEAR) * 4 + i32::from(period.quarter.unwrap_or(4)) - 1).max(0) as u64
}

/// How far along its path to its end-of-plan level the unit is in `period` (about 0.5 to 1.3 of
/// the target; 1 reaches it), and the draws that made it.
fn level(dice: Dice, unit: &Unit, item: &ItemModel, period: Period) -> f64 {
    let (org, position, t) = (unit.org as u64, item.position, quarter_index(period));
    let attainment = 1.08
        + unit.skill
        + dice.normal(&[draw::DIFFICULTY, position], 0.04)
        + dice.normal(&[draw::ATTAINMENT, org, position], 0.06);
    let start = dice.between(&[draw::START, org, position], 0.5, 0.8);
    let elapsed = (t + 1) as f64 / QUARTERS;
    attainment
        * (start + (1.0 - start) * elapsed.powf(0.9))
        * (1.0 + dice.normal(&[draw::NOISE, org, position, t], 0.015))
}

/// The value `unit` reports on `item` for `period`.
pub fn value(dice: Dice, unit: &Unit, item: &ItemModel, period: Period) -> ValueInput {
    let level = level(dice, unit, item, period);
    let (org, position, t) = (unit.org as u64, item.position, quarter_index(period));
    let mut value = ValueInput { item_key: item.key.clone(), ..ValueInput::default() };
    let target = item.target;
    match (item.measure, item.direction) {
        (Measure::Ratio, _) => {
            let size = dice.between(&[draw::SIZE, org, position], 20_f64.ln(), 2_000_f64.ln()).exp();
            let size = if unit.department { size * 3.0 } else { size };
            let denominator = (size * (1.0 + 0.025 * t as f64)).round().max(1.0);
            let share = (target * level).clamp(0.0, 100.0);
            value.numerator = Some((denominator * share / 100.0).round());
            value.denominator = Some(denominator);
        }
        (Measure::Index, _) => {
            // Indexes of 0..1 keep two decimals; scores of 0..100 one.
            let (top, scale) = if target <= 1.0 { (1.0, 100.0) } else { (100.0, 10.0) };
            value.number = Some(((target * level).min(top) * scale).round() / scale);
        }
        (Measure::Rank, _) => value.number = Some((target / level).round().max(1.0)),
        (Measure::Count, Direction::Lower) => value.number = Some((target / level).round()),
        (Measure::Count | Measure::None, _) => value.number = Some((target * level).round().max(0.0)),
        (Measure::YesNo, _) => value.yes_no = Some(level >= 0.97),
        (Measure::Qualitative, _) => {
            let index = (target + ((level - 1.0) / 0.12).floor()).clamp(0.0, 3.0) as usize;
            value.level = Some(LEVELS[index].to_owned());
        }
        (Measure::Task, _) => task(dice, unit, item, period, &mut value),
    }
    if level < 0.85 && dice.chance(&[draw::COMMENT, org, position, t], 0.2) {
        value.comment = Some(COMMENTS[dice.below(&[draw::COMMENT, org, position], 4) as usize].to_owned());
    }
    value
}

/// A task's state: done (with its document) once the work is through, else not started, in
/// progress, or overdue in its deadline's quarter. Ongoing tasks are done quarter by quarter.
fn task(dice: Dice, unit: &Unit, item: &ItemModel, period: Period, value: &mut ValueInput) {
    let (org, position) = (unit.org as u64, item.position);
    let Some(deadline) = item.deadline else {
        let done = level(dice, unit, item, period) >= 0.95;
        value.task_status = Some(if done { "done" } else { "in_progress" }.to_owned());
        if done {
            document(dice, unit, item, period, value);
        }
        return;
    };
    // Progress toward the deadline, in the same shape as the indicators' but starting lower.
    let begin = Date { year: FIRST_YEAR, month: 1, day: 1 };
    let span = begin.days_until(deadline).max(1) as f64;
    let progress = |p: Period| {
        let elapsed = (begin.days_until(p.last_day()) as f64 / span).clamp(0.0, 1.0);
        let start = dice.between(&[draw::START, org, position], 0.05, 0.25);
        let attainment = 1.04 + unit.skill + dice.normal(&[draw::ATTAINMENT, org, position], 0.08);
        attainment * (start + (1.0 - start) * elapsed)
    };
    let t = quarter_index(period);
    let done_in = (0..=t).map(quarter_of).find(|p| progress(*p) >= 1.0);
    value.task_status = Some(
        match done_in {
            Some(_) => "done",
            None if period.contains(deadline) && progress(period) < 0.9 => "overdue",
            None if progress(period) < 0.35 => "not_started",
            None => "in_progress",
        }
        .to_owned(),
    );
    if let Some(done) = done_in {
        document(dice, unit, item, done, value);
    }
}

/// The document that settled a task in `period`: a number and a date inside the quarter.
fn document(dice: Dice, unit: &Unit, item: &ItemModel, period: Period, value: &mut ValueInput) {
    let key = [draw::DOCUMENT, unit.org as u64, item.position, quarter_index(period)];
    let number = 1 + dice.below(&key, 240);
    value.doc_number = Some(if unit.department { format!("{number}/KH") } else { format!("{number}/KH-UBND") });
    let first = period.first_day();
    let month = first.month + dice.below(&key, 3) as u8;
    value.doc_date =
        Some(Date { year: first.year, month, day: 1 + dice.below(&[key[1], key[2], key[3]], 28) as u8 }.iso());
}

/// The quarter with index `t` (see [`quarter_index`]).
pub fn quarter_of(t: u64) -> Period {
    Period { year: FIRST_YEAR + (t / 4) as i32, quarter: Some((t % 4) as u8 + 1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(measure: Measure, direction: Direction, target: f64, deadline: Option<Date>) -> ItemModel {
        ItemModel { key: "cds-01#1.1".into(), position: 1, measure, direction, target, deadline }
    }

    fn share_met(dice: Dice, model: &ItemModel, period: Period, met: impl Fn(&ValueInput) -> bool) -> f64 {
        let units: Vec<Unit> = (1..=2_000).map(|org| Unit::new(dice, org, (org % 34) as usize, org % 5 == 0)).collect();
        units.iter().filter(|u| met(&value(dice, u, model, period))).count() as f64 / units.len() as f64
    }

    #[test]
    fn most_units_reach_the_target_by_the_end_and_fewer_early_on() {
        let dice = Dice::new(2026);
        let ratio = item(Measure::Ratio, Direction::Higher, 80.0, None);
        let reached = |v: &ValueInput| v.numerator.unwrap_or(0.0) / v.denominator.unwrap_or(1.0) >= 0.8;
        let end = share_met(dice, &ratio, quarter_of(19), reached);
        let start = share_met(dice, &ratio, quarter_of(0), reached);
        assert!((0.6..0.85).contains(&end), "{end}");
        assert!(start < 0.05, "{start}");
        let rank = item(Measure::Rank, Direction::Lower, 30.0, None);
        let end = share_met(dice, &rank, quarter_of(19), |v| v.number.unwrap_or(99.0) <= 30.0);
        assert!((0.6..0.9).contains(&end), "{end}");
    }

    #[test]
    fn values_fit_their_measure_and_repeat_for_the_same_seed() {
        let dice = Dice::new(5);
        let unit = Unit::new(dice, 42, 3, false);
        let q = quarter_of(10);
        let ratio = value(dice, &unit, &item(Measure::Ratio, Direction::Higher, 100.0, None), q);
        assert!(ratio.numerator <= ratio.denominator && ratio.denominator >= Some(1.0));
        assert_eq!(ratio, value(Dice::new(5), &unit, &item(Measure::Ratio, Direction::Higher, 100.0, None), q));
        let index = value(dice, &unit, &item(Measure::Index, Direction::Higher, 0.65, None), q);
        assert!(index.number.is_some_and(|n| (0.0..=1.0).contains(&n)));
        let level = value(dice, &unit, &item(Measure::Qualitative, Direction::Higher, 2.0, None), q);
        assert!(LEVELS.contains(&level.level.as_deref().unwrap_or("")));
        assert!(value(dice, &unit, &item(Measure::YesNo, Direction::Higher, 1.0, None), q).yes_no.is_some());
    }

    #[test]
    fn tasks_get_done_once_and_keep_their_document() {
        let dice = Dice::new(9);
        let deadline = Date::new(2026, 6, 30);
        let task = item(Measure::Task, Direction::Higher, 1.0, deadline);
        let (mut done_everywhere, mut not_started) = (0, 0);
        for org in 1..200 {
            let unit = Unit::new(dice, org, 0, false);
            let states: Vec<ValueInput> = (0..18).map(|t| value(dice, &unit, &task, quarter_of(t))).collect();
            let first_done = states.iter().position(|v| v.task_status.as_deref() == Some("done"));
            if let Some(first) = first_done {
                assert!(states[first..].iter().all(|v| v.task_status.as_deref() == Some("done")));
                assert!(states[first..].iter().all(|v| v.doc_number == states[first].doc_number));
                let date = Date::parse(states[first].doc_date.as_deref().unwrap_or("")).expect("an ISO date");
                assert!(quarter_of(first as u64).contains(date));
                done_everywhere += 1;
            }
            assert!(matches!(states[0].task_status.as_deref(), Some("not_started" | "in_progress")));
            not_started += usize::from(states[0].task_status.as_deref() == Some("not_started"));
        }
        assert!((100..199).contains(&done_everywhere), "{done_everywhere}");
        assert!(not_started > 150, "{not_started}");
        assert_eq!(level_of("Đạt mức tốt"), 3);
        assert_eq!(level_of("Đạt mức khá"), 2);
    }
}

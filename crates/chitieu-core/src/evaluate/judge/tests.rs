use proptest::prelude::*;

use super::*;

fn date(year: i32, month: u8, day: u8) -> Date {
    Date::new(year, month, day).unwrap()
}

fn target(op: Comparator, value: Option<f64>, value_max: Option<f64>, raw: &str) -> Target {
    Target { year: None, op, value, value_max, unit: None, subject: None, raw: raw.to_owned() }
}

fn ge(v: f64) -> Target {
    target(Comparator::Ge, Some(v), None, "")
}

/// Q2 2026: half the year 2026 has passed (180 of 364 days, 0.4945), the deadline 31/12/2026 is
/// ahead. Q4 2026 holds the deadline.
fn q(n: u8) -> Period {
    Period::quarter(2026, n).unwrap()
}

const Q2: u8 = 2;
const Q4: u8 = 4;

fn ratio(numerator: f64) -> Observation {
    Observation::Ratio { numerator, denominator: 100.0 }
}

fn number(n: f64) -> Observation {
    Observation::Number(n)
}

fn level(l: &str) -> Observation {
    Observation::Level(l.to_owned())
}

struct Case {
    name: &'static str,
    target: Option<Target>,
    measure: Measure,
    direction: Direction,
    observation: Option<Observation>,
    quarter: u8,
    status: Status,
    progress: Option<f64>,
}

#[allow(clippy::needless_pass_by_value)]
fn case(
    name: &'static str,
    target: Target,
    measure: Measure,
    observation: Observation,
    quarter: u8,
    status: Status,
    progress: Option<f64>,
) -> Case {
    let direction =
        if matches!(target.op, Comparator::Le | Comparator::Lt) { Direction::Lower } else { Direction::Higher };
    Case { name, target: Some(target), measure, direction, observation: Some(observation), quarter, status, progress }
}

fn run(c: &Case) -> Judgement {
    let period = q(c.quarter);
    let due = period.due(None);
    judge(&Judging {
        target: c.target.as_ref(),
        measure: c.measure,
        direction: c.direction,
        deadline: Some(date(2026, 12, 31)),
        plan_start: date(2026, 1, 1),
        period,
        due,
        as_of: due,
        observation: c.observation.as_ref(),
    })
}

#[test]
fn every_comparator_reaches_every_verdict() {
    use Comparator::{Bool, Eq, Gt, Lt, Qualitative, Range};
    use Measure::{Count, Index, Rank, Ratio, YesNo};
    use Status::{AtRisk, Met, NotJudged, NotMet, OnTrack};
    let lt = |v| target(Lt, Some(v), None, "");
    let le = |v| target(Comparator::Le, Some(v), None, "");
    let gt = |v| target(Gt, Some(v), None, "");
    let eq = |v| target(Eq, Some(v), None, "");
    let range = target(Range, Some(15.0), Some(20.0), "15-20");
    let yes = target(Bool, None, None, "Có");
    let kha = target(Qualitative, None, None, "Đạt mức khá");
    let vague = target(Qualitative, None, None, "Duy trì, phát triển");
    let cases = [
        case("≥ 70%: 75/100 at the deadline", ge(70.0), Ratio, ratio(75.0), Q4, Met, Some(1.0)),
        case("≥ 70%: 60/100 at the deadline", ge(70.0), Ratio, ratio(60.0), Q4, NotMet, Some(60.0 / 70.0)),
        case("≥ 70%: 40/100 by mid-year, 0.571 ≥ 0.495", ge(70.0), Ratio, ratio(40.0), Q2, OnTrack, Some(40.0 / 70.0)),
        case("≥ 70%: 30/100 by mid-year, 0.429 < 0.495", ge(70.0), Ratio, ratio(30.0), Q2, AtRisk, Some(30.0 / 70.0)),
        case("> 8,5: 9", gt(8.5), Index, number(9.0), Q4, Met, Some(1.0)),
        case("> 8,5: 8,5 is not above", gt(8.5), Index, number(8.5), Q4, NotMet, Some(1.0)),
        case("> 8,5: 5 by mid-year", gt(8.5), Index, number(5.0), Q2, OnTrack, Some(5.0 / 8.5)),
        case("> 8,5: 2 by mid-year", gt(8.5), Index, number(2.0), Q2, AtRisk, Some(2.0 / 8.5)),
        case("≤ 15th: 12th place", le(15.0), Rank, number(12.0), Q4, Met, Some(1.0)),
        case("≤ 15th: 18th place", le(15.0), Rank, number(18.0), Q4, NotMet, Some(15.0 / 18.0)),
        case("≤ 15th: 18th by mid-year", le(15.0), Rank, number(18.0), Q2, OnTrack, Some(15.0 / 18.0)),
        case("≤ 15th: 40th by mid-year", le(15.0), Rank, number(40.0), Q2, AtRisk, Some(15.0 / 40.0)),
        case("< 10th: 9th place", lt(10.0), Rank, number(9.0), Q4, Met, Some(1.0)),
        case("< 10th: 10th is not below", lt(10.0), Rank, number(10.0), Q4, NotMet, Some(1.0)),
        case("< 10th: 12th by mid-year", lt(10.0), Rank, number(12.0), Q2, OnTrack, Some(10.0 / 12.0)),
        case("< 10th: 30th by mid-year", lt(10.0), Rank, number(30.0), Q2, AtRisk, Some(10.0 / 30.0)),
        case("≥ 15th on a rank: 12th is better", ge(15.0), Rank, number(12.0), Q4, Met, Some(1.0)),
        case("100%: 100/100", eq(100.0), Ratio, ratio(100.0), Q4, Met, Some(1.0)),
        case("100%: 95/100", eq(100.0), Ratio, ratio(95.0), Q4, NotMet, Some(0.95)),
        case("100%: 60/100 by mid-year", eq(100.0), Ratio, ratio(60.0), Q2, OnTrack, Some(0.6)),
        case("100%: 20/100 by mid-year", eq(100.0), Ratio, ratio(20.0), Q2, AtRisk, Some(0.2)),
        case("15-20: 17", range.clone(), Count, number(17.0), Q4, Met, Some(1.0)),
        case("15-20: 22 is above", range.clone(), Count, number(22.0), Q4, NotMet, Some(20.0 / 22.0)),
        case("15-20: 10 is below", range.clone(), Count, number(10.0), Q4, NotMet, Some(10.0 / 15.0)),
        case("15-20: 10 by mid-year", range.clone(), Count, number(10.0), Q2, OnTrack, Some(10.0 / 15.0)),
        case("15-20: 5 by mid-year", range.clone(), Count, number(5.0), Q2, AtRisk, Some(5.0 / 15.0)),
        case("Có: yes", yes.clone(), YesNo, Observation::YesNo(true), Q4, Met, None),
        case("Có: no", yes.clone(), YesNo, Observation::YesNo(false), Q4, NotMet, None),
        case("Có: yes by mid-year", yes.clone(), YesNo, Observation::YesNo(true), Q2, OnTrack, None),
        case("Có: no by mid-year", yes.clone(), YesNo, Observation::YesNo(false), Q2, AtRisk, None),
        case("Có: 2 centres count as yes", yes.clone(), YesNo, number(2.0), Q4, Met, None),
        case("Có: a level is not an answer", yes, YesNo, level("Khá"), Q4, NotJudged, None),
        case("mức khá: Tốt", kha.clone(), Measure::Qualitative, level("Tốt"), Q4, Met, None),
        case("mức khá: Trung bình", kha.clone(), Measure::Qualitative, level("Trung bình"), Q4, NotMet, None),
        case("mức khá: khá by mid-year", kha.clone(), Measure::Qualitative, level("khá"), Q2, OnTrack, None),
        case("mức khá: Yếu by mid-year", kha.clone(), Measure::Qualitative, level("Yếu"), Q2, AtRisk, None),
        case("mức khá: an unknown level", kha.clone(), Measure::Qualitative, level("Xuất sắc"), Q4, NotJudged, None),
        case("mức khá: a number", kha, Measure::Qualitative, number(3.0), Q4, NotJudged, None),
        case(
            "Duy trì: a level cannot be placed",
            vague.clone(),
            Measure::Qualitative,
            level("Khá"),
            Q4,
            NotJudged,
            None,
        ),
        case("Duy trì: the unit says yes", vague, Measure::Qualitative, Observation::YesNo(true), Q4, Met, None),
        case("≥ 70%: a yes is not a share", ge(70.0), Ratio, Observation::YesNo(true), Q4, NotJudged, None),
        case("≥ 70: a typed percentage", ge(70.0), Ratio, number(91.0), Q4, Met, Some(1.0)),
    ];
    for c in &cases {
        let got = run(c);
        assert_eq!(got.status, c.status, "{}", c.name);
        match (got.progress, c.progress) {
            (Some(got), Some(want)) => assert!((got - want).abs() < 1e-9, "{}: progress {got} ≠ {want}", c.name),
            (got, want) => assert_eq!(got, want, "{}", c.name),
        }
    }
    let comparators: std::collections::HashSet<String> =
        cases.iter().filter_map(|c| c.target.as_ref()).map(|t| format!("{:?}", t.op)).collect();
    assert_eq!(comparators.len(), 8, "every comparator is exercised: {comparators:?}");
}

#[test]
fn nothing_reported_is_overdue_only_after_the_due_date_whatever_the_target() {
    let period = q(2);
    let due = period.due(None);
    let targets = [
        ge(70.0),
        target(Comparator::Bool, None, None, "Có"),
        target(Comparator::Qualitative, None, None, "Đạt mức khá"),
        target(Comparator::Range, Some(1.0), Some(2.0), ""),
    ];
    for t in &targets {
        for (as_of, status) in [(due, Status::NotReported), (date(2026, 6, 26), Status::Overdue)] {
            let judging = Judging {
                target: Some(t),
                measure: Measure::Count,
                direction: Direction::Higher,
                deadline: None,
                plan_start: date(2026, 1, 1),
                period,
                due,
                as_of,
                observation: None,
            };
            assert_eq!(judge(&judging), Judgement { status, progress: None }, "{t:?} on {as_of}");
        }
    }
}

fn task(state: TaskState, quarter: Period, as_of: Date, deadline: Option<Date>) -> Status {
    let observation = Observation::Task { state, document: None };
    judge(&Judging {
        target: None,
        measure: Measure::Task,
        direction: Direction::Higher,
        deadline,
        plan_start: date(2026, 1, 1),
        period: quarter,
        due: quarter.due(None),
        as_of,
        observation: Some(&observation),
    })
    .status
}

#[test]
fn tasks_are_done_in_progress_or_late() {
    use TaskState::{Done, InProgress, NotStarted, Overdue};
    let november = Some(date(2026, 11, 30));
    let june = date(2026, 6, 25);
    assert_eq!(task(Done, q(2), june, november), Status::Done);
    assert_eq!(task(InProgress, q(2), june, november), Status::InProgress);
    assert_eq!(task(NotStarted, q(2), june, november), Status::AtRisk);
    assert_eq!(task(Overdue, q(2), june, november), Status::Late, "the unit says it is overdue");
    assert_eq!(task(InProgress, q(4), date(2026, 12, 10), november), Status::Late, "deadline passed");
    assert_eq!(task(InProgress, q(4), date(2026, 11, 15), november), Status::InProgress, "not yet");
    assert_eq!(task(InProgress, q(2), date(2027, 3, 1), november), Status::InProgress, "Q2 seen later");
    assert_eq!(task(InProgress, q(4), date(2027, 3, 1), None), Status::InProgress, "ongoing");
    assert_eq!(task(Done, q(4), date(2027, 3, 1), november), Status::Done);
}

#[test]
fn a_task_answered_yes_or_no_is_done_or_under_way() {
    let period = q(4);
    let judging = |answer: bool, as_of| {
        let observation = Observation::YesNo(answer);
        judge(&Judging {
            target: None,
            measure: Measure::Task,
            direction: Direction::Higher,
            deadline: Some(date(2026, 11, 30)),
            plan_start: date(2026, 1, 1),
            period,
            due: period.due(None),
            as_of,
            observation: Some(&observation),
        })
        .status
    };
    assert_eq!(judging(true, date(2026, 12, 20)), Status::Done);
    assert_eq!(judging(false, date(2026, 11, 20)), Status::InProgress);
    assert_eq!(judging(false, date(2026, 12, 20)), Status::Late);
}

#[test]
fn without_a_target_only_a_yes_no_item_is_judged() {
    let period = q(4);
    let judging = |measure, observation: &Observation| {
        judge(&Judging {
            target: None,
            measure,
            direction: Direction::Higher,
            deadline: None,
            plan_start: date(2026, 1, 1),
            period,
            due: period.due(None),
            as_of: period.due(None),
            observation: Some(observation),
        })
        .status
    };
    assert_eq!(judging(Measure::YesNo, &Observation::YesNo(true)), Status::Met);
    assert_eq!(judging(Measure::Count, &number(4.0)), Status::NotJudged);
    assert_eq!(judging(Measure::Qualitative, &level("Khá")), Status::NotJudged);
}

#[test]
fn ongoing_items_are_judged_every_period_and_year_targets_pace_to_their_year() {
    let observation = ratio(50.0);
    let base = |deadline, period: Period| Judging {
        target: None,
        measure: Measure::Ratio,
        direction: Direction::Higher,
        deadline,
        plan_start: date(2025, 1, 1),
        period,
        due: period.due(None),
        as_of: period.due(None),
        observation: Some(&observation),
    };
    let t = ge(70.0);
    let q1 = Period::quarter(2026, 1).unwrap();
    assert_eq!(judge(&Judging { target: Some(&t), ..base(None, q1) }).status, Status::NotMet, "ongoing: final");
    // 003's 2030 target: by 31/12/2026, 729 of the 2190 days from 01/01/2025 have passed (0.333); 50/100 is 0.714.
    let hundred = target(Comparator::Eq, Some(100.0), None, "100%");
    let by_2030 = base(Some(date(2030, 12, 31)), Period::year(2026));
    assert!((elapsed_share(by_2030.plan_start, by_2030.period, date(2030, 12, 31)) - 729.0 / 2190.0).abs() < 1e-12);
    assert_eq!(judge(&Judging { target: Some(&hundred), ..by_2030 }).status, Status::OnTrack);
    let low = Observation::Ratio { numerator: 30.0, denominator: 100.0 };
    let judged = judge(&Judging { target: Some(&hundred), observation: Some(&low), ..by_2030 });
    assert_eq!(judged, Judgement { status: Status::AtRisk, progress: Some(0.3) });
}

fn dated(year: Option<i32>, subject: Option<&str>, value: f64) -> Target {
    Target { year, subject: subject.map(str::to_owned), ..ge(value) }
}

#[test]
fn the_target_for_a_period_is_its_year_s_else_the_next_milestone_else_an_undated_one() {
    // 003: "Phủ sóng 5G": 2025 ≥ 60%, 2030 100%.
    let targets = [dated(Some(2025), None, 60.0), dated(Some(2030), None, 100.0)];
    let value = |period: Period| target_for(&targets, None, period).and_then(|t| t.value);
    assert_eq!(value(Period::quarter(2025, 3).unwrap()), Some(60.0));
    assert_eq!(value(Period::year(2026)), Some(100.0));
    assert_eq!(value(Period::year(2030)), Some(100.0));
    assert_eq!(value(Period::year(2031)), None);
    let mixed = [dated(None, None, 50.0), dated(Some(2027), None, 80.0)];
    assert_eq!(target_for(&mixed, None, Period::year(2026)).and_then(|t| t.value), Some(80.0));
    assert_eq!(target_for(&mixed, None, Period::year(2028)).and_then(|t| t.value), Some(50.0));
    assert_eq!(target_for(&[], None, Period::year(2026)), None);
}

#[test]
fn subjects_choose_their_own_targets_and_fall_back_to_the_item_s() {
    let targets =
        [dated(None, Some("giáo viên"), 100.0), dated(None, Some("học sinh"), 80.0), dated(Some(2026), None, 50.0)];
    let value = |subject| target_for(&targets, subject, Period::year(2026)).and_then(|t| t.value);
    assert_eq!(value(Some("Học sinh")), Some(80.0));
    assert_eq!(value(Some("giáo viên")), Some(100.0));
    assert_eq!(value(Some("phụ huynh")), Some(50.0));
    assert_eq!(value(None), Some(50.0));
}

proptest! {
    #[test]
    fn progress_stays_within_0_and_1(
        op in prop::sample::select(vec![
            Comparator::Ge, Comparator::Gt, Comparator::Le, Comparator::Lt, Comparator::Eq, Comparator::Range,
        ]),
        t in -1e6f64..1e6,
        width in 0f64..1e3,
        value in -1e6f64..1e6,
        rank in any::<bool>(),
        lower in any::<bool>(),
    ) {
        let target = target(op, Some(t), Some(t + width), "");
        let measure = if rank { Measure::Rank } else { Measure::Count };
        let direction = if lower { Direction::Lower } else { Direction::Higher };
        let p = progress(&target, value, measure, direction).unwrap();
        prop_assert!((0.0..=1.0).contains(&p), "{p}");
        if reaches(&target, value, measure, direction).unwrap() {
            prop_assert!((p - 1.0).abs() < 1e-12, "a value that reaches the target has progress 1, got {p}");
        }
    }
}

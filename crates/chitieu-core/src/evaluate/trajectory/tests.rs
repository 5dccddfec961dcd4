use super::*;

fn at(year: i32, value: f64) -> Point {
    Point { year, value }
}

fn measure(direction: Direction, base: Point, current: Point, target: Point) -> Progress {
    Trajectory { direction, base, current, target }.progress().unwrap()
}

fn close(got: Option<f64>, want: f64) -> bool {
    got.is_some_and(|got| (got - want).abs() < 1e-5)
}

#[test]
fn open_sdg_s_own_fixture_a_rate_to_bring_to_zero_that_rose_is_deteriorating() {
    // sdg-build tests/assets/progress-calculation: indicator 3-3-3, direction negative,
    // target 0 (read as 0.001) by the default target year 2030, base year 2015 (1.55), latest
    // year 2019 (1.82).
    // observed = (1.82 / 1.55)^(1/4) − 1 = 0.040962
    // required = (0.001 / 1.55)^(1/15) − 1 = −0.387211
    // R = −1 · 0.040962 / 0.387211 = −0.105788; score = 4.1667 · R − 2.5 = −2.9408.
    let p = measure(Direction::Lower, at(2015, 1.55), at(2019, 1.82), at(2030, 0.0));
    assert_eq!(p.band, Band::Deterioration);
    assert!(close(p.observed_growth, 0.040_962));
    assert!(close(p.required_growth, -0.387_211));
    assert!(close(p.ratio, -0.105_788));
    assert!((p.score - -2.9408).abs() < 1e-4);
}

#[test]
fn coverage_rising_a_little_slower_than_required_needs_acceleration() {
    // 003 "Phủ sóng 5G trên dân số": 60% in 2025, 100% by 2030; 72% in 2027.
    // observed = (72 / 60)^(1/2) − 1 = 0.095445; required = (100 / 60)^(1/5) − 1 = 0.107566;
    // R = 0.887314, between 0.6 and 0.95; score = 7.1429 · R − 4.2857 = 2.0523.
    let p = measure(Direction::Higher, at(2025, 60.0), at(2027, 72.0), at(2030, 100.0));
    assert_eq!(p.band, Band::AccelerationNeeded);
    assert!(close(p.ratio, 0.887_314));
    assert!((p.score - 2.0523).abs() < 1e-4);
    assert_eq!(p.band.label_vi(), "Có tiến bộ, cần tăng tốc");
}

#[test]
fn a_rank_falling_fast_enough_is_on_track() {
    // A rank (lower is better): 20th in 2025, target ≤ 10th by 2030, 15th in 2027.
    // observed = (15 / 20)^(1/2) − 1 = −0.133975; required = (10 / 20)^(1/5) − 1 = −0.129449;
    // R = −1 · −0.133975 / 0.129449 = 1.034957 ≥ 0.95.
    let p = measure(Direction::Lower, at(2025, 20.0), at(2027, 15.0), at(2030, 10.0));
    assert_eq!(p.band, Band::OnTrack);
    assert!(close(p.ratio, 1.034_957));
    assert_eq!(p.band.label_vi(), "Đúng lộ trình");
    // 16th instead: observed = (16 / 20)^(1/2) − 1 = −0.105573; R = 0.815552.
    let slower = measure(Direction::Lower, at(2025, 20.0), at(2027, 16.0), at(2030, 10.0));
    assert_eq!(slower.band, Band::AccelerationNeeded);
    assert!(close(slower.ratio, 0.815_552));
}

#[test]
fn little_growth_is_limited_and_a_fall_is_deterioration() {
    // 60 → 62 in two years: observed = 0.016530, R = 0.016530 / 0.107566 = 0.153673.
    let limited = measure(Direction::Higher, at(2025, 60.0), at(2027, 62.0), at(2030, 100.0));
    assert_eq!(limited.band, Band::LimitedProgress);
    assert!(close(limited.ratio, 0.153_673));
    // 60 → 55: observed = −0.042573, R = −0.395783; score = 4.1667 · R − 2.5 = −4.1491.
    let falling = measure(Direction::Higher, at(2025, 60.0), at(2027, 55.0), at(2030, 100.0));
    assert_eq!(falling.band, Band::Deterioration);
    assert!(close(falling.ratio, -0.395_783));
    assert!((falling.score - -4.1491).abs() < 1e-4);
    assert_eq!(falling.band.tone(), Tone::Bad);
}

#[test]
fn a_base_of_zero_is_read_as_one_thousandth() {
    // 0 centres in 2025 (read as 0.001), 5 in 2027, 20 wanted by 2030:
    // observed = (5 / 0.001)^(1/2) − 1 = 69.710678; required = (20 / 0.001)^(1/5) − 1 = 6.247797;
    // R = 11.157642, on track; the score is capped at 5.
    let p = measure(Direction::Higher, at(2025, 0.0), at(2027, 5.0), at(2030, 20.0));
    assert_eq!(p.band, Band::OnTrack);
    assert!(close(p.observed_growth, 69.710_678));
    assert!(close(p.ratio, 11.157_642));
    assert!((p.score - 5.0).abs() < f64::EPSILON);
}

#[test]
fn a_target_reached_is_achieved_whatever_the_trend_or_the_data() {
    let p = measure(Direction::Higher, at(2025, 60.0), at(2027, 100.0), at(2030, 100.0));
    assert_eq!(p.band, Band::TargetAchieved);
    assert!((p.score - 5.0).abs() < f64::EPSILON);
    // Already past the target in the base year and falling back, but still there.
    let p = measure(Direction::Lower, at(2025, 8.0), at(2027, 9.0), at(2030, 10.0));
    assert_eq!(p.band, Band::TargetAchieved);
    // One year of data only: achieved all the same, with no growth to show.
    let p = measure(Direction::Higher, at(2027, 100.0), at(2027, 100.0), at(2030, 100.0));
    assert_eq!((p.band, p.ratio), (Band::TargetAchieved, None));
}

#[test]
fn a_target_asking_for_no_growth_and_missed_is_deterioration() {
    // The base already equals the target and the value moved away: R = −∞.
    let p = measure(Direction::Higher, at(2025, 100.0), at(2027, 95.0), at(2030, 100.0));
    assert_eq!((p.band, p.ratio), (Band::Deterioration, None));
    assert!((p.score - -5.0).abs() < f64::EPSILON);
}

#[test]
fn series_the_model_cannot_take_are_not_assessed() {
    let t = |base: Point, current: Point, target: Point| {
        Trajectory { direction: Direction::Higher, base, current, target }.progress().unwrap_err()
    };
    assert_eq!(
        t(at(2027, 50.0), at(2027, 60.0), at(2030, 100.0)),
        EvaluateError::TooFewYears { base_year: 2027, current_year: 2027 }
    );
    assert!(matches!(t(at(2025, 5.0), at(2027, -1.0), at(2030, 10.0)), EvaluateError::MixedSigns { .. }));
    assert!(matches!(t(at(2025, 5.0), at(2027, 6.0), at(2025, 10.0)), EvaluateError::TargetYear { .. }));
    assert!(matches!(t(at(2025, f64::NAN), at(2027, 6.0), at(2030, 10.0)), EvaluateError::NotFinite { .. }));
    let message = t(at(2027, 50.0), at(2026, 60.0), at(2030, 100.0)).to_string();
    assert_eq!(message, "cần số liệu của ít nhất hai năm: năm gốc 2027, năm hiện tại 2026");
}

#[test]
fn negative_series_flip_the_sign() {
    // A balance of −100 in 2025 to be brought up to −25 by 2030, −50 in 2027.
    // observed = (−50 / −100)^(1/2) − 1 = −0.292893; required = (−25 / −100)^(1/5) − 1 = −0.242142;
    // R = s · d · observed / |required| = −1 · 1 · −0.292893 / 0.242142 = 1.209594: on track.
    let p = measure(Direction::Higher, at(2025, -100.0), at(2027, -50.0), at(2030, -25.0));
    assert_eq!(p.band, Band::OnTrack);
    assert!(close(p.ratio, 1.209_594));
}

#[test]
fn a_year_target_of_an_item_sets_the_trajectory() {
    let target = Target {
        year: Some(2030),
        op: Comparator::Range,
        value: Some(15.0),
        value_max: Some(20.0),
        unit: None,
        subject: None,
        raw: "15-20".into(),
    };
    let trajectory = Trajectory::toward(&target, Direction::Higher, at(2025, 5.0), at(2027, 9.0)).unwrap();
    assert_eq!(trajectory.target, at(2030, 15.0));
    let lower = Trajectory::toward(&target, Direction::Lower, at(2025, 40.0), at(2027, 30.0)).unwrap();
    assert_eq!(lower.target, at(2030, 20.0));
    let undated = Target { year: None, ..target.clone() };
    assert_eq!(Trajectory::toward(&undated, Direction::Higher, at(2025, 5.0), at(2027, 9.0)), None);
    let yes = Target { op: Comparator::Bool, value: None, ..target };
    assert_eq!(Trajectory::toward(&yes, Direction::Higher, at(2025, 0.0), at(2027, 1.0)), None);
}

use proptest::prelude::*;

use super::*;

fn j(status: Status, progress: Option<f64>) -> Judgement {
    Judgement { status, progress }
}

#[test]
fn every_status_scores_as_the_index_counts_it() {
    let cases = [
        (j(Status::Met, None), Some(1.0)),
        (j(Status::Done, None), Some(1.0)),
        (j(Status::OnTrack, Some(0.6)), Some(1.0)),
        (j(Status::AtRisk, Some(0.3)), Some(0.3)),
        (j(Status::AtRisk, None), Some(0.5)),
        (j(Status::InProgress, None), Some(0.5)),
        (j(Status::NotMet, Some(0.9)), Some(0.0)),
        (j(Status::Late, None), Some(0.0)),
        (j(Status::Overdue, None), Some(0.0)),
        (j(Status::NotReported, None), Some(0.0)),
        (j(Status::NotJudged, None), None),
    ];
    for (judgement, expected) in &cases {
        assert_eq!(score(judgement), *expected, "{:?}", judgement.status);
    }
    let statuses: std::collections::HashSet<Status> = cases.iter().map(|(j, _)| j.status).collect();
    assert_eq!(statuses.len(), Status::ALL.len());
}

#[test]
fn sections_are_averaged_then_weighted() {
    let met = j(Status::Met, None);
    let missed = j(Status::NotMet, None);
    let risk = j(Status::AtRisk, Some(0.4));
    let unjudged = j(Status::NotJudged, None);
    // Section I: 1, 0 → 0.5; section II: 0.4; section III: nothing judged.
    let judged = [(Some("I"), &met), (Some("I"), &missed), (Some("II"), &risk), (Some("III"), &unjudged)];
    let equal = composite(judged, &Weights::equal()).unwrap();
    assert!((equal - f64::midpoint(0.5, 0.4)).abs() < 1e-12, "{equal}");
    // I weighs 3, II 1 (III has no score, so its weight does not count).
    let weights = Weights::new([("I".to_owned(), 3.0), ("III".to_owned(), 5.0)]).unwrap();
    let weighted = composite(judged, &weights).unwrap();
    assert!((weighted - (3.0 * 0.5 + 0.4) / 4.0).abs() < 1e-12, "{weighted}");
    // A section weighing 0 drops out.
    let only_two = Weights::new([("I".to_owned(), 0.0)]).unwrap();
    assert!((composite(judged, &only_two).unwrap() - 0.4).abs() < 1e-12);
    assert_eq!(composite([(None, &unjudged)], &Weights::equal()), None);
    assert_eq!(composite([(Some("I"), &met)], &only_two), None);
}

#[test]
fn weights_must_be_non_negative_numbers() {
    let error = Weights::new([("II".to_owned(), -1.0)]).unwrap_err();
    assert_eq!(error.to_string(), "trọng số của lĩnh vực \"II\" phải là số không âm (nhận được -1)");
    assert!(Weights::new([("II".to_owned(), f64::NAN)]).is_err());
    assert!((Weights::equal().weight(Some("IV")) - 1.0).abs() < f64::EPSILON);
}

#[test]
fn units_rank_with_shared_places_and_ties_listed_by_key() {
    let units = [("Xã C", 0.8), ("Sở A", 0.9), ("Xã B", 0.8), ("Sở D", 0.5), ("Xã E", f64::NAN)];
    let ranked = rank(&units);
    let places: Vec<(&str, u32)> = ranked.iter().map(|r| (r.key, r.place)).collect();
    assert_eq!(places, [("Sở A", 1), ("Xã B", 2), ("Xã C", 2), ("Sở D", 4)]);
    // Means computed along different paths still tie.
    let close = rank(&[("a", 0.1 + 0.2), ("b", 0.3)]);
    assert_eq!(close.iter().map(|r| r.place).collect::<Vec<_>>(), [1, 1]);
}

#[test]
fn movement_counts_places_gained_and_lost_since_last_quarter() {
    let before = rank(&[("Sở A", 0.9), ("Xã B", 0.7), ("Xã C", 0.6)]);
    let now = rank(&[("Xã C", 0.95), ("Sở A", 0.8), ("Xã B", 0.5), ("Xã D", 0.85)]);
    let moves: Vec<(&str, u32, Option<i64>)> =
        movement(&before, &now).into_iter().map(|m| (m.key, m.place, m.change)).collect();
    assert_eq!(moves, [("Xã C", 1, Some(2)), ("Xã D", 2, None), ("Sở A", 3, Some(-2)), ("Xã B", 4, Some(-2))]);
}

proptest! {
    #[test]
    fn places_follow_values_and_do_not_depend_on_input_order(
        values in prop::collection::vec(0u8..6, 0..24),
        rotate in 0usize..24,
    ) {
        let units: Vec<(usize, f64)> = values.iter().enumerate().map(|(k, v)| (k, f64::from(*v) / 5.0)).collect();
        let ranked = rank(&units);
        prop_assert_eq!(ranked.len(), units.len());
        for r in &ranked {
            let better = units.iter().filter(|(_, v)| *v > r.value).count() as u32;
            prop_assert_eq!(r.place, better + 1);
        }
        prop_assert!(ranked.windows(2).all(|w| w[0].place <= w[1].place));
        let mut shuffled: Vec<(usize, f64)> = units.iter().rev().copied().collect();
        if !shuffled.is_empty() {
            let by = rotate % shuffled.len();
            shuffled.rotate_left(by);
        }
        prop_assert_eq!(rank(&shuffled), ranked);
    }

    #[test]
    fn the_index_stays_within_0_and_1(
        verdicts in prop::collection::vec((0usize..10, prop::option::of(0f64..=1.0), 0u8..3), 0..30),
        weight in 0f64..10.0,
    ) {
        let judgements: Vec<(Option<&str>, Judgement)> = verdicts
            .iter()
            .map(|(s, p, section)| ([Some("I"), Some("II"), None][usize::from(*section)], j(Status::ALL[*s], *p)))
            .collect();
        let weights = Weights::new([("II".to_owned(), weight)]).unwrap();
        if let Some(index) = composite(judgements.iter().map(|(s, j)| (*s, j)), &weights) {
            prop_assert!((0.0..=1.0).contains(&index), "{index}");
        }
    }
}

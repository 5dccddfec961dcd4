use super::text::reason_vi;
use super::*;

const UNIT: OrgId = 10;
const OTHER_UNIT: OrgId = 11;
const MONITOR_UNIT: OrgId = 20;
const OTHER_MONITOR_UNIT: OrgId = 21;

fn date(year: i32, month: u8, day: u8) -> Date {
    Date::new(year, month, day).unwrap()
}

/// Q2/2026, due 25/06/2026.
fn due() -> Date {
    date(2026, 6, 25)
}

fn duty(plan: &str, org: OrgId, due: Date, state: ReportState) -> Duty {
    Duty {
        org,
        org_name: format!("Đơn vị {org}"),
        plan_id: 1,
        plan_key: plan.to_lowercase(),
        plan_title: format!("Kế hoạch {plan}"),
        period: Period::quarter(2026, 2).unwrap(),
        due,
        items: 3,
        state,
        monitors: vec![MONITOR_UNIT],
    }
}

fn person(user_id: i64, org: OrgId, role: DutyRole) -> Person {
    Person {
        user_id, name: format!("Người {user_id}"), org: Some(org), role, email: Some(format!("u{user_id}@x.vn"))
    }
}

/// 1 reports for the unit, 2 is its head, 3 monitors it, 4 monitors something else, 5
/// reports for another unit.
fn people() -> Vec<Person> {
    vec![
        person(1, UNIT, DutyRole::Reporter),
        person(2, UNIT, DutyRole::Approver),
        person(3, MONITOR_UNIT, DutyRole::Monitor),
        person(4, OTHER_MONITOR_UNIT, DutyRole::Monitor),
        person(5, OTHER_UNIT, DutyRole::Reporter),
    ]
}

/// Who hears what on `day`: (user id, reasons of their lines).
fn heard(day: Date, duties: &[Duty]) -> Vec<(i64, Vec<Reason>)> {
    schedule(day, &ReminderPolicy::default(), duties, &people())
        .into_iter()
        .map(|d| (d.user_id, d.lines.iter().map(|l| l.reason).collect()))
        .collect()
}

#[test]
fn every_reason_falls_on_its_day_and_no_other() {
    let policy = ReminderPolicy::default();
    let on = |offset: i64| policy.reason(add_days(due(), offset), due());
    assert_eq!(on(-7), Some(Reason::BeforeDue(7)));
    assert_eq!(on(-1), Some(Reason::BeforeDue(1)));
    assert_eq!(on(0), Some(Reason::DueToday));
    assert_eq!(on(1), Some(Reason::Late(1)));
    assert_eq!(on(7), Some(Reason::Late(7)));
    assert_eq!(on(14), Some(Reason::Late(14)));
    for quiet in [-30, -8, -6, -3, -2, 2, 3, 6, 8, 13, 15, 60] {
        assert_eq!(on(quiet), None, "{quiet} days from the due date");
    }
    let silent = ReminderPolicy { before_days: vec![3], on_due_date: false, escalate_after_days: vec![] };
    assert_eq!(silent.reason(due(), due()), None);
    assert_eq!(silent.reason(add_days(due(), -3), due()), Some(Reason::BeforeDue(3)));
    assert_eq!(silent.reason(add_days(due(), 1), due()), None);
}

#[test]
fn the_window_reaches_from_the_last_escalation_to_the_first_notice() {
    let day = date(2026, 7, 1);
    assert_eq!(ReminderPolicy::default().window(day), (date(2026, 6, 17), date(2026, 7, 8)));
    let none = ReminderPolicy { before_days: vec![], on_due_date: true, escalate_after_days: vec![] };
    assert_eq!(none.window(day), (day, day));
}

#[test]
fn the_unit_hears_before_and_on_the_due_date_and_the_head_and_monitor_once_it_is_late() {
    let duties = [duty("A", UNIT, due(), ReportState::NotStarted)];
    let day = |offset| add_days(due(), offset);
    assert_eq!(heard(day(-7), &duties), [(1, vec![Reason::BeforeDue(7)]), (2, vec![Reason::BeforeDue(7)])]);
    assert_eq!(heard(day(-1), &duties), [(1, vec![Reason::BeforeDue(1)]), (2, vec![Reason::BeforeDue(1)])]);
    assert_eq!(heard(day(0), &duties), [(1, vec![Reason::DueToday]), (2, vec![Reason::DueToday])]);
    assert_eq!(heard(day(1), &duties), [(2, vec![Reason::Late(1)]), (3, vec![Reason::Late(1)])]);
    assert_eq!(heard(day(7), &duties), [(2, vec![Reason::Late(7)]), (3, vec![Reason::Late(7)])]);
    assert_eq!(heard(day(14), &duties), [(2, vec![Reason::Late(14)]), (3, vec![Reason::Late(14)])]);
    for quiet in [-6, -3, 2, 5, 8, 15] {
        assert!(heard(day(quiet), &duties).is_empty(), "escalation and notices only on their days ({quiet})");
    }
}

#[test]
fn sent_and_approved_reports_are_never_named_and_a_returned_one_is_owed_again() {
    for state in [ReportState::Submitted, ReportState::Approved] {
        let duties = [duty("A", UNIT, due(), state)];
        for offset in [-7, 0, 1, 14] {
            assert!(heard(add_days(due(), offset), &duties).is_empty(), "{state:?} on day {offset}");
        }
    }
    for state in [ReportState::NotStarted, ReportState::Draft, ReportState::Returned] {
        let duties = [duty("A", UNIT, due(), state)];
        assert_eq!(heard(add_days(due(), 1), &duties).len(), 2, "{state:?} is late");
    }
}

#[test]
fn two_plans_due_the_same_day_make_one_mail_per_person() {
    let duties = [
        duty("B", UNIT, due(), ReportState::Draft),
        duty("A", UNIT, due(), ReportState::NotStarted),
        duty("C", OTHER_UNIT, due(), ReportState::NotStarted),
    ];
    let digests = schedule(add_days(due(), -7), &ReminderPolicy::default(), &duties, &people());
    assert_eq!(digests.iter().map(|d| d.user_id).collect::<Vec<_>>(), [1, 2, 5]);
    let reporter = &digests[0];
    let plans: Vec<&str> = reporter.lines.iter().map(|l| l.duty.plan_title.as_str()).collect();
    assert_eq!(plans, ["Kế hoạch A", "Kế hoạch B"], "ordered by plan within a reason");
    assert_eq!(reporter.subject(), "Nhắc báo cáo: 2 báo cáo đến hạn ngày 25/06/2026");
    assert_eq!(digests[2].lines.len(), 1, "the other unit hears only of its own report");
}

#[test]
fn a_head_reminded_and_escalated_the_same_day_gets_one_digest() {
    let late_one = duty("A", UNIT, add_days(due(), -1), ReportState::Returned);
    let coming = duty("B", UNIT, add_days(due(), 7), ReportState::NotStarted);
    let mut people = people();
    people.push(person(2, UNIT, DutyRole::Approver)); // listed twice: still one person
    let digests = schedule(due(), &ReminderPolicy::default(), &[coming, late_one], &people);
    let head: Vec<_> = digests.iter().filter(|d| d.user_id == 2).collect();
    assert_eq!(head.len(), 1);
    let reasons: Vec<Reason> = head[0].lines.iter().map(|l| l.reason).collect();
    assert_eq!(reasons, [Reason::Late(1), Reason::BeforeDue(7)], "the late report first");
    assert_eq!(head[0].subject(), "Nhắc báo cáo: 1 báo cáo quá hạn, 1 báo cáo sắp đến hạn");
    let reporter = digests.iter().find(|d| d.user_id == 1).unwrap();
    assert_eq!(reporter.lines.iter().map(|l| l.reason).collect::<Vec<_>>(), [Reason::BeforeDue(7)]);
    let monitor = digests.iter().find(|d| d.user_id == 3).unwrap();
    assert_eq!(monitor.subject(), "Nhắc báo cáo: 1 báo cáo quá hạn");
    assert!(digests.iter().all(|d| d.user_id != 4), "a monitor of other items hears nothing");
}

#[test]
fn a_digest_reads_in_vietnamese_with_dates_as_dd_mm_yyyy() {
    let near = duty("A", UNIT, due(), ReportState::NotStarted);
    let far = duty("B", UNIT, add_days(due(), 6), ReportState::Draft);
    let policy = ReminderPolicy { before_days: vec![1, 7], ..ReminderPolicy::default() };
    let digests = schedule(add_days(due(), -1), &policy, &[near, far], &people());
    let digest = &digests[0];
    assert_eq!(digest.subject(), "Nhắc báo cáo: 2 báo cáo sắp đến hạn, sớm nhất ngày 25/06/2026");
    assert_eq!(
        digest.line_texts(),
        [
            "«Kế hoạch A», Quý II/2026 – Đơn vị 10: hạn 25/06/2026, còn 1 ngày đến hạn (chưa bắt đầu).",
            "«Kế hoạch B», Quý II/2026 – Đơn vị 10: hạn 01/07/2026, còn 7 ngày đến hạn (đang soạn, chưa gửi).",
        ]
    );
    let body = digest.body(Some("https://chitieu.example/viec-cua-toi"));
    assert!(
        body.starts_with("Kính gửi Người 1,\n\nHệ thống chitieu nhắc 2 báo cáo (ngày 24/06/2026):\n\n1. «"),
        "{body}"
    );
    assert!(body.contains("\n2. «Kế hoạch B»"), "{body}");
    assert!(body.contains("tại: https://chitieu.example/viec-cua-toi\n"), "{body}");
    assert!(!digest.body(None).contains("tại:"));
    assert_eq!(Period::year(2026).label_vi(), "Năm 2026");
    assert_eq!(Period::quarter(2027, 4).unwrap().label_vi(), "Quý IV/2027");
    assert_eq!(reason_vi(Reason::Late(3)), "quá hạn 3 ngày");
    assert_eq!(reason_vi(Reason::DueToday), "đến hạn hôm nay");
}

#[test]
fn reasons_and_states_keep_their_stored_names() {
    for reason in [Reason::BeforeDue(7), Reason::DueToday, Reason::Late(14)] {
        assert_eq!(Reason::from_code(reason.code(), reason.days()), Some(reason));
    }
    assert_eq!(Reason::from_code("soon", 1), None);
    for state in [
        ReportState::NotStarted,
        ReportState::Draft,
        ReportState::Submitted,
        ReportState::Returned,
        ReportState::Approved,
    ] {
        assert_eq!(ReportState::parse(state.as_str()), Some(state));
    }
}

#[test]
fn days_are_added_across_months_years_and_leap_days() {
    assert_eq!(add_days(date(2026, 12, 31), 1), date(2027, 1, 1));
    assert_eq!(add_days(date(2028, 2, 28), 1), date(2028, 2, 29));
    assert_eq!(add_days(date(2026, 3, 1), -1), date(2026, 2, 28));
    assert_eq!(add_days(date(2026, 6, 25), -14), date(2026, 6, 11));
    let start = date(1999, 12, 30);
    for n in (-800..3000).step_by(7) {
        let moved = add_days(start, n);
        assert_eq!(moved.day_number(), start.day_number() + n, "{moved:?}");
        assert!(Date::new(moved.year, moved.month, moved.day).is_some(), "{moved:?} is a real date");
    }
}

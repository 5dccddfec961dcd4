//! A unit's report: saving values, sending the report for review, and the monitor's decision.
//! Each checks who may act ([`crate::access`]) before the store writes, and each write is one
//! transaction: "Gửi" saves the changed values and submits them together or not at all.

use std::collections::HashMap;

use chitieu_store::{
    ReportHead, ReportKey, ReportStatus, Review, Session, SqlStore, StoreError, StoredPlan, UserRole, ValueInput,
    ValueQuery,
};

use crate::access::{may_review, may_submit, may_write};
use crate::{AppError, LocalClock};

/// What a person asks of a report form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    /// "Lưu nháp": keep the values as a draft.
    Save,
    /// "Gửi": keep them and send the report for review.
    Submit,
}

/// Why a save did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Someone changed the report since the writer read version `read`: show both versions.
    #[error("Báo cáo vừa được người khác sửa; hãy xem lại và lưu lại.")]
    Stale { read: i64 },
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<StoreError> for SaveError {
    fn from(e: StoreError) -> Self {
        SaveError::App(e.into())
    }
}

/// Saves `values` (those changed) in the unit's report and, for [`Intent::Submit`], submits
/// it, all in one transaction. `read` is the report version the writer saw (0 for a report
/// not started). Returns the report's version after the write.
pub async fn save(
    store: &SqlStore,
    clock: &LocalClock,
    session: &Session,
    (plan, key): (&StoredPlan, &ReportKey),
    values: &[ValueInput],
    read: i64,
    intent: Intent,
) -> Result<i64, SaveError> {
    may_write(session, key.org)?;
    if intent == Intent::Submit {
        may_submit(session, key.org)?;
    }
    let past = past_values(store, key).await?;
    values.iter().try_for_each(|value| plausible(plan, value, past_of(&past, value)))?;
    let at = clock.stamp();
    let actor = session.user.username.as_str();
    let written = match intent {
        Intent::Save if values.is_empty() => return Ok(read),
        Intent::Save => store.save_values(key, values, read, actor, &at).await.map(|saved| saved.version),
        Intent::Submit => store.save_and_submit(key, values, read, actor, &at).await.map(|head| head.version),
    };
    match written {
        Ok(version) => Ok(version),
        Err(StoreError::Conflict(_)) => Err(SaveError::Stale { read }),
        Err(StoreError::NotFound { what: "báo cáo", .. }) => {
            Err(AppError::Invalid("Báo cáo chưa có số liệu nào để gửi.".into()).into())
        }
        Err(e) => Err(e.into()),
    }
}

/// A unit's past values, by item and sub-population: the numbers ([`chitieu_core::value::comparable`])
/// of its reports sent for earlier periods of the same kind (quarters, or years), oldest first.
pub type PastValues = HashMap<(String, Option<String>), Vec<f64>>;

/// The past values of the unit and plan of `key`, before its period.
pub async fn past_values(store: &SqlStore, key: &ReportKey) -> Result<PastValues, AppError> {
    let query = ValueQuery { plan_keys: vec![key.plan_key.clone()], org: Some(key.org), ..ValueQuery::default() };
    let mut values = store.reported_values(&query).await?;
    values.retain(|v| {
        let earlier = (v.period.year, v.period.quarter) < (key.period.year, key.period.quarter);
        let sent = matches!(v.status, ReportStatus::Submitted | ReportStatus::Approved);
        sent && earlier && v.period.quarter.is_some() == key.period.quarter.is_some()
    });
    values.sort_by_key(|v| (v.period.year, v.period.quarter));
    let mut past = PastValues::new();
    for v in values {
        if let Some(number) = chitieu_core::value::comparable(&v.value.parts()) {
            past.entry((v.value.item_key.clone(), v.value.subject.clone())).or_default().push(number);
        }
    }
    Ok(past)
}

/// The past values of the item and sub-population of `value`.
pub fn past_of<'a>(past: &'a PastValues, value: &ValueInput) -> &'a [f64] {
    past.get(&(value.item_key.clone(), value.subject.clone())).map_or(&[], Vec::as_slice)
}

/// The rules of [`chitieu_core::value`] for one value of `plan`; and, kept only with a comment
/// saying why, a coverage above its whole or a value far outside the unit's `past` ones.
pub fn plausible(plan: &StoredPlan, value: &ValueInput, past: &[f64]) -> Result<(), AppError> {
    let position = plan.items.iter().position(|item| item.key == value.item_key);
    let item = position.map(|at| &plan.plan.items[at]);
    let code = item.and_then(|item| item.code.clone()).unwrap_or_else(|| value.item_key.clone());
    chitieu_core::value::check(&value.parts())
        .map_err(|problem| AppError::Invalid(format!("Mục {code}: {}", problem.message_vi())))?;
    let targets = item.map_or(&[][..], |item| &item.targets[..]);
    let explained = value.comment.as_deref().is_some_and(|c| !c.trim().is_empty());
    if explained {
        return Ok(());
    }
    let rounded = |v: f64| chitieu_core::display::number_vi((v * 10.0).round() / 10.0);
    if let Some(share) = chitieu_core::value::over_whole(&value.parts(), targets) {
        return Err(AppError::Invalid(format!(
            "Mục {code}: tỷ lệ {}% vượt 100% (tử số lớn hơn mẫu số). Nếu số liệu đúng, hãy ghi chú lý do; nếu \
             không, hãy sửa lại.",
            rounded(share)
        )));
    }
    let now = chitieu_core::value::comparable(&value.parts());
    if let (Some(now), Some((low, high))) = (now, chitieu_core::value::usual_range(past))
        && !(low..=high).contains(&now)
    {
        let before: Vec<String> = past.iter().map(|v| rounded(*v)).collect();
        return Err(AppError::Invalid(format!(
            "Mục {code}: giá trị {} bất thường so với các kỳ trước của đơn vị ({}). Nếu số liệu đúng, hãy ghi chú \
             lý do; nếu không, hãy sửa lại.",
            rounded(now),
            before.join("; ")
        )));
    }
    Ok(())
}

/// The reports awaiting this person's decision: those submitted with a value on an item its
/// unit monitors (every one for administrators and leaders) and not approved once yet, and
/// those approved once by a monitor below it, awaiting the second approval.
pub async fn review_queue(store: &SqlStore, session: &Session) -> Result<Vec<ReportHead>, AppError> {
    let monitor = match session.user.role {
        UserRole::Monitor => Some(session.user.org.ok_or(AppError::Forbidden)?),
        _ => None,
    };
    let mut queue: Vec<ReportHead> =
        store.review_queue(monitor).await?.into_iter().filter(|head| head.first_approved_by.is_none()).collect();
    for head in store.awaiting_second_approval().await? {
        let first = head.first_approved_by.as_deref().unwrap_or_default();
        if monitor.is_none() || crate::access::above_first_approver(store, session, first).await? {
            queue.push(head);
        }
    }
    queue.sort_by(|a, b| (&a.submitted_at, a.id).cmp(&(&b.submitted_at, b.id)));
    Ok(queue)
}

/// A monitor's decision on a submitted report, as chosen on a form or in a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Return { comment: String },
}

impl Decision {
    /// "duyet", or "tra-lai" with the comment saying what to fix.
    pub fn parse(choice: &str, comment: &str) -> Result<Decision, AppError> {
        match choice {
            "duyet" => Ok(Decision::Approve),
            "tra-lai" if comment.trim().is_empty() => {
                Err(AppError::Invalid("Trả lại báo cáo cần ghi rõ nội dung cần sửa.".into()))
            }
            "tra-lai" => Ok(Decision::Return { comment: comment.trim().to_owned() }),
            other => Err(AppError::Invalid(format!("Không rõ quyết định \"{other}\"."))),
        }
    }
}

/// Approves or returns the report with this id, read at version `read`, as `choice` and
/// `comment` say ([`Decision::parse`], read once the person may review at all).
pub async fn decide(
    store: &SqlStore,
    clock: &LocalClock,
    session: &Session,
    report: i64,
    read: i64,
    (choice, comment): (&str, &str),
) -> Result<(), AppError> {
    may_review(store, session, report).await?;
    let review = match Decision::parse(choice, comment)? {
        Decision::Approve => Review::Approve,
        Decision::Return { comment } => Review::Return { comment },
    };
    store.review_report(report, read, &review, &session.user.username, &clock.stamp()).await?;
    Ok(())
}

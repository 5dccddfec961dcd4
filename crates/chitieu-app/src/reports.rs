//! A unit's report: saving values, sending the report for review, and the monitor's decision.
//! Each checks who may act ([`crate::access`]) before the store writes, and each write is one
//! transaction: "Gửi" saves the changed values and submits them together or not at all.

use chitieu_store::{ReportKey, Review, Session, SqlStore, StoreError, ValueInput};

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
    key: &ReportKey,
    values: &[ValueInput],
    read: i64,
    intent: Intent,
) -> Result<i64, SaveError> {
    may_write(session, key.org)?;
    if intent == Intent::Submit {
        may_submit(session, key.org)?;
    }
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

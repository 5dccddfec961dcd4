//! Reminders kept (migration 0006): the digests (one per person per day, claimed once even when
//! two servers tick together), their lines (who was reminded of which report, when and why),
//! the mail's fate (sent, or failed and retried), and in-app notices with their read marks.
//! What is owed around a day is read in [`owed`].

mod owed;

use chitieu_core::period::Period;
use chitieu_core::plan::Date;
use chitieu_core::registry::OrgId;
use chitieu_core::reminder::{Digest, Reason, ReportState};
use serde::Serialize;
use sqlx::Row as _;

use crate::backend::SqlStore;
use crate::codes::stored_code;
use crate::review::period_of;
use crate::sql::text_date;
use crate::{Result, StoreError};

pub(crate) use owed::plan_obligations;

/// A digest's mail is tried at most this many times.
pub const MAX_SEND_ATTEMPTS: i64 = 10;

stored_code! {
    /// Where a digest's mail stands.
    pub enum DigestStatus {
        /// Claimed by a server, going out.
        Sending = "sending",
        Sent = "sent",
        /// The last try failed; a later pass tries again.
        Failed = "failed",
        /// No address or no mail server: the in-app notice only.
        NoticeOnly = "notice_only",
    }
}

/// A digest to record: what the schedule made, and the words it goes out with.
#[derive(Debug, Clone, Copy)]
pub struct NewDigest<'a> {
    pub digest: &'a Digest,
    /// Where it is mailed; `None`: an in-app notice only.
    pub email: Option<&'a str>,
    pub subject: &'a str,
    pub body: &'a str,
    /// The in-app notice: its text and the page it opens.
    pub notice: &'a str,
    pub link: &'a str,
}

/// A claimed digest whose mail is to go now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingMail {
    pub digest_id: i64,
    pub user_id: i64,
    pub day: Date,
    pub email: String,
    pub subject: String,
    pub body: String,
    /// Tries so far, this one included.
    pub attempts: i64,
}

/// How a digest's mail went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendOutcome<'a> {
    Sent { message_id: &'a str },
    Failed { error: &'a str },
}

/// Which reminders to list; every one (newest first, at most `limit`, 500 by default) when
/// nothing is set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReminderFilter {
    pub period: Option<Period>,
    pub org: Option<OrgId>,
    pub limit: Option<i64>,
}

/// One report named in a digest: who was reminded, when and why, and how the mail went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentReminder {
    pub id: i64,
    pub digest_id: i64,
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub day: Date,
    pub reason: Reason,
    pub plan_key: String,
    pub period: Period,
    pub org: OrgId,
    pub due: Date,
    pub report_state: ReportState,
    pub status: DigestStatus,
    pub attempts: i64,
    pub claimed_at: String,
    pub sent_at: Option<String>,
    pub message_id: Option<String>,
    pub error: Option<String>,
}

/// An in-app notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub id: i64,
    pub created_at: String,
    pub text: String,
    pub link: Option<String>,
    pub read_at: Option<String>,
}

const REMINDER_SELECT: &str = "SELECT r.id, r.digest_id, r.user_id, u.username, u.display_name, d.email, r.day, \
     r.reason, r.days, r.plan_key, r.year, r.quarter, r.org_id, r.due_date, r.report_state, d.status, d.attempts, \
     d.claimed_at, d.sent_at, d.message_id, d.error \
     FROM reminders r JOIN reminder_digests d ON d.id = r.digest_id JOIN users u ON u.id = r.user_id";

fn date_of(row: &sqlx::any::AnyRow, column: &str) -> Result<Date> {
    text_date(row.try_get(column)?, column)?.ok_or_else(|| StoreError::Corrupt(format!("{column} is empty")))
}

fn reminder_of(row: &sqlx::any::AnyRow) -> Result<SentReminder> {
    let corrupt = |what: &str, value: &str| StoreError::Corrupt(format!("{what} \"{value}\""));
    let (reason, days): (String, i64) = (row.try_get("reason")?, row.try_get("days")?);
    let state: String = row.try_get("report_state")?;
    Ok(SentReminder {
        id: row.try_get("id")?,
        digest_id: row.try_get("digest_id")?,
        user_id: row.try_get("user_id")?,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        email: row.try_get("email")?,
        day: date_of(row, "day")?,
        reason: u32::try_from(days)
            .ok()
            .and_then(|days| Reason::from_code(&reason, days))
            .ok_or_else(|| corrupt("reminder reason", &reason))?,
        plan_key: row.try_get("plan_key")?,
        period: period_of(row.try_get("year")?, row.try_get("quarter")?)?,
        org: row.try_get("org_id")?,
        due: date_of(row, "due_date")?,
        report_state: ReportState::parse(&state).ok_or_else(|| corrupt("report state", &state))?,
        status: DigestStatus::decode(row, "status")?,
        attempts: row.try_get("attempts")?,
        claimed_at: row.try_get("claimed_at")?,
        sent_at: row.try_get("sent_at")?,
        message_id: row.try_get("message_id")?,
        error: row.try_get("error")?,
    })
}

impl SqlStore {
    pub(crate) async fn claim_digest_tx(&self, new: &NewDigest<'_>, at: &str) -> Result<Option<i64>> {
        let digest = new.digest;
        let day = digest.day.iso();
        let status = if new.email.is_some() { DigestStatus::Sending } else { DigestStatus::NoticeOnly };
        let mut tx = self.begin_write().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO reminder_digests (user_id, day, email, subject, body, status, attempts, claimed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (user_id, day) DO NOTHING RETURNING id",
        )
        .bind(digest.user_id)
        .bind(&day)
        .bind(new.email)
        .bind(new.subject)
        .bind(new.body)
        .bind(status.as_str())
        .bind(i64::from(new.email.is_some()))
        .bind(at)
        .fetch_optional(&mut *tx)
        .await
        .map_err(|e| StoreError::from_db(e, &format!("reminder digest of user {}", digest.user_id)))?;
        let Some(id) = id else {
            tx.rollback().await?;
            return Ok(None);
        };
        for line in &digest.lines {
            let duty = &line.duty;
            sqlx::query(
                "INSERT INTO reminders (digest_id, user_id, day, reason, days, plan_key, year, quarter, org_id, \
                 due_date, report_state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(id)
            .bind(digest.user_id)
            .bind(&day)
            .bind(line.reason.code())
            .bind(i64::from(line.reason.days()))
            .bind(&duty.plan_key)
            .bind(i64::from(duty.period.year))
            .bind(i64::from(duty.period.quarter.unwrap_or(0)))
            .bind(duty.org)
            .bind(duty.due.iso())
            .bind(duty.state.as_str())
            .execute(&mut *tx)
            .await
            .map_err(|e| StoreError::from_db(e, "reminder line"))?;
        }
        sqlx::query("INSERT INTO notices (user_id, created_at, text, link, digest_id) VALUES ($1, $2, $3, $4, $5)")
            .bind(digest.user_id)
            .bind(at)
            .bind(new.notice)
            .bind(new.link)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(id))
    }

    pub(crate) async fn retry_mail_tx(&self, since: Date, at: &str, stale_before: &str) -> Result<Vec<PendingMail>> {
        const RETRYABLE: &str = "email IS NOT NULL AND day >= $1 AND attempts < $2 \
             AND (status = 'failed' OR (status = 'sending' AND claimed_at < $3))";
        let ids: Vec<i64> =
            sqlx::query_scalar(&format!("SELECT id FROM reminder_digests WHERE {RETRYABLE} ORDER BY id"))
                .bind(since.iso())
                .bind(MAX_SEND_ATTEMPTS)
                .bind(stale_before)
                .fetch_all(&self.pool)
                .await?;
        let mut claimed = Vec::new();
        for id in ids {
            // Claimed only if no other server took it since the read above.
            let mut tx = self.begin_write().await?;
            let row = sqlx::query(&format!(
                "UPDATE reminder_digests SET status = 'sending', attempts = attempts + 1, claimed_at = $4 \
                 WHERE id = $5 AND {RETRYABLE} RETURNING id, user_id, day, email, subject, body, attempts"
            ))
            .bind(since.iso())
            .bind(MAX_SEND_ATTEMPTS)
            .bind(stale_before)
            .bind(at)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            tx.commit().await?;
            if let Some(row) = row {
                claimed.push(PendingMail {
                    digest_id: row.try_get("id")?,
                    user_id: row.try_get("user_id")?,
                    day: date_of(&row, "day")?,
                    email: row.try_get("email")?,
                    subject: row.try_get("subject")?,
                    body: row.try_get("body")?,
                    attempts: row.try_get("attempts")?,
                });
            }
        }
        Ok(claimed)
    }

    pub(crate) async fn finish_mail_tx(&self, digest_id: i64, outcome: SendOutcome<'_>, at: &str) -> Result<()> {
        let done = match outcome {
            SendOutcome::Sent { message_id } => {
                sqlx::query(
                    "UPDATE reminder_digests SET status = 'sent', sent_at = $1, message_id = $2, error = NULL \
                     WHERE id = $3",
                )
                .bind(at)
                .bind(message_id)
                .bind(digest_id)
                .execute(&self.pool)
                .await?
            }
            SendOutcome::Failed { error } => {
                sqlx::query("UPDATE reminder_digests SET status = 'failed', error = $1 WHERE id = $2")
                    .bind(error)
                    .bind(digest_id)
                    .execute(&self.pool)
                    .await?
            }
        };
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound { what: "thư nhắc việc", key: digest_id.to_string() })
        }
    }

    pub(crate) async fn reminder_list(&self, filter: &ReminderFilter) -> Result<Vec<SentReminder>> {
        let rows = sqlx::query(&format!(
            "{REMINDER_SELECT} WHERE ($1 = 0 OR (r.year = $2 AND r.quarter = $3)) AND ($4 = 0 OR r.org_id = $5) \
             ORDER BY r.day DESC, r.id DESC LIMIT $6"
        ))
        .bind(i64::from(filter.period.is_some()))
        .bind(filter.period.map_or(0, |p| i64::from(p.year)))
        .bind(filter.period.map_or(0, |p| i64::from(p.quarter.unwrap_or(0))))
        .bind(i64::from(filter.org.is_some()))
        .bind(filter.org.unwrap_or(0))
        .bind(filter.limit.unwrap_or(500))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(reminder_of).collect()
    }

    pub(crate) async fn notices_of(&self, user_id: i64, limit: i64) -> Result<Vec<Notice>> {
        let rows = sqlx::query(
            "SELECT id, created_at, text, link, read_at FROM notices WHERE user_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(user_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Notice {
                    id: row.try_get("id")?,
                    created_at: row.try_get("created_at")?,
                    text: row.try_get("text")?,
                    link: row.try_get("link")?,
                    read_at: row.try_get("read_at")?,
                })
            })
            .collect()
    }

    pub(crate) async fn unread_notices_of(&self, user_id: i64) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM notices WHERE user_id = $1 AND read_at IS NULL")
            .bind(user_id)
            .fetch_one(&self.pool)
            .await?)
    }

    pub(crate) async fn mark_notices_read_tx(&self, user_id: i64, notice: Option<i64>, at: &str) -> Result<u64> {
        let done = sqlx::query(
            "UPDATE notices SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL AND ($3 = 0 OR id = $4)",
        )
        .bind(at)
        .bind(user_id)
        .bind(i64::from(notice.is_some()))
        .bind(notice.unwrap_or(0))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }
}

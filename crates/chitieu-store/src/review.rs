//! The report lifecycle after entry: a unit submits (late when after the period's due date), a
//! monitor approves or returns it with a comment, an admin locks a period; and the reads the
//! pages need (a report with its current values, a monitor's queue). Every change is audited
//! and names the report version it read.

use chitieu_core::period::Period;
use chitieu_core::registry::OrgId;
use serde::Serialize;
use sqlx::Row as _;

use crate::backend::SqlStore;
use crate::reports::{ReportKey, ReportStatus, ValueInput, ValueRevision};
use crate::sql::{Stamp, audit};
use crate::{Result, StoreError};

/// A report as its list lines and pages show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportHead {
    pub id: i64,
    pub plan_key: String,
    pub period: Period,
    pub org: OrgId,
    pub status: ReportStatus,
    pub version: i64,
    /// The period's due date (ISO).
    pub due_date: String,
    /// Submitted after the due date.
    pub late: bool,
    pub locked: bool,
    pub updated_at: String,
    pub submitted_at: Option<String>,
    pub submitted_by: Option<String>,
    pub reviewed_at: Option<String>,
    pub reviewed_by: Option<String>,
    /// Why a monitor returned the report.
    pub review_comment: Option<String>,
    /// Under a plan that asks for two approvals: who approved first (the report stays
    /// submitted until a monitor above approves it too).
    pub first_approved_by: Option<String>,
    pub first_approved_at: Option<String>,
}

/// A report with the latest revision of each of its values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportView {
    pub head: ReportHead,
    pub values: Vec<ValueRevision>,
}

/// A monitor's decision on a submitted report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Review {
    Approve,
    /// Back to the unit, with what to fix.
    Return {
        comment: String,
    },
}

/// A reporting period as stored (made when first written or locked).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredPeriod {
    pub plan_key: String,
    pub period: Period,
    pub due_date: String,
    pub locked: bool,
}

impl ReportStatus {
    pub fn label_vi(self) -> &'static str {
        match self {
            ReportStatus::Draft => "Đang soạn",
            ReportStatus::Submitted => "Đã gửi, chờ duyệt",
            ReportStatus::Returned => "Bị trả lại",
            ReportStatus::Approved => "Đã duyệt",
        }
    }

    /// The unit may still change its values.
    pub fn editable(self) -> bool {
        matches!(self, ReportStatus::Draft | ReportStatus::Returned)
    }
}

const HEAD_SELECT: &str = "SELECT r.id, p.plan_key, p.year, p.quarter, r.org_id, r.status, r.version, p.due_date, \
     r.late, p.locked, r.updated_at, r.submitted_at, r.submitted_by, r.reviewed_at, r.reviewed_by, r.review_comment, \
     r.first_approved_by, r.first_approved_at FROM reports r JOIN periods p ON p.id = r.period_id";

pub(crate) fn period_of(year: i64, quarter: i64) -> Result<Period> {
    let year = i32::try_from(year).map_err(|_| StoreError::Corrupt(format!("period year {year}")))?;
    match quarter {
        0 => Ok(Period::year(year)),
        q => Period::quarter(year, q as u8).ok_or_else(|| StoreError::Corrupt(format!("quarter {q} of {year}"))),
    }
}

fn head_of(row: &sqlx::any::AnyRow) -> Result<ReportHead> {
    Ok(ReportHead {
        id: row.try_get("id")?,
        plan_key: row.try_get("plan_key")?,
        period: period_of(row.try_get("year")?, row.try_get("quarter")?)?,
        org: row.try_get("org_id")?,
        status: ReportStatus::decode(row, "status")?,
        version: row.try_get("version")?,
        due_date: row.try_get("due_date")?,
        late: row.try_get::<i64, _>("late")? == 1,
        locked: row.try_get::<i64, _>("locked")? == 1,
        updated_at: row.try_get("updated_at")?,
        submitted_at: row.try_get("submitted_at")?,
        submitted_by: row.try_get("submitted_by")?,
        reviewed_at: row.try_get("reviewed_at")?,
        reviewed_by: row.try_get("reviewed_by")?,
        review_comment: row.try_get("review_comment")?,
        first_approved_by: row.try_get("first_approved_by")?,
        first_approved_at: row.try_get("first_approved_at")?,
    })
}

impl SqlStore {
    pub(crate) async fn report_head(&self, id: i64) -> Result<ReportHead> {
        let row = sqlx::query(&format!("{HEAD_SELECT} WHERE r.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound { what: "báo cáo", key: id.to_string() })?;
        head_of(&row)
    }

    pub(crate) async fn report_view(&self, id: i64) -> Result<ReportView> {
        let head = self.report_head(id).await?;
        let key = ReportKey { plan_key: head.plan_key.clone(), period: head.period, org: head.org };
        let mut values: Vec<ValueRevision> = Vec::new();
        // History is ordered by item, subject and revision: the last of each run is current.
        for revision in self.value_history_of(&key).await? {
            match values.last_mut() {
                Some(last)
                    if last.value.item_key == revision.value.item_key
                        && last.value.subject == revision.value.subject =>
                {
                    *last = revision;
                }
                _ => values.push(revision),
            }
        }
        Ok(ReportView { head, values })
    }

    pub(crate) async fn report_id_for(&self, key: &ReportKey) -> Result<Option<i64>> {
        let mut conn = self.pool.acquire().await?;
        report_id_of(&mut conn, key).await
    }

    async fn report_id_in(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        key: &ReportKey,
    ) -> Result<Option<i64>> {
        report_id_of(tx, key).await
    }

    /// Moves a report from one of `from` to `to` if it is still at `expected_version` and its
    /// period is not locked (a locked period is frozen: no submission, return or approval);
    /// returns the head as it was before.
    async fn transition(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        id: i64,
        expected_version: i64,
        from: &[ReportStatus],
        to: ReportStatus,
        at: &str,
    ) -> Result<ReportHead> {
        let row = sqlx::query(&format!("{HEAD_SELECT} WHERE r.id = $1"))
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?
            .ok_or_else(|| StoreError::NotFound { what: "báo cáo", key: id.to_string() })?;
        let before = head_of(&row)?;
        if before.locked {
            return Err(StoreError::Locked(before.period.to_string()));
        }
        if before.version != expected_version {
            return Err(StoreError::Conflict(format!(
                "báo cáo vừa được người khác sửa (bạn đọc phiên bản {expected_version}, nay là {}); \
                 hãy tải lại rồi thử lại",
                before.version
            )));
        }
        if !from.contains(&before.status) {
            return Err(StoreError::Invalid(format!(
                "báo cáo «{}» không chuyển sang «{}» được",
                before.status.label_vi(),
                to.label_vi()
            )));
        }
        let bumped = sqlx::query(
            "UPDATE reports SET status = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4",
        )
        .bind(to.as_str())
        .bind(at)
        .bind(id)
        .bind(expected_version)
        .execute(&mut **tx)
        .await?;
        if bumped.rows_affected() != 1 {
            return Err(StoreError::Conflict("báo cáo vừa được người khác sửa; hãy tải lại".into()));
        }
        Ok(before)
    }

    pub(crate) async fn submit_report_tx(
        &self,
        id: i64,
        expected_version: i64,
        stamp: Stamp<'_>,
    ) -> Result<ReportHead> {
        let mut tx = self.begin_write().await?;
        self.submit_in(&mut tx, id, expected_version, stamp).await?;
        tx.commit().await?;
        self.report_head(id).await
    }

    /// Saves the changed values of a unit's report and submits it, in one transaction: a
    /// refusal of either writes nothing.
    pub(crate) async fn save_and_submit_tx(
        &self,
        key: &ReportKey,
        values: &[ValueInput],
        expected_version: i64,
        stamp: Stamp<'_>,
    ) -> Result<ReportHead> {
        let mut tx = self.begin_write().await?;
        let (id, version) = if values.is_empty() {
            let id = self
                .report_id_in(&mut tx, key)
                .await?
                .ok_or_else(|| StoreError::NotFound { what: "báo cáo", key: format!("{key:?}") })?;
            (id, expected_version)
        } else {
            let saved = self.save_values_in(&mut tx, key, values, expected_version, stamp).await?;
            (saved.report_id, saved.version)
        };
        self.submit_in(&mut tx, id, version, stamp).await?;
        tx.commit().await?;
        self.report_head(id).await
    }

    async fn submit_in(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        id: i64,
        expected_version: i64,
        stamp: Stamp<'_>,
    ) -> Result<()> {
        let before = self
            .transition(
                tx,
                id,
                expected_version,
                &[ReportStatus::Draft, ReportStatus::Returned],
                ReportStatus::Submitted,
                stamp.at,
            )
            .await?;
        // Times are RFC 3339 and due dates ISO: the day is the first ten characters.
        let late = stamp.at.get(..10).is_some_and(|day| day > before.due_date.as_str());
        sqlx::query(
            "UPDATE reports SET late = $1, submitted_at = $2, submitted_by = $3, reviewed_at = NULL, \
             reviewed_by = NULL, review_comment = NULL, first_approved_by = NULL, first_approved_at = NULL \
             WHERE id = $4",
        )
        .bind(i64::from(late))
        .bind(stamp.at)
        .bind(stamp.actor)
        .bind(id)
        .execute(&mut **tx)
        .await?;
        let after = serde_json::json!({ "status": "submitted", "late": late, "due_date": before.due_date });
        let before_json = serde_json::json!({ "status": before.status });
        audit(tx, stamp, "submit", "report", &id.to_string(), Some(&before_json), Some(&after)).await
    }

    pub(crate) async fn review_report_tx(
        &self,
        id: i64,
        expected_version: i64,
        review: &Review,
        stamp: Stamp<'_>,
    ) -> Result<ReportHead> {
        let (to, comment, action) = match review {
            Review::Approve => (ReportStatus::Approved, None, "approve"),
            Review::Return { comment } if comment.trim().is_empty() => {
                return Err(StoreError::Invalid("trả lại báo cáo cần ghi rõ nội dung cần sửa".into()));
            }
            Review::Return { comment } => (ReportStatus::Returned, Some(comment.trim()), "return"),
        };
        let mut tx = self.begin_write().await?;
        let plan_key: String =
            sqlx::query_scalar("SELECT p.plan_key FROM reports r JOIN periods p ON p.id = r.period_id WHERE r.id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(|| StoreError::NotFound { what: "báo cáo", key: id.to_string() })?;
        let approvals = approvals_in(&mut tx, &plan_key).await?;
        let first_approved: Option<String> = sqlx::query_scalar("SELECT first_approved_by FROM reports WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        // Under two approvals, the first leaves the report submitted, awaiting the second.
        let (to, action) = match (to, action) {
            (ReportStatus::Approved, _) if approvals == 2 && first_approved.is_none() => {
                (ReportStatus::Submitted, "approve_first")
            }
            other => other,
        };
        let before = self.transition(&mut tx, id, expected_version, &[ReportStatus::Submitted], to, stamp.at).await?;
        if action == "approve_first" {
            sqlx::query("UPDATE reports SET first_approved_by = $1, first_approved_at = $2 WHERE id = $3")
                .bind(stamp.actor)
                .bind(stamp.at)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        } else {
            let clear_first = to == ReportStatus::Returned;
            sqlx::query(
                "UPDATE reports SET reviewed_at = $1, reviewed_by = $2, review_comment = $3, \
                 first_approved_by = CASE WHEN $4 = 1 THEN NULL ELSE first_approved_by END, \
                 first_approved_at = CASE WHEN $4 = 1 THEN NULL ELSE first_approved_at END WHERE id = $5",
            )
            .bind(stamp.at)
            .bind(stamp.actor)
            .bind(comment)
            .bind(i64::from(clear_first))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        let after = serde_json::json!({ "status": to, "comment": comment });
        let before_json = serde_json::json!({ "status": before.status });
        audit(&mut tx, stamp, action, "report", &id.to_string(), Some(&before_json), Some(&after)).await?;
        tx.commit().await?;
        self.report_head(id).await
    }

    /// The units whose items a report's values are about are monitored by these orgs.
    pub(crate) async fn report_monitors_of(&self, id: i64) -> Result<Vec<OrgId>> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT a.org_id FROM reports r JOIN periods p ON p.id = r.period_id \
             JOIN plans pl ON pl.plan_key = p.plan_key JOIN items i ON i.plan_id = pl.id \
             JOIN assignments a ON a.item_id = i.id \
             WHERE r.id = $1 AND a.role = 'monitor' AND a.org_id IS NOT NULL \
             AND EXISTS (SELECT 1 FROM report_values v WHERE v.report_id = r.id AND v.item_key = i.item_key) \
             ORDER BY a.org_id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Submitted reports with a value on an item `monitor` monitors (every submitted report
    /// when `None`), oldest submission first.
    pub(crate) async fn review_queue_of(&self, monitor: Option<OrgId>) -> Result<Vec<ReportHead>> {
        let rows = match monitor {
            None => {
                sqlx::query(&format!("{HEAD_SELECT} WHERE r.status = 'submitted' ORDER BY r.submitted_at, r.id"))
                    .fetch_all(&self.pool)
                    .await?
            }
            Some(org) => {
                sqlx::query(&format!(
                    "{HEAD_SELECT} WHERE r.status = 'submitted' AND EXISTS (SELECT 1 FROM report_values v \
                     JOIN plans pl ON pl.plan_key = p.plan_key JOIN items i ON i.plan_id = pl.id \
                     AND i.item_key = v.item_key JOIN assignments a ON a.item_id = i.id \
                     WHERE v.report_id = r.id AND a.role = 'monitor' AND a.org_id = $1) \
                     ORDER BY r.submitted_at, r.id"
                ))
                .bind(org)
                .fetch_all(&self.pool)
                .await?
            }
        };
        rows.iter().map(head_of).collect()
    }

    pub(crate) async fn set_period_lock_tx(
        &self,
        plan_key: &str,
        period: Period,
        locked: bool,
        stamp: Stamp<'_>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let (period_id, was) = self.period_id(&mut tx, plan_key, period).await?;
        sqlx::query("UPDATE periods SET locked = $1 WHERE id = $2")
            .bind(i64::from(locked))
            .bind(period_id)
            .execute(&mut *tx)
            .await?;
        let action = if locked { "lock" } else { "unlock" };
        let entity_id = format!("{plan_key}/{period}");
        let (before, after) = (serde_json::json!({ "locked": was }), serde_json::json!({ "locked": locked }));
        audit(&mut tx, stamp, action, "period", &entity_id, Some(&before), Some(&after)).await?;
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn stored_periods(&self) -> Result<Vec<StoredPeriod>> {
        let rows = sqlx::query(
            "SELECT plan_key, year, quarter, due_date, locked FROM periods ORDER BY plan_key, year, quarter",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(StoredPeriod {
                    plan_key: r.try_get("plan_key")?,
                    period: period_of(r.try_get("year")?, r.try_get("quarter")?)?,
                    due_date: r.try_get("due_date")?,
                    locked: r.try_get::<i64, _>("locked")? == 1,
                })
            })
            .collect()
    }
}

async fn report_id_of(conn: &mut sqlx::AnyConnection, key: &ReportKey) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT r.id FROM reports r JOIN periods p ON p.id = r.period_id \
         WHERE p.plan_key = $1 AND p.year = $2 AND p.quarter = $3 AND r.org_id = $4",
    )
    .bind(&key.plan_key)
    .bind(i64::from(key.period.year))
    .bind(i64::from(key.period.quarter.unwrap_or(0)))
    .bind(key.org)
    .fetch_optional(conn)
    .await?)
}

/// How many approvals a plan's reports need (1 unless set).
async fn approvals_in(tx: &mut sqlx::Transaction<'static, sqlx::Any>, plan_key: &str) -> Result<i64> {
    let approvals: Option<i64> = sqlx::query_scalar("SELECT approvals FROM plan_settings WHERE plan_key = $1")
        .bind(plan_key)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(approvals.unwrap_or(1))
}

impl SqlStore {
    pub(crate) async fn approvals_of(&self, plan_key: &str) -> Result<u8> {
        let mut tx = self.pool.begin().await?;
        let approvals = approvals_in(&mut tx, plan_key).await?;
        tx.commit().await?;
        Ok(approvals as u8)
    }

    pub(crate) async fn set_approvals_tx(&self, plan_key: &str, approvals: u8, stamp: Stamp<'_>) -> Result<()> {
        if !(1..=2).contains(&approvals) {
            return Err(StoreError::Invalid(format!("số lần duyệt là 1 hoặc 2, không phải {approvals}")));
        }
        let mut tx = self.begin_write().await?;
        let before = approvals_in(&mut tx, plan_key).await?;
        sqlx::query(
            "INSERT INTO plan_settings (plan_key, approvals) VALUES ($1, $2) \
             ON CONFLICT (plan_key) DO UPDATE SET approvals = excluded.approvals",
        )
        .bind(plan_key)
        .bind(i64::from(approvals))
        .execute(&mut *tx)
        .await?;
        let (was, now) = (serde_json::json!({ "approvals": before }), serde_json::json!({ "approvals": approvals }));
        audit(&mut tx, stamp, "set_approvals", "plan", plan_key, Some(&was), Some(&now)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Submitted reports approved once, awaiting their second approval, oldest first.
    pub(crate) async fn awaiting_second_of(&self) -> Result<Vec<ReportHead>> {
        let rows = sqlx::query(&format!(
            "{HEAD_SELECT} WHERE r.status = 'submitted' AND r.first_approved_by IS NOT NULL ORDER BY r.submitted_at, r.id"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(head_of).collect()
    }
}

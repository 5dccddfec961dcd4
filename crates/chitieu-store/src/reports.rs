//! Reported values: one report per unit, plan and period; every save adds revisions (nothing
//! is overwritten), and a write names the report version it read, so two people editing the
//! same report never lose an update silently.

use chitieu_core::period::Period;
use chitieu_core::plan::Regime;
use chitieu_core::registry::OrgId;
use chitieu_core::value::Parts;
use serde::{Deserialize, Serialize};
use sqlx::Row as _;

use crate::backend::SqlStore;
use crate::codes::stored_code;
use crate::sql::{Stamp, audit, double, flag};
use crate::{Result, StoreError};

/// Which report: a unit's, for a plan (by key, across its versions) and a period.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReportKey {
    pub plan_key: String,
    pub period: Period,
    pub org: OrgId,
}

stored_code! {
    /// Where a unit's report stands in review.
    pub enum ReportStatus {
        Draft = "draft",
        Submitted = "submitted",
        Returned = "returned",
        Approved = "approved",
    }
}

/// One value as a unit enters it. Which fields apply depends on the item's measure.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ValueInput {
    pub item_key: String,
    /// The sub-population, for items with several targets.
    pub subject: Option<String>,
    pub number: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub yes_no: Option<bool>,
    pub level: Option<String>,
    pub task_status: Option<String>,
    pub doc_number: Option<String>,
    pub doc_date: Option<String>,
    pub comment: Option<String>,
}

/// One saved revision of one value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueRevision {
    pub revision: i64,
    pub value: ValueInput,
    pub saved_by: String,
    pub saved_at: String,
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SavedValue {
    pub report_id: i64,
    /// The report's version after the save: name it in the next write.
    pub version: i64,
    pub revisions: Vec<i64>,
}

impl ValueInput {
    /// The parts the core's rules check ([`chitieu_core::value::check`]).
    pub fn parts(&self) -> Parts<'_> {
        Parts {
            number: self.number,
            numerator: self.numerator,
            denominator: self.denominator,
            level: self.level.as_deref(),
            task_status: self.task_status.as_deref(),
        }
    }
}

/// The same rules as the form and every other door: nothing that cannot be judged, shown and
/// exported is stored.
pub(crate) fn check(value: &ValueInput) -> Result<()> {
    chitieu_core::value::check(&value.parts())
        .map_err(|problem| StoreError::Invalid(format!("mục {}: {}", value.item_key, problem.message_vi())))
}

impl SqlStore {
    /// The period's row, made on first use with its due date from the plan's regime.
    pub(crate) async fn period_id(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        plan_key: &str,
        period: Period,
    ) -> Result<(i64, bool)> {
        let quarter = i64::from(period.quarter.unwrap_or(0));
        let kind = if period.quarter.is_some() { "quarter" } else { "year" };
        let find = || {
            sqlx::query(
                "SELECT id, locked FROM periods WHERE plan_key = $1 AND kind = $2 AND year = $3 AND quarter = $4",
            )
            .bind(plan_key)
            .bind(kind)
            .bind(i64::from(period.year))
            .bind(quarter)
        };
        if let Some(row) = find().fetch_optional(&mut **tx).await? {
            return Ok((row.try_get("id")?, row.try_get::<i64, _>("locked")? == 1));
        }
        let regime: Option<Option<String>> =
            sqlx::query_scalar("SELECT regime FROM plans WHERE plan_key = $1 ORDER BY version DESC")
                .bind(plan_key)
                .fetch_optional(&mut **tx)
                .await?;
        let Some(regime) = regime else {
            return Err(StoreError::NotFound { what: "kế hoạch", key: plan_key.to_owned() });
        };
        let regime: Option<Regime> = regime.map(|r| serde_json::from_str(&r)).transpose()?;
        // Two first writers of a period may race: the loser's insert does nothing.
        sqlx::query(
            "INSERT INTO periods (plan_key, kind, year, quarter, due_date, locked) VALUES ($1, $2, $3, $4, $5, 0) \
             ON CONFLICT (plan_key, kind, year, quarter) DO NOTHING",
        )
        .bind(plan_key)
        .bind(kind)
        .bind(i64::from(period.year))
        .bind(quarter)
        .bind(period.due(regime.as_ref()).iso())
        .execute(&mut **tx)
        .await?;
        let row = find().fetch_one(&mut **tx).await?;
        Ok((row.try_get("id")?, row.try_get::<i64, _>("locked")? == 1))
    }

    pub(crate) async fn save_values_tx(
        &self,
        key: &ReportKey,
        values: &[ValueInput],
        expected_version: i64,
        stamp: Stamp<'_>,
    ) -> Result<SavedValue> {
        let mut tx = self.begin_write().await?;
        let saved = self.save_values_in(&mut tx, key, values, expected_version, stamp).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// [`SqlStore::save_values_tx`] inside a transaction the caller commits.
    pub(crate) async fn save_values_in(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        key: &ReportKey,
        values: &[ValueInput],
        expected_version: i64,
        stamp: Stamp<'_>,
    ) -> Result<SavedValue> {
        values.iter().try_for_each(check)?;
        let (period_id, locked) = self.period_id(tx, &key.plan_key, key.period).await?;
        if locked {
            return Err(StoreError::Locked(key.period.to_string()));
        }
        for value in values {
            let known: Option<i64> = sqlx::query_scalar(
                "SELECT i.id FROM items i JOIN plans p ON p.id = i.plan_id WHERE p.plan_key = $1 AND i.item_key = $2",
            )
            .bind(&key.plan_key)
            .bind(&value.item_key)
            .fetch_optional(&mut **tx)
            .await?;
            if known.is_none() {
                return Err(StoreError::Invalid(format!(
                    "mục {} không thuộc kế hoạch {}",
                    value.item_key, key.plan_key
                )));
            }
        }
        sqlx::query(
            "INSERT INTO reports (period_id, org_id, status, version, created_at, updated_at) \
             VALUES ($1, $2, 'draft', 0, $3, $3) ON CONFLICT (period_id, org_id) DO NOTHING",
        )
        .bind(period_id)
        .bind(key.org)
        .bind(stamp.at)
        .execute(&mut **tx)
        .await
        .map_err(|e| StoreError::from_db(e, "report"))?;
        let row = sqlx::query("SELECT id, version, status FROM reports WHERE period_id = $1 AND org_id = $2")
            .bind(period_id)
            .bind(key.org)
            .fetch_one(&mut **tx)
            .await?;
        let (report_id, current): (i64, i64) = (row.try_get("id")?, row.try_get("version")?);
        let status = ReportStatus::decode(&row, "status")?;
        if !status.editable() {
            return Err(StoreError::Invalid(format!(
                "báo cáo đang ở trạng thái «{}»: số liệu chỉ sửa được khi còn là bản nháp hoặc bị trả lại",
                status.label_vi()
            )));
        }
        let bumped =
            sqlx::query("UPDATE reports SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3")
                .bind(stamp.at)
                .bind(report_id)
                .bind(expected_version)
                .execute(&mut **tx)
                .await?;
        if bumped.rows_affected() != 1 {
            return Err(StoreError::Conflict(format!(
                "báo cáo vừa được người khác sửa (bạn đọc phiên bản {expected_version}, nay là {current}); \
                 hãy tải lại rồi lưu lại"
            )));
        }
        let mut revisions = Vec::with_capacity(values.len());
        for value in values {
            let subject = value.subject.clone().unwrap_or_default();
            let last: Option<i64> = sqlx::query_scalar(
                "SELECT MAX(revision) FROM report_values WHERE report_id = $1 AND item_key = $2 AND subject = $3",
            )
            .bind(report_id)
            .bind(&value.item_key)
            .bind(&subject)
            .fetch_one(&mut **tx)
            .await?;
            let revision = last.unwrap_or(0) + 1;
            sqlx::query(
                "INSERT INTO report_values (report_id, item_key, subject, revision, number, numerator, denominator, \
                 yes_no, level, task_status, doc_number, doc_date, comment, saved_by, saved_at) \
                 VALUES ($1, $2, $3, $4, CASE WHEN $16 = 1 THEN $5 END, CASE WHEN $17 = 1 THEN $6 END, \
                 CASE WHEN $18 = 1 THEN $7 END, $8, $9, $10, $11, $12, $13, $14, $15)",
            )
            .bind(report_id)
            .bind(&value.item_key)
            .bind(&subject)
            .bind(revision)
            .bind(double(value.number).0)
            .bind(double(value.numerator).0)
            .bind(double(value.denominator).0)
            .bind(value.yes_no.map(flag))
            .bind(&value.level)
            .bind(&value.task_status)
            .bind(&value.doc_number)
            .bind(&value.doc_date)
            .bind(&value.comment)
            .bind(stamp.actor)
            .bind(stamp.at)
            .bind(double(value.number).1)
            .bind(double(value.numerator).1)
            .bind(double(value.denominator).1)
            .execute(&mut **tx)
            .await
            .map_err(|e| StoreError::from_db(e, &format!("value of {}", value.item_key)))?;
            revisions.push(revision);
        }
        let after = serde_json::to_value(values)?;
        audit(tx, stamp, "save", "report", &report_id.to_string(), None, Some(&after)).await?;
        Ok(SavedValue { report_id, version: expected_version + 1, revisions })
    }

    pub(crate) async fn value_history_of(&self, key: &ReportKey) -> Result<Vec<ValueRevision>> {
        let rows = sqlx::query(
            "SELECT v.item_key, v.subject, v.revision, v.number, v.numerator, v.denominator, v.yes_no, v.level, \
             v.task_status, v.doc_number, v.doc_date, v.comment, v.saved_by, v.saved_at \
             FROM report_values v JOIN reports r ON r.id = v.report_id JOIN periods p ON p.id = r.period_id \
             WHERE p.plan_key = $1 AND p.year = $2 AND p.quarter = $3 AND r.org_id = $4 \
             ORDER BY v.item_key, v.subject, v.revision",
        )
        .bind(&key.plan_key)
        .bind(i64::from(key.period.year))
        .bind(i64::from(key.period.quarter.unwrap_or(0)))
        .bind(key.org)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ValueRevision {
                    revision: r.try_get("revision")?,
                    value: value_input(r)?,
                    saved_by: r.try_get("saved_by")?,
                    saved_at: r.try_get("saved_at")?,
                })
            })
            .collect()
    }
}

/// A value from a row carrying the columns of `report_values` (`item_key`, `subject`, `number` …).
pub(crate) fn value_input(r: &sqlx::any::AnyRow) -> Result<ValueInput> {
    let subject: String = r.try_get("subject")?;
    Ok(ValueInput {
        item_key: r.try_get("item_key")?,
        subject: (!subject.is_empty()).then_some(subject),
        number: r.try_get("number")?,
        numerator: r.try_get("numerator")?,
        denominator: r.try_get("denominator")?,
        yes_no: r.try_get::<Option<i64>, _>("yes_no")?.map(|v| v == 1),
        level: r.try_get("level")?,
        task_status: r.try_get("task_status")?,
        doc_number: r.try_get("doc_number")?,
        doc_date: r.try_get("doc_date")?,
        comment: r.try_get("comment")?,
    })
}

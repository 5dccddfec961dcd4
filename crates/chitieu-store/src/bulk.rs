//! Bulk loading of finished reports (a synthetic country, a move from another system): periods,
//! reports and their values (revision 1) written with multi-row INSERTs of thousands of rows in
//! one transaction per call, the same SQL on SQLite and PostgreSQL, and one audit event per call
//! instead of one per value.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use chitieu_core::period::Period;
use chitieu_core::registry::OrgId;
use serde::Serialize;
use sqlx::Row as _;

use crate::backend::{Backend, SqlStore};
use crate::reports::{ReportKey, ReportStatus, ValueInput};
use crate::sql::{Stamp, audit, double, flag};
use crate::{Result, StoreError};

/// Rows per INSERT statement, largest first: SQLite binds at most 32,766 parameters (17 per
/// value row). A batch is cut greedily into these sizes, so every statement has one of a few
/// shapes, prepared once per connection and reused: preparing a statement of thousands of rows
/// takes SQLite time that grows with the square of its size.
const STATEMENT_ROWS: [usize; 5] = [1900, 400, 80, 16, 1];

/// `items` cut into slices of the sizes of [`STATEMENT_ROWS`].
fn statements<T>(mut items: &[T]) -> Vec<&[T]> {
    let mut out = Vec::new();
    for size in STATEMENT_ROWS {
        while items.len() >= size {
            let (head, rest) = items.split_at(size);
            out.push(head);
            items = rest;
        }
    }
    out
}

/// One unit's report as it stands at the end of its round: submitted, or approved, with its
/// values. Drafts and returned reports go through [`crate::SqlStore::save_values`].
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedReport {
    pub key: ReportKey,
    /// `Submitted` or `Approved`.
    pub status: ReportStatus,
    /// Who entered the values and when (RFC 3339 UTC): the report's creation and revision 1 of
    /// every value.
    pub saved_by: String,
    pub saved_at: String,
    /// Who sent the report and when; after the period's due date the report is marked late.
    pub submitted_by: String,
    pub submitted_at: String,
    /// Who approved it and when: required for an approved report, refused for a submitted one.
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<String>,
    pub values: Vec<ValueInput>,
}

/// What a load wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LoadOutcome {
    pub reports: usize,
    pub values: usize,
    /// Reports submitted after their period's due date.
    pub late: usize,
    /// The ids given to the reports, in the order they were passed.
    pub report_ids: Vec<i64>,
}

/// A period of a plan, as the batch names it.
type PeriodKey<'a> = (&'a str, Period);

struct PeriodRow {
    id: i64,
    due_date: String,
}

impl LoadedReport {
    fn check(&self) -> Result<()> {
        let what = format!("report of unit {} for {} in {}", self.key.org, self.key.plan_key, self.key.period);
        match (self.status, &self.reviewed_by, &self.reviewed_at) {
            (ReportStatus::Submitted, None, None) | (ReportStatus::Approved, Some(_), Some(_)) => {}
            (ReportStatus::Approved, ..) => {
                return Err(StoreError::Invalid(format!(
                    "{what}: an approved report needs reviewed_by and reviewed_at"
                )));
            }
            (ReportStatus::Submitted, ..) => {
                return Err(StoreError::Invalid(format!("{what}: a submitted report has no review yet")));
            }
            (status, ..) => {
                return Err(StoreError::Invalid(format!(
                    "{what}: only submitted or approved reports are loaded in bulk, not {}",
                    status.as_str()
                )));
            }
        }
        if self.values.is_empty() {
            return Err(StoreError::Invalid(format!("{what}: no values")));
        }
        self.values.iter().try_for_each(crate::reports::check)
    }

    fn version(&self) -> i64 {
        // A save (1), a submission (2), an approval (3): what the reporting loop would leave.
        if self.status == ReportStatus::Approved { 3 } else { 2 }
    }
}

/// The `(…), (…)` of a multi-row INSERT: `rows` copies of `row`, whose `?` are parameters.
/// SQLite gets them as written, anonymous: sqlx binds a named parameter (`$n`) by asking SQLite
/// its name, which walks every name of the statement, so binding thousands of them takes time
/// quadratic in their number. PostgreSQL needs them numbered: `$1`, `$2` … in order.
fn rows_sql(backend: Backend, rows: usize, row: &str) -> String {
    let mut sql = String::with_capacity(rows * (row.len() + 2) * 2);
    let mut n = 0;
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        for c in row.chars() {
            if c == '?' && backend == Backend::Postgres {
                n += 1;
                let _ = write!(sql, "${n}");
            } else {
                sql.push(c);
            }
        }
    }
    sql
}

const REPORT_ROW: &str = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
/// One `report_values` row, revision 1. Each double is bound as a presence flag and a value,
/// never as NULL (see [`crate::sql::double`]).
const VALUE_ROW: &str = "(?, ?, ?, 1, CASE WHEN ? = 1 THEN ? END, CASE WHEN ? = 1 THEN ? END, \
    CASE WHEN ? = 1 THEN ? END, ?, ?, ?, ?, ?, ?, ?, ?)";

impl SqlStore {
    pub(crate) async fn load_reports_tx(&self, reports: &[LoadedReport], stamp: Stamp<'_>) -> Result<LoadOutcome> {
        reports.iter().try_for_each(LoadedReport::check)?;
        if reports.is_empty() {
            return Ok(LoadOutcome::default());
        }
        let mut tx = self.begin_write().await?;
        // The items of every plan named, across its versions.
        let mut items: HashMap<&str, HashSet<String>> = HashMap::new();
        for report in reports {
            let plan_key = report.key.plan_key.as_str();
            if !items.contains_key(plan_key) {
                let keys: Vec<String> = sqlx::query_scalar(
                    "SELECT DISTINCT i.item_key FROM items i JOIN plans p ON p.id = i.plan_id WHERE p.plan_key = $1",
                )
                .bind(plan_key)
                .fetch_all(&mut *tx)
                .await?;
                items.insert(plan_key, keys.into_iter().collect());
            }
            if let Some(value) = report.values.iter().find(|v| !items[plan_key].contains(&v.item_key)) {
                return Err(StoreError::Invalid(format!("item {} is not in plan {plan_key}", value.item_key)));
            }
        }
        // The periods, made on first use with their due dates.
        let mut periods: HashMap<PeriodKey<'_>, PeriodRow> = HashMap::new();
        for report in reports {
            let key = (report.key.plan_key.as_str(), report.key.period);
            if periods.contains_key(&key) {
                continue;
            }
            let (id, locked) = self.period_id(&mut tx, key.0, key.1).await?;
            if locked {
                return Err(StoreError::Locked(key.1.to_string()));
            }
            let due_date: String =
                sqlx::query_scalar("SELECT due_date FROM periods WHERE id = $1").bind(id).fetch_one(&mut *tx).await?;
            periods.insert(key, PeriodRow { id, due_date });
        }
        // Each report's period, and whether it came after the due date (times are RFC 3339 and
        // due dates ISO: the day is the first ten characters).
        let (period_ids, late_flags): (Vec<i64>, Vec<bool>) = reports
            .iter()
            .map(|r| {
                let period = &periods[&(r.key.plan_key.as_str(), r.key.period)];
                (period.id, r.submitted_at.get(..10).is_some_and(|day| day > period.due_date.as_str()))
            })
            .unzip();

        let rows: Vec<(&LoadedReport, i64, bool)> =
            reports.iter().zip(&period_ids).zip(&late_flags).map(|((r, period), late)| (r, *period, *late)).collect();
        for chunk in statements(&rows) {
            insert_reports(&mut tx, self.backend, chunk).await?;
        }
        let mut ids: HashMap<(i64, OrgId), i64> = HashMap::with_capacity(reports.len());
        for period in periods.values() {
            for row in sqlx::query("SELECT id, org_id FROM reports WHERE period_id = $1")
                .bind(period.id)
                .fetch_all(&mut *tx)
                .await?
            {
                ids.insert((period.id, row.try_get("org_id")?), row.try_get("id")?);
            }
        }
        let report_ids: Vec<i64> =
            reports.iter().zip(&period_ids).map(|(r, period)| ids[&(*period, r.key.org)]).collect();

        let rows: Vec<(&LoadedReport, i64, &ValueInput)> = reports
            .iter()
            .zip(&report_ids)
            .flat_map(|(report, id)| report.values.iter().map(move |value| (report, *id, value)))
            .collect();
        for chunk in statements(&rows) {
            insert_values(&mut tx, self.backend, chunk).await?;
        }
        let values = rows.len();

        let outcome =
            LoadOutcome { reports: reports.len(), values, late: late_flags.iter().filter(|l| **l).count(), report_ids };
        let mut plans: Vec<&str> = periods.keys().map(|(plan, _)| *plan).collect();
        plans.sort_unstable();
        plans.dedup();
        let mut named: Vec<String> = periods.keys().map(|(plan, period)| format!("{plan}/{period}")).collect();
        named.sort_unstable();
        let (first, last) = (outcome.report_ids.iter().min(), outcome.report_ids.iter().max());
        let after = serde_json::json!({
            "reports": outcome.reports, "values": outcome.values, "late": outcome.late, "plans": plans,
            "periods": named, "first_report_id": first, "last_report_id": last,
        });
        let entity_id = format!("{}-{}", first.copied().unwrap_or(0), last.copied().unwrap_or(0));
        audit(&mut tx, stamp, "load", "reports", &entity_id, None, Some(&after)).await?;
        tx.commit().await?;
        Ok(outcome)
    }
}

impl SqlStore {
    /// Refreshes the query planner's statistics (`ANALYZE`, on either backend): after a large
    /// load, so that reads pick their indexes from the data as it now is.
    pub async fn analyze(&self) -> Result<()> {
        sqlx::query("ANALYZE").execute(&self.pool).await?;
        Ok(())
    }
}

/// Inserts one statement's worth of reports: the report, its period and whether it is late.
async fn insert_reports(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    rows: &[(&LoadedReport, i64, bool)],
) -> Result<()> {
    let sql = format!(
        "INSERT INTO reports (period_id, org_id, status, version, created_at, updated_at, submitted_at, \
         submitted_by, reviewed_at, reviewed_by, late) VALUES {}",
        rows_sql(backend, rows.len(), REPORT_ROW)
    );
    let mut query = sqlx::query(&sql);
    for (report, period_id, late) in rows {
        query = query
            .bind(*period_id)
            .bind(report.key.org)
            .bind(report.status.as_str())
            .bind(report.version())
            .bind(report.saved_at.as_str())
            .bind(report.reviewed_at.as_deref().unwrap_or(&report.submitted_at))
            .bind(report.submitted_at.as_str())
            .bind(report.submitted_by.as_str())
            .bind(report.reviewed_at.as_deref())
            .bind(report.reviewed_by.as_deref())
            .bind(flag(*late));
    }
    query.execute(&mut **tx).await.map_err(|e| StoreError::from_db(e, "loading reports"))?;
    Ok(())
}

/// Inserts one statement's worth of values: the report, its id and the value.
async fn insert_values(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    rows: &[(&LoadedReport, i64, &ValueInput)],
) -> Result<()> {
    let sql = format!(
        "INSERT INTO report_values (report_id, item_key, subject, revision, number, numerator, denominator, yes_no, \
         level, task_status, doc_number, doc_date, comment, saved_by, saved_at) VALUES {}",
        rows_sql(backend, rows.len(), VALUE_ROW)
    );
    let mut query = sqlx::query(&sql);
    for (report, report_id, value) in rows {
        query = query
            .bind(*report_id)
            .bind(value.item_key.as_str())
            .bind(value.subject.as_deref().unwrap_or(""))
            .bind(double(value.number).1)
            .bind(double(value.number).0)
            .bind(double(value.numerator).1)
            .bind(double(value.numerator).0)
            .bind(double(value.denominator).1)
            .bind(double(value.denominator).0)
            .bind(value.yes_no.map(flag))
            .bind(value.level.as_deref())
            .bind(value.task_status.as_deref())
            .bind(value.doc_number.as_deref())
            .bind(value.doc_date.as_deref())
            .bind(value.comment.as_deref())
            .bind(report.saved_by.as_str())
            .bind(report.saved_at.as_str());
    }
    query.execute(&mut **tx).await.map_err(|e| StoreError::from_db(e, "loading report values"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_numbers_the_parameters_and_sqlite_keeps_them_anonymous() {
        assert_eq!(rows_sql(Backend::Postgres, 2, "(?, ?, 1)"), "($1, $2, 1), ($3, $4, 1)");
        assert_eq!(rows_sql(Backend::Sqlite, 2, "(?, ?, 1)"), "(?, ?, 1), (?, ?, 1)");
        let per_row = VALUE_ROW.matches('?').count();
        assert_eq!(per_row, 17);
        assert!(STATEMENT_ROWS[0] * per_row <= 32_766);
        assert_eq!(REPORT_ROW.matches('?').count(), 11);
    }

    #[test]
    fn batches_are_cut_into_a_few_statement_sizes() {
        let rows: Vec<usize> = (0..2_399).collect();
        let sizes: Vec<usize> = statements(&rows).iter().map(|s| s.len()).collect();
        assert_eq!(sizes, [1900, 400, 80, 16, 1, 1, 1]);
        assert_eq!(statements(&rows).concat(), rows);
        assert!(statements::<usize>(&[]).is_empty());
    }
}

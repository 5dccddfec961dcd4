//! What evaluation reads: the reports written for plans and periods (who, in what state, when
//! submitted) and the latest revision of every value in them, narrowed by plan, period, unit
//! and item. The judging itself is chitieu-core's; this module only fetches, with one query per
//! answer and no precomputed tables.

use std::fmt::Write as _;

use chitieu_core::period::Period;
use chitieu_core::registry::OrgId;
use serde::Serialize;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, Row as _};

use crate::backend::{Backend, SqlStore};
use crate::reports::{ReportStatus, ValueInput};
use crate::sql::{Stamp, audit};
use crate::{Result, StoreError};

/// Which reports and values to read. Empty lists and `None` mean "all".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValueQuery {
    pub plan_keys: Vec<String>,
    pub period: Option<Period>,
    pub org: Option<OrgId>,
    pub item_keys: Vec<String>,
}

impl ValueQuery {
    pub fn plan_period(plan_key: &str, period: Period) -> Self {
        Self { plan_keys: vec![plan_key.to_owned()], period: Some(period), ..Self::default() }
    }
}

/// One unit's report for a plan and period, as evaluation needs it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportFact {
    pub id: i64,
    pub plan_key: String,
    pub period: Period,
    pub org: OrgId,
    pub status: ReportStatus,
    /// Submitted after the period's due date.
    pub late: bool,
    /// RFC 3339, UTC.
    pub submitted_at: Option<String>,
}

/// The latest revision of one value, with the report it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportedValue {
    pub report_id: i64,
    pub plan_key: String,
    pub period: Period,
    pub org: OrgId,
    pub status: ReportStatus,
    pub value: ValueInput,
}

/// One bound parameter of a [`Filter`].
enum Param {
    Text(String),
    Int(i64),
}

/// The WHERE clause of a [`ValueQuery`] over `periods p`, `reports r` (and `report_values v`),
/// with its parameters in the order of their `$n`.
struct Filter {
    sql: String,
    params: Vec<Param>,
}

impl Filter {
    fn new(query: &ValueQuery, items: bool) -> Self {
        let mut filter = Filter { sql: String::from("WHERE 1 = 1"), params: Vec::new() };
        filter.list("p.plan_key", &query.plan_keys);
        if items {
            filter.list("v.item_key", &query.item_keys);
        }
        if let Some(period) = query.period {
            let kind = if period.quarter.is_some() { "quarter" } else { "year" };
            filter.equal("p.kind", Param::Text(kind.to_owned()));
            filter.equal("p.year", Param::Int(i64::from(period.year)));
            filter.equal("p.quarter", Param::Int(i64::from(period.quarter.unwrap_or(0))));
        }
        if let Some(org) = query.org {
            filter.equal("r.org_id", Param::Int(org));
        }
        filter
    }

    fn equal(&mut self, column: &str, value: Param) {
        self.params.push(value);
        let _ = write!(self.sql, " AND {column} = ${}", self.params.len());
    }

    fn list(&mut self, column: &str, values: &[String]) {
        if values.is_empty() {
            return;
        }
        let marks: Vec<String> = values
            .iter()
            .map(|v| {
                self.params.push(Param::Text(v.clone()));
                format!("${}", self.params.len())
            })
            .collect();
        let _ = write!(self.sql, " AND {column} IN ({})", marks.join(", "));
    }

    fn bind<'q>(&'q self, mut query: Query<'q, Any, AnyArguments<'q>>) -> Query<'q, Any, AnyArguments<'q>> {
        for param in &self.params {
            query = match param {
                Param::Text(text) => query.bind(text.as_str()),
                Param::Int(int) => query.bind(*int),
            };
        }
        query
    }
}

fn period_of(row: &sqlx::any::AnyRow) -> Result<Period> {
    period_from(row.try_get("year")?, row.try_get("quarter")?)
}

fn period_from(year: i64, quarter: i64) -> Result<Period> {
    let period =
        if quarter == 0 { Some(Period::year(year as i32)) } else { Period::quarter(year as i32, quarter as u8) };
    period.ok_or_else(|| StoreError::Corrupt(format!("period {year}/{quarter} is not a period")))
}

fn status_of(row: &sqlx::any::AnyRow) -> Result<ReportStatus> {
    ReportStatus::decode(row, "status")
}

impl SqlStore {
    pub(crate) async fn report_facts_of(&self, query: &ValueQuery) -> Result<Vec<ReportFact>> {
        let filter = Filter::new(query, false);
        let sql = format!(
            "SELECT r.id, p.plan_key, p.year, p.quarter, r.org_id, r.status, r.late, r.submitted_at \
             FROM reports r JOIN periods p ON p.id = r.period_id {} ORDER BY p.plan_key, p.year, p.quarter, r.org_id",
            filter.sql
        );
        let rows = filter.bind(sqlx::query(&sql)).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(ReportFact {
                    id: r.try_get("id")?,
                    plan_key: r.try_get("plan_key")?,
                    period: period_of(r)?,
                    org: r.try_get("org_id")?,
                    status: status_of(r)?,
                    late: r.try_get::<i64, _>("late")? == 1,
                    submitted_at: r.try_get("submitted_at")?,
                })
            })
            .collect()
    }

    pub(crate) async fn reported_values_of(&self, query: &ValueQuery) -> Result<Vec<ReportedValue>> {
        let filter = Filter::new(query, true);
        // The latest revision of each value: no later revision of the same value exists (the
        // index on report_values (report_id, item_key, subject, revision) answers it).
        let inner = format!(
            "SELECT r.id AS c0, p.plan_key AS c1, p.year AS c2, p.quarter AS c3, r.org_id AS c4, r.status AS c5, \
             v.item_key AS c6, v.subject AS c7, v.number AS c8, v.numerator AS c9, v.denominator AS c10, \
             v.yes_no AS c11, v.level AS c12, v.task_status AS c13, v.doc_number AS c14, v.doc_date AS c15, \
             v.comment AS c16 \
             FROM report_values v JOIN reports r ON r.id = v.report_id JOIN periods p ON p.id = r.period_id \
             {} AND NOT EXISTS (SELECT 1 FROM report_values w WHERE w.report_id = v.report_id \
             AND w.item_key = v.item_key AND w.subject = v.subject AND w.revision > v.revision)",
            filter.sql
        );
        // Thousands of rows decoded one value at a time through sqlx's `Any` driver cost ~7 µs a
        // row (150 ms for a province's quarter); the database folds them into one JSON array
        // instead, read with one parse. The functions differ, the query does not.
        let columns = (0..17).map(|n| format!("c{n}")).collect::<Vec<_>>().join(", ");
        let order = "c1, c2, c3, c4, c6, c7";
        let sql = match self.backend {
            Backend::Sqlite => {
                format!("SELECT json_group_array(json_array({columns})) AS rows FROM ({inner} ORDER BY {order}) AS t")
            }
            Backend::Postgres => format!(
                "SELECT COALESCE(json_agg(json_build_array({columns}) ORDER BY {order}), '[]')::text AS rows \
                 FROM ({inner}) AS t"
            ),
        };
        let json: String = filter.bind(sqlx::query(&sql)).fetch_one(&self.pool).await?.try_get("rows")?;
        let rows: Vec<ValueRow> =
            serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("reported values: {e}")))?;
        rows.into_iter().map(ValueRow::into_value).collect()
    }
}

/// One reported value as the JSON array the database builds: the report, its period and
/// unit, then the `report_values` columns.
#[derive(serde::Deserialize)]
struct ValueRow(
    i64,
    String,
    i64,
    i64,
    OrgId,
    String,
    String,
    String,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

impl ValueRow {
    fn into_value(self) -> Result<ReportedValue> {
        let ValueRow(
            report_id,
            plan_key,
            year,
            quarter,
            org,
            status,
            item_key,
            subject,
            number,
            numerator,
            denominator,
            yes_no,
            level,
            task_status,
            doc_number,
            doc_date,
            comment,
        ) = self;
        let period = period_from(year, quarter)?;
        let status =
            ReportStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("report status \"{status}\"")))?;
        Ok(ReportedValue {
            report_id,
            plan_key,
            period,
            org,
            status,
            value: ValueInput {
                item_key,
                subject: (!subject.is_empty()).then_some(subject),
                number,
                numerator,
                denominator,
                yes_no: yes_no.map(|v| v == 1),
                level,
                task_status,
                doc_number,
                doc_date,
                comment,
            },
        })
    }
}

impl SqlStore {
    pub(crate) async fn index_weights_of(&self, plan_key: &str) -> Result<Vec<(String, f64)>> {
        let rows = sqlx::query("SELECT section, weight FROM index_weights WHERE plan_key = $1 ORDER BY section")
            .bind(plan_key)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok((r.try_get("section")?, r.try_get("weight")?))).collect()
    }

    pub(crate) async fn set_index_weights_of(
        &self,
        plan_key: &str,
        weights: &[(String, f64)],
        stamp: Stamp<'_>,
    ) -> Result<()> {
        if let Some((section, weight)) = weights.iter().find(|(_, w)| !w.is_finite() || *w < 0.0) {
            return Err(StoreError::Invalid(format!(
                "the weight of section \"{section}\" is {weight}: a weight is a number ≥ 0"
            )));
        }
        let before = self.index_weights_of(plan_key).await?;
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM index_weights WHERE plan_key = $1").bind(plan_key).execute(&mut *tx).await?;
        for (section, weight) in weights {
            sqlx::query(
                "INSERT INTO index_weights (plan_key, section, weight, updated_by, updated_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(plan_key)
            .bind(section)
            .bind(*weight)
            .bind(stamp.actor)
            .bind(stamp.at)
            .execute(&mut *tx)
            .await
            .map_err(|e| StoreError::from_db(e, &format!("weight of section {section}")))?;
        }
        let before = serde_json::to_value(before)?;
        let after = serde_json::to_value(weights)?;
        audit(&mut tx, stamp, "set_weights", "plan", plan_key, Some(&before), Some(&after)).await?;
        tx.commit().await?;
        Ok(())
    }
}

//! Small conversions between domain values and the column types both backends share: dates
//! as ISO text, flags as 0/1, structured values as JSON text; and the audit write every change
//! makes in its transaction.

use chitieu_core::plan::Date;
use serde::Serialize;
use sqlx::{Any, Transaction};

use crate::{Result, StoreError};

pub(crate) fn date_text(date: Option<Date>) -> Option<String> {
    date.map(Date::iso)
}

pub(crate) fn text_date(text: Option<String>, column: &str) -> Result<Option<Date>> {
    text.map(|t| Date::parse(&t).ok_or_else(|| StoreError::Corrupt(format!("{column}: \"{t}\" is not a date"))))
        .transpose()
}

/// A nullable double as two parameters: the value (0 when absent) and whether it is present,
/// for SQL of the form `CASE WHEN $k = 1 THEN $j END`. sqlx 0.8.6's `Any` driver sends a NULL
/// `f64` to PostgreSQL as a 4-byte float, which breaks the cached statement for every later
/// call that binds a real value; a double that is never NULL avoids it on both backends.
pub(crate) fn double(value: Option<f64>) -> (f64, i64) {
    (value.unwrap_or(0.0), i64::from(value.is_some()))
}

pub(crate) fn flag(value: bool) -> i64 {
    i64::from(value)
}

pub(crate) fn json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Invalid(e.to_string()))
}

/// Who makes a change, and when (RFC 3339, UTC).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stamp<'a> {
    pub(crate) actor: &'a str,
    pub(crate) at: &'a str,
}

/// Records one change in the audit trail, inside the caller's transaction.
pub(crate) async fn audit(
    tx: &mut Transaction<'static, Any>,
    stamp: Stamp<'_>,
    action: &str,
    entity: &str,
    entity_id: &str,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_events (at, actor, action, entity, entity_id, before_json, after_json) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(stamp.at)
    .bind(stamp.actor)
    .bind(action)
    .bind(entity)
    .bind(entity_id)
    .bind(before.map(ToString::to_string))
    .bind(after.map(ToString::to_string))
    .execute(&mut **tx)
    .await
    .map_err(|e| StoreError::from_db(e, "audit event"))?;
    Ok(())
}

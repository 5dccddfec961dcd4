//! One indicator across plans: the items of every current plan version that carry a code
//! ("1.1", or "I.1" for the item numbered 1 in section I), with their targets, for the national
//! view of an indicator.

use std::collections::HashMap;

use chitieu_core::Item;
use chitieu_core::measure::{Direction, Measure};
use chitieu_core::plan::Roles;
use serde::Serialize;
use sqlx::Row as _;

use crate::backend::SqlStore;
use crate::codes::CURRENT_PLAN;
use crate::plans::{item_from_row, target_from_row};
use crate::{Result, StoreError};

/// An item of a current plan version, found by its code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodedItem {
    pub plan_id: i64,
    pub plan_key: String,
    /// The years the plan sets targets for.
    pub plan_years: Vec<i32>,
    pub key: String,
    pub measure: Measure,
    pub direction: Direction,
    /// Without its roles.
    pub item: Item,
}

impl SqlStore {
    pub(crate) async fn items_with_code_of(&self, code: &str) -> Result<Vec<CodedItem>> {
        let current = format!("(i.code = $1 OR i.section || '.' || i.code = $1) AND {CURRENT_PLAN}");
        let rows = sqlx::query(&format!(
            "SELECT i.id, i.item_key, i.section, i.code, i.kind, i.text, i.unit, i.direction, i.measure, i.deadline, \
             i.note, i.line, p.id AS plan_id, p.plan_key, p.years \
             FROM items i JOIN plans p ON p.id = i.plan_id WHERE {current} ORDER BY p.plan_key, i.position"
        ))
        .bind(code)
        .fetch_all(&self.pool)
        .await?;
        let target_rows = sqlx::query(&format!(
            "SELECT t.item_id, t.year, t.op, t.value, t.value_max, t.unit, t.subject, t.raw \
             FROM targets t JOIN items i ON i.id = t.item_id JOIN plans p ON p.id = i.plan_id \
             WHERE {current} ORDER BY t.item_id, t.position"
        ))
        .bind(code)
        .fetch_all(&self.pool)
        .await?;
        let mut targets: HashMap<i64, Vec<_>> = HashMap::new();
        for t in &target_rows {
            targets.entry(t.try_get("item_id")?).or_default().push(target_from_row(t)?);
        }
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get("id")?;
                let (item, measure, direction) =
                    item_from_row(r, targets.remove(&id).unwrap_or_default(), Roles::default())?;
                let years: String = r.try_get("years")?;
                Ok(CodedItem {
                    plan_id: r.try_get("plan_id")?,
                    plan_key: r.try_get("plan_key")?,
                    plan_years: serde_json::from_str(&years)
                        .map_err(|e| StoreError::Corrupt(format!("plans.years: {e}")))?,
                    key: r.try_get("item_key")?,
                    measure,
                    direction,
                    item,
                })
            })
            .collect()
    }
}

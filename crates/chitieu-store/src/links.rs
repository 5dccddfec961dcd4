//! Links between plans (the cascade): a person's decision on each proposed pair of a
//! lower-level item and the higher-level item it carries out, stored by plan key and item key
//! (which survive new versions of either plan), one row per pair, every decision audited; and
//! the consistency checks of a stored plan against its parents along the confirmed links.

use chitieu_core::cascade::{Cascade, Finding, assigned_to, check};
use chitieu_core::link::LinkItem;
use chitieu_core::plan::Date;
use chitieu_core::registry::Registry;
use serde::Serialize;
use sqlx::Row as _;

use crate::backend::SqlStore;
use crate::codes::stored_code;
use crate::sql::{Stamp, audit};
use crate::{Result, StoreError, StoredPlan};

stored_code! {
    /// Where a link stands.
    pub enum LinkStatus {
        /// Proposed by the matcher, not decided (or a decision taken back).
        Proposed = "proposed",
        Confirmed = "confirmed",
        Rejected = "rejected",
    }
}

/// A decision to record: which pair, the matcher's score, and what the person decided.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkChoice<'a> {
    pub child_plan: &'a str,
    pub child_item: &'a str,
    pub parent_plan: &'a str,
    pub parent_item: &'a str,
    /// The matcher's similarity, 0..=1.
    pub score: f64,
    pub status: LinkStatus,
}

/// A stored link and its latest decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkDecision {
    pub id: i64,
    pub child_plan: String,
    pub child_item: String,
    pub parent_plan: String,
    pub parent_item: String,
    pub score: f64,
    pub status: LinkStatus,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
}

const SELECT: &str = "SELECT id, child_plan_key, child_item_key, parent_plan_key, parent_item_key, score, status, \
     decided_by, decided_at FROM item_links";

fn decision_of(row: &sqlx::any::AnyRow) -> Result<LinkDecision> {
    Ok(LinkDecision {
        id: row.try_get("id")?,
        child_plan: row.try_get("child_plan_key")?,
        child_item: row.try_get("child_item_key")?,
        parent_plan: row.try_get("parent_plan_key")?,
        parent_item: row.try_get("parent_item_key")?,
        score: row.try_get("score")?,
        status: LinkStatus::decode(row, "status")?,
        decided_by: row.try_get("decided_by")?,
        decided_at: row.try_get("decided_at")?,
    })
}

impl SqlStore {
    pub(crate) async fn decide_link_tx(&self, choice: &LinkChoice<'_>, stamp: Stamp<'_>) -> Result<LinkDecision> {
        if !(0.0..=1.0).contains(&choice.score) {
            return Err(StoreError::Invalid(format!(
                "độ tương đồng của liên kết phải từ 0 đến 1, không phải {}",
                choice.score
            )));
        }
        if choice.child_plan == choice.parent_plan {
            return Err(StoreError::Invalid(format!("không liên kết kế hoạch \"{}\" với chính nó", choice.child_plan)));
        }
        let mut tx = self.begin_write().await?;
        for (plan, item) in [(choice.child_plan, choice.child_item), (choice.parent_plan, choice.parent_item)] {
            let found: Option<i64> = sqlx::query_scalar(
                "SELECT i.id FROM items i JOIN plans p ON p.id = i.plan_id WHERE p.plan_key = $1 AND i.item_key = $2",
            )
            .bind(plan)
            .bind(item)
            .fetch_optional(&mut *tx)
            .await?;
            if found.is_none() {
                return Err(StoreError::NotFound { what: "mục của kế hoạch", key: format!("{plan} / {item}") });
            }
        }
        let pair =
            "WHERE child_plan_key = $1 AND child_item_key = $2 AND parent_plan_key = $3 AND parent_item_key = $4";
        let before = sqlx::query(&format!("{SELECT} {pair}"))
            .bind(choice.child_plan)
            .bind(choice.child_item)
            .bind(choice.parent_plan)
            .bind(choice.parent_item)
            .fetch_optional(&mut *tx)
            .await?
            .map(|row| decision_of(&row))
            .transpose()?;
        let context = format!("link {} → {}", choice.child_item, choice.parent_item);
        let row = sqlx::query(
            "INSERT INTO item_links (child_plan_key, child_item_key, parent_plan_key, parent_item_key, score, status, \
             decided_by, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (child_plan_key, child_item_key, parent_plan_key, parent_item_key) \
             DO UPDATE SET score = $5, status = $6, decided_by = $7, decided_at = $8 \
             RETURNING id, child_plan_key, child_item_key, parent_plan_key, parent_item_key, score, status, \
             decided_by, decided_at",
        )
        .bind(choice.child_plan)
        .bind(choice.child_item)
        .bind(choice.parent_plan)
        .bind(choice.parent_item)
        .bind(choice.score)
        .bind(choice.status.as_str())
        .bind(stamp.actor)
        .bind(stamp.at)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| StoreError::from_db(e, &context))?;
        let decided = decision_of(&row)?;
        let action = match choice.status {
            LinkStatus::Proposed => "reopen",
            LinkStatus::Confirmed => "confirm",
            LinkStatus::Rejected => "reject",
        };
        let before = before.map(|b| serde_json::json!({ "status": b.status, "score": b.score }));
        let after = serde_json::to_value(&decided)?;
        audit(&mut tx, stamp, action, "link", &decided.id.to_string(), before.as_ref(), Some(&after)).await?;
        tx.commit().await?;
        Ok(decided)
    }

    pub(crate) async fn link_decisions_of(&self, child_plan_key: &str) -> Result<Vec<LinkDecision>> {
        let rows = sqlx::query(&format!("{SELECT} WHERE child_plan_key = $1 ORDER BY child_item_key, score DESC, id"))
            .bind(child_plan_key)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(decision_of).collect()
    }

    pub(crate) async fn confirmed_links_of(&self, plan_key: &str) -> Result<Vec<LinkDecision>> {
        let rows = sqlx::query(&format!(
            "{SELECT} WHERE status = 'confirmed' AND (child_plan_key = $1 OR parent_plan_key = $1) \
             ORDER BY child_plan_key, child_item_key, parent_plan_key, parent_item_key"
        ))
        .bind(plan_key)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(decision_of).collect()
    }
}

impl StoredPlan {
    /// The plan's items as the matcher and the cascade checks take them.
    pub fn link_items(&self) -> Vec<LinkItem<'_>> {
        self.plan
            .items
            .iter()
            .zip(&self.items)
            .map(|(item, stored)| LinkItem { plan: &self.key, key: &stored.key, item })
            .collect()
    }

    /// The year the plan's targets without a year are for: its only year, if it has one.
    pub fn only_year(&self) -> Option<i32> {
        match self.plan.years.as_slice() {
            [year] => Some(*year),
            _ => None,
        }
    }
}

/// The consistency findings of `child` against each of `parents`, along the links of
/// `decisions` that are confirmed. A parent item counts as assigned to the child's level when
/// its lead cell names the child's issuer or a group the issuer belongs to at the end of the
/// child's first year.
pub fn cascade_findings(
    child: &StoredPlan,
    parents: &[StoredPlan],
    decisions: &[LinkDecision],
    registry: &Registry,
) -> Vec<Finding> {
    let child_items = child.link_items();
    let day = child
        .plan
        .years
        .first()
        .map(|year| Date { year: *year, month: 12, day: 31 })
        .or_else(|| child.created_at.get(..10).and_then(Date::parse));
    let mut findings = Vec::new();
    for parent in parents {
        let parent_items = parent.link_items();
        let links: Vec<(&str, &str)> = decisions
            .iter()
            .filter(|d| d.status == LinkStatus::Confirmed && d.child_plan == child.key && d.parent_plan == parent.key)
            .map(|d| (d.child_item.as_str(), d.parent_item.as_str()))
            .collect();
        let assigned: Vec<&str> = match (child.issuer_id, day) {
            (Some(issuer), Some(day)) => parent
                .items
                .iter()
                .zip(parent.leads())
                .filter(|(_, leads)| assigned_to(registry, issuer, day, leads))
                .map(|(item, _)| item.key.as_str())
                .collect(),
            _ => Vec::new(),
        };
        let mut plan_years: Vec<(&str, i32)> = Vec::new();
        plan_years.extend(child.only_year().map(|year| (child.key.as_str(), year)));
        plan_years.extend(parent.only_year().map(|year| (parent.key.as_str(), year)));
        let cascade = Cascade {
            child: &child_items,
            parents: &parent_items,
            links: &links,
            assigned: &assigned,
            plan_years: &plan_years,
            same_issuer: child.issuer_id.is_some() && child.issuer_id == parent.issuer_id,
        };
        findings.extend(check(&cascade));
    }
    findings
}

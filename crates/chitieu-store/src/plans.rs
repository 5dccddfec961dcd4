//! Plans in the store: every version of every plan, its items, targets and role assignments
//! resolved against the registry, and the way back to the plan JSON, losslessly.

use std::collections::HashMap;

use chitieu_core::diff::{PlanDiff, diff};
use chitieu_core::measure::{Direction, Measure, classify};
use chitieu_core::registry::{Candidate, GroupId, OrgId, Resolution, Resolver};
use chitieu_core::target::Target;
use chitieu_core::text::fold;
use chitieu_core::{Item, ItemKind, Plan, Role, Roles, Source};
use serde::Serialize;
use sqlx::Row as _;

use crate::backend::SqlStore;
use crate::codes::{AssignmentStatus, CURRENT_PLAN, PlanStatus, stored_code};
use crate::sql::{Stamp, audit, double, json};
use crate::{Result, StoreError};

stored_code! {
    /// The level of government that issues a plan.
    pub enum Level {
        Province = "province",
        City = "city",
        Commune = "commune",
    }
}

impl Level {
    pub fn label_vi(self) -> &'static str {
        match self {
            Level::Province => "Cấp tỉnh",
            Level::City => "Cấp thành phố",
            Level::Commune => "Cấp xã",
        }
    }
}

/// A parsed plan and where it came from, to store.
#[derive(Debug, Clone, Copy)]
pub struct PlanImport<'a> {
    pub plan: &'a Plan,
    pub source_bytes: &'a [u8],
    /// The decoded text, for text documents (so every item's line can be shown).
    pub source_text: Option<&'a str>,
    pub issuer: Option<OrgId>,
    pub level: Option<Level>,
    /// The key of the plan this one carries out (cascade).
    pub parent_key: Option<&'a str>,
    /// The plan's identity across versions; by default the issuer and the folded title.
    pub key: Option<&'a str>,
    pub actor: &'a str,
    pub at: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    /// The first version of a plan.
    New,
    /// A new version of a plan already stored.
    Amended,
    /// The same document as the latest version: nothing was written.
    Unchanged,
}

/// A name in a role cell that matched no unit or group exactly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnresolvedName {
    pub line: usize,
    pub code: Option<String>,
    pub role: Role,
    pub name: String,
    /// Near names for a person to confirm, best first (empty: nothing near).
    pub proposals: Vec<Candidate>,
}

/// What an import did.
#[derive(Debug, Clone, Serialize)]
pub struct ImportOutcome {
    pub plan_id: i64,
    pub key: String,
    pub version: i64,
    pub status: ImportStatus,
    pub title: String,
    pub items: usize,
    pub indicators: usize,
    pub tasks: usize,
    pub targets: usize,
    pub assignments: usize,
    pub resolved: usize,
    pub unresolved: Vec<UnresolvedName>,
    pub warnings: usize,
    /// Against the previous version, when this is an amendment.
    pub diff: Option<PlanDiff>,
}

/// One line of the plans list.
#[derive(Debug, Clone, Serialize)]
pub struct PlanSummary {
    pub id: i64,
    pub key: String,
    pub version: i64,
    pub status: PlanStatus,
    pub title: String,
    pub issuer_id: Option<OrgId>,
    pub level: Option<Level>,
    pub parent_key: Option<String>,
    pub source_file: String,
    pub items: i64,
    pub indicators: i64,
    pub created_at: String,
}

/// A role assignment as stored: the name as written and what it resolved to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredAssignment {
    pub role: Role,
    pub raw: String,
    pub org_id: Option<OrgId>,
    pub group_id: Option<GroupId>,
    pub status: AssignmentStatus,
    pub proposals: Vec<Candidate>,
}

impl StoredAssignment {
    pub fn resolution(&self) -> Resolution {
        match (self.org_id, self.group_id) {
            (Some(id), _) => Resolution::Org { id },
            (None, Some(id)) => Resolution::Group { id },
            (None, None) if self.proposals.is_empty() => Resolution::Unresolved,
            (None, None) => Resolution::Proposed { candidates: self.proposals.clone() },
        }
    }
}

/// What the store adds to an item of the plan JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredItem {
    pub id: i64,
    /// Identity across versions of the plan; reports point at it.
    pub key: String,
    pub measure: Measure,
    pub direction: Direction,
    pub assignments: Vec<StoredAssignment>,
}

/// A plan version as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPlan {
    pub id: i64,
    pub key: String,
    pub version: i64,
    pub status: PlanStatus,
    pub issuer_id: Option<OrgId>,
    pub level: Option<Level>,
    pub parent_key: Option<String>,
    pub created_at: String,
    pub created_by: String,
    pub source_text: Option<String>,
    /// Exactly the plan that was imported.
    pub plan: Plan,
    /// Beside `plan.items`, one for one.
    pub items: Vec<StoredItem>,
}

impl StoredPlan {
    /// The plan JSON of `chitieu parse`, with the stored ids, keys and resolved assignments
    /// added (`"plan": {...}` fields at the top, `"id"`, `"key"`, `"assignments"` per item).
    pub fn to_json(&self) -> Result<serde_json::Value> {
        let mut value = serde_json::to_value(&self.plan)?;
        let object = value.as_object_mut().ok_or_else(|| StoreError::Corrupt("plan JSON".into()))?;
        object.insert(
            "stored".into(),
            serde_json::json!({
                "id": self.id, "key": self.key, "version": self.version, "status": self.status,
                "issuer_id": self.issuer_id, "level": self.level, "parent_key": self.parent_key,
                "created_at": self.created_at, "created_by": self.created_by,
            }),
        );
        if let Some(items) = object.get_mut("items").and_then(serde_json::Value::as_array_mut) {
            for (item, stored) in items.iter_mut().zip(&self.items) {
                if let Some(item) = item.as_object_mut() {
                    item.insert("id".into(), stored.id.into());
                    item.insert("key".into(), stored.key.clone().into());
                    item.insert("measure".into(), serde_json::to_value(stored.measure)?);
                    item.insert("direction".into(), serde_json::to_value(stored.direction)?);
                    item.insert("assignments".into(), serde_json::to_value(&stored.assignments)?);
                }
            }
        }
        Ok(value)
    }

    /// The leads of every item, resolved, for the obligation rules.
    pub fn leads(&self) -> Vec<Vec<Resolution>> {
        self.items
            .iter()
            .map(|i| i.assignments.iter().filter(|a| a.role == Role::Lead).map(StoredAssignment::resolution).collect())
            .collect()
    }

    /// Who owes what for `period` under this plan, groups expanded with `registry`
    /// ([`crate::SqlStore::obligations`] without the reads, for callers that hold both).
    pub fn obligations(
        &self,
        registry: &chitieu_core::registry::Registry,
        period: chitieu_core::period::Period,
    ) -> Vec<chitieu_core::obligation::Obligation> {
        crate::reminders::plan_obligations(self, registry, period)
    }
}

/// The default identity of a plan: its issuer and its title, folded.
fn default_key(plan: &Plan, issuer: Option<OrgId>) -> String {
    let title = if plan.title.is_empty() { plan.source.file.as_str() } else { plan.title.as_str() };
    let words: Vec<String> =
        fold(title).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect();
    format!("{}:{}", issuer.map_or_else(|| "0".to_owned(), |i| i.to_string()), words.join("-"))
}

const ROLES: [Role; 4] = [Role::Monitor, Role::Lead, Role::Coordinate, Role::Direct];

fn role_str(role: Role) -> &'static str {
    match role {
        Role::Monitor => "monitor",
        Role::Lead => "lead",
        Role::Coordinate => "coordinate",
        Role::Direct => "direct",
    }
}

fn roles_of(roles: &Roles, role: Role) -> &[String] {
    match role {
        Role::Monitor => &roles.monitor,
        Role::Lead => &roles.lead,
        Role::Coordinate => &roles.coordinate,
        Role::Direct => &roles.direct,
    }
}

impl SqlStore {
    pub(crate) async fn import_plan_tx(
        &self,
        import: PlanImport<'_>,
        confirmations: &[(String, Resolution)],
    ) -> Result<ImportOutcome> {
        let plan = import.plan;
        let stamp = Stamp { actor: import.actor, at: import.at };
        let key = import.key.map_or_else(|| default_key(plan, import.issuer), str::to_owned);
        let mut tx = self.begin_write().await?;
        let registry = self.load_registry(&mut tx).await?;
        let resolver = registry.resolver();
        let latest =
            sqlx::query("SELECT id, version, source_sha256 FROM plans WHERE plan_key = $1 ORDER BY version DESC")
                .bind(&key)
                .fetch_optional(&mut *tx)
                .await?;
        let mut outcome = summarize(plan, &resolver, import.issuer);
        outcome.key.clone_from(&key);
        let (version, previous) = match latest {
            Some(row) => {
                let id: i64 = row.try_get("id")?;
                let version: i64 = row.try_get("version")?;
                if row.try_get::<String, _>("source_sha256")? == plan.source.sha256 {
                    outcome.plan_id = id;
                    outcome.version = version;
                    outcome.status = ImportStatus::Unchanged;
                    return Ok(outcome);
                }
                (version + 1, Some(self.load_plan(&mut tx, id).await?))
            }
            None => (1, None),
        };
        if let Some(parent) = import.parent_key {
            let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM plans WHERE plan_key = $1")
                .bind(parent)
                .fetch_optional(&mut *tx)
                .await?;
            if exists.is_none() {
                return Err(StoreError::NotFound { what: "kế hoạch cấp trên", key: parent.to_owned() });
            }
        }
        let context = format!("plan \"{key}\"");
        let plan_id: i64 = sqlx::query(
            "INSERT INTO plans (plan_key, version, status, title, issuer_id, level, parent_plan_key, years, regime, \
             warnings, source_file, source_sha256, source_bytes, source_text, created_at, created_by) \
             VALUES ($1, $2, 'published', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
        )
        .bind(&key)
        .bind(version)
        .bind(&plan.title)
        .bind(import.issuer)
        .bind(import.level.map(Level::as_str))
        .bind(import.parent_key)
        .bind(json(&plan.years)?)
        .bind(plan.regime.as_ref().map(json).transpose()?)
        .bind(json(&plan.warnings)?)
        .bind(&plan.source.file)
        .bind(&plan.source.sha256)
        .bind(import.source_bytes)
        .bind(import.source_text)
        .bind(stamp.at)
        .bind(stamp.actor)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| StoreError::from_db(e, &context))?
        .try_get("id")?;
        let change = previous.as_ref().map(|old| diff(&old.plan.items, &plan.items));
        // Names a person settled in the previous version stay settled.
        let mut confirmed: HashMap<String, (Option<OrgId>, Option<GroupId>)> = previous
            .iter()
            .flat_map(|old| old.items.iter().flat_map(|i| &i.assignments))
            .filter(|a| a.status == AssignmentStatus::Confirmed)
            .map(|a| (a.raw.clone(), (a.org_id, a.group_id)))
            .collect();
        // What the person importing settled now wins over earlier choices.
        for (name, choice) in confirmations {
            let settled = match choice {
                Resolution::Org { id } => (Some(*id), None),
                Resolution::Group { id } => (None, Some(*id)),
                Resolution::Proposed { .. } | Resolution::Unresolved => {
                    return Err(StoreError::Invalid(format!(
                        "tên \"{name}\" phải được xác nhận là một đơn vị hoặc một nhóm"
                    )));
                }
            };
            confirmed.insert(name.clone(), settled);
        }
        let names = Names { resolver: &resolver, issuer: import.issuer, confirmed: &confirmed };
        let keys: Vec<String> = (0..plan.items.len())
            .map(|n| match (&change, &previous) {
                (Some(d), Some(old)) => d.continues[n].map(|o| old.items[o].key.clone()),
                _ => None,
            })
            .enumerate()
            .map(|(n, kept)| kept.unwrap_or_else(|| format!("{key}#{version}.{n}")))
            .collect();
        for (position, (item, item_key)) in plan.items.iter().zip(&keys).enumerate() {
            insert_item(&mut tx, plan_id, position, item, item_key, &names).await?;
        }
        if let Some(old) = &previous {
            sqlx::query("UPDATE plans SET status = 'amended' WHERE id = $1").bind(old.id).execute(&mut *tx).await?;
        }
        outcome.plan_id = plan_id;
        outcome.version = version;
        outcome.status = if previous.is_some() { ImportStatus::Amended } else { ImportStatus::New };
        outcome.diff = change;
        let after = serde_json::to_value(&outcome)?;
        let action = if previous.is_some() { "amend" } else { "import" };
        audit(&mut tx, stamp, action, "plan", &plan_id.to_string(), None, Some(&after)).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    pub(crate) async fn load_plan(&self, conn: &mut sqlx::AnyConnection, id: i64) -> Result<StoredPlan> {
        let row = sqlx::query(
            "SELECT id, plan_key, version, status, title, issuer_id, level, parent_plan_key, years, regime, warnings, \
             source_file, source_sha256, source_text, created_at, created_by FROM plans WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::NotFound { what: "kế hoạch", key: id.to_string() })?;
        let parse = |column: &str, text: String| -> Result<serde_json::Value> {
            serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(format!("plans.{column}: {e}")))
        };
        let regime: Option<String> = row.try_get("regime")?;
        let mut plan = Plan {
            source: Source { file: row.try_get("source_file")?, sha256: row.try_get("source_sha256")? },
            title: row.try_get("title")?,
            years: serde_json::from_value(parse("years", row.try_get("years")?)?)?,
            regime: regime.map(|r| parse("regime", r).and_then(|v| Ok(serde_json::from_value(v)?))).transpose()?,
            warnings: serde_json::from_value(parse("warnings", row.try_get("warnings")?)?)?,
            items: Vec::new(),
        };
        let item_rows = sqlx::query(
            "SELECT id, item_key, section, code, kind, text, unit, direction, measure, deadline, note, line \
             FROM items WHERE plan_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        let target_rows = sqlx::query(
            "SELECT t.item_id, t.year, t.op, t.value, t.value_max, t.unit, t.subject, t.raw FROM targets t \
             JOIN items i ON i.id = t.item_id WHERE i.plan_id = $1 ORDER BY t.item_id, t.position",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        let assignment_rows = sqlx::query(
            "SELECT a.item_id, a.role, a.raw, a.org_id, a.group_id, a.status, a.proposals FROM assignments a \
             JOIN items i ON i.id = a.item_id WHERE i.plan_id = $1 ORDER BY a.item_id, a.role, a.position",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        let mut targets: std::collections::HashMap<i64, Vec<Target>> = std::collections::HashMap::new();
        for t in target_rows {
            targets.entry(t.try_get("item_id")?).or_default().push(target_from_row(&t)?);
        }
        let mut assignments: std::collections::HashMap<i64, Vec<StoredAssignment>> = std::collections::HashMap::new();
        for a in assignment_rows {
            let role: String = a.try_get("role")?;
            let proposals: Option<String> = a.try_get("proposals")?;
            assignments.entry(a.try_get("item_id")?).or_default().push(StoredAssignment {
                role: serde_json::from_value(serde_json::Value::String(role))?,
                raw: a.try_get("raw")?,
                org_id: a.try_get("org_id")?,
                group_id: a.try_get("group_id")?,
                status: AssignmentStatus::decode(&a, "status")?,
                proposals: proposals.map(|p| serde_json::from_str(&p)).transpose()?.unwrap_or_default(),
            });
        }
        let mut items = Vec::with_capacity(item_rows.len());
        for r in item_rows {
            let item_id: i64 = r.try_get("id")?;
            let stored_assignments = assignments.remove(&item_id).unwrap_or_default();
            let mut roles = Roles::default();
            for role in ROLES {
                roles.get_mut(role).extend(stored_assignments.iter().filter(|a| a.role == role).map(|a| a.raw.clone()));
            }
            let (item, measure, direction) = item_from_row(&r, targets.remove(&item_id).unwrap_or_default(), roles)?;
            plan.items.push(item);
            items.push(StoredItem {
                id: item_id,
                key: r.try_get("item_key")?,
                measure,
                direction,
                assignments: stored_assignments,
            });
        }
        Ok(StoredPlan {
            id,
            key: row.try_get("plan_key")?,
            version: row.try_get("version")?,
            status: PlanStatus::decode(&row, "status")?,
            issuer_id: row.try_get("issuer_id")?,
            level: level_of(&row)?,
            parent_key: row.try_get("parent_plan_key")?,
            created_at: row.try_get("created_at")?,
            created_by: row.try_get("created_by")?,
            source_text: row.try_get("source_text")?,
            plan,
            items,
        })
    }

    pub(crate) async fn plan_summaries(&self) -> Result<Vec<PlanSummary>> {
        self.summaries_where("1 = 1").await
    }

    /// The plan versions in force: the latest of each plan, unless it was archived.
    pub(crate) async fn current_plan_summaries(&self) -> Result<Vec<PlanSummary>> {
        self.summaries_where(CURRENT_PLAN).await
    }

    async fn summaries_where(&self, condition: &str) -> Result<Vec<PlanSummary>> {
        let rows = sqlx::query(&format!(
            "SELECT p.id, p.plan_key, p.version, p.status, p.title, p.issuer_id, p.level, p.parent_plan_key, \
             p.source_file, p.created_at, \
             (SELECT COUNT(*) FROM items i WHERE i.plan_id = p.id) AS items, \
             (SELECT COUNT(*) FROM items i WHERE i.plan_id = p.id AND i.kind = 'indicator') AS indicators \
             FROM plans p WHERE {condition} ORDER BY p.plan_key, p.version"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(PlanSummary {
                    id: r.try_get("id")?,
                    key: r.try_get("plan_key")?,
                    version: r.try_get("version")?,
                    status: PlanStatus::decode(&r, "status")?,
                    title: r.try_get("title")?,
                    issuer_id: r.try_get("issuer_id")?,
                    level: level_of(&r)?,
                    parent_key: r.try_get("parent_plan_key")?,
                    source_file: r.try_get("source_file")?,
                    items: r.try_get("items")?,
                    indicators: r.try_get("indicators")?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }
}

/// Counts and unresolved names of a plan about to be stored.
fn summarize(plan: &Plan, registry: &Resolver<'_>, issuer: Option<OrgId>) -> ImportOutcome {
    let mut outcome = ImportOutcome {
        plan_id: 0,
        key: String::new(),
        version: 0,
        status: ImportStatus::New,
        title: plan.title.clone(),
        items: plan.items.len(),
        indicators: plan.items.iter().filter(|i| i.kind == ItemKind::Indicator).count(),
        tasks: plan.items.iter().filter(|i| i.kind == ItemKind::Task).count(),
        targets: plan.items.iter().map(|i| i.targets.len()).sum(),
        assignments: 0,
        resolved: 0,
        unresolved: Vec::new(),
        warnings: plan.warnings.len(),
        diff: None,
    };
    for item in &plan.items {
        for role in ROLES {
            for name in roles_of(&item.roles, role) {
                outcome.assignments += 1;
                match registry.resolve(name, issuer) {
                    Resolution::Org { .. } | Resolution::Group { .. } => outcome.resolved += 1,
                    Resolution::Proposed { candidates } => outcome.unresolved.push(UnresolvedName {
                        line: item.line,
                        code: item.code.clone(),
                        role,
                        name: name.clone(),
                        proposals: candidates,
                    }),
                    Resolution::Unresolved => outcome.unresolved.push(UnresolvedName {
                        line: item.line,
                        code: item.code.clone(),
                        role,
                        name: name.clone(),
                        proposals: Vec::new(),
                    }),
                }
            }
        }
    }
    outcome
}

/// How the names of a plan being stored resolve: a person's earlier confirmation first, then
/// the registry (with the issuer's own units preferred).
struct Names<'a> {
    resolver: &'a Resolver<'a>,
    issuer: Option<OrgId>,
    confirmed: &'a HashMap<String, (Option<OrgId>, Option<GroupId>)>,
}

async fn insert_item(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    plan_id: i64,
    position: usize,
    item: &Item,
    item_key: &str,
    names: &Names<'_>,
) -> Result<()> {
    let context = format!("line {}: item {}", item.line, item.code.as_deref().unwrap_or("without number"));
    let (measure, direction) = classify(item);
    let kind = serde_json::to_value(item.kind)?;
    let direction = serde_json::to_value(direction)?;
    let item_id: i64 = sqlx::query(
        "INSERT INTO items (plan_id, item_key, position, section, code, kind, text, unit, direction, measure, \
         deadline, note, line) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(plan_id)
    .bind(item_key)
    .bind(position as i64)
    .bind(&item.section)
    .bind(&item.code)
    .bind(kind.as_str())
    .bind(&item.text)
    .bind(&item.unit)
    .bind(direction.as_str())
    .bind(measure.as_str())
    .bind(item.deadline.as_ref().map(json).transpose()?)
    .bind(&item.note)
    .bind(item.line as i64)
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| StoreError::from_db(e, &context))?
    .try_get("id")?;
    for (position, target) in item.targets.iter().enumerate() {
        let op = serde_json::to_value(target.op)?;
        let (value, has_value) = double(target.value);
        let (value_max, has_max) = double(target.value_max);
        sqlx::query(
            "INSERT INTO targets (item_id, position, year, op, value, value_max, unit, subject, raw) \
             VALUES ($1, $2, $3, $4, CASE WHEN $10 = 1 THEN $5 END, CASE WHEN $11 = 1 THEN $6 END, $7, $8, $9)",
        )
        .bind(item_id)
        .bind(position as i64)
        .bind(target.year.map(i64::from))
        .bind(op.as_str())
        .bind(value)
        .bind(value_max)
        .bind(&target.unit)
        .bind(&target.subject)
        .bind(&target.raw)
        .bind(has_value)
        .bind(has_max)
        .execute(&mut **tx)
        .await
        .map_err(|e| StoreError::from_db(e, &context))?;
    }
    for role in ROLES {
        for (position, name) in roles_of(&item.roles, role).iter().enumerate() {
            if let Some(&(org, group)) = names.confirmed.get(name) {
                insert_assignment(
                    tx,
                    item_id,
                    role,
                    position,
                    name,
                    (org, group, AssignmentStatus::Confirmed, None),
                    &context,
                )
                .await?;
                continue;
            }
            let resolution = names.resolver.resolve(name, names.issuer);
            let settled = match &resolution {
                Resolution::Org { id } => (Some(*id), None, AssignmentStatus::Resolved, None),
                Resolution::Group { id } => (None, Some(*id), AssignmentStatus::Resolved, None),
                Resolution::Proposed { candidates } => {
                    (None, None, AssignmentStatus::Proposed, Some(json(candidates)?))
                }
                Resolution::Unresolved => (None, None, AssignmentStatus::Unresolved, None),
            };
            insert_assignment(tx, item_id, role, position, name, settled, &context).await?;
        }
    }
    Ok(())
}

type Settled = (Option<OrgId>, Option<GroupId>, AssignmentStatus, Option<String>);

async fn insert_assignment(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    item_id: i64,
    role: Role,
    position: usize,
    name: &str,
    (org, group, status, proposals): Settled,
    context: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO assignments (item_id, role, position, raw, org_id, group_id, status, proposals) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(item_id)
    .bind(role_str(role))
    .bind(position as i64)
    .bind(name)
    .bind(org)
    .bind(group)
    .bind(status.as_str())
    .bind(proposals)
    .execute(&mut **tx)
    .await
    .map_err(|e| StoreError::from_db(e, context))?;
    Ok(())
}

impl SqlStore {
    pub(crate) async fn confirm_name_tx(
        &self,
        plan_id: i64,
        name: &str,
        choice: &Resolution,
        stamp: Stamp<'_>,
    ) -> Result<usize> {
        let (org, group) = match choice {
            Resolution::Org { id } => (Some(*id), None),
            Resolution::Group { id } => (None, Some(*id)),
            Resolution::Proposed { .. } | Resolution::Unresolved => {
                return Err(StoreError::Invalid("một tên phải được xác nhận là một đơn vị hoặc một nhóm".into()));
            }
        };
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query(
            "UPDATE assignments SET org_id = $1, group_id = $2, status = 'confirmed', proposals = NULL \
             WHERE raw = $3 AND item_id IN (SELECT id FROM items WHERE plan_id = $4)",
        )
        .bind(org)
        .bind(group)
        .bind(name)
        .bind(plan_id)
        .execute(&mut *tx)
        .await
        .map_err(|e| StoreError::from_db(e, &format!("confirming \"{name}\"")))?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: "tên trong kế hoạch",
                key: format!("\"{name}\" in plan {plan_id}"),
            });
        }
        let after = serde_json::json!({ "name": name, "org_id": org, "group_id": group, "assignments": changed });
        audit(&mut tx, stamp, "confirm_name", "plan", &plan_id.to_string(), None, Some(&after)).await?;
        tx.commit().await?;
        Ok(usize::try_from(changed).unwrap_or(usize::MAX))
    }
}

/// A target from a row of `targets`.
pub(crate) fn target_from_row(t: &sqlx::any::AnyRow) -> Result<Target> {
    let op: String = t.try_get("op")?;
    Ok(Target {
        year: t.try_get::<Option<i64>, _>("year")?.map(|y| y as i32),
        op: serde_json::from_value(serde_json::Value::String(op))?,
        value: t.try_get("value")?,
        value_max: t.try_get("value_max")?,
        unit: t.try_get("unit")?,
        subject: t.try_get("subject")?,
        raw: t.try_get("raw")?,
    })
}

/// An item, its measure and its direction from a row of `items` (section, code, kind, text,
/// unit, direction, measure, deadline, note, line), with its targets and roles.
pub(crate) fn item_from_row(
    r: &sqlx::any::AnyRow,
    targets: Vec<Target>,
    roles: Roles,
) -> Result<(Item, Measure, Direction)> {
    let kind: String = r.try_get("kind")?;
    let deadline: Option<String> = r.try_get("deadline")?;
    let measure: String = r.try_get("measure")?;
    let direction: String = r.try_get("direction")?;
    let item = Item {
        section: r.try_get("section")?,
        code: r.try_get("code")?,
        kind: serde_json::from_value(serde_json::Value::String(kind))?,
        text: r.try_get("text")?,
        unit: r.try_get("unit")?,
        targets,
        deadline: deadline.map(|d| serde_json::from_str(&d)).transpose()?,
        roles,
        note: r.try_get("note")?,
        line: usize::try_from(r.try_get::<i64, _>("line")?).unwrap_or_default(),
    };
    let measure = Measure::parse(&measure).ok_or_else(|| StoreError::Corrupt(format!("measure {measure}")))?;
    Ok((item, measure, serde_json::from_value(serde_json::Value::String(direction))?))
}

fn level_of(row: &sqlx::any::AnyRow) -> Result<Option<Level>> {
    let level: Option<String> = row.try_get("level")?;
    level
        .map(|code| Level::parse(&code).ok_or_else(|| StoreError::Corrupt(format!("level: unknown code \"{code}\""))))
        .transpose()
}

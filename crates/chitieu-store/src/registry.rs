//! Units and groups: imported by name (updated in place, never deleted), and loaded as the
//! core [`Registry`] that resolves role cells.

use std::collections::HashMap;

use chitieu_core::names::name_key;
use chitieu_core::registry::{GroupId, Org, OrgGroup, OrgId, OrgKind, Registry, Resolution, Resolver};
use serde::Serialize;
use sqlx::Row as _;

pub use chitieu_core::registry::{GroupRecord, OrgRecord};

use crate::backend::SqlStore;
use crate::sql::{Stamp, audit, date_text, flag, text_date};
use crate::{Result, StoreError};

/// What an import of a registry file did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RegistryOutcome {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl SqlStore {
    pub(crate) async fn load_registry(&self, conn: &mut sqlx::AnyConnection) -> Result<Registry> {
        let mut orgs: Vec<Org> = Vec::new();
        let rows = sqlx::query(
            "SELECT id, name, kind, parent_id, population, active_from, active_to, sample FROM orgs ORDER BY id",
        )
        .fetch_all(&mut *conn)
        .await?;
        for row in rows {
            let kind: String = row.try_get("kind")?;
            orgs.push(Org {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                kind: OrgKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("org kind \"{kind}\"")))?,
                parent: row.try_get("parent_id")?,
                aliases: Vec::new(),
                population: row.try_get("population")?,
                active_from: text_date(row.try_get("active_from")?, "orgs.active_from")?,
                active_to: text_date(row.try_get("active_to")?, "orgs.active_to")?,
                sample: row.try_get::<i64, _>("sample")? == 1,
            });
        }
        let index: HashMap<OrgId, usize> = orgs.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
        for row in
            sqlx::query("SELECT org_id, alias FROM org_aliases ORDER BY org_id, alias").fetch_all(&mut *conn).await?
        {
            let id: OrgId = row.try_get("org_id")?;
            if let Some(&i) = index.get(&id) {
                orgs[i].aliases.push(row.try_get("alias")?);
            }
        }
        let mut groups: Vec<OrgGroup> = Vec::new();
        for row in sqlx::query("SELECT id, name, member_kind, scope_id FROM org_groups ORDER BY id")
            .fetch_all(&mut *conn)
            .await?
        {
            let kind: Option<String> = row.try_get("member_kind")?;
            groups.push(OrgGroup {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                aliases: Vec::new(),
                member_kind: kind.as_deref().and_then(OrgKind::parse),
                scope: row.try_get("scope_id")?,
                members: Vec::new(),
            });
        }
        let group_index: HashMap<GroupId, usize> = groups.iter().enumerate().map(|(i, g)| (g.id, i)).collect();
        for row in sqlx::query("SELECT group_id, alias FROM group_aliases ORDER BY group_id, alias")
            .fetch_all(&mut *conn)
            .await?
        {
            if let Some(&i) = group_index.get(&row.try_get::<i64, _>("group_id")?) {
                groups[i].aliases.push(row.try_get("alias")?);
            }
        }
        for row in sqlx::query("SELECT group_id, org_id FROM group_members ORDER BY group_id, org_id")
            .fetch_all(&mut *conn)
            .await?
        {
            if let Some(&i) = group_index.get(&row.try_get::<i64, _>("group_id")?) {
                groups[i].members.push(row.try_get("org_id")?);
            }
        }
        Ok(Registry { orgs, groups })
    }

    pub(crate) async fn import_orgs_tx(&self, records: &[OrgRecord], stamp: Stamp<'_>) -> Result<RegistryOutcome> {
        let mut tx = self.begin_write().await?;
        let registry = self.load_registry(&mut tx).await?;
        // Units by name key (names and aliases), kept current as the file is stored.
        let mut by_key: HashMap<String, Vec<OrgId>> = HashMap::new();
        for org in &registry.orgs {
            for name in std::iter::once(&org.name).chain(&org.aliases) {
                let ids = by_key.entry(name_key(name)).or_default();
                if !ids.contains(&org.id) {
                    ids.push(org.id);
                }
            }
        }
        let mut outcome = RegistryOutcome::default();
        let mut pending: Vec<&OrgRecord> = records.iter().collect();
        // Parents first: a record waits until the unit it names above exists.
        while !pending.is_empty() {
            let before = pending.len();
            let mut waiting = Vec::new();
            for record in pending {
                let parent = match &record.parent {
                    None => None,
                    Some(name) => match by_key.get(&name_key(name)).map(Vec::as_slice) {
                        Some([id]) => Some(*id),
                        Some(ids @ [_, _, ..]) => {
                            return Err(StoreError::Invalid(format!(
                                "line {}: parent \"{name}\" of \"{}\" names {} units; write the parent's own name",
                                record.line,
                                record.name,
                                ids.len()
                            )));
                        }
                        None | Some([]) if records.iter().any(|r| name_key(&r.name) == name_key(name)) => {
                            waiting.push(record);
                            continue;
                        }
                        None | Some([]) => {
                            return Err(StoreError::Invalid(format!(
                                "line {}: parent \"{name}\" of \"{}\" names no unit in the file or the registry{}",
                                record.line,
                                record.name,
                                suggestion(&registry, name)
                            )));
                        }
                    },
                };
                let (id, change) = upsert_org(&mut tx, record, parent, stamp).await?;
                match change {
                    Change::Created => outcome.created += 1,
                    Change::Updated => outcome.updated += 1,
                    Change::Unchanged => outcome.unchanged += 1,
                }
                for name in std::iter::once(&record.name).chain(&record.aliases) {
                    let ids = by_key.entry(name_key(name)).or_default();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
            if waiting.len() == before {
                let stuck = waiting[0];
                return Err(StoreError::Invalid(format!(
                    "line {}: the parents of \"{}\" lead back to it",
                    stuck.line, stuck.name
                )));
            }
            pending = waiting;
        }
        tx.commit().await?;
        Ok(outcome)
    }

    pub(crate) async fn import_groups_tx(&self, records: &[GroupRecord], stamp: Stamp<'_>) -> Result<RegistryOutcome> {
        let mut tx = self.begin_write().await?;
        let registry = self.load_registry(&mut tx).await?;
        let resolver = registry.resolver();
        let mut outcome = RegistryOutcome::default();
        for record in records {
            let scope = match &record.scope {
                None => None,
                Some(name) => Some(find_org(&resolver, name, None).ok_or_else(|| {
                    StoreError::Invalid(format!(
                        "line {}: scope \"{name}\" of group \"{}\" names no unit{}",
                        record.line,
                        record.name,
                        suggestion(&registry, name)
                    ))
                })?),
            };
            let mut members = Vec::with_capacity(record.members.len());
            for name in &record.members {
                members.push(find_org(&resolver, name, scope).ok_or_else(|| {
                    StoreError::Invalid(format!(
                        "line {}: member \"{name}\" of group \"{}\" names no unit{}",
                        record.line,
                        record.name,
                        suggestion(&registry, name)
                    ))
                })?);
            }
            members.sort_unstable();
            members.dedup();
            match upsert_group(&mut tx, record, scope, &members, stamp).await? {
                Change::Created => outcome.created += 1,
                Change::Updated => outcome.updated += 1,
                Change::Unchanged => outcome.unchanged += 1,
            }
        }
        tx.commit().await?;
        Ok(outcome)
    }
}

/// The unit a name (or alias) names exactly, preferring one under `scope`.
fn find_org(resolver: &Resolver<'_>, name: &str, scope: Option<OrgId>) -> Option<OrgId> {
    match resolver.resolve(name, scope) {
        Resolution::Org { id } => Some(id),
        _ => None,
    }
}

/// ", did you mean \"…\"?" when a near name exists.
fn suggestion(registry: &Registry, name: &str) -> String {
    match registry.resolve(name, None) {
        Resolution::Proposed { candidates } => format!("; did you mean \"{}\"?", candidates[0].name),
        _ => String::new(),
    }
}

enum Change {
    Created,
    Updated,
    Unchanged,
}

fn scope_key(parent: Option<i64>) -> String {
    parent.map(|p| p.to_string()).unwrap_or_default()
}

async fn upsert_org(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    record: &OrgRecord,
    parent: Option<OrgId>,
    stamp: Stamp<'_>,
) -> Result<(OrgId, Change)> {
    let key = name_key(&record.name);
    let context = format!("line {}: unit \"{}\"", record.line, record.name);
    let mut aliases = record.aliases.clone();
    aliases.sort();
    aliases.dedup();
    let after = serde_json::json!({
        "name": record.name, "kind": record.kind, "parent_id": parent, "aliases": aliases,
        "population": record.population, "active_from": date_text(record.active_from),
        "active_to": date_text(record.active_to), "sample": record.sample,
    });
    let existing = sqlx::query("SELECT id FROM orgs WHERE name_key = $1 AND scope_key = $2")
        .bind(&key)
        .bind(scope_key(parent))
        .fetch_optional(&mut **tx)
        .await?;
    let (id, change) = if let Some(row) = existing {
        let id: OrgId = row.try_get("id")?;
        let before = org_json(tx, id).await?;
        if before == after {
            return Ok((id, Change::Unchanged));
        }
        sqlx::query(
            "UPDATE orgs SET name = $1, kind = $2, population = $3, active_from = $4, active_to = $5, sample = $6, \
             updated_at = $7 WHERE id = $8",
        )
        .bind(&record.name)
        .bind(record.kind.as_str())
        .bind(record.population)
        .bind(date_text(record.active_from))
        .bind(date_text(record.active_to))
        .bind(flag(record.sample))
        .bind(stamp.at)
        .bind(id)
        .execute(&mut **tx)
        .await
        .map_err(|e| StoreError::from_db(e, &context))?;
        sqlx::query("DELETE FROM org_aliases WHERE org_id = $1").bind(id).execute(&mut **tx).await?;
        audit(tx, stamp, "update", "org", &id.to_string(), Some(&before), Some(&after)).await?;
        (id, Change::Updated)
    } else {
        let row = sqlx::query(
            "INSERT INTO orgs (name, name_key, kind, parent_id, scope_key, population, active_from, active_to, sample, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        )
        .bind(&record.name)
        .bind(&key)
        .bind(record.kind.as_str())
        .bind(parent)
        .bind(scope_key(parent))
        .bind(record.population)
        .bind(date_text(record.active_from))
        .bind(date_text(record.active_to))
        .bind(flag(record.sample))
        .bind(stamp.at)
        .fetch_one(&mut **tx)
        .await
        .map_err(|e| StoreError::from_db(e, &context))?;
        let id: OrgId = row.try_get("id")?;
        audit(tx, stamp, "create", "org", &id.to_string(), None, Some(&after)).await?;
        (id, Change::Created)
    };
    insert_pairs(tx, "INSERT INTO org_aliases (org_id, alias) VALUES ($1, $2)", id, &aliases, &context).await?;
    Ok((id, change))
}

/// Inserts `(owner, value)` rows with `sql`, one per value.
async fn insert_pairs<T>(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    sql: &'static str,
    owner: i64,
    values: &[T],
    context: &str,
) -> Result<()>
where
    T: for<'q> sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any> + Clone + Send + Sync + 'static,
{
    for value in values {
        sqlx::query(sql)
            .bind(owner)
            .bind(value.clone())
            .execute(&mut **tx)
            .await
            .map_err(|e| StoreError::from_db(e, context))?;
    }
    Ok(())
}

/// A unit as its audit record shows it.
async fn org_json(tx: &mut sqlx::Transaction<'static, sqlx::Any>, id: OrgId) -> Result<serde_json::Value> {
    let row =
        sqlx::query("SELECT name, kind, parent_id, population, active_from, active_to, sample FROM orgs WHERE id = $1")
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
    let mut aliases: Vec<String> = sqlx::query_scalar("SELECT alias FROM org_aliases WHERE org_id = $1 ORDER BY alias")
        .bind(id)
        .fetch_all(&mut **tx)
        .await?;
    aliases.sort();
    let kind: String = row.try_get("kind")?;
    Ok(serde_json::json!({
        "name": row.try_get::<String, _>("name")?, "kind": kind, "parent_id": row.try_get::<Option<i64>, _>("parent_id")?,
        "aliases": aliases, "population": row.try_get::<Option<i64>, _>("population")?,
        "active_from": row.try_get::<Option<String>, _>("active_from")?,
        "active_to": row.try_get::<Option<String>, _>("active_to")?, "sample": row.try_get::<i64, _>("sample")? == 1,
    }))
}

async fn upsert_group(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    record: &GroupRecord,
    scope: Option<OrgId>,
    members: &[OrgId],
    stamp: Stamp<'_>,
) -> Result<Change> {
    let key = name_key(&record.name);
    let context = format!("line {}: group \"{}\"", record.line, record.name);
    let mut aliases = record.aliases.clone();
    aliases.sort();
    aliases.dedup();
    let after = serde_json::json!({
        "name": record.name, "member_kind": record.member_kind, "scope_id": scope, "members": members, "aliases": aliases,
    });
    let existing = sqlx::query("SELECT id, name, member_kind FROM org_groups WHERE name_key = $1 AND scope_key = $2")
        .bind(&key)
        .bind(scope_key(scope))
        .fetch_optional(&mut **tx)
        .await?;
    let (id, change) = if let Some(row) = existing {
        let id: GroupId = row.try_get("id")?;
        let old_members: Vec<i64> =
            sqlx::query_scalar("SELECT org_id FROM group_members WHERE group_id = $1 ORDER BY org_id")
                .bind(id)
                .fetch_all(&mut **tx)
                .await?;
        let old_aliases: Vec<String> =
            sqlx::query_scalar("SELECT alias FROM group_aliases WHERE group_id = $1 ORDER BY alias")
                .bind(id)
                .fetch_all(&mut **tx)
                .await?;
        let kind: Option<String> = row.try_get("member_kind")?;
        let before = serde_json::json!({
            "name": row.try_get::<String, _>("name")?, "member_kind": kind, "scope_id": scope,
            "members": old_members, "aliases": old_aliases,
        });
        if before == after {
            return Ok(Change::Unchanged);
        }
        sqlx::query("UPDATE org_groups SET name = $1, member_kind = $2, updated_at = $3 WHERE id = $4")
            .bind(&record.name)
            .bind(record.member_kind.map(OrgKind::as_str))
            .bind(stamp.at)
            .bind(id)
            .execute(&mut **tx)
            .await
            .map_err(|e| StoreError::from_db(e, &context))?;
        sqlx::query("DELETE FROM group_members WHERE group_id = $1").bind(id).execute(&mut **tx).await?;
        sqlx::query("DELETE FROM group_aliases WHERE group_id = $1").bind(id).execute(&mut **tx).await?;
        audit(tx, stamp, "update", "group", &id.to_string(), Some(&before), Some(&after)).await?;
        (id, Change::Updated)
    } else {
        let row = sqlx::query(
            "INSERT INTO org_groups (name, name_key, member_kind, scope_id, scope_key, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        )
        .bind(&record.name)
        .bind(&key)
        .bind(record.member_kind.map(OrgKind::as_str))
        .bind(scope)
        .bind(scope_key(scope))
        .bind(stamp.at)
        .fetch_one(&mut **tx)
        .await
        .map_err(|e| StoreError::from_db(e, &context))?;
        let id: GroupId = row.try_get("id")?;
        audit(tx, stamp, "create", "group", &id.to_string(), None, Some(&after)).await?;
        (id, Change::Created)
    };
    insert_pairs(tx, "INSERT INTO group_members (group_id, org_id) VALUES ($1, $2)", id, members, &context).await?;
    insert_pairs(tx, "INSERT INTO group_aliases (group_id, alias) VALUES ($1, $2)", id, &aliases, &context).await?;
    Ok(change)
}

//! Users: each tied to a unit, with one role. The store keeps only argon2 hashes: it refuses
//! anything else, so a clear password can never be stored by mistake.

use chitieu_core::registry::OrgId;
use serde::Serialize;
use sqlx::Row as _;

use crate::backend::SqlStore;
use crate::codes::stored_code;
use crate::sql::{Stamp, audit};
use crate::{Result, StoreError};

stored_code! {
    /// What a user may do, within the unit the user belongs to.
    pub enum UserRole {
        /// Everything.
        Admin = "admin",
        /// Reads everything.
        Leader = "leader",
        /// Reviews the items its unit monitors.
        Monitor = "monitor",
        /// Enters its unit's values.
        Reporter = "reporter",
        /// Its unit's head: submits.
        Approver = "approver",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub org: Option<OrgId>,
    pub role: UserRole,
    /// An argon2 PHC string ("$argon2id$…").
    pub password_hash: String,
    /// Where reminders are mailed; none: in-app notices only.
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub org: Option<OrgId>,
    pub role: UserRole,
    pub active: bool,
    pub email: Option<String>,
}

pub(crate) fn user_of(row: &sqlx::any::AnyRow) -> Result<User> {
    Ok(User {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        org: row.try_get("org_id")?,
        role: UserRole::decode(row, "role")?,
        active: row.try_get::<i64, _>("active")? == 1,
        email: email_of(row)?,
    })
}

/// The user's e-mail, when the query selected it (the session queries do not).
fn email_of(row: &sqlx::any::AnyRow) -> Result<Option<String>> {
    match row.try_get("email") {
        Err(sqlx::Error::ColumnNotFound(_)) => Ok(None),
        other => Ok(other?),
    }
}

/// A trimmed address of the form `name@domain`, or none for a blank one.
fn checked_email(email: Option<&str>) -> Result<Option<String>> {
    let Some(email) = email.map(str::trim).filter(|e| !e.is_empty()) else { return Ok(None) };
    let well_formed = email.split_once('@').is_some_and(|(name, domain)| {
        !name.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.contains('@')
    }) && !email.chars().any(|c| c.is_whitespace() || matches!(c, '<' | '>' | ',' | ';'));
    if well_formed {
        Ok(Some(email.to_owned()))
    } else {
        Err(StoreError::Invalid(format!("thư điện tử \"{email}\" không có dạng tên@miền")))
    }
}

impl SqlStore {
    pub(crate) async fn add_user_tx(&self, user: NewUser, stamp: Stamp<'_>) -> Result<User> {
        if !user.password_hash.starts_with("$argon2") {
            return Err(StoreError::Invalid("passwords are stored only as argon2 hashes".into()));
        }
        let username = user.username.trim().to_lowercase();
        if username.is_empty() || username.chars().any(char::is_whitespace) {
            return Err(StoreError::Invalid(format!("tên đăng nhập \"{}\" phải là một từ liền", user.username)));
        }
        let email = checked_email(user.email.as_deref())?;
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "INSERT INTO users (username, display_name, org_id, role, password_hash, active, created_at, email) \
             VALUES ($1, $2, $3, $4, $5, 1, $6, $7) RETURNING id, username, display_name, org_id, role, active, email",
        )
        .bind(&username)
        .bind(&user.display_name)
        .bind(user.org)
        .bind(user.role.as_str())
        .bind(&user.password_hash)
        .bind(stamp.at)
        .bind(email)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| StoreError::from_db(e, &format!("user \"{username}\"")))?;
        let created = user_of(&row)?;
        let after = serde_json::to_value(&created)?;
        audit(&mut tx, stamp, "create", "user", &created.id.to_string(), None, Some(&after)).await?;
        tx.commit().await?;
        Ok(created)
    }

    pub(crate) async fn user_by_name(&self, username: &str) -> Result<Option<(User, String)>> {
        let row = sqlx::query(
            "SELECT id, username, display_name, org_id, role, active, email, password_hash FROM users WHERE username = $1",
        )
        .bind(username.trim().to_lowercase())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((user_of(&r)?, r.try_get("password_hash")?))).transpose()
    }

    pub(crate) async fn all_users(&self) -> Result<Vec<User>> {
        let rows =
            sqlx::query("SELECT id, username, display_name, org_id, role, active, email FROM users ORDER BY username")
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(user_of).collect()
    }
}

//! Sign-in sessions kept server-side: the browser holds only a random id; the store keeps who
//! it is, the session's CSRF token and when it ends. Ids and times are inputs (the web layer
//! draws the randomness and reads the clock). Also the one write to a user's password.

use serde::Serialize;
use sqlx::Row as _;

use crate::backend::SqlStore;
use crate::sql::{Stamp, audit};
use crate::users::user_of;
use crate::{Result, StoreError, User};

/// A session to open: ids drawn by the caller (256 random bits as hex), times RFC 3339 UTC.
#[derive(Clone, PartialEq, Eq)]
pub struct NewSession {
    pub id: String,
    pub user_id: i64,
    pub csrf_token: String,
    pub created_at: String,
    pub expires_at: String,
}

/// An open session and its user.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct Session {
    #[serde(skip)]
    pub id: String,
    #[serde(skip)]
    pub csrf_token: String,
    pub created_at: String,
    pub expires_at: String,
    pub user: User,
}

// Session ids and CSRF tokens are credentials: never in logs.
impl std::fmt::Debug for NewSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewSession")
            .field("id", &"<redacted>")
            .field("user_id", &self.user_id)
            .field("csrf_token", &"<redacted>")
            .field("created_at", &self.created_at)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("id", &"<redacted>")
            .field("csrf_token", &"<redacted>")
            .field("created_at", &self.created_at)
            .field("expires_at", &self.expires_at)
            .field("user", &self.user)
            .finish()
    }
}

impl SqlStore {
    /// Opens a session (and forgets the sessions that have expired), recording the sign-in.
    pub(crate) async fn create_session_tx(&self, session: &NewSession) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(&session.created_at).execute(&mut *tx).await?;
        let username: Option<String> = sqlx::query_scalar("SELECT username FROM users WHERE id = $1 AND active = 1")
            .bind(session.user_id)
            .fetch_optional(&mut *tx)
            .await?;
        let username = username.ok_or_else(|| StoreError::NotFound {
            what: "người dùng đang hoạt động",
            key: session.user_id.to_string(),
        })?;
        sqlx::query(
            "INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&session.id)
        .bind(session.user_id)
        .bind(&session.csrf_token)
        .bind(&session.created_at)
        .bind(&session.expires_at)
        .execute(&mut *tx)
        .await
        .map_err(|e| StoreError::from_db(e, "session"))?;
        let stamp = Stamp { actor: &username, at: &session.created_at };
        let after = serde_json::json!({ "expires_at": session.expires_at });
        audit(&mut tx, stamp, "sign_in", "user", &session.user_id.to_string(), None, Some(&after)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The session with this id, if it is still open at `now` and its user still active.
    pub(crate) async fn session_by_id(&self, id: &str, now: &str) -> Result<Option<Session>> {
        let row = sqlx::query(
            "SELECT s.id AS session_id, s.csrf_token, s.created_at AS session_created_at, s.expires_at, \
                    u.id, u.username, u.display_name, u.org_id, u.role, u.active \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.id = $1 AND s.expires_at > $2 AND u.active = 1",
        )
        .bind(id)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(Session {
                id: r.try_get("session_id")?,
                csrf_token: r.try_get("csrf_token")?,
                created_at: r.try_get("session_created_at")?,
                expires_at: r.try_get("expires_at")?,
                user: user_of(&r)?,
            })
        })
        .transpose()
    }

    /// Ends a session (signing out); ending one already gone is not an error.
    pub(crate) async fn delete_session_tx(&self, id: &str, at: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "SELECT s.user_id, u.username FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = row {
            let (user_id, username): (i64, String) = (row.try_get("user_id")?, row.try_get("username")?);
            sqlx::query("DELETE FROM sessions WHERE id = $1").bind(id).execute(&mut *tx).await?;
            audit(&mut tx, Stamp { actor: &username, at }, "sign_out", "user", &user_id.to_string(), None, None)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Replaces a user's password hash (argon2 only) and ends the user's sessions.
    pub(crate) async fn set_password_tx(&self, username: &str, password_hash: &str, stamp: Stamp<'_>) -> Result<User> {
        if !password_hash.starts_with("$argon2") {
            return Err(StoreError::Invalid("passwords are stored only as argon2 hashes".into()));
        }
        let username = username.trim().to_lowercase();
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "UPDATE users SET password_hash = $1 WHERE username = $2 \
             RETURNING id, username, display_name, org_id, role, active",
        )
        .bind(password_hash)
        .bind(&username)
        .fetch_optional(&mut *tx)
        .await?;
        let user = user_of(&row.ok_or_else(|| StoreError::NotFound { what: "người dùng", key: username.clone() })?)?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user.id).execute(&mut *tx).await?;
        audit(&mut tx, stamp, "set_password", "user", &user.id.to_string(), None, None).await?;
        tx.commit().await?;
        Ok(user)
    }
}

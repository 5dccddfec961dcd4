//! Sign-in sessions kept server-side: the browser holds only a random id; the store keeps its
//! SHA-256 (never the id itself), who it is, the session's CSRF token, when it ends and when it
//! was last used. Ids and times are inputs (the web layer draws the randomness and reads the
//! clock). Also the one write to a user's password.

use serde::Serialize;
use sqlx::Row as _;

use crate::backend::SqlStore;
use crate::sql::{Stamp, audit};
use crate::users::user_of;
use crate::{Result, StoreError, User};
use chitieu_core::digest::sha256_hex;

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
    /// The id the browser holds (the store keeps only its hash).
    #[serde(skip)]
    pub id: String,
    #[serde(skip)]
    pub csrf_token: String,
    pub created_at: String,
    pub expires_at: String,
    /// When the session was last used (refreshed at most once a minute or so, by the caller).
    pub last_seen_at: String,
    pub user: User,
}

/// What the store keeps for a session id: its SHA-256 in hex.
fn token_hash(id: &str) -> String {
    sha256_hex(id.as_bytes())
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
            .field("last_seen_at", &self.last_seen_at)
            .field("user", &self.user)
            .finish()
    }
}

impl SqlStore {
    /// Opens a session (and forgets the sessions that have expired), recording the sign-in. It
    /// counts as used when it opens.
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
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $5, $4)",
        )
        .bind(token_hash(&session.id))
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

    /// The session with this id, if it is still open at `now`, was last used after
    /// `idle_since`, and its user is still active.
    pub(crate) async fn session_by_id(&self, id: &str, now: &str, idle_since: &str) -> Result<Option<Session>> {
        let row = sqlx::query(
            "SELECT s.csrf_token, s.created_at AS session_created_at, s.expires_at, s.last_seen_at, \
                    u.id, u.username, u.display_name, u.org_id, u.role, u.active \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 AND u.active = 1",
        )
        .bind(token_hash(id))
        .bind(now)
        .bind(idle_since)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(Session {
                id: id.to_owned(),
                csrf_token: r.try_get("csrf_token")?,
                created_at: r.try_get("session_created_at")?,
                expires_at: r.try_get("expires_at")?,
                last_seen_at: r.try_get("last_seen_at")?,
                user: user_of(&r)?,
            })
        })
        .transpose()
    }

    /// Records that the session was used at `at` (the idle timeout counts from then).
    pub(crate) async fn touch_session_at(&self, id: &str, at: &str) -> Result<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2 AND last_seen_at < $1")
            .bind(at)
            .bind(token_hash(id))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Ends a session (signing out); ending one already gone is not an error.
    pub(crate) async fn delete_session_tx(&self, id: &str, at: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "SELECT s.user_id, u.username FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
        )
        .bind(token_hash(id))
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = row {
            let (user_id, username): (i64, String) = (row.try_get("user_id")?, row.try_get("username")?);
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash(id)).execute(&mut *tx).await?;
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

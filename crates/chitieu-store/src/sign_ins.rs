//! Failed sign-ins counted per account, so that guessing a password is slowed whatever address
//! the guesses come from and a restart does not forget them. Accounts are names as typed
//! (trimmed, lower case), known or not. The store counts and remembers; how long to hold an
//! account after so many failures is the caller's policy, as times are its inputs.

use crate::Result;
use crate::backend::SqlStore;

fn account_key(account: &str) -> String {
    account.trim().to_lowercase()
}

impl SqlStore {
    pub(crate) async fn sign_in_hold_of(&self, account: &str, now: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT held_until FROM sign_in_failures WHERE account = $1 AND held_until > $2")
            .bind(account_key(account))
            .bind(now)
            .fetch_optional(&self.pool)
            .await?)
    }

    pub(crate) async fn record_sign_in_failure_tx(&self, account: &str, at: &str, forget_before: &str) -> Result<u32> {
        let account = account_key(account);
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "DELETE FROM sign_in_failures WHERE last_failed_at < $1 AND (held_until IS NULL OR held_until < $2)",
        )
        .bind(forget_before)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        let failures: i64 = sqlx::query_scalar(
            "INSERT INTO sign_in_failures (account, failures, last_failed_at) VALUES ($1, 1, $2) \
             ON CONFLICT (account) DO UPDATE SET failures = sign_in_failures.failures + 1, last_failed_at = $2 \
             RETURNING failures",
        )
        .bind(&account)
        .bind(at)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(u32::try_from(failures).unwrap_or(u32::MAX))
    }

    pub(crate) async fn hold_sign_ins_of(&self, account: &str, until: &str) -> Result<()> {
        sqlx::query("UPDATE sign_in_failures SET held_until = $1 WHERE account = $2")
            .bind(until)
            .bind(account_key(account))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub(crate) async fn clear_sign_in_failures_of(&self, account: &str) -> Result<()> {
        sqlx::query("DELETE FROM sign_in_failures WHERE account = $1")
            .bind(account_key(account))
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

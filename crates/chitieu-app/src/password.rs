//! Password hashing: argon2id with the crate's default parameters (19 MiB, 2 passes), a fresh
//! random salt per hash, PHC strings as the store keeps them.

use std::sync::LazyLock;

use argon2::{Argon2, PasswordHasher as _, PasswordVerifier as _};

#[derive(Debug, thiserror::Error)]
#[error("cannot hash the password: {0}")]
pub struct PasswordError(String);

/// An argon2id PHC string ("$argon2id$v=19$…") for `password`.
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| PasswordError(e.to_string()))
}

/// Whether `password` matches the PHC string `hash`. A malformed hash matches nothing.
pub fn verify_password(password: &str, hash: &str) -> bool {
    Argon2::default().verify_password(password.as_bytes(), hash).is_ok()
}

/// Checks a password against a user's hash, or, for an unknown user, against a stand-in hash,
/// so that the answer takes as long either way (no guessing user names from the timing).
pub fn check(password: &str, hash: Option<&str>) -> bool {
    static STAND_IN: LazyLock<String> = LazyLock::new(|| hash_password("stand-in").unwrap_or_default());
    if let Some(hash) = hash {
        verify_password(password, hash)
    } else {
        let _ = verify_password(password, &STAND_IN);
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let hash = hash_password("mật khẩu").unwrap();
        assert!(hash.starts_with("$argon2id$v=19$"));
        assert!(verify_password("mật khẩu", &hash));
        assert!(!verify_password("mat khau", &hash));
        assert!(!verify_password("mật khẩu", "not a hash"));
        assert_ne!(hash, hash_password("mật khẩu").unwrap(), "each hash has its own salt");
    }
}

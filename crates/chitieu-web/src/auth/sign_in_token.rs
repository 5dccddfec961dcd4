//! The sign-in form's CSRF token. Before sign-in there is no session to tie a token to, so the
//! form's token is also set as a cookie and the two must match (double submit). On its own that
//! lets anyone who can plant a cookie in the victim's browser choose both halves and sign the
//! victim into the attacker's account (login CSRF). So the token is made by the server:
//! `NONCE.ISSUED.MAC`, with MAC an HMAC-SHA-256 under a key drawn when the server starts, and it
//! lasts [`LIFETIME`]. A made-up value fails the MAC. A real token fetched by an attacker still
//! cannot be used from the attacker's page: the browser names that page in `Origin`, which
//! [`crate::auth::session`] refuses, and over https the cookie is `__Host-` prefixed, so it cannot
//! be planted from another host or over plain http. The sign-in page always issues a fresh token,
//! never adopting one a request brings. A restart changes the key: an open sign-in form then
//! asks to be reloaded.

use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac as _};
use sha2::Sha256;

use crate::auth::cookie::{hex, random_token, same_token};

/// How long a sign-in form may stay open.
pub(crate) const LIFETIME: Duration = Duration::hours(12);

#[derive(Clone)]
pub(crate) struct SignInTokens {
    key: [u8; 32],
}

impl std::fmt::Debug for SignInTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SignInTokens(<key redacted>)")
    }
}

impl SignInTokens {
    /// Tokens under a key of 256 random bits.
    pub(crate) fn new() -> Result<Self, getrandom::Error> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key)?;
        Ok(SignInTokens { key })
    }

    fn mac(&self, message: &str) -> String {
        let mut mac = <Hmac<Sha256>>::new_from_slice(&self.key).unwrap_or_else(|_| unreachable!("any key length"));
        mac.update(message.as_bytes());
        hex(&mac.finalize().into_bytes())
    }

    /// A fresh token, issued at `now`.
    pub(crate) fn issue(&self, now: DateTime<Utc>) -> Result<String, getrandom::Error> {
        let message = format!("{}.{}", &random_token()?[..32], now.timestamp());
        Ok(format!("{message}.{}", self.mac(&message)))
    }

    /// Whether `token` was issued by this server less than [`LIFETIME`] before `now`.
    pub(crate) fn verify(&self, token: &str, now: DateTime<Utc>) -> bool {
        let Some((message, mac)) = token.rsplit_once('.') else { return false };
        let Some(issued) = message.split_once('.').and_then(|(_, at)| at.parse::<i64>().ok()) else { return false };
        let Some(issued) = DateTime::<Utc>::from_timestamp(issued, 0) else { return false };
        same_token(&self.mac(message), mac) && issued <= now && now - issued < LIFETIME
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_servers_recent_tokens_verify() {
        let now = DateTime::<Utc>::UNIX_EPOCH + Duration::days(20_000);
        let tokens = SignInTokens::new().unwrap();
        let token = tokens.issue(now).unwrap();
        assert!(tokens.verify(&token, now) && tokens.verify(&token, now + Duration::hours(11)));
        assert!(!tokens.verify(&token, now + LIFETIME), "expired");
        assert!(!SignInTokens::new().unwrap().verify(&token, now), "another key");
        assert!(!tokens.verify(&"a".repeat(64), now), "made up");
        let forged = token.replacen('.', "1.", 1);
        assert!(!tokens.verify(&forged, now), "changed");
    }
}

//! The two cookies the app sets (the session id, and before sign-in the sign-in form's CSRF
//! token), always `HttpOnly`, `SameSite=Lax`, `Path=/`. When the app is reached over https
//! they are also `Secure` and named with the `__Host-` prefix, which browsers accept only from
//! a secure page of this very host: no sibling subdomain and no plain-http answer (a network
//! attacker's) can plant them. Over plain http (the demo on 127.0.0.1) they keep their bare
//! names. Also random tokens for both.

use std::fmt::Write as _;

use axum::http::{HeaderMap, HeaderValue, header};

/// The session cookie's name over plain http (and in the OpenAPI document).
pub(crate) const SESSION: &str = "chitieu_session";
const SIGN_IN_CSRF: &str = "chitieu_signin_csrf";

/// The cookies' names and attributes, from whether the app is reached over https.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cookies {
    secure: bool,
}

impl Cookies {
    pub(crate) fn new(https: bool) -> Self {
        Cookies { secure: https }
    }

    pub(crate) fn session(self) -> &'static str {
        if self.secure { "__Host-chitieu_session" } else { SESSION }
    }

    pub(crate) fn sign_in_csrf(self) -> &'static str {
        if self.secure { "__Host-chitieu_signin_csrf" } else { SIGN_IN_CSRF }
    }

    /// A `Set-Cookie` value; `max_age` 0 deletes the cookie, `None` keeps it for the browser
    /// session.
    pub(crate) fn set(self, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
        let mut cookie = format!("{name}={value}; HttpOnly; SameSite=Lax; Path=/");
        if self.secure {
            cookie.push_str("; Secure");
        }
        if let Some(age) = max_age {
            let _ = write!(cookie, "; Max-Age={age}");
        }
        HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static("invalid=; Max-Age=0"))
    }
}

/// The value of cookie `name` in a request.
pub(crate) fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find_map(|(key, value)| (key == name).then_some(value))
}

/// 256 random bits as 64 hex digits: session ids and CSRF tokens.
pub(crate) fn random_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(hex(&bytes))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

/// Compares two tokens in time that does not depend on where they differ.
pub(crate) fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_read_by_name_among_several() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; chitieu_session=abc; b=2"));
        assert_eq!(get(&headers, SESSION), Some("abc"));
        assert_eq!(get(&headers, "missing"), None);
    }

    #[test]
    fn over_https_cookies_are_secure_and_host_prefixed() {
        let https = Cookies::new(true);
        let set = https.set(https.session(), "x", Some(60));
        assert_eq!(set, "__Host-chitieu_session=x; HttpOnly; SameSite=Lax; Path=/; Secure; Max-Age=60");
        let http = Cookies::new(false);
        assert_eq!(http.set(http.sign_in_csrf(), "y", None), "chitieu_signin_csrf=y; HttpOnly; SameSite=Lax; Path=/");
    }

    #[test]
    fn tokens_are_64_hex_digits_and_differ() {
        let (a, b) = (random_token().unwrap(), random_token().unwrap());
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert!(same_token(&a, &a.clone()) && !same_token(&a, &b) && !same_token(&a, "short"));
    }
}

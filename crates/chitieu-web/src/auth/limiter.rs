//! Sign-in rate limiting, in memory, per user name and client address: after
//! [`MAX_FAILURES`] failures within [`WINDOW`], that pair is refused for [`LOCKOUT`]. The time
//! comes from the caller (the app's clock), so tests are deterministic.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

pub(crate) const MAX_FAILURES: usize = 5;
pub(crate) const WINDOW: Duration = Duration::minutes(15);
pub(crate) const LOCKOUT: Duration = Duration::minutes(15);
/// Above this many tracked pairs, stale ones are dropped on the next failure.
const PRUNE_ABOVE: usize = 10_000;

type Key = (String, IpAddr);

#[derive(Debug, Default)]
struct Attempts {
    failures: VecDeque<DateTime<Utc>>,
    locked_until: Option<DateTime<Utc>>,
}

#[derive(Debug, Default)]
pub(crate) struct SignInLimiter {
    attempts: Mutex<HashMap<Key, Attempts>>,
}

fn key(username: &str, ip: IpAddr) -> Key {
    (username.trim().to_lowercase(), ip)
}

impl SignInLimiter {
    fn attempts(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Attempts>> {
        self.attempts.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// `Err(seconds to wait)` while the pair is locked out.
    pub(crate) fn check(&self, username: &str, ip: IpAddr, now: DateTime<Utc>) -> Result<(), u64> {
        match self.attempts().get(&key(username, ip)).and_then(|a| a.locked_until) {
            Some(until) if until > now => Err((until - now).num_seconds().max(1) as u64),
            _ => Ok(()),
        }
    }

    pub(crate) fn failed(&self, username: &str, ip: IpAddr, now: DateTime<Utc>) {
        let mut attempts = self.attempts();
        if attempts.len() > PRUNE_ABOVE {
            attempts.retain(|_, a| {
                a.locked_until.is_some_and(|until| until > now) || a.failures.back().is_some_and(|t| *t > now - WINDOW)
            });
        }
        let entry = attempts.entry(key(username, ip)).or_default();
        while entry.failures.front().is_some_and(|t| *t <= now - WINDOW) {
            entry.failures.pop_front();
        }
        entry.failures.push_back(now);
        if entry.failures.len() >= MAX_FAILURES {
            entry.failures.clear();
            entry.locked_until = Some(now + LOCKOUT);
        }
    }

    pub(crate) fn succeeded(&self, username: &str, ip: IpAddr) {
        self.attempts().remove(&key(username, ip));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::<Utc>::UNIX_EPOCH + Duration::minutes(minutes)
    }

    const IP: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    #[test]
    fn five_failures_within_the_window_lock_the_pair_for_fifteen_minutes() {
        let limiter = SignInLimiter::default();
        for minute in 0..4 {
            limiter.failed("An", IP, at(minute));
            assert_eq!(limiter.check("an", IP, at(minute)), Ok(()));
        }
        limiter.failed("an", IP, at(4));
        assert_eq!(limiter.check("AN", IP, at(4)), Err(15 * 60));
        assert!(limiter.check("other", IP, at(4)).is_ok(), "other user names are not affected");
        assert!(limiter.check("an", IP, at(19)).is_ok(), "the lock ends after fifteen minutes");
    }

    #[test]
    fn failures_older_than_the_window_do_not_count() {
        let limiter = SignInLimiter::default();
        for minute in [0, 1, 2, 3, 20] {
            limiter.failed("an", IP, at(minute));
        }
        assert!(limiter.check("an", IP, at(20)).is_ok());
    }
}

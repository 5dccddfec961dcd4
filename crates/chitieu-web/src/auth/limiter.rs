//! Sign-in throttling, two ways. Per account, in the database (so a restart forgets nothing and
//! every address counts): after [`ACCOUNT_FREE_FAILURES`] failures the account is held for
//! [`FIRST_HOLD`], doubling with each further failure up to [`LONGEST_HOLD`]; a successful
//! sign-in, or [`FORGET_AFTER`] without failures, starts afresh ([`account_hold`]). Per client
//! address, in memory: [`ADDRESS_MAX_FAILURES`] failures within [`WINDOW`], whatever the
//! account names, hold that address for [`ADDRESS_HOLD`] (one machine guessing many accounts).
//! Times come from the caller (the app's clock), so tests are deterministic.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

/// Failures an account may have before it is held.
pub(crate) const ACCOUNT_FREE_FAILURES: u32 = 4;
pub(crate) const FIRST_HOLD: Duration = Duration::minutes(1);
pub(crate) const LONGEST_HOLD: Duration = Duration::hours(1);
/// Failures older than this no longer count against an account.
pub(crate) const FORGET_AFTER: Duration = Duration::hours(24);

pub(crate) const ADDRESS_MAX_FAILURES: usize = 20;
pub(crate) const WINDOW: Duration = Duration::minutes(15);
pub(crate) const ADDRESS_HOLD: Duration = Duration::minutes(15);
/// Above this many tracked addresses, stale ones are dropped on the next failure.
const PRUNE_ABOVE: usize = 10_000;

/// How long an account with `failures` failed sign-ins is held: none for the first four, then
/// one minute, two, four, … at most an hour.
pub(crate) fn account_hold(failures: u32) -> Option<Duration> {
    let beyond = failures.checked_sub(ACCOUNT_FREE_FAILURES + 1)?;
    let factor = 1i32.checked_shl(beyond.min(16)).unwrap_or(i32::MAX);
    Some(FIRST_HOLD.checked_mul(factor).map_or(LONGEST_HOLD, |hold| hold.min(LONGEST_HOLD)))
}

#[derive(Debug, Default)]
struct Attempts {
    failures: VecDeque<DateTime<Utc>>,
    held_until: Option<DateTime<Utc>>,
}

/// Failed sign-ins per client address, in memory.
#[derive(Debug, Default)]
pub(crate) struct AddressLimiter {
    attempts: Mutex<HashMap<IpAddr, Attempts>>,
}

impl AddressLimiter {
    fn attempts(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, Attempts>> {
        self.attempts.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// `Err(seconds to wait)` while the address is held.
    pub(crate) fn check(&self, ip: IpAddr, now: DateTime<Utc>) -> Result<(), u64> {
        match self.attempts().get(&ip).and_then(|a| a.held_until) {
            Some(until) if until > now => Err((until - now).num_seconds().max(1).unsigned_abs()),
            _ => Ok(()),
        }
    }

    pub(crate) fn failed(&self, ip: IpAddr, now: DateTime<Utc>) {
        let mut attempts = self.attempts();
        if attempts.len() > PRUNE_ABOVE {
            attempts.retain(|_, a| {
                a.held_until.is_some_and(|until| until > now) || a.failures.back().is_some_and(|t| *t > now - WINDOW)
            });
        }
        let entry = attempts.entry(ip).or_default();
        while entry.failures.front().is_some_and(|t| *t <= now - WINDOW) {
            entry.failures.pop_front();
        }
        entry.failures.push_back(now);
        if entry.failures.len() >= ADDRESS_MAX_FAILURES {
            entry.failures.clear();
            entry.held_until = Some(now + ADDRESS_HOLD);
        }
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
    fn an_account_is_held_from_the_fifth_failure_doubling_up_to_an_hour() {
        let holds: Vec<Option<i64>> = (1..=13).map(|n| account_hold(n).map(|d| d.num_minutes())).collect();
        let expected = [
            None,
            None,
            None,
            None,
            Some(1),
            Some(2),
            Some(4),
            Some(8),
            Some(16),
            Some(32),
            Some(60),
            Some(60),
            Some(60),
        ];
        assert_eq!(holds, expected);
        assert_eq!(account_hold(u32::MAX), Some(LONGEST_HOLD));
    }

    #[test]
    fn twenty_failures_from_one_address_within_the_window_hold_it() {
        let limiter = AddressLimiter::default();
        for second in 0..19 {
            limiter.failed(IP, at(0) + Duration::seconds(second));
        }
        assert_eq!(limiter.check(IP, at(1)), Ok(()));
        limiter.failed(IP, at(1));
        assert_eq!(limiter.check(IP, at(1)), Err(15 * 60));
        assert!(limiter.check(IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 1)), at(1)).is_ok());
        assert!(limiter.check(IP, at(16)).is_ok(), "the hold ends after fifteen minutes");
    }

    #[test]
    fn failures_older_than_the_window_do_not_count() {
        let limiter = AddressLimiter::default();
        for minute in 0..19 {
            limiter.failed(IP, at(minute));
        }
        limiter.failed(IP, at(40));
        assert!(limiter.check(IP, at(40)).is_ok());
    }
}

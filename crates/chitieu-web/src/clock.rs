//! The clock, passed in: the app reads the time only through [`Clock`], so tests set it.

use std::sync::Mutex;

use chrono::{DateTime, Utc};

pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> DateTime<Utc>;
}

/// The system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that moves only when told to, for tests.
#[derive(Debug)]
pub struct ManualClock(Mutex<DateTime<Utc>>);

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> Self {
        Self(Mutex::new(start))
    }

    pub fn advance(&self, by: chrono::Duration) {
        let mut now = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A time as the store records it: RFC 3339, UTC, whole seconds.
pub(crate) fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The day it is in Vietnam (UTC+7, no daylight saving) by this clock: the day of judgement
/// of the dashboards and the day a due date is compared with.
pub fn today(clock: &dyn Clock) -> chitieu_core::plan::Date {
    use chrono::Datelike as _;
    let local = clock.now() + chrono::Duration::hours(7);
    chitieu_core::plan::Date { year: local.year(), month: local.month() as u8, day: local.day() as u8 }
}

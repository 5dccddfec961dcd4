//! The clock, passed in: chitieu reads the time only through a [`Clock`], so tests set it,
//! and knows "today" only through a [`LocalClock`], so the pages, the reminders, the
//! evaluation and the exports agree on the day (the configured UTC offset, +7 in Việt Nam).

use std::sync::{Arc, Mutex};

use chitieu_core::period::Period;
use chitieu_core::plan::Date;
use chrono::{DateTime, Datelike as _, FixedOffset, Utc};

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
pub fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A clock and the local time's offset from UTC: what time and day it is where the plans are
/// followed. Cheap to clone.
#[derive(Debug, Clone)]
pub struct LocalClock {
    clock: Arc<dyn Clock>,
    offset: FixedOffset,
}

impl LocalClock {
    /// Việt Nam's offset (UTC+7, no daylight saving), the default of the settings.
    pub const VIETNAM_HOURS: i8 = 7;

    /// `clock` read at `offset_hours` from UTC (-12 to 14; out of range reads as UTC+7).
    pub fn new(clock: Arc<dyn Clock>, offset_hours: i8) -> Self {
        let hours = if (-12..=14).contains(&offset_hours) { offset_hours } else { Self::VIETNAM_HOURS };
        let offset = FixedOffset::east_opt(i32::from(hours) * 3600).expect("an offset within ±14 hours");
        Self { clock, offset }
    }

    /// The same clock at another offset.
    #[must_use]
    pub fn with_offset(&self, offset_hours: i8) -> Self {
        Self::new(Arc::clone(&self.clock), offset_hours)
    }

    /// The system's clock in Việt Nam.
    pub fn system() -> Self {
        Self::new(Arc::new(SystemClock), Self::VIETNAM_HOURS)
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Now, as the store records times.
    pub fn stamp(&self) -> String {
        stamp(self.now())
    }

    /// The local time now.
    pub fn local_now(&self) -> DateTime<FixedOffset> {
        self.now().with_timezone(&self.offset)
    }

    /// A stored UTC time in local time, `None` when it is not RFC 3339.
    pub fn local(&self, stored: &str) -> Option<DateTime<FixedOffset>> {
        DateTime::parse_from_rfc3339(stored).ok().map(|at| at.with_timezone(&self.offset))
    }

    /// The local day: the day of judgement of the dashboards and the exports, and the day a
    /// due date is compared with.
    pub fn today(&self) -> Date {
        let local = self.local_now();
        Date { year: local.year(), month: local.month() as u8, day: local.day() as u8 }
    }

    /// The quarter that holds today.
    pub fn this_quarter(&self) -> Period {
        Period::of_day(self.today())
    }

    pub fn offset_hours(&self) -> i8 {
        (self.offset.local_minus_utc() / 3600) as i8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> LocalClock {
        let start = DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc);
        LocalClock::new(Arc::new(ManualClock::new(start)), 7)
    }

    #[test]
    fn the_day_turns_at_local_midnight() {
        assert_eq!(at("2026-06-24T16:59:59Z").today(), Date { year: 2026, month: 6, day: 24 });
        assert_eq!(at("2026-06-24T17:00:00Z").today(), Date { year: 2026, month: 6, day: 25 });
    }

    #[test]
    fn the_quarter_is_the_local_days() {
        assert_eq!(at("2026-06-30T17:30:00Z").this_quarter(), Period::quarter(2026, 3).unwrap());
        assert_eq!(at("2026-06-30T16:30:00Z").this_quarter(), Period::quarter(2026, 2).unwrap());
    }

    #[test]
    fn stored_times_read_in_local_time() {
        let clock = at("2026-01-01T00:00:00Z");
        let local = clock.local("2026-03-31T18:05:00Z").unwrap();
        assert_eq!(local.format("%d/%m/%Y %H:%M").to_string(), "01/04/2026 01:05");
        assert_eq!(clock.local("hôm qua"), None);
        assert_eq!(LocalClock::new(Arc::new(SystemClock), 99).offset_hours(), 7, "out of range reads as +7");
    }
}

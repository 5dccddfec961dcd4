//! Reporting periods (kỳ báo cáo): quarters and years, their dates, and when a report for them
//! is due under a plan's regime (002, VI.7: before the 25th of the quarter's last month; before
//! 15/12 for the year).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::plan::{Date, DayMonth, Regime, days_in_month};

/// A quarter or a whole year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    pub year: i32,
    /// 1..=4, or `None` for the year.
    pub quarter: Option<u8>,
}

/// The regime a plan falls back to when it states none: the province's (quarter: 25th of the
/// last month; year: 15/12).
pub const DEFAULT_QUARTER_DAY: u8 = 25;
pub const DEFAULT_YEAR_DUE: DayMonth = DayMonth { day: 15, month: 12 };

impl Period {
    pub fn quarter(year: i32, quarter: u8) -> Option<Period> {
        (1..=4).contains(&quarter).then_some(Period { year, quarter: Some(quarter) })
    }

    /// The quarter that holds `day`.
    pub fn of_day(day: Date) -> Period {
        Period { year: day.year, quarter: Some((day.month.clamp(1, 12) - 1) / 3 + 1) }
    }

    pub fn year(year: i32) -> Period {
        Period { year, quarter: None }
    }

    /// Reads "2026-Q2", "Q2/2026", "Quý II/2026", "2026".
    pub fn parse(s: &str) -> Option<Period> {
        let k = crate::text::key(s).replace(' ', "");
        let year_of = |y: &str| y.parse::<i32>().ok().filter(|y| (1990..=2100).contains(y));
        if let Some(year) = year_of(&k) {
            return Some(Period::year(year));
        }
        let (year, quarter) = if let Some((y, q)) = k.split_once("-q") {
            (y, q)
        } else if let Some(rest) = k.strip_prefix("quý").or_else(|| k.strip_prefix('q')) {
            let (q, y) = rest.split_once('/')?;
            (y, q)
        } else {
            return None;
        };
        let quarter = match quarter {
            "1" | "i" => 1,
            "2" | "ii" => 2,
            "3" | "iii" => 3,
            "4" | "iv" => 4,
            _ => return None,
        };
        Period::quarter(year_of(year)?, quarter)
    }

    pub fn first_day(self) -> Date {
        let month = self.quarter.map_or(1, |q| (q - 1) * 3 + 1);
        Date { year: self.year, month, day: 1 }
    }

    pub fn last_day(self) -> Date {
        let month = self.quarter.map_or(12, |q| q * 3);
        Date { year: self.year, month, day: days_in_month(self.year, month).unwrap_or(31) }
    }

    pub fn contains(self, day: Date) -> bool {
        self.first_day() <= day && day <= self.last_day()
    }

    /// When the report for this period is due under `regime` (or the default regime).
    pub fn due(self, regime: Option<&Regime>) -> Date {
        if let Some(q) = self.quarter {
            let day = regime.and_then(|r| r.quarter_day).unwrap_or(DEFAULT_QUARTER_DAY);
            let month = q * 3;
            Date { year: self.year, month, day: day.min(days_in_month(self.year, month).unwrap_or(28)) }
        } else {
            let DayMonth { day, month } = regime.and_then(|r| r.year_due).unwrap_or(DEFAULT_YEAR_DUE);
            Date { year: self.year, month, day }
        }
    }

    /// The quarters of a year, or the quarter itself.
    pub fn quarters(self) -> Vec<Period> {
        match self.quarter {
            Some(_) => vec![self],
            None => (1..=4).filter_map(|q| Period::quarter(self.year, q)).collect(),
        }
    }
}

impl Period {
    /// The quarter `by` quarters after this one (before it when negative); `None` for a year.
    pub fn step(self, by: i32) -> Option<Period> {
        let index = self.year * 4 + i32::from(self.quarter?) - 1 + by;
        Period::quarter(index.div_euclid(4), (index.rem_euclid(4) + 1) as u8)
    }

    /// The period as documents name it: "Quý II/2026", "Năm 2026".
    pub fn label_vi(self) -> String {
        match self.quarter {
            Some(q) => {
                let roman = ["I", "II", "III", "IV"].get(usize::from(q).saturating_sub(1)).copied().unwrap_or("?");
                format!("Quý {roman}/{}", self.year)
            }
            None => format!("Năm {}", self.year),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.quarter {
            Some(q) => write!(f, "{}-Q{q}", self.year),
            None => write!(f, "{}", self.year),
        }
    }
}

impl fmt::Display for Date {
    /// dd/mm/yyyy, as Vietnamese documents write dates.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/{}", self.day, self.month, self.year)
    }
}

impl Date {
    /// ISO 8601 ("2026-06-25"), for storage and APIs.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Reads ISO 8601 ("2026-06-25") or dd/mm/yyyy ("25/06/2026").
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let parts: Vec<&str> = s.split(['-', '/']).collect();
        let [a, b, c] = parts.as_slice() else { return None };
        let (year, month, day) = if a.len() == 4 { (a, b, c) } else { (c, b, a) };
        Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        other.day_number() - self.day_number()
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    pub fn day_number(self) -> i64 {
        let (y, m, d) = (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date of a day number ([`Date::day_number`]'s inverse).
    pub fn from_day_number(number: i64) -> Date {
        let z = number + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_step_across_years_and_years_do_not_step() {
        let q = |y, n| Period::quarter(y, n).expect("quarter");
        assert_eq!(q(2026, 1).step(-1), Some(q(2025, 4)));
        assert_eq!(q(2026, 4).step(1), Some(q(2027, 1)));
        assert_eq!(q(2026, 2).step(5), Some(q(2027, 3)));
        assert_eq!(Period::year(2026).step(1), None);
    }

    #[test]
    fn day_numbers_round_trip_across_leap_years_and_centuries() {
        for number in (-800_000..800_000).step_by(97) {
            assert_eq!(Date::from_day_number(number).day_number(), number);
        }
        assert_eq!(Date::from_day_number(0), Date { year: 1970, month: 1, day: 1 });
        let leap = Date { year: 2024, month: 2, day: 29 };
        assert_eq!(Date::from_day_number(leap.day_number()), leap);
        assert_eq!(Date::from_day_number(leap.day_number() + 1), Date { year: 2024, month: 3, day: 1 });
    }

    #[test]
    fn periods_read_in_the_usual_spellings() {
        assert_eq!(Period::parse("2026-Q2"), Period::quarter(2026, 2));
        assert_eq!(Period::parse("Quý IV/2026"), Period::quarter(2026, 4));
        assert_eq!(Period::parse("q1/2027"), Period::quarter(2027, 1));
        assert_eq!(Period::parse("2026"), Some(Period::year(2026)));
        assert_eq!(Period::parse("2026-Q5"), None);
        assert_eq!(Period::parse("soon"), None);
        assert_eq!(Period::quarter(2026, 2).unwrap().to_string(), "2026-Q2");
    }

    #[test]
    fn reports_are_due_on_the_25th_of_the_last_month_and_on_15_12() {
        let q2 = Period::quarter(2026, 2).unwrap();
        assert_eq!(q2.due(None), Date::new(2026, 6, 25).unwrap());
        assert_eq!(Period::year(2026).due(None), Date::new(2026, 12, 15).unwrap());
        let regime = Regime {
            quarter_day: Some(31),
            year_due: Some(DayMonth { day: 20, month: 12 }),
            report_to: None,
            subplans_due: None,
            text: String::new(),
            line: 1,
        };
        assert_eq!(q2.due(Some(&regime)), Date::new(2026, 6, 30).unwrap(), "clamped to the month");
        assert_eq!(Period::year(2026).due(Some(&regime)), Date::new(2026, 12, 20).unwrap());
    }

    #[test]
    fn quarters_span_their_months() {
        let q4 = Period::quarter(2026, 4).unwrap();
        assert_eq!(q4.first_day(), Date::new(2026, 10, 1).unwrap());
        assert_eq!(q4.last_day(), Date::new(2026, 12, 31).unwrap());
        assert!(q4.contains(Date::new(2026, 11, 30).unwrap()));
        assert!(!q4.contains(Date::new(2027, 1, 1).unwrap()));
        assert_eq!(Period::year(2026).quarters().len(), 4);
    }

    #[test]
    fn dates_print_vietnamese_and_count_days() {
        let d = Date::new(2026, 4, 10).unwrap();
        assert_eq!(d.to_string(), "10/04/2026");
        assert_eq!(d.iso(), "2026-04-10");
        assert_eq!(Date::parse("2026-04-10"), Some(d));
        assert_eq!(Date::parse("10/4/2026"), Some(d));
        assert_eq!(Date::new(1970, 1, 1).unwrap().day_number(), 0);
        assert_eq!(d.days_until(Date::new(2026, 4, 25).unwrap()), 15);
        assert_eq!(Date::new(2028, 2, 28).unwrap().days_until(Date::new(2028, 3, 1).unwrap()), 2);
    }
}

//! The deadline grammar. A cell is, after leading words such as "trước", "chậm nhất", "trong",
//! "hoàn thành", "cuối", "giai đoạn", "từ":
//!
//! - a point: "ngày D tháng M năm Y", "[ngày] D/M/Y" (also "-" or "."), "tháng M/Y",
//!   "tháng M năm Y", "M/Y", "quý Q/Y" (Q in Roman or Arabic numerals), "năm Y", "Y";
//! - a range: a point, "-" / "–" / "đến" / "tới", a point, where the first may leave out the
//!   year and the second the word ("Tháng 3-6/2026", "Quý I-II/2026", "2026 - 2030");
//! - ongoing: "Thường xuyên", "Liên tục", "Hằng/Hàng ngày"; with a cadence for
//!   "Hằng/Hàng/Mỗi tuần|tháng|quý|năm" (also "trước ngày 15/12 hàng năm": owed every year;
//!   "tháng cuối quý": every quarter; "Năm 2026 và các năm tiếp theo": every year), and for
//!   "định kỳ N tháng", "N tháng/lần", "N tháng một lần" (N = 1, 3, 6, 12); the finest cadence
//!   named wins;
//! - relative: "N ngày|ngày làm việc|tuần|tháng|năm" then "kể từ", "tính từ", "sau khi", "sau"
//!   or "từ", then the event ("100 ngày kể từ ngày ban hành"), or alone ("100 ngày": from the
//!   plan itself, event left empty); a bare number is a number of days (the cell of a "Số ngày
//!   dự kiến" column);
//! - ongoing from a start: "(kể) từ … trở đi" ("Từ ngày ban hành Kế hoạch trở đi").
//!
//! A point or range followed by a note in brackets ("Tháng 9/2026 (báo cáo sơ kết)") is that
//! point or range; so is one followed by a remark after a comma that names no period ("Đến năm
//! 2030, tầm nhìn đến năm 2045"). Leads include "phấn đấu" and "năm học" ("Năm học 2026-2027").
//!
//! A cell that defers to the rows below ("Theo thời hạn cụ thể sau đây", "Theo từng mốc thời
//! hạn dưới đây") sets no deadline of its own. Anything else with letters or digits is
//! `Unknown`, kept as written. Dates must exist on the
//! calendar, months be 1–12, quarters 1–4 and years 1900–2100.

use super::{Cadence, Deadline, TimeUnit};
use crate::plan::Date;
use crate::text::clean;
use crate::token::{Kind, Token, starts_with_words, tokens, word_count};

/// Words before the deadline proper, skipped.
#[rustfmt::skip]
const LEADS: &[&str] = &[
    "trước", "chậm nhất", "là", "vào", "trong vòng", "trong", "hoàn thành", "đến", "hết", "cuối", "dự kiến",
    "từ", "giai đoạn", "sau", "không quá", "tối đa", "khoảng", "thời hạn", "kết thúc", "xong", "thực hiện",
    "phấn đấu", "năm học",
];

/// Words that make a deadline ongoing, with the cadence they give.
const ONGOING: &[(&str, Option<Cadence>)] = &[
    ("thường xuyên", None),
    ("liên tục", None),
    ("hằng ngày", None),
    ("hàng ngày", None),
    ("hằng tuần", Some(Cadence::Week)),
    ("hàng tuần", Some(Cadence::Week)),
    ("mỗi tuần", Some(Cadence::Week)),
    ("tháng cuối quý", Some(Cadence::Quarter)),
    ("nửa năm", Some(Cadence::HalfYear)),
    ("năm tiếp theo", Some(Cadence::Year)),
    ("năm học tiếp theo", Some(Cadence::Year)),
    ("hằng tháng", Some(Cadence::Month)),
    ("hàng tháng", Some(Cadence::Month)),
    ("mỗi tháng", Some(Cadence::Month)),
    ("hằng quý", Some(Cadence::Quarter)),
    ("hàng quý", Some(Cadence::Quarter)),
    ("mỗi quý", Some(Cadence::Quarter)),
    ("hằng năm", Some(Cadence::Year)),
    ("hàng năm", Some(Cadence::Year)),
    ("mỗi năm", Some(Cadence::Year)),
    ("trở đi", None),
];

/// Words between a relative deadline's length and its event.
const AFTER: &[&str] = &["kể từ khi", "kể từ", "tính từ", "sau khi", "sau", "từ khi", "từ"];

/// The deadline a cell names; `None` for an empty cell, "-", or a cell that defers to the rows
/// below.
pub fn read_deadline(text: &str) -> Option<Deadline> {
    let text = clean(text);
    let text = text.trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':') || c.is_whitespace());
    if !text.chars().any(char::is_alphanumeric) {
        return None;
    }
    let tokens = tokens(text);
    if defers_below(&tokens) {
        return None;
    }
    let mut start = 0;
    while let Some(lead) = LEADS.iter().find(|lead| starts_with_words(&tokens[start..], lead)) {
        start += word_count(lead);
    }
    let rest = &tokens[start..];
    let deadline = when(rest)
        .or_else(|| when(before_note(rest)?))
        .or_else(|| ongoing(text, &tokens))
        .or_else(|| relative(text, rest))
        .or_else(|| when(before_comma(rest)?));
    Some(deadline.unwrap_or_else(|| Deadline::Unknown { text: text.to_owned() }))
}

/// The tokens before a closing note in brackets ("Tháng 9/2026 (báo cáo sơ kết)").
fn before_note<'t, 'a>(tokens: &'t [Token<'a>]) -> Option<&'t [Token<'a>]> {
    if !tokens.last()?.is_sign(&[")"]) {
        return None;
    }
    let open = tokens.iter().rposition(|t| t.is_sign(&["("]))?;
    (open > 0).then(|| &tokens[..open])
}

/// The tokens before a comma that adds a remark ("Đến năm 2030, tầm nhìn đến năm 2045").
fn before_comma<'t, 'a>(tokens: &'t [Token<'a>]) -> Option<&'t [Token<'a>]> {
    let comma = tokens.iter().position(|t| t.is_sign(&[","]))?;
    (comma > 0).then(|| &tokens[..comma])
}

fn ongoing(text: &str, tokens: &[Token<'_>]) -> Option<Deadline> {
    let lower = text.to_lowercase();
    let mut found: Vec<Option<Cadence>> = ONGOING.iter().filter(|(w, _)| lower.contains(w)).map(|(_, c)| *c).collect();
    found.extend(every_months(tokens).map(Some));
    let finest = found.iter().flatten().copied().min_by_key(|c| fineness(*c));
    (!found.is_empty()).then_some(Deadline::Ongoing { every: finest })
}

/// "định kỳ 6 tháng", "6 tháng/lần", "06 tháng một lần": every N months, for N = 1, 3, 6, 12.
fn every_months(tokens: &[Token<'_>]) -> Option<Cadence> {
    (0..tokens.len()).find_map(|k| {
        let months = tokens[k].whole().filter(|_| tokens.get(k + 1).is_some_and(|t| t.is_word("tháng")))?;
        let periodic = k >= 2 && starts_with_words(&tokens[k - 2..], "định kỳ");
        let after = &tokens[k + 2..];
        let per_time = (after.first().is_some_and(|t| t.is_sign(&["/"])) && starts_with_words(&after[1..], "lần"))
            || starts_with_words(after, "một lần");
        (periodic || per_time).then_some(())?;
        match months {
            1 => Some(Cadence::Month),
            3 => Some(Cadence::Quarter),
            6 => Some(Cadence::HalfYear),
            12 => Some(Cadence::Year),
            _ => None,
        }
    })
}

/// Finer cadences first: a cell naming two is owed at the finer.
fn fineness(cadence: Cadence) -> u8 {
    match cadence {
        Cadence::Week => 0,
        Cadence::Month => 1,
        Cadence::Quarter => 2,
        Cadence::HalfYear => 3,
        Cadence::Year => 4,
    }
}

/// "Theo (từng mốc) thời hạn (cụ thể) dưới đây / sau đây": the rows below carry the deadlines.
fn defers_below(tokens: &[Token<'_>]) -> bool {
    let words: Vec<&str> = tokens.iter().filter(|t| t.kind == Kind::Word).map(|t| t.lower.as_ref()).collect();
    words.first() == Some(&"theo") && words.ends_with(&["đây"]) && words.iter().any(|w| matches!(*w, "dưới" | "sau"))
}

fn relative(text: &str, tokens: &[Token<'_>]) -> Option<Deadline> {
    let count = tokens.first()?.whole()?;
    let (unit, words) = match tokens.get(1).map(|t| t.lower.as_ref()) {
        None => (TimeUnit::Day, 0),
        Some("ngày") if starts_with_words(&tokens[2..], "làm việc") => (TimeUnit::WorkingDay, 3),
        Some("ngày") => (TimeUnit::Day, 1),
        Some("tuần") => (TimeUnit::Week, 1),
        Some("tháng") => (TimeUnit::Month, 1),
        Some("năm") => (TimeUnit::Year, 1),
        _ => return None,
    };
    let rest = &tokens[1 + words..];
    if rest.is_empty() {
        return Some(Deadline::Relative { count, unit, after: String::new() });
    }
    let connector = AFTER.iter().find(|w| starts_with_words(rest, w))?;
    let event = rest.get(word_count(connector))?;
    let after = text[event.start..].trim_end_matches(['.', ';', ',', ' ']).to_owned();
    Some(Deadline::Relative { count, unit, after })
}

/// A point in time as written, its year possibly left to the end of a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Point {
    Date { day: u32, month: u32, year: Option<u32> },
    Month { month: u32, year: Option<u32> },
    Quarter { quarter: u32, year: Option<u32> },
    Year { year: u32 },
}

/// The whole of `tokens` read as a point or a range of points.
fn when(tokens: &[Token<'_>]) -> Option<Deadline> {
    let mut at = Cursor { tokens, at: 0 };
    let first = at.point(None)?;
    let deadline = if at.sign(&["-", "–", "—"]) || at.word("đến") || at.word("tới") {
        while LEADS.iter().any(|lead| at.word(lead)) {}
        let last = at.point(Some(first))?;
        let start = first.with_year(last.year()?);
        Deadline::Range { start: Box::new(start.deadline()?), end: Box::new(last.deadline()?) }
    } else {
        first.deadline()?
    };
    while at.sign(&[".", ",", ";", ")"]) {}
    (at.at == tokens.len()).then_some(deadline)
}

impl Point {
    fn year(self) -> Option<u32> {
        match self {
            Self::Date { year, .. } | Self::Month { year, .. } | Self::Quarter { year, .. } => year,
            Self::Year { year } => Some(year),
        }
    }

    fn with_year(self, given: u32) -> Self {
        match self {
            Self::Date { day, month, year } => Self::Date { day, month, year: year.or(Some(given)) },
            Self::Month { month, year } => Self::Month { month, year: year.or(Some(given)) },
            Self::Quarter { quarter, year } => Self::Quarter { quarter, year: year.or(Some(given)) },
            Self::Year { .. } => self,
        }
    }

    /// The deadline, if the point has its year and exists on the calendar.
    fn deadline(self) -> Option<Deadline> {
        let year = i32::try_from(self.year()?).ok()?;
        Some(match self {
            Self::Date { day, month, .. } => {
                let date = Date::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)?;
                Deadline::Date { year, month: date.month, day: date.day }
            }
            Self::Month { month, .. } => {
                Deadline::Month { year, month: u8::try_from(month).ok().filter(|m| (1..=12).contains(m))? }
            }
            Self::Quarter { quarter, .. } => {
                Deadline::Quarter { year, quarter: u8::try_from(quarter).ok().filter(|q| (1..=4).contains(q))? }
            }
            Self::Year { .. } => Deadline::Year { year },
        })
    }
}

/// A reading position in the tokens.
struct Cursor<'t, 'a> {
    tokens: &'t [Token<'a>],
    at: usize,
}

impl Cursor<'_, '_> {
    fn word(&mut self, phrase: &str) -> bool {
        let matched = starts_with_words(&self.tokens[self.at..], phrase);
        if matched {
            self.at += word_count(phrase);
        }
        matched
    }

    fn sign(&mut self, signs: &[&str]) -> bool {
        let matched = self.tokens.get(self.at).is_some_and(|t| t.is_sign(signs));
        self.at += usize::from(matched);
        matched
    }

    fn whole(&mut self) -> Option<u32> {
        let value = self.tokens.get(self.at)?.whole()?;
        self.at += 1;
        Some(value)
    }

    fn year(&mut self) -> Option<u32> {
        let token = self.tokens.get(self.at)?;
        let year = token.whole().filter(|y| token.text.len() == 4 && (1900..=2100).contains(y))?;
        self.at += 1;
        Some(year)
    }

    /// Runs `read`, and on failure leaves the position where it was.
    fn attempt<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let save = self.at;
        let value = read(self);
        if value.is_none() {
            self.at = save;
        }
        value
    }

    /// "/Y", "năm Y" or "/năm Y" after a month or quarter, if written.
    fn year_after(&mut self) -> Option<u32> {
        self.attempt(|at| {
            let slash = at.sign(&["/"]);
            (at.word("năm") || slash).then(|| at.year()).flatten()
        })
    }

    /// A quarter number: I–IV or 1–4 as written.
    fn quarter(&mut self) -> Option<u32> {
        let token = self.tokens.get(self.at)?;
        let quarter = match (token.kind, token.lower.as_ref()) {
            (Kind::Word, "i") => 1,
            (Kind::Word, "ii") => 2,
            (Kind::Word, "iii") => 3,
            (Kind::Word, "iv") => 4,
            (Kind::Number, _) => token.whole()?,
            _ => return None,
        };
        self.at += 1;
        Some(quarter)
    }

    /// A point; `like` is the range's first point, whose kind a bare second point takes.
    fn point(&mut self, like: Option<Point>) -> Option<Point> {
        self.attempt(|at| at.point_here(like))
    }

    fn point_here(&mut self, like: Option<Point>) -> Option<Point> {
        if self.word("ngày") {
            return self.date();
        }
        if self.word("tháng") {
            let month = self.whole()?;
            return Some(Point::Month { month, year: self.year_after() });
        }
        if self.word("quý") {
            let quarter = self.quarter()?;
            return Some(Point::Quarter { quarter, year: self.year_after() });
        }
        if self.word("năm") {
            return Some(Point::Year { year: self.year()? });
        }
        if let Some(year) = self.year() {
            return Some(Point::Year { year });
        }
        match like {
            Some(Point::Month { .. }) if !self.ahead_is_date() => {
                let month = self.whole()?;
                Some(Point::Month { month, year: self.year_after() })
            }
            Some(Point::Quarter { .. }) => {
                let quarter = self.quarter()?;
                Some(Point::Quarter { quarter, year: self.year_after() })
            }
            _ => self.date().or_else(|| self.month_year()),
        }
    }

    /// "D/M/Y" (one separator throughout: "/", "-" or "."), "D tháng M năm Y", or "D/M".
    fn date(&mut self) -> Option<Point> {
        self.attempt(|at| {
            let token = at.tokens.get(at.at)?;
            if token.kind == Kind::Number && token.text.contains('.') {
                let parts: Vec<u32> = token.text.split('.').map(str::parse).collect::<Result<_, _>>().ok()?;
                let [day, month, year] = parts[..] else {
                    return None;
                };
                at.at += 1;
                return Some(Point::Date { day, month, year: Some(year) });
            }
            let day = at.whole()?;
            if at.word("tháng") {
                let month = at.whole()?;
                let year = if at.word("năm") { Some(at.year()?) } else { None };
                return Some(Point::Date { day, month, year });
            }
            let sep = ["/", "-", "."].into_iter().find(|sep| at.sign(&[sep]))?;
            let month = at.whole().filter(|m| *m <= 12)?;
            if at.sign(&[sep]) {
                return Some(Point::Date { day, month, year: Some(at.year()?) });
            }
            (sep == "/").then_some(Point::Date { day, month, year: None })
        })
    }

    /// "M/Y" without the word "tháng".
    fn month_year(&mut self) -> Option<Point> {
        self.attempt(|at| {
            let month = at.whole()?;
            at.sign(&["/"]).then_some(())?;
            Some(Point::Month { month, year: Some(at.year()?) })
        })
    }

    /// Whether the tokens ahead read "D/M/Y".
    fn ahead_is_date(&self) -> bool {
        self.tokens.get(self.at + 1..self.at + 4).is_some_and(|t| t[0].is_sign(&["/"]) && t[2].is_sign(&["/"]))
    }
}

#[cfg(test)]
mod tests;

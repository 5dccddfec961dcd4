//! One registry cell into its value: kinds, lists, populations, dates and yes/no flags, each
//! refused with what was expected. The messages say the field and the text; the caller adds
//! the file and the line.

use chitieu_core::plan::Date;
use chitieu_core::registry::OrgKind;

/// A kind by its code or its Vietnamese name.
pub(crate) fn kind(field: &str, text: &str) -> Result<OrgKind, String> {
    OrgKind::parse(text).ok_or_else(|| format!("{field} \"{text}\" is not one of {}", kinds()))
}

/// The kinds a cell may name, for messages.
pub(crate) fn kinds() -> String {
    let codes: Vec<&str> = OrgKind::ALL.iter().map(|k| k.as_str()).collect();
    format!("{} (or tỉnh, sở, xã, phòng, đảng, doanh nghiệp, công an, ngân hàng, trường, khác)", codes.join(", "))
}

/// Names separated by ";", cleaned, empty ones left out.
pub(crate) fn list(text: &str) -> Vec<String> {
    text.split(';').map(chitieu_core::text::clean).filter(|s| !s.is_empty()).collect()
}

/// A whole number of people: digits, thousands grouped by dots, commas or spaces ("52.310").
pub(crate) fn population(text: &str) -> Result<i64, String> {
    let groups: Vec<&str> = text.split(['.', ',', ' ']).collect();
    let grouped = groups.len() == 1
        || (!groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    let digits: String = groups.concat();
    match digits.parse::<i64>() {
        Ok(n) if grouped && digits.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
        _ => Err(format!(
            "population \"{text}\" is not a whole number of people; expected digits, thousands grouped by dots \
             (52.310)"
        )),
    }
}

/// A day as "dd/mm/yyyy" (or "d/m/yyyy", "dd-mm-yyyy") or "yyyy-mm-dd".
pub(crate) fn date(field: &str, text: &str) -> Result<Date, String> {
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    let number = |s: &str| s.parse::<u32>().ok().filter(|_| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
    let day = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => number(y).zip(number(m)).zip(number(d)).map(|((y, m), d)| (y, m, d)),
        [d, m, y] if y.len() == 4 => number(y).zip(number(m)).zip(number(d)).map(|((y, m), d)| (y, m, d)),
        _ => None,
    };
    day.and_then(|(y, m, d)| Date::new(y as i32, u8::try_from(m).ok()?, u8::try_from(d).ok()?))
        .ok_or_else(|| format!("{field} \"{text}\" is not a date; expected dd/mm/yyyy or yyyy-mm-dd"))
}

/// A date as the messages write it.
pub(crate) fn show(d: Date) -> String {
    format!("{:02}/{:02}/{:04}", d.day, d.month, d.year)
}

/// A yes/no flag: "x", "có", "1", "true", "yes" or empty for no.
pub(crate) fn flag(field: &str, text: &str) -> Result<bool, String> {
    match chitieu_core::text::fold(text).as_str() {
        "x" | "co" | "1" | "true" | "yes" | "y" | "v" => Ok(true),
        "" | "0" | "khong" | "false" | "no" | "n" => Ok(false),
        _ => Err(format!("{field} \"{text}\" is not yes or no; expected x, có, 1 or true (or empty for no)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn populations_take_thousands_separators_and_refuse_fractions() {
        assert_eq!(population("52.310"), Ok(52_310));
        assert_eq!(population("1,204,115"), Ok(1_204_115));
        assert_eq!(population("98 200"), Ok(98_200));
        assert_eq!(population("7500"), Ok(7500));
        assert!(population("52.3").is_err());
        assert!(population("-5").is_err());
        assert!(population(".310").is_err());
    }

    #[test]
    fn dates_read_both_ways_and_must_exist() {
        assert_eq!(date("active_to", "30/06/2025"), Ok(Date::new(2025, 6, 30).unwrap()));
        assert_eq!(date("active_to", "1/7/2025"), Ok(Date::new(2025, 7, 1).unwrap()));
        assert_eq!(date("active_to", "2025-07-01"), Ok(Date::new(2025, 7, 1).unwrap()));
        assert!(date("active_to", "31/02/2025").is_err());
        assert!(date("active_to", "2025").is_err());
        assert_eq!(show(Date::new(2025, 7, 1).unwrap()), "01/07/2025");
    }

    #[test]
    fn flags_read_vietnamese_and_english() {
        assert_eq!(flag("sample", "x"), Ok(true));
        assert_eq!(flag("sample", "Có"), Ok(true));
        assert_eq!(flag("sample", "không"), Ok(false));
        assert!(flag("sample", "maybe").is_err());
    }
}

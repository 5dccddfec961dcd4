//! The reporting regime a plan sets in its words (002, VI.7): "báo cáo định kỳ … về Sở Khoa học
//! và Công nghệ trước ngày 25 tháng cuối quý và trước ngày 15/12 hàng năm", and the date by which
//! lower levels issue their own plans ("ban hành Kế hoạch … trước ngày 10/4/2026").

use chitieu_core::plan::{Date, DayMonth, Regime};
use chitieu_core::text::key;

/// Reads the regime from the plan's sentences `(line, text)`; `None` when it states none.
pub fn read_regime(sentences: &[(usize, String)]) -> Option<Regime> {
    let mut regime: Option<Regime> = None;
    let mut subplans_due = None;
    for (line, text) in sentences {
        let k = key(text);
        if k.contains("báo cáo") && (k.contains("cuối quý") || k.contains("hằng năm") || k.contains("hàng năm"))
        {
            let quarter_day = number_before(&k, " tháng cuối quý").or_else(|| number_before(&k, " của tháng cuối quý"));
            let year_due = yearly(&k);
            if quarter_day.is_some() || year_due.is_some() {
                regime.get_or_insert(Regime {
                    quarter_day,
                    year_due,
                    report_to: report_to(text),
                    subplans_due: None,
                    text: text.trim_start_matches(['-', '+', '•', '*', ' ']).to_owned(),
                    line: *line,
                });
            }
        }
        if subplans_due.is_none() && k.contains("ban hành kế hoạch") {
            subplans_due = k.find("trước ngày ").and_then(|at| date(&k[at + "trước ngày ".len()..]));
        }
    }
    if let Some(r) = regime.as_mut() {
        r.subplans_due = subplans_due;
    }
    regime
}

/// The day number right before `marker` ("trước ngày 25 tháng cuối quý" → 25).
fn number_before(k: &str, marker: &str) -> Option<u8> {
    let at = k.find(marker)?;
    let digits: String = k[..at].chars().rev().take_while(char::is_ascii_digit).collect();
    let day: u8 = digits.chars().rev().collect::<String>().parse().ok()?;
    (1..=31).contains(&day).then_some(day)
}

/// "trước ngày 15/12 hàng năm" or "ngày 15 tháng 12 hằng năm".
fn yearly(k: &str) -> Option<DayMonth> {
    for (at, _) in k.match_indices("ngày ") {
        let Some((day, month, tail)) = day_month(&k[at + "ngày ".len()..]) else { continue };
        if tail.trim_start().starts_with("hàng năm") || tail.trim_start().starts_with("hằng năm") {
            return Some(DayMonth { day, month });
        }
    }
    None
}

/// "15/12…" or "15 tháng 12…" → (day, month, the rest).
fn day_month(s: &str) -> Option<(u8, u8, &str)> {
    let (day, rest) = leading_number(s)?;
    let rest = rest.strip_prefix('/').or_else(|| rest.strip_prefix(" tháng "))?;
    let (month, rest) = leading_number(rest)?;
    let (day, month) = (u8::try_from(day).ok()?, u8::try_from(month).ok()?);
    ((1..=31).contains(&day) && (1..=12).contains(&month)).then_some((day, month, rest))
}

/// "10/4/2026" or "10 tháng 4 năm 2026" at the start of `s`.
fn date(s: &str) -> Option<Date> {
    let (day, month, rest) = day_month(s)?;
    let rest = rest.strip_prefix('/').or_else(|| rest.strip_prefix(" năm "))?;
    let (year, _) = leading_number(rest)?;
    Date::new(i32::try_from(year).ok()?, month, day)
}

fn leading_number(s: &str) -> Option<(u32, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    Some((s[..end].parse().ok()?, &s[end..]))
}

/// The unit reports go to: "… về Sở Khoa học và Công nghệ trước ngày …" (as written).
fn report_to(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    for marker in [" về ", " gửi ", " cho "] {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(marker) {
            let start = from + pos + marker.len();
            from = start;
            let tail = &text[start..];
            let lower_tail = &lower[start..];
            let end = lower_tail.find(" trước ").or_else(|| lower_tail.find(',')).unwrap_or(tail.len());
            let unit = tail[..end].trim();
            let is_unit = ["Sở ", "Văn phòng", "UBND", "Ủy ban", "Ban ", "Phòng "].iter().any(|h| unit.starts_with(h));
            if is_unit {
                return Some(unit.to_owned());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_regime_reads_fully() {
        let sentences = vec![
            (390, "Căn cứ chức năng, nhiệm vụ để ban hành Kế hoạch chuyển đổi số năm 2026 của cơ quan, đơn vị mình trước ngày 10/4/2026. Trong đó".to_owned()),
            (
                400,
                "Thực hiện báo cáo định kỳ kết quả thực hiện các chỉ tiêu, nhiệm vụ về Sở Khoa học và Công nghệ trước ngày 25 tháng cuối quý và trước ngày 15/12 hàng năm.".to_owned(),
            ),
        ];
        let regime = read_regime(&sentences).unwrap();
        assert_eq!(regime.quarter_day, Some(25));
        assert_eq!(regime.year_due, Some(DayMonth { day: 15, month: 12 }));
        assert_eq!(regime.report_to.as_deref(), Some("Sở Khoa học và Công nghệ"));
        assert_eq!(regime.subplans_due, Date::new(2026, 4, 10));
        assert_eq!(regime.line, 400);
    }

    #[test]
    fn words_without_a_regime_give_none() {
        assert!(read_regime(&[(1, "Tổ chức thực hiện báo cáo kết quả.".to_owned())]).is_none());
        let spelled = [(3, "Báo cáo gửi Văn phòng UBND tỉnh trước ngày 20 của tháng cuối quý".to_owned())];
        let regime = read_regime(&spelled).unwrap();
        assert_eq!(regime.quarter_day, Some(20));
        assert_eq!(regime.report_to.as_deref(), Some("Văn phòng UBND tỉnh"));
    }
}

//! The lines before a plan's table or first part: its title and the year it is for. The
//! document number ("Số: …"), place and date, the national motto and the "(Kèm theo …)"
//! attachment note are left out of the title.

use chitieu_core::text::key;

/// Headings that name the kind of document; the title is the heading and the subject after it.
const KINDS: &[&str] = &["kế hoạch", "chương trình", "đề án", "phương án", "chương trình hành động"];

/// The title: the remaining preamble lines joined with spaces. When the preamble is a whole
/// document before its appendix table (a "KẾ HOẠCH" heading, then preamble and sections), the
/// title is that heading, the line after it and the lines that carry on the same phrase (a
/// wrapped line starts in lower case), not the body that follows.
pub fn title(lines: &[(usize, String)]) -> String {
    let heading = lines.iter().position(|(_, line)| KINDS.contains(&key(line).trim_end_matches(':')));
    if let Some(at) = heading {
        let subject = lines[at + 1..].iter().take_while(|(_, l)| !key(l).starts_with("(kèm theo"));
        let continued =
            subject.enumerate().take_while(|(k, (_, l))| *k == 0 || l.trim_start().starts_with(char::is_lowercase));
        let parts: Vec<&str> =
            std::iter::once(lines[at].1.trim()).chain(continued.map(|(_, (_, l))| l.trim())).collect();
        if parts.len() > 1 {
            return parts.join(" ");
        }
    }
    let mut parts: Vec<&str> = Vec::new();
    let mut in_attachment = false;
    for (_, line) in lines {
        let k = key(line);
        if in_attachment {
            in_attachment = !line.contains(')');
            continue;
        }
        if k.starts_with("số:")
            || k.starts_with("số ")
            || is_place_date(&k)
            || k.starts_with("cộng hòa xã hội")
            || k.starts_with("cộng hoà xã hội")
            || k.starts_with("độc lập")
        {
            continue;
        }
        let text = match line.find("(Kèm theo").or_else(|| line.find("(kèm theo")) {
            Some(at) => {
                in_attachment = !line[at..].contains(')');
                line[..at].trim()
            }
            None => line.trim(),
        };
        if !text.is_empty() {
            parts.push(text);
        }
    }
    parts.join(" ")
}

/// "Ninh Bình, ngày tháng 3 năm 2026".
fn is_place_date(k: &str) -> bool {
    k.contains(", ngày") && k.contains("năm") && k.len() < 80
}

/// The year the plan is for: "năm 2026" in the title, else the attachment note's date
/// ("ngày …/3/2026"), else any four-digit year in the preamble.
pub fn year(title: &str, lines: &[(usize, String)]) -> Option<i32> {
    let k = key(title);
    if let Some(at) = k.rfind("năm ")
        && let Some(y) = four_digits(&k[at + "năm ".len()..])
    {
        return Some(y);
    }
    lines.iter().find_map(|(_, line)| {
        line.char_indices().filter(|(_, c)| *c == '/').find_map(|(i, _)| four_digits(&line[i + 1..]))
    })
}

fn four_digits(s: &str) -> Option<i32> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    (digits.len() == 4).then(|| digits.parse().ok()).flatten().filter(|y| (1990..=2100).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[&str]) -> Vec<(usize, String)> {
        text.iter().enumerate().map(|(i, t)| (i + 1, (*t).to_owned())).collect()
    }

    #[test]
    fn title_leaves_out_number_place_date_and_attachment_note() {
        let l = lines(&[
            "PHỤ LỤC",
            "MỤC TIÊU CỤ THỂ THỰC HIỆN CHƯƠNG TRÌNH CÔNG TÁC NĂM 2026",
            "(Kèm theo Chương trình số 02-CTr/BCĐ ngày 26 tháng 01 năm 2026",
            "của Ban Chỉ đạo)",
        ]);
        assert_eq!(title(&l), "PHỤ LỤC MỤC TIÊU CỤ THỂ THỰC HIỆN CHƯƠNG TRÌNH CÔNG TÁC NĂM 2026");
        assert_eq!(year(&title(&l), &l), Some(2026));
        let l = lines(&[
            "Số: /KH-UBND",
            "Ninh Bình, ngày tháng 3 năm 2026",
            "KẾ HOẠCH",
            "Chuyển đổi số tỉnh Ninh Bình năm 2026",
        ]);
        assert_eq!(title(&l), "KẾ HOẠCH Chuyển đổi số tỉnh Ninh Bình năm 2026");
    }

    #[test]
    fn year_falls_back_to_the_attachment_date() {
        let l = lines(&[
            "PHỤ LỤC 1:",
            "Phân công",
            "(Kèm theo Kế hoạch số _____ /KH-UBND ngày ____/3/2026 của UBND tỉnh Ninh Bình)",
        ]);
        assert_eq!(title(&l), "PHỤ LỤC 1: Phân công");
        assert_eq!(year(&title(&l), &l), Some(2026));
    }
}

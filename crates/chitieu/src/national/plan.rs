//! The plan every synthetic province issues: the 150 rows of [`catalogue`] built as a core
//! [`Plan`] (targets and deadlines read by the core grammars from the words a plan writes),
//! monitored by the province's Sở Khoa học và Công nghệ and led by its two groups, with the
//! appendix it would have been read from as its source text.

use chitieu_core::deadline::read_deadline;
use chitieu_core::plan::{DayMonth, Regime, Roles, Source};
use chitieu_core::target::read_cell;
use chitieu_core::text::fold;
use chitieu_core::{Item, ItemKind, Plan};

use super::catalogue::{self, SECTIONS};
use super::country::{COMMUNES_GROUP, DEPARTMENTS_GROUP, MONITOR, Province};

/// The year the plan sets its targets for, and the one its reporting starts in.
pub const TARGET_YEAR: i32 = 2026;
pub const FIRST_YEAR: i32 = 2022;

const ROMAN: [&str; 5] = ["I", "II", "III", "IV", "V"];
const HEADER: &str = "TT\tChỉ tiêu/nhiệm vụ\tĐơn vị tính\tChỉ tiêu năm 2026\t\
    Đơn vị chủ trì theo dõi, đôn đốc, kiểm tra và tổng hợp kết quả thực hiện\t\
    Đơn vị chủ trì tổ chức triển khai và báo cáo kết quả thực hiện\tThời gian hoàn thành";

/// A province's plan, ready to import.
#[derive(Debug, Clone)]
pub struct ProvincePlan {
    /// Its identity across versions: "cds-01" … "cds-34". Item keys become "cds-01#1.{position}".
    pub key: String,
    pub plan: Plan,
    /// The appendix as text, which every item's `line` points into.
    pub text: String,
}

/// The key of the plan of the province at `index` in the country's list.
pub fn key(index: usize) -> String {
    format!("cds-{:02}", index + 1)
}

/// The plan of the province at `index`.
pub fn build(province: &Province, index: usize) -> ProvincePlan {
    let name = province.full_name();
    let title = format!("Kế hoạch chuyển đổi số giai đoạn {FIRST_YEAR}–{TARGET_YEAR} của {name}");
    let regime_text = format!(
        "Các sở, ban, ngành và UBND các xã, phường báo cáo định kỳ kết quả thực hiện các chỉ tiêu, nhiệm vụ về \
         {MONITOR} trước ngày 25 tháng cuối quý và trước ngày 15/12 hàng năm."
    );
    let mut lines = vec![
        format!("ỦY BAN NHÂN DÂN {}", name.to_uppercase()),
        String::new(),
        "KẾ HOẠCH".to_owned(),
        title[..].replacen("Kế hoạch c", "C", 1),
        String::new(),
        regime_text.clone(),
        String::new(),
        "PHỤ LỤC: Chỉ tiêu, nhiệm vụ và phân công thực hiện".to_owned(),
        HEADER.to_owned(),
    ];
    let regime_line = 6;
    let roles = Roles {
        monitor: vec![MONITOR.to_owned()],
        lead: vec![DEPARTMENTS_GROUP.to_owned(), COMMUNES_GROUP.to_owned()],
        ..Roles::default()
    };
    let mut items = Vec::with_capacity(155);
    let mut section = usize::MAX;
    let mut number = 0;
    for entry in catalogue::entries() {
        if entry.section != section {
            section = entry.section;
            number = 0;
            let heading = SECTIONS[section].to_uppercase();
            lines.push(format!("{}.\t{heading}\t\t\t\t\t", ROMAN[section]));
            items.push(Item {
                section: Some(ROMAN[section].to_owned()),
                code: Some(ROMAN[section].to_owned()),
                kind: ItemKind::Group,
                text: heading,
                unit: None,
                targets: Vec::new(),
                deadline: None,
                roles: Roles::default(),
                note: None,
                line: lines.len(),
            });
        }
        number += 1;
        let code = format!("{}.{number}", section + 1);
        lines.push(format!(
            "{code}.\t{}\t{}\t{}\t{MONITOR}\t{DEPARTMENTS_GROUP}; {COMMUNES_GROUP}\t{}",
            entry.text,
            entry.unit.unwrap_or(""),
            entry.target,
            entry.deadline
        ));
        items.push(Item {
            section: Some(ROMAN[section].to_owned()),
            code: Some(code),
            kind: if entry.target.is_empty() { ItemKind::Task } else { ItemKind::Indicator },
            text: entry.text,
            unit: entry.unit.map(str::to_owned),
            targets: read_cell(entry.target, None, entry.unit),
            deadline: read_deadline(entry.deadline),
            roles: roles.clone(),
            note: None,
            line: lines.len(),
        });
    }
    let mut text = lines.join("\n");
    text.push('\n');
    let slug: String = fold(province.name).split(|c: char| !c.is_alphanumeric()).collect::<Vec<_>>().join("-");
    let plan = Plan {
        source: Source {
            file: format!("ke-hoach-chuyen-doi-so-{slug}.txt"),
            sha256: chitieu_import::sha256_hex(text.as_bytes()),
        },
        title,
        years: vec![TARGET_YEAR],
        regime: Some(Regime {
            quarter_day: Some(25),
            year_due: Some(DayMonth { day: 15, month: 12 }),
            report_to: Some(MONITOR.to_owned()),
            subplans_due: None,
            text: regime_text,
            line: regime_line,
        }),
        warnings: Vec::new(),
        items,
    };
    ProvincePlan { key: key(index), plan, text }
}

#[cfg(test)]
mod tests {
    use chitieu_core::Deadline;
    use chitieu_core::measure::{Direction, Measure, classify};

    use super::super::country::PROVINCES;
    use super::*;

    #[test]
    fn every_province_issues_the_same_150_rows_with_its_own_source() {
        let hanoi = build(&PROVINCES[0], 0);
        let hue = build(&PROVINCES[1], 1);
        assert_eq!((hanoi.key.as_str(), hue.key.as_str()), ("cds-01", "cds-02"));
        assert_eq!(hanoi.plan.items.len(), 155);
        assert_eq!(hanoi.plan.items.iter().filter(|i| i.kind != ItemKind::Group).count(), 150);
        let rows = |p: &ProvincePlan| p.plan.items.iter().map(|i| (i.code.clone(), i.text.clone())).collect::<Vec<_>>();
        assert_eq!(rows(&hanoi), rows(&hue));
        assert_ne!(hanoi.plan.source.sha256, hue.plan.source.sha256);
        assert_eq!(hue.plan.title, "Kế hoạch chuyển đổi số giai đoạn 2022–2026 của thành phố Huế");
        let codes: std::collections::HashSet<_> = hanoi.plan.items.iter().map(|i| i.code.clone()).collect();
        assert_eq!(codes.len(), 155, "codes identify the rows");
        let lines: Vec<&str> = hanoi.text.lines().collect();
        for item in &hanoi.plan.items {
            assert!(lines[item.line - 1].contains(&item.text), "line {} holds {}", item.line, item.text);
        }
    }

    #[test]
    fn targets_and_deadlines_read_as_intended_and_measures_vary() {
        let plan = build(&PROVINCES[18], 18).plan;
        let mut measures = std::collections::HashMap::new();
        for item in plan.items.iter().filter(|i| i.kind != ItemKind::Group) {
            assert!(
                item.deadline.is_some() && !matches!(item.deadline, Some(Deadline::Unknown { .. })),
                "{}",
                item.text
            );
            if item.kind == ItemKind::Indicator {
                assert_eq!(item.targets.len(), 1, "{}: {:?}", item.text, item.targets);
            }
            *measures.entry(classify(item)).or_insert(0) += 1;
        }
        let count = |m, d| measures.get(&(m, d)).copied().unwrap_or(0);
        assert!(count(Measure::Ratio, Direction::Higher) >= 80, "{measures:?}");
        assert!(count(Measure::Count, Direction::Higher) >= 20, "{measures:?}");
        assert_eq!(count(Measure::Count, Direction::Lower), 2, "{measures:?}");
        assert_eq!(count(Measure::Rank, Direction::Lower), 4, "{measures:?}");
        assert_eq!(count(Measure::Index, Direction::Higher), 5, "{measures:?}");
        assert_eq!(count(Measure::YesNo, Direction::Higher), 10, "{measures:?}");
        assert_eq!(count(Measure::Qualitative, Direction::Higher), 5, "{measures:?}");
        assert_eq!(count(Measure::Task, Direction::Higher), 15, "{measures:?}");
        let ongoing = plan.items.iter().filter(|i| matches!(i.deadline, Some(Deadline::Ongoing { .. }))).count();
        assert!((10..=20).contains(&ongoing), "{ongoing}");
    }
}

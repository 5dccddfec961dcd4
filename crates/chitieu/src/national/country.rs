//! The synthetic country's registry: the 34 provinces and centrally-run cities of Vietnam after
//! the 2025 merger with their real numbers of communes and wards (3,321 in all), about twenty
//! real departments each (700 in all), communes and wards with made-up but stable names, and the
//! two groups every plan assigns work to.

use chitieu_core::registry::{GroupRecord, OrgKind, OrgRecord};

use super::dice::Dice;

/// One province or centrally-run city.
#[derive(Debug, Clone, Copy)]
pub struct Province {
    pub name: &'static str,
    /// A centrally-run city (thành phố trực thuộc trung ương).
    pub city: bool,
    /// Communes, wards and special zones (Nghị quyết của UBTVQH về sắp xếp ĐVHC cấp xã, 2025).
    pub communes: usize,
    /// The special zones (đặc khu) among them.
    pub special_zones: &'static [&'static str],
    /// Has a Sở Dân tộc và Tôn giáo.
    pub ethnic_affairs: bool,
}

const fn province(name: &'static str, communes: usize) -> Province {
    Province { name, city: false, communes, special_zones: &[], ethnic_affairs: false }
}

const fn city(name: &'static str, communes: usize) -> Province {
    Province { name, city: true, communes, special_zones: &[], ethnic_affairs: false }
}

const fn zones(mut p: Province, special_zones: &'static [&'static str]) -> Province {
    p.special_zones = special_zones;
    p
}

const fn ethnic(mut p: Province) -> Province {
    p.ethnic_affairs = true;
    p
}

/// The 34 provincial units from 1 July 2025 (Nghị quyết 202/2025/QH15).
pub const PROVINCES: [Province; 34] = [
    city("Hà Nội", 126),
    city("Huế", 40),
    ethnic(province("Lai Châu", 38)),
    ethnic(province("Điện Biên", 45)),
    ethnic(province("Sơn La", 75)),
    ethnic(province("Lạng Sơn", 65)),
    zones(province("Quảng Ninh", 54), &["Vân Đồn", "Cô Tô"]),
    ethnic(province("Thanh Hóa", 166)),
    ethnic(province("Nghệ An", 130)),
    province("Hà Tĩnh", 69),
    ethnic(province("Cao Bằng", 56)),
    ethnic(province("Tuyên Quang", 124)),
    ethnic(province("Lào Cai", 99)),
    ethnic(province("Thái Nguyên", 92)),
    ethnic(province("Phú Thọ", 148)),
    province("Bắc Ninh", 99),
    province("Hưng Yên", 104),
    zones(city("Hải Phòng", 114), &["Cát Hải", "Bạch Long Vĩ"]),
    province("Ninh Bình", 129),
    zones(province("Quảng Trị", 78), &["Cồn Cỏ"]),
    zones(city("Đà Nẵng", 94), &["Hoàng Sa"]),
    zones(province("Quảng Ngãi", 96), &["Lý Sơn"]),
    ethnic(province("Gia Lai", 135)),
    zones(province("Khánh Hòa", 65), &["Trường Sa"]),
    ethnic(zones(province("Lâm Đồng", 124), &["Phú Quý"])),
    ethnic(province("Đắk Lắk", 102)),
    zones(city("Hồ Chí Minh", 168), &["Côn Đảo"]),
    province("Đồng Nai", 95),
    province("Tây Ninh", 96),
    city("Cần Thơ", 103),
    province("Vĩnh Long", 124),
    province("Đồng Tháp", 102),
    province("Cà Mau", 64),
    zones(province("An Giang", 102), &["Phú Quốc", "Kiên Hải", "Thổ Châu"]),
];

/// The department that monitors the plan and receives the reports.
pub const MONITOR: &str = "Sở Khoa học và Công nghệ";
/// The groups every item's lead cell names.
pub const DEPARTMENTS_GROUP: &str = "Các sở, ban, ngành";
pub const COMMUNES_GROUP: &str = "UBND các xã, phường";

/// Departments every province has, by name (`{}` is "tỉnh" or "thành phố"), kind and alias.
const DEPARTMENTS: [(&str, OrgKind, &str); 20] = [
    (MONITOR, OrgKind::Department, "Sở KH&CN"),
    ("Văn phòng UBND {}", OrgKind::Department, "Văn phòng Ủy ban nhân dân {}"),
    ("Văn phòng Đoàn ĐBQH và HĐND {}", OrgKind::Department, ""),
    ("Sở Nội vụ", OrgKind::Department, ""),
    ("Sở Tư pháp", OrgKind::Department, ""),
    ("Sở Tài chính", OrgKind::Department, ""),
    ("Sở Công Thương", OrgKind::Department, ""),
    ("Sở Nông nghiệp và Môi trường", OrgKind::Department, "Sở NN&MT"),
    ("Sở Xây dựng", OrgKind::Department, ""),
    ("Sở Giáo dục và Đào tạo", OrgKind::Department, "Sở GD&ĐT"),
    ("Sở Y tế", OrgKind::Department, ""),
    ("Sở Văn hóa, Thể thao và Du lịch", OrgKind::Department, "Sở VHTT&DL"),
    ("Thanh tra {}", OrgKind::Department, ""),
    ("Ban Quản lý các khu công nghiệp {}", OrgKind::Department, ""),
    ("Công an {}", OrgKind::Police, ""),
    ("Bộ Chỉ huy Quân sự {}", OrgKind::Other, ""),
    ("Bảo hiểm xã hội {}", OrgKind::Other, "BHXH {}"),
    ("Thuế {}", OrgKind::Other, ""),
    ("Thống kê {}", OrgKind::Other, ""),
    ("Báo và Phát thanh, Truyền hình {}", OrgKind::Other, ""),
];

/// Syllables of commune names: common in Vietnamese place names, two make a name.
const SYLLABLES: [&str; 64] = [
    "An",
    "Bình",
    "Phú",
    "Hòa",
    "Tân",
    "Thạnh",
    "Long",
    "Mỹ",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Hưng",
    "Thuận",
    "Phước",
    "Lộc",
    "Thịnh",
    "Vĩnh",
    "Quang",
    "Minh",
    "Hiệp",
    "Trung",
    "Sơn",
    "Hải",
    "Thanh",
    "Xuân",
    "Yên",
    "Gia",
    "Kim",
    "Hồng",
    "Lạc",
    "Cẩm",
    "Đức",
    "Thái",
    "Hợp",
    "Tiến",
    "Định",
    "Thọ",
    "Khánh",
    "Lợi",
    "Nghĩa",
    "Phong",
    "Thắng",
    "Hà",
    "Lâm",
    "Tường",
    "Vân",
    "Cát",
    "Kỳ",
    "Ninh",
    "Châu",
    "Đại",
    "Hữu",
    "Lương",
    "Mai",
    "Ngọc",
    "Phúc",
    "Quý",
    "Tài",
    "Thượng",
    "Trường",
    "Văn",
    "Việt",
    "Hậu",
];

impl Province {
    /// "tỉnh" or "thành phố", as unit names write it.
    pub fn level(&self) -> &'static str {
        if self.city { "thành phố" } else { "tỉnh" }
    }

    /// The province's own unit: "UBND tỉnh Lào Cai", "UBND thành phố Hà Nội".
    pub fn org_name(&self) -> String {
        format!("UBND {} {}", self.level(), self.name)
    }

    /// "tỉnh Lào Cai", "thành phố Hà Nội".
    pub fn full_name(&self) -> String {
        format!("{} {}", self.level(), self.name)
    }

    /// Its departments, the monitor first: name, kind, aliases.
    pub fn departments(&self) -> Vec<(String, OrgKind, Vec<String>)> {
        let fill = |pattern: &str| pattern.replace("{}", self.level());
        let mut list: Vec<(String, OrgKind, Vec<String>)> = DEPARTMENTS
            .iter()
            .map(|(name, kind, alias)| {
                let aliases = if alias.is_empty() { Vec::new() } else { vec![fill(alias)] };
                (fill(name), *kind, aliases)
            })
            .collect();
        if self.ethnic_affairs {
            list.push(("Sở Dân tộc và Tôn giáo".to_owned(), OrgKind::Department, Vec::new()));
        }
        if self.city {
            list.push(("Sở Ngoại vụ".to_owned(), OrgKind::Department, Vec::new()));
        }
        list
    }

    /// How many of its communes are wards (phường): most in the cities.
    fn wards(&self) -> usize {
        let share = if self.city { 0.45 } else { 0.15 };
        (self.communes as f64 * share).round() as usize
    }

    /// Its communes, wards and special zones: name and population. Names are made up, distinct
    /// within the province and the same on every run.
    pub fn communes(&self, index: usize) -> Vec<(String, i64)> {
        let names = Dice::new(0x6b69_6e68);
        let mut used = std::collections::HashSet::new();
        let population =
            |base: f64, draw: u64| (base * (0.5 + 1.5 * names.unit(&[index as u64, draw, 1]))).round() as i64;
        let mut out: Vec<(String, i64)> = self
            .special_zones
            .iter()
            .zip(u64::MAX - 16..)
            .map(|(zone, draw)| (format!("Đặc khu {zone}"), population(8_000.0, draw)))
            .collect();
        let wards = self.wards();
        let mut draw = 0_u64;
        while out.len() < self.communes {
            let n = names.below(&[index as u64, draw], (SYLLABLES.len() * SYLLABLES.len()) as u64) as usize;
            draw += 1;
            let (first, second) = (SYLLABLES[n / SYLLABLES.len()], SYLLABLES[n % SYLLABLES.len()]);
            if first == second || !used.insert(n) {
                continue;
            }
            let ordinal = out.len() - self.special_zones.len();
            let ward = ordinal < wards;
            let kind = if ward { "Phường" } else { "Xã" };
            let base = if ward { 25_000.0 } else { 12_000.0 };
            out.push((format!("{kind} {first} {second}"), population(base, draw)));
        }
        out
    }
}

/// The registry of the first `provinces` provinces, at most `departments` departments (the
/// monitor always) and `communes` communes each: units, then groups.
pub fn registry(provinces: usize, departments: usize, communes: usize) -> (Vec<OrgRecord>, Vec<GroupRecord>) {
    let mut orgs = Vec::new();
    let mut groups = Vec::new();
    let record = |name: String, kind, parent: Option<String>, aliases, population, sample, line| OrgRecord {
        name,
        kind,
        parent,
        aliases,
        population,
        active_from: None,
        active_to: None,
        sample,
        line,
    };
    for (index, province) in PROVINCES.iter().take(provinces).enumerate() {
        let parent = province.org_name();
        let aliases = vec![format!("Ủy ban nhân dân {}", province.full_name())];
        orgs.push(record(parent.clone(), OrgKind::Province, None, aliases, None, false, orgs.len() + 1));
        let own: Vec<_> = province.departments().into_iter().take(departments.max(1)).collect();
        for (name, kind, aliases) in &own {
            let line = orgs.len() + 1;
            orgs.push(record(name.clone(), *kind, Some(parent.clone()), aliases.clone(), None, false, line));
        }
        let places: Vec<_> = province.communes(index).into_iter().take(communes).collect();
        for (name, population) in &places {
            let line = orgs.len() + 1;
            orgs.push(record(
                name.clone(),
                OrgKind::Commune,
                Some(parent.clone()),
                Vec::new(),
                Some(*population),
                true,
                line,
            ));
        }
        let group = |name: &str, members: Vec<String>, aliases: &[&str], line: usize| GroupRecord {
            name: name.to_owned(),
            member_kind: None,
            scope: Some(parent.clone()),
            members,
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            line,
        };
        let members = own.into_iter().map(|(name, ..)| name).collect();
        groups.push(group(DEPARTMENTS_GROUP, members, &["Các sở, ngành", "Các Sở ban ngành"], groups.len() + 1));
        let members = places.into_iter().map(|(name, _)| name).collect();
        let aliases = ["UBND các phường, xã", "UBND cấp xã", "Các xã, phường"];
        groups.push(group(COMMUNES_GROUP, members, &aliases, groups.len() + 1));
    }
    (orgs, groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_country_has_34_provinces_3321_communes_and_700_departments() {
        assert_eq!(PROVINCES.iter().map(|p| p.communes).sum::<usize>(), 3_321);
        assert_eq!(PROVINCES.iter().filter(|p| p.city).count(), 6);
        assert_eq!(PROVINCES.iter().map(|p| p.special_zones.len()).sum::<usize>(), 13);
        assert_eq!(PROVINCES.iter().map(|p| p.departments().len()).sum::<usize>(), 700);
        let (orgs, groups) = registry(34, usize::MAX, usize::MAX);
        assert_eq!(orgs.len(), 34 + 700 + 3_321);
        assert_eq!(groups.len(), 68);
        assert_eq!(orgs.iter().filter(|o| o.kind == OrgKind::Province).count(), 34);
    }

    #[test]
    fn commune_names_are_distinct_in_a_province_and_stable() {
        for (index, province) in PROVINCES.iter().enumerate() {
            let communes = province.communes(index);
            assert_eq!(communes.len(), province.communes, "{}", province.name);
            let names: std::collections::HashSet<&str> = communes.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(names.len(), communes.len(), "{}", province.name);
            assert_eq!(communes, province.communes(index));
        }
        let hanoi = PROVINCES[0].communes(0);
        assert!(hanoi.iter().filter(|(n, _)| n.starts_with("Phường ")).count() > 50);
        assert!(PROVINCES[33].communes(33).iter().any(|(n, _)| n == "Đặc khu Phú Quốc"));
    }

    #[test]
    fn a_small_country_keeps_the_monitor_and_both_groups() {
        let (orgs, groups) = registry(2, 3, 4);
        assert_eq!(orgs.len(), 2 * (1 + 3 + 4));
        assert_eq!(orgs.iter().filter(|o| o.name == MONITOR).count(), 2);
        assert_eq!(groups.len(), 4);
        assert!(groups.iter().all(|g| g.members.len() == if g.name == DEPARTMENTS_GROUP { 3 } else { 4 }));
        assert_eq!(groups[0].scope.as_deref(), Some("UBND thành phố Hà Nội"));
    }
}

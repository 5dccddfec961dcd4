//! The built-in Ninh Bình registry (fixtures/registry) against the seed plans: every unit a
//! seed's role cells name resolves to a unit or a group, as a plan of its issuer would resolve
//! it; the OCR slips come back as proposals with the right unit first. Run with --nocapture to
//! review the whole table.

use std::collections::BTreeMap;

use chitieu_core::names::name_key;
use chitieu_core::plan::Date;
use chitieu_core::registry::{Org, OrgGroup, OrgId, Registry, Resolution};
use chitieu_core::{Plan, Role};
use chitieu_import::registry::{GroupRecord, OrgRecord, RegistryFile, read_registry};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures");

fn read(name: &str) -> RegistryFile {
    let path = format!("{FIXTURES}/registry/{name}");
    read_registry(name, &std::fs::read(&path).unwrap()).unwrap_or_else(|e| panic!("{e}"))
}

/// The unit a name (or alias) stands for among `orgs`: by name first, then by alias.
fn find(orgs: &[Org], name: &str) -> OrgId {
    let key = name_key(name);
    let by_name: Vec<&Org> = orgs.iter().filter(|o| name_key(&o.name) == key).collect();
    let found = if by_name.is_empty() {
        orgs.iter().filter(|o| o.aliases.iter().any(|a| name_key(a) == key)).collect()
    } else {
        by_name
    };
    assert_eq!(found.len(), 1, "\"{name}\" names {} units", found.len());
    found[0].id
}

/// The registry the two files describe, ids given in file order; a group's members are found
/// as a plan issued by the group's scope would name them.
fn registry() -> Registry {
    let (RegistryFile::Orgs(org_records), RegistryFile::Groups(group_records)) =
        (read("ninh-binh-orgs.csv"), read("ninh-binh-groups.csv"))
    else {
        panic!("expected a list of units and a list of groups");
    };
    let mut registry = Registry {
        orgs: org_records.iter().zip(1..).map(|(r, id): (&OrgRecord, OrgId)| org(r, id)).collect(),
        groups: Vec::new(),
    };
    for (record, id) in org_records.iter().zip(0..) {
        let parent = record.parent.as_deref().map(|p| find(&registry.orgs, p));
        registry.orgs[id].parent = parent;
    }
    let groups: Vec<OrgGroup> = group_records.iter().zip(1..).map(|(r, id)| group(&registry, r, id)).collect();
    registry.groups = groups;
    registry
}

fn org(r: &OrgRecord, id: OrgId) -> Org {
    Org {
        id,
        name: r.name.clone(),
        kind: r.kind,
        parent: None,
        aliases: r.aliases.clone(),
        population: r.population,
        active_from: r.active_from,
        active_to: r.active_to,
        sample: r.sample,
    }
}

fn group(registry: &Registry, r: &GroupRecord, id: i64) -> OrgGroup {
    let scope = r.scope.as_deref().map(|s| find(&registry.orgs, s));
    let members = r
        .members
        .iter()
        .map(|m| match registry.resolve(m, scope) {
            Resolution::Org { id } => id,
            other => panic!("member \"{m}\" of group \"{}\" is {other:?}", r.name),
        })
        .collect();
    OrgGroup { id, name: r.name.clone(), aliases: r.aliases.clone(), member_kind: r.member_kind, scope, members }
}

fn seeds() -> Vec<Plan> {
    let mut paths: Vec<_> =
        std::fs::read_dir(format!("{FIXTURES}/seeds")).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
        .iter()
        .map(|p| chitieu_import::read_plan(p.file_name().unwrap().to_str().unwrap(), &std::fs::read(p).unwrap()))
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The unit a seed plan is issued by: the province, the city of 001, the first sample commune.
fn issuer(registry: &Registry, plan: &Plan) -> OrgId {
    let name = match &plan.source.file[..3] {
        "001" => "Thành phố Tam Điệp",
        "004" => "Xã Gia Viễn (mẫu)",
        _ => "UBND tỉnh Ninh Bình",
    };
    find(&registry.orgs, name)
}

/// Names the seeds misspell (OCR), with the unit they mean.
const TYPOS: &[(&str, &str, &str)] = &[
    ("000", "Bru điện tỉnh", "Bưu điện tỉnh Ninh Bình"),
    ("004", "VP HỖND - UBND", "Văn phòng HĐND - UBND"),
    ("004", "VP HỖND-UBND", "Văn phòng HĐND - UBND"),
];

#[test]
fn every_name_in_the_seeds_resolves_against_the_built_in_registry() {
    let registry = registry();
    let show = |r: &Resolution| match r {
        Resolution::Org { id } => {
            let o = &registry.orgs[*id as usize - 1];
            let parent = o.parent.map_or("-", |p| registry.orgs[p as usize - 1].name.as_str());
            format!("org {} [{}] (under {parent})", o.name, o.kind.as_str())
        }
        Resolution::Group { id } => format!("group {}", registry.groups[*id as usize - 1].name),
        Resolution::Proposed { candidates } => {
            let c = &candidates[0];
            format!("PROPOSED {} ({:.2}; {} candidates)", c.name, c.score, candidates.len())
        }
        Resolution::Unresolved => "UNRESOLVED".into(),
    };
    let mut failures = Vec::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for plan in seeds() {
        let seed = &plan.source.file[..3];
        let scope = issuer(&registry, &plan);
        let mut names: BTreeMap<&str, Vec<Role>> = BTreeMap::new();
        for item in &plan.items {
            let roles = [
                (Role::Monitor, &item.roles.monitor),
                (Role::Lead, &item.roles.lead),
                (Role::Coordinate, &item.roles.coordinate),
                (Role::Direct, &item.roles.direct),
            ];
            for (role, list) in roles {
                for name in list {
                    let roles = names.entry(name.as_str()).or_default();
                    if !roles.contains(&role) {
                        roles.push(role);
                    }
                }
            }
        }
        println!("== {} (issuer: {})", plan.source.file, registry.orgs[scope as usize - 1].name);
        for (name, roles) in names {
            let resolution = registry.resolve(name, Some(scope));
            println!("  {name:?} {roles:?} → {}", show(&resolution));
            let typo = TYPOS.iter().find(|(s, n, _)| *s == seed && *n == name);
            let kind = match (&resolution, typo) {
                (Resolution::Org { .. }, None) => "org",
                (Resolution::Group { .. }, None) => "group",
                (Resolution::Proposed { candidates }, Some((_, _, meant))) => {
                    let expected = expected_org(&registry.resolve(meant, Some(scope)));
                    if expected.is_none() || candidates[0].org != expected {
                        failures.push(format!("{seed}: \"{name}\" proposes {} first", candidates[0].name));
                    }
                    "proposed"
                }
                _ => {
                    failures.push(format!("{seed}: \"{name}\" → {}", show(&resolution)));
                    "failed"
                }
            };
            *counts.entry(kind).or_default() += 1;
        }
    }
    println!("counts: {counts:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(counts.get("proposed"), Some(&TYPOS.len()));
}

fn expected_org(r: &Resolution) -> Option<OrgId> {
    match r {
        Resolution::Org { id } => Some(*id),
        _ => None,
    }
}

#[test]
fn names_resolve_to_the_issuers_own_units_and_groups() {
    let r = registry();
    let province = find(&r.orgs, "UBND tỉnh Ninh Bình");
    let city = find(&r.orgs, "Thành phố Tam Điệp");
    let commune = find(&r.orgs, "Xã Gia Viễn (mẫu)");
    let org_of = |name: &str, scope: OrgId| match r.resolve(name, Some(scope)) {
        Resolution::Org { id } => (r.orgs[id as usize - 1].name.clone(), r.orgs[id as usize - 1].parent),
        other => panic!("{name}: {other:?}"),
    };
    let group_of = |name: &str, scope: OrgId| match r.resolve(name, Some(scope)) {
        Resolution::Group { id } => r.groups[id as usize - 1].name.clone(),
        other => panic!("{name}: {other:?}"),
    };
    assert_eq!(org_of("Phòng kinh tế", city), ("Phòng Kinh tế".into(), Some(city)));
    assert_eq!(org_of("Phòng Kinh tế", commune), ("Phòng Kinh tế".into(), Some(commune)));
    assert_eq!(org_of("VP HĐND - UBND", commune).1, Some(commune));
    assert_eq!(org_of("Trưởng phòng Tài chính - Kế hoạch", city).0, "Phòng Tài chính - Kế hoạch");
    assert_eq!(group_of("Đảng ủy", province), "Đảng ủy các xã, phường");
    assert_eq!(group_of("Đảng ủy", commune), "Đảng ủy – Xã Gia Viễn (mẫu)");
    assert_eq!(group_of("UBND cấp xã", province), "UBND các xã, phường");
    assert_eq!(group_of("UBND cấp xã", commune), "UBND cấp xã – Xã Gia Viễn (mẫu)");
    assert_eq!(group_of("UBND các phường, xã", city), "UBND các phường, xã – Thành phố Tam Điệp");
    assert_eq!(group_of("Các cơ, quan đơn vị liên quan", commune), "Các cơ quan, đơn vị – Xã Gia Viễn (mẫu)");
}

#[test]
fn groups_stand_for_the_units_active_on_the_day() {
    let r = registry();
    let id = |name: &str| r.groups.iter().find(|g| g.name == name).unwrap().id;
    let names = |group: &str, day: Date| -> Vec<String> {
        r.members(id(group), day).into_iter().map(|m| r.orgs[m as usize - 1].name.clone()).collect()
    };
    let day_2026 = Date::new(2026, 6, 30).unwrap();
    let day_2023 = Date::new(2023, 6, 30).unwrap();
    let departments = names("Các sở, ban, ngành", day_2026);
    assert!(departments.contains(&"Sở Khoa học và Công nghệ".to_owned()));
    assert!(departments.contains(&"Công an tỉnh".to_owned()));
    assert!(!departments.contains(&"Sở Thông tin và Truyền thông".to_owned()));
    assert_eq!(names("UBND các xã, phường", day_2026).len(), 4);
    assert!(names("UBND các phường, xã – Thành phố Tam Điệp", day_2023).contains(&"Phường Bắc Sơn".to_owned()));
    assert_eq!(names("Các cơ quan, đơn vị – Xã Gia Viễn (mẫu)", day_2026).len(), 6);
    assert_eq!(names("Các doanh nghiệp viễn thông", day_2026).len(), 3);
}

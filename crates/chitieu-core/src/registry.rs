//! The registry of units (đơn vị) and groups (nhóm) that plans assign work to, and how a name
//! written in a role cell resolves to them: exactly (after [`name_key`]), to a group, or as
//! near-miss proposals with a score for a person to confirm. Pure: the store passes the
//! registry in.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::names::{name_key, similarity};
use crate::plan::Date;

pub type OrgId = i64;
pub type GroupId = i64;

/// What kind of body a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// A province or centrally-run city (tỉnh, thành phố trực thuộc trung ương).
    Province,
    /// A provincial department, board or office (sở, ban, ngành; văn phòng).
    Department,
    /// A commune or ward (xã, phường), or a former district-level city.
    Commune,
    /// An office or division inside a commune or city (phòng, văn phòng, trạm).
    Office,
    /// A Party body (tỉnh ủy, đảng ủy, văn phòng đảng ủy).
    PartyBody,
    Enterprise,
    Police,
    Bank,
    School,
    Other,
}

impl OrgKind {
    pub const ALL: [OrgKind; 10] = [
        OrgKind::Province,
        OrgKind::Department,
        OrgKind::Commune,
        OrgKind::Office,
        OrgKind::PartyBody,
        OrgKind::Enterprise,
        OrgKind::Police,
        OrgKind::Bank,
        OrgKind::School,
        OrgKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Province => "province",
            OrgKind::Department => "department",
            OrgKind::Commune => "commune",
            OrgKind::Office => "office",
            OrgKind::PartyBody => "party_body",
            OrgKind::Enterprise => "enterprise",
            OrgKind::Police => "police",
            OrgKind::Bank => "bank",
            OrgKind::School => "school",
            OrgKind::Other => "other",
        }
    }

    /// Reads a kind from its code or its Vietnamese name ("sở", "xã", "doanh nghiệp" …).
    pub fn parse(s: &str) -> Option<OrgKind> {
        let k = crate::text::key(s);
        OrgKind::ALL.into_iter().find(|kind| kind.as_str() == k).or(match k.as_str() {
            "tỉnh" | "thành phố trực thuộc trung ương" => Some(OrgKind::Province),
            "sở" | "sở, ban, ngành" | "ban" | "ngành" | "cơ quan" => Some(OrgKind::Department),
            "xã" | "phường" | "đặc khu" | "thị trấn" => Some(OrgKind::Commune),
            "phòng" | "văn phòng" | "trạm" => Some(OrgKind::Office),
            "đảng" | "cơ quan đảng" => Some(OrgKind::PartyBody),
            "doanh nghiệp" => Some(OrgKind::Enterprise),
            "công an" => Some(OrgKind::Police),
            "ngân hàng" => Some(OrgKind::Bank),
            "trường" | "trường học" => Some(OrgKind::School),
            "khác" => Some(OrgKind::Other),
            _ => None,
        })
    }
}

/// A unit that can be assigned work and report on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Org {
    pub id: OrgId,
    pub name: String,
    pub kind: OrgKind,
    pub parent: Option<OrgId>,
    pub aliases: Vec<String>,
    pub population: Option<i64>,
    pub active_from: Option<Date>,
    pub active_to: Option<Date>,
    /// A demo entry of the built-in registry, not a real record.
    pub sample: bool,
}

impl Org {
    /// Whether the unit exists on `day` (units merge and split).
    pub fn active_on(&self, day: Date) -> bool {
        self.active_from.is_none_or(|from| from <= day) && self.active_to.is_none_or(|to| day <= to)
    }
}

/// A named set of units: every unit of a kind (optionally under one parent), plus listed members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgGroup {
    pub id: GroupId,
    pub name: String,
    pub aliases: Vec<String>,
    /// Every unit of this kind belongs.
    pub member_kind: Option<OrgKind>,
    /// With `member_kind`: only units under this parent belong ("Các phòng, đơn vị" of a city).
    pub scope: Option<OrgId>,
    pub members: Vec<OrgId>,
}

/// One unit as a registry file lists it; names that point elsewhere are kept as written and
/// settled by the store against the units it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgRecord {
    pub name: String,
    pub kind: OrgKind,
    /// The unit above, by name (or alias): one in the same file or one already registered.
    pub parent: Option<String>,
    pub aliases: Vec<String>,
    pub population: Option<i64>,
    pub active_from: Option<Date>,
    pub active_to: Option<Date>,
    pub sample: bool,
    /// Where the record stands in its file (line or sheet row).
    pub line: usize,
}

/// One group as a registry file lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupRecord {
    pub name: String,
    /// Every unit of this kind belongs (under `scope` when given).
    pub member_kind: Option<OrgKind>,
    /// The unit whose units of `member_kind` belong, by name.
    pub scope: Option<String>,
    /// Units that belong by name, besides those of `member_kind`.
    pub members: Vec<String>,
    pub aliases: Vec<String>,
    pub line: usize,
}

/// What a name written in a role cell is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Resolution {
    Org {
        id: OrgId,
    },
    Group {
        id: GroupId,
    },
    /// Not an exact match: the nearest names, best first, for a person to confirm.
    Proposed {
        candidates: Vec<Candidate>,
    },
    /// Nothing near: kept verbatim and listed for review.
    Unresolved,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub org: Option<OrgId>,
    pub group: Option<GroupId>,
    pub name: String,
    pub score: f64,
}

/// The least similarity a near-miss needs to be proposed.
pub const PROPOSAL_THRESHOLD: f64 = 0.8;

/// Units and groups, indexed for resolution.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub orgs: Vec<Org>,
    pub groups: Vec<OrgGroup>,
}

impl Registry {
    /// Resolves `name` as written. Names of units under `scope` (the plan's issuer) win over
    /// the same name elsewhere ("Phòng Kinh tế" of this commune, not of another).
    pub fn resolve(&self, name: &str, scope: Option<OrgId>) -> Resolution {
        self.resolver().resolve(name, scope)
    }

    /// The registry indexed by name key, to resolve many names (a whole plan) quickly.
    pub fn resolver(&self) -> Resolver<'_> {
        let mut orgs: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, org) in self.orgs.iter().enumerate() {
            for n in std::iter::once(&org.name).chain(&org.aliases) {
                let entry = orgs.entry(name_key(n)).or_default();
                if entry.last() != Some(&i) {
                    entry.push(i);
                }
            }
        }
        let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, group) in self.groups.iter().enumerate() {
            for n in std::iter::once(&group.name).chain(&group.aliases) {
                let entry = groups.entry(name_key(n)).or_default();
                if entry.last() != Some(&i) {
                    entry.push(i);
                }
            }
        }
        Resolver { registry: self, orgs, groups }
    }

    /// Whether `org` lies under `ancestor` in the tree.
    pub fn is_under(&self, org: OrgId, ancestor: OrgId) -> bool {
        let mut current = self.orgs.iter().find(|o| o.id == org).and_then(|o| o.parent);
        let mut steps = 0;
        while let Some(id) = current {
            if id == ancestor {
                return true;
            }
            steps += 1;
            if steps > 64 {
                return false;
            }
            current = self.orgs.iter().find(|o| o.id == id).and_then(|o| o.parent);
        }
        false
    }

    /// The units a group stands for on `day`: its listed members and every active unit of its
    /// kind (under its scope when it has one), by id.
    pub fn members(&self, group: GroupId, day: Date) -> Vec<OrgId> {
        let Some(group) = self.groups.iter().find(|g| g.id == group) else { return Vec::new() };
        let listed: std::collections::HashSet<OrgId> = group.members.iter().copied().collect();
        // Parents by id, for the scope test: one pass instead of a search per step.
        let parents: std::collections::HashMap<OrgId, Option<OrgId>> = if group.scope.is_some() {
            self.orgs.iter().map(|o| (o.id, o.parent)).collect()
        } else {
            std::collections::HashMap::new()
        };
        let under = |org: &Org, scope: OrgId| {
            let mut current = org.parent;
            for _ in 0..64 {
                match current {
                    Some(id) if id == scope => return true,
                    Some(id) => current = parents.get(&id).copied().flatten(),
                    None => return false,
                }
            }
            false
        };
        let mut ids: Vec<OrgId> = self
            .orgs
            .iter()
            .filter(|o| o.active_on(day))
            .filter(|o| {
                listed.contains(&o.id)
                    || group.member_kind.is_some_and(|kind| o.kind == kind && group.scope.is_none_or(|s| under(o, s)))
            })
            .map(|o| o.id)
            .collect();
        ids.sort_unstable();
        ids
    }
}

/// A [`Registry`] indexed by name key: resolving a name costs one normalisation and a lookup;
/// only names with no exact match pay for the near-miss search.
#[derive(Debug)]
pub struct Resolver<'a> {
    registry: &'a Registry,
    orgs: HashMap<String, Vec<usize>>,
    groups: HashMap<String, Vec<usize>>,
}

impl Resolver<'_> {
    /// See [`Registry::resolve`].
    pub fn resolve(&self, name: &str, scope: Option<OrgId>) -> Resolution {
        let registry = self.registry;
        let key = name_key(name);
        if key.is_empty() {
            return Resolution::Unresolved;
        }
        let org_matches: Vec<&Org> =
            self.orgs.get(&key).map(|found| found.iter().map(|&i| &registry.orgs[i]).collect()).unwrap_or_default();
        if let Some(org) = self.pick_scoped(&org_matches, scope) {
            return Resolution::Org { id: org.id };
        }
        let group_matches: Vec<&OrgGroup> =
            self.groups.get(&key).map(|found| found.iter().map(|&i| &registry.groups[i]).collect()).unwrap_or_default();
        // The issuer's own group first, then one for everybody, then any.
        let own = group_matches.iter().find(|g| g.scope.is_some() && g.scope == scope);
        if let Some(group) = own.or_else(|| group_matches.iter().find(|g| g.scope.is_none())).or(group_matches.first())
        {
            return Resolution::Group { id: group.id };
        }
        let nearness = |own: &String, aliases: &[String]| {
            std::iter::once(own).chain(aliases).map(|n| similarity(name, n)).fold(0.0, f64::max)
        };
        let orgs = registry.orgs.iter().map(|o| (Some(o.id), None, &o.name, nearness(&o.name, &o.aliases)));
        let groups = registry.groups.iter().map(|g| (None, Some(g.id), &g.name, nearness(&g.name, &g.aliases)));
        let mut candidates: Vec<Candidate> = orgs
            .chain(groups)
            .filter(|(.., nearness)| *nearness >= PROPOSAL_THRESHOLD)
            .map(|(org, group, name, score)| Candidate { org, group, name: name.clone(), score })
            .collect();
        if candidates.is_empty() {
            return Resolution::Unresolved;
        }
        // Best score first; on a tie, the issuer's own unit, then by name.
        let own = |c: &Candidate| c.org.is_some_and(|id| scope.is_some_and(|s| id == s || registry.is_under(id, s)));
        candidates.sort_by(|a, b| {
            b.score.total_cmp(&a.score).then_with(|| own(b).cmp(&own(a))).then_with(|| a.name.cmp(&b.name))
        });
        candidates.truncate(5);
        Resolution::Proposed { candidates }
    }

    /// Of several units with the name, the one under `scope` (or `scope` itself), else the one
    /// with no parent, else the first.
    fn pick_scoped<'o>(&self, found: &[&'o Org], scope: Option<OrgId>) -> Option<&'o Org> {
        let under = |org: &Org| scope.is_some_and(|s| org.id == s || self.registry.is_under(org.id, s));
        found.iter().find(|o| under(o)).or_else(|| found.iter().find(|o| o.parent.is_none())).or(found.first()).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: OrgId, name: &str, kind: OrgKind, parent: Option<OrgId>) -> Org {
        Org {
            id,
            name: name.into(),
            kind,
            parent,
            aliases: Vec::new(),
            population: None,
            active_from: None,
            active_to: None,
            sample: false,
        }
    }

    fn registry() -> Registry {
        let mut kh = org(2, "Sở Khoa học và Công nghệ", OrgKind::Department, Some(1));
        kh.aliases.push("Sở KH&CN".into());
        let mut closed = org(6, "Sở Thông tin và Truyền thông", OrgKind::Department, Some(1));
        closed.active_to = Date::new(2025, 2, 28);
        Registry {
            orgs: vec![
                org(1, "UBND tỉnh Ninh Bình", OrgKind::Province, None),
                kh,
                org(3, "Xã A", OrgKind::Commune, Some(1)),
                org(4, "Văn phòng HĐND - UBND", OrgKind::Office, Some(3)),
                org(5, "Xã B", OrgKind::Commune, Some(1)),
                closed,
                org(7, "Văn phòng HĐND - UBND", OrgKind::Office, Some(5)),
            ],
            groups: vec![OrgGroup {
                id: 1,
                name: "Các sở, ban, ngành".into(),
                aliases: vec!["Các Sở ban ngành".into()],
                member_kind: Some(OrgKind::Department),
                scope: None,
                members: Vec::new(),
            }],
        }
    }

    #[test]
    fn exact_names_aliases_and_abbreviations_resolve() {
        let r = registry();
        assert_eq!(r.resolve("Sở Khoa học và Công nghệ", None), Resolution::Org { id: 2 });
        assert_eq!(r.resolve("Sở KH&CN", None), Resolution::Org { id: 2 });
        assert_eq!(r.resolve("sở  khoa học và công nghệ", None), Resolution::Org { id: 2 });
        assert_eq!(r.resolve("các sở, ban, ngành", None), Resolution::Group { id: 1 });
        assert_eq!(r.resolve("", None), Resolution::Unresolved);
    }

    #[test]
    fn the_issuers_own_office_wins() {
        let r = registry();
        assert_eq!(r.resolve("VP HĐND - UBND", Some(5)), Resolution::Org { id: 7 });
        assert_eq!(r.resolve("Văn phòng HĐND và UBND", Some(3)), Resolution::Org { id: 4 });
    }

    #[test]
    fn ocr_slips_are_proposed_and_strangers_stay_unresolved() {
        let r = registry();
        match r.resolve("VP HỖND - UBND", Some(3)) {
            Resolution::Proposed { candidates } => {
                assert_eq!(candidates[0].name, "Văn phòng HĐND - UBND");
                assert!(candidates[0].score >= PROPOSAL_THRESHOLD);
            }
            other => panic!("expected a proposal, got {other:?}"),
        }
        assert_eq!(r.resolve("Hội Nông dân", None), Resolution::Unresolved);
    }

    #[test]
    fn group_members_follow_kind_and_activity() {
        let r = registry();
        assert_eq!(r.members(1, Date::new(2026, 6, 30).unwrap()), [2]);
        assert_eq!(r.members(1, Date::new(2025, 1, 1).unwrap()), [2, 6]);
    }

    #[test]
    fn kinds_read_from_codes_and_vietnamese() {
        assert_eq!(OrgKind::parse("department"), Some(OrgKind::Department));
        assert_eq!(OrgKind::parse("Xã"), Some(OrgKind::Commune));
        assert_eq!(OrgKind::parse("Doanh nghiệp"), Some(OrgKind::Enterprise));
        assert_eq!(OrgKind::parse("?"), None);
    }
}

//! What a registry file alone proves wrong: a name given twice (two units of one name under one
//! parent, or two groups of one name), a parent naming several units of the file, and parents
//! that lead back to the unit itself. A parent naming no unit of the file is left to the store,
//! which knows the units already registered.

use std::collections::BTreeMap;

use chitieu_core::names::name_key;

use super::{GroupRecord, OrgRecord};
use crate::ImportError;

/// Where a unit's parent is: a row of this file, or a name the store must settle.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Parent {
    None,
    Row(usize),
    Elsewhere(String),
}

pub(crate) fn orgs(file: &str, orgs: &[OrgRecord]) -> Result<(), ImportError> {
    let error = |line: usize, detail: String| ImportError::Registry { file: file.into(), line, detail };
    let keys: Vec<String> = orgs.iter().map(|o| name_key(&o.name)).collect();
    let mut parents = Vec::with_capacity(orgs.len());
    for org in orgs {
        let Some(parent) = &org.parent else {
            parents.push(Parent::None);
            continue;
        };
        let key = name_key(parent);
        let by_name: Vec<usize> = (0..orgs.len()).filter(|&i| keys[i] == key).collect();
        let found = if by_name.is_empty() {
            (0..orgs.len()).filter(|&i| orgs[i].aliases.iter().any(|a| name_key(a) == key)).collect()
        } else {
            by_name
        };
        parents.push(match found.as_slice() {
            [] => Parent::Elsewhere(key),
            [i] => Parent::Row(*i),
            several => {
                let lines: Vec<String> = several.iter().map(|&i| orgs[i].line.to_string()).collect();
                let detail = format!(
                    "parent \"{parent}\" names {} units of this file (lines {}); give the parent a name of its own",
                    several.len(),
                    lines.join(", ")
                );
                return Err(error(org.line, detail));
            }
        });
    }
    let mut seen: BTreeMap<(&str, &Parent), usize> = BTreeMap::new();
    for (i, org) in orgs.iter().enumerate() {
        if let Some(first) = seen.insert((&keys[i], &parents[i]), org.line) {
            let detail =
                format!("\"{}\" is already on line {first}; units under one parent need different names", org.name);
            return Err(error(org.line, detail));
        }
    }
    for (i, org) in orgs.iter().enumerate() {
        let mut path = vec![i];
        let mut current = i;
        while let Parent::Row(up) = parents[current] {
            if up == i {
                let names: Vec<&str> = path.iter().chain([&i]).map(|&j| orgs[j].name.as_str()).collect();
                let parent = org.parent.as_deref().unwrap_or_default();
                let detail = format!(
                    "parent \"{parent}\" leads back to \"{}\" ({}); a unit cannot be under itself",
                    org.name,
                    names.join(" → ")
                );
                return Err(error(org.line, detail));
            }
            if path.contains(&up) {
                break; // a cycle that does not pass through this row: reported at its own rows
            }
            path.push(up);
            current = up;
        }
    }
    Ok(())
}

pub(crate) fn groups(file: &str, groups: &[GroupRecord]) -> Result<(), ImportError> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for group in groups {
        if let Some(first) = seen.insert(name_key(&group.name), group.line) {
            return Err(ImportError::Registry {
                file: file.into(),
                line: group.line,
                detail: format!("group \"{}\" is already on line {first}; groups need different names", group.name),
            });
        }
    }
    Ok(())
}

//! The unit names of an uploaded plan that do not resolve exactly, what the user may choose
//! for each (a proposal, any unit or group, or to keep it unresolved), and reading the choices
//! back from the publish form.

use std::collections::BTreeMap;

use chitieu_core::Plan;
use chitieu_core::registry::{OrgId, Registry, Resolution};

use crate::error::WebError;

/// One name to settle, as the preview shows it: form fields `ten-{index}` (the name as written)
/// and `chon-{index}` (the choice).
#[derive(Debug)]
pub(crate) struct OpenName {
    pub(crate) index: usize,
    pub(crate) name: String,
    /// The document lines that write it.
    pub(crate) lines: Vec<usize>,
    pub(crate) proposals: Vec<ChoiceOption>,
}

/// One option of a choice `<select>`.
#[derive(Debug)]
pub(crate) struct ChoiceOption {
    pub(crate) value: String,
    pub(crate) label: String,
}

/// Every name of `plan` that does not resolve exactly to a unit or group (resolved as the
/// store will resolve it: the issuer's own units first), in order of first appearance.
pub(crate) fn open_names(plan: &Plan, registry: &Registry, issuer: Option<OrgId>) -> Vec<OpenName> {
    let resolver = registry.resolver();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut open: Vec<OpenName> = Vec::new();
    for item in &plan.items {
        let roles = &item.roles;
        for name in [&roles.monitor, &roles.lead, &roles.coordinate, &roles.direct].into_iter().flatten() {
            if let Some(&at) = seen.get(name.as_str()) {
                let lines = &mut open[at].lines;
                if !lines.contains(&item.line) {
                    lines.push(item.line);
                }
                continue;
            }
            let proposals = match resolver.resolve(name, issuer) {
                Resolution::Org { .. } | Resolution::Group { .. } => continue,
                Resolution::Proposed { candidates } => candidates
                    .iter()
                    .filter_map(|c| {
                        let value = match (c.org, c.group) {
                            (Some(id), _) => org_value(id),
                            (None, Some(id)) => group_value(id),
                            (None, None) => return None,
                        };
                        Some(ChoiceOption { value, label: format!("{} ({:.0}%)", c.name, c.score * 100.0) })
                    })
                    .collect(),
                Resolution::Unresolved => Vec::new(),
            };
            seen.insert(name, open.len());
            open.push(OpenName { index: open.len(), name: name.clone(), lines: vec![item.line], proposals });
        }
    }
    open
}

/// Every unit, then every group, as options.
pub(crate) fn all_choices(registry: &Registry) -> (Vec<ChoiceOption>, Vec<ChoiceOption>) {
    let units = registry.orgs.iter().map(|o| ChoiceOption { value: org_value(o.id), label: o.name.clone() }).collect();
    let groups =
        registry.groups.iter().map(|g| ChoiceOption { value: group_value(g.id), label: g.name.clone() }).collect();
    (units, groups)
}

fn org_value(id: OrgId) -> String {
    format!("don-vi-{id}")
}

fn group_value(id: i64) -> String {
    format!("nhom-{id}")
}

/// The choices of the publish form: each name written in `plan` that the user settled, with
/// the unit or group it means. "Để nguyên" (an empty choice) settles nothing.
pub(crate) fn chosen(
    form: &[(String, String)],
    plan: &Plan,
    registry: &Registry,
) -> Result<Vec<(String, Resolution)>, WebError> {
    let field = |key: String| form.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str());
    let written = |name: &str| {
        plan.items.iter().any(|item| {
            let r = &item.roles;
            [&r.monitor, &r.lead, &r.coordinate, &r.direct].into_iter().flatten().any(|n| n == name)
        })
    };
    let mut choices = Vec::new();
    for index in 0.. {
        let Some(name) = field(format!("ten-{index}")) else { break };
        let choice = field(format!("chon-{index}")).unwrap_or("");
        if choice.is_empty() {
            continue;
        }
        if !written(name) {
            return Err(WebError::Invalid(format!("Văn bản không có tên đơn vị «{name}».")));
        }
        let unknown = || WebError::Invalid(format!("Lựa chọn cho «{name}» không có trong danh mục đơn vị."));
        let resolution = if let Some(id) = choice.strip_prefix("don-vi-").and_then(|id| id.parse().ok()) {
            registry.orgs.iter().any(|o| o.id == id).then_some(Resolution::Org { id })
        } else if let Some(id) = choice.strip_prefix("nhom-").and_then(|id| id.parse().ok()) {
            registry.groups.iter().any(|g| g.id == id).then_some(Resolution::Group { id })
        } else {
            None
        };
        choices.push((name.to_owned(), resolution.ok_or_else(unknown)?));
    }
    Ok(choices)
}

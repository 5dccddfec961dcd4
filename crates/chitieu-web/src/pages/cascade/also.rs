//! The plan page's notes beside an item confirmed-linked to another plan: "Cũng tại mục 1.1
//! của «…»" when the other plan has the same issuer (a plan's narrative and its appendix set
//! the same targets, so each shows the other's code, words and target), and "Thực hiện mục 2.1
//! của «…»" beside a lower-level item, naming the higher-level item it carries out.

use std::collections::HashMap;

use chitieu_core::cascade::number;
use chitieu_store::{StoreError, StoredPlan};

use crate::error::WebError;
use crate::pages::view::PlanTable;
use crate::state::AppState;
use chitieu_core::display::targets_vi;

fn cut(text: &str, chars: usize) -> String {
    let mut out: String = text.chars().take(chars).collect();
    if text.chars().count() > chars {
        out.push('…');
    }
    out
}

/// Adds the notes to `table`, the page of `stored`.
pub(crate) async fn annotate(state: &AppState, stored: &StoredPlan, table: &mut PlanTable) -> Result<(), WebError> {
    let mut others: HashMap<String, Option<StoredPlan>> = HashMap::new();
    for link in state.store.confirmed_links(&stored.key).await? {
        let child_side = link.child_plan == stored.key;
        let (mine, other_plan, other_item) = if child_side {
            (&link.child_item, &link.parent_plan, &link.parent_item)
        } else {
            (&link.parent_item, &link.child_plan, &link.child_item)
        };
        if !others.contains_key(other_plan) {
            let other = match state.store.latest_plan(other_plan).await {
                Ok(plan) => Some(plan),
                Err(StoreError::NotFound { .. }) => None,
                Err(e) => return Err(e.into()),
            };
            others.insert(other_plan.clone(), other);
        }
        let Some(Some(other)) = others.get(other_plan) else { continue };
        let same_issuer = stored.issuer_id.is_some() && stored.issuer_id == other.issuer_id;
        if !same_issuer && !child_side {
            continue;
        }
        let (Some(row), Some(index)) =
            (stored.items.iter().position(|i| &i.key == mine), other.items.iter().position(|i| &i.key == other_item))
        else {
            continue;
        };
        let item = &other.plan.items[index];
        let verb = if same_issuer { "Cũng tại" } else { "Thực hiện" };
        let code = number(item).map_or_else(|| "mục".to_owned(), |code| format!("mục {code}"));
        let targets = match targets_vi(&item.targets) {
            targets if targets.is_empty() => targets,
            targets => format!(" — {targets}"),
        };
        let note = format!("{verb} {code} của «{}»: {}{targets}", cut(&other.plan.title, 70), cut(&item.text, 110));
        if let Some(row) = table.rows.get_mut(row) {
            row.also.push(note);
        }
    }
    Ok(())
}

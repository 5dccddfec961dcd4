//! `chitieu link CHILD PARENT…`: the links the matcher proposes from a lower-level plan's items
//! to the items of the plans it carries out (each plan by id or key, as `plans show` takes
//! them), as JSON (`{"links": [{"from": ITEM, "to": [ITEM, …], "score": 0.93}]}`, item keys as
//! `plans show --format json` prints them) or as a table of codes and words.

use anyhow::{Context as _, bail};
use chitieu_core::Item;
use chitieu_core::cascade::number;
use chitieu_core::display::number_vi;
use chitieu_core::link::{LinkItem, Proposal, propose};
use chitieu_store::{SqlStore, StoredPlan};
use clap::Args;
use comfy_table::{ContentArrangement, Table};
use serde::Serialize;

use crate::OutputFormat;
use crate::plans::find_plan;

#[derive(Debug, Args)]
pub struct LinkArgs {
    /// The lower-level plan: its id, or its key (the latest version).
    child: String,
    /// The plans it carries out, each by id or key.
    #[arg(required = true)]
    parents: Vec<String>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    format: OutputFormat,
}

/// One child item with proposals, as the JSON prints it.
#[derive(Debug, Serialize)]
struct LinkLine<'a> {
    /// The child item's key.
    from: &'a str,
    /// The proposed parent items' keys, best first.
    to: Vec<&'a str>,
    /// The best candidate's score.
    score: f64,
    /// Every candidate's score, beside `to`.
    scores: Vec<f64>,
    /// The child item's number (its code, with the section when codes restart: "II.5").
    from_code: Option<String>,
}

pub async fn run(store: &SqlStore, args: LinkArgs) -> anyhow::Result<()> {
    let child = find_plan(store, &args.child).await.with_context(|| format!("plan \"{}\"", args.child))?;
    let mut parents: Vec<StoredPlan> = Vec::new();
    for name in &args.parents {
        let parent = find_plan(store, name).await.with_context(|| format!("parent plan \"{name}\""))?;
        if parent.key == child.key {
            bail!("parent plan \"{name}\" is the plan \"{}\" itself; name the plans it carries out", args.child);
        }
        parents.push(parent);
    }
    let child_items = child.link_items();
    let parent_items: Vec<LinkItem<'_>> = parents.iter().flat_map(StoredPlan::link_items).collect();
    let proposals: Vec<Proposal> =
        propose(&child_items, &parent_items).into_iter().filter(|p| !p.to.is_empty()).collect();
    if args.format == OutputFormat::Json {
        let links: Vec<LinkLine<'_>> = proposals
            .iter()
            .map(|p| LinkLine {
                from: &p.from,
                to: p.to.iter().map(|c| c.key.as_str()).collect(),
                score: p.to[0].score,
                scores: p.to.iter().map(|c| c.score).collect(),
                from_code: find_item(&[&child], &p.from).and_then(|(_, item)| number(item)),
            })
            .collect();
        crate::say!("{}", serde_json::to_string_pretty(&serde_json::json!({ "links": links }))?);
        return Ok(());
    }
    let parent_refs: Vec<&StoredPlan> = parents.iter().collect();
    let short = |text: &str| {
        let mut cut: String = text.chars().take(70).collect();
        if text.chars().count() > 70 {
            cut.push('…');
        }
        cut
    };
    let mut table = Table::new();
    table.set_content_arrangement(ContentArrangement::DynamicFullWidth).set_width(160);
    table.set_header(["Số", "Nội dung", "Kế hoạch cấp trên", "Số cấp trên", "Nội dung cấp trên", "Điểm"]);
    for proposal in &proposals {
        let (code, text) = find_item(&[&child], &proposal.from)
            .map(|(_, item)| (number(item).unwrap_or_default(), short(&item.text)))
            .unwrap_or_default();
        for (n, candidate) in proposal.to.iter().enumerate() {
            let (plan, parent_code, parent_text) = find_item(&parent_refs, &candidate.key)
                .map(|(plan, item)| (plan.id.to_string(), number(item).unwrap_or_default(), short(&item.text)))
                .unwrap_or_default();
            let (code, text) = if n == 0 { (code.clone(), text.clone()) } else { (String::new(), String::new()) };
            table.add_row([
                code,
                text,
                plan,
                parent_code,
                parent_text,
                number_vi((candidate.score * 100.0).round() / 100.0),
            ]);
        }
    }
    let linked = proposals.len();
    let items = child.plan.items.iter().filter(|i| i.kind != chitieu_core::ItemKind::Group).count();
    crate::say!("{} — {linked}/{items} mục có đề xuất liên kết", child.plan.title);
    crate::say!("{table}");
    Ok(())
}

/// The plan and the item with this key among `plans`.
fn find_item<'a>(plans: &[&'a StoredPlan], key: &str) -> Option<(&'a StoredPlan, &'a Item)> {
    plans.iter().find_map(|plan| {
        let index = plan.items.iter().position(|i| i.key == key)?;
        Some((*plan, &plan.plan.items[index]))
    })
}

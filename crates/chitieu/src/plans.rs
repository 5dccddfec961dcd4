//! `chitieu import`, `chitieu plans list|show` and `chitieu obligations`: plans in the store.

use std::path::PathBuf;

use anyhow::{Context as _, bail};
pub use chitieu_app::plans::Origin;
use chitieu_app::plans::{Document, Publisher, publish};
use chitieu_core::period::Period;
use chitieu_core::registry::{OrgId, Registry, Resolution};
use chitieu_store::{ImportOutcome, ImportStatus, Level, SqlStore, StoredPlan};
use clap::{Args, Subcommand};
use comfy_table::Table;
use indicatif::{ProgressBar, ProgressStyle};

use crate::OutputFormat;
use crate::db::{actor, now};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The plan documents.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The unit that issues the plans, by name ("UBND tỉnh Ninh Bình").
    #[arg(long)]
    issuer: Option<String>,
    /// province, city or commune.
    #[arg(long, value_parser = ["province", "city", "commune"])]
    level: Option<String>,
    /// The key of the plan these carry out (see `chitieu plans list`).
    #[arg(long)]
    parent: Option<String>,
    /// The plan's key; by default the issuer and the title. Only with one file.
    #[arg(long)]
    key: Option<String>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    format: OutputFormat,
}

#[derive(Debug, Subcommand)]
pub enum PlansCommand {
    /// Every stored plan version.
    List {
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// One plan as stored: the plan JSON of `chitieu parse` with ids, keys and resolved units.
    Show {
        /// The plan's id, or its key (the latest version).
        plan: String,
        #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
        format: OutputFormat,
    },
    /// Settle a name the import could not resolve: it means this unit or group (kept for later
    /// versions of the plan).
    Confirm {
        /// The plan's id, or its key (the latest version).
        plan: String,
        /// The name as the document writes it ("VP HỖND - UBND").
        name: String,
        /// The registered unit or group it means ("Văn phòng HĐND - UBND").
        #[arg(long = "as")]
        meaning: String,
    },
}

pub async fn import(store: &SqlStore, args: ImportArgs) -> anyhow::Result<()> {
    if args.key.is_some() && args.files.len() > 1 {
        bail!("--key names one plan: give one file with it");
    }
    let registry = store.registry().await?;
    if registry.orgs.is_empty() {
        eprintln!(
            "chitieu: the registry is empty, so no unit name can be resolved; load it first with \
             `chitieu orgs import --builtin` or `chitieu orgs import FILE`"
        );
    }
    let issuer = args.issuer.as_deref().map(|name| org_named(&registry, name, None)).transpose().context("--issuer")?;
    let level = args.level.as_deref().and_then(Level::parse);
    let progress = (args.files.len() > 1).then(|| {
        let bar = ProgressBar::new(args.files.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}").unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let (actor, at) = (actor(), now());
    let mut outcomes = Vec::new();
    for file in &args.files {
        if let Some(bar) = &progress {
            bar.set_message(file.display().to_string());
        }
        let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
        let name = file.display().to_string();
        let origin = Origin { issuer, level, parent_key: args.parent.as_deref(), key: args.key.as_deref() };
        let outcome = store_document(store, &name, &bytes, origin, &actor, &at).await?;
        outcomes.push((name, outcome));
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if args.format == OutputFormat::Json {
        let value: Vec<serde_json::Value> =
            outcomes.iter().map(|(file, o)| serde_json::json!({ "file": file, "outcome": o })).collect();
        crate::say!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        for (file, outcome) in &outcomes {
            print_outcome(file, outcome)?;
        }
    }
    Ok(())
}

/// Reads one plan document and stores it (a new version when it amends a stored plan).
pub async fn store_document(
    store: &SqlStore,
    name: &str,
    bytes: &[u8],
    origin: Origin<'_>,
    actor: &str,
    at: &str,
) -> anyhow::Result<ImportOutcome> {
    let plan = crate::parse::read_with_progress(name, bytes)?;
    let document = Document { name, bytes, plan: &plan };
    let who = Publisher::Operator { name: actor };
    publish(store, who, document, origin, &[], at).await.with_context(|| format!("{name}: not stored"))
}

/// The registered unit with this name (under `scope` first), or an error that names the
/// nearest one.
pub fn org_named(registry: &Registry, name: &str, scope: Option<OrgId>) -> anyhow::Result<OrgId> {
    match registry.resolve(name, scope) {
        Resolution::Org { id } => Ok(id),
        Resolution::Proposed { candidates } => {
            bail!("\"{name}\" is not a registered unit; did you mean \"{}\"?", candidates[0].name)
        }
        _ => bail!("\"{name}\" is not a registered unit (see `chitieu orgs list`)"),
    }
}

fn print_outcome(file: &str, o: &ImportOutcome) -> anyhow::Result<()> {
    let status = match o.status {
        ImportStatus::New => "mới",
        ImportStatus::Amended => "sửa đổi (phiên bản mới)",
        ImportStatus::Unchanged => "không đổi",
    };
    crate::say!("{file}: kế hoạch {} (mã {}, phiên bản {}, {status})", o.plan_id, o.key, o.version);
    crate::say!(
        "  {} mục, {} chỉ tiêu, {} nhiệm vụ, {} mức chỉ tiêu; {}/{} tên đơn vị đã xác định; {} cảnh báo",
        o.items,
        o.indicators,
        o.tasks,
        o.targets,
        o.resolved,
        o.assignments,
        o.warnings
    );
    if let Some(diff) = &o.diff {
        crate::say!(
            "  so với phiên bản trước: {} thêm, {} bỏ, {} thay đổi",
            diff.added.len(),
            diff.removed.len(),
            diff.changed.len()
        );
        for change in &diff.changed {
            crate::say!(
                "    đổi {} {}: {}",
                change.new.section.as_deref().unwrap_or(""),
                change.new.code.as_deref().unwrap_or(""),
                change.fields.join(", ")
            );
        }
        for (verb, items) in [("thêm", &diff.added), ("bỏ", &diff.removed)] {
            for item in items {
                let (section, code) = (item.section.as_deref().unwrap_or(""), item.code.as_deref().unwrap_or(""));
                crate::say!("    {verb} {section} {code}: {}", item.text);
            }
        }
    }
    for name in &o.unresolved {
        let proposal = name.proposals.first().map_or_else(
            || "không có tên gần đúng".to_owned(),
            |c| format!("có phải \"{}\" ({:.2})?", c.name, c.score),
        );
        crate::say!("  chưa xác định (dòng {}): \"{}\" — {proposal}", name.line, name.name);
    }
    Ok(())
}

pub async fn run(store: &SqlStore, command: PlansCommand) -> anyhow::Result<()> {
    match command {
        PlansCommand::List { format } => {
            let plans = store.plans().await?;
            if format == OutputFormat::Json {
                crate::say!("{}", serde_json::to_string_pretty(&plans)?);
                return Ok(());
            }
            let mut table = Table::new();
            table.set_header(["Mã", "Khóa", "Phiên bản", "Trạng thái", "Tên", "Cấp", "Mục", "Chỉ tiêu", "Tệp"]);
            for p in plans {
                table.add_row([
                    p.id.to_string(),
                    p.key,
                    p.version.to_string(),
                    p.status.to_string(),
                    p.title,
                    p.level.map(|l| l.to_string()).unwrap_or_default(),
                    p.items.to_string(),
                    p.indicators.to_string(),
                    p.source_file,
                ]);
            }
            crate::say!("{table}");
            Ok(())
        }
        PlansCommand::Confirm { plan, name, meaning } => {
            let stored = find_plan(store, &plan).await?;
            let choice = match store.registry().await?.resolve(&meaning, stored.issuer_id) {
                choice @ (Resolution::Org { .. } | Resolution::Group { .. }) => choice,
                Resolution::Proposed { candidates } => {
                    bail!(
                        "--as \"{meaning}\" is not a registered unit or group; did you mean \"{}\"?",
                        candidates[0].name
                    )
                }
                Resolution::Unresolved => bail!("--as \"{meaning}\" is not a registered unit or group"),
            };
            let changed = store.confirm_name(stored.id, &name, &choice, &actor(), &now()).await?;
            crate::say!("kế hoạch {}: \"{name}\" là \"{meaning}\" ({changed} phân công)", stored.id);
            Ok(())
        }
        PlansCommand::Show { plan, format } => {
            let stored = find_plan(store, &plan).await?;
            match format {
                OutputFormat::Json => crate::say!("{}", serde_json::to_string_pretty(&stored.to_json()?)?),
                OutputFormat::Table => {
                    crate::say!(
                        "Kế hoạch {} — khóa {} — phiên bản {} ({})",
                        stored.id,
                        stored.key,
                        stored.version,
                        stored.status
                    );
                    crate::parse::write_table(&mut std::io::stdout().lock(), &stored.plan)?;
                }
            }
            Ok(())
        }
    }
}

/// A plan by id, else the latest version with that key.
pub(crate) async fn find_plan(store: &SqlStore, plan: &str) -> anyhow::Result<StoredPlan> {
    match plan.parse::<i64>() {
        Ok(id) => Ok(store.plan(id).await?),
        Err(_) => Ok(store.latest_plan(plan).await?),
    }
}

pub async fn obligations(store: &SqlStore, plan: &str, period: &str, format: OutputFormat) -> anyhow::Result<()> {
    let period = Period::parse(period)
        .with_context(|| format!("--period \"{period}\" is not a period; write 2026-Q2, Quý II/2026 or 2026"))?;
    let stored = find_plan(store, plan).await?;
    let owed = store.obligations(stored.id, period).await?;
    if format == OutputFormat::Json {
        crate::say!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({ "plan": stored.id, "period": period.to_string(), "obligations": owed })
            )?
        );
        return Ok(());
    }
    let registry = store.registry().await?;
    let org_name = |id: i64| registry.orgs.iter().find(|o| o.id == id).map(|o| o.name.clone()).unwrap_or_default();
    let group_name = |id: i64| registry.groups.iter().find(|g| g.id == id).map(|g| g.name.clone()).unwrap_or_default();
    let mut table = Table::new();
    table.set_header(["Mục", "Số", "Chỉ tiêu / nhiệm vụ", "Đơn vị báo cáo", "Qua nhóm", "Hạn", "Kết quả cuối"]);
    for o in &owed {
        let Some(index) = stored.items.iter().position(|i| i.key == o.item_key) else { continue };
        let item = &stored.plan.items[index];
        let text: String = item.text.chars().take(70).collect();
        table.add_row([
            item.section.clone().unwrap_or_default(),
            item.code.clone().unwrap_or_default(),
            text,
            org_name(o.org),
            o.via_group.map(group_name).unwrap_or_default(),
            o.due.to_string(),
            if o.final_report { "có".to_owned() } else { String::new() },
        ]);
    }
    crate::say!("{} — kỳ {period}: {} nghĩa vụ báo cáo", stored.plan.title, owed.len());
    crate::say!("{table}");
    Ok(())
}

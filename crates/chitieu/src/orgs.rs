//! `chitieu orgs import|list`: the registry of units and groups.

use std::path::PathBuf;

use anyhow::{Context as _, bail};
use chitieu_core::registry::OrgKind;
use chitieu_import::registry::{RegistryFile, read_registry};
use chitieu_store::{RegistryOutcome, SqlStore};
use clap::Subcommand;
use comfy_table::Table;

use crate::OutputFormat;
use crate::db::{actor, now};

/// The built-in Ninh Bình registry (fixtures/registry): real provincial bodies and groups,
/// and a few sample communes marked as samples.
pub const BUILTIN: [(&str, &str); 2] = [
    ("ninh-binh-orgs.csv", include_str!("../../../fixtures/registry/ninh-binh-orgs.csv")),
    ("ninh-binh-groups.csv", include_str!("../../../fixtures/registry/ninh-binh-groups.csv")),
];

#[derive(Debug, Subcommand)]
pub enum OrgsCommand {
    /// Add or update units or groups from a .csv/.xlsx file (by name; nothing is deleted).
    Import {
        /// The file; a header row names the columns (see fixtures/registry/README.md).
        #[arg(required_unless_present = "builtin")]
        file: Option<PathBuf>,
        /// Load the built-in Ninh Bình registry instead.
        #[arg(long, conflicts_with = "file")]
        builtin: bool,
    },
    /// List the units, with their kind, parent and aliases.
    List {
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
}

pub async fn run(store: &SqlStore, command: OrgsCommand) -> anyhow::Result<()> {
    match command {
        OrgsCommand::Import { builtin: true, .. } => load_builtin(store).await,
        OrgsCommand::Import { file: Some(file), .. } => {
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let outcome = import_file(store, &file.display().to_string(), &bytes).await?;
            crate::say!("{}: {}", file.display(), describe(&outcome));
            Ok(())
        }
        OrgsCommand::Import { .. } => bail!("name a registry file or --builtin"),
        OrgsCommand::List { format } => list(store, format).await,
    }
}

/// Loads the built-in registry (idempotent: a second load changes nothing).
pub async fn load_builtin(store: &SqlStore) -> anyhow::Result<()> {
    for (name, text) in BUILTIN {
        let outcome = import_file(store, name, text.as_bytes()).await?;
        crate::say!("{name}: {}", describe(&outcome));
    }
    Ok(())
}

async fn import_file(store: &SqlStore, name: &str, bytes: &[u8]) -> anyhow::Result<RegistryOutcome> {
    let (actor, at) = (actor(), now());
    Ok(match read_registry(name, bytes)? {
        RegistryFile::Orgs(records) => {
            store.import_orgs(&records, &actor, &at).await.with_context(|| format!("{name}: units not imported"))?
        }
        RegistryFile::Groups(records) => {
            store.import_groups(&records, &actor, &at).await.with_context(|| format!("{name}: groups not imported"))?
        }
    })
}

fn describe(outcome: &RegistryOutcome) -> String {
    format!("{} added, {} updated, {} unchanged", outcome.created, outcome.updated, outcome.unchanged)
}

async fn list(store: &SqlStore, format: OutputFormat) -> anyhow::Result<()> {
    let registry = store.registry().await?;
    if format == OutputFormat::Json {
        let value = serde_json::json!({ "orgs": registry.orgs, "groups": registry.groups });
        crate::say!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(());
    }
    let name_of = |id: Option<i64>| {
        id.and_then(|id| registry.orgs.iter().find(|o| o.id == id)).map(|o| o.name.clone()).unwrap_or_default()
    };
    let mut table = Table::new();
    table.set_header(["Mã", "Tên đơn vị", "Loại", "Cấp trên", "Tên khác", "Hiệu lực"]);
    for org in &registry.orgs {
        let active = match (org.active_from, org.active_to) {
            (None, None) => String::new(),
            (from, to) => format!(
                "{} – {}",
                from.map(|d| d.to_string()).unwrap_or_default(),
                to.map(|d| d.to_string()).unwrap_or_default()
            ),
        };
        let kind = if org.sample { format!("{} (mẫu)", kind_vi(org.kind)) } else { kind_vi(org.kind).to_owned() };
        table.add_row([
            org.id.to_string(),
            org.name.clone(),
            kind,
            name_of(org.parent),
            org.aliases.join("; "),
            active,
        ]);
    }
    crate::say!("{table}");
    let mut groups = Table::new();
    groups.set_header(["Mã", "Nhóm", "Thành viên theo loại", "Thuộc", "Thành viên", "Tên khác"]);
    for group in &registry.groups {
        let members: Vec<String> = group.members.iter().map(|id| name_of(Some(*id))).collect();
        groups.add_row([
            group.id.to_string(),
            group.name.clone(),
            group.member_kind.map(kind_vi).unwrap_or_default().to_owned(),
            name_of(group.scope),
            members.join("; "),
            group.aliases.join("; "),
        ]);
    }
    crate::say!("{groups}");
    Ok(())
}

fn kind_vi(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::Province => "tỉnh",
        OrgKind::Department => "sở, ban, ngành",
        OrgKind::Commune => "xã, phường",
        OrgKind::Office => "phòng, văn phòng",
        OrgKind::PartyBody => "cơ quan đảng",
        OrgKind::Enterprise => "doanh nghiệp",
        OrgKind::Police => "công an",
        OrgKind::Bank => "ngân hàng",
        OrgKind::School => "trường học",
        OrgKind::Other => "khác",
    }
}

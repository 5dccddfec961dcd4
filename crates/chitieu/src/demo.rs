//! `chitieu demo`: the web app on a fresh SQLite file holding the built-in registry, the five
//! seed plans and one account per role, so the product can be seen without any setup; with
//! `--scale national`, on a synthetic country instead (see `crate::national`).

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use chitieu_core::period::Period;
use chitieu_store::{Backend, Level, NewUser, SqlStore, UserRole};
use clap::{Args, ValueEnum};
use comfy_table::Table;

use crate::db::{actor, now, open};
use crate::plans::{Origin, org_named, store_document};

/// The demo database unless `--db` names another.
pub const DEFAULT_DB: &str = "sqlite:chitieu-demo.db";
/// Every demo account's password.
pub const PASSWORD: &str = "chitieu-demo";

/// The seed plans (fixtures/seeds) and who issued them.
const SEEDS: [(&str, &[u8], &str, Level); 5] = [
    (
        "000_ba049f6006c8a0fd.txt",
        include_bytes!("../../../fixtures/seeds/000_ba049f6006c8a0fd.txt"),
        "UBND tỉnh Ninh Bình",
        Level::Province,
    ),
    (
        "001_17a873d483c376bb.txt",
        include_bytes!("../../../fixtures/seeds/001_17a873d483c376bb.txt"),
        "Thành phố Tam Điệp",
        Level::City,
    ),
    (
        "002_1676413b76eb692c.txt",
        include_bytes!("../../../fixtures/seeds/002_1676413b76eb692c.txt"),
        "UBND tỉnh Ninh Bình",
        Level::Province,
    ),
    (
        "003_683dc05f664d02ec.txt",
        include_bytes!("../../../fixtures/seeds/003_683dc05f664d02ec.txt"),
        "UBND tỉnh Ninh Bình",
        Level::Province,
    ),
    (
        "004_b92706629730df53.txt",
        include_bytes!("../../../fixtures/seeds/004_b92706629730df53.txt"),
        "Xã Gia Viễn (mẫu)",
        Level::Commune,
    ),
];

const COMMUNE: &str = "Xã Gia Viễn (mẫu)";

/// One account per role: user name, display name, role, unit and (for a name that repeats)
/// the unit it belongs to.
const ACCOUNTS: [(&str, &str, UserRole, &str, Option<&str>); 6] = [
    ("admin", "Quản trị hệ thống", UserRole::Admin, "UBND tỉnh Ninh Bình", None),
    ("lanhdao", "Lãnh đạo UBND tỉnh", UserRole::Leader, "UBND tỉnh Ninh Bình", None),
    ("giamsat", "Chuyên viên Sở KH&CN", UserRole::Monitor, "Sở Khoa học và Công nghệ", None),
    ("baocao", "Cán bộ Văn phòng xã Gia Viễn", UserRole::Reporter, "Văn phòng HĐND - UBND", Some(COMMUNE)),
    ("duyet", "Chánh Văn phòng xã Gia Viễn", UserRole::Approver, "Văn phòng HĐND - UBND", Some(COMMUNE)),
    (
        "giamsatxa",
        "Cán bộ Phòng Văn hóa - Xã hội xã Gia Viễn",
        UserRole::Monitor,
        "Phòng Văn hóa - Xã hội",
        Some(COMMUNE),
    ),
];

/// What `chitieu demo` builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scale {
    /// The built-in Ninh Bình registry, the five seed plans and a few reports.
    Seeds,
    /// A synthetic country: 34 provinces, 3,321 communes, 20 quarters of reports (SQLite or
    /// PostgreSQL; a PostgreSQL database must be empty).
    National,
}

#[derive(Debug, Clone, Args)]
pub struct DemoOptions {
    #[arg(long, value_enum, default_value_t = Scale::Seeds)]
    pub scale: Scale,
    /// Build the database and stop instead of serving it.
    #[arg(long)]
    pub no_serve: bool,
    #[command(flatten)]
    pub national: crate::national::Options,
}

pub async fn run(url: &str, listen: SocketAddr, options: DemoOptions) -> anyhow::Result<()> {
    let (store, accounts) = match options.scale {
        Scale::Seeds => seeds(url).await?,
        Scale::National => national(url, &options.national).await?,
    };
    if options.no_serve {
        crate::say!("{accounts}");
        return Ok(());
    }
    crate::serve::run(store, listen, |address| {
        crate::say!("\nchitieu demo: http://{address}/ (Ctrl-C to stop)\n{accounts}");
        Ok(())
    })
    .await
}

/// The seeds demo: a fresh SQLite file with the built-in registry, the seeds and their reports.
async fn seeds(url: &str) -> anyhow::Result<(SqlStore, Table)> {
    recreate(url)?;
    let store = open(url).await?;
    crate::orgs::load_builtin(&store).await?;
    let registry = store.registry().await?;
    let (actor, at) = (actor(), now());
    let mut plan_ids = Vec::new();
    for (name, bytes, issuer, level) in SEEDS {
        let origin =
            Origin { issuer: Some(org_named(&registry, issuer, None)?), level: Some(level), ..Origin::default() };
        let outcome = store_document(&store, name, bytes, origin, &actor, &at).await?;
        crate::say!("{name}: kế hoạch {} ({} mục)", outcome.plan_id, outcome.items);
        plan_ids.push(outcome.plan_id);
    }
    let mut accounts = Vec::new();
    for (username, display_name, role, org, under) in ACCOUNTS {
        let scope = under.map(|u| org_named(&registry, u, None)).transpose()?;
        let unit = under.map_or_else(|| org.to_owned(), |u| format!("{org} ({u})"));
        accounts.push((username, display_name, role, org_named(&registry, org, scope)?, unit));
    }
    let accounts = add_accounts(&store, &accounts).await?;
    let commune = org_named(&registry, COMMUNE, None)?;
    let office = org_named(&registry, "Văn phòng HĐND - UBND", Some(commune))?;
    let monitor = org_named(&registry, ACCOUNTS[2].3, None)?;
    let reports = crate::demo_reports::create(&store, plan_ids[4], office, plan_ids[0], monitor).await?;
    crate::say!("{reports} báo cáo mẫu (đã duyệt, bị trả lại, đang soạn, chờ duyệt)");
    // Three quarters of reports on the province's appendix (000) and the commune's plan (004),
    // for the dashboards.
    let quarters: Vec<Period> = (1..=3).filter_map(|q| Period::quarter(2026, q)).collect();
    let history = crate::demo_history::create(&store, &[plan_ids[0], plan_ids[4]], &quarters).await?;
    crate::say!("{history} báo cáo quý I–III/2026 cho các trang tổng quan");
    Ok((store, accounts))
}

/// The national demo: a fresh SQLite file, or an empty PostgreSQL database, holding the
/// synthetic country.
async fn national(url: &str, options: &crate::national::Options) -> anyhow::Result<(SqlStore, Table)> {
    let store = if Backend::of(url)? == Backend::Sqlite {
        recreate(url)?;
        open(url).await?
    } else {
        let store = open(url).await?;
        let units = store.orgs().await?.len();
        if units > 0 {
            bail!("the national demo fills an empty database, and this one holds {units} units; give a new one");
        }
        store
    };
    let summary = crate::national::build(&store, options).await?;
    crate::say!("{summary}");
    let accounts = crate::national::accounts(&store.registry().await?)?;
    let accounts = add_accounts(&store, &accounts).await?;
    Ok((store, accounts))
}

/// Adds the demo accounts (all with [`PASSWORD`]) and lists them.
async fn add_accounts(store: &SqlStore, accounts: &[crate::national::Account]) -> anyhow::Result<Table> {
    let (actor, at) = (actor(), now());
    let mut table = Table::new();
    table.set_header(["Tên đăng nhập", "Mật khẩu", "Vai trò", "Đơn vị"]);
    let password_hash = crate::users::hash(PASSWORD)?;
    for (username, display_name, role, org, unit) in accounts {
        let user = NewUser {
            username: (*username).to_owned(),
            display_name: (*display_name).to_owned(),
            org: Some(*org),
            role: *role,
            password_hash: password_hash.clone(),
            email: None,
        };
        store.add_user(user, &actor, &at).await?;
        table.add_row([username, PASSWORD, role.as_str(), unit]);
    }
    Ok(table)
}

/// Removes the demo's SQLite file (and its WAL files) so each run starts fresh. Only a file
/// whose name says it is a demo is removed: a real database is never wiped by mistake.
fn recreate(url: &str) -> anyhow::Result<()> {
    let Some(rest) = url.strip_prefix("sqlite:") else {
        bail!("the demo runs on an SQLite file (--db sqlite:FILE), not on {url}");
    };
    let path = PathBuf::from(rest.trim_start_matches("//").split('?').next().unwrap_or_default());
    let named_demo = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.contains("demo"));
    if !named_demo {
        bail!(
            "the demo recreates its database on every run; give a file whose name contains \"demo\" (not {})",
            path.display()
        );
    }
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(e).with_context(|| format!("cannot remove {}", file.display()));
            }
            _ => {}
        }
    }
    Ok(())
}

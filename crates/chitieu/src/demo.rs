//! `chitieu demo`: the web app on a fresh SQLite file holding the built-in registry, the five
//! seed plans and one account per role, so the product can be seen without any setup.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use chitieu_store::{Level, NewUser, Store as _, UserRole};
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

pub async fn run(url: &str, listen: SocketAddr) -> anyhow::Result<()> {
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
    let mut accounts = Table::new();
    accounts.set_header(["Tên đăng nhập", "Mật khẩu", "Vai trò", "Đơn vị"]);
    let password_hash = crate::users::hash(PASSWORD)?;
    for (username, display_name, role, org, under) in ACCOUNTS {
        let scope = under.map(|u| org_named(&registry, u, None)).transpose()?;
        let user = NewUser {
            username: username.to_owned(),
            display_name: display_name.to_owned(),
            org: Some(org_named(&registry, org, scope)?),
            role,
            password_hash: password_hash.clone(),
        };
        store.add_user(user, &actor, &at).await?;
        let unit = under.map_or_else(|| org.to_owned(), |u| format!("{org} ({u})"));
        accounts.add_row([username, PASSWORD, role.as_str(), &unit]);
    }
    let commune = org_named(&registry, COMMUNE, None)?;
    let office = org_named(&registry, "Văn phòng HĐND - UBND", Some(commune))?;
    let monitor = org_named(&registry, ACCOUNTS[2].3, None)?;
    let reports = crate::demo_reports::create(&store, plan_ids[4], office, plan_ids[0], monitor).await?;
    crate::say!("{reports} báo cáo mẫu (đã duyệt, bị trả lại, đang soạn, chờ duyệt)");
    crate::serve::run(store, listen, |address| {
        crate::say!("\nchitieu demo: http://{address}/ (Ctrl-C to stop)\n{accounts}");
        Ok(())
    })
    .await
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

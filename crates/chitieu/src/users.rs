//! `chitieu user add|list|passwd`: accounts, each tied to a unit with one role. Passwords are
//! read from standard input (without echo at a terminal) and stored only as argon2id hashes.

use std::io::{BufRead as _, IsTerminal as _, Write as _};

use anyhow::{Context as _, bail};
use chitieu_store::{NewUser, SqlStore, UserRole};
use clap::Subcommand;
use comfy_table::Table;

use crate::db::{actor, now};
use crate::plans::org_named;

/// Shorter passwords are refused.
const MIN_PASSWORD_CHARS: usize = 8;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add an account; the password is read from standard input.
    Add {
        /// One word, case-insensitive.
        username: String,
        /// The person's name as pages show it.
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["admin", "leader", "monitor", "reporter", "approver"])]
        role: String,
        /// The unit the account works for, by name ("Sở Khoa học và Công nghệ").
        #[arg(long)]
        org: Option<String>,
        /// The unit `--org` belongs to, when its name repeats ("Xã Gia Viễn (mẫu)").
        #[arg(long, requires = "org")]
        under: Option<String>,
        /// Where reminders are mailed (without one: in-app notices only).
        #[arg(long)]
        email: Option<String>,
    },
    /// List the accounts.
    List,
    /// Set an account's password (read from standard input); its open sessions end.
    Passwd { username: String },
}

pub async fn run(store: &SqlStore, command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add { username, name, role, org, under, email } => {
            let role = UserRole::parse(&role).context("unknown role")?;
            let registry = store.registry().await?;
            let scope = under.as_deref().map(|u| org_named(&registry, u, None)).transpose().context("--under")?;
            let org = org.as_deref().map(|o| org_named(&registry, o, scope)).transpose().context("--org")?;
            let password_hash = hash(&read_password("Mật khẩu")?)?;
            let user = NewUser { username, display_name: name, org, role, password_hash, email };
            let user = store.add_user(user, &actor(), &now()).await?;
            crate::say!("{}: tài khoản đã tạo ({})", user.username, user.role.as_str());
        }
        UserCommand::List => {
            let registry = store.registry().await?;
            let mut table = Table::new();
            table.set_header(["Tên đăng nhập", "Họ tên", "Vai trò", "Đơn vị", "E-mail", "Hoạt động"]);
            for user in store.users().await? {
                let org = user.org.and_then(|id| registry.orgs.iter().find(|o| o.id == id)).map(|o| o.name.clone());
                let active = if user.active { "có" } else { "không" };
                table.add_row([
                    user.username,
                    user.display_name,
                    user.role.as_str().to_owned(),
                    org.unwrap_or_default(),
                    user.email.unwrap_or_default(),
                    active.to_owned(),
                ]);
            }
            crate::say!("{table}");
        }
        UserCommand::Passwd { username } => {
            let password_hash = hash(&read_password("Mật khẩu mới")?)?;
            let user = store.set_password(&username, &password_hash, &actor(), &now()).await?;
            crate::say!("{}: mật khẩu đã đổi", user.username);
        }
    }
    Ok(())
}

pub fn hash(password: &str) -> anyhow::Result<String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        bail!("the password must have at least {MIN_PASSWORD_CHARS} characters");
    }
    Ok(chitieu_app::hash_password(password)?)
}

/// One line from standard input; at a terminal, a prompt and no echo (through `stty`).
fn read_password(prompt: &str) -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    let terminal = stdin.is_terminal();
    let stty = |arg: &str| {
        let _ = std::process::Command::new("stty").arg(arg).stdin(std::process::Stdio::inherit()).status();
    };
    if terminal {
        eprint!("{prompt}: ");
        std::io::stderr().flush()?;
        stty("-echo");
    }
    let mut line = String::new();
    let read = stdin.lock().read_line(&mut line);
    if terminal {
        stty("echo");
        eprintln!();
    }
    read.context("cannot read the password")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

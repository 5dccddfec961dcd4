//! The server's settings, one typed struct read in three layers: the defaults, then a TOML file
//! (`--config FILE`), then `CHITIEU_…` environment variables (`CHITIEU_SMTP_HOST`,
//! `CHITIEU_REMINDERS_BEFORE_DAYS="[7, 1]"`: section and key joined by `_`). Read with figment,
//! whose errors say which file or variable held the bad value; unknown keys are refused, so a
//! misspelt setting is never silently ignored. The SMTP password never shows in `Debug`.
//!
//! ```toml
//! [server]
//! public_url = "https://chitieu.ninhbinh.gov.vn"  # https: `__Host-` Secure cookies and HSTS
//! trusted_proxy = "127.0.0.1"    # the reverse proxy whose X-Forwarded-For is believed
//! session_idle_minutes = 30      # a session unused this long ends
//!
//! [smtp]
//! host = "mail.ninhbinh.gov.vn"
//! port = 587                     # default: 25, 587 or 465 by `tls`
//! tls = "starttls"               # "none", "starttls" or "tls"
//! username = "chitieu"
//! password = "…"                 # better: CHITIEU_SMTP_PASSWORD
//! from = "chitieu <chitieu@ninhbinh.gov.vn>"
//!
//! [reminders]
//! enabled = true
//! before_days = [7, 1]
//! on_due_date = true
//! escalate_after_days = [1, 7, 14]
//! tick_seconds = 900
//! send_hour = 7                  # local time, from which a day's digests go out
//! utc_offset_hours = 7           # Việt Nam
//! site_url = "https://chitieu.ninhbinh.gov.vn"
//! ```

use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use chitieu_core::reminder::ReminderPolicy;
use figment::Figment;
use figment::providers::{Env, Format as _, Serialized, Toml};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Everything the server can be told beyond its command line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub server: ServerConfig,
    pub smtp: SmtpConfig,
    pub reminders: RemindersConfig,
}

/// How the app meets the network: the address people open it at, the proxy in front of it,
/// and how long an unused session stays open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerConfig {
    /// The address people open the app at. When it is `https://…`, the cookies are `Secure` and
    /// the session's is named `__Host-chitieu_session` (no other site, no plain-http page can set
    /// it), and answers carry HSTS. Also the link in reminder e-mails when `reminders.site_url`
    /// is not given.
    pub public_url: Option<String>,
    /// The reverse proxy in front of the app: only from this address is `X-Forwarded-For`
    /// believed for the client's address (sign-in limits). None: the socket's peer is the client.
    pub trusted_proxy: Option<IpAddr>,
    /// A session unused for this long ends (the 10-hour limit from sign-in holds regardless).
    pub session_idle_minutes: u32,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig { public_url: None, trusted_proxy: None, session_idle_minutes: 30 }
    }
}

impl ServerConfig {
    /// Whether people reach the app over https.
    pub fn is_https(&self) -> bool {
        self.public_url.as_deref().is_some_and(|url| url.starts_with("https://"))
    }
}

/// How the server reaches its mail server. Without a host, no mail goes out (in-app notices
/// still do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmtpConfig {
    pub host: Option<String>,
    /// The port; by default 25 (`none`), 587 (`starttls`) or 465 (`tls`).
    pub port: Option<u16>,
    pub tls: TlsMode,
    pub username: Option<String>,
    pub password: Option<Secret>,
    /// The sender, `name@domain` or `Name <name@domain>`.
    pub from: String,
    /// How long one conversation with the server may take.
    pub timeout_seconds: u64,
}

impl Default for SmtpConfig {
    fn default() -> Self {
        SmtpConfig {
            host: None,
            port: None,
            tls: TlsMode::Starttls,
            username: None,
            password: None,
            from: "chitieu <chitieu@localhost>".to_owned(),
            timeout_seconds: 30,
        }
    }
}

impl SmtpConfig {
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(match self.tls {
            TlsMode::None => 25,
            TlsMode::Starttls => 587,
            TlsMode::Tls => 465,
        })
    }
}

/// How the SMTP conversation is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TlsMode {
    /// Plain text: only for a server on this machine or a trusted network.
    None,
    /// Plain, then upgraded with STARTTLS (required: never falls back to plain).
    Starttls,
    /// TLS from the first byte (SMTPS).
    Tls,
}

/// When reminders go out. See [`ReminderPolicy`] for the days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RemindersConfig {
    /// Run the reminder schedule in the server at all.
    pub enabled: bool,
    pub before_days: Vec<u32>,
    pub on_due_date: bool,
    pub escalate_after_days: Vec<u32>,
    /// How often the scheduler looks for digests to send (and failed mail to retry).
    pub tick_seconds: u64,
    /// The local hour from which a day's digests go out.
    pub send_hour: u8,
    /// The local time's offset from UTC, for what "today" is.
    pub utc_offset_hours: i8,
    /// The address people open the app at, for links in e-mails; none: no link.
    pub site_url: Option<String>,
}

impl Default for RemindersConfig {
    fn default() -> Self {
        let policy = ReminderPolicy::default();
        RemindersConfig {
            enabled: true,
            before_days: policy.before_days,
            on_due_date: policy.on_due_date,
            escalate_after_days: policy.escalate_after_days,
            tick_seconds: 900,
            send_hour: 7,
            utc_offset_hours: 7,
            site_url: None,
        }
    }
}

impl RemindersConfig {
    pub fn policy(&self) -> ReminderPolicy {
        ReminderPolicy {
            before_days: self.before_days.clone(),
            on_due_date: self.on_due_date,
            escalate_after_days: self.escalate_after_days.clone(),
        }
    }
}

/// A value kept out of logs: `Debug` prints `<redacted>`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("the configuration file {} does not exist", .0.display())]
    MissingFile(PathBuf),
    #[error("configuration: {0}")]
    Read(String),
    #[error("configuration: {key}: {message}")]
    Invalid { key: &'static str, message: String },
}

/// The sections environment variables may set: `CHITIEU_SERVER_…`, `CHITIEU_SMTP_…`,
/// `CHITIEU_REMINDERS_…`.
const SECTIONS: [&str; 3] = ["server", "smtp", "reminders"];

impl Config {
    /// Defaults, then `file` (when given), then the `CHITIEU_SERVER_…`, `CHITIEU_SMTP_…` and
    /// `CHITIEU_REMINDERS_…` environment variables; checked.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(file) = file {
            if !file.is_file() {
                return Err(ConfigError::MissingFile(file.to_owned()));
            }
            figment = figment.merge(Toml::file_exact(file));
        }
        let env = Env::prefixed("CHITIEU_").filter_map(|key| {
            let key = key.as_str().to_ascii_lowercase();
            let (section, rest) = key.split_once('_')?;
            SECTIONS.contains(&section).then(|| format!("{section}.{rest}").into())
        });
        let config: Config = figment.merge(env).extract().map_err(|e| ConfigError::Read(said(&e)))?;
        config.check()?;
        Ok(config)
    }

    /// Values of the right type that still make no sense.
    pub fn check(&self) -> Result<(), ConfigError> {
        let invalid = |key, message: &str| Err(ConfigError::Invalid { key, message: message.to_owned() });
        let web_address = |url: &str| url.starts_with("http://") || url.starts_with("https://");
        if self.server.public_url.as_deref().is_some_and(|u| !web_address(u)) {
            return invalid("server.public_url", "must start with http:// or https://");
        }
        if self.server.session_idle_minutes == 0 {
            return invalid("server.session_idle_minutes", "must be at least 1");
        }
        if self.smtp.from.parse::<lettre::message::Mailbox>().is_err() {
            return invalid("smtp.from", &format!("\"{}\" is not an address (name@domain)", self.smtp.from));
        }
        if self.smtp.host.as_deref().is_some_and(|h| h.trim().is_empty()) {
            return invalid("smtp.host", "is empty; leave it out to send no mail");
        }
        if self.smtp.username.is_some() != self.smtp.password.is_some() {
            return invalid("smtp.username", "a user name and a password go together");
        }
        if self.smtp.timeout_seconds == 0 {
            return invalid("smtp.timeout_seconds", "must be at least 1");
        }
        let reminders = &self.reminders;
        if reminders.before_days.contains(&0) || reminders.escalate_after_days.contains(&0) {
            return invalid("reminders", "0 days is the due date itself: use on_due_date");
        }
        if reminders.tick_seconds == 0 {
            return invalid("reminders.tick_seconds", "must be at least 1");
        }
        if reminders.send_hour > 23 {
            return invalid("reminders.send_hour", "is an hour of the day, 0 to 23");
        }
        if !(-12..=14).contains(&reminders.utc_offset_hours) {
            return invalid("reminders.utc_offset_hours", "must be from -12 to 14");
        }
        if reminders.site_url.as_deref().is_some_and(|u| !web_address(u)) {
            return invalid("reminders.site_url", "must start with http:// or https://");
        }
        Ok(())
    }
}

/// figment's error, naming an environment variable as it is spelt (`CHITIEU_SMTP_PORT`).
fn said(error: &figment::Error) -> String {
    let from_env = error.metadata.as_ref().is_some_and(|m| m.name.contains("environment"));
    if from_env && !error.path.is_empty() {
        format!("{} in the environment variable CHITIEU_{}", error.kind, error.path.join("_").to_uppercase())
    } else {
        error.to_string()
    }
}

#[cfg(test)]
#[allow(clippy::result_large_err)] // figment's `Jail` returns its own error
mod tests {
    use figment::Jail;

    use super::*;

    fn load_in(jail: &Jail, toml: &str) -> Result<Config, ConfigError> {
        jail.create_file("chitieu.toml", toml).expect("file");
        Config::load(Some(Path::new("chitieu.toml")))
    }

    #[test]
    fn defaults_then_the_file_then_the_environment() {
        Jail::expect_with(|jail| {
            assert_eq!(Config::load(None).expect("defaults"), Config::default());
            let file = "[smtp]\nhost = \"mail.example.vn\"\ntls = \"tls\"\nfrom = \"Nhắc việc <nv@example.vn>\"\n\
                        [reminders]\nbefore_days = [3]\n";
            let from_file = load_in(jail, file).expect("file");
            assert_eq!((from_file.smtp.host.as_deref(), from_file.smtp.port()), (Some("mail.example.vn"), 465));
            assert_eq!(from_file.reminders.policy().before_days, [3]);
            assert_eq!(from_file.reminders.escalate_after_days, [1, 7, 14], "the rest stays default");
            jail.set_env("CHITIEU_SMTP_HOST", "relay.example.vn");
            jail.set_env("CHITIEU_SMTP_PORT", "2525");
            jail.set_env("CHITIEU_SMTP_USERNAME", "chitieu");
            jail.set_env("CHITIEU_SMTP_PASSWORD", "bí mật");
            jail.set_env("CHITIEU_REMINDERS_BEFORE_DAYS", "[10, 2]");
            jail.set_env("CHITIEU_REMINDERS_ENABLED", "false");
            jail.set_env("CHITIEU_DB", "sqlite:other.db"); // the command line's, not ours
            jail.set_env("CHITIEU_SERVER_TRUSTED_PROXY", "10.0.0.1");
            jail.set_env("CHITIEU_SERVER_SESSION_IDLE_MINUTES", "45");
            let config = load_in(jail, file).expect("environment");
            assert_eq!((config.smtp.host.as_deref(), config.smtp.port()), (Some("relay.example.vn"), 2525));
            assert_eq!(config.smtp.password.as_ref().map(Secret::expose), Some("bí mật"));
            assert_eq!((config.reminders.before_days.as_slice(), config.reminders.enabled), (&[10, 2][..], false));
            assert_eq!(config.server.trusted_proxy, Some(IpAddr::from([10, 0, 0, 1])));
            assert_eq!((config.server.session_idle_minutes, config.server.is_https()), (45, false));
            let shown = format!("{config:?}");
            assert!(shown.contains("<redacted>") && !shown.contains("bí mật"), "{shown}");
            Ok(())
        });
    }

    #[test]
    fn bad_settings_are_refused_naming_where_they_came_from() {
        Jail::expect_with(|jail| {
            let missing = Config::load(Some(Path::new("khong-co.toml"))).expect_err("missing");
            assert!(missing.to_string().contains("khong-co.toml"), "{missing}");
            let typo = load_in(jail, "[smtp]\nhots = \"x\"\n").expect_err("unknown key").to_string();
            assert!(typo.contains("hots") && typo.contains("chitieu.toml"), "{typo}");
            let mode = load_in(jail, "[smtp]\ntls = \"ssl\"\n").expect_err("tls").to_string();
            assert!(mode.contains("ssl"), "{mode}");
            let zero = load_in(jail, "[reminders]\nbefore_days = [0]\n").expect_err("zero").to_string();
            assert!(zero.contains("on_due_date"), "{zero}");
            let from = load_in(jail, "[smtp]\nfrom = \"không phải địa chỉ\"\n").expect_err("from").to_string();
            assert!(from.contains("smtp.from"), "{from}");
            let alone = load_in(jail, "[smtp]\nusername = \"u\"\n").expect_err("password").to_string();
            assert!(alone.contains("password"), "{alone}");
            let idle = load_in(jail, "[server]\nsession_idle_minutes = 0\n").expect_err("idle").to_string();
            assert!(idle.contains("server.session_idle_minutes"), "{idle}");
            let url = load_in(jail, "[server]\npublic_url = \"chitieu.vn\"\n").expect_err("url").to_string();
            assert!(url.contains("server.public_url"), "{url}");
            jail.set_env("CHITIEU_SMTP_PORT", "cổng");
            let port = load_in(jail, "").expect_err("port").to_string();
            assert!(port.contains("CHITIEU_SMTP_PORT"), "{port}");
            Ok(())
        });
    }
}

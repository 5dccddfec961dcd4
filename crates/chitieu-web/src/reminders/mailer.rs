//! The mail: a digest as a plain UTF-8 text e-mail, sent over SMTP with lettre (tokio, rustls
//! with the system's certificates; plain, STARTTLS or TLS as configured). One connection per
//! message: a day's digests are few, and a failure touches one mail only.

use std::time::Duration;

use chrono::{DateTime, Utc};
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport as _, Message, Tokio1Executor};

use crate::config::{ConfigError, SmtpConfig, TlsMode};

/// The configured mail server and sender.
pub(crate) struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    server: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("server", &self.server)
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

/// One mail to send: where, what, and the digest it carries.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mail<'a> {
    pub(crate) digest_id: i64,
    pub(crate) to: &'a str,
    pub(crate) subject: &'a str,
    pub(crate) body: &'a str,
}

impl Mailer {
    /// The mailer `smtp` describes; `None` without a host.
    pub(crate) fn new(smtp: &SmtpConfig) -> Result<Option<Mailer>, ConfigError> {
        let Some(host) = smtp.host.as_deref() else { return Ok(None) };
        let tls_for = |host: &str| {
            TlsParameters::new(host.to_owned())
                .map_err(|e| ConfigError::Invalid { key: "smtp.tls", message: format!("TLS for {host}: {e}") })
        };
        let tls = match smtp.tls {
            TlsMode::None => Tls::None,
            TlsMode::Starttls => Tls::Required(tls_for(host)?),
            TlsMode::Tls => Tls::Wrapper(tls_for(host)?),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(smtp.port())
            .tls(tls)
            .timeout(Some(Duration::from_secs(smtp.timeout_seconds)));
        if let (Some(username), Some(password)) = (&smtp.username, &smtp.password) {
            builder = builder.credentials(Credentials::new(username.clone(), password.expose().to_owned()));
        }
        let from = smtp.from.parse().map_err(|e| ConfigError::Invalid {
            key: "smtp.from",
            message: format!("\"{}\" is not an address: {e}", smtp.from),
        })?;
        Ok(Some(Mailer { transport: builder.build(), from, server: format!("{host}:{}", smtp.port()) }))
    }

    /// Where mail goes, for logs.
    pub(crate) fn server(&self) -> &str {
        &self.server
    }

    /// Sends one mail dated `at`; returns its Message-ID, or what went wrong. A digest keeps
    /// its Message-ID across retries, so a mail that did arrive before a failure was reported
    /// is recognised as the same one.
    pub(crate) async fn send(&self, mail: Mail<'_>, at: DateTime<Utc>) -> Result<String, String> {
        let to: Mailbox = mail.to.parse().map_err(|e| format!("the address \"{}\" is not valid: {e}", mail.to))?;
        let message_id = format!("<chitieu-digest-{}@{}>", mail.digest_id, self.from.email.domain());
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject)
            .message_id(Some(message_id.clone()))
            .date(at.into())
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.to_owned())
            .map_err(|e| format!("the message cannot be built: {e}"))?;
        self.transport.send(message).await.map_err(|e| e.to_string())?;
        Ok(message_id)
    }
}

//! What every handler shares: the store, the clock, the sign-in limiter and the key of the
//! sign-in form's tokens, the uploads being read and those waiting to be published, and the
//! settings with the mail server reminders go through.

use std::sync::Arc;

use chitieu_app::{Clock, LocalClock};
use chitieu_store::SqlStore;

use crate::auth::cookie::Cookies;
use crate::auth::limiter::AddressLimiter;
use crate::auth::sign_in_token::SignInTokens;
use crate::config::{Config, ConfigError};
use crate::pages::import::pending::PendingImports;
use crate::pages::import::reading::Readings;
use crate::reminders::mailer::Mailer;

#[derive(Debug, Clone)]
pub struct AppState {
    pub(crate) store: SqlStore,
    /// The clock read at the configured UTC offset: "today" for every page and reminder.
    pub(crate) clock: LocalClock,
    /// Failed sign-ins per client address (per account they are in the store).
    pub(crate) limiter: Arc<AddressLimiter>,
    /// Signs the sign-in form's CSRF tokens, under a key drawn at start.
    pub(crate) sign_in_tokens: SignInTokens,
    pub(crate) imports: Arc<PendingImports>,
    /// Uploaded documents being read, one at a time.
    pub(crate) readings: Arc<Readings>,
    pub(crate) config: Arc<Config>,
    /// The mail server reminders go through; none without an SMTP host.
    pub(crate) mailer: Option<Arc<Mailer>>,
}

impl AppState {
    pub fn new(store: SqlStore, clock: Arc<dyn Clock>) -> Self {
        Self {
            store,
            clock: LocalClock::new(clock, LocalClock::VIETNAM_HOURS),
            limiter: Arc::new(AddressLimiter::default()),
            sign_in_tokens: SignInTokens::new().expect("the system's random source"),
            imports: Arc::default(),
            readings: Arc::default(),
            config: Arc::default(),
            mailer: None,
        }
    }

    /// The state with these settings, and the mail server they name.
    pub fn with_config(self, config: Config) -> Result<Self, ConfigError> {
        let mailer = Mailer::new(&config.smtp)?.map(Arc::new);
        let clock = self.clock.with_offset(config.reminders.utc_offset_hours);
        Ok(Self { config: Arc::new(config), mailer, clock, ..self })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The cookies' names and attributes: `__Host-` and `Secure` when the app is reached over https.
    pub(crate) fn cookies(&self) -> Cookies {
        Cookies::new(self.config.server.is_https())
    }

    /// Takes the server's one turn at reading uploaded documents until the permit is dropped;
    /// uploads meanwhile wait their turn (tests hold it to see a waiting upload's page).
    pub async fn hold_document_reading(&self) -> tokio::sync::OwnedSemaphorePermit {
        self.readings.turn().await
    }
}

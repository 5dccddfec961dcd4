//! What every handler shares: the store, the clock, the sign-in limiter, the uploads
//! waiting to be published, and the settings with the mail server reminders go through.

use std::sync::Arc;

use chitieu_store::SqlStore;

use crate::auth::limiter::SignInLimiter;
use crate::clock::Clock;
use crate::config::{Config, ConfigError};
use crate::pages::import::pending::PendingImports;
use crate::reminders::mailer::Mailer;

#[derive(Debug, Clone)]
pub struct AppState {
    pub(crate) store: SqlStore,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) limiter: Arc<SignInLimiter>,
    pub(crate) imports: Arc<PendingImports>,
    pub(crate) config: Arc<Config>,
    /// The mail server reminders go through; none without an SMTP host.
    pub(crate) mailer: Option<Arc<Mailer>>,
}

impl AppState {
    pub fn new(store: SqlStore, clock: Arc<dyn Clock>) -> Self {
        Self {
            store,
            clock,
            limiter: Arc::new(SignInLimiter::default()),
            imports: Arc::default(),
            config: Arc::default(),
            mailer: None,
        }
    }

    /// The state with these settings, and the mail server they name.
    pub fn with_config(self, config: Config) -> Result<Self, ConfigError> {
        let mailer = Mailer::new(&config.smtp)?.map(Arc::new);
        Ok(Self { config: Arc::new(config), mailer, ..self })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }
}

//! What every handler shares: the store, the clock and the sign-in limiter.

use std::sync::Arc;

use chitieu_store::SqlStore;

use crate::auth::limiter::SignInLimiter;
use crate::clock::Clock;

#[derive(Debug, Clone)]
pub struct AppState {
    pub(crate) store: SqlStore,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) limiter: Arc<SignInLimiter>,
}

impl AppState {
    pub fn new(store: SqlStore, clock: Arc<dyn Clock>) -> Self {
        Self { store, clock, limiter: Arc::new(SignInLimiter::default()) }
    }
}

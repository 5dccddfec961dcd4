//! What every handler shares: the store, the clock, the sign-in limiter and the uploads
//! waiting to be published.

use std::sync::Arc;

use chitieu_store::SqlStore;

use crate::auth::limiter::SignInLimiter;
use crate::clock::Clock;
use crate::pages::import::pending::PendingImports;

#[derive(Debug, Clone)]
pub struct AppState {
    pub(crate) store: SqlStore,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) limiter: Arc<SignInLimiter>,
    pub(crate) imports: Arc<PendingImports>,
}

impl AppState {
    pub fn new(store: SqlStore, clock: Arc<dyn Clock>) -> Self {
        Self { store, clock, limiter: Arc::new(SignInLimiter::default()), imports: Arc::default() }
    }
}

//! Who is asking: the signed-in user of a request, and the roles each route admits.

pub(crate) mod cookie;
pub(crate) mod limiter;
pub(crate) mod sign_in_token;

pub(crate) mod session;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use chitieu_store::{Session, UserRole};

use crate::error::WebError;

/// Who may read plans, the registry and their JSON: every signed-in role.
pub const READ_PLANS: &[UserRole] =
    &[UserRole::Admin, UserRole::Leader, UserRole::Monitor, UserRole::Reporter, UserRole::Approver];

/// The signed-in user's session. Extracting it refuses a request without one: pages send the
/// visitor to the sign-in page, the API answers 401.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Session);

impl SignedIn {
    /// Admits the user only when their role is one of `roles`; otherwise 403.
    pub fn require(&self, roles: &[UserRole]) -> Result<&Session, WebError> {
        if roles.contains(&self.0.user.role) { Ok(&self.0) } else { Err(WebError::Forbidden) }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<session::Visitor>() {
            Some(session::Visitor(Some(session))) => Ok(SignedIn(session.clone())),
            _ => Err(WebError::SignInRequired),
        }
    }
}

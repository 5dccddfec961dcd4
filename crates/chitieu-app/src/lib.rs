//! chitieu's application layer: what a person can do with chitieu, whichever door they come
//! in by (the web pages, the JSON API, the command line).
//!
//! Each use case loads what it needs from the store, checks who may do it ([`access`]),
//! has the core judge, and writes through the store in one transaction. The callers only
//! translate: a form, a JSON body or command-line flags in; a page, JSON or a terminal table
//! out. Time is read only through a [`Clock`], so "today" is the same day everywhere (the
//! configured UTC offset, Việt Nam's +7 by default).

pub mod access;
pub mod clock;
mod error;
pub mod evaluation;
pub mod password;
pub mod plans;
pub mod reports;

pub use clock::{Clock, LocalClock, ManualClock, SystemClock};
pub use error::AppError;
pub use password::{PasswordError, hash_password, verify_password};

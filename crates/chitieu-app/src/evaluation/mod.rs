//! A plan judged for a period, loaded from the store: what the dashboards, the API and the
//! consolidated report (also `chitieu export report`) are drawn from. The store fetches, the
//! core judges ([`chitieu_core::board`]); nothing is precomputed.

mod across;
mod consolidated;
mod load;

pub use across::{Across, UnitJudgement, across};
pub use consolidated::consolidated;
pub use load::{Evaluated, evaluate, item_history, national_ranking, observation};

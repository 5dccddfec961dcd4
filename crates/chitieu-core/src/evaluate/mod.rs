//! Judging targets against reported values: the status of one unit's value for one item and
//! period, roll-ups across units, trajectories toward multi-year targets, and the composite
//! index that ranks units. Pure: the values, the targets and the day of judgement are inputs.
//!
//! docs/evaluation.md describes the rules with worked examples; each module's rustdoc states
//! them where the code is.

mod counts;
mod error;
pub mod index;
mod judge;
mod level;
mod observation;
mod rollup;
mod status;
pub mod timeliness;
pub mod trajectory;

pub use counts::{StatusCounts, count_by};
pub use error::EvaluateError;
pub use index::{Movement, Ranked, Weights, composite, movement, rank, score};
pub use judge::{Judgement, Judging, elapsed_share, judge, progress, reaches, target_for};
pub use level::Level;
pub use observation::{Observation, TaskState};
pub use rollup::{Aggregate, LevelCount, Pooled, rollup};
pub use status::{Status, Tone};
pub use timeliness::{Reporting, Submission, reporting_by};
pub use trajectory::{Band, Point, Progress, Trajectory};

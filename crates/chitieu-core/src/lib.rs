//! chitieu's pure domain: plans, items, targets and deadlines, and the grammars that read
//! targets and deadlines from Vietnamese text. No I/O and no clock reads: time is an input.

pub mod board;
pub mod cascade;
pub mod deadline;
pub mod diff;
pub mod digest;
pub mod display;
pub mod evaluate;
pub mod link;
pub mod measure;
pub mod names;
pub mod number;
pub mod obligation;
pub mod period;
pub mod plan;
pub mod registry;
pub mod reminder;
pub mod target;
pub mod text;
mod token;
pub mod value;

pub use deadline::Deadline;
pub use plan::{Item, ItemKind, Plan, Regime, Role, Roles, Source, Warning};
pub use target::{Comparator, Target};

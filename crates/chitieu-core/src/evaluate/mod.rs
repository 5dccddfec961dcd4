//! Judging targets against reported values: the status of one unit's value for one item and
//! period, roll-ups across units, trajectories toward multi-year targets, and the composite
//! index that ranks units. Pure: the values, the targets and the day of judgement are inputs.

mod status;

pub use status::Status;

//! chitieu-core's integration tests, one binary: the linking of items between plans and the
//! reading of target and deadline phrases, over the seed plans.

mod links;
mod phrases;

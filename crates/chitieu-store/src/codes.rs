//! The store's vocabulary of states: each a Rust enum whose text code is what the table holds
//! and what the JSON says. [`stored_code!`] writes each one's code table once: `as_str`,
//! `parse`, `ALL`, and `decode`, which reads the column of a row and calls an unknown code
//! damage, so no state travels past the row boundary as a string.

use sqlx::Row as _;

use crate::{Result, StoreError};

/// Reads a text column holding one of `T`'s codes.
pub(crate) fn decode<T>(row: &sqlx::any::AnyRow, column: &str, parse: fn(&str) -> Option<T>) -> Result<T> {
    let text: String = row.try_get(column)?;
    parse(&text).ok_or_else(|| StoreError::Corrupt(format!("{column}: unknown code \"{text}\"")))
}

/// An enum of states stored as text: `Variant = "code"`, the codes being the variants' names
/// in snake case (as serde writes them).
macro_rules! stored_code {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$variant_meta])* $variant ),+
        }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant),+];

            /// The code the table holds.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $code ),+
                }
            }

            pub fn parse(code: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|value| value.as_str() == code)
            }

            #[allow(dead_code, reason = "not every state is read back from a row")]
            pub(crate) fn decode(row: &sqlx::any::AnyRow, column: &str) -> $crate::Result<$name> {
                $crate::codes::decode(row, column, $name::parse)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use stored_code;

stored_code! {
    /// Where a plan version stands. Only the latest version of a plan is current: importing an
    /// amended document marks the one before `Amended`.
    pub enum PlanStatus {
        Draft = "draft",
        Published = "published",
        Amended = "amended",
        Archived = "archived",
    }
}

impl PlanStatus {
    /// The version in force: judged, owed, reported against.
    pub fn is_current(self) -> bool {
        matches!(self, PlanStatus::Draft | PlanStatus::Published)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            PlanStatus::Draft => "Dự thảo",
            PlanStatus::Published => "Đang hiệu lực",
            PlanStatus::Amended => "Đã có bản sửa đổi",
            PlanStatus::Archived => "Lưu trữ",
        }
    }
}

/// The SQL condition "the plan aliased `p` is current", the same as [`PlanStatus::is_current`].
pub(crate) const CURRENT_PLAN: &str = "p.status IN ('draft', 'published')";

stored_code! {
    /// How a name written in a plan's role cell came to point at a unit or group.
    pub enum AssignmentStatus {
        /// Matched by the registry's names without doubt.
        Resolved = "resolved",
        /// Settled by a person.
        Confirmed = "confirmed",
        /// Close to one or more units; a person should choose.
        Proposed = "proposed",
        /// Matched nothing.
        Unresolved = "unresolved",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_what_serde_writes_and_read_back() {
        for status in PlanStatus::ALL {
            assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
            assert_eq!(PlanStatus::parse(status.as_str()), Some(*status));
        }
        for status in AssignmentStatus::ALL {
            assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
        }
        assert_eq!(PlanStatus::parse("current"), None);
    }

    #[test]
    fn the_sql_condition_names_the_current_statuses() {
        let current: Vec<_> = PlanStatus::ALL.iter().filter(|s| s.is_current()).map(|s| format!("'{s}'")).collect();
        assert_eq!(CURRENT_PLAN, format!("p.status IN ({})", current.join(", ")));
    }
}

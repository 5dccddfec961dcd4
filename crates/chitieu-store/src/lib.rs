//! chitieu's system of record: units, groups, plans (every version), obligations, report
//! values (every save a new revision) and the audit trail, in SQLite (the embedded default) or
//! PostgreSQL (one instance for many provinces), through one [`SqlStore`].
//!
//! One code path serves both backends: sqlx's `Any` driver, the same `$1…$N` SQL, and
//! migrations per backend that give both the same column types (64-bit integers, doubles,
//! text times, JSON as text). What truly differs (connection settings, backup) lives in
//! `backend`.

mod backend;
mod bulk;
mod coded;
mod codes;
mod error;
mod evaluation;
mod evidence;
mod links;
mod plans;
mod registry;
mod reminders;
mod reports;
mod review;
mod sessions;
mod sign_ins;
mod sql;
mod store;
mod users;

pub use backend::{Backend, SqlStore, connect};
pub use bulk::{LoadOutcome, LoadedReport};
pub use coded::CodedItem;
pub use codes::{AssignmentStatus, PlanStatus};
pub use error::StoreError;
pub use evaluation::{ReportFact, ReportedValue, ValueQuery};
pub use evidence::{
    Evidence, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES, MAX_REPORT_EVIDENCE_BYTES, MAX_UNIT_DAY_EVIDENCE_BYTES,
    NewEvidence, sniff,
};
pub use links::{LinkChoice, LinkDecision, LinkStatus, cascade_findings};
pub use plans::{
    ImportOutcome, ImportStatus, Level, PlanImport, PlanSummary, StoredAssignment, StoredItem, StoredPlan,
    UnresolvedName,
};
pub use registry::{GroupRecord, OrgRecord, RegistryOutcome};
pub use reminders::{
    DigestStatus, MAX_SEND_ATTEMPTS, NewDigest, Notice, PendingMail, ReminderFilter, SendOutcome, SentReminder,
};
pub use reports::{ReportKey, ReportStatus, SavedValue, ValueInput, ValueRevision};
pub use review::{ReportHead, ReportView, Review, StoredPeriod};
pub use sessions::{NewSession, Session};
pub use users::{NewUser, User, UserRole};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// One recorded change: who, when, what, before and after. Append-only.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AuditEvent {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

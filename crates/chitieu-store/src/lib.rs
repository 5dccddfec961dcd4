//! chitieu's system of record: units, groups, plans (every version), obligations, report
//! values (every save a new revision) and the audit trail, in SQLite (the embedded default) or
//! PostgreSQL (one instance for many provinces), behind one [`Store`] trait.
//!
//! One code path serves both backends: sqlx's `Any` driver, the same `$1…$N` SQL, and
//! migrations per backend that give both the same column types (64-bit integers, doubles,
//! text times, JSON as text). What truly differs (connection settings, backup) lives in
//! `backend`.

mod backend;
mod bulk;
mod coded;
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
mod sql;
mod store;
mod users;

pub use backend::{Backend, SqlStore, connect};
pub use bulk::{LoadOutcome, LoadedReport};
pub use coded::CodedItem;
pub use error::StoreError;
pub use evaluation::{ReportFact, ReportedValue, ValueQuery};
pub use evidence::{Evidence, MAX_EVIDENCE_BYTES, NewEvidence, sniff};
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

use chitieu_core::obligation::Obligation;
use chitieu_core::period::Period;
use chitieu_core::registry::{Org, OrgId, Registry, Resolution};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Everything chitieu keeps. Every write runs in one transaction and records an audit event;
/// a failure leaves the store as it was.
pub trait Store: Send + Sync {
    /// Applies the backend's migrations not applied yet.
    fn migrate(&self) -> impl Future<Output = Result<()>> + Send;

    /// Adds or updates units by name under their parent; never deletes (a unit missing from
    /// the file stays, and can be deactivated with an `active_to` date).
    fn import_orgs(
        &self,
        records: &[OrgRecord],
        actor: &str,
        at: &str,
    ) -> impl Future<Output = Result<RegistryOutcome>> + Send;
    /// Adds or updates groups by name and scope.
    fn import_groups(
        &self,
        records: &[GroupRecord],
        actor: &str,
        at: &str,
    ) -> impl Future<Output = Result<RegistryOutcome>> + Send;
    fn orgs(&self) -> impl Future<Output = Result<Vec<Org>>> + Send;
    fn registry(&self) -> impl Future<Output = Result<Registry>> + Send;

    /// Stores a parsed plan, resolving its role cells against the registry. Re-importing an
    /// amended document of the same plan makes a new version; its unchanged items keep their
    /// identity, so reported values stay attached.
    fn import_plan(&self, import: PlanImport<'_>) -> impl Future<Output = Result<ImportOutcome>> + Send;
    /// [`Store::import_plan`] with names a person settled before publishing (name as written →
    /// the unit or group it means), applied in the same transaction: all or nothing. A document
    /// identical to the stored one writes nothing (status `Unchanged`).
    fn import_plan_confirmed(
        &self,
        import: PlanImport<'_>,
        confirmations: &[(String, Resolution)],
    ) -> impl Future<Output = Result<ImportOutcome>> + Send;
    fn plans(&self) -> impl Future<Output = Result<Vec<PlanSummary>>> + Send;
    /// A plan by id, as stored, with resolved assignments.
    fn plan(&self, id: i64) -> impl Future<Output = Result<StoredPlan>> + Send;
    /// The latest version of the plan with this key.
    fn latest_plan(&self, key: &str) -> impl Future<Output = Result<StoredPlan>> + Send;
    /// A person settles a name the import could not: every assignment of the plan written
    /// `name` now points at `choice` (a unit or a group), marked confirmed. Later versions of
    /// the plan keep the choice. Returns how many assignments changed.
    fn confirm_name(
        &self,
        plan_id: i64,
        name: &str,
        choice: &Resolution,
        actor: &str,
        at: &str,
    ) -> impl Future<Output = Result<usize>> + Send;

    /// Who owes what for `period` under the plan with this id.
    fn obligations(&self, plan_id: i64, period: Period) -> impl Future<Output = Result<Vec<Obligation>>> + Send;

    /// Saves values of one unit's report as new revisions. `expected_version` is the report
    /// version the writer read (0 for a new report); a stale one is a conflict, not an overwrite.
    fn save_values(
        &self,
        key: &ReportKey,
        values: &[ValueInput],
        expected_version: i64,
        actor: &str,
        at: &str,
    ) -> impl Future<Output = Result<SavedValue>> + Send;
    /// Every revision of every value in a report, oldest first.
    fn value_history(&self, key: &ReportKey) -> impl Future<Output = Result<Vec<ValueRevision>>> + Send;
    /// A report with the latest revision of each value.
    fn report(&self, id: i64) -> impl Future<Output = Result<ReportView>> + Send;
    /// The id of a unit's report for a plan and period, if one was started.
    fn report_id(&self, key: &ReportKey) -> impl Future<Output = Result<Option<i64>>> + Send;
    /// A unit sends its draft (or returned) report for review; after the period's due date
    /// (compared with `at`) it is marked late. `expected_version` as for [`Store::save_values`].
    fn submit_report(
        &self,
        id: i64,
        expected_version: i64,
        actor: &str,
        at: &str,
    ) -> impl Future<Output = Result<ReportHead>> + Send;
    /// A monitor approves a submitted report or returns it to the unit with a comment.
    fn review_report(
        &self,
        id: i64,
        expected_version: i64,
        review: &Review,
        actor: &str,
        at: &str,
    ) -> impl Future<Output = Result<ReportHead>> + Send;
    /// The orgs that monitor an item the report has values for.
    fn report_monitors(&self, id: i64) -> impl Future<Output = Result<Vec<OrgId>>> + Send;
    /// Submitted reports awaiting `monitor`'s review (all of them for `None`).
    fn review_queue(&self, monitor: Option<OrgId>) -> impl Future<Output = Result<Vec<ReportHead>>> + Send;
    /// Locks a period (its values can no longer change) or unlocks it.
    fn set_period_lock(
        &self,
        plan_key: &str,
        period: Period,
        locked: bool,
        actor: &str,
        at: &str,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Every period written or locked so far.
    fn periods(&self) -> impl Future<Output = Result<Vec<StoredPeriod>>> + Send;
    /// Loads finished reports in bulk (a synthetic country, a move from another system): their
    /// periods, the reports and their values (revision 1) in one transaction of multi-row
    /// statements, each report marked late when submitted after its period's due date, and one
    /// audit event for the whole load. Call it with a few thousand reports at a time.
    fn load_reports(
        &self,
        reports: &[LoadedReport],
        actor: &str,
        at: &str,
    ) -> impl Future<Output = Result<LoadOutcome>> + Send;

    /// The reports written for the plans, period and unit of `query` (its item keys are not used).
    fn report_facts(&self, query: &ValueQuery) -> impl Future<Output = Result<Vec<ReportFact>>> + Send;
    /// The latest revision of every value matching `query`, whatever its report's state.
    fn reported_values(&self, query: &ValueQuery) -> impl Future<Output = Result<Vec<ReportedValue>>> + Send;

    /// The items of every current plan version with this code, with their targets: one
    /// indicator across the plans of many provinces.
    fn items_with_code(&self, code: &str) -> impl Future<Output = Result<Vec<CodedItem>>> + Send;
    /// The weight of each section of a plan in the composite index (sections not listed weigh 1).
    fn index_weights(&self, plan_key: &str) -> impl Future<Output = Result<Vec<(String, f64)>>> + Send;
    /// Replaces the section weights of a plan's index.
    fn set_index_weights(
        &self,
        plan_key: &str,
        weights: &[(String, f64)],
        actor: &str,
        at: &str,
    ) -> impl Future<Output = Result<()>> + Send;

    /// Attaches a file to a draft or returned report, after checking its size and type.
    fn add_evidence(
        &self,
        report_id: i64,
        file: NewEvidence<'_>,
        actor: &str,
        at: &str,
    ) -> impl Future<Output = Result<Evidence>> + Send;
    fn evidence(&self, report_id: i64) -> impl Future<Output = Result<Vec<Evidence>>> + Send;
    /// One file and its bytes.
    fn evidence_file(&self, id: i64) -> impl Future<Output = Result<(Evidence, Vec<u8>)>> + Send;

    /// Records a person's decision on a link between a lower-level item and a higher-level one
    /// (confirm, reject, or take back to proposed): one row per pair, audited. Both items must
    /// exist in some version of their plans.
    fn decide_link(
        &self,
        choice: &LinkChoice<'_>,
        actor: &str,
        at: &str,
    ) -> impl Future<Output = Result<LinkDecision>> + Send;
    /// Every link decided (or reopened) for the items of the plan with this key, as the child.
    fn link_decisions(&self, child_plan_key: &str) -> impl Future<Output = Result<Vec<LinkDecision>>> + Send;
    /// The confirmed links with the plan of this key on either side.
    fn confirmed_links(&self, plan_key: &str) -> impl Future<Output = Result<Vec<LinkDecision>>> + Send;

    fn add_user(&self, user: NewUser, actor: &str, at: &str) -> impl Future<Output = Result<User>> + Send;
    fn user(&self, username: &str) -> impl Future<Output = Result<Option<(User, String)>>> + Send;
    fn users(&self) -> impl Future<Output = Result<Vec<User>>> + Send;
    /// Replaces a user's password (an argon2 PHC string) and ends the user's open sessions.
    fn set_password(
        &self,
        username: &str,
        password_hash: &str,
        actor: &str,
        at: &str,
    ) -> impl Future<Output = Result<User>> + Send;

    /// Opens a sign-in session (and forgets expired ones); records the sign-in in the audit trail.
    fn create_session(&self, session: &NewSession) -> impl Future<Output = Result<()>> + Send;
    /// The session with this id and its user, if it is open at `now` (RFC 3339 UTC) and the user
    /// is active.
    fn session(&self, id: &str, now: &str) -> impl Future<Output = Result<Option<Session>>> + Send;
    /// Ends a session (signing out); one already gone is not an error.
    fn delete_session(&self, id: &str, at: &str) -> impl Future<Output = Result<()>> + Send;

    /// The reports owed with a due date from `from` to `to` (inclusive) under every plan in
    /// force, each with its unit's report state and the units that monitor its items: what the
    /// reminder schedule reads.
    fn owed_reports(
        &self,
        from: chitieu_core::plan::Date,
        to: chitieu_core::plan::Date,
    ) -> impl Future<Output = Result<Vec<chitieu_core::reminder::Duty>>> + Send;
    /// Records a digest for its person and day, with its lines and its in-app notice, unless one
    /// is recorded for them already (by this server or another): `None` then. A digest with an
    /// address is left `sending` (one try counted) until [`Store::finish_mail`].
    fn claim_digest(&self, digest: &NewDigest<'_>, at: &str) -> impl Future<Output = Result<Option<i64>>> + Send;
    /// Claims again the mail of digests of `since` or later that failed, or that a stopped
    /// server left `sending` before `stale_before`, tried fewer than [`MAX_SEND_ATTEMPTS`] times.
    fn retry_mail(
        &self,
        since: chitieu_core::plan::Date,
        at: &str,
        stale_before: &str,
    ) -> impl Future<Output = Result<Vec<PendingMail>>> + Send;
    /// Records how a claimed digest's mail went.
    fn finish_mail(
        &self,
        digest_id: i64,
        outcome: SendOutcome<'_>,
        at: &str,
    ) -> impl Future<Output = Result<()>> + Send;
    /// The reminders recorded, newest first.
    fn reminders(&self, filter: &ReminderFilter) -> impl Future<Output = Result<Vec<SentReminder>>> + Send;
    /// A user's in-app notices, newest first.
    fn notices(&self, user_id: i64, limit: i64) -> impl Future<Output = Result<Vec<Notice>>> + Send;
    fn unread_notices(&self, user_id: i64) -> impl Future<Output = Result<i64>> + Send;
    /// Marks one of a user's notices (or all of them, for `None`) read; returns how many changed.
    fn mark_notices_read(
        &self,
        user_id: i64,
        notice: Option<i64>,
        at: &str,
    ) -> impl Future<Output = Result<u64>> + Send;

    /// The audit trail of one entity ("plan", "org", "report", "user"), oldest first.
    fn audit_events(&self, entity: &str, entity_id: &str) -> impl Future<Output = Result<Vec<AuditEvent>>> + Send;
}

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

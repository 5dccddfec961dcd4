//! [`Store`] for [`SqlStore`]: each method opens its connection or transaction and calls the
//! module that owns the tables.

use chitieu_core::obligation::Obligation;
use chitieu_core::period::Period;
use chitieu_core::registry::{Org, OrgId, Registry, Resolution};
use sqlx::Row as _;

use crate::backend::SqlStore;
use crate::bulk::{LoadOutcome, LoadedReport};
use crate::links::{LinkChoice, LinkDecision};
use crate::sql::Stamp;
use crate::{
    AuditEvent, CodedItem, Evidence, GroupRecord, ImportOutcome, NewEvidence, NewSession, NewUser, OrgRecord,
    PlanImport, PlanSummary, RegistryOutcome, ReportFact, ReportHead, ReportKey, ReportView, ReportedValue, Result,
    Review, SavedValue, Session, StoreError, StoredPeriod, StoredPlan, User, ValueInput, ValueQuery, ValueRevision,
};

/// Everything chitieu keeps. Every write runs in one transaction and records an audit event;
/// a failure leaves the store as it was.
impl SqlStore {
    /// Applies the backend's migrations not applied yet.
    pub async fn migrate(&self) -> Result<()> {
        self.run_migrations().await
    }

    /// Adds or updates units by name under their parent; never deletes (a unit missing from
    /// the file stays, and can be deactivated with an `active_to` date).
    pub async fn import_orgs(&self, records: &[OrgRecord], actor: &str, at: &str) -> Result<RegistryOutcome> {
        self.import_orgs_tx(records, Stamp { actor, at }).await
    }

    /// Adds or updates groups by name and scope.
    pub async fn import_groups(&self, records: &[GroupRecord], actor: &str, at: &str) -> Result<RegistryOutcome> {
        self.import_groups_tx(records, Stamp { actor, at }).await
    }

    pub async fn orgs(&self) -> Result<Vec<Org>> {
        Ok(self.registry().await?.orgs)
    }

    pub async fn registry(&self) -> Result<Registry> {
        let mut conn = self.pool.acquire().await?;
        self.load_registry(&mut conn).await
    }

    /// Stores a parsed plan, resolving its role cells against the registry. Re-importing an
    /// amended document of the same plan makes a new version; its unchanged items keep their
    /// identity, so reported values stay attached.
    pub async fn import_plan(&self, import: PlanImport<'_>) -> Result<ImportOutcome> {
        self.import_plan_tx(import, &[]).await
    }

    /// [`SqlStore::import_plan`] with names a person settled before publishing (name as written →
    /// the unit or group it means), applied in the same transaction: all or nothing. A document
    /// identical to the stored one writes nothing (status `Unchanged`).
    pub async fn import_plan_confirmed(
        &self,
        import: PlanImport<'_>,
        confirmations: &[(String, Resolution)],
    ) -> Result<ImportOutcome> {
        self.import_plan_tx(import, confirmations).await
    }

    /// Every version of every plan, by key and version.
    pub async fn plans(&self) -> Result<Vec<PlanSummary>> {
        self.plan_summaries().await
    }

    /// The plan versions in force ([`crate::PlanStatus::is_current`]): what is owed, judged and
    /// reported against.
    pub async fn current_plans(&self) -> Result<Vec<PlanSummary>> {
        self.current_plan_summaries().await
    }

    /// A plan by id, as stored, with resolved assignments.
    pub async fn plan(&self, id: i64) -> Result<StoredPlan> {
        let mut conn = self.pool.acquire().await?;
        self.load_plan(&mut conn, id).await
    }

    /// The latest version of the plan with this key.
    pub async fn latest_plan(&self, key: &str) -> Result<StoredPlan> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM plans WHERE plan_key = $1 ORDER BY version DESC")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        let id = id.ok_or_else(|| StoreError::NotFound { what: "kế hoạch", key: key.to_owned() })?;
        self.plan(id).await
    }

    /// A person settles a name the import could not: every assignment of the plan written
    /// `name` now points at `choice` (a unit or a group), marked confirmed. Later versions of
    /// the plan keep the choice. Returns how many assignments changed.
    pub async fn confirm_name(
        &self,
        plan_id: i64,
        name: &str,
        choice: &Resolution,
        actor: &str,
        at: &str,
    ) -> Result<usize> {
        self.confirm_name_tx(plan_id, name, choice, Stamp { actor, at }).await
    }

    /// Who owes what for `period` under the plan with this id.
    pub async fn obligations(&self, plan_id: i64, period: Period) -> Result<Vec<Obligation>> {
        let plan = self.plan(plan_id).await?;
        let registry = self.registry().await?;
        Ok(crate::reminders::plan_obligations(&plan, &registry, period))
    }

    /// Saves values of one unit's report as new revisions. `expected_version` is the report
    /// version the writer read (0 for a new report); a stale one is a conflict, not an overwrite.
    pub async fn save_values(
        &self,
        key: &ReportKey,
        values: &[ValueInput],
        expected_version: i64,
        actor: &str,
        at: &str,
    ) -> Result<SavedValue> {
        self.save_values_tx(key, values, expected_version, Stamp { actor, at }).await
    }

    /// Every revision of every value in a report, oldest first.
    pub async fn value_history(&self, key: &ReportKey) -> Result<Vec<ValueRevision>> {
        self.value_history_of(key).await
    }

    /// A report with the latest revision of each value.
    pub async fn report(&self, id: i64) -> Result<ReportView> {
        self.report_view(id).await
    }

    /// The id of a unit's report for a plan and period, if one was started.
    pub async fn report_id(&self, key: &ReportKey) -> Result<Option<i64>> {
        self.report_id_for(key).await
    }

    /// Saves the changed values of a unit's report (none: only submits) and sends it for
    /// review, in one transaction. `expected_version` as for [`SqlStore::save_values`].
    pub async fn save_and_submit(
        &self,
        key: &ReportKey,
        values: &[ValueInput],
        expected_version: i64,
        actor: &str,
        at: &str,
    ) -> Result<ReportHead> {
        self.save_and_submit_tx(key, values, expected_version, Stamp { actor, at }).await
    }

    /// A unit sends its draft (or returned) report for review; after the period's due date
    /// (compared with `at`) it is marked late. `expected_version` as for [`SqlStore::save_values`].
    pub async fn submit_report(&self, id: i64, expected_version: i64, actor: &str, at: &str) -> Result<ReportHead> {
        self.submit_report_tx(id, expected_version, Stamp { actor, at }).await
    }

    /// A monitor approves a submitted report or returns it to the unit with a comment.
    pub async fn review_report(
        &self,
        id: i64,
        expected_version: i64,
        review: &Review,
        actor: &str,
        at: &str,
    ) -> Result<ReportHead> {
        self.review_report_tx(id, expected_version, review, Stamp { actor, at }).await
    }

    /// The orgs that monitor an item the report has values for.
    /// How many approvals the reports of the plan with this key need: 1, or 2 (a monitor's,
    /// then one by a monitor above the first).
    pub async fn approvals(&self, plan_key: &str) -> Result<u8> {
        self.approvals_of(plan_key).await
    }

    /// Sets [`SqlStore::approvals`] for a plan (audited).
    pub async fn set_approvals(&self, plan_key: &str, approvals: u8, actor: &str, at: &str) -> Result<()> {
        self.set_approvals_tx(plan_key, approvals, Stamp { actor, at }).await
    }

    /// Submitted reports approved once, awaiting a second approval.
    pub async fn awaiting_second_approval(&self) -> Result<Vec<ReportHead>> {
        self.awaiting_second_of().await
    }

    pub async fn report_monitors(&self, id: i64) -> Result<Vec<OrgId>> {
        self.report_monitors_of(id).await
    }

    /// Submitted reports awaiting `monitor`'s review (all of them for `None`).
    pub async fn review_queue(&self, monitor: Option<OrgId>) -> Result<Vec<ReportHead>> {
        self.review_queue_of(monitor).await
    }

    /// Locks a period (its values can no longer change) or unlocks it.
    pub async fn set_period_lock(
        &self,
        plan_key: &str,
        period: Period,
        locked: bool,
        actor: &str,
        at: &str,
    ) -> Result<()> {
        self.set_period_lock_tx(plan_key, period, locked, Stamp { actor, at }).await
    }

    /// Every period written or locked so far.
    pub async fn periods(&self) -> Result<Vec<StoredPeriod>> {
        self.stored_periods().await
    }

    /// Loads finished reports in bulk (a synthetic country, a move from another system): their
    /// periods, the reports and their values (revision 1) in one transaction of multi-row
    /// statements, each report marked late when submitted after its period's due date, and one
    /// audit event for the whole load. Call it with a few thousand reports at a time.
    pub async fn load_reports(&self, reports: &[LoadedReport], actor: &str, at: &str) -> Result<LoadOutcome> {
        self.load_reports_tx(reports, Stamp { actor, at }).await
    }

    /// The reports written for the plans, period and unit of `query` (its item keys are not used).
    pub async fn report_facts(&self, query: &ValueQuery) -> Result<Vec<ReportFact>> {
        self.report_facts_of(query).await
    }

    /// The latest revision of every value matching `query`, whatever its report's state.
    pub async fn reported_values(&self, query: &ValueQuery) -> Result<Vec<ReportedValue>> {
        self.reported_values_of(query).await
    }

    /// The items of every current plan version with this code, with their targets: one
    /// indicator across the plans of many provinces.
    pub async fn items_with_code(&self, code: &str) -> Result<Vec<CodedItem>> {
        self.items_with_code_of(code).await
    }

    /// The weight of each section of a plan in the composite index (sections not listed weigh 1).
    pub async fn index_weights(&self, plan_key: &str) -> Result<Vec<(String, f64)>> {
        self.index_weights_of(plan_key).await
    }

    /// Replaces the section weights of a plan's index.
    pub async fn set_index_weights(
        &self,
        plan_key: &str,
        weights: &[(String, f64)],
        actor: &str,
        at: &str,
    ) -> Result<()> {
        self.set_index_weights_of(plan_key, weights, Stamp { actor, at }).await
    }

    /// Attaches a file to a draft or returned report, after checking its size and type.
    pub async fn add_evidence(&self, report_id: i64, file: NewEvidence<'_>, actor: &str, at: &str) -> Result<Evidence> {
        self.add_evidence_tx(report_id, file, Stamp { actor, at }).await
    }

    pub async fn evidence(&self, report_id: i64) -> Result<Vec<Evidence>> {
        self.evidence_of_report(report_id).await
    }

    /// One file and its bytes.
    pub async fn evidence_file(&self, id: i64) -> Result<(Evidence, Vec<u8>)> {
        self.evidence_bytes(id).await
    }

    /// Records a person's decision on a link between a lower-level item and a higher-level one
    /// (confirm, reject, or take back to proposed): one row per pair, audited. Both items must
    /// exist in some version of their plans.
    pub async fn decide_link(&self, choice: &LinkChoice<'_>, actor: &str, at: &str) -> Result<LinkDecision> {
        self.decide_link_tx(choice, Stamp { actor, at }).await
    }

    /// Every link decided (or reopened) for the items of the plan with this key, as the child.
    pub async fn link_decisions(&self, child_plan_key: &str) -> Result<Vec<LinkDecision>> {
        self.link_decisions_of(child_plan_key).await
    }

    /// The confirmed links with the plan of this key on either side.
    pub async fn confirmed_links(&self, plan_key: &str) -> Result<Vec<LinkDecision>> {
        self.confirmed_links_of(plan_key).await
    }

    pub async fn add_user(&self, user: NewUser, actor: &str, at: &str) -> Result<User> {
        self.add_user_tx(user, Stamp { actor, at }).await
    }

    pub async fn user(&self, username: &str) -> Result<Option<(User, String)>> {
        self.user_by_name(username).await
    }

    pub async fn users(&self) -> Result<Vec<User>> {
        self.all_users().await
    }

    /// Replaces a user's password (an argon2 PHC string) and ends the user's open sessions.
    pub async fn set_password(&self, username: &str, password_hash: &str, actor: &str, at: &str) -> Result<User> {
        self.set_password_tx(username, password_hash, Stamp { actor, at }).await
    }

    /// Opens a sign-in session (and forgets expired ones); records the sign-in in the audit trail.
    pub async fn create_session(&self, session: &NewSession) -> Result<()> {
        self.create_session_tx(session).await
    }

    /// The session with this id and its user, if it is open at `now` (RFC 3339 UTC), was used
    /// after `idle_since` and the user is active.
    pub async fn session(&self, id: &str, now: &str, idle_since: &str) -> Result<Option<Session>> {
        self.session_by_id(id, now, idle_since).await
    }

    /// Records that the session was used at `at` (an earlier time is ignored).
    pub async fn touch_session(&self, id: &str, at: &str) -> Result<()> {
        self.touch_session_at(id, at).await
    }

    /// Until when sign-ins to `account` are held, if they are at `now`.
    pub async fn sign_in_hold(&self, account: &str, now: &str) -> Result<Option<String>> {
        self.sign_in_hold_of(account, now).await
    }

    /// Counts a failed sign-in to `account` at `at` (failures before `forget_before` no longer
    /// count) and returns how many there are now; forgets other accounts' old failures.
    pub async fn record_sign_in_failure(&self, account: &str, at: &str, forget_before: &str) -> Result<u32> {
        self.record_sign_in_failure_tx(account, at, forget_before).await
    }

    /// Holds sign-ins to `account` until `until`.
    pub async fn hold_sign_ins(&self, account: &str, until: &str) -> Result<()> {
        self.hold_sign_ins_of(account, until).await
    }

    /// Forgets `account`'s failed sign-ins (it signed in).
    pub async fn clear_sign_in_failures(&self, account: &str) -> Result<()> {
        self.clear_sign_in_failures_of(account).await
    }

    /// Ends a session (signing out); one already gone is not an error.
    pub async fn delete_session(&self, id: &str, at: &str) -> Result<()> {
        self.delete_session_tx(id, at).await
    }

    /// The reports owed with a due date from `from` to `to` (inclusive) under every plan in
    /// force, each with its unit's report state and the units that monitor its items: what the
    /// reminder schedule reads.
    pub async fn owed_reports(
        &self,
        from: chitieu_core::plan::Date,
        to: chitieu_core::plan::Date,
    ) -> Result<Vec<chitieu_core::reminder::Duty>> {
        self.owed_between(from, to).await
    }

    /// Records a digest for its person and day, with its lines and its in-app notice, unless one
    /// is recorded for them already (by this server or another): `None` then. A digest with an
    /// address is left `sending` (one try counted) until [`SqlStore::finish_mail`].
    pub async fn claim_digest(&self, digest: &crate::NewDigest<'_>, at: &str) -> Result<Option<i64>> {
        self.claim_digest_tx(digest, at).await
    }

    /// Claims again the mail of digests of `since` or later that failed, or that a stopped
    /// server left `sending` before `stale_before`, tried fewer than [`crate::MAX_SEND_ATTEMPTS`] times.
    pub async fn retry_mail(
        &self,
        since: chitieu_core::plan::Date,
        at: &str,
        stale_before: &str,
    ) -> Result<Vec<crate::PendingMail>> {
        self.retry_mail_tx(since, at, stale_before).await
    }

    /// Records how a claimed digest's mail went.
    pub async fn finish_mail(&self, digest_id: i64, outcome: crate::SendOutcome<'_>, at: &str) -> Result<()> {
        self.finish_mail_tx(digest_id, outcome, at).await
    }

    /// The reminders recorded, newest first.
    pub async fn reminders(&self, filter: &crate::ReminderFilter) -> Result<Vec<crate::SentReminder>> {
        self.reminder_list(filter).await
    }

    /// A user's in-app notices, newest first.
    pub async fn notices(&self, user_id: i64, limit: i64) -> Result<Vec<crate::Notice>> {
        self.notices_of(user_id, limit).await
    }

    pub async fn unread_notices(&self, user_id: i64) -> Result<i64> {
        self.unread_notices_of(user_id).await
    }

    /// Marks one of a user's notices (or all of them, for `None`) read; returns how many changed.
    pub async fn mark_notices_read(&self, user_id: i64, notice: Option<i64>, at: &str) -> Result<u64> {
        self.mark_notices_read_tx(user_id, notice, at).await
    }

    /// The audit trail of one entity ("plan", "org", "report", "user"), oldest first.
    pub async fn audit_events(&self, entity: &str, entity_id: &str) -> Result<Vec<AuditEvent>> {
        let rows = sqlx::query(
            "SELECT at, actor, action, entity, entity_id, before_json, after_json FROM audit_events \
             WHERE entity = $1 AND entity_id = $2 ORDER BY id",
        )
        .bind(entity)
        .bind(entity_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                let parse = |text: Option<String>| text.map(|t| serde_json::from_str(&t)).transpose();
                Ok(AuditEvent {
                    at: r.try_get("at")?,
                    actor: r.try_get("actor")?,
                    action: r.try_get("action")?,
                    entity: r.try_get("entity")?,
                    entity_id: r.try_get("entity_id")?,
                    before: parse(r.try_get("before_json")?)?,
                    after: parse(r.try_get("after_json")?)?,
                })
            })
            .collect()
    }
}

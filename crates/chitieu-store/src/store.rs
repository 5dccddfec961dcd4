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
    Review, SavedValue, Session, Store, StoreError, StoredPeriod, StoredPlan, User, ValueInput, ValueQuery,
    ValueRevision,
};

impl Store for SqlStore {
    async fn migrate(&self) -> Result<()> {
        self.run_migrations().await
    }

    async fn import_orgs(&self, records: &[OrgRecord], actor: &str, at: &str) -> Result<RegistryOutcome> {
        self.import_orgs_tx(records, Stamp { actor, at }).await
    }

    async fn import_groups(&self, records: &[GroupRecord], actor: &str, at: &str) -> Result<RegistryOutcome> {
        self.import_groups_tx(records, Stamp { actor, at }).await
    }

    async fn orgs(&self) -> Result<Vec<Org>> {
        Ok(self.registry().await?.orgs)
    }

    async fn registry(&self) -> Result<Registry> {
        let mut conn = self.pool.acquire().await?;
        self.load_registry(&mut conn).await
    }

    async fn import_plan(&self, import: PlanImport<'_>) -> Result<ImportOutcome> {
        self.import_plan_tx(import, &[]).await
    }

    async fn import_plan_confirmed(
        &self,
        import: PlanImport<'_>,
        confirmations: &[(String, Resolution)],
    ) -> Result<ImportOutcome> {
        self.import_plan_tx(import, confirmations).await
    }

    async fn plans(&self) -> Result<Vec<PlanSummary>> {
        self.plan_summaries().await
    }

    async fn current_plans(&self) -> Result<Vec<PlanSummary>> {
        self.current_plan_summaries().await
    }

    async fn plan(&self, id: i64) -> Result<StoredPlan> {
        let mut conn = self.pool.acquire().await?;
        self.load_plan(&mut conn, id).await
    }

    async fn latest_plan(&self, key: &str) -> Result<StoredPlan> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM plans WHERE plan_key = $1 ORDER BY version DESC")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        let id = id.ok_or_else(|| StoreError::NotFound { what: "plan", key: key.to_owned() })?;
        self.plan(id).await
    }

    async fn confirm_name(
        &self,
        plan_id: i64,
        name: &str,
        choice: &Resolution,
        actor: &str,
        at: &str,
    ) -> Result<usize> {
        self.confirm_name_tx(plan_id, name, choice, Stamp { actor, at }).await
    }

    async fn obligations(&self, plan_id: i64, period: Period) -> Result<Vec<Obligation>> {
        let plan = self.plan(plan_id).await?;
        let registry = self.registry().await?;
        Ok(crate::reminders::plan_obligations(&plan, &registry, period))
    }

    async fn save_values(
        &self,
        key: &ReportKey,
        values: &[ValueInput],
        expected_version: i64,
        actor: &str,
        at: &str,
    ) -> Result<SavedValue> {
        self.save_values_tx(key, values, expected_version, Stamp { actor, at }).await
    }

    async fn value_history(&self, key: &ReportKey) -> Result<Vec<ValueRevision>> {
        self.value_history_of(key).await
    }

    async fn report(&self, id: i64) -> Result<ReportView> {
        self.report_view(id).await
    }

    async fn report_id(&self, key: &ReportKey) -> Result<Option<i64>> {
        self.report_id_for(key).await
    }

    async fn save_and_submit(
        &self,
        key: &ReportKey,
        values: &[ValueInput],
        expected_version: i64,
        actor: &str,
        at: &str,
    ) -> Result<ReportHead> {
        self.save_and_submit_tx(key, values, expected_version, Stamp { actor, at }).await
    }

    async fn submit_report(&self, id: i64, expected_version: i64, actor: &str, at: &str) -> Result<ReportHead> {
        self.submit_report_tx(id, expected_version, Stamp { actor, at }).await
    }

    async fn review_report(
        &self,
        id: i64,
        expected_version: i64,
        review: &Review,
        actor: &str,
        at: &str,
    ) -> Result<ReportHead> {
        self.review_report_tx(id, expected_version, review, Stamp { actor, at }).await
    }

    async fn report_monitors(&self, id: i64) -> Result<Vec<OrgId>> {
        self.report_monitors_of(id).await
    }

    async fn review_queue(&self, monitor: Option<OrgId>) -> Result<Vec<ReportHead>> {
        self.review_queue_of(monitor).await
    }

    async fn set_period_lock(&self, plan_key: &str, period: Period, locked: bool, actor: &str, at: &str) -> Result<()> {
        self.set_period_lock_tx(plan_key, period, locked, Stamp { actor, at }).await
    }

    async fn periods(&self) -> Result<Vec<StoredPeriod>> {
        self.stored_periods().await
    }

    async fn load_reports(&self, reports: &[LoadedReport], actor: &str, at: &str) -> Result<LoadOutcome> {
        self.load_reports_tx(reports, Stamp { actor, at }).await
    }

    async fn report_facts(&self, query: &ValueQuery) -> Result<Vec<ReportFact>> {
        self.report_facts_of(query).await
    }

    async fn reported_values(&self, query: &ValueQuery) -> Result<Vec<ReportedValue>> {
        self.reported_values_of(query).await
    }

    async fn items_with_code(&self, code: &str) -> Result<Vec<CodedItem>> {
        self.items_with_code_of(code).await
    }

    async fn index_weights(&self, plan_key: &str) -> Result<Vec<(String, f64)>> {
        self.index_weights_of(plan_key).await
    }

    async fn set_index_weights(&self, plan_key: &str, weights: &[(String, f64)], actor: &str, at: &str) -> Result<()> {
        self.set_index_weights_of(plan_key, weights, Stamp { actor, at }).await
    }

    async fn add_evidence(&self, report_id: i64, file: NewEvidence<'_>, actor: &str, at: &str) -> Result<Evidence> {
        self.add_evidence_tx(report_id, file, Stamp { actor, at }).await
    }

    async fn evidence(&self, report_id: i64) -> Result<Vec<Evidence>> {
        self.evidence_of_report(report_id).await
    }

    async fn evidence_file(&self, id: i64) -> Result<(Evidence, Vec<u8>)> {
        self.evidence_bytes(id).await
    }

    async fn decide_link(&self, choice: &LinkChoice<'_>, actor: &str, at: &str) -> Result<LinkDecision> {
        self.decide_link_tx(choice, Stamp { actor, at }).await
    }

    async fn link_decisions(&self, child_plan_key: &str) -> Result<Vec<LinkDecision>> {
        self.link_decisions_of(child_plan_key).await
    }

    async fn confirmed_links(&self, plan_key: &str) -> Result<Vec<LinkDecision>> {
        self.confirmed_links_of(plan_key).await
    }

    async fn add_user(&self, user: NewUser, actor: &str, at: &str) -> Result<User> {
        self.add_user_tx(user, Stamp { actor, at }).await
    }

    async fn user(&self, username: &str) -> Result<Option<(User, String)>> {
        self.user_by_name(username).await
    }

    async fn users(&self) -> Result<Vec<User>> {
        self.all_users().await
    }

    async fn set_password(&self, username: &str, password_hash: &str, actor: &str, at: &str) -> Result<User> {
        self.set_password_tx(username, password_hash, Stamp { actor, at }).await
    }

    async fn create_session(&self, session: &NewSession) -> Result<()> {
        self.create_session_tx(session).await
    }

    async fn session(&self, id: &str, now: &str) -> Result<Option<Session>> {
        self.session_by_id(id, now).await
    }

    async fn delete_session(&self, id: &str, at: &str) -> Result<()> {
        self.delete_session_tx(id, at).await
    }

    async fn owed_reports(
        &self,
        from: chitieu_core::plan::Date,
        to: chitieu_core::plan::Date,
    ) -> Result<Vec<chitieu_core::reminder::Duty>> {
        self.owed_between(from, to).await
    }

    async fn claim_digest(&self, digest: &crate::NewDigest<'_>, at: &str) -> Result<Option<i64>> {
        self.claim_digest_tx(digest, at).await
    }

    async fn retry_mail(
        &self,
        since: chitieu_core::plan::Date,
        at: &str,
        stale_before: &str,
    ) -> Result<Vec<crate::PendingMail>> {
        self.retry_mail_tx(since, at, stale_before).await
    }

    async fn finish_mail(&self, digest_id: i64, outcome: crate::SendOutcome<'_>, at: &str) -> Result<()> {
        self.finish_mail_tx(digest_id, outcome, at).await
    }

    async fn reminders(&self, filter: &crate::ReminderFilter) -> Result<Vec<crate::SentReminder>> {
        self.reminder_list(filter).await
    }

    async fn notices(&self, user_id: i64, limit: i64) -> Result<Vec<crate::Notice>> {
        self.notices_of(user_id, limit).await
    }

    async fn unread_notices(&self, user_id: i64) -> Result<i64> {
        self.unread_notices_of(user_id).await
    }

    async fn mark_notices_read(&self, user_id: i64, notice: Option<i64>, at: &str) -> Result<u64> {
        self.mark_notices_read_tx(user_id, notice, at).await
    }

    async fn audit_events(&self, entity: &str, entity_id: &str) -> Result<Vec<AuditEvent>> {
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

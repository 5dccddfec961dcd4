//! Reminders in the server. One pass ([`run_reminders`]) retries the mail that failed, then
//! turns the day's schedule (`chitieu_core::reminder`) into digests recorded once per person and
//! day, each with an in-app notice and, when the person has an address and a mail server is
//! configured, an e-mail; every send is recorded, sent or failed. The scheduler
//! ([`spawn_reminders`]) runs a pass at every tick, for the local day read from the app's clock.

pub(crate) mod mailer;
mod scheduler;

use chitieu_app::clock::stamp;
use std::collections::HashMap;

use chitieu_core::plan::Date;
use chitieu_core::reminder::{Digest, DutyRole, Person, add_days, schedule};
use chitieu_store::{NewDigest, SendOutcome, StoreError, User, UserRole};

use crate::reminders::mailer::{Mail, Mailer};
use crate::state::AppState;

pub use scheduler::spawn_reminders;

/// A mail left `sending` this long by a server that stopped is taken over by another pass.
const STALE_MINUTES: i64 = 15;

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReminderRun {
    /// Digests the schedule made for the day.
    pub digests: usize,
    /// Of those, recorded by this pass (the others were recorded before, here or elsewhere).
    pub recorded: usize,
    /// Recorded with an in-app notice only: no address, or no mail server.
    pub notices_only: usize,
    /// Mails that went out (new and retried).
    pub mailed: usize,
    /// Mails that failed (new and retried); they are tried again at a later pass.
    pub failed: usize,
    /// Failed mails tried again.
    pub retried: usize,
}

/// One pass for `day`: retries the failed mail of `day` and the day before, then records and
/// sends the day's digests not recorded yet. Safe to run at every tick and on several servers:
/// a digest is recorded (and mailed) once per person and day.
pub async fn run_reminders(state: &AppState, day: Date) -> Result<ReminderRun, StoreError> {
    let config = &state.config.reminders;
    let mut run = ReminderRun::default();
    let now = state.clock.now();
    let at = stamp(now);
    if let Some(mailer) = state.mailer.as_deref() {
        let stale_before = stamp(now - chrono::Duration::minutes(STALE_MINUTES));
        for pending in state.store.retry_mail(add_days(day, -1), &at, &stale_before).await? {
            run.retried += 1;
            let mail = Mail {
                digest_id: pending.digest_id,
                to: &pending.email,
                subject: &pending.subject,
                body: &pending.body,
            };
            deliver(state, mailer, mail, &mut run).await?;
        }
    }
    let policy = config.policy();
    let (from, to) = policy.window(day);
    let duties = state.store.owed_reports(from, to).await?;
    let users = state.store.users().await?;
    let roles: HashMap<i64, DutyRole> = users.iter().filter_map(|u| Some((u.id, duty_role(u)?))).collect();
    let people: Vec<Person> = users.into_iter().filter_map(person).collect();
    let digests = schedule(day, &policy, &duties, &people);
    run.digests = digests.len();
    for digest in &digests {
        let link = link_of(digest, roles.get(&digest.user_id).copied());
        let site = config.site_url.as_deref().or(state.config.server.public_url.as_deref());
        let site_link = site.map(|site| format!("{}{link}", site.trim_end_matches('/')));
        let subject = digest.subject();
        let body = digest.body(site_link.as_deref());
        let notice = std::iter::once(subject.clone()).chain(digest.line_texts()).collect::<Vec<_>>().join("\n");
        let mailer = state.mailer.as_deref();
        let email = mailer.and(digest.email.as_deref());
        let record = NewDigest { digest, email, subject: &subject, body: &body, notice: &notice, link: &link };
        let Some(digest_id) = state.store.claim_digest(&record, &at).await? else { continue };
        run.recorded += 1;
        match (mailer, email) {
            (Some(mailer), Some(to)) => {
                deliver(state, mailer, Mail { digest_id, to, subject: &subject, body: &body }, &mut run).await?;
            }
            _ => run.notices_only += 1,
        }
    }
    Ok(run)
}

/// Sends one claimed digest and records how it went.
async fn deliver(state: &AppState, mailer: &Mailer, mail: Mail<'_>, run: &mut ReminderRun) -> Result<(), StoreError> {
    let sent = mailer.send(mail, state.clock.now()).await;
    let at = state.clock.stamp();
    match &sent {
        Ok(message_id) => {
            run.mailed += 1;
            state.store.finish_mail(mail.digest_id, SendOutcome::Sent { message_id }, &at).await
        }
        Err(error) => {
            run.failed += 1;
            tracing::warn!(digest = mail.digest_id, server = mailer.server(), %error, "reminder mail failed; will retry");
            state.store.finish_mail(mail.digest_id, SendOutcome::Failed { error }, &at).await
        }
    }
}

fn duty_role(user: &User) -> Option<DutyRole> {
    match user.role {
        UserRole::Reporter => Some(DutyRole::Reporter),
        UserRole::Approver => Some(DutyRole::Approver),
        UserRole::Monitor => Some(DutyRole::Monitor),
        UserRole::Admin | UserRole::Leader => None,
    }
}

/// The active people who can be reminded.
fn person(user: User) -> Option<Person> {
    let role = duty_role(&user).filter(|_| user.active)?;
    Some(Person { user_id: user.id, name: user.display_name, org: user.org, role, email: user.email })
}

/// The page a digest sends its reader to: a unit's own work, or for a monitor the reminders
/// of the period.
fn link_of(digest: &Digest, role: Option<DutyRole>) -> String {
    let period = digest.lines.first().map(|line| line.duty.period.to_string()).unwrap_or_default();
    match role {
        Some(DutyRole::Monitor) => format!("/nhac-viec?ky={period}"),
        _ => format!("/viec-cua-toi?ky={period}"),
    }
}

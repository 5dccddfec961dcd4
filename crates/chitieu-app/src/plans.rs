//! Publishing a plan document: the plan read from it, stored as a new plan or a new version
//! of one, with the names a person settled, in one transaction. The CLI's `import`, the demo
//! and the import page's "Công bố" all come through here.

use chitieu_core::Plan;
use chitieu_core::registry::{OrgId, Registry, Resolution};
use chitieu_store::{ImportOutcome, ImportStatus, Level, PlanImport, Session, SqlStore};

use crate::AppError;
use crate::access::{may_manage_plans_of, may_settle};

/// A document and the plan read from it.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
    pub plan: &'a Plan,
}

/// Who issued a document and where it sits among the plans.
#[derive(Debug, Clone, Copy, Default)]
pub struct Origin<'a> {
    pub issuer: Option<OrgId>,
    pub level: Option<Level>,
    /// The key of the plan this one carries out.
    pub parent_key: Option<&'a str>,
    /// The plan's identity across versions; by default the issuer and the folded title.
    pub key: Option<&'a str>,
}

/// Who publishes: a signed-in person, held to [`crate::access::may_manage_plans_of`] and
/// [`crate::access::may_settle`], or the server's operator on the command line (who holds the
/// database itself).
#[derive(Debug, Clone, Copy)]
pub enum Publisher<'a> {
    Person(&'a Session),
    Operator { name: &'a str },
}

impl Publisher<'_> {
    fn name(&self) -> &str {
        match self {
            Publisher::Person(session) => &session.user.username,
            Publisher::Operator { name } => name,
        }
    }
}

/// Whether `who` may publish a plan issued by `issuer` with these names settled.
pub fn may_publish(
    who: &Session,
    registry: &Registry,
    issuer: Option<OrgId>,
    settled: &[(String, Resolution)],
) -> Result<(), AppError> {
    may_manage_plans_of(who, registry, issuer)?;
    settled.iter().try_for_each(|(name, choice)| may_settle(registry, issuer, name, choice))
}

/// Stores `document` with the names settled in `settled` (name as written → what it means),
/// all or nothing. The text of a text document is kept, so every item's line can be shown. A
/// document identical to the stored version writes no new version, but the names settled now
/// are still recorded.
pub async fn publish(
    store: &SqlStore,
    who: Publisher<'_>,
    document: Document<'_>,
    origin: Origin<'_>,
    settled: &[(String, Resolution)],
    at: &str,
) -> Result<ImportOutcome, AppError> {
    if let Publisher::Person(session) = who {
        may_publish(session, &store.registry().await?, origin.issuer, settled)?;
    }
    let actor = who.name();
    let import = PlanImport {
        plan: document.plan,
        source_bytes: document.bytes,
        source_text: chitieu_import::source_text(document.name, document.bytes),
        issuer: origin.issuer,
        level: origin.level,
        parent_key: origin.parent_key,
        key: origin.key,
        actor,
        at,
    };
    let outcome = store.import_plan_confirmed(import, settled).await?;
    if outcome.status == ImportStatus::Unchanged {
        for (name, choice) in settled {
            store.confirm_name(outcome.plan_id, name, choice, actor, at).await?;
        }
    }
    Ok(outcome)
}

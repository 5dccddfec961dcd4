//! Who may do what, the rules every page, API route and use case applies, scoped to the user's
//! place in the org tree: reporters and approvers work on their own unit's reports (only
//! approvers submit); monitors read and review the reports on items their unit monitors;
//! leaders read everything; admins do all. Plans belong to their issuer: only its
//! administrators and monitors, or those above it, import, amend, settle names and decide
//! links. The one who approves is never the one who entered, submitted, or belongs to the unit.

use chitieu_core::registry::{OrgId, Registry, Resolution};
use chitieu_store::{Session, SqlStore, UserRole};

use crate::AppError;

fn own_unit(session: &Session, org: OrgId) -> bool {
    session.user.org == Some(org)
}

/// Reading a unit's report (or its evidence, its history).
pub async fn may_read(store: &SqlStore, session: &Session, org: OrgId, report: Option<i64>) -> Result<(), AppError> {
    let allowed = match session.user.role {
        UserRole::Admin | UserRole::Leader => true,
        UserRole::Reporter | UserRole::Approver => own_unit(session, org),
        UserRole::Monitor => match report {
            Some(id) => monitors(store, session, id).await?,
            None => false,
        },
    };
    if allowed { Ok(()) } else { Err(AppError::Forbidden) }
}

/// Reading a unit's values and its scorecard, wherever they show (the indicator page, the
/// evaluation API): admins, leaders and monitors read every unit's; reporters and approvers
/// their own unit's. (The overview and the heat map, which show verdicts and pooled figures,
/// are open to every signed-in role.)
pub fn may_read_unit_values(session: &Session, org: OrgId) -> bool {
    may_read_scorecard(session, org).is_ok()
}

/// Reading a unit's scorecard: see [`may_read_unit_values`].
pub fn may_read_scorecard(session: &Session, org: OrgId) -> Result<(), AppError> {
    match session.user.role {
        UserRole::Admin | UserRole::Leader | UserRole::Monitor => Ok(()),
        UserRole::Reporter | UserRole::Approver if own_unit(session, org) => Ok(()),
        UserRole::Reporter | UserRole::Approver => Err(AppError::Forbidden),
    }
}

/// Changing a unit's values or adding evidence.
pub fn may_write(session: &Session, org: OrgId) -> Result<(), AppError> {
    match session.user.role {
        UserRole::Admin => Ok(()),
        UserRole::Reporter | UserRole::Approver if own_unit(session, org) => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// Sending a unit's report for review: its head (approver) or an admin.
pub fn may_submit(session: &Session, org: OrgId) -> Result<(), AppError> {
    match session.user.role {
        UserRole::Admin => Ok(()),
        UserRole::Approver if own_unit(session, org) => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// Approving or returning a report: a monitor of its items, or an admin; and never (four eyes)
/// someone of the unit reported on, nor whoever entered one of its values or submitted it.
///
/// Under a plan that asks for two approvals, the second comes from a monitor (or
/// administrator) whose unit is above the first approver's.
pub async fn may_review(store: &SqlStore, session: &Session, report: i64) -> Result<(), AppError> {
    let view = store.report(report).await?;
    let allowed = match (&view.head.first_approved_by, session.user.role) {
        (None, UserRole::Admin) => true,
        (None, UserRole::Monitor) => monitors(store, session, report).await?,
        (Some(first), UserRole::Admin | UserRole::Monitor) => {
            above_first_approver(store, session, first).await? && first != &session.user.username
        }
        _ => false,
    };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    if session.user.org == Some(view.head.org) {
        return Err(AppError::Denied(
            "Không duyệt báo cáo của chính đơn vị mình; người duyệt phải ở đơn vị khác.".into(),
        ));
    }
    let me = session.user.username.as_str();
    let key =
        chitieu_store::ReportKey { plan_key: view.head.plan_key.clone(), period: view.head.period, org: view.head.org };
    let entered = store.value_history(&key).await?.iter().any(|revision| revision.saved_by == me);
    if entered || view.head.submitted_by.as_deref() == Some(me) {
        return Err(AppError::Denied(
            "Người nhập hoặc người gửi báo cáo không tự duyệt hay trả lại báo cáo đó; cần một người khác duyệt.".into(),
        ));
    }
    Ok(())
}

/// Importing or amending a plan issued by `issuer`, and settling the names it writes: an
/// administrator or a monitor whose unit is the issuer or above it in the tree; a system
/// administrator (tied to no unit) for any plan. Nobody else: a unit never publishes in the
/// name of a unit above it or beside it.
pub fn may_manage_plans_of(session: &Session, registry: &Registry, issuer: Option<OrgId>) -> Result<(), AppError> {
    if !matches!(session.user.role, UserRole::Admin | UserRole::Monitor) {
        return Err(AppError::Forbidden);
    }
    if at_or_above(session, registry, issuer) {
        Ok(())
    } else {
        Err(AppError::Denied(
            "Chỉ nhập, sửa đổi được kế hoạch do đơn vị mình hoặc đơn vị cấp dưới ban hành; hãy chọn đúng cơ quan ban \
             hành, hoặc nhờ quản trị của cơ quan đó."
                .into(),
        ))
    }
}

/// Whether the user's unit is `issuer` or above it; a system administrator (no unit) is above
/// every unit, anyone else above none when there is no issuer.
fn at_or_above(session: &Session, registry: &Registry, issuer: Option<OrgId>) -> bool {
    match (session.user.org, issuer) {
        (None, _) => session.user.role == UserRole::Admin,
        (Some(_), None) => false,
        (Some(mine), Some(issuer)) => issuer == mine || registry.is_under(issuer, mine),
    }
}

/// Confirming or rejecting the links of a plan issued by `issuer` to its parents' items: an
/// administrator, leader or monitor of the issuer or above, or a monitor of the items
/// concerned (`item_monitors`: the units the two plans name to monitor the child item and the
/// parent item). Everyone signed in reads them.
pub fn may_decide_links(
    session: &Session,
    registry: &Registry,
    issuer: Option<OrgId>,
    item_monitors: &[OrgId],
) -> Result<(), AppError> {
    let role = session.user.role;
    let monitors_items = session.user.org.is_some_and(|org| item_monitors.contains(&org));
    if matches!(role, UserRole::Admin | UserRole::Leader | UserRole::Monitor)
        && (at_or_above(session, registry, issuer) || monitors_items)
    {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A name of a plan issued by `issuer` may be settled to `choice` only when it lies in the
/// issuer's tree: the issuer or a unit under it; a group whose scope is, or (for an issuer at
/// the top of the tree) a group without scope.
pub fn may_settle(registry: &Registry, issuer: Option<OrgId>, name: &str, choice: &Resolution) -> Result<(), AppError> {
    let Some(issuer) = issuer else { return Ok(()) };
    let in_tree = |org: OrgId| org == issuer || registry.is_under(org, issuer);
    let top = registry.orgs.iter().find(|o| o.id == issuer).is_some_and(|o| o.parent.is_none());
    let allowed = match choice {
        Resolution::Org { id } => in_tree(*id),
        Resolution::Group { id } => {
            registry.groups.iter().find(|g| g.id == *id).is_some_and(|g| g.scope.map_or(top, in_tree))
        }
        Resolution::Proposed { .. } | Resolution::Unresolved => true,
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::Denied(format!(
            "«{name}» chỉ được xác nhận là đơn vị thuộc cơ quan ban hành kế hoạch hoặc cấp dưới của cơ quan đó."
        )))
    }
}

/// Whether the user's unit is above the unit of `first`, who approved a report once (a system
/// administrator is above every unit).
pub async fn above_first_approver(store: &SqlStore, session: &Session, first: &str) -> Result<bool, AppError> {
    let Some(mine) = session.user.org else { return Ok(session.user.role == UserRole::Admin) };
    let Some(theirs) = store.user(first).await?.and_then(|(user, _)| user.org) else { return Ok(false) };
    Ok(store.registry().await?.is_under(theirs, mine))
}

async fn monitors(store: &SqlStore, session: &Session, report: i64) -> Result<bool, AppError> {
    let Some(org) = session.user.org else { return Ok(false) };
    Ok(store.report_monitors(report).await?.contains(&org))
}

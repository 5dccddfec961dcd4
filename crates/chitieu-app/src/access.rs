//! Who may do what with a unit's report, the rules every reporting route applies: reporters
//! and approvers work on their own unit's reports (only approvers submit), monitors read and
//! review the reports on items their org monitors, leaders read everything, admins do all.

use chitieu_core::registry::OrgId;
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

/// Reading a unit's scorecard: admins, leaders and monitors read every unit's; reporters and
/// approvers their own unit's. (The overview and the heat map are open to every signed-in role.)
pub fn may_read_scorecard(session: &Session, org: OrgId) -> Result<(), AppError> {
    match session.user.role {
        UserRole::Admin | UserRole::Leader | UserRole::Monitor => Ok(()),
        UserRole::Reporter | UserRole::Approver if own_unit(session, org) => Ok(()),
        UserRole::Reporter | UserRole::Approver => Err(AppError::Forbidden),
    }
}

/// Who may confirm or reject the links between a plan's items and its parents' (everyone
/// signed in reads them).
pub const DECIDE_LINKS: &[UserRole] = &[UserRole::Admin, UserRole::Leader, UserRole::Monitor];

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

/// Approving or returning a report: a monitor of its items, or an admin.
pub async fn may_review(store: &SqlStore, session: &Session, report: i64) -> Result<(), AppError> {
    let allowed = match session.user.role {
        UserRole::Admin => true,
        UserRole::Monitor => monitors(store, session, report).await?,
        _ => false,
    };
    if allowed { Ok(()) } else { Err(AppError::Forbidden) }
}

async fn monitors(store: &SqlStore, session: &Session, report: i64) -> Result<bool, AppError> {
    let Some(org) = session.user.org else { return Ok(false) };
    Ok(store.report_monitors(report).await?.contains(&org))
}

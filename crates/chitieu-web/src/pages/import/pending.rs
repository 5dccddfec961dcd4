//! Uploads waiting to be published: kept in memory (never in the database) under a random
//! token, for their uploader only, for an hour, within a cap on how many and how many bytes.

use std::collections::HashMap;
use std::sync::Mutex;

use chitieu_core::Plan;
use chitieu_core::registry::OrgId;
use chitieu_store::Level;
use chrono::{DateTime, Duration, Utc};

/// How long an upload waits for "Công bố".
pub(crate) const LIFETIME: Duration = Duration::hours(1);
/// At most this many uploads wait at once; the oldest make way.
const MAX_ENTRIES: usize = 32;
/// At most this many bytes of documents wait at once; the oldest make way.
const MAX_BYTES: usize = 160 * 1024 * 1024;

/// A document read but not stored, and where it is to sit among the plans.
#[derive(Debug, Clone)]
pub(crate) struct PendingImport {
    /// The user who uploaded it: only they may see and publish it.
    pub(crate) owner: i64,
    pub(crate) file_name: String,
    pub(crate) bytes: Vec<u8>,
    pub(crate) plan: Plan,
    pub(crate) issuer: Option<OrgId>,
    pub(crate) level: Option<Level>,
    pub(crate) parent_key: Option<String>,
    pub(crate) uploaded_at: DateTime<Utc>,
}

#[derive(Debug, Default)]
pub(crate) struct PendingImports(Mutex<HashMap<String, PendingImport>>);

impl PendingImports {
    /// Keeps `pending` under `token`, dropping expired uploads and then the oldest while the
    /// caps would be exceeded.
    pub(crate) fn insert(&self, token: String, pending: PendingImport, now: DateTime<Utc>) {
        let mut map = self.lock();
        map.retain(|_, p| !expired(p, now));
        while !map.is_empty()
            && (map.len() >= MAX_ENTRIES
                || map.values().map(|p| p.bytes.len()).sum::<usize>() + pending.bytes.len() > MAX_BYTES)
        {
            let oldest = map.iter().min_by_key(|(_, p)| p.uploaded_at).map(|(token, _)| token.clone());
            if let Some(oldest) = oldest {
                map.remove(&oldest);
            }
        }
        map.insert(token, pending);
    }

    /// The upload under `token`, when it is `owner`'s and has not expired.
    pub(crate) fn get(&self, token: &str, owner: i64, now: DateTime<Utc>) -> Option<PendingImport> {
        let mut map = self.lock();
        map.retain(|_, p| !expired(p, now));
        map.get(token).filter(|p| p.owner == owner).cloned()
    }

    /// Forgets the upload under `token` (once it is published).
    pub(crate) fn remove(&self, token: &str) {
        self.lock().remove(token);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, PendingImport>> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn expired(pending: &PendingImport, now: DateTime<Utc>) -> bool {
    now - pending.uploaded_at >= LIFETIME
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(owner: i64, size: usize, at: DateTime<Utc>) -> PendingImport {
        let source = chitieu_core::Source { file: "a.txt".into(), sha256: String::new() };
        let plan = Plan { source, title: String::new(), years: vec![], regime: None, warnings: vec![], items: vec![] };
        PendingImport {
            owner,
            file_name: "a.txt".into(),
            bytes: vec![0; size],
            plan,
            issuer: None,
            level: None,
            parent_key: None,
            uploaded_at: at,
        }
    }

    #[test]
    fn an_upload_is_its_owners_for_an_hour() {
        let start: DateTime<Utc> = "2026-11-23T08:00:00Z".parse().unwrap_or_default();
        let pending = PendingImports::default();
        pending.insert("t".into(), upload(1, 10, start), start);
        assert!(pending.get("t", 1, start + Duration::minutes(59)).is_some());
        assert!(pending.get("t", 2, start).is_none(), "another user does not see it");
        assert!(pending.get("t", 1, start + LIFETIME).is_none());
    }

    #[test]
    fn the_oldest_uploads_make_way_past_the_caps() {
        let start: DateTime<Utc> = "2026-11-23T08:00:00Z".parse().unwrap_or_default();
        let pending = PendingImports::default();
        for i in 0..=MAX_ENTRIES {
            let at = start + Duration::seconds(i64::try_from(i).unwrap_or_default());
            pending.insert(format!("t{i}"), upload(1, 1, at), at);
        }
        assert!(pending.get("t0", 1, start).is_none());
        assert!(pending.get(&format!("t{MAX_ENTRIES}"), 1, start).is_some());
        pending.insert("big".into(), upload(1, MAX_BYTES, start), start);
        assert!(pending.get("t1", 1, start).is_none() && pending.get("big", 1, start).is_some());
    }
}

//! Uploaded documents being read: off the request threads (`spawn_blocking`, since OCR of a
//! scan takes seconds a page), one at a time per server (a semaphore of one permit), each under
//! its import token for its uploader only, with how far it has come for the progress page. A
//! document read becomes a [`PendingImport`]; one that could not be read keeps its refusal and
//! the choices made with it for as long as an upload waits.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use chitieu_core::registry::OrgId;
use chitieu_import::pdf::Progress;
use chitieu_store::Level;
use chrono::{DateTime, Utc};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};

use super::pending::{LIFETIME, PendingImport};
use super::upload::Upload;
use crate::state::AppState;

/// At most this many documents wait for their turn or are being read at once; more are refused.
const MAX_QUEUED: usize = 8;

/// What the user chose beside the document: where the plan is to sit among the plans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Choices {
    pub(crate) issuer: Option<OrgId>,
    pub(crate) level: Option<Level>,
    pub(crate) parent_key: Option<String>,
}

impl Choices {
    pub(crate) fn of(upload: &Upload) -> Self {
        Choices { issuer: upload.issuer, level: upload.level, parent_key: upload.parent_key.clone() }
    }
}

/// One uploaded document on its way to the preview.
#[derive(Debug, Clone)]
pub(crate) struct Job {
    /// The user who uploaded it: only they may follow it.
    pub(crate) owner: i64,
    pub(crate) file_name: String,
    pub(crate) choices: Choices,
    pub(crate) stage: Stage,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Stage {
    /// Waiting for the document before it to be read.
    Waiting,
    /// Being read: `done` of `pages` pages so far (both 0 before a PDF's first page is read);
    /// `ocr` when the page just read was a scan, read by OCR.
    Reading { done: usize, pages: usize, ocr: bool },
    /// Could not be read: the refusal, worded for the form, and when it came.
    Failed { message: String, at: DateTime<Utc> },
}

/// The documents being read and those that could not be, by import token.
#[derive(Debug)]
pub(crate) struct Readings {
    /// The server's one turn at reading.
    turn: Arc<Semaphore>,
    jobs: Mutex<HashMap<String, Job>>,
}

impl Default for Readings {
    fn default() -> Self {
        Self { turn: Arc::new(Semaphore::new(1)), jobs: Mutex::default() }
    }
}

impl Readings {
    /// Takes the server's one turn at reading; uploads wait until the permit drops.
    pub(crate) async fn turn(&self) -> OwnedSemaphorePermit {
        Arc::clone(&self.turn).acquire_owned().await.expect("the reading semaphore is never closed")
    }

    /// The job under `token`, when it is `owner`'s and, if it failed, the failure is not older
    /// than an upload may wait.
    pub(crate) fn job(&self, token: &str, owner: i64, now: DateTime<Utc>) -> Option<Job> {
        let mut jobs = self.lock();
        jobs.retain(|_, job| !matches!(job.stage, Stage::Failed { at, .. } if now - at >= LIFETIME));
        jobs.get(token).filter(|job| job.owner == owner).cloned()
    }

    /// Forgets the job under `token` (a failure shown at once on the upload form).
    pub(crate) fn remove(&self, token: &str) {
        self.lock().remove(token);
    }

    fn set(&self, token: &str, stage: Stage) {
        if let Some(job) = self.lock().get_mut(token) {
            job.stage = stage;
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Job>> {
        self.jobs.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Queues `upload` to be read under `token` for `owner`, and returns at once; the receiver
/// hears when the document has been read (it is then a pending import) or refused (the job
/// says why). `None` when too many documents are queued already.
pub(crate) fn start(state: &AppState, token: &str, owner: i64, upload: Upload) -> Option<oneshot::Receiver<()>> {
    let readings = Arc::clone(&state.readings);
    {
        let mut jobs = readings.lock();
        if jobs.values().filter(|job| !matches!(job.stage, Stage::Failed { .. })).count() >= MAX_QUEUED {
            return None;
        }
        let job =
            Job { owner, file_name: upload.file_name.clone(), choices: Choices::of(&upload), stage: Stage::Waiting };
        jobs.insert(token.to_owned(), job);
    }
    let (done, heard) = oneshot::channel();
    let (state, token) = (state.clone(), token.to_owned());
    tokio::spawn(async move {
        let turn = readings.turn().await;
        readings.set(&token, Stage::Reading { done: 0, pages: 0, ocr: false });
        let (progress_to, progress_token) = (Arc::clone(&readings), token.clone());
        let read = tokio::task::spawn_blocking(move || {
            let plan = chitieu_import::read_plan_with_progress(&upload.file_name, &upload.bytes, &mut |p: Progress| {
                progress_to.set(&progress_token, Stage::Reading { done: p.done, pages: p.pages, ocr: p.ocr });
            });
            (upload, plan)
        })
        .await;
        drop(turn);
        finish(&state, &token, owner, read);
        // The upload may have stopped waiting for it: the outcome is in the state either way.
        let _ = done.send(());
    });
    Some(heard)
}

/// Keeps what reading the document under `token` came to: the plan as a pending import (put
/// there before the job goes, so the token always leads somewhere), or the refusal.
fn finish(
    state: &AppState,
    token: &str,
    owner: i64,
    read: Result<(Upload, Result<chitieu_core::Plan, chitieu_import::ImportError>), tokio::task::JoinError>,
) {
    let now = state.clock.now();
    let message = match read {
        Ok((upload, Ok(plan))) => {
            let pending = PendingImport {
                owner,
                file_name: upload.file_name,
                bytes: upload.bytes,
                plan,
                issuer: upload.issuer,
                level: upload.level,
                parent_key: upload.parent_key,
                uploaded_at: now,
            };
            state.imports.insert(token.to_owned(), pending, now);
            state.readings.remove(token);
            return;
        }
        Ok((upload, Err(error))) => format!("Không đọc được văn bản «{}»: {error}", upload.file_name),
        Err(error) => {
            tracing::error!(%error, "reading an uploaded document failed");
            let file = state.readings.lock().get(token).map(|job| job.file_name.clone()).unwrap_or_default();
            format!(
                "Không đọc được văn bản «{file}»: lỗi máy chủ khi đọc. Hãy thử lại; nếu lỗi còn, báo quản trị viên."
            )
        }
    };
    state.readings.set(token, Stage::Failed { message, at: now });
}

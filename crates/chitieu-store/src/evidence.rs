//! Evidence files attached to a report: bounded in size, typed by their first bytes (never by
//! their name), fingerprinted with SHA-256 and kept in the database beside the values.

use serde::Serialize;
use sqlx::Row as _;

use crate::backend::SqlStore;
use crate::reports::ReportStatus;
use crate::sql::{Stamp, audit};
use crate::{Result, StoreError};

/// The largest file accepted: 10 MiB.
pub const MAX_EVIDENCE_BYTES: usize = 10 * 1024 * 1024;
/// The most files one report holds, and their most bytes together.
pub const MAX_EVIDENCE_FILES: usize = 20;
pub const MAX_REPORT_EVIDENCE_BYTES: usize = 50 * 1024 * 1024;
/// The most bytes of evidence one unit adds in a day (UTC), across its reports.
pub const MAX_UNIT_DAY_EVIDENCE_BYTES: usize = 200 * 1024 * 1024;

/// A file as uploaded.
#[derive(Debug, Clone, Copy)]
pub struct NewEvidence<'a> {
    /// The item it supports ('' for the whole report).
    pub item_key: &'a str,
    pub file_name: &'a str,
    pub bytes: &'a [u8],
}

/// What is known of a stored file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub id: i64,
    pub report_id: i64,
    pub item_key: String,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub uploaded_at: String,
}

/// The type of a file from its first bytes: PDF, Office Open XML (a zip holding
/// `[Content_Types].xml` and a `word/` or `xl/` part), PNG or JPEG; anything else is refused.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    let holds = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"PK\x03\x04") && holds(b"[Content_Types].xml") {
        if holds(b"word/") {
            Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        } else if holds(b"xl/") {
            Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        } else {
            None
        }
    } else {
        None
    }
}

/// A file name as shown and offered for download: its last path part, without control
/// characters or quotes, at most 200 characters.
fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base.chars().filter(|c| !c.is_control() && *c != '"').take(200).collect();
    if clean.trim().is_empty() { "minh-chung".to_owned() } else { clean.trim().to_owned() }
}

const COLUMNS: &str = "id, report_id, item_key, file_name, content_type, size, sha256, uploaded_by, uploaded_at";

fn evidence_of(row: &sqlx::any::AnyRow) -> Result<Evidence> {
    Ok(Evidence {
        id: row.try_get("id")?,
        report_id: row.try_get("report_id")?,
        item_key: row.try_get("item_key")?,
        file_name: row.try_get("file_name")?,
        content_type: row.try_get("content_type")?,
        size: row.try_get("size")?,
        sha256: row.try_get("sha256")?,
        uploaded_by: row.try_get("uploaded_by")?,
        uploaded_at: row.try_get("uploaded_at")?,
    })
}

impl SqlStore {
    /// Refuses a file that would take a report past [`MAX_EVIDENCE_FILES`] or
    /// [`MAX_REPORT_EVIDENCE_BYTES`], or its unit past [`MAX_UNIT_DAY_EVIDENCE_BYTES`] today.
    async fn within_quota(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        report_id: i64,
        size: usize,
        at: &str,
    ) -> Result<()> {
        let row =
            sqlx::query("SELECT COUNT(*) AS files, CAST(COALESCE(SUM(size), 0) AS BIGINT) AS bytes FROM evidence WHERE report_id = $1")
                .bind(report_id)
                .fetch_one(&mut **tx)
                .await?;
        let (files, bytes): (i64, i64) = (row.try_get("files")?, row.try_get("bytes")?);
        if files as usize >= MAX_EVIDENCE_FILES {
            return Err(StoreError::Invalid(format!(
                "báo cáo đã có {files} tệp minh chứng, tối đa {MAX_EVIDENCE_FILES} tệp; hãy gộp tệp hoặc xóa bớt"
            )));
        }
        if bytes as usize + size > MAX_REPORT_EVIDENCE_BYTES {
            return Err(StoreError::Invalid(format!(
                "minh chứng của một báo cáo tối đa {} MiB; báo cáo đã có {} MiB",
                MAX_REPORT_EVIDENCE_BYTES / (1024 * 1024),
                bytes / (1024 * 1024)
            )));
        }
        // Times are RFC 3339 UTC text: the day is the first ten characters.
        let today: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(e.size), 0) AS BIGINT) FROM evidence e JOIN reports r ON r.id = e.report_id \
             WHERE r.org_id = (SELECT org_id FROM reports WHERE id = $1) AND substr(e.uploaded_at, 1, 10) = $2",
        )
        .bind(report_id)
        .bind(at.get(..10).unwrap_or(at))
        .fetch_one(&mut **tx)
        .await?;
        if today as usize + size > MAX_UNIT_DAY_EVIDENCE_BYTES {
            return Err(StoreError::Invalid(format!(
                "đơn vị đã tải lên {} MiB minh chứng hôm nay, tối đa {} MiB một ngày; hãy thử lại vào ngày mai",
                today / (1024 * 1024),
                MAX_UNIT_DAY_EVIDENCE_BYTES / (1024 * 1024)
            )));
        }
        Ok(())
    }

    pub(crate) async fn add_evidence_tx(
        &self,
        report_id: i64,
        file: NewEvidence<'_>,
        stamp: Stamp<'_>,
    ) -> Result<Evidence> {
        if file.bytes.is_empty() {
            return Err(StoreError::Invalid("tệp rỗng".into()));
        }
        if file.bytes.len() > MAX_EVIDENCE_BYTES {
            return Err(StoreError::Invalid(format!(
                "tệp có {} byte; chỉ nhận tệp tối đa {MAX_EVIDENCE_BYTES} byte",
                file.bytes.len()
            )));
        }
        let content_type =
            sniff(file.bytes).ok_or_else(|| StoreError::Invalid("chỉ nhận tệp PDF, DOCX, XLSX, PNG và JPG".into()))?;
        let sha256 = chitieu_core::digest::sha256_hex(file.bytes);
        let file_name = clean_name(file.file_name);
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "SELECT r.status, p.locked, p.year, p.quarter FROM reports r JOIN periods p ON p.id = r.period_id \
             WHERE r.id = $1",
        )
        .bind(report_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Err(StoreError::NotFound { what: "báo cáo", key: report_id.to_string() });
        };
        if row.try_get::<i64, _>("locked")? == 1 {
            let period = crate::review::period_of(row.try_get("year")?, row.try_get("quarter")?)?;
            return Err(StoreError::Locked(period.to_string()));
        }
        let status = ReportStatus::decode(&row, "status")?;
        self.within_quota(&mut tx, report_id, file.bytes.len(), stamp.at).await?;
        if !status.editable() {
            return Err(StoreError::Invalid(format!(
                "báo cáo đang ở trạng thái «{}»: chỉ đính kèm minh chứng vào bản nháp hoặc báo cáo bị trả lại",
                status.label_vi()
            )));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO evidence (report_id, item_key, file_name, content_type, size, sha256, bytes, uploaded_by, \
             uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(report_id)
        .bind(file.item_key)
        .bind(&file_name)
        .bind(content_type)
        .bind(file.bytes.len() as i64)
        .bind(&sha256)
        .bind(file.bytes.to_vec())
        .bind(stamp.actor)
        .bind(stamp.at)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| StoreError::from_db(e, "evidence"))?;
        let after = serde_json::json!({
            "evidence": id, "item_key": file.item_key, "file_name": file_name, "content_type": content_type,
            "size": file.bytes.len(), "sha256": sha256,
        });
        audit(&mut tx, stamp, "attach", "report", &report_id.to_string(), None, Some(&after)).await?;
        tx.commit().await?;
        self.evidence_meta(id).await
    }

    pub(crate) async fn evidence_meta(&self, id: i64) -> Result<Evidence> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM evidence WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound { what: "minh chứng", key: id.to_string() })?;
        evidence_of(&row)
    }

    pub(crate) async fn evidence_of_report(&self, report_id: i64) -> Result<Vec<Evidence>> {
        let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM evidence WHERE report_id = $1 ORDER BY id"))
            .bind(report_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(evidence_of).collect()
    }

    pub(crate) async fn evidence_bytes(&self, id: i64) -> Result<(Evidence, Vec<u8>)> {
        let meta = self.evidence_meta(id).await?;
        let bytes: Vec<u8> =
            sqlx::query_scalar("SELECT bytes FROM evidence WHERE id = $1").bind(id).fetch_one(&self.pool).await?;
        Ok((meta, bytes))
    }
}

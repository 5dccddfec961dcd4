-- chitieu schema v3 (SQLite): the reporting loop. Mirrors migrations/postgres/0003_review.sql
-- column for column. A submission after the period's due date is marked late; evidence files
-- are kept in the database with their checked type, size and SHA-256.

ALTER TABLE reports ADD COLUMN late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1));

CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports (id),
    -- '' for evidence of the whole report.
    item_key TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size BETWEEN 1 AND 10485760),
    sha256 TEXT NOT NULL,
    bytes BLOB NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);

CREATE INDEX evidence_report ON evidence (report_id);
CREATE INDEX reports_status ON reports (status);

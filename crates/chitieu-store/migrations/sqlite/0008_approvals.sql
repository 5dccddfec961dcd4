-- chitieu schema v8 (SQLite): approval levels. Mirrors migrations/postgres/0008_approvals.sql.
-- A plan may ask for a second approval: a report approved once stays submitted, with its first
-- approver, until a monitor above that approver approves it too.

CREATE TABLE plan_settings (
    plan_key TEXT PRIMARY KEY,
    approvals INTEGER NOT NULL DEFAULT 1 CHECK (approvals IN (1, 2))
);

ALTER TABLE reports ADD COLUMN first_approved_by TEXT;
ALTER TABLE reports ADD COLUMN first_approved_at TEXT;

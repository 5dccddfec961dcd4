-- chitieu schema v6 (SQLite): reminders (đôn đốc). Mirrors migrations/postgres/0006_reminders.sql
-- column for column. Users get an e-mail address. A digest is everything one person is reminded
-- of on one day: claimed once per (user, day) by whichever server gets there first, then sent
-- (or failed, to be retried); its lines say which report and why; each digest also leaves an
-- in-app notice.

ALTER TABLE users ADD COLUMN email TEXT;

CREATE TABLE reminder_digests (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    -- The day (ISO) the digest is for.
    day TEXT NOT NULL,
    -- Where the e-mail goes; NULL: an in-app notice only (no address, or no SMTP server).
    email TEXT,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'notice_only')),
    attempts INTEGER NOT NULL DEFAULT 0,
    claimed_at TEXT NOT NULL,
    sent_at TEXT,
    message_id TEXT,
    error TEXT,
    UNIQUE (user_id, day)
);

CREATE TABLE reminders (
    id INTEGER PRIMARY KEY,
    digest_id INTEGER NOT NULL REFERENCES reminder_digests (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    day TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('before_due', 'due_today', 'late')),
    -- Days before the due date, or days late; 0 on the due date.
    days INTEGER NOT NULL,
    plan_key TEXT NOT NULL,
    year INTEGER NOT NULL,
    -- 1..4 for quarters, 0 for the year.
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 0 AND 4),
    org_id INTEGER NOT NULL REFERENCES orgs (id),
    due_date TEXT NOT NULL,
    report_state TEXT NOT NULL,
    UNIQUE (digest_id, plan_key, year, quarter, org_id)
);

CREATE TABLE notices (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    text TEXT NOT NULL,
    link TEXT,
    read_at TEXT,
    -- The digest that left it, if a reminder did.
    digest_id INTEGER UNIQUE REFERENCES reminder_digests (id)
);

CREATE INDEX reminder_digests_status ON reminder_digests (status, day);
CREATE INDEX reminders_day ON reminders (day, id);
CREATE INDEX reminders_org ON reminders (org_id, year, quarter);
CREATE INDEX notices_user ON notices (user_id, read_at);

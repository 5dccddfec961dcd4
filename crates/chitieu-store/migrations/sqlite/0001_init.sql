-- chitieu schema v1 (SQLite). Mirrors migrations/postgres/0001_init.sql column for column:
-- integers are 64-bit, reals are doubles, flags are 0/1 integers, times are RFC 3339 UTC text
-- and structured values are JSON text, so one set of queries serves both backends.

CREATE TABLE orgs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('province', 'department', 'commune', 'office', 'party_body',
                                       'enterprise', 'police', 'bank', 'school', 'other')),
    parent_id INTEGER REFERENCES orgs (id),
    -- The parent's id as text, '' at the top: names are unique under one parent.
    scope_key TEXT NOT NULL,
    population INTEGER,
    active_from TEXT,
    active_to TEXT,
    sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (name_key, scope_key)
);

CREATE TABLE org_aliases (
    org_id INTEGER NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (org_id, alias)
);

CREATE TABLE org_groups (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    member_kind TEXT,
    scope_id INTEGER REFERENCES orgs (id),
    scope_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (name_key, scope_key)
);

CREATE TABLE group_aliases (
    group_id INTEGER NOT NULL REFERENCES org_groups (id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (group_id, alias)
);

CREATE TABLE group_members (
    group_id INTEGER NOT NULL REFERENCES org_groups (id) ON DELETE CASCADE,
    org_id INTEGER NOT NULL REFERENCES orgs (id),
    PRIMARY KEY (group_id, org_id)
);

CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    -- Identity across versions: an amended document is a new version of the same plan.
    plan_key TEXT NOT NULL,
    version INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'amended', 'archived')),
    title TEXT NOT NULL,
    issuer_id INTEGER REFERENCES orgs (id),
    level TEXT CHECK (level IN ('province', 'city', 'commune')),
    parent_plan_key TEXT,
    doc_number TEXT,
    doc_date TEXT,
    years TEXT NOT NULL,
    regime TEXT,
    warnings TEXT NOT NULL,
    source_file TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    source_bytes BLOB NOT NULL,
    source_text TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (plan_key, version)
);

CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    -- Identity across versions of the plan: reports point here, so they survive amendments.
    item_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    parent_position INTEGER,
    section TEXT,
    code TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('group', 'indicator', 'task')),
    text TEXT NOT NULL,
    unit TEXT,
    direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
    measure TEXT NOT NULL,
    deadline TEXT,
    note TEXT,
    line INTEGER NOT NULL,
    UNIQUE (plan_id, position),
    UNIQUE (plan_id, item_key)
);

CREATE TABLE targets (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    year INTEGER,
    op TEXT NOT NULL CHECK (op IN ('>=', '>', '<=', '<', '=', 'range', 'bool', 'qualitative')),
    value DOUBLE PRECISION,
    value_max DOUBLE PRECISION,
    unit TEXT,
    subject TEXT,
    raw TEXT NOT NULL,
    UNIQUE (item_id, position)
);

CREATE TABLE assignments (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('monitor', 'lead', 'coordinate', 'direct')),
    position INTEGER NOT NULL,
    raw TEXT NOT NULL,
    org_id INTEGER REFERENCES orgs (id),
    group_id INTEGER REFERENCES org_groups (id),
    status TEXT NOT NULL CHECK (status IN ('resolved', 'proposed', 'unresolved', 'confirmed')),
    proposals TEXT,
    UNIQUE (item_id, role, position),
    CHECK (org_id IS NULL OR group_id IS NULL)
);

CREATE TABLE periods (
    id INTEGER PRIMARY KEY,
    plan_key TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('quarter', 'year')),
    year INTEGER NOT NULL,
    -- 1..4 for quarters, 0 for the year.
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 0 AND 4),
    due_date TEXT NOT NULL,
    locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    UNIQUE (plan_key, kind, year, quarter)
);

CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    period_id INTEGER NOT NULL REFERENCES periods (id),
    org_id INTEGER NOT NULL REFERENCES orgs (id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
    -- Bumped by every change: a write names the version it read, so no update is lost.
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    submitted_by TEXT,
    reviewed_at TEXT,
    reviewed_by TEXT,
    review_comment TEXT,
    UNIQUE (period_id, org_id)
);

CREATE TABLE report_values (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports (id),
    item_key TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    revision INTEGER NOT NULL,
    number DOUBLE PRECISION,
    numerator DOUBLE PRECISION,
    denominator DOUBLE PRECISION,
    yes_no INTEGER CHECK (yes_no IN (0, 1)),
    level TEXT,
    task_status TEXT,
    doc_number TEXT,
    doc_date TEXT,
    comment TEXT,
    saved_by TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    UNIQUE (report_id, item_key, subject, revision)
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    org_id INTEGER REFERENCES orgs (id),
    role TEXT NOT NULL CHECK (role IN ('admin', 'leader', 'monitor', 'reporter', 'approver')),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL
);

CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT
);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;

CREATE INDEX items_plan ON items (plan_id, position);
CREATE INDEX targets_item ON targets (item_id);
CREATE INDEX assignments_item ON assignments (item_id);
CREATE INDEX assignments_org ON assignments (org_id);
CREATE INDEX report_values_report ON report_values (report_id, item_key, subject, revision);
CREATE INDEX audit_events_entity ON audit_events (entity, entity_id);
CREATE INDEX plans_key ON plans (plan_key, version);

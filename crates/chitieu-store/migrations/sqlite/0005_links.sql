-- chitieu schema v5 (SQLite): the cascade. Mirrors migrations/postgres/0005_links.sql column for
-- column. A link joins a lower-level plan's item to the higher-level item it carries out; both
-- are named by plan key and item key, which survive new versions of either plan. One row per
-- pair holds the latest decision (proposed, confirmed, rejected); the audit trail keeps them all.

CREATE TABLE item_links (
    id INTEGER PRIMARY KEY,
    child_plan_key TEXT NOT NULL,
    child_item_key TEXT NOT NULL,
    parent_plan_key TEXT NOT NULL,
    parent_item_key TEXT NOT NULL,
    -- The matcher's similarity when the link was decided, 0..1.
    score DOUBLE PRECISION NOT NULL CHECK (score BETWEEN 0 AND 1),
    status TEXT NOT NULL CHECK (status IN ('proposed', 'confirmed', 'rejected')),
    decided_by TEXT,
    decided_at TEXT,
    UNIQUE (child_plan_key, child_item_key, parent_plan_key, parent_item_key),
    CHECK (child_plan_key <> parent_plan_key)
);

CREATE INDEX item_links_child ON item_links (child_plan_key, child_item_key);
CREATE INDEX item_links_parent ON item_links (parent_plan_key, parent_item_key);

-- chitieu schema v4 (SQLite): the weights of the composite index, and indexes for evaluation's reads: a unit's reports across
-- periods, the items of plans by code (one indicator across every plan of the country) and the
-- periods of a plan in order. Mirrors migrations/postgres/0004_evaluation.sql.

CREATE INDEX reports_org ON reports (org_id, period_id);
CREATE INDEX items_code ON items (code);
CREATE INDEX periods_plan ON periods (plan_key, year, quarter);

-- The weight of each section of a plan in the composite index (sections not listed weigh 1).
CREATE TABLE index_weights (
    plan_key TEXT NOT NULL,
    section TEXT NOT NULL,
    weight DOUBLE PRECISION NOT NULL CHECK (weight >= 0),
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (plan_key, section)
);

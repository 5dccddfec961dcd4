-- chitieu schema v2 (SQLite): server-side sign-in sessions. Mirrors
-- migrations/postgres/0002_sessions.sql column for column. The id is 256 random bits as hex,
-- the only thing the browser holds; the CSRF token is checked on every form the session posts.

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE INDEX sessions_expires ON sessions (expires_at);

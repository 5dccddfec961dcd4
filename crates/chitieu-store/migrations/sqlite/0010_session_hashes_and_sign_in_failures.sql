-- chitieu schema v10 (SQLite): sessions kept by the SHA-256 of their id, with when
-- they were last used (the idle timeout); failed sign-ins counted per account. Mirrors
-- migrations/postgres/0010_session_hashes_and_sign_in_failures.sql column for column.
-- Numbered 10, not 7, to leave room for the review and evidence migrations being written beside it.
--
-- The browser holds a session's id (256 random bits as hex); the table holds only its hash,
-- so a copy of the database (a backup, a leaked dump) opens no session. The ids kept until now
-- cannot be hashed in SQL on both backends: the open sessions end and everyone signs in again.

DROP TABLE sessions;

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);

CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed sign-ins per account name as typed (trimmed, lower case), whether or not the account
-- exists, so an unknown name is held the same way as a known one. A row goes on a successful
-- sign-in, or when its last failure is old enough to forget.
CREATE TABLE sign_in_failures (
    account TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failed_at TEXT NOT NULL,
    held_until TEXT
);

//! Store errors: what went wrong in words a user can act on; the database's own message is
//! kept as the source for logs.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("unsupported database URL \"{0}\": expected sqlite:FILE or postgres://…")]
    UnsupportedUrl(String),
    #[error("không tìm thấy {what}: {key}")]
    NotFound { what: &'static str, key: String },
    #[error("{0}")]
    Invalid(String),
    #[error("xung đột: {0}")]
    Conflict(String),
    #[error("kỳ báo cáo {0} đã khóa; số liệu không thay đổi được")]
    Locked(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl StoreError {
    /// A constraint violation from the database, said plainly.
    pub(crate) fn from_db(e: sqlx::Error, context: &str) -> StoreError {
        if let sqlx::Error::Database(db) = &e {
            let message = db.message().to_owned();
            if db.is_unique_violation() {
                return StoreError::Conflict(format!("{context}: đã có ({message})"));
            }
            if db.is_foreign_key_violation() {
                return StoreError::Invalid(format!("{context}: trỏ tới dữ liệu không tồn tại ({message})"));
            }
            if db.is_check_violation() {
                return StoreError::Invalid(format!("{context}: có giá trị ngoài phạm vi cho phép ({message})"));
            }
        }
        StoreError::Database(e)
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

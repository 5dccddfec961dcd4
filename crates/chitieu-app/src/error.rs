//! What a use case can answer besides its result, each in words a user can act on
//! (Vietnamese); the callers choose the status code or the exit code.

use chitieu_store::StoreError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum AppError {
    #[error("Tài khoản của bạn không có quyền làm việc này.")]
    Forbidden,
    /// Not allowed, for a reason the person should read.
    #[error("{0}")]
    Denied(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Invalid(String),
    /// A fault of the store itself (the database is down, a row is damaged): logged, never
    /// shown as is.
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for AppError {
    /// A refusal of the store becomes the user's error, in Vietnamese; a fault stays a fault.
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { .. } => AppError::NotFound("Không tìm thấy dữ liệu yêu cầu.".into()),
            StoreError::Conflict(message) => AppError::Conflict(format!("Xung đột dữ liệu: {message}")),
            StoreError::Locked(period) => AppError::Conflict(format!("Kỳ báo cáo {period} đã khóa; không sửa được.")),
            StoreError::Invalid(message) => AppError::Invalid(format!("Dữ liệu không hợp lệ: {message}")),
            other => AppError::Store(other),
        }
    }
}

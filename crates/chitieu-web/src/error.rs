//! The one error type of the web layer: each variant is one answer (status and Vietnamese
//! message). Pages get an HTML page (or, without a session, the sign-in page); the API layer
//! turns the same errors into JSON with [`as_json`]. Server faults are logged with their cause
//! chain and never shown to the client.

use askama::Template;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chitieu_app::AppError;
use chitieu_store::StoreError;
use thiserror::Error;

use crate::pages::html;

#[derive(Debug, Error)]
pub enum WebError {
    #[error("Cần đăng nhập.")]
    SignInRequired,
    #[error("Tài khoản của bạn không có quyền làm việc này.")]
    Forbidden,
    /// Not allowed, for a reason the person should read.
    #[error("{0}")]
    Denied(String),
    #[error("Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang và thử lại.")]
    Csrf,
    #[error("Đăng nhập sai quá nhiều lần. Hãy thử lại sau {} phút.", .retry_after_secs.div_ceil(60))]
    TooManyAttempts { retry_after_secs: u64 },
    #[error("Biểu mẫu quá lớn (tối đa 64 KiB). Hãy rút gọn nội dung rồi gửi lại.")]
    TooLarge,
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Invalid(String),
    #[error("Lỗi máy chủ. Hãy thử lại sau; nếu lỗi còn, báo quản trị viên.")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::SignInRequired => StatusCode::UNAUTHORIZED,
            WebError::Forbidden | WebError::Denied(_) | WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
            WebError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::Invalid(_) => StatusCode::BAD_REQUEST,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn internal(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        WebError::Internal(error.into())
    }
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Forbidden => WebError::Forbidden,
            AppError::Denied(message) => WebError::Denied(message),
            AppError::NotFound(message) => WebError::NotFound(message),
            AppError::Conflict(message) => WebError::Conflict(message),
            AppError::Invalid(message) => WebError::Invalid(message),
            AppError::Store(fault) => WebError::internal(fault),
        }
    }
}

impl From<StoreError> for WebError {
    /// Through the application layer's reading of it, so both say the same.
    fn from(e: StoreError) -> Self {
        AppError::from(e).into()
    }
}

/// What an error response carries for the API layer to answer in JSON.
#[derive(Debug, Clone)]
pub(crate) struct ErrorBody {
    status: StatusCode,
    message: String,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    chrome: crate::pages::Chrome,
    status: u16,
    message: &'a str,
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = self.to_string();
        if let WebError::Internal(cause) = &self {
            let mut chain = cause.to_string();
            let mut source = cause.source();
            while let Some(inner) = source {
                chain.push_str(": ");
                chain.push_str(&inner.to_string());
                source = inner.source();
            }
            tracing::error!(error = %chain, "request failed");
        }
        let mut response = if matches!(self, WebError::SignInRequired) {
            Redirect::to("/dang-nhap").into_response()
        } else {
            let page =
                ErrorPage { chrome: crate::pages::Chrome::anonymous(), status: status.as_u16(), message: &message };
            (status, html(&page)).into_response()
        };
        if let WebError::TooManyAttempts { retry_after_secs } = self {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response.extensions_mut().insert(ErrorBody { status, message });
        response
    }
}

/// For the API: an error response becomes `{"error": {"status": …, "message": …}}` with the
/// error's own status (401, not the pages' redirect, without a session).
pub(crate) async fn as_json(response: Response) -> Response {
    let Some(error) = response.extensions().get::<ErrorBody>().cloned() else {
        return response;
    };
    let body = serde_json::json!({ "error": { "status": error.status.as_u16(), "message": error.message } });
    let mut json = (error.status, Json(body)).into_response();
    if let Some(retry) = response.headers().get(header::RETRY_AFTER) {
        json.headers_mut().insert(header::RETRY_AFTER, retry.clone());
    }
    json
}

//! Reading the upload form (multipart): the document, bounded in size, and the issuer, level
//! and parent plan chosen for it. Every refusal is a Vietnamese sentence for the form.

use axum::extract::Multipart;
use chitieu_core::registry::OrgId;
use chitieu_store::Level;

/// The largest document accepted.
pub(crate) const MAX_DOCUMENT: usize = 20 * 1024 * 1024;
/// The largest request body: the document and the few small fields around it.
pub(crate) const MAX_BODY: usize = MAX_DOCUMENT + 64 * 1024;

#[derive(Debug, Default)]
pub(crate) struct Upload {
    pub(crate) file_name: String,
    pub(crate) bytes: Vec<u8>,
    pub(crate) issuer: Option<OrgId>,
    pub(crate) level: Option<Level>,
    pub(crate) parent_key: Option<String>,
}

/// Reads the form, stopping as soon as the document passes [`MAX_DOCUMENT`].
pub(crate) async fn read(mut multipart: Multipart) -> Result<Upload, String> {
    let broken = |_| "Không đọc được biểu mẫu tải lên; hãy chọn lại tệp và thử lại.".to_owned();
    let mut upload = Upload::default();
    let mut has_file = false;
    while let Some(mut field) = multipart.next_field().await.map_err(broken)? {
        match field.name().unwrap_or_default() {
            "tep" => {
                let name = field.file_name().unwrap_or_default().to_owned();
                let name = name.rsplit(['/', '\\']).next().unwrap_or_default().to_owned();
                if name.is_empty() {
                    continue;
                }
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(broken)? {
                    if bytes.len() + chunk.len() > MAX_DOCUMENT {
                        return Err(format!("Tệp «{name}» lớn hơn 20 MiB; không nhận. Hãy tách hoặc nén văn bản."));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                upload.file_name = name;
                upload.bytes = bytes;
                has_file = true;
            }
            "don_vi" => upload.issuer = field.text().await.map_err(broken)?.trim().parse().ok(),
            "cap" => upload.level = Level::parse(field.text().await.map_err(broken)?.trim()),
            "ke_hoach_cha" => {
                let key = field.text().await.map_err(broken)?.trim().to_owned();
                upload.parent_key = (!key.is_empty()).then_some(key);
            }
            _ => {}
        }
    }
    if has_file { Ok(upload) } else { Err("Chưa chọn tệp văn bản kế hoạch.".to_owned()) }
}

//! The `Content-Disposition` of a stored file offered for download: the name it was uploaded
//! under, but with the extension of the type the store detected from its bytes, so that a PDF
//! uploaded as `x.html` downloads as `x.pdf` and is never opened as a page.

use axum::http::HeaderValue;

/// The usual extension of a type the store accepts for evidence.
fn extension(content_type: &str) -> Option<&'static str> {
    Some(match content_type {
        "application/pdf" => "pdf",
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        _ => return None,
    })
}

/// `name` with the extension of `content_type` in place of its own (if it has one).
fn named_as(name: &str, content_type: &str) -> String {
    let Some(extension) = extension(content_type) else { return name.to_owned() };
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    };
    format!("{stem}.{extension}")
}

/// `attachment; filename="FALLBACK.ext"; filename*=UTF-8''NAME.ext`: a plain ASCII name for old
/// clients, the uploaded name (percent-encoded UTF-8) for the others, both with the detected
/// type's extension.
pub(crate) fn attachment(file_name: &str, content_type: &str, fallback: &str) -> HeaderValue {
    let encoded: String = named_as(file_name, content_type)
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"._-".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }
        })
        .collect();
    let plain: String =
        named_as(fallback, content_type).chars().filter(|c| c.is_ascii_graphic() && *c != '"').collect();
    let disposition = format!("attachment; filename=\"{plain}\"; filename*=UTF-8''{encoded}");
    HeaderValue::from_str(&disposition).unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_detected_type_names_the_extension() {
        assert_eq!(named_as("bao-cao.html", "application/pdf"), "bao-cao.pdf");
        assert_eq!(named_as("khong-duoi", "image/png"), "khong-duoi.png");
        assert_eq!(named_as(".htaccess", "image/jpeg"), ".htaccess.jpg");
        assert_eq!(
            named_as("Bảng.tính.XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            "Bảng.tính.xlsx"
        );
        assert_eq!(named_as("x.bin", "application/octet-stream"), "x.bin");
        let header = attachment("Biên bản.html", "application/pdf", "minh-chung-7");
        assert_eq!(header, "attachment; filename=\"minh-chung-7.pdf\"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n.pdf");
    }
}

//! Static assets, compiled into the binary (no network at run time) and served with a year's
//! cache: htmx's and Chart.js's file names carry their versions, the stylesheet's address a hash of its bytes.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

const CSS: &[u8] = include_bytes!("../static/app.css");
const HTMX: &[u8] = include_bytes!("../static/htmx-2.0.4.min.js");
pub(crate) const HTMX_HREF: &str = "/static/htmx-2.0.4.min.js";

/// Chart.js 4.5.1 (MIT), from npm (`npm pack chart.js@4.5.1`, dist/chart.umd.min.js): the
/// charts of the dashboards; every chart also has a table beside it.
const CHART: &[u8] = include_bytes!("../static/chart-4.5.1.umd.min.js");
pub(crate) const CHART_HREF: &str = "/static/chart-4.5.1.umd.min.js";

/// The dashboards' own script: draws each chart from the JSON its page embeds.
const CHARTS: &[u8] = include_bytes!("../static/charts.js");

const ASSETS: [(&str, &str, &[u8]); 4] = [
    ("app.css", "text/css; charset=utf-8", CSS),
    ("htmx-2.0.4.min.js", "text/javascript; charset=utf-8", HTMX),
    ("chart-4.5.1.umd.min.js", "text/javascript; charset=utf-8", CHART),
    ("charts.js", "text/javascript; charset=utf-8", CHARTS),
];

/// FNV-1a: a stable fingerprint of the stylesheet, so a changed file gets a new address.
const fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

pub(crate) fn css_href() -> &'static str {
    static HREF: LazyLock<String> = LazyLock::new(|| format!("/static/app.css?v={:016x}", fingerprint(CSS)));
    &HREF
}

/// The chart script's address, with a hash of its bytes like the stylesheet's.
pub(crate) fn charts_href() -> &'static str {
    static HREF: LazyLock<String> = LazyLock::new(|| format!("/static/charts.js?v={:016x}", fingerprint(CHARTS)));
    &HREF
}

pub(crate) async fn serve(Path(file): Path<String>) -> Response {
    match ASSETS.iter().find(|(name, ..)| *name == file) {
        Some((_, mime, bytes)) => {
            ([(header::CONTENT_TYPE, *mime), (header::CACHE_CONTROL, "public, max-age=31536000, immutable")], *bytes)
                .into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

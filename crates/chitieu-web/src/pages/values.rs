//! Reported values in Vietnamese: a ratio as "91/100 (91%)", yes/no as "Có"/"Không", a task's
//! status with its document, report statuses and audit actions in words.

use chitieu_core::display::number_vi;
use chitieu_core::evaluate::{Level, TaskState};
use chitieu_core::measure::Measure;
use chitieu_core::plan::Date;
use chitieu_store::ValueInput;

/// A task's states as a form offers them: stored code and label, from the core's [`TaskState`].
pub(crate) fn task_statuses() -> Vec<(&'static str, &'static str)> {
    TaskState::ALL.iter().map(|state| (state.as_str(), state.label_vi())).collect()
}

/// The levels of a qualitative target, best first, from the core's [`Level`].
pub(crate) fn levels() -> Vec<&'static str> {
    Level::ALL.iter().map(|level| level.label_vi()).collect()
}

/// A share as a percentage with one decimal and a decimal comma ("66,7%").
pub(crate) fn percent(numerator: f64, denominator: f64) -> String {
    format!("{}%", number_vi((numerator / denominator * 1000.0).round() / 10.0))
}

pub(crate) fn task_vi(code: &str) -> &str {
    TaskState::parse(code).map_or(code, |state| state.label_vi())
}

/// One value in words, whatever its measure.
pub(crate) fn value_vi(value: &ValueInput) -> String {
    let mut parts = Vec::new();
    if let (Some(n), Some(d)) = (value.numerator, value.denominator) {
        parts.push(format!("{}/{} ({})", number_vi(n), number_vi(d), percent(n, d)));
    }
    if let Some(n) = value.number {
        parts.push(number_vi(n));
    }
    if let Some(yes) = value.yes_no {
        parts.push(if yes { "Có" } else { "Không" }.to_owned());
    }
    if let Some(level) = &value.level {
        parts.push(level.clone());
    }
    if let Some(status) = &value.task_status {
        parts.push(task_vi(status).to_owned());
    }
    if let Some(number) = &value.doc_number {
        let date = value.doc_date.as_deref().and_then(Date::parse).map(|d| format!(" ngày {d}")).unwrap_or_default();
        parts.push(format!("văn bản số {number}{date}"));
    }
    if let Some(comment) = &value.comment {
        parts.push(format!("ghi chú: {comment}"));
    }
    if parts.is_empty() { "(trống)".to_owned() } else { parts.join("; ") }
}

pub(crate) fn measure_vi(measure: Measure) -> &'static str {
    match measure {
        Measure::Ratio => "Tỷ lệ",
        Measure::Count => "Số lượng",
        Measure::Index => "Chỉ số",
        Measure::Rank => "Thứ hạng",
        Measure::YesNo => "Có/Không",
        Measure::Qualitative => "Định tính",
        Measure::Task => "Nhiệm vụ",
        Measure::None => "",
    }
}

pub(crate) fn action_vi(action: &str) -> &str {
    match action {
        "save" => "Lưu số liệu",
        "submit" => "Gửi báo cáo",
        "return" => "Trả lại",
        "approve" => "Duyệt",
        "approve_first" => "Duyệt lần 1 (chờ cấp trên duyệt)",
        "attach" => "Đính kèm minh chứng",
        other => other,
    }
}

/// Days left until `due` from `today`, or how late: "còn 5 ngày", "hạn hôm nay", "trễ 3 ngày".
pub(crate) fn days_vi(today: Date, due: Date) -> (String, bool) {
    match today.days_until(due) {
        0 => ("hạn hôm nay".to_owned(), false),
        d if d > 0 => (format!("còn {d} ngày"), false),
        d => (format!("trễ {} ngày", -d), true),
    }
}

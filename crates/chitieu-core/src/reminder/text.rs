//! A digest in Vietnamese: its subject ("Nhắc báo cáo: 2 báo cáo đến hạn ngày 25/06/2026"),
//! one sentence per report, and the plain-text body of the e-mail. Dates are dd/mm/yyyy.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::{Digest, Reason, ReminderLine, ReportState};

/// "còn 7 ngày đến hạn", "đến hạn hôm nay", "quá hạn 3 ngày".
pub fn reason_vi(reason: Reason) -> String {
    match reason {
        Reason::BeforeDue(days) => format!("còn {days} ngày đến hạn"),
        Reason::DueToday => "đến hạn hôm nay".to_owned(),
        Reason::Late(days) => format!("quá hạn {days} ngày"),
    }
}

/// A report's state as a clause: "chưa bắt đầu", "đang soạn", "bị trả lại"…
pub fn state_vi(state: ReportState) -> &'static str {
    match state {
        ReportState::NotStarted => "chưa bắt đầu",
        ReportState::Draft => "đang soạn, chưa gửi",
        ReportState::Submitted => "đã gửi",
        ReportState::Returned => "bị trả lại, chưa gửi lại",
        ReportState::Approved => "đã duyệt",
    }
}

/// One report of a digest as a sentence.
pub fn line_vi(line: &ReminderLine) -> String {
    let duty = &line.duty;
    format!(
        "«{}», {} – {}: hạn {}, {} ({}).",
        duty.plan_title,
        duty.period.label_vi(),
        duty.org_name,
        duty.due,
        reason_vi(line.reason),
        state_vi(duty.state)
    )
}

impl Digest {
    /// The e-mail's subject and the in-app notice's title.
    pub fn subject(&self) -> String {
        let late = self.lines.iter().filter(|l| matches!(l.reason, Reason::Late(_))).count();
        let upcoming = self.lines.len() - late;
        let dues: BTreeSet<_> =
            self.lines.iter().filter(|l| !matches!(l.reason, Reason::Late(_))).map(|l| l.duty.due).collect();
        let what = match (late, dues.first()) {
            (_, None) => format!("{late} báo cáo quá hạn"),
            (0, Some(first)) if dues.len() == 1 => format!("{upcoming} báo cáo đến hạn ngày {first}"),
            (0, Some(first)) => format!("{upcoming} báo cáo sắp đến hạn, sớm nhất ngày {first}"),
            (_, Some(_)) => format!("{late} báo cáo quá hạn, {upcoming} báo cáo sắp đến hạn"),
        };
        format!("Nhắc báo cáo: {what}")
    }

    /// One sentence per report, the most pressing first.
    pub fn line_texts(&self) -> Vec<String> {
        self.lines.iter().map(line_vi).collect()
    }

    /// The plain-text e-mail: greeting, the numbered reports, where to act, and why the mail
    /// came. `link` is the page to open, when the server's address is known.
    pub fn body(&self, link: Option<&str>) -> String {
        let mut body = format!(
            "Kính gửi {},\n\nHệ thống chitieu nhắc {} báo cáo (ngày {}):\n\n",
            self.name,
            self.lines.len(),
            self.day
        );
        for (n, line) in self.line_texts().iter().enumerate() {
            let _ = writeln!(body, "{}. {line}", n + 1);
        }
        if let Some(link) = link {
            let _ = write!(body, "\nXem và cập nhật báo cáo tại: {link}\n");
        }
        body.push_str(
            "\nThư gửi tự động từ chitieu; mỗi người nhận nhiều nhất một thư nhắc mỗi ngày. \
             Báo cáo đã gửi hoặc đã được duyệt không được nhắc lại.\n",
        );
        body
    }
}

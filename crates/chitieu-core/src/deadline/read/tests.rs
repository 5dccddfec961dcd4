//! The deadline grammar against the seeds' deadline cells and the other forms plans use.

use proptest::prelude::*;

use crate::deadline::{Cadence, Deadline, TimeUnit, read_deadline};

fn month(year: i32, month: u8) -> Deadline {
    Deadline::Month { year, month }
}

fn quarter(year: i32, quarter: u8) -> Deadline {
    Deadline::Quarter { year, quarter }
}

fn year(year: i32) -> Deadline {
    Deadline::Year { year }
}

fn date(year: i32, month: u8, day: u8) -> Deadline {
    Deadline::Date { year, month, day }
}

fn range(start: Deadline, end: Deadline) -> Deadline {
    Deadline::Range { start: Box::new(start), end: Box::new(end) }
}

fn ongoing(every: Option<Cadence>) -> Deadline {
    Deadline::Ongoing { every }
}

fn relative(count: u32, unit: TimeUnit, after: &str) -> Deadline {
    Deadline::Relative { count, unit, after: after.to_owned() }
}

fn unknown(text: &str) -> Deadline {
    Deadline::Unknown { text: text.to_owned() }
}

#[test]
fn deadline_cells_read_to_their_deadline() {
    let cases = [
        // The seeds.
        ("Tháng 12/2026", month(2026, 12)),
        ("Tháng 5/2023", month(2023, 5)),
        ("Thường xuyên", ongoing(None)),
        ("Thường\nxuyên", ongoing(None)),
        ("trước ngày 10/4/2026", date(2026, 4, 10)),
        ("trước ngày 15/12 hàng năm", ongoing(Some(Cadence::Year))),
        // Months.
        ("tháng 12 năm 2026", month(2026, 12)),
        ("12/2026", month(2026, 12)),
        ("Tháng 12/năm 2026", month(2026, 12)),
        ("Trong tháng 6/2026.", month(2026, 6)),
        ("Cuối tháng 12/2026", month(2026, 12)),
        // Quarters.
        ("Quý IV/2026", quarter(2026, 4)),
        ("Quý I/2026", quarter(2026, 1)),
        ("quý 4 năm 2026", quarter(2026, 4)),
        ("Quý II năm 2026", quarter(2026, 2)),
        // Years.
        ("Năm 2026", year(2026)),
        ("2026", year(2026)),
        ("Trong năm 2026", year(2026)),
        ("Cuối năm 2026", year(2026)),
        // Dates.
        ("trước ngày 15/12/2026", date(2026, 12, 15)),
        ("30/7/2026", date(2026, 7, 30)),
        ("ngày 30 tháng 7 năm 2026", date(2026, 7, 30)),
        ("Chậm nhất ngày 31/3/2026", date(2026, 3, 31)),
        ("30-7-2026", date(2026, 7, 30)),
        ("30.7.2026", date(2026, 7, 30)),
        ("29/02/2028", date(2028, 2, 29)),
        // Ongoing.
        ("THƯỜNG XUYÊN", ongoing(None)),
        ("Thường  xuyên", ongoing(None)),
        ("thường xuyên.", ongoing(None)),
        ("Liên tục", ongoing(None)),
        ("Hằng năm", ongoing(Some(Cadence::Year))),
        ("Hàng năm", ongoing(Some(Cadence::Year))),
        ("Hằng quý", ongoing(Some(Cadence::Quarter))),
        ("Hàng quý", ongoing(Some(Cadence::Quarter))),
        ("Hằng tháng", ongoing(Some(Cadence::Month))),
        ("Thường xuyên, hằng năm", ongoing(Some(Cadence::Year))),
        // Ranges.
        ("2026-2030", range(year(2026), year(2030))),
        ("2026 - 2030", range(year(2026), year(2030))),
        ("Giai đoạn 2026 – 2030", range(year(2026), year(2030))),
        ("Từ năm 2026 đến năm 2030", range(year(2026), year(2030))),
        ("Tháng 3-6/2026", range(month(2026, 3), month(2026, 6))),
        ("Tháng 3 - 6/2026", range(month(2026, 3), month(2026, 6))),
        ("Từ tháng 3 đến tháng 6/2026", range(month(2026, 3), month(2026, 6))),
        ("Tháng 11/2026 - Tháng 2/2027", range(month(2026, 11), month(2027, 2))),
        ("Quý I-II/2026", range(quarter(2026, 1), quarter(2026, 2))),
        ("Quý III - Quý IV/2026", range(quarter(2026, 3), quarter(2026, 4))),
        ("01/3/2026 - 30/6/2026", range(date(2026, 3, 1), date(2026, 6, 30))),
        ("Từ 01/3 đến hết 30/6/2026", range(date(2026, 3, 1), date(2026, 6, 30))),
        // Relative.
        ("100 ngày kể từ ngày ban hành", relative(100, TimeUnit::Day, "ngày ban hành")),
        (
            "trong vòng 30 ngày kể từ ngày Kế hoạch được ban hành.",
            relative(30, TimeUnit::Day, "ngày Kế hoạch được ban hành"),
        ),
        ("06 tháng sau khi Đề án được phê duyệt", relative(6, TimeUnit::Month, "Đề án được phê duyệt")),
        ("Sau 02 năm kể từ khi triển khai", relative(2, TimeUnit::Year, "triển khai")),
        ("100 ngày", relative(100, TimeUnit::Day, "")),
        ("Trong 06 tháng", relative(6, TimeUnit::Month, "")),
        ("Từ ngày ban hành Kế hoạch trở đi", ongoing(None)),
        // Other plans' forms.
        ("Hoàn thành trước 15/10/2026", date(2026, 10, 15)),
        ("Trước 15/10/2026", date(2026, 10, 15)),
        ("Trong tháng 7/2026", month(2026, 7)),
        ("Tháng 8/2026", month(2026, 8)),
        // Unknown, kept as written.
        ("Thường", unknown("Thường")),
        ("Sau khi được bố trí vốn", unknown("Sau khi được bố trí vốn")),
        ("Tháng 13/2026", unknown("Tháng 13/2026")),
        ("Quý V/2026", unknown("Quý V/2026")),
        ("31/4/2026", unknown("31/4/2026")),
        ("29/2/2026", unknown("29/2/2026")),
        ("Năm 3026", unknown("Năm 3026")),
        ("Tháng 3-6", unknown("Tháng 3-6")),
        ("Tháng 12/2026 theo tiến độ dự án", unknown("Tháng 12/2026 theo tiến độ dự án")),
    ];
    for (text, expected) in cases {
        assert_eq!(read_deadline(text), Some(expected), "{text:?}");
    }
}

#[test]
fn other_provinces_forms_read_too() {
    let cases = [
        ("7", relative(7, TimeUnit::Day, "")),
        ("10 ngày làm việc sau khi nhận đủ hồ sơ", relative(10, TimeUnit::WorkingDay, "nhận đủ hồ sơ")),
        ("Chậm nhất 05 ngày làm việc", relative(5, TimeUnit::WorkingDay, "")),
        ("2 tuần", relative(2, TimeUnit::Week, "")),
        ("Phấn đấu đến năm 2030", year(2030)),
        ("Đến năm 2030, tầm nhìn đến năm 2045", year(2030)),
        ("Năm học 2026-2027", range(year(2026), year(2027))),
        ("Tháng 9/2026 (báo cáo sơ kết)", month(2026, 9)),
        ("Định kỳ hằng tháng", ongoing(Some(Cadence::Month))),
        ("Hằng tuần", ongoing(Some(Cadence::Week))),
        ("Định kỳ 6 tháng, hằng năm", ongoing(Some(Cadence::HalfYear))),
        ("03 tháng/lần", ongoing(Some(Cadence::Quarter))),
        ("Trước ngày 20 của tháng cuối quý", ongoing(Some(Cadence::Quarter))),
        ("Năm 2026 và các năm tiếp theo", ongoing(Some(Cadence::Year))),
        ("Theo kế hoạch của Sở KHCN", unknown("Theo kế hoạch của Sở KHCN")),
    ];
    for (text, expected) in cases {
        assert_eq!(read_deadline(text), Some(expected), "{text:?}");
    }
}

#[test]
fn empty_cells_and_cells_deferring_below_have_no_deadline() {
    for text in ["", "  ", "-", "–", "—", ".", "Theo thời hạn cụ thể sau đây:", "Theo từng mốc thời hạn dưới đây"]
    {
        assert_eq!(read_deadline(text), None, "{text:?}");
    }
}

proptest! {
    #[test]
    fn no_input_makes_the_reader_panic(text in "[0-9a-zA-Zquýthángnămngày IVđếntừ/.,;:()\\- –]{0,40}") {
        let _ = read_deadline(&text);
    }

    #[test]
    fn any_text_is_safe(text in any::<String>()) {
        let _ = read_deadline(&text);
    }

    #[test]
    fn months_and_quarters_read_back_from_their_description(y in 1900i32..=2100, m in 1u8..=12, q in 1u8..=4) {
        for deadline in [month(y, m), quarter(y, q), year(y), date(y, m, 28), range(month(y, 1), month(y, m.max(2)))] {
            prop_assert_eq!(read_deadline(&deadline.describe_vi()), Some(deadline));
        }
    }
}

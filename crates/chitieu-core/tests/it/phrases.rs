//! Phrases in the wording of other provinces' plans (Nghị quyết, Kế hoạch on digital
//! transformation, health, education, agriculture), none taken from the seeds: targets,
//! deadlines and role cells with the reading a person would give them. Prints the share read
//! right and every miss; the floor is 95%.
//!
//! `cargo test -p chitieu-core --test phrases -- --nocapture` prints the table.

use chitieu_core::deadline::{Cadence, Deadline, TimeUnit, read_deadline};
use chitieu_core::target::{Comparator, Target, read_cell, read_phrase, read_sentence};

/// Which reader a target phrase goes through.
#[derive(Clone, Copy)]
enum Reader {
    /// `chitieu explain target`: the sentence, else (a few words) the cell.
    Phrase,
    /// A cell of a level, product or result column.
    Cell,
    /// Running text.
    Sentence,
}
use Reader::{Cell, Phrase, Sentence};

/// Target phrases and their reading: each numeric target as "op value[-max] [unit] [@subject]",
/// joined with " | "; "bool" for yes/done; words without a level read as nothing.
#[rustfmt::skip]
const TARGETS: &[(Reader, &str, &str)] = &[
    // Counts in a product or result column.
    (Cell, "02 mô hình", "= 2 mô hình"),
    (Cell, "01 đợt", "= 1 đợt"),
    (Cell, "Mở rộng thêm 5.000 hộ", ">= 5000 hộ"),
    (Cell, "Thí điểm tại 126 xã, phường", "= 126 xã, phường"),
    (Phrase, "02 mô hình", "= 2 mô hình"),
    (Phrase, "Mở rộng thêm 5.000 hộ", ">= 5000 hộ"),
    (Sentence, "Thí điểm tại 126 xã, phường", "= 126 xã, phường"),
    (Sentence, "Tổ chức 03 lớp tập huấn kỹ năng số cho cán bộ cấp xã", "= 3 lớp"),
    (Sentence, "Đào tạo 500 cán bộ, công chức về chuyển đổi số", "= 500 cán bộ, công chức"),
    (Sentence, "Xây dựng 05 cơ sở dữ liệu chuyên ngành", "= 5 cơ sở dữ liệu"),
    (Sentence, "Cấp 10.000 chứng thư chữ ký số cho người dân", "= 10000 chứng thư"),
    (Sentence, "Hoàn thành 01 báo cáo đánh giá kết quả thực hiện", "= 1 báo cáo"),
    (Sentence, "Tổ chức 04 hội nghị, hội thảo chuyên đề", "= 4 hội nghị, hội thảo"),
    (Sentence, "Tổ chức thành công 01 đợt cao điểm khuyến mại trên toàn tỉnh", "= 1 đợt"),
    (Cell, "01 hệ thống", "= 1 hệ thống"),
    (Cell, "03 ứng dụng", "= 3 ứng dụng"),
    (Cell, "2,5 tỷ đồng", "= 2.5 tỷ đồng"),
    (Cell, "Trồng mới 500 ha rừng", "= 500 ha"),
    (Sentence, "Hỗ trợ 200 hợp tác xã đưa sản phẩm lên sàn thương mại điện tử", "= 200 hợp tác xã"),
    (Sentence, "Lắp đặt 150 camera giám sát an ninh tại các nút giao thông", "= 150 camera"),
    (Sentence, "Tổng vốn đầu tư khoảng 50.000 tỷ đồng", "= 50000 tỷ đồng"),
    (Sentence, "Thu hút 2,5 triệu lượt khách du lịch", "= 2.5 triệu lượt khách"),
    (Cell, "Tối thiểu 10 điểm du lịch", ">= 10 điểm"),
    (Sentence, "Phấn đấu 03-05 dự án quy mô lớn được chấp thuận chủ trương đầu tư", "range 3-5 dự án"),
    // Comparator words.
    (Phrase, "Không ít hơn 80% hồ sơ được xử lý trực tuyến", ">= 80 %"),
    (Sentence, "Tỷ lệ hộ nghèo theo chuẩn đa chiều không quá 1,5%", "<= 1.5 %"),
    (Sentence, "Tỷ lệ nợ đọng bảo hiểm xã hội không vượt quá 2% số phải thu", "<= 2 %"),
    (Cell, "Không quá 15 ngày", "<= 15 ngày"),
    (Sentence, "Rút ngắn thời gian giải quyết thủ tục còn không quá 03 ngày làm việc", "<= 3 ngày làm việc"),
    (Sentence, "Kinh tế số chiếm 20% GRDP của tỉnh", ">= 20 %"),
    (Sentence, "Kinh tế số chiếm tối thiểu 30% GRDP", ">= 30 %"),
    (Sentence, "Doanh nghiệp công nghệ số chiếm trên 40% tổng số doanh nghiệp đăng ký mới", "> 40 %"),
    (Sentence, "Công nghiệp chế biến chiếm tỷ trọng 25% trong cơ cấu kinh tế", ">= 25 %"),
    (Sentence, "Tăng thêm 10% so với năm 2025", ">= 10 %"),
    (Cell, "Tăng thêm 2.000 thuê bao", ">= 2000 thuê bao"),
    (Sentence, "Giảm tối thiểu 30% thời gian giải quyết thủ tục hành chính", ">= 30 %"),
    (Sentence, "Giảm 10% số ca mắc sốt xuất huyết so với năm 2025", ">= 10 %"),
    (Sentence, "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân giảm xuống còn 8%", "<= 8 %"),
    (Sentence, "Giải quyết hồ sơ đúng hạn đạt 98% trở lên", ">= 98 %"),
    (Sentence, "Có ít nhất 50% số xã đạt chuẩn nông thôn mới nâng cao", ">= 50 %"),
    (Sentence, "Tối thiểu 80% người dân trưởng thành có điện thoại thông minh", ">= 80 %"),
    (Sentence, "Tỷ lệ dân số tham gia bảo hiểm y tế đạt trên 95%", "> 95 %"),
    (Sentence, "Tỷ lệ bao phủ bảo hiểm y tế đạt 95,5%", ">= 95.5 %"),
    (Sentence, "Phấn đấu 100% xã đạt chuẩn nông thôn mới", "= 100 %"),
    (Sentence, "Kết nối 100% cơ sở khám chữa bệnh với Cổng tiếp nhận dữ liệu Hệ thống thông tin giám định", "= 100 %"),
    (Sentence, "Tỷ lệ xã đạt Bộ tiêu chí quốc gia về y tế: 100%", "= 100 %"),
    (Sentence, "Tỷ lệ huy động trẻ 5 tuổi đến trường đạt 99,5%", ">= 99.5 %"),
    (Sentence, "Diện tích sản xuất nông nghiệp ứng dụng công nghệ cao đạt 15.000 ha", ">= 15000 ha"),
    (Sentence, "Sản lượng lương thực đạt 1,2 triệu tấn", ">= 1.2 triệu tấn"),
    (Sentence, "Tỷ lệ đô thị hóa đạt 45%", ">= 45 %"),
    // Per-unit targets: "mỗi … có N …", "X/Y" units.
    (Sentence, "Mỗi xã có ít nhất 01 mô hình", ">= 1 mô hình/xã"),
    (Sentence, "mỗi xã có ít nhất 01 mô hình chuyển đổi số cộng đồng", ">= 1 mô hình/xã"),
    (Sentence, "Mỗi trường có 01 phòng học STEM", "= 1 phòng học/trường"),
    (Sentence, "Mỗi xã, phường triển khai tối thiểu 05 tuyến phố kinh doanh không dùng tiền mặt", ">= 5 tuyến phố/xã, phường"),
    (Sentence, "Mỗi huyện có từ 02 đến 03 sản phẩm OCOP đạt 4 sao", "range 2-3 sản phẩm/huyện"),
    (Sentence, "Mỗi trạm y tế có tối thiểu 01 bác sĩ", ">= 1 bác sĩ/trạm y tế"),
    (Sentence, "Mỗi xã, phường bảo đảm tối thiểu 30% hộ kinh doanh được hỗ trợ chuyển đổi số", ">= 30 %"),
    (Sentence, "Duy trì tối thiểu 01 lần/tuần", ">= 1 lần/tuần"),
    (Cell, "02 tiết/tuần", "= 2 tiết/tuần"),
    (Cell, "Tối thiểu 35 tiết/trường", ">= 35 tiết/trường"),
    (Sentence, "Bồi dưỡng thường xuyên tối thiểu 40 giờ/năm", ">= 40 giờ/năm"),
    (Cell, "Tối thiểu 02 lần/năm", ">= 2 lần/năm"),
    (Sentence, "Kiểm tra định kỳ 01 lần/quý", "= 1 lần/quý"),
    (Cell, "Không ít hơn 05 chuyên đề/năm", ">= 5 chuyên đề/năm"),
    (Sentence, "Số bác sĩ đạt 15 bác sĩ/vạn dân", ">= 15 bác sĩ/vạn dân"),
    (Sentence, "Số giường bệnh đạt 32 giường/vạn dân", ">= 32 giường/vạn dân"),
    (Sentence, "Đạt 3,5 dược sĩ/vạn dân", ">= 3.5 dược sĩ/vạn dân"),
    (Sentence, "Thu nhập bình quân đầu người đạt 120 triệu đồng/người/năm", ">= 120 triệu đồng/người/năm"),
    (Sentence, "Tốc độ tăng trưởng GRDP đạt 8%/năm", ">= 8 %/năm"),
    (Sentence, "Kim ngạch xuất khẩu tăng bình quân 12%/năm", ">= 12 %/năm"),
    // Rates: Mbps and Gbps are units of a target, not of a qualifier.
    (Sentence, "Tốc độ truy cập Internet băng rộng cố định đạt tối thiểu 200 Mbps", ">= 200 Mbps"),
    (Sentence, "Tốc độ truy cập Internet di động đạt trên 100 Mbps", "> 100 Mbps"),
    (Cell, "≥ 1 Gbps", ">= 1 Gbps"),
    (Cell, "Băng thông tối thiểu 100 Mbps", ">= 100 Mbps"),
    (Sentence, "Tỷ lệ hộ gia đình được phủ mạng cáp quang với tốc độ từ 1 Gbps trở lên đạt 80%", ">= 80 %"),
    // Numbers that qualify a subject are not targets.
    (Sentence, "100% hộ có doanh thu trên 1 tỷ đồng sử dụng hóa đơn điện tử khởi tạo từ máy tính tiền", "= 100 %"),
    (Sentence, "Hỗ trợ 50 doanh nghiệp có trên 10 lao động chuyển đổi số", "= 50 doanh nghiệp"),
    (Phrase, "hộ có doanh thu trên 1 tỷ đồng", ""),
    (Phrase, "doanh nghiệp có trên 10 lao động", ""),
    (Phrase, "trẻ em dưới 5 tuổi", ""),
    (Sentence, "Tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi dưới 18%", "< 18 %"),
    (Sentence, "95% trẻ em dưới 1 tuổi được tiêm chủng đầy đủ các loại vắc xin", "= 95 %"),
    (Sentence, "Tỷ lệ doanh nghiệp có từ 50 lao động trở lên ứng dụng phần mềm kế toán đạt 70%", ">= 70 %"),
    (Sentence, "Cơ sở giáo dục có trên 500 học sinh được lắp đặt camera: 100%", "= 100 %"),
    (Sentence, "Tỷ lệ người từ 60 tuổi trở lên được quản lý sức khỏe đạt 90%", ">= 90 %"),
    (Sentence, "Giá trị sản xuất trên 01 ha đất trồng trọt đạt 150 triệu đồng", ">= 150 triệu đồng"),
    (Sentence, "Bảo đảm 100% học sinh được học 02 tiết/tuần môn Tin học", "= 100 %"),
    (Sentence, "100% hồ sơ phát sinh của nhóm 05 thủ tục được thực hiện trực tuyến toàn trình", "= 100 %"),
    (Sentence, "100% chợ dân sinh trên địa bàn 126 xã, phường triển khai thanh toán không dùng tiền mặt", "= 100 %"),
    (Phrase, "Sở Y tế", ""),
    (Phrase, "Năm 2026", ""),
    (Phrase, "Giai đoạn 2026-2030", ""),
    (Phrase, "Nghị quyết số 57-NQ/TW", ""),
    (Phrase, "Tổ chức sơ kết 05 năm thực hiện Nghị quyết", ""),
    (Sentence, "Nâng cấp hạ tầng mạng cho 3 tỉnh cũ sau sáp nhập", ""),
    // Several clauses, each with its own subject.
    (Cell, "- 100% được cung cấp trực tuyến; 80% được cung cấp trực tuyến toàn trình",
        "= 100 % @được cung cấp trực tuyến | = 80 % @được cung cấp trực tuyến toàn trình"),
    (Cell, "- 100% nhóm hộ có doanh thu trên 1 tỷ đồng sử dụng hóa đơn điện tử; - Mở rộng thêm 5.000 hộ kinh doanh đăng ký sử dụng hóa đơn điện tử; - 100% hộ nộp thuế điện tử.",
        "= 100 % @nhóm hộ | >= 5000 hộ @hộ kinh doanh | = 100 % @hộ"),
    (Cell, "- Tối thiểu 20 doanh nghiệp công nghệ số được lựa chọn tham gia; - Phấn đấu 03-05 dự án quy mô lớn được cấp phép",
        ">= 20 doanh nghiệp @doanh nghiệp công nghệ số | range 3-5 dự án @dự án quy mô lớn"),
    (Cell, "Số hóa 100% hồ sơ; tối thiểu 50% hồ sơ được tái sử dụng", "= 100 % @hồ sơ | >= 50 % @hồ sơ"),
    (Sentence, "Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo: mầm non 98%, tiểu học 100%", "= 98 % @mầm non | = 100 % @tiểu học"),
    (Sentence, "Đào tạo 300 giáo viên và 5.000 học sinh về kỹ năng số", "= 300 giáo viên @giáo viên | = 5000 học sinh @học sinh"),
    (Sentence, "Tỷ lệ thuê bao sử dụng điện thoại thông minh đạt 95%; tỷ lệ hộ gia đình có cáp quang đạt 90%", ">= 95 % @thuê bao | >= 90 % @hộ gia đình"),
    (Cell, "- 02 mô hình thôn thông minh;\n- 01 đợt tập huấn cho tổ công nghệ số cộng đồng", "= 2 mô hình @mô hình thôn thông minh | = 1 đợt @đợt tập huấn"),
    (Cell, "Tối thiểu 1.000 hộ kinh doanh được hướng dẫn; tối thiểu 5 chuỗi bán lẻ triển khai AI", ">= 1000 hộ @hộ kinh doanh | >= 5 chuỗi @chuỗi bán lẻ"),
];

/// Deadline cells and the deadline each names.
fn deadlines() -> Vec<(&'static str, Option<Deadline>)> {
    let days = |count, after: &str| Some(Deadline::Relative { count, unit: TimeUnit::Day, after: after.into() });
    let working =
        |count, after: &str| Some(Deadline::Relative { count, unit: TimeUnit::WorkingDay, after: after.into() });
    let every = |cadence| Some(Deadline::Ongoing { every: Some(cadence) });
    let year = |year| Some(Deadline::Year { year });
    let unknown = |text: &str| Some(Deadline::Unknown { text: text.into() });
    let years = |a, b| {
        Some(Deadline::Range { start: Box::new(Deadline::Year { year: a }), end: Box::new(Deadline::Year { year: b }) })
    };
    vec![
        // A days column ("Số ngày dự kiến").
        ("7", days(7, "")),
        ("15", days(15, "")),
        ("05 ngày", days(5, "")),
        ("10 ngày làm việc sau khi nhận đủ hồ sơ hợp lệ", working(10, "nhận đủ hồ sơ hợp lệ")),
        ("Trong vòng 05 ngày làm việc kể từ ngày nhận được văn bản", working(5, "ngày nhận được văn bản")),
        ("Chậm nhất 15 ngày làm việc", working(15, "")),
        ("30 ngày sau khi Kế hoạch được phê duyệt", days(30, "Kế hoạch được phê duyệt")),
        ("2 tuần", Some(Deadline::Relative { count: 2, unit: TimeUnit::Week, after: String::new() })),
        (
            "Sau 03 tháng kể từ ngày ký",
            Some(Deadline::Relative { count: 3, unit: TimeUnit::Month, after: "ngày ký".into() }),
        ),
        // Target years.
        ("Phấn đấu đến năm 2030", year(2030)),
        ("Đến năm 2030", year(2030)),
        ("Phấn đấu hoàn thành trong năm 2026", year(2026)),
        ("Đến hết năm 2027", year(2027)),
        ("Giai đoạn 2026 - 2030", years(2026, 2030)),
        ("Năm học 2026-2027", years(2026, 2027)),
        ("Trong năm học 2026 - 2027", years(2026, 2027)),
        ("Năm 2026 - 2027", years(2026, 2027)),
        ("Quý III năm 2026", Some(Deadline::Quarter { year: 2026, quarter: 3 })),
        ("Hoàn thành trước 30/6/2026", Some(Deadline::Date { year: 2026, month: 6, day: 30 })),
        ("Tháng 9/2026 (báo cáo sơ kết)", Some(Deadline::Month { year: 2026, month: 9 })),
        ("Quý IV/2026 (thí điểm)", Some(Deadline::Quarter { year: 2026, quarter: 4 })),
        // Recurring periods.
        ("Định kỳ hằng tháng", every(Cadence::Month)),
        ("Định kỳ hằng quý", every(Cadence::Quarter)),
        ("Định kỳ hằng năm", every(Cadence::Year)),
        ("định kỳ hàng tháng", every(Cadence::Month)),
        ("Hằng tuần", every(Cadence::Week)),
        ("Định kỳ 6 tháng", every(Cadence::HalfYear)),
        ("6 tháng/lần", every(Cadence::HalfYear)),
        ("Ngày 15 hằng tháng", every(Cadence::Month)),
        ("Trước ngày 25 của tháng cuối quý", every(Cadence::Quarter)),
        ("Quý IV hằng năm", every(Cadence::Year)),
        ("Hằng năm, trước ngày 15/12", every(Cadence::Year)),
        ("Năm 2026 và các năm tiếp theo", every(Cadence::Year)),
        ("Thường xuyên", Some(Deadline::Ongoing { every: None })),
        ("Thường xuyên, liên tục", Some(Deadline::Ongoing { every: None })),
        // No date: kept as written.
        ("Theo kế hoạch của Sở KHCN", unknown("Theo kế hoạch của Sở KHCN")),
        ("Theo chỉ đạo của UBND tỉnh", unknown("Theo chỉ đạo của UBND tỉnh")),
        ("Theo tiến độ của dự án", unknown("Theo tiến độ của dự án")),
        ("Khi có yêu cầu", unknown("Khi có yêu cầu")),
        ("Ngay sau khi Kế hoạch được ban hành", unknown("Ngay sau khi Kế hoạch được ban hành")),
        ("-", None),
    ]
}

/// Role cells and the units each names.
#[rustfmt::skip]
const UNITS: &[(&str, &[&str])] = &[
    ("Sở Khoa học và Công nghệ", &["Sở Khoa học và Công nghệ"]),
    ("Sở Tài chính và Sở Xây dựng", &["Sở Tài chính", "Sở Xây dựng"]),
    ("Sở Y tế và các cơ quan có liên quan", &["Sở Y tế", "các cơ quan có liên quan"]),
    ("Sở Nội vụ\nSở Tư pháp", &["Sở Nội vụ", "Sở Tư pháp"]),
    ("Đề nghị phối hợp với các Bộ, ngành liên quan", &["các Bộ, ngành liên quan"]),
    ("Phối hợp với Sở Tài chính", &["Sở Tài chính"]),
    ("- Sở Giáo dục và Đào tạo\n- UBND các huyện, thành phố", &["Sở Giáo dục và Đào tạo", "UBND các huyện, thành phố"]),
    ("+ Công an tỉnh; + Bộ Chỉ huy Quân sự tỉnh", &["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"]),
    ("Văn phòng HĐND và UBND thành phố", &["Văn phòng HĐND và UBND thành phố"]),
    ("Sở Văn hóa, Thể thao và Du lịch", &["Sở Văn hóa, Thể thao và Du lịch"]),
    ("Sở Lao động - Thương binh và Xã hội", &["Sở Lao động - Thương binh và Xã hội"]),
    ("UBND các huyện, thị xã, thành phố", &["UBND các huyện, thị xã, thành phố"]),
    ("Sở Nông nghiệp và Phát triển nông thôn và UBND các huyện", &["Sở Nông nghiệp và Phát triển nông thôn", "UBND các huyện"]),
    ("Đài Phát thanh và Truyền hình tỉnh", &["Đài Phát thanh và Truyền hình tỉnh"]),
    ("Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội", &["Ủy ban MTTQ Việt Nam tỉnh", "các tổ chức chính trị - xã hội"]),
    ("Sở Thông tin và Truyền thông, Sở Khoa học và Công nghệ và các sở, ngành liên quan",
        &["Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ", "các sở, ngành liên quan"]),
    ("Bảo hiểm xã hội tỉnh và Sở Y tế", &["Bảo hiểm xã hội tỉnh", "Sở Y tế"]),
    ("Viettel và VNPT", &["Viettel", "VNPT"]),
    ("Các doanh nghiệp viễn thông và Trung tâm Chuyển đổi số tỉnh", &["Các doanh nghiệp viễn thông", "Trung tâm Chuyển đổi số tỉnh"]),
    ("Người dân và doanh nghiệp", &["Người dân và doanh nghiệp"]),
    ("Phòng Giáo dục và Đào tạo các huyện", &["Phòng Giáo dục và Đào tạo các huyện"]),
    ("Ban Quản lý các Khu công nghiệp và Khu kinh tế", &["Ban Quản lý các Khu công nghiệp và Khu kinh tế"]),
    ("Trường Đại học Sư phạm và các trường cao đẳng", &["Trường Đại học Sư phạm", "các trường cao đẳng"]),
    ("Sở Du lịch và Sở, ngành liên quan", &["Sở Du lịch", "Sở, ngành liên quan"]),
    ("Sở Công Thương; Sở Tài chính và UBND các xã, phường", &["Sở Công Thương", "Sở Tài chính", "UBND các xã, phường"]),
    ("Đề nghị Bảo hiểm xã hội tỉnh phối hợp", &["Bảo hiểm xã hội tỉnh"]),
];

fn op(op: Comparator) -> &'static str {
    match op {
        Comparator::Ge => ">=",
        Comparator::Gt => ">",
        Comparator::Le => "<=",
        Comparator::Lt => "<",
        Comparator::Eq => "=",
        Comparator::Range => "range",
        Comparator::Bool => "bool",
        Comparator::Qualitative => "qualitative",
    }
}

/// The targets as the table writes them.
fn render(targets: &[Target]) -> String {
    let one = |t: &Target| {
        let Some(value) = t.value else {
            return (t.op == Comparator::Bool).then(|| "bool".to_owned());
        };
        let mut s = format!("{} {value}", op(t.op));
        if let Some(max) = t.value_max {
            s = format!("{s}-{max}");
        }
        if let Some(unit) = &t.unit {
            s = format!("{s} {unit}");
        }
        if let Some(subject) = &t.subject {
            s = format!("{s} @{subject}");
        }
        Some(s)
    };
    targets.iter().filter_map(one).collect::<Vec<_>>().join(" | ")
}

#[test]
fn phrases_of_other_provinces_read_right() {
    let mut misses = Vec::new();
    let mut total = 0;
    for (reader, text, expected) in TARGETS {
        let read = match reader {
            Phrase => read_phrase(text),
            Cell => read_cell(text, None, None),
            Sentence => read_sentence(text),
        };
        total += 1;
        let got = render(&read);
        if got != *expected {
            misses.push(format!("target   {text:?}\n    want {expected:?}\n    got  {got:?}"));
        }
    }
    for (text, expected) in deadlines() {
        total += 1;
        let got = read_deadline(text);
        if got != expected {
            misses.push(format!("deadline {text:?}\n    want {expected:?}\n    got  {got:?}"));
        }
    }
    for (text, expected) in UNITS {
        total += 1;
        let got = chitieu_import::split_units(text);
        if got != *expected {
            misses.push(format!("units    {text:?}\n    want {expected:?}\n    got  {got:?}"));
        }
    }
    for miss in &misses {
        println!("{miss}");
    }
    let right = total - misses.len();
    let share = right as f64 / total as f64;
    println!(
        "{right} of {total} phrases read right ({:.1}%): {} targets, {} deadlines, {} unit cells",
        share * 100.0,
        TARGETS.len(),
        deadlines().len(),
        UNITS.len()
    );
    assert!(share >= 0.95, "{:.1}% of phrases read right, below 95%", share * 100.0);
}

#[test]
fn a_plan_of_another_province_reads_its_counts_days_and_units() {
    let plan = "KẾ HOẠCH Chuyển đổi số năm 2026\n\
        STT\tNhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tSản phẩm\tKết quả\tSố ngày dự kiến\n\
        1\tXây dựng mô hình thôn thông minh\tSở Khoa học và Công nghệ\tSở Tài chính và Sở Xây dựng\t02 mô hình\t\t7\n\
        2\tTập huấn kỹ năng số\tSở Nội vụ và các cơ quan có liên quan\tĐề nghị phối hợp với các Bộ, ngành liên quan\t\t01 đợt\t10 ngày làm việc sau khi có kinh phí\n\
        3\tHướng dẫn triển khai\tSở Khoa học và Công nghệ\t\tVăn bản hướng dẫn\t\tTheo kế hoạch của Sở KHCN\n";
    let plan = chitieu_import::read_plan("kh.txt", plan.as_bytes()).unwrap();
    let [one, two, three] = &plan.items[..] else { panic!("{:#?}", plan.items) };
    assert_eq!(render(&one.targets), "= 2 mô hình");
    assert_eq!(one.deadline, Some(Deadline::Relative { count: 7, unit: TimeUnit::Day, after: String::new() }));
    assert_eq!(one.roles.coordinate, ["Sở Tài chính", "Sở Xây dựng"]);
    assert_eq!(render(&two.targets), "= 1 đợt");
    let after = "có kinh phí".to_owned();
    assert_eq!(two.deadline, Some(Deadline::Relative { count: 10, unit: TimeUnit::WorkingDay, after }));
    assert_eq!(two.roles.lead, ["Sở Nội vụ", "các cơ quan có liên quan"]);
    assert_eq!(two.roles.coordinate, ["các Bộ, ngành liên quan"]);
    assert_eq!(three.targets, []);
    assert_eq!(three.deadline, Some(Deadline::Unknown { text: "Theo kế hoạch của Sở KHCN".into() }));
}

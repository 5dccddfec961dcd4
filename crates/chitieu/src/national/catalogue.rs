//! The 150 indicators and tasks of the synthetic provinces' digital-transformation plan, in the
//! words plans use (after seeds 000 and 002): text, unit, the 2026 target as the target column
//! writes it, and the deadline.

/// The plan's sections (I–V).
pub const SECTIONS: [&str; 5] =
    ["Chính quyền số", "Kinh tế số", "Xã hội số", "Hạ tầng số và an toàn thông tin mạng", "Nhiệm vụ trọng tâm"];

/// One row of the plan's appendix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Index into [`SECTIONS`].
    pub section: usize,
    pub text: String,
    pub unit: Option<&'static str>,
    /// The target cell ("Đạt tối thiểu 80%", "≥ 5", "Có", "Đạt mức khá"); empty for a task.
    pub target: &'static str,
    pub deadline: &'static str,
}

const YEAR_END: &str = "Tháng 12/2026";
const ONGOING: &str = "Thường xuyên";

/// Fields of administrative procedures (lĩnh vực thủ tục hành chính).
const FIELDS: [&str; 10] = [
    "tư pháp",
    "tài chính",
    "xây dựng",
    "nông nghiệp và môi trường",
    "công thương",
    "y tế",
    "giáo dục và đào tạo",
    "nội vụ",
    "văn hóa, thể thao và du lịch",
    "khoa học và công nghệ",
];
const ONLINE_TARGETS: [&str; 10] = [
    "Đạt tối thiểu 80%",
    "Đạt tối thiểu 70%",
    "Đạt tối thiểu 60%",
    "Đạt tối thiểu 60%",
    "Đạt tối thiểu 70%",
    "Đạt tối thiểu 60%",
    "Đạt tối thiểu 80%",
    "Đạt tối thiểu 80%",
    "Đạt tối thiểu 60%",
    "Đạt tối thiểu 70%",
];

/// Sectors of the economy, with the share of firms on digital platforms they aim for.
const SECTORS: [(&str, &str); 6] = [
    ("công nghiệp chế biến, chế tạo", "Đạt tối thiểu 60%"),
    ("thương mại, dịch vụ", "Đạt tối thiểu 70%"),
    ("du lịch", "Đạt tối thiểu 65%"),
    ("vận tải, logistics", "Đạt tối thiểu 50%"),
    ("xây dựng", "Đạt tối thiểu 55%"),
    ("nông nghiệp", "Đạt tối thiểu 40%"),
];

/// Rows written out one by one: section, text, unit, target, deadline.
const ROWS: &[(usize, &str, Option<&str>, &str, &str)] = &[
    (
        0,
        "Tỷ lệ văn bản đi (trừ văn bản mật) được ký số và gửi trên môi trường điện tử",
        Some("%"),
        "Đạt tối thiểu 98%",
        ONGOING,
    ),
    (0, "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng", Some("%"), "Đạt tối thiểu 90%", YEAR_END),
    (0, "Tỷ lệ cán bộ, công chức, viên chức được cấp chữ ký số cá nhân", Some("%"), "Đạt 100%", YEAR_END),
    (0, "Tỷ lệ báo cáo định kỳ được gửi qua Hệ thống thông tin báo cáo", Some("%"), "Đạt tối thiểu 95%", ONGOING),
    (
        0,
        "Tỷ lệ thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình",
        Some("%"),
        "Đạt tối thiểu 80%",
        YEAR_END,
    ),
    (
        0,
        "Tỷ lệ người dân, doanh nghiệp hài lòng với việc giải quyết thủ tục hành chính",
        Some("%"),
        "Đạt tối thiểu 90%",
        YEAR_END,
    ),
    (0, "Tỷ lệ hồ sơ thanh toán trực tuyến phí, lệ phí thủ tục hành chính", Some("%"), "Đạt tối thiểu 50%", YEAR_END),
    (0, "Tỷ lệ cuộc họp được tổ chức theo hình thức trực tuyến, không giấy", Some("%"), "Đạt tối thiểu 40%", YEAR_END),
    (
        0,
        "Số cơ sở dữ liệu chuyên ngành được kết nối, chia sẻ qua nền tảng LGSP",
        Some("cơ sở dữ liệu"),
        "≥ 5",
        YEAR_END,
    ),
    (0, "Số bộ dữ liệu mở được công bố trên Cổng dữ liệu của tỉnh", Some("bộ dữ liệu"), "≥ 10", YEAR_END),
    (0, "Chỉ số chuyển đổi số (DTI) của đơn vị", Some("Chỉ số"), "≥ 0,65", YEAR_END),
    (0, "Chỉ số cải cách hành chính (PAR Index) của đơn vị", Some("Chỉ số"), "≥ 85", YEAR_END),
    (0, "Xếp hạng Chỉ số chuyển đổi số của đơn vị trong tỉnh", Some("Thứ bậc"), "Tối đa 30", YEAR_END),
    (
        0,
        "Xếp hạng Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) của đơn vị",
        Some("Thứ bậc"),
        "Không quá 40",
        YEAR_END,
    ),
    (0, "Trang thông tin điện tử của đơn vị đáp ứng yêu cầu theo quy định", None, "Có", YEAR_END),
    (0, "Sử dụng Hệ thống quản lý văn bản và điều hành liên thông bốn cấp", None, "Có", YEAR_END),
    (0, "Mức độ bảo đảm an toàn thông tin của các hệ thống thông tin của đơn vị", None, "Đạt mức khá", YEAR_END),
    (1, "Tỷ trọng kinh tế số trong GRDP trên địa bàn", Some("%"), "Đạt tối thiểu 20%", YEAR_END),
    (1, "Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử", Some("%"), "Đạt tối thiểu 80%", YEAR_END),
    (1, "Tỷ lệ doanh nghiệp nhỏ và vừa sử dụng nền tảng số", Some("%"), "Đạt tối thiểu 70%", YEAR_END),
    (
        1,
        "Tỷ lệ hộ sản xuất nông nghiệp đưa sản phẩm lên sàn thương mại điện tử",
        Some("%"),
        "Đạt tối thiểu 30%",
        YEAR_END,
    ),
    (1, "Tỷ lệ giao dịch thanh toán không dùng tiền mặt", Some("%"), "Đạt tối thiểu 70%", YEAR_END),
    (1, "Tỷ lệ cơ sở kinh doanh chấp nhận thanh toán qua mã QR", Some("%"), "Đạt tối thiểu 80%", YEAR_END),
    (1, "Tỷ lệ người dân trưởng thành có tài khoản thanh toán", Some("%"), "Đạt tối thiểu 85%", YEAR_END),
    (
        1,
        "Tỷ lệ hộ kinh doanh sử dụng hóa đơn điện tử khởi tạo từ máy tính tiền",
        Some("%"),
        "Đạt tối thiểu 90%",
        YEAR_END,
    ),
    (1, "Tỷ lệ doanh thu thương mại điện tử trong tổng mức bán lẻ hàng hóa", Some("%"), "Đạt tối thiểu 12%", YEAR_END),
    (1, "Số doanh nghiệp công nghệ số đang hoạt động trên địa bàn", Some("doanh nghiệp"), "≥ 10", YEAR_END),
    (1, "Số sản phẩm OCOP được giới thiệu, bán trên sàn thương mại điện tử", Some("sản phẩm"), "≥ 15", YEAR_END),
    (1, "Số mô hình nông nghiệp ứng dụng công nghệ số", Some("mô hình"), "≥ 5", YEAR_END),
    (1, "Số điểm du lịch có thuyết minh tự động, tham quan ảo", Some("điểm"), "≥ 3", YEAR_END),
    (1, "Số hợp tác xã ứng dụng nền tảng số trong sản xuất, kinh doanh", Some("hợp tác xã"), "≥ 8", YEAR_END),
    (1, "Số doanh nghiệp được hỗ trợ chuyển đổi số", Some("doanh nghiệp"), "≥ 20", YEAR_END),
    (
        1,
        "Số gian hàng của doanh nghiệp, hộ kinh doanh trên sàn thương mại điện tử của tỉnh",
        Some("gian hàng"),
        "≥ 100",
        YEAR_END,
    ),
    (1, "Số chợ, trung tâm thương mại áp dụng thanh toán không dùng tiền mặt", Some("chợ"), "≥ 2", YEAR_END),
    (1, "Số hộ kinh doanh được hướng dẫn bán hàng trực tuyến", Some("hộ"), "≥ 50", YEAR_END),
    (1, "Số sản phẩm được cấp mã truy xuất nguồn gốc điện tử", Some("sản phẩm"), "≥ 20", YEAR_END),
    (1, "Số phiên bán hàng trực tuyến nông sản được tổ chức", Some("phiên"), "≥ 12", YEAR_END),
    (1, "Kết nối sàn thương mại điện tử của tỉnh với các sàn thương mại điện tử quốc gia", None, "Có", YEAR_END),
    (1, "Có điểm giới thiệu, bán sản phẩm OCOP trực tuyến", None, "Có", YEAR_END),
    (1, "Mức độ ứng dụng công nghệ số của doanh nghiệp trên địa bàn", None, "Đạt mức khá", YEAR_END),
    (1, "Chỉ số năng lực cạnh tranh số của địa phương", Some("Chỉ số"), "≥ 60", YEAR_END),
    (2, "Tỷ lệ dân số trưởng thành có điện thoại thông minh", Some("%"), "Đạt tối thiểu 90%", YEAR_END),
    (2, "Tỷ lệ hộ gia đình có kết nối internet băng rộng cáp quang", Some("%"), "Đạt tối thiểu 90%", YEAR_END),
    (2, "Tỷ lệ dân số trưởng thành có tài khoản định danh điện tử mức độ 2", Some("%"), "Đạt tối thiểu 80%", YEAR_END),
    (2, "Tỷ lệ người dân có hồ sơ sức khỏe điện tử", Some("%"), "Đạt tối thiểu 90%", YEAR_END),
    (2, "Tỷ lệ cơ sở khám bệnh, chữa bệnh triển khai bệnh án điện tử", Some("%"), "Đạt tối thiểu 70%", YEAR_END),
    (
        2,
        "Tỷ lệ cơ sở khám bệnh, chữa bệnh thanh toán viện phí không dùng tiền mặt",
        Some("%"),
        "Đạt tối thiểu 80%",
        YEAR_END,
    ),
    (2, "Tỷ lệ cơ sở giáo dục triển khai học bạ số", Some("%"), "Đạt 100%", YEAR_END),
    (2, "Tỷ lệ cơ sở giáo dục thu học phí không dùng tiền mặt", Some("%"), "Đạt tối thiểu 90%", YEAR_END),
    (
        2,
        "Tỷ lệ người hưởng chính sách an sinh xã hội nhận trợ cấp qua tài khoản",
        Some("%"),
        "Đạt tối thiểu 80%",
        YEAR_END,
    ),
    (2, "Tỷ lệ người dân được phổ cập kỹ năng số cơ bản", Some("%"), "Đạt tối thiểu 70%", YEAR_END),
    (2, "Tỷ lệ thôn, tổ dân phố có Tổ công nghệ số cộng đồng hoạt động hiệu quả", Some("%"), "Đạt 100%", YEAR_END),
    (2, "Tỷ lệ giáo viên ứng dụng công nghệ số trong giảng dạy", Some("%"), "Đạt tối thiểu 90%", YEAR_END),
    (2, "Tỷ lệ học sinh được học kỹ năng số, an toàn trên không gian mạng", Some("%"), "Đạt tối thiểu 90%", YEAR_END),
    (
        2,
        "Tỷ lệ người cao tuổi được hướng dẫn sử dụng dịch vụ công trực tuyến",
        Some("%"),
        "Đạt tối thiểu 40%",
        YEAR_END,
    ),
    (
        2,
        "Tỷ lệ người dân sử dụng ứng dụng VNeID khi thực hiện thủ tục hành chính",
        Some("%"),
        "Đạt tối thiểu 60%",
        YEAR_END,
    ),
    (2, "Tỷ lệ di tích, điểm văn hóa được số hóa", Some("%"), "Đạt tối thiểu 50%", YEAR_END),
    (2, "Tỷ lệ thư viện công cộng có thư viện số", Some("%"), "Đạt tối thiểu 50%", YEAR_END),
    (2, "Tỷ lệ hộ nghèo, cận nghèo được hỗ trợ thiết bị, dịch vụ số", Some("%"), "Đạt tối thiểu 30%", YEAR_END),
    (2, "Tỷ lệ người lao động được đào tạo kỹ năng số phục vụ việc làm", Some("%"), "Đạt tối thiểu 25%", YEAR_END),
    (2, "Tỷ lệ trạm y tế sử dụng phần mềm quản lý trạm y tế", Some("%"), "Đạt 100%", YEAR_END),
    (2, "Tỷ lệ người dân khám bệnh bằng căn cước gắn chíp", Some("%"), "Đạt tối thiểu 85%", YEAR_END),
    (2, "Số lượt người dân được tập huấn kỹ năng số", Some("lượt"), "≥ 1000", YEAR_END),
    (2, "Số thành viên Tổ công nghệ số cộng đồng được tập huấn", Some("người"), "≥ 50", YEAR_END),
    (2, "Số tin, bài tuyên truyền về chuyển đổi số", Some("tin, bài"), "≥ 24", ONGOING),
    (2, "Số buổi hội thảo, tập huấn về chuyển đổi số", Some("buổi"), "≥ 4", YEAR_END),
    (2, "Số điểm phát wifi công cộng miễn phí", Some("điểm"), "≥ 10", YEAR_END),
    (2, "Số lớp Bình dân học vụ số được tổ chức", Some("lớp"), "≥ 6", YEAR_END),
    (2, "Số tài khoản định danh điện tử mức độ 2 được kích hoạt mới", Some("tài khoản"), "≥ 2000", YEAR_END),
    (2, "Có bản tin chuyển đổi số định kỳ trên hệ thống truyền thanh cơ sở", None, "Có", YEAR_END),
    (2, "Triển khai phong trào Bình dân học vụ số", None, "Có", YEAR_END),
    (2, "Có nhóm hỗ trợ trực tuyến giải đáp thủ tục cho người dân", None, "Có", YEAR_END),
    (2, "Mức độ hài lòng của người dân về dịch vụ số", None, "Đạt mức khá", YEAR_END),
    (2, "Kết quả đánh giá phong trào Bình dân học vụ số", None, "Đạt mức tốt", YEAR_END),
    (2, "Chỉ số xã hội số của địa phương", Some("Chỉ số"), "≥ 0,6", YEAR_END),
    (2, "Xếp hạng mức độ sẵn sàng xã hội số trong tỉnh", Some("Thứ bậc"), "Tối đa 25", YEAR_END),
    (3, "Tỷ lệ thôn, bản được phủ sóng di động băng rộng", Some("%"), "Đạt 100%", YEAR_END),
    (
        3,
        "Tỷ lệ hệ thống thông tin được phê duyệt hồ sơ đề xuất cấp độ an toàn thông tin",
        Some("%"),
        "Đạt 100%",
        YEAR_END,
    ),
    (3, "Tỷ lệ máy tính được cài đặt phần mềm phòng chống mã độc tập trung", Some("%"), "Đạt tối thiểu 95%", YEAR_END),
    (
        3,
        "Tỷ lệ cán bộ, công chức được tập huấn kỹ năng bảo đảm an toàn thông tin",
        Some("%"),
        "Đạt tối thiểu 80%",
        YEAR_END,
    ),
    (3, "Tỷ lệ hệ thống thông tin được giám sát an toàn thông tin tập trung", Some("%"), "Đạt tối thiểu 90%", YEAR_END),
    (
        3,
        "Tỷ lệ camera an ninh kết nối với Trung tâm Giám sát, điều hành thông minh (IOC)",
        Some("%"),
        "Đạt tối thiểu 60%",
        YEAR_END,
    ),
    (3, "Tỷ lệ dữ liệu dân cư được làm sạch, đồng bộ", Some("%"), "Đạt tối thiểu 95%", YEAR_END),
    (3, "Tỷ lệ hệ thống thông tin vận hành trên nền tảng điện toán đám mây", Some("%"), "Đạt tối thiểu 50%", YEAR_END),
    (3, "Tỷ lệ trụ sở cơ quan kết nối mạng truyền số liệu chuyên dùng", Some("%"), "Đạt 100%", YEAR_END),
    (3, "Tỷ lệ hộ gia đình được phủ mạng cáp quang", Some("%"), "Đạt tối thiểu 95%", YEAR_END),
    (3, "Số sự cố an toàn thông tin mạng", Some("sự cố"), "Không quá 2", YEAR_END),
    (3, "Thời gian trung bình khắc phục sự cố mất kết nối mạng", Some("giờ"), "Không quá 4", YEAR_END),
    (3, "Số máy chủ, ứng dụng được chuyển lên nền tảng điện toán đám mây", Some("ứng dụng"), "≥ 5", YEAR_END),
    (3, "Số cuộc diễn tập an toàn thông tin được tổ chức", Some("cuộc"), "≥ 2", YEAR_END),
    (3, "Số điểm kết nối mạng truyền số liệu chuyên dùng được nâng cấp", Some("điểm"), "≥ 5", YEAR_END),
    (3, "Số trạm phát sóng di động mới được lắp đặt", Some("trạm"), "≥ 10", YEAR_END),
    (3, "Số camera giám sát được lắp đặt mới", Some("camera"), "≥ 20", YEAR_END),
    (3, "Có phương án ứng cứu sự cố an toàn thông tin mạng được phê duyệt", None, "Có", YEAR_END),
    (3, "Kết nối mạng truyền số liệu chuyên dùng cấp II", None, "Có", YEAR_END),
    (3, "Có cán bộ chuyên trách công nghệ thông tin, chuyển đổi số", None, "Có", YEAR_END),
    (3, "Mức độ bảo đảm an toàn thông tin theo mô hình bốn lớp", None, "Đạt mức khá", YEAR_END),
    (3, "Chỉ số an toàn thông tin mạng của đơn vị", Some("Chỉ số"), "≥ 0,7", YEAR_END),
    (3, "Xếp hạng mức độ bảo đảm an toàn thông tin mạng trong tỉnh", Some("Thứ bậc"), "Tối đa 20", YEAR_END),
    (4, "Ban hành kế hoạch chuyển đổi số năm 2026 của đơn vị", None, "", "Tháng 3/2026"),
    (4, "Kiện toàn Ban Chỉ đạo chuyển đổi số của đơn vị", None, "", "Tháng 3/2026"),
    (4, "Rà soát, tái cấu trúc quy trình nội bộ giải quyết thủ tục hành chính", None, "", "Tháng 6/2026"),
    (4, "Cập nhật danh mục cơ sở dữ liệu dùng chung của đơn vị", None, "", "Tháng 6/2026"),
    (4, "Xây dựng quy chế bảo đảm an toàn thông tin mạng của đơn vị", None, "", "Tháng 6/2026"),
    (4, "Xây dựng bộ tiêu chí đánh giá chuyển đổi số của đơn vị", None, "", "Tháng 6/2026"),
    (4, "Cập nhật Kiến trúc chính quyền số của đơn vị", None, "", "Tháng 9/2026"),
    (4, "Triển khai phần mềm quản lý văn bản trên thiết bị di động", None, "", "Tháng 9/2026"),
    (4, "Tổ chức Ngày chuyển đổi số của đơn vị", None, "", "Tháng 10/2026"),
    (4, "Số hóa hồ sơ lưu trữ giai đoạn 2022–2026", None, "", YEAR_END),
    (4, "Sơ kết, đánh giá kết quả thực hiện kế hoạch chuyển đổi số", None, "", YEAR_END),
    (4, "Báo cáo kết quả thực hiện chuyển đổi số năm 2026", None, "", YEAR_END),
    (4, "Triển khai các nhiệm vụ của Đề án 06 về phát triển ứng dụng dữ liệu dân cư", None, "", ONGOING),
    (4, "Tổ chức tập huấn kỹ năng số cho cán bộ, công chức", None, "", ONGOING),
    (4, "Rà soát, chuẩn hóa dữ liệu đất đai, dân cư trên địa bàn", None, "", ONGOING),
];

/// Every row of the plan, sections in order: 47 + 30 + 35 + 23 indicators and 15 tasks.
pub fn entries() -> Vec<Entry> {
    let entry = |section, text: String, unit, target, deadline| Entry { section, text, unit, target, deadline };
    let written = |section: usize| -> Vec<Entry> {
        ROWS.iter().filter(|r| r.0 == section).map(|&(s, text, u, t, d)| entry(s, text.to_owned(), u, t, d)).collect()
    };
    let mut out = Vec::with_capacity(150);
    for (field, target) in FIELDS.iter().zip(ONLINE_TARGETS) {
        let text =
            format!("Tỷ lệ hồ sơ thủ tục hành chính lĩnh vực {field} được tiếp nhận, giải quyết trực tuyến toàn trình");
        out.push(entry(0, text, Some("%"), target, YEAR_END));
    }
    for (n, field) in FIELDS.iter().enumerate() {
        let text = format!("Tỷ lệ hồ sơ thủ tục hành chính lĩnh vực {field} được giải quyết đúng hạn");
        let target = if n % 2 == 0 { "Đạt tối thiểu 98%" } else { "Đạt tối thiểu 95%" };
        out.push(entry(0, text, Some("%"), target, ONGOING));
    }
    for (n, field) in FIELDS.iter().enumerate() {
        let text = format!("Tỷ lệ kết quả giải quyết thủ tục hành chính lĩnh vực {field} được số hóa, tái sử dụng");
        let target = if n % 3 == 0 { "Đạt 100%" } else { "Đạt tối thiểu 90%" };
        out.push(entry(0, text, Some("%"), target, YEAR_END));
    }
    out.extend(written(0));
    // The economy: its shares, then the sectors' shares, then its counts and the rest.
    let mut economy = written(1);
    let counts = economy.iter().position(|e| e.text.starts_with("Số ")).unwrap_or(economy.len());
    let rest = economy.split_off(counts);
    out.extend(economy);
    for (sector, target) in SECTORS {
        let text =
            format!("Tỷ lệ doanh nghiệp ngành {sector} ứng dụng nền tảng số trong quản trị, sản xuất, kinh doanh");
        out.push(entry(1, text, Some("%"), target, YEAR_END));
    }
    out.extend(rest);
    for section in 2..SECTIONS.len() {
        out.extend(written(section));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_has_150_distinct_rows_in_five_sections() {
        let entries = entries();
        assert_eq!(entries.len(), 150);
        let per_section: Vec<usize> = (0..5).map(|s| entries.iter().filter(|e| e.section == s).count()).collect();
        assert_eq!(per_section, [47, 30, 35, 23, 15]);
        assert!(entries.windows(2).all(|w| w[0].section <= w[1].section));
        let texts: std::collections::HashSet<&str> = entries.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts.len(), 150);
        assert!(entries.iter().all(|e| e.target.is_empty() == (e.section == 4)));
    }
}

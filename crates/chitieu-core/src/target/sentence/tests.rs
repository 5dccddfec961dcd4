//! The sentence grammar against every target phrase of the seeds, the numbers it must leave
//! alone, and ways of writing a target the seeds do not use.

use crate::target::Comparator::{Bool, Eq, Ge, Gt, Le, Lt};
use crate::target::read_sentence;
use crate::target::tests::{about, range, t, words};

const PCT: Option<&str> = Some("%");

#[test]
fn seed_sentences_read_to_their_targets() {
    let cases = vec![
        // 000 and 002: "<indicator>: Đạt [tối thiểu] X%".
        (
            "Tỷ lệ nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao được theo dõi, giám sát, đánh giá trên môi trường điện tử: Đạt 100%",
            vec![t(Ge, 100.0, PCT, "Đạt 100%")],
        ),
        ("Tỷ lệ phủ sóng 5G trên dân số: Đạt tối thiểu 70%", vec![t(Ge, 70.0, PCT, "Đạt tối thiểu 70%")]),
        (
            "Tỷ lệ người dân có khả năng truy cập băng thông rộng cố định với tốc độ từ 1 Gb/s trở lên: Đạt tối thiểu 70%",
            vec![t(Ge, 70.0, PCT, "Đạt tối thiểu 70%")],
        ),
        (
            "Tỷ lệ cán bộ, công chức ở cấp tỉnh và cấp xã được bồi dưỡng kỹ năng số cơ bản: Đạt 100% .",
            vec![t(Ge, 100.0, PCT, "Đạt 100%")],
        ),
        ("… tuyên truyền, phổ biến về chuyển đổi số, Đề án 06/CP: Đạt 100%", vec![t(Ge, 100.0, PCT, "Đạt 100%")]),
        (
            "Tỷ lệ các sở, ban ngành và các xã, phường đạt cấp độ 3 mức độ trưởng thành về quản trị dữ liệu: Đạt 100%",
            vec![t(Ge, 100.0, PCT, "Đạt 100%")],
        ),
        ("Chỉ số chuyển đổi số cấp tỉnh: Đạt tối thiểu 0.70", vec![t(Ge, 0.7, None, "Đạt tối thiểu 0.70")]),
        (
            "Giá trị thanh toán không dùng tiền mặt so với tổng GRDP: Đạt tối thiểu 10 lần",
            vec![t(Ge, 10.0, Some("lần"), "Đạt tối thiểu 10 lần")],
        ),
        (
            "Tỷ lệ dân số từ 15 tuổi trở lên có tài khoản giao dịch tại ngân hàng hoặc các tổ chức được phép khác: Đạt 90%",
            vec![t(Ge, 90.0, PCT, "Đạt 90%")],
        ),
        (
            "Tỷ lệ người dân có tài khoản định danh điện tử (VN eID) mức 2: Đạt tối thiểu 70%",
            vec![t(Ge, 70.0, PCT, "Đạt tối thiểu 70%")],
        ),
        (
            "Tỷ lệ người dân có tài khoản định danh điện tử (VNeID) mức 2: Đạt tối thiểu 70%.",
            vec![t(Ge, 70.0, PCT, "Đạt tối thiểu 70%")],
        ),
        ("Quy mô kinh tế số trong tổng GRDP: Đạt 15%", vec![t(Ge, 15.0, PCT, "Đạt 15%")]),
        (
            "Tỷ lệ giáo viên, học sinh phổ thông được tập huấn kỹ năng cơ bản về dạy – học trên nền tảng số: Đạt 100% đối với giáo viên và đạt tối thiểu 65% đối với học sinh phổ thông",
            vec![
                about(t(Ge, 100.0, PCT, "Đạt 100%"), "giáo viên"),
                about(t(Ge, 65.0, PCT, "đạt tối thiểu 65%"), "học sinh phổ thông"),
            ],
        ),
        (
            "Đảm bảo nguồn kinh phí dành riêng cho công tác an toàn thông tin đạt tối thiểu 10% tổng ngân sách triển khai các nhiệm vụ chuyển đổi số.",
            vec![t(Ge, 10.0, PCT, "đạt tối thiểu 10%")],
        ),
        (
            "Thực hiện rà soát, phê duyệt và triển khai đầy đủ các phương án bảo đảm an toàn hệ thống thông tin theo cấp độ cho 100% hệ thống của các cơ quan nhà nước.",
            vec![t(Eq, 100.0, PCT, "100%")],
        ),
        (
            "Tái cấu trúc quy trình nghiệp vụ và cung cấp 100% dịch vụ công trực tuyến toàn trình đối với các thủ tục đủ điều kiện trên môi trường điện tử.",
            vec![t(Eq, 100.0, PCT, "100%")],
        ),
        // 001: a bare "X%" first, "trên X%", "đạt trên X%".
        (
            "100% các phòng, đơn vị thuộc UBND thành phố cung cấp dữ liệu phục vụ cho các sở ban ngành của tỉnh",
            vec![t(Eq, 100.0, PCT, "100%")],
        ),
        (
            "30% thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia trên tổng số giao dịch thanh toán của dịch vụ công; 60% thủ tục hành chính có yêu cầu nghĩa vụ tài chính được thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia.",
            vec![
                about(t(Eq, 30.0, PCT, "30%"), "thanh toán trực tuyến"),
                about(t(Eq, 60.0, PCT, "60%"), "thủ tục hành chính"),
            ],
        ),
        (
            "100% kết quả giải quyết thủ tục hành chính được số hóa; tối thiểu 60% hồ sơ thủ tục hành chính được người dân, doanh nghiệp thực hiện trực tuyến từ xa.",
            vec![
                about(t(Eq, 100.0, PCT, "100%"), "kết quả giải quyết thủ tục hành chính"),
                about(t(Ge, 60.0, PCT, "tối thiểu 60%"), "hồ sơ thủ tục hành chính"),
            ],
        ),
        (
            "Tối thiểu 30% hoạt động kiểm tra hành chính định kỳ của cơ quan quản lý nhà nước",
            vec![t(Ge, 30.0, PCT, "Tối thiểu 30%")],
        ),
        (
            "Phấn đấu hoàn thành các chỉ tiêu phát triển kinh tế - xã hội thành phố năm 2023 góp phần nâng cao tỷ trọng kinh tế số trong GRDP của tỉnh đạt trên 16%.",
            vec![t(Gt, 16.0, PCT, "đạt trên 16%")],
        ),
        ("Tỷ trọng thương mại điện tử trong tổng mức bán lẻ trên 8,5%.", vec![t(Gt, 8.5, PCT, "trên 8,5%")]),
        (
            "Trên 90% doanh nghiệp nhỏ và vừa được tiếp cận dùng thử các nền tảng chuyển đổi số, trên 30% doanh nghiệp nhỏ và vừa thường xuyên sử dụng các nền tảng chuyển đổi số.",
            vec![
                about(t(Gt, 90.0, PCT, "Trên 90%"), "doanh nghiệp nhỏ và vừa"),
                about(t(Gt, 30.0, PCT, "trên 30%"), "doanh nghiệp nhỏ và vừa"),
            ],
        ),
        (
            "Tỷ lệ hệ thống thông tin của cơ quan nhà nước đáp ứng yêu cầu bảo đảm an toàn hệ thống thông tin theo cấp độ trên 30%.",
            vec![t(Gt, 30.0, PCT, "trên 30%")],
        ),
        (
            "Tỷ lệ dân số từ 15 tuổi trở lên có tài khoản giao dịch thanh toán tại ngân hàng hoặc tổ chức được phép khác đạt 100%.",
            vec![t(Ge, 100.0, PCT, "đạt 100%")],
        ),
        (
            "Tỷ lệ hộ gia đình có đường Internet cáp quang băng rộng có sử dụng giải pháp an toàn thông tin mạng cơ bản đạt trên 10%.",
            vec![t(Gt, 10.0, PCT, "đạt trên 10%")],
        ),
        // 004 (LaTeX "$\geq 95\%$" arrives as "≥ 95%").
        ("Tỷ lệ phủ sóng 5G trên dân số ≥ 95%", vec![t(Ge, 95.0, PCT, "≥ 95%")]),
        (
            "Có ≥ 70% người sử dụng có khả năng truy cập băng thông rộng cố định với tốc độ trên 01 Gbps/s.",
            vec![t(Ge, 70.0, PCT, "≥ 70%")],
        ),
        (
            "Tỷ lệ chi ngân sách địa phương cho khoa học, công nghệ, đổi mới sáng tạo và chuyên đổi số ≥ 3,5% trong tổng chi ngân sách địa phương",
            vec![t(Ge, 3.5, PCT, "≥ 3,5%")],
        ),
        (
            "Có từ 08 người thực hiện công tác nghiên cứu khoa học, phát triển công nghệ, đổi mới sáng tạo trên 01 vạn dân",
            vec![t(Ge, 8.0, Some("người/vạn dân"), "từ 08 người")],
        ),
        (
            "100% giáo viên và ≥ 65% học sinh phổ thông được tập huấn kỹ năng cơ bản về dạy – học trên nền tảng số",
            vec![about(t(Eq, 100.0, PCT, "100%"), "giáo viên"), about(t(Ge, 65.0, PCT, "≥ 65%"), "học sinh phổ thông")],
        ),
        (
            "Có ≥ 30 doanh nghiệp vừa nhà nhỏ áp dụng khoa học và công nghệ trên địa bàn",
            vec![t(Ge, 30.0, Some("doanh nghiệp"), "≥ 30 doanh nghiệp")],
        ),
        (
            "Có ≥ 25 đề tài, dự án khoa học và công nghệ cấp xã được nghiệm thu",
            vec![t(Ge, 25.0, Some("đề tài"), "≥ 25 đề tài")],
        ),
        (
            "Có ≥ 30 nhiệm vụ khoa học và công nghệ cấp xã triển khai",
            vec![t(Ge, 30.0, Some("nhiệm vụ"), "≥ 30 nhiệm vụ")],
        ),
        (
            "Có ≥ 10 đơn đăng ký sở hữu trí tuệ (sáng chế, giải pháp hữu ích)",
            vec![t(Ge, 10.0, Some("đơn đăng ký"), "≥ 10 đơn đăng ký")],
        ),
        ("Có ≥ 30 sản phẩm đổi mới sáng tạo được thương mại hóa", vec![t(Ge, 30.0, Some("sản phẩm"), "≥ 30 sản phẩm")]),
        ("Có ≥ 15 dự án đổi mới sáng tạo được hỗ trợ từ ngân sách xã", vec![t(Ge, 15.0, Some("dự án"), "≥ 15 dự án")]),
        ("Có ≥ 5 sáng chế, giải pháp hữu ích có địa chỉ tại xã", vec![t(Ge, 5.0, Some("sáng chế"), "≥ 5 sáng chế")]),
        (
            "Có ≥ 15% đề tài nghiên cứu khoa học, đổi mới sáng tạo của học sinh phổ thông đạt giải cấp tỉnh",
            vec![t(Ge, 15.0, PCT, "≥ 15%")],
        ),
        (
            "Có 95% người dân, doanh nghiệp hài lòng trong việc thực hiện TTHC, cung cấp DVC",
            vec![t(Eq, 95.0, PCT, "95%")],
        ),
        ("Có ≥ 100% người dân có tài khoản định danh điện tử (VNeID)", vec![t(Ge, 100.0, PCT, "≥ 100%")]),
        ("Quy mô kinh tế số đạt 15% GRDP", vec![t(Ge, 15.0, PCT, "đạt 15%")]),
        (
            "Hoàn thành xây dựng hệ thống hội nghị truyền hình cho các cơ quan Đảng từ Tỉnh đến xã",
            vec![words(Bool, "Hoàn thành")],
        ),
        // 003's item texts, should a reader look in them.
        (
            "Có ≥ 250 doanh nghiệp khoa học và công nghệ, trong đó có 10% doanh nghiệp công nghệ số nội địa vượt tầm khu vực",
            vec![
                about(t(Ge, 250.0, Some("doanh nghiệp"), "≥ 250 doanh nghiệp"), "doanh nghiệp khoa học và công nghệ"),
                about(t(Eq, 10.0, PCT, "10%"), "doanh nghiệp công nghệ số nội địa"),
            ],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(read_sentence(text), expected, "{text:?}");
    }
}

#[test]
fn numbers_that_are_not_targets_stay_out() {
    let texts = [
        "Tỷ lệ người dân có khả năng truy cập băng thông rộng cố định với tốc độ từ 1 Gb/s trở lên",
        "Tỉ lệ người sử dụng có khả năng truy cập băng thông rộng cố định với tốc độ trên 01 Gbps/s",
        "Tỷ lệ các sở đạt cấp độ 3 mức độ trưởng thành về quản trị dữ liệu",
        "Phổ cập tài khoản định danh điện tử VNeID mức độ 2 và chữ ký số cá nhân",
        "Tỷ lệ người dân có tài khoản định danh điện tử (VNeID) mức 2",
        "Tỷ lệ dân số từ 15 tuổi trở lên có tài khoản giao dịch",
        "Xây dựng các chuyên mục tuyên truyền về chuyển đổi số, Đề án 06 trên các phương tiện thông tin đại chúng",
        "phổ biến về chuyển đổi số, Đề án 06/CP",
        "Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án giai đoạn 2022 - 2026, tầm nhìn đến năm 2030",
        "Kế hoạch triển khai Ngày chuyển đổi số quốc gia 10/10/2026 trên địa bàn tỉnh Ninh Bình",
        "Kế hoạch phát triển hạ tầng số trên địa bàn tỉnh Ninh Bình giai đoạn 2026-2030",
        "Kế hoạch Chuyển đổi số tỉnh Ninh Bình năm 2027",
        "bảo đảm kết nối đồng bộ 24/7 với hệ thống giám sát quốc gia",
        "tiếp cận các khóa huấn luyện kỹ năng vận hành công nghệ 4.0",
        "Từ điển dữ liệu dùng chung (Phiên bản 1.0)",
        "Tỉ lệ các cơ sở dữ liệu cốt lõi (dân cư, đất đai, doanh nghiệp) của 3 tỉnh cũ được hợp nhất",
        "Đại hội đại biểu Đảng bộ tỉnh Ninh Bình lần thứ I, nhiệm kỳ 2025 - 2030",
        "Số người thực hiện công tác nghiên cứu khoa học, phát triển công nghệ, đổi mới sáng tạo trên 01 vạn dân",
        "Số bài báo khoa học có địa chỉ tác giả tại tỉnh (Scopus/ISI) (mỗi năm)",
        "Tỉ lệ kết quả khoa học và công nghệ được ứng dụng thực tiễn sau 12 tháng nghiệm thu",
        "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Nghị định số 165/2025/NĐ-CP ngày 30/6/2025",
        "Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của bộ chính trị",
        "phấn đấu đưa Ninh Bình vào nhóm 10 tỉnh/thành phố có Chỉ số DTI cao nhất toàn quốc",
        "ban hành Kế hoạch chuyển đổi số năm 2026 của cơ quan, đơn vị mình trước ngày 10/4/2026",
        "trước ngày 25 tháng cuối quý và trước ngày 15/12 hàng năm",
        "Ngân hàng nhà nước khu vực 7",
        "Lưu VT, VP5,11.",
        "Tổ chức đánh giá, công bố Chỉ số chuyển đổi số (DTI) cấp sở, cấp xã định kỳ hàng quý",
        "Phấn đấu hoàn thành các chỉ tiêu năm 2023",
        "Số bác sĩ trên 1.000 dân",
        "Xếp hạng Top 10 toàn quốc",
    ];
    for text in texts {
        assert_eq!(read_sentence(text), [], "{text:?}");
    }
}

#[test]
fn counts_per_unit_levels_and_described_subjects() {
    let cases = vec![
        ("Thí điểm tại 126 xã, phường", vec![t(Eq, 126.0, Some("xã, phường"), "126 xã, phường")]),
        ("Mở rộng thêm 5.000 hộ kinh doanh", vec![t(Ge, 5000.0, Some("hộ"), "thêm 5.000 hộ")]),
        ("Tổ chức 02 lớp tập huấn/năm", vec![t(Eq, 2.0, Some("lớp/năm"), "02 lớp")]),
        ("mỗi xã có ít nhất 01 mô hình", vec![t(Ge, 1.0, Some("mô hình/xã"), "ít nhất 01 mô hình")]),
        ("Duy trì tối thiểu 01 lần/tuần", vec![t(Ge, 1.0, Some("lần/tuần"), "tối thiểu 01 lần/tuần")]),
        ("Kinh tế số chiếm 20% GRDP", vec![t(Ge, 20.0, PCT, "chiếm 20%")]),
        ("Tốc độ băng rộng di động đạt tối thiểu 100 Mbps", vec![t(Ge, 100.0, Some("Mbps"), "đạt tối thiểu 100 Mbps")]),
        ("Tuổi thọ trung bình đạt 75,5 tuổi", vec![t(Ge, 75.5, Some("tuổi"), "đạt 75,5 tuổi")]),
        ("Giảm tỷ suất tử vong xuống dưới 15‰", vec![t(Lt, 15.0, Some("‰"), "dưới 15‰")]),
        ("Hoàn thành 126/126 xã, phường", vec![t(Eq, 126.0, Some("xã, phường"), "126/126 xã, phường")]),
        ("100% hộ có doanh thu trên 1 tỷ đồng sử dụng hóa đơn điện tử", vec![t(Eq, 100.0, PCT, "100%")]),
        ("Tỷ lệ phụ nữ mang thai được khám thai ít nhất 4 lần đạt 90%", vec![t(Ge, 90.0, PCT, "đạt 90%")]),
        (
            "- 100% được cung cấp trực tuyến; 80% được cung cấp trực tuyến toàn trình",
            vec![
                about(t(Eq, 100.0, PCT, "100%"), "được cung cấp trực tuyến"),
                about(t(Eq, 80.0, PCT, "80%"), "được cung cấp trực tuyến toàn trình"),
            ],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(read_sentence(text), expected, "{text:?}");
    }
    for text in [
        "doanh nghiệp có trên 10 lao động",
        "trẻ em dưới 5 tuổi",
        "Kế hoạch gồm 12 chỉ tiêu và 35 nhiệm vụ",
        "Đánh giá trong 03 ngày (gồm 01 mô hình)",
        "Tỷ lệ hộ gia đình có cáp quang với tốc độ từ 1 Gbps trở lên",
    ] {
        assert_eq!(read_sentence(text), [], "{text:?}");
    }
}

#[test]
fn other_ways_of_writing_a_target_read_too() {
    let cases = vec![
        ("Tỷ lệ hồ sơ không thấp hơn 80%", vec![t(Ge, 80.0, PCT, "không thấp hơn 80%")]),
        ("Tỷ lệ không dưới 50%", vec![t(Ge, 50.0, PCT, "không dưới 50%")]),
        ("Tỷ lệ tối thiểu là 70%", vec![t(Ge, 70.0, PCT, "tối thiểu là 70%")]),
        ("Đạt từ 60% trở lên", vec![t(Ge, 60.0, PCT, "Đạt từ 60% trở lên")]),
        ("80% trở lên cán bộ được tập huấn", vec![t(Ge, 80.0, PCT, "80% trở lên")]),
        ("phấn đấu đạt 90% hồ sơ", vec![t(Ge, 90.0, PCT, "phấn đấu đạt 90%")]),
        ("≥60% hồ sơ", vec![t(Ge, 60.0, PCT, "≥60%")]),
        ("Doanh thu tăng 10% so với năm 2025", vec![t(Ge, 10.0, PCT, "tăng 10%")]),
        ("Tỷ lệ đạt mức 80%", vec![t(Ge, 80.0, PCT, "đạt mức 80%")]),
        ("Tỷ lệ ít nhất 40 %", vec![t(Ge, 40.0, PCT, "ít nhất 40 %")]),
        ("Tỷ lệ hồ sơ trễ hạn dưới 5%", vec![t(Lt, 5.0, PCT, "dưới 5%")]),
        ("Tỷ lệ hồ sơ trễ hạn không quá 2%", vec![t(Le, 2.0, PCT, "không quá 2%")]),
        ("thời gian xử lý tối đa 03 ngày", vec![t(Le, 3.0, Some("ngày"), "tối đa 03 ngày")]),
        ("Tỷ lệ từ 5% trở xuống", vec![t(Le, 5.0, PCT, "từ 5% trở xuống")]),
        ("Xếp hạng ≤ 15 toàn quốc", vec![t(Le, 15.0, None, "≤ 15")]),
        ("vượt 120% kế hoạch", vec![t(Gt, 120.0, PCT, "vượt 120%")]),
        ("Tỷ lệ từ 15% đến 20%", vec![range(15.0, 20.0, PCT, "từ 15% đến 20%")]),
        ("Tỷ lệ 80-90% dân số trưởng thành", vec![range(80.0, 90.0, PCT, "80-90%")]),
        ("Có 15-20 trung tâm nghiên cứu", vec![range(15.0, 20.0, Some("trung tâm"), "15-20 trung tâm")]),
        ("Có 1.200 cán bộ, trên 1.000 người", vec![t(Gt, 1000.0, Some("người"), "trên 1.000 người")]),
        ("Giảm xuống còn 10% hồ sơ giấy", vec![t(Le, 10.0, PCT, "Giảm xuống còn 10%")]),
        ("Tỷ lệ 95 phần trăm", vec![t(Eq, 95.0, PCT, "95 phần trăm")]),
        (
            "Tỷ lệ giáo viên đạt 100%, học sinh đạt 65%",
            vec![about(t(Ge, 100.0, PCT, "đạt 100%"), "giáo viên"), about(t(Ge, 65.0, PCT, "đạt 65%"), "học sinh")],
        ),
        ("Tỷ lệ 2026%", vec![t(Eq, 2026.0, PCT, "2026%")]),
        ("Hỗ trợ từ 3 đến 5 tỷ đồng", vec![range(3.0, 5.0, Some("tỷ đồng"), "từ 3 đến 5 tỷ đồng")]),
        ("Có ≥ 500 người dân tham gia", vec![t(Ge, 500.0, Some("người"), "≥ 500 người")]),
    ];
    for (text, expected) in cases {
        assert_eq!(read_sentence(text), expected, "{text:?}");
    }
}

use super::*;
use crate::plan::Roles;
use crate::target::read_sentence;

/// An item as a reader makes it from one cell of text: its targets read from the text.
fn item(kind: ItemKind, text: &str) -> Item {
    Item {
        section: None,
        code: None,
        kind,
        text: text.into(),
        unit: None,
        targets: if kind == ItemKind::Group { Vec::new() } else { read_sentence(text) },
        deadline: None,
        roles: Roles::default(),
        note: None,
        line: 1,
    }
}

fn indicator(text: &str) -> Item {
    item(ItemKind::Indicator, text)
}

fn links<'a>(plan: &'a str, keys: &'a [String], items: &'a [Item]) -> Vec<LinkItem<'a>> {
    items.iter().zip(keys).map(|(item, key)| LinkItem { plan, key, item }).collect()
}

fn keys(prefix: &str, n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("{prefix}{i}")).collect()
}

#[test]
fn words_are_the_quantity_without_its_level() {
    let words = words::words(&indicator("Có ≥ 95% hồ sơ, kết quả giải quyết TTHC được số hoá"));
    assert_eq!(words, ["ho", "so", "ket", "qua", "giai", "quyet", "thu", "tuc", "hanh", "chinh", "so", "hoa"]);
    // "Tỉ lệ" and "Tỷ lệ" are the measure word, the level and its year are not the quantity.
    let a = words::words(&indicator("Tỉ lệ người dân có chữ ký số năm 2026 đạt tối thiểu 30%"));
    let b = words::words(&indicator("Tỷ lệ người dân có chữ ký số: Đạt 100%"));
    assert_eq!(a, b);
    assert_eq!(a, ["nguoi", "dan", "chu", "ky", "so"]);
}

#[test]
fn a_count_keeps_its_unit_and_drops_its_count_word() {
    // The target "≥ 30 nhiệm vụ" leaves its unit where it stood.
    let child = words::words(&indicator("Có ≥ 30 nhiệm vụ khoa học và công nghệ cấp xã triển khai"));
    assert_eq!(child, ["nhiem", "vu", "khoa", "hoc", "cong", "nghe", "cap", "trien", "khai"]);
    let parent = words::words(&indicator("Số nhiệm vụ khoa học và công nghệ cấp tỉnh triển khai mỗi năm"));
    assert_eq!(parent, child);
    // "Số hóa" is a verb, not a count.
    assert_eq!(words::words(&indicator("Số hóa các di tích lịch sử"))[..2], ["so", "hoa"]);
}

#[test]
fn abbreviations_are_spelled_out_only_when_written_as_abbreviations() {
    let short = indicator("Tỷ lệ người dân, doanh nghiệp hài lòng với TTHC, DVC");
    let long = indicator("Tỷ lệ người dân, doanh nghiệp hài lòng với thủ tục hành chính, dịch vụ công");
    assert!((similarity(&short, &long) - 1.0).abs() < 1e-9);
    assert_eq!(words::words(&indicator("Phát triển KT-XH")), ["phat", "trien", "kinh", "te", "xa", "hoi"]);
    assert_eq!(words::words(&indicator("Sở KH&CN")), ["so", "khoa", "hoc", "cong", "nghe"]);
    // A lower-case "ai" is the pronoun; "AI" is artificial intelligence.
    assert_eq!(words::words(&indicator("ai ứng dụng AI")), ["ai", "ung", "dung", "tri", "tue", "nhan", "tao"]);
}

#[test]
fn similarity_favours_the_same_quantity_over_a_neighbour() {
    let child = indicator("Có ≥ 90% hồ sơ thủ tục hành chính xử lý trực tuyến");
    let same = indicator("Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến: Đạt tối thiểu 90%");
    let neighbour = indicator("Tỷ lệ thanh toán trực tuyến trong giải quyết thủ tục hành chính, dịch vụ công: Đạt 83%");
    let other = indicator("Tỷ lệ phủ sóng 5G trên dân số: Đạt tối thiểu 70%");
    let (s, n, o) = (similarity(&child, &same), similarity(&child, &neighbour), similarity(&child, &other));
    assert!(s > 0.9 && s <= 1.0, "{s}");
    assert!(n < s && n > o, "{n}");
    // Only "số" (population) and "sơ" (file) meet once folded.
    assert!(o < 0.1, "{o}");
    assert!((similarity(&same, &child) - s).abs() < 1e-12);
}

#[test]
fn a_share_and_a_count_of_the_same_words_score_lower() {
    let share = indicator("Tỷ lệ doanh nghiệp khởi nghiệp sáng tạo: Đạt 20%");
    let count = indicator("Có ≥ 20 doanh nghiệp khởi nghiệp sáng tạo");
    let count_too = indicator("Có ≥ 40 doanh nghiệp khởi nghiệp sáng tạo");
    assert!(similarity(&share, &count) < similarity(&count, &count_too));
    assert!((similarity(&share, &count) / similarity(&count, &count_too) - KIND_MISMATCH).abs() < 0.05);
}

#[test]
fn proposals_name_parent_items_best_first_and_skip_what_is_not_close() {
    let child = [
        item(ItemKind::Group, "Phát triển chuyển đổi số"),
        indicator("Có ≥ 90% hồ sơ thủ tục hành chính xử lý trực tuyến"),
        indicator("Hoàn thành xây dựng hệ thống hội nghị truyền hình cho các cơ quan Đảng"),
        indicator("Có ≥ 80% giao dịch hành chính thuộc diện \"phi tiếp xúc\""),
    ];
    let parent = [
        item(ItemKind::Group, "Về phát triển Chính quyền số"),
        indicator("Tỷ lệ giao dịch hành chính thuộc diện “phi tiếp xúc”: Đạt tối thiểu 80%"),
        indicator("Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến: Đạt tối thiểu 90%"),
        indicator("Tỷ lệ cấp kết quả giải quyết thủ tục hành chính điện tử: Đạt tối thiểu 95%"),
        item(ItemKind::Task, "Kế hoạch phát triển hạ tầng số giai đoạn 2026-2030"),
    ];
    let (ck, pk) = (keys("c", child.len()), keys("p", parent.len()));
    let proposals = propose(&links("xa", &ck, &child), &links("tinh", &pk, &parent));
    let found: Vec<(&str, Vec<&str>)> =
        proposals.iter().map(|p| (p.from.as_str(), p.to.iter().map(|c| c.key.as_str()).collect())).collect();
    assert_eq!(found, [("c2", vec!["p3"]), ("c4", vec!["p2"])]);
    for candidate in proposals.iter().flat_map(|p| &p.to) {
        assert_eq!(candidate.plan, "tinh");
        assert!(candidate.score > THRESHOLD && candidate.score <= 1.0);
    }
}

#[test]
fn each_parent_plan_gets_its_own_candidates() {
    let child = [indicator("Tỷ lệ phủ sóng 5G trên dân số ≥ 95%")];
    let province = [indicator("Tỷ lệ phủ sóng 5G trên dân số: Đạt tối thiểu 70%")];
    let long_term =
        [indicator("Phủ sóng 5G trên dân số"), indicator("Phủ sóng 6G trên dân số"), indicator("Tỷ lệ giao dịch số")];
    let (ck, pk, lk) = (keys("c", 1), keys("p", 1), keys("l", 3));
    let parents: Vec<LinkItem<'_>> =
        links("000", &pk, &province).into_iter().chain(links("003", &lk, &long_term)).collect();
    let proposals = propose(&links("004", &ck, &child), &parents);
    assert_eq!(proposals.len(), 1);
    let to: Vec<(&str, &str)> = proposals[0].to.iter().map(|c| (c.plan.as_str(), c.key.as_str())).collect();
    assert_eq!(to.len(), 2, "{:?}", proposals[0].to);
    assert!(to.contains(&("000", "p1")) && to.contains(&("003", "l1")));
    assert!(proposals[0].to[0].score >= proposals[0].to[1].score);
}

#[test]
fn groups_are_never_linked_and_nothing_comes_from_nothing() {
    let child = [item(ItemKind::Group, "Phát triển hạ tầng")];
    let parent = [item(ItemKind::Group, "Phát triển hạ tầng"), indicator("Phát triển hạ tầng")];
    let (ck, pk) = (keys("c", 1), keys("p", 2));
    assert!(propose(&links("a", &ck, &child), &links("b", &pk, &parent)).is_empty());
    assert!(propose(&[], &links("b", &pk, &parent)).is_empty());
    let lone = [indicator("Phát triển hạ tầng")];
    assert!(propose(&links("a", &ck, &lone), &[]).is_empty());
    assert!(similarity(&indicator(""), &indicator("Phát triển hạ tầng")).abs() < 1e-12);
}

#[test]
fn proposals_serialize_as_plain_json() {
    let proposal =
        Proposal { from: "c1".into(), to: vec![LinkCandidate { plan: "000".into(), key: "p1".into(), score: 0.93 }] };
    let json = serde_json::to_value(&proposal).unwrap();
    assert_eq!(json, serde_json::json!({"from": "c1", "to": [{"plan": "000", "key": "p1", "score": 0.93}]}));
}

//! `chitieu link` from the outside: the commune's programme (004) against the province's
//! appendix (000) and long-term targets (003), the plans named by key or id as `plans show`
//! takes them; the JSON names items by the keys `plans show --format json` prints.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::command::{chitieu_on, json};

fn run(db: &Path, args: &[&str]) -> Output {
    chitieu_on(db).args(args).output().expect("chitieu runs")
}

fn ok(db: &Path, args: &[&str]) -> Output {
    let out = run(db, args);
    assert!(out.status.success(), "chitieu {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// The keys of a plan's items and, by key, the item as `plans show` prints it.
fn items(db: &Path, plan: &str) -> Vec<Value> {
    json(&ok(db, &["plans", "show", plan, "--format", "json"]))["items"].as_array().expect("items").clone()
}

#[test]
fn link_proposes_parent_items_for_the_communes_items_by_their_stored_keys() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("chitieu.db");
    ok(&db, &["orgs", "import", "--builtin"]);
    let province = ["fixtures/seeds/000_ba049f6006c8a0fd.txt", "fixtures/seeds/003_683dc05f664d02ec.txt"];
    let mut args = vec!["import", "--issuer", "UBND tỉnh Ninh Bình", "--level", "province", "--format", "json"];
    args.extend(province);
    let imported = json(&ok(&db, &args));
    let id000 = imported[0]["outcome"]["plan_id"].as_i64().expect("id").to_string();
    let key003 = imported[1]["outcome"]["key"].as_str().expect("key").to_owned();
    let commune = ["import", "--issuer", "Xã Gia Viễn (mẫu)", "--level", "commune", "--format", "json"];
    let mut args = commune.to_vec();
    args.push("fixtures/seeds/004_b92706629730df53.txt");
    let key004 = json(&ok(&db, &args))[0]["outcome"]["key"].as_str().expect("key").to_owned();

    let (child, parents) = (items(&db, &key004), [items(&db, &id000), items(&db, &key003)]);
    let key_of = |item: &Value| item["key"].as_str().expect("key").to_owned();
    let parent_keys: Vec<String> = parents.iter().flatten().map(key_of).collect();
    let proposed = json(&ok(&db, &["link", &key004, &id000, &key003, "--format", "json"]));
    let links = proposed["links"].as_array().expect("{\"links\": [...]}");
    let indicators_and_tasks = child.iter().filter(|i| i["kind"] != "group").count();
    assert!(links.len() * 10 >= indicators_and_tasks * 8, "most of 004's items get a proposal: {}", links.len());
    for link in links {
        let from = link["from"].as_str().expect("from");
        assert!(child.iter().any(|i| i["key"] == from && i["kind"] != "group"), "{from} is an item of 004");
        let to: Vec<&str> = link["to"].as_array().expect("to").iter().map(|t| t.as_str().expect("key")).collect();
        assert!(!to.is_empty() && to.iter().all(|t| parent_keys.iter().any(|k| k == t)), "{link}");
        let scores: Vec<f64> = link["scores"].as_array().expect("scores").iter().filter_map(Value::as_f64).collect();
        assert_eq!(scores.len(), to.len());
        assert_eq!(link["score"].as_f64(), scores.first().copied(), "the best candidate's score");
        assert!(scores.windows(2).all(|w| w[0] >= w[1]) && scores.iter().all(|s| (0.0..=1.0).contains(s)));
    }
    // The commune's "≥ 90% hồ sơ TTHC xử lý trực tuyến" (V.6) is the province's 5.6.
    let v6 = child.iter().find(|i| i["section"] == "V" && i["code"] == "6").map(key_of).expect("004 V.6");
    let p56 = parents[0].iter().find(|i| i["code"] == "5.6").map(key_of).expect("000 5.6");
    let link = links.iter().find(|l| l["from"] == v6.as_str()).expect("a proposal for V.6");
    assert!(link["to"].as_array().expect("to").iter().any(|t| t == p56.as_str()), "{link}");
    assert_eq!(link["from_code"], "V.6");

    let table = String::from_utf8(ok(&db, &["link", &key004, &id000]).stdout).expect("UTF-8");
    assert!(table.contains("V.6") && table.contains("5.6"), "codes in the table");
    assert!(table.contains("Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến"), "words in the table");
    assert!(table.contains("mục có đề xuất liên kết"));

    let unknown = run(&db, &["link", &key004, "khong-co-ke-hoach"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("khong-co-ke-hoach"), "the error names the plan");
    let itself = run(&db, &["link", &key004, &key004]);
    assert!(!itself.status.success());
    assert!(String::from_utf8_lossy(&itself.stderr).contains("itself"));
}

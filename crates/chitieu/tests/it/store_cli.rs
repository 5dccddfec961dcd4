//! The store from the command line, as an administrator uses it: load the registry, import the
//! seeds, list and show plans (losslessly: `plans show` carries `parse`'s JSON), obligations,
//! an amended document, backup and restore.

use std::path::Path;
use std::process::Output;

use crate::command::{ROOT, chitieu_on, json};

fn chitieu(db: &Path, args: &[&str]) -> Output {
    let out = chitieu_on(db).args(args).output().expect("chitieu runs");
    assert!(
        out.status.success(),
        "chitieu {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn an_administrator_stores_the_seed_plans_and_reads_them_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("chitieu.db");
    let loaded = chitieu(&db, &["orgs", "import", "--builtin"]);
    assert!(String::from_utf8_lossy(&loaded.stdout).contains("80 added"));
    let again = chitieu(&db, &["orgs", "import", "--builtin"]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 added, 0 updated, 80 unchanged"));

    let seeds = [
        "fixtures/seeds/000_ba049f6006c8a0fd.txt",
        "fixtures/seeds/002_1676413b76eb692c.txt",
        "fixtures/seeds/003_683dc05f664d02ec.txt",
    ];
    let mut args = vec!["import", "--issuer", "UBND tỉnh Ninh Bình", "--level", "province", "--format", "json"];
    args.extend(seeds);
    let imported = json(&chitieu(&db, &args));
    assert_eq!(imported.as_array().expect("one outcome per file").len(), 3);
    assert_eq!(imported[0]["outcome"]["indicators"], 49);
    let unresolved = &imported[0]["outcome"]["unresolved"];
    assert_eq!(unresolved[0]["name"], "Bru điện tỉnh");
    assert_eq!(unresolved[0]["proposals"][0]["name"], "Bưu điện tỉnh Ninh Bình");

    let id0 = imported[0]["outcome"]["plan_id"].as_i64().expect("id").to_string();
    let confirmed = chitieu(&db, &["plans", "confirm", &id0, "Bru điện tỉnh", "--as", "Bưu điện tỉnh Ninh Bình"]);
    assert!(String::from_utf8_lossy(&confirmed.stdout).contains("(1 phân công)"));

    let plans = json(&chitieu(&db, &["plans", "list", "--format", "json"]));
    assert_eq!(plans.as_array().expect("plans").len(), 3);
    let id = imported[0]["outcome"]["plan_id"].as_i64().expect("id").to_string();
    let shown = json(&chitieu(&db, &["plans", "show", &id]));
    let parsed = json(&chitieu(&db, &["parse", seeds[0]]));
    for field in ["source", "title", "years", "regime", "warnings"] {
        assert_eq!(shown[field], parsed[field], "{field}");
    }
    let shown_items = shown["items"].as_array().expect("items");
    for (stored, item) in shown_items.iter().zip(parsed["items"].as_array().expect("items")) {
        let mut stored = stored.clone();
        for extra in ["id", "key", "measure", "direction", "assignments"] {
            stored.as_object_mut().expect("item").remove(extra);
        }
        assert_eq!(&stored, item);
    }

    let owed = json(&chitieu(&db, &["obligations", &id, "--period", "2026-Q2", "--format", "json"]));
    assert!(owed["obligations"].as_array().expect("obligations").len() > 100);
    assert!(owed["obligations"].as_array().expect("list").iter().all(|o| o["due"]["month"].as_i64() <= Some(6)));

    let text = std::fs::read_to_string(Path::new(ROOT).join(seeds[0])).expect("seed");
    let amended = dir.path().join("000-amended.txt");
    std::fs::write(&amended, text.replace("Đạt tối thiểu 70%\tSở Khoa học", "Đạt tối thiểu 80%\tSở Khoa học"))
        .expect("write");
    let amendment = chitieu(&db, &["import", "--issuer", "UBND tỉnh Ninh Bình", amended.to_str().expect("path")]);
    let said = String::from_utf8_lossy(&amendment.stdout);
    assert!(said.contains("phiên bản 2") && said.contains("đổi I 2.1: text, targets"), "{said}");
    assert!(said.contains("0 thêm, 0 bỏ, 2 thay đổi"), "{said}");

    let backup = dir.path().join("backup.db");
    chitieu(&db, &["backup", backup.to_str().expect("path")]);
    let copy = dir.path().join("restored.db");
    chitieu(&copy, &["migrate"]);
    chitieu(&copy, &["restore", backup.to_str().expect("path")]);
    let restored = json(&chitieu(&copy, &["plans", "list", "--format", "json"]));
    assert_eq!(restored.as_array().expect("plans").len(), 4);
}

#[test]
fn bad_input_is_named_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("chitieu.db");
    chitieu(&db, &["orgs", "import", "--builtin"]);
    let run = |args: &[&str]| chitieu_on(&db).args(args).output().expect("runs");
    let out = run(&["import", "--issuer", "UBND tinh Ninh Binh", "fixtures/seeds/004_b92706629730df53.txt"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean \"UBND tỉnh Ninh Bình\""));
    let broken = dir.path().join("hong.pdf");
    std::fs::write(&broken, b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R").expect("write");
    let out = run(&["import", "fixtures/seeds/004_b92706629730df53.txt", broken.to_str().expect("path")]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("hong.pdf"));
    let out = run(&["obligations", "1", "--period", "2026-Q9"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a period"));
    let bad_registry = dir.path().join("units.csv");
    std::fs::write(&bad_registry, "name,kind\nSở Mới,không rõ\n").expect("write");
    let out = run(&["orgs", "import", bad_registry.to_str().expect("path")]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("units.csv") && err.contains("line 2"), "{err}");
}

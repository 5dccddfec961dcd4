#![allow(clippy::print_stdout)]
#[test]
fn dump() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        let plan = chitieu_import::read_plan(f.file_name().unwrap().to_str().unwrap(), &bytes).unwrap();
        let mut seen = std::collections::BTreeMap::<String, Vec<&str>>::new();
        for item in &plan.items {
            for (role, names) in [
                ("monitor", &item.roles.monitor),
                ("lead", &item.roles.lead),
                ("coordinate", &item.roles.coordinate),
                ("direct", &item.roles.direct),
            ] {
                for n in names {
                    let v = seen.entry(n.clone()).or_default();
                    if !v.contains(&role) {
                        v.push(role);
                    }
                }
            }
        }
        println!("== {}", f.display());
        for (n, r) in seen {
            println!("  {n:?} {r:?}");
        }
    }
}

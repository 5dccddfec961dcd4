//! The files the store's tests read, written once: the seed plans and the built-in registry of
//! Ninh Bình (`fixtures/` at the workspace root).

use chitieu_core::registry::{Registry, Resolution};
use chitieu_import::registry::{RegistryFile, read_registry};
use chitieu_store::{RegistryOutcome, SqlStore};

/// The workspace root, where `fixtures/` lives.
pub const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// The seed whose file name starts with `prefix`: its file name and bytes.
pub fn seed(prefix: &str) -> (String, Vec<u8>) {
    let dir = std::path::Path::new(ROOT).join("fixtures/seeds");
    let path = std::fs::read_dir(&dir)
        .expect("the seeds folder")
        .map(|e| e.expect("entry").path())
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix)))
        .unwrap_or_else(|| panic!("seed {prefix}"));
    let name = path.file_name().and_then(|n| n.to_str()).expect("name").to_owned();
    (name, std::fs::read(&path).expect("seed bytes"))
}

/// Stores the built-in registry (its units, then its groups) as "test" at `at`; what each file
/// created.
pub async fn load_registry(store: &SqlStore, at: &str) -> Vec<(&'static str, RegistryOutcome)> {
    let mut outcomes = Vec::new();
    for file in ["ninh-binh-orgs.csv", "ninh-binh-groups.csv"] {
        let bytes = std::fs::read(format!("{ROOT}/fixtures/registry/{file}")).expect("registry file");
        let outcome = match read_registry(file, &bytes).expect("registry file reads") {
            RegistryFile::Orgs(records) => store.import_orgs(&records, "test", at).await,
            RegistryFile::Groups(records) => store.import_groups(&records, "test", at).await,
        }
        .expect("registry imports");
        outcomes.push((file, outcome));
    }
    outcomes
}

/// The id of the unit `name` resolves to, at the top of the registry.
pub fn unit(registry: &Registry, name: &str) -> i64 {
    match registry.resolve(name, None) {
        Resolution::Org { id } => id,
        other => panic!("{name} does not resolve to a unit: {other:?}"),
    }
}

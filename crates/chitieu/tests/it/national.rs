//! `chitieu demo --scale national` at a tiny scale, on SQLite and on PostgreSQL: the counts it
//! promises, the same rows for the same seed (on either backend), other values for another
//! seed, and reports that hold exactly what each unit owes.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use sqlx::{AnyPool, Column as _, Row as _};

use crate::support;

/// Builds a tiny country (two provinces of three departments and four communes, over the last
/// three quarters) with `seed` in the database at `url`; returns what it printed.
fn build(url: &str, seed: &str) -> String {
    let args = ["demo", "--scale", "national", "--no-serve", "--seed", seed, "--provinces", "2"];
    let tiny = ["--departments", "3", "--communes", "4", "--quarters", "3"];
    let out = Command::new(env!("CARGO_BIN_EXE_chitieu"))
        .arg("--db")
        .arg(url)
        .args(args)
        .args(tiny)
        .output()
        .expect("chitieu runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "chitieu demo failed on {url}: {stdout}{}", String::from_utf8_lossy(&out.stderr));
    stdout
}

async fn pool(url: &str) -> AnyPool {
    sqlx::any::install_default_drivers();
    AnyPool::connect(url).await.unwrap_or_else(|e| panic!("connect to {url}: {e}"))
}

/// The tables the generator writes, each as ordered rows of printed cells (accounts, with their
/// random password salts, left out).
const TABLES: [(&str, &str); 12] = [
    ("orgs", "id"),
    ("org_aliases", "org_id, alias"),
    ("org_groups", "id"),
    ("group_members", "group_id, org_id"),
    ("plans", "id"),
    ("items", "id"),
    ("targets", "id"),
    ("assignments", "id"),
    ("periods", "id"),
    ("reports", "id"),
    ("report_values", "id"),
    ("audit_events", "id"),
];

async fn dump(pool: &AnyPool) -> BTreeMap<&'static str, Vec<Vec<String>>> {
    let mut tables = BTreeMap::new();
    for (table, order) in TABLES {
        let filter = if table == "audit_events" { "WHERE entity <> 'user'" } else { "" };
        let rows = sqlx::query(&format!("SELECT * FROM {table} {filter} ORDER BY {order}"))
            .fetch_all(pool)
            .await
            .unwrap_or_else(|e| panic!("{table}: {e}"));
        let cells = rows
            .iter()
            .map(|row| {
                (0..row.columns().len())
                    .map(|i| {
                        let name = row.column(i).name();
                        if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
                            format!("{name}={v:?}")
                        } else if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
                            format!("{name}={v:?}")
                        } else if let Ok(v) = row.try_get::<Option<String>, _>(i) {
                            format!("{name}={v:?}")
                        } else {
                            format!("{name}={:?}", row.try_get::<Option<Vec<u8>>, _>(i).expect("bytes"))
                        }
                    })
                    .collect()
            })
            .collect();
        tables.insert(table, cells);
    }
    tables
}

async fn count(pool: &AnyPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The units that owe each item of the plan for the period, as `chitieu obligations` says.
fn obligations(url: &str, plan: &str, period: &str) -> BTreeMap<i64, BTreeSet<String>> {
    let out = Command::new(env!("CARGO_BIN_EXE_chitieu"))
        .args(["--db", url, "obligations", plan, "--period", period, "--format", "json"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut owed: BTreeMap<i64, BTreeSet<String>> = BTreeMap::new();
    for o in json["obligations"].as_array().expect("a list") {
        let org = o["org"].as_i64().expect("an org id");
        owed.entry(org).or_default().insert(o["item_key"].as_str().expect("a key").to_owned());
    }
    owed
}

/// Counts, and that every report holds exactly the items its unit owes.
async fn check(url: &str, pool: &AnyPool) {
    assert_eq!(count(pool, "SELECT COUNT(*) FROM orgs").await, 2 * (1 + 3 + 4));
    assert_eq!(count(pool, "SELECT COUNT(*) FROM org_groups").await, 4);
    assert_eq!(count(pool, "SELECT COUNT(*) FROM group_members").await, 2 * (3 + 4));
    assert_eq!(count(pool, "SELECT COUNT(*) FROM plans").await, 2);
    assert_eq!(count(pool, "SELECT COUNT(*) FROM items WHERE kind <> 'group'").await, 2 * 150);
    assert_eq!(count(pool, "SELECT COUNT(*) FROM periods").await, 2 * 3);
    let reports = count(pool, "SELECT COUNT(*) FROM reports").await;
    assert!((2 * 7 * 3 - 4..=2 * 7 * 3).contains(&reports), "{reports} reports");
    assert_eq!(count(pool, "SELECT COUNT(*) FROM audit_events WHERE entity = 'reports'").await, 2 * 3);
    let late =
        count(pool, "SELECT COUNT(*) FROM reports r JOIN periods p ON p.id = r.period_id WHERE r.late = 1").await;
    let after_due =
        count(pool, "SELECT COUNT(*) FROM reports r JOIN periods p ON p.id = r.period_id WHERE r.submitted_at > p.due_date || 'T23:59:59Z'")
            .await;
    assert_eq!(late, after_due, "late means submitted after the due date");
    // The newest quarter still has reports awaiting review; older ones are all approved.
    assert!(count(pool, "SELECT COUNT(*) FROM reports r JOIN periods p ON p.id = r.period_id WHERE p.quarter < 4 AND r.status <> 'approved'").await == 0);

    for plan in ["cds-01", "cds-02"] {
        for period in ["2026-Q2", "2026-Q4"] {
            let owed = obligations(url, plan, period);
            let quarter: i64 = period[6..].parse().expect("a quarter");
            let rows = sqlx::query(
                "SELECT r.org_id, v.item_key FROM report_values v JOIN reports r ON r.id = v.report_id \
                 JOIN periods p ON p.id = r.period_id WHERE p.plan_key = $1 AND p.year = 2026 AND p.quarter = $2",
            )
            .bind(plan)
            .bind(quarter)
            .fetch_all(pool)
            .await
            .expect("values");
            let mut reported: BTreeMap<i64, BTreeSet<String>> = BTreeMap::new();
            for row in rows {
                reported.entry(row.get::<i64, _>(0)).or_default().insert(row.get(1));
            }
            assert_eq!(owed.len(), 7, "{plan} {period}: every unit of the province owes");
            assert!(reported.len() >= 5, "{plan} {period}: most units reported");
            for (org, items) in &reported {
                assert_eq!(Some(items), owed.get(org), "{plan} {period}: unit {org} reported what it owes");
            }
        }
    }
}

#[tokio::test]
async fn a_tiny_country_is_the_same_for_the_same_seed_on_both_backends() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let sqlite = |name: &str| format!("sqlite:{}", dir.path().join(name).display());
    let (first, second, other) = (sqlite("first-demo.db"), sqlite("second-demo.db"), sqlite("other-demo.db"));
    let printed = build(&first, "11");
    assert!(printed.contains("hạt giống 11: 2 tỉnh, thành phố; 6 sở, ban, ngành; 8 xã, phường, đặc khu"), "{printed}");
    build(&second, "11");
    build(&other, "12");
    let (postgres_first, postgres_second) = (support::postgres().await, support::postgres().await);
    build(&postgres_first.url, "11");
    build(&postgres_second.url, "11");

    let pools =
        [pool(&first).await, pool(&second).await, pool(&postgres_first.url).await, pool(&postgres_second.url).await];
    for (url, pool) in [&first, &second, &postgres_first.url, &postgres_second.url].into_iter().zip(&pools) {
        check(url, pool).await;
    }
    let expected = dump(&pools[0]).await;
    assert!(expected["report_values"].len() > 2_000);
    for (name, pool) in ["SQLite again", "PostgreSQL", "PostgreSQL again"].into_iter().zip(&pools[1..]) {
        let got = dump(pool).await;
        for (table, rows) in &expected {
            assert_eq!(rows.len(), got[table].len(), "{name}: {table}");
            if let Some((want, have)) = rows.iter().zip(&got[table]).find(|(a, b)| a != b) {
                panic!("{name}: {table} differs:\n{want:?}\n{have:?}");
            }
        }
    }
    let other = dump(&pool(&other).await).await;
    assert_eq!(other["orgs"], expected["orgs"], "the country does not depend on the seed");
    assert_ne!(other["report_values"], expected["report_values"], "the reports do");
}

//! Self-test of the test harness in `support`: every backend answers and keeps what a test writes, each test
//! gets a database of its own, and a dropped database is gone.

use std::time::Instant;

use crate::support::{self, Backend};
use sqlx::{AnyPool, Row as _};

async fn connect(db: &support::TestDb) -> AnyPool {
    sqlx::any::install_default_drivers();
    AnyPool::connect(&db.url).await.unwrap_or_else(|e| panic!("connect to {:?} at {}: {e}", db.backend, db.url))
}

#[tokio::test]
async fn every_backend_answers_and_keeps_what_a_test_writes() {
    let dbs = support::all().await;
    assert_eq!(dbs.iter().map(|db| db.backend).collect::<Vec<_>>(), [Backend::Sqlite, Backend::Postgres]);
    for db in &dbs {
        let pool = connect(db).await;
        let one: i64 = sqlx::query_scalar("SELECT 1").fetch_one(&pool).await.unwrap();
        assert_eq!(one, 1, "{:?}", db.backend);

        sqlx::query("CREATE TABLE unit (id BIGINT PRIMARY KEY, name TEXT NOT NULL)").execute(&pool).await.unwrap();
        for (id, name) in [(2_i64, "Phòng Tài chính – Kế hoạch"), (1, "Ủy ban nhân dân xã")] {
            sqlx::query("INSERT INTO unit (id, name) VALUES ($1, $2)")
                .bind(id)
                .bind(name)
                .execute(&pool)
                .await
                .unwrap();
        }
        let rows = sqlx::query("SELECT id, name FROM unit ORDER BY id").fetch_all(&pool).await.unwrap();
        let units: Vec<(i64, String)> = rows.iter().map(|row| (row.get(0), row.get(1))).collect();
        assert_eq!(
            units,
            [(1, "Ủy ban nhân dân xã".to_owned()), (2, "Phòng Tài chính – Kế hoạch".to_owned())],
            "{:?}",
            db.backend
        );
        pool.close().await;
    }
}

#[tokio::test]
async fn two_postgres_databases_are_separate_and_a_dropped_one_is_gone() {
    let started = Instant::now();
    let first = support::postgres().await;
    let first_took = started.elapsed();
    let started = Instant::now();
    let second = support::postgres().await;
    let second_took = started.elapsed();
    assert_ne!(first.url, second.url);

    let (first_pool, second_pool) = (connect(&first).await, connect(&second).await);
    sqlx::query("CREATE TABLE only_in_first (id BIGINT)").execute(&first_pool).await.unwrap();
    let tables_in_second: i64 =
        sqlx::query_scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_in_first'")
            .fetch_one(&second_pool)
            .await
            .unwrap();
    assert_eq!(tables_in_second, 0);

    let first_name = first.url.rsplit('/').next().unwrap().to_owned();
    let started = Instant::now();
    drop(first); // while `first_pool` still holds a connection: WITH (FORCE) ends it
    let drop_took = started.elapsed();
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM pg_database WHERE datname = $1")
        .bind(&first_name)
        .fetch_one(&second_pool)
        .await
        .unwrap();
    assert_eq!(left, 0, "{first_name} should be dropped");
    eprintln!(
        "postgres(): {} ms (the first in this process includes starting the cluster), then {} ms; drop {} ms",
        first_took.as_millis(),
        second_took.as_millis(),
        drop_took.as_millis()
    );
    drop(first_pool);
}

#[tokio::test]
async fn a_dropped_sqlite_database_leaves_no_file() {
    let db = support::sqlite().await;
    let pool = connect(&db).await;
    sqlx::query("CREATE TABLE t (id BIGINT)").execute(&pool).await.unwrap();
    pool.close().await;
    let path = std::path::PathBuf::from(db.url.trim_start_matches("sqlite://").trim_end_matches("?mode=rwc"));
    assert!(path.is_file(), "{} should exist while the TestDb lives", path.display());
    drop(db);
    assert!(!path.parent().unwrap().exists(), "{} should be removed", path.display());
}

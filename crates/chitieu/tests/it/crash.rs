//! The server killed with SIGKILL in the middle of a stream of report saves: after a restart
//! every save the server acknowledged is there, and the database is sound.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chitieu_core::period::Period;
use chitieu_core::registry::Resolution;
use chitieu_store::ReportKey;

use crate::command::{ROOT, Running, free_port, wait_for_port};

fn start(db: &Path, command: &str, port: u16) -> Running {
    let child = Command::new(env!("CARGO_BIN_EXE_chitieu"))
        .args(["--db", &format!("sqlite:{}", db.display()), command, "--listen", &format!("127.0.0.1:{port}")])
        .current_dir(ROOT)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chitieu starts");
    wait_for_port(port, &format!("chitieu {command}"), Duration::from_mins(1));
    Running(child)
}

/// The value of the hidden input `name` in a page.
fn hidden(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = page.find(&marker).unwrap_or_else(|| panic!("no {name} field")) + marker.len();
    page[at..].split('"').next().expect("value").to_owned()
}

async fn signed_in(base: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let form = client.get(format!("{base}/dang-nhap")).send().await.expect("form").text().await.expect("page");
    let csrf = hidden(&form, "csrf");
    let answer = client
        .post(format!("{base}/dang-nhap"))
        .form(&[("csrf", csrf.as_str()), ("username", "baocao"), ("password", "chitieu-demo")])
        .send()
        .await
        .expect("sign in");
    assert!(answer.status().is_redirection(), "signed in: {}", answer.status());
    client
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_save_survives_a_sigkill() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("crash-demo.db");
    let port = free_port();
    let mut server = start(&db, "demo", port);
    let base = format!("http://127.0.0.1:{port}");
    let client = signed_in(&base).await;
    let form_url = format!("{base}/bao-cao/5/2026-Q3");
    let page = client.get(&form_url).send().await.expect("report form").text().await.expect("page");
    let csrf = hidden(&page, "csrf");
    let mut version: i64 = hidden(&page, "version").parse().expect("version");
    let at = page.find("name=\"tu|").expect("a ratio line on the form") + "name=\"tu|".len();
    let key = page[at..].split('"').next().expect("item key").to_owned();
    let (numerator, denominator) = (format!("tu|{key}"), format!("mau|{key}"));

    let report_key = {
        let store = chitieu_store::connect(&format!("sqlite:{}", db.display())).await.expect("store opens");
        let registry = store.registry().await.expect("registry");
        let Resolution::Org { id: commune } = registry.resolve("Xã Gia Viễn (mẫu)", None) else {
            panic!("commune")
        };
        let Resolution::Org { id: office } = registry.resolve("Văn phòng HĐND - UBND", Some(commune)) else {
            panic!("office")
        };
        let plan = store.plan(5).await.expect("plan 5 (seed 004)");
        ReportKey { plan_key: plan.key, period: Period::quarter(2026, 3).expect("Q3"), org: office }
    };
    let numerators = |history: &[chitieu_store::ValueRevision]| -> Vec<f64> {
        history.iter().filter(|h| h.value.item_key == key).filter_map(|h| h.value.numerator).collect()
    };
    let before = {
        let store = chitieu_store::connect(&format!("sqlite:{}", db.display())).await.expect("store opens");
        numerators(&store.value_history(&report_key).await.expect("history")).len()
    };

    // Saves stream in; once 20 are acknowledged, another thread kills the server a few
    // milliseconds later, while the next saves are in flight.
    let acked = Arc::new(AtomicUsize::new(0));
    let pid = server.0.id();
    let killer = {
        let acked = Arc::clone(&acked);
        std::thread::spawn(move || {
            let started = Instant::now();
            while acked.load(Ordering::SeqCst) < 20 && started.elapsed() < Duration::from_mins(1) {
                std::thread::sleep(Duration::from_millis(1));
            }
            std::thread::sleep(Duration::from_millis(u64::from(pid % 7) + 2));
            let status = Command::new("kill").args(["-KILL", &pid.to_string()]).status().expect("kill runs");
            assert!(status.success(), "SIGKILL sent");
        })
    };
    let mut acknowledged: Vec<f64> = Vec::new();
    let started = Instant::now();
    for n in 1u32.. {
        let sent = client
            .post(&form_url)
            .form(&[
                ("csrf", csrf.as_str()),
                ("version", &version.to_string()),
                (numerator.as_str(), &n.to_string()),
                (denominator.as_str(), "1000"),
                ("hanh-dong", "luu"),
            ])
            .send()
            .await;
        match sent {
            Ok(answer) if answer.status().is_redirection() => {
                acknowledged.push(f64::from(n));
                version += 1;
                acked.store(acknowledged.len(), Ordering::SeqCst);
            }
            Ok(answer) => panic!("save {n} refused: {}", answer.status()),
            Err(_) => break,
        }
        assert!(started.elapsed() < Duration::from_secs(90), "the stream never ended");
    }
    killer.join().expect("killer");
    let _ = server.0.wait();
    assert!(acknowledged.len() >= 20, "the server was killed after {} saves", acknowledged.len());

    // Restarted over the same file: every acknowledged value is there, in order.
    let port = free_port();
    let _restarted = start(&db, "serve", port);
    let store = chitieu_store::connect(&format!("sqlite:{}", db.display())).await.expect("store opens");
    let stored = numerators(&store.value_history(&report_key).await.expect("history"));
    assert!(
        stored.len() >= before + acknowledged.len(),
        "{} stored, {before} before + {} acknowledged",
        stored.len(),
        acknowledged.len()
    );
    assert_eq!(
        &stored[before..before + acknowledged.len()],
        acknowledged.as_slice(),
        "every acknowledged save, in order"
    );
    let backup = dir.path().join("check.db");
    store.backup(&backup).await.expect("the database reads whole (VACUUM INTO)");
    let client = signed_in(&format!("http://127.0.0.1:{port}")).await;
    let page =
        client.get(format!("http://127.0.0.1:{port}/bao-cao/5/2026-Q3")).send().await.expect("form after restart");
    assert_eq!(page.status(), reqwest::StatusCode::OK);
}

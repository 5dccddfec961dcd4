//! Black-box tests of `chitieu user` and `chitieu demo`, run as a user runs them.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::command::chitieu_on;

fn chitieu(db: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = chitieu_on(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("finishes")
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn an_administrator_adds_lists_and_resets_accounts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("users.db");
    stdout(&chitieu(&db, &["orgs", "import", "--builtin"], ""));
    let add = [
        "user",
        "add",
        "baocao",
        "--name",
        "Cán bộ xã",
        "--role",
        "reporter",
        "--org",
        "Văn phòng HĐND - UBND",
        "--under",
        "Xã Gia Viễn (mẫu)",
    ];
    assert!(stdout(&chitieu(&db, &add, "mật khẩu dài\n")).contains("baocao"));
    let list = stdout(&chitieu(&db, &["user", "list"], ""));
    assert!(list.contains("baocao") && list.contains("reporter") && list.contains("Văn phòng HĐND - UBND"), "{list}");

    let duplicate = chitieu(&db, &add, "mật khẩu dài\n");
    assert!(!duplicate.status.success());
    let short = chitieu(&db, &["user", "passwd", "baocao"], "ngắn\n");
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 8 characters"));
    assert!(stdout(&chitieu(&db, &["user", "passwd", "baocao"], "mật khẩu mới dài\n")).contains("baocao"));
    assert!(!chitieu(&db, &["user", "passwd", "khongco"], "mật khẩu mới dài\n").status.success());
}

#[test]
fn the_demo_refuses_to_wipe_a_database_not_named_as_a_demo() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = chitieu(&dir.path().join("chitieu.db"), &["demo", "--listen", "127.0.0.1:0"], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("contains \"demo\""));
}

#[test]
fn the_demo_serves_the_seed_plans_and_prints_its_accounts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("chitieu-demo.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_chitieu"))
        .args(["demo", "--listen", "127.0.0.1:0", "--db"])
        .arg(format!("sqlite:{}", db.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("runs");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut printed = Vec::new();
    let address = loop {
        let line = lines.next().expect("the demo prints its address").expect("line");
        printed.push(line.clone());
        if let Some(rest) = line.strip_prefix("chitieu demo: http://") {
            break rest.split('/').next().expect("address").to_owned();
        }
    };
    assert_eq!(printed.iter().filter(|l| l.contains("kế hoạch")).count(), 5, "{printed:?}");
    let accounts: Vec<String> = lines.by_ref().take(12).map_while(Result::ok).collect();
    for user in ["admin", "lanhdao", "giamsat", "baocao", "duyet"] {
        assert!(accounts.iter().any(|l| l.contains(user) && l.contains("chitieu-demo")), "{user} in {accounts:?}");
    }
    let mut stream = std::net::TcpStream::connect(&address).expect("connect");
    write!(stream, "GET /dang-nhap HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").expect("request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("response");
    child.kill().expect("stop the demo");
    let _ = child.wait();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("Đăng nhập"));
}

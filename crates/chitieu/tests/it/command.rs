//! Running the `chitieu` binary as a user does, written once for every test here: the command
//! on a SQLite database from the workspace root, its JSON output, free ports, and servers that
//! are killed when the test ends.

use std::path::Path;
use std::process::{Child, Command, Output};
use std::time::{Duration, Instant};

/// The workspace root: where `fixtures/` and `scripts/` live, and where the commands run.
pub const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// `chitieu --db sqlite:<db>`, run from the workspace root; add the subcommand's arguments.
pub fn chitieu_on(db: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_chitieu"));
    command.arg("--db").arg(format!("sqlite:{}", db.display())).current_dir(ROOT);
    command
}

/// The JSON a command printed on stdout.
pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// A child process killed when the test ends, however it ends.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits until something listens on `port` of 127.0.0.1; fails the test after `limit`.
pub fn wait_for_port(port: u16, what: &str, limit: Duration) {
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < limit, "{what} did not open port {port} within {} s", limit.as_secs());
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("address").port()
}

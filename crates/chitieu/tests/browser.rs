//! The real product in a real browser: `chitieu demo` started as a process, driven by headless
//! Chromium through ChromeDriver (Debian's packages; `scripts/install-chromium` installs them
//! when missing). Screenshots land in `target/screenshots/` for people to look at.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const PASSWORD: &str = "chitieu-demo";

/// A child process killed when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Chromium and ChromeDriver, installed by the project's script when missing.
fn browser_binaries() -> (PathBuf, PathBuf) {
    let find = |name: &str| {
        std::env::var_os("PATH")
            .and_then(|path| std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| p.is_file()))
    };
    if find("chromium").is_none() || find("chromedriver").is_none() {
        let status = Command::new("bash").arg(Path::new(ROOT).join("scripts/install-chromium")).status();
        assert!(
            status.is_ok_and(|s| s.success()),
            "Chromium is missing and scripts/install-chromium could not install it (apt-get install chromium chromium-driver)"
        );
    }
    (find("chromium").expect("chromium on PATH"), find("chromedriver").expect("chromedriver on PATH"))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("address").port()
}

fn wait_for_port(port: u16, what: &str) {
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < Duration::from_secs(30), "{what} did not open port {port} within 30 s");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `chitieu demo` on a fresh demo database; returns the process and the app's address.
fn start_demo(dir: &Path) -> (Running, String) {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_chitieu"))
        .args(["--db", &format!("sqlite:{}", dir.join("browser-demo.db").display())])
        .args(["demo", "--listen", &format!("127.0.0.1:{port}")])
        .current_dir(ROOT)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("chitieu demo starts");
    let stdout = child.stdout.take().expect("stdout");
    let running = Running(child);
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines.next().expect("the demo prints its address").expect("a line");
        if let Some(at) = line.find("http://") {
            break line[at..].split_whitespace().next().expect("address").trim_end_matches('/').to_owned();
        }
    };
    std::thread::spawn(move || lines.for_each(drop));
    wait_for_port(port, "chitieu demo");
    (running, address)
}

async fn chromium(chromium: &Path, driver_port: u16, profile: &Path) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1400,1000", format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{driver_port}"))
        .await
        .expect("ChromeDriver session")
}

async fn sign_in(client: &Client, base: &str, username: &str) {
    client.goto(&format!("{base}/dang-nhap")).await.expect("sign-in page");
    client
        .find(Locator::Css("input[name=username]"))
        .await
        .expect("user field")
        .send_keys(username)
        .await
        .expect("type");
    client
        .find(Locator::Css("input[name=password]"))
        .await
        .expect("password field")
        .send_keys(PASSWORD)
        .await
        .expect("type");
    client.find(Locator::Css("form button[type=submit]")).await.expect("submit button").click().await.expect("submit");
    client.wait().for_element(Locator::Css("main")).await.expect("a page after sign-in");
}

async fn screenshot(client: &Client, name: &str) -> PathBuf {
    let dir = Path::new(ROOT).join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    let png = client.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    let path = dir.join(name);
    std::fs::write(&path, png).expect("write screenshot");
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_signs_in_and_reads_a_plan_in_chromium() {
    let (chromium_path, chromedriver) = browser_binaries();
    let dir = tempfile::tempdir().expect("temp dir");
    let (_demo, base) = start_demo(dir.path());
    let driver_port = free_port();
    let _driver = Running(
        Command::new(chromedriver)
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    wait_for_port(driver_port, "chromedriver");
    let client = chromium(&chromium_path, driver_port, &dir.path().join("profile")).await;

    sign_in(&client, &base, "baocao").await;
    let url = client.current_url().await.expect("url");
    assert!(url.path().starts_with("/ke-hoach") || url.path().starts_with("/viec-cua-toi"), "{url}");
    client.goto(&format!("{base}/ke-hoach")).await.expect("plans");
    let plans = client.source().await.expect("plans page");
    assert!(plans.contains("Phân công phụ trách theo dõi"), "the seed plans are listed");
    client.goto(&format!("{base}/ke-hoach/1")).await.expect("plan 1");
    let page = client.source().await.expect("plan page");
    assert!(page.contains("Tỷ lệ phủ sóng 5G trên dân số"));
    assert!(page.contains("≥ 70%") && page.contains("Tháng 12/2026"));
    let shot = screenshot(&client, "plan-000.png").await;
    assert!(std::fs::metadata(shot).expect("screenshot").len() > 10_000);
    client.close().await.expect("close");
}

//! The real product in a real browser: `chitieu demo` started as a process, driven by headless
//! Chromium through ChromeDriver (Debian's packages; `scripts/install-chromium` installs them
//! when missing). Screenshots land in `target/screenshots/` for people to look at.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

use crate::command::{ROOT, Running, free_port, wait_for_port};

const PASSWORD: &str = "chitieu-demo";

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
    wait_for_port(port, "chitieu demo", Duration::from_secs(30));
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
    wait_until(client, "signed in", |url, _| !url.contains("/dang-nhap")).await;
}

/// Polls the page until `done(url, source)` holds (a navigation finished), for at most 15 s.
async fn wait_until(client: &Client, what: &str, done: impl Fn(&str, &str) -> bool) {
    let started = Instant::now();
    loop {
        let url = client.current_url().await.expect("url").to_string();
        let source = client.source().await.unwrap_or_default();
        if done(&url, &source) {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(15), "{what}: still at {url}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The report version the form on the page was read at.
async fn form_version(client: &Client) -> String {
    let field = client.find(Locator::Css("input[name=version]")).await.expect("version field");
    field.attr("value").await.expect("attribute").expect("a version")
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
async fn a_commune_reports_and_its_monitor_approves_in_chromium() {
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
    wait_for_port(driver_port, "chromedriver", Duration::from_secs(30));
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

    // The commune reporter fills the third-quarter report of the commune's programme (seed 004)
    // and saves it; the office's head submits it; the commune's monitor approves it.
    let form = format!("{base}/bao-cao/5/2026-Q3");
    client.goto(&form).await.expect("report form");
    let ratio = client.find(Locator::Css("input[name^='tu|']")).await.expect("a ratio line");
    let field = ratio.attr("name").await.expect("attribute").expect("a name");
    let key = field.trim_start_matches("tu|").to_owned();
    ratio.clear().await.expect("clear");
    ratio.send_keys("917").await.expect("numerator");
    let denominator = client.find(Locator::Css(&format!("input[name='mau|{key}']"))).await.expect("denominator");
    denominator.clear().await.expect("clear");
    denominator.send_keys("1000").await.expect("denominator");
    let read = form_version(&client).await;
    client.find(Locator::Css("button[value=luu]")).await.expect("save button").click().await.expect("save");
    let unchanged = format!("name=\"version\" value=\"{read}\"");
    wait_until(&client, "saved", |_, page| page.contains("name=\"version\"") && !page.contains(&unchanged)).await;
    let saved = client.source().await.expect("form after save");
    assert!(saved.contains("91,7"), "the ratio shows as a percentage with a decimal comma");
    screenshot(&client, "report-saved.png").await;
    sign_out(&client, &base).await;

    sign_in(&client, &base, "duyet").await;
    client.goto(&form).await.expect("report form");
    client.find(Locator::Css("button[value=gui]")).await.expect("submit button").click().await.expect("submit");
    wait_until(&client, "submitted", |_, page| page.contains("Đã gửi")).await;
    sign_out(&client, &base).await;

    sign_in(&client, &base, "giamsatxa").await;
    client.goto(&format!("{base}/duyet")).await.expect("review queue");
    let queue = client.source().await.expect("queue");
    assert!(queue.contains("MỤC TIÊU CỤ THỂ"), "the commune's report waits for review");
    screenshot(&client, "review-queue.png").await;
    // The demo's history leaves other reports waiting too: act on the office's row only.
    let row = "//tr[td[contains(., 'Văn phòng HĐND - UBND')] and .//a[starts-with(@href, '/bao-cao/5/2026-Q3')]]";
    let link = client
        .find(Locator::XPath(&format!("{row}//a[starts-with(@href, '/bao-cao/5/2026-Q3')]")))
        .await
        .expect("the report's link");
    let report = link.attr("href").await.expect("attribute").expect("href");
    let approve = client.find(Locator::XPath(&format!("{row}//button[@value='duyet']"))).await.expect("approve button");
    approve.click().await.expect("approve");
    let waiting = format!("href=\"{report}\"");
    wait_until(&client, "approved", |url, page| url.ends_with("/duyet") && !page.contains(&waiting)).await;
    client.goto(&format!("{base}{report}")).await.expect("the approved report");
    wait_until(&client, "the report is approved", |_, page| page.contains("Đã duyệt")).await;
    screenshot(&client, "report-approved.png").await;
    client.close().await.expect("close");
}

async fn sign_out(client: &Client, base: &str) {
    client.goto(&format!("{base}/ke-hoach")).await.expect("a page with the sign-out button");
    client
        .find(Locator::Css("form[action='/dang-xuat'] button"))
        .await
        .expect("sign-out")
        .click()
        .await
        .expect("sign out");
    wait_until(client, "signed out", |url, _| url.contains("/dang-nhap")).await;
}

/// Runs ChromeDriver on a free port and opens a Chromium session with its profile in `dir`.
async fn chromium_session(dir: &Path) -> (Running, Client) {
    let (chromium_path, chromedriver) = browser_binaries();
    let driver_port = free_port();
    let driver = Running(
        Command::new(chromedriver)
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    wait_for_port(driver_port, "chromedriver", Duration::from_secs(30));
    (driver, chromium(&chromium_path, driver_port, &dir.join("profile")).await)
}

/// Polls until Chart.js has drawn every chart of the page (each figure marked by charts.js,
/// each canvas of non-zero size); returns how many there are.
async fn charts_drawn(client: &Client, what: &str) -> u64 {
    let script = "const figures = [...document.querySelectorAll('figure.chart')];
        const drawn = figures.filter(f => f.dataset.drawn === '1'
            && f.querySelector('canvas').width > 0 && f.querySelector('canvas').height > 0);
        return [figures.length, drawn.length];";
    let started = Instant::now();
    loop {
        let counts = client.execute(script, vec![]).await.expect("script");
        let (all, drawn) = (counts[0].as_u64().unwrap_or(0), counts[1].as_u64().unwrap_or(0));
        if all > 0 && all == drawn {
            return all;
        }
        assert!(started.elapsed() < Duration::from_secs(15), "{what}: {drawn} of {all} charts drawn");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_overview_and_the_heat_map_of_the_demo_draw_in_chromium() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_demo, base) = start_demo(dir.path());
    let (_driver, client) = chromium_session(dir.path()).await;
    sign_in(&client, &base, "lanhdao").await;

    // The commune's programme (seed 004) in the first quarter: its office's report came late.
    client.goto(&format!("{base}/tong-quan/5?ky=2026-Q1")).await.expect("overview");
    assert_eq!(charts_drawn(&client, "the overview").await, 1, "the status chart");
    let table = client.find(Locator::Css("table.counts")).await.expect("the chart's table");
    assert!(table.text().await.expect("text").contains("Tổng cộng"), "the table fallback holds the totals");
    let laggards = client.find(Locator::Css("table.laggards")).await.expect("laggards").text().await.expect("text");
    assert!(laggards.contains("Văn phòng HĐND - UBND"), "the late office is among the laggards");
    let shot = screenshot(&client, "overview.png").await;
    assert!(std::fs::metadata(shot).expect("screenshot").len() > 10_000);

    client.goto(&format!("{base}/ban-do-nhiet/5?ky=2026-Q1")).await.expect("heat map");
    let cells = client.find_all(Locator::Css("table.heatmap td[class^='hm-']")).await.expect("cells");
    assert!(cells.len() > 10, "coloured cells: {}", cells.len());
    assert!(cells[0].text().await.expect("text").chars().any(char::is_alphabetic), "a cell says its status");
    screenshot(&client, "heatmap.png").await;

    // Choosing a section swaps the table (htmx) and keeps the choice in the address.
    let section = client.find(Locator::Css("select[name=muc]")).await.expect("section filter");
    section.select_by_value("II").await.expect("choose section II");
    wait_until(&client, "filtered by section", |url, page| url.contains("muc=II") && !page.contains(">I.1</a>")).await;
    let headers = client.find_all(Locator::Css("table.heatmap thead th a")).await.expect("column heads");
    for header in headers {
        assert!(header.text().await.expect("text").starts_with("II."), "only section II's columns");
    }
    client.close().await.expect("close");
}

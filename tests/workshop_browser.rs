//! The workshop room in real browsers: headless Chromium driven through WebDriver
//! (Debian's `chromium` and `chromium-driver`). Two teams join from two browsers, lock, the
//! coach resolves from a third, each team's page shows its review with its charts drawn, and
//! so on to both teams' debriefs and reports, with nothing on any console.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use super::workshop::Server;
use crate::support::scratch;

/// chromedriver on a free loopback port; killed when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

async fn start_driver() -> Driver {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let url = format!("http://127.0.0.1:{port}");
    let start = Instant::now();
    while reqwest::get(format!("{url}/status")).await.is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "chromedriver did not start"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Driver { child, url }
}

/// A new browser (its own profile: another device), 1280×900.
async fn browser(driver: &Driver) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic",
            ],
        }),
    );
    caps.insert("goog:loggingPrefs".into(), json!({"browser": "ALL"}));
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a browser session")
}

/// chromedriver's console log of a session (`POST /session/{id}/se/log`).
#[derive(Debug)]
struct ConsoleLog;

impl WebDriverCompatibleCommand for ConsoleLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({"type": "browser"}).to_string()),
        )
    }
}

async fn console(b: &Client) -> Vec<Value> {
    match b.issue_cmd(ConsoleLog).await.expect("the console log") {
        Value::Array(entries) => entries,
        other => panic!("unexpected log: {other}"),
    }
}

/// Wait until `script` returns true in `b`.
async fn until(b: &Client, script: &str, what: &str) {
    let start = Instant::now();
    loop {
        if b.execute(script, vec![]).await.expect("the script runs") == json!(true) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Click `id` in `b`.
async fn click(b: &Client, id: &str) {
    b.find(Locator::Id(id))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// A team presses "Lock decisions" and sees its lock.
async fn lock(b: &Client) {
    click(b, "lock").await;
    until(
        b,
        "return document.getElementById('locked-line').textContent.length > 0",
        "the lock",
    )
    .await;
}

/// The coach waits for every team's lock and resolves the quarter.
async fn resolve(coach: &Client) {
    until(
        coach,
        "return !document.getElementById('resolve').disabled",
        "every team locked",
    )
    .await;
    click(coach, "resolve").await;
}

async fn join(b: &Client, server: &Server, team: &str, lang: &str) {
    b.goto(&format!("{}/?room={}", server.base, server.code))
        .await
        .unwrap();
    let name = b
        .wait()
        .for_element(Locator::Id("join-team"))
        .await
        .unwrap();
    name.send_keys(team).await.unwrap();
    b.find(Locator::Id("join-lang"))
        .await
        .unwrap()
        .select_by_value(lang)
        .await
        .unwrap();
    click(b, "join-button").await;
    until(b, "return !document.getElementById('play').hidden && document.querySelectorAll('#levers select, #levers input').length > 0", "the decisions form").await;
}

/// Save `png` to `path` and check that it is a picture, not a blank page: many colours.
fn check_screenshot(png: &[u8], path: &Path) {
    std::fs::write(path, png).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let step = info.color_type.samples();
    let colours: std::collections::HashSet<&[u8]> = pixels[..info.buffer_size()]
        .chunks(step)
        .step_by(7)
        .collect();
    assert!(
        colours.len() > 50,
        "{} looks blank ({} colours)",
        path.display(),
        colours.len()
    );
}

fn screens() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("workshop-screens");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_teams_play_the_year_to_their_debriefs_in_headless_chromium() {
    if !installed("chromium") || !installed("chromedriver") {
        assert!(
            std::env::var_os("SALESIM_REQUIRE_CHROMIUM").is_none(),
            "SALESIM_REQUIRE_CHROMIUM is set but chromium or chromedriver is missing"
        );
        eprintln!("skipped: no chromium/chromedriver (apt-get install chromium chromium-driver)");
        return;
    }
    let dir = scratch("workshop_browser");
    let server = Server::start(&dir, &["--challenge", "sla_alignment"]);
    let driver = start_driver().await;
    let (blue, red, coach) = (
        browser(&driver).await,
        browser(&driver).await,
        browser(&driver).await,
    );

    join(&blue, &server, "Blue", "en").await;
    join(&red, &server, "Rouge", "fr").await;
    // Blue shares its KPIs; Rouge keeps everything as it is. Both lock.
    let kpis = blue
        .find(Locator::Css("input[name=shared_kpis]"))
        .await
        .unwrap();
    kpis.clear().await.unwrap();
    kpis.send_keys("1").await.unwrap();
    for b in [&blue, &red] {
        lock(b).await;
    }
    coach
        .goto(&format!("{}/coach#{}", server.base, server.coach))
        .await
        .unwrap();
    resolve(&coach).await;

    let out = screens();
    for (b, team, file) in [(&blue, "Blue", "team-blue"), (&red, "Rouge", "team-rouge")] {
        // The review arrives by the websocket: no reload.
        until(
            b,
            "return document.querySelectorAll('#reviews svg.chart').length === 2",
            "the review's charts",
        )
        .await;
        let drawn = b
            .execute(
                "return [...document.querySelectorAll('#reviews svg.chart')].filter(c => c.querySelectorAll('path, polyline, rect').length > 2).length",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(drawn, json!(2), "{team}: both charts have marks");
        assert_eq!(
            b.find(Locator::Id("team-name"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap(),
            team
        );
        let page = b
            .find(Locator::Css("body"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Q1"), "{team}: {page:.500}");
        let decided = b
            .find(Locator::Id("reviews"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(
            decided.contains("shared_kpis"),
            team == "Blue",
            "{team} sees only its decisions"
        );
        // The page as it opens (the next quarter's decisions), then scrolled to the review.
        b.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
        check_screenshot(
            &b.screenshot().await.unwrap(),
            &out.join(format!("{file}-top.png")),
        );
        b.execute(
            "document.getElementById('reviews').scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
        check_screenshot(
            &b.screenshot().await.unwrap(),
            &out.join(format!("{file}-review.png")),
        );
    }
    // A refresh finds the same team and its review (the token kept in the browser).
    red.refresh().await.unwrap();
    until(
        &red,
        "return document.getElementById('team-name').textContent === 'Rouge' && document.querySelectorAll('#reviews svg.chart').length === 2",
        "the same team after a refresh",
    )
    .await;
    assert!(
        red.find(Locator::Css("html"))
            .await
            .unwrap()
            .attr("lang")
            .await
            .unwrap()
            == Some("fr".into())
    );
    let french = red
        .find(Locator::Id("decide-title"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(french.contains("trimestre 2"), "{french}");
    until(
        &coach,
        "return document.querySelectorAll('#team-cards svg.chart').length === 4",
        "the coach's team cards",
    )
    .await;
    check_screenshot(&coach.screenshot().await.unwrap(), &out.join("coach.png"));

    // The rest of the year, to the debrief: each team locks, the coach resolves.
    for q in 2..=4 {
        for b in [&blue, &red] {
            let ready = format!(
                "return !document.getElementById('lock').hidden && document.getElementById('decide-title').textContent.endsWith(' {q}')"
            );
            until(b, &ready, "the next quarter's form").await;
            lock(b).await;
        }
        resolve(&coach).await;
    }
    for b in [&blue, &red] {
        until(
            b,
            "return document.querySelector('#debrief .score') !== null && !document.getElementById('report-link').hidden",
            "the debrief",
        )
        .await;
    }
    let debrief = blue
        .find(Locator::Id("debrief"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        debrief.contains("Blue") && debrief.contains("Align the teams"),
        "{debrief:.800}"
    );
    blue.execute(
        "document.getElementById('debrief').scrollIntoView()",
        vec![],
    )
    .await
    .unwrap();
    check_screenshot(
        &blue.screenshot().await.unwrap(),
        &out.join("team-blue-debrief.png"),
    );
    let report = blue
        .find(Locator::Id("report-link"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    let page = reqwest::get(format!("{}{report}", server.base))
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Blue"));
    until(
        &coach,
        "return !document.getElementById('report-link').hidden",
        "the workshop report",
    )
    .await;
    for (b, who) in [(&blue, "Blue"), (&red, "Rouge"), (&coach, "coach")] {
        let log = console(b).await;
        assert!(log.is_empty(), "{who}'s console: {log:#?}");
    }
    for b in [blue, red, coach] {
        b.close().await.unwrap();
    }
}

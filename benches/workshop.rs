//! The workshop room under a full room's load: 15 teams, 100 browsers connected by
//! websocket (6 or 7 per team), a challenge played quarter by quarter. For each quarter,
//! every team locks, the coach resolves, and each browser fetches its team's page once the
//! room tells it of the change; measured: from the coach's "resolve" to each browser
//! holding its new review (p50, p99, max), and the resolution itself.
//!
//! Run: `cargo bench --bench workshop` (see docs/benchmarks.md).

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use serde_json::{Value, json};
use tokio::sync::mpsc;

use salesim::i18n::Language;
use salesim::workshop::{self, Setup, Workshop};

const TEAMS: usize = 15;
const BROWSERS: usize = 100;
const CHALLENGE: &str = "sla_alignment";

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

async fn post(http: &reqwest::Client, url: String, token: &str, body: Value) -> Value {
    let r = http
        .post(url)
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("the server answers");
    assert!(
        r.status().is_success(),
        "{}",
        r.text().await.unwrap_or_default()
    );
    r.json().await.expect("json")
}

/// One browser: on each change the room announces, fetch the team's page; report the
/// moment the review of each quarter is there.
async fn browser(
    base: String,
    token: String,
    id: usize,
    arrived: mpsc::UnboundedSender<(usize, u32, Instant)>,
) {
    let http = reqwest::Client::new();
    let (mut socket, _) = tokio_tungstenite::connect_async(format!(
        "{}/api/events",
        base.replace("http://", "ws://")
    ))
    .await
    .expect("the websocket opens");
    let mut seen = 0u32;
    while let Some(Ok(_)) = socket.next().await {
        let state: Value = http
            .get(format!("{base}/api/team"))
            .bearer_auth(&token)
            .send()
            .await
            .expect("the page loads")
            .json()
            .await
            .expect("json");
        let reviews = state["reviews_html"].as_str().unwrap_or_default();
        while reviews.contains(&format!("<th>Q{}</th>", seen + 1)) {
            seen += 1;
            let _ = arrived.send((id, seen, Instant::now()));
        }
    }
}

fn main() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let setup = Setup {
        challenge: CHALLENGE.into(),
        seed: None,
        lang: Language::English,
        max_teams: TEAMS,
        debrief_seeds: 3,
        practice: false,
    };
    let mut room = workshop::create(&setup).expect("the challenge loads");
    let file = dir.path().join("room.ron");
    salesim::report::write_atomic(&file, workshop::room_text(room.save_file()).as_bytes())
        .expect("saved");
    let code = room.file.code.clone();
    let coach = room.file.coach_token.clone();
    let quarters = room.challenge.quarters;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let base = format!("http://{}", listener.local_addr().expect("bound"));
        let w: Arc<Workshop> = Workshop::new(room, file, json!({}));
        tokio::spawn(workshop::server::serve(listener, w, std::future::pending()));
        let http = reqwest::Client::new();
        let mut tokens = Vec::new();
        for t in 0..TEAMS {
            let joined = post(&http, format!("{base}/api/join"), "", json!({"code": code, "team": format!("Team {t}")})).await;
            tokens.push(joined["token"].as_str().expect("a token").to_owned());
        }
        let (tx, mut rx) = mpsc::unbounded_channel();
        for id in 0..BROWSERS {
            tokio::spawn(browser(base.clone(), tokens[id % TEAMS].clone(), id, tx.clone()));
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        println!("workshop room: {TEAMS} teams, {BROWSERS} browsers on websockets, challenge {CHALLENGE}");
        let mut all = Vec::new();
        for q in 1..=quarters {
            for (t, token) in tokens.iter().enumerate() {
                // Half the teams share their KPIs in quarter 1; the others change nothing.
                let decisions = if q == 1 && t % 2 == 0 { json!([{"lever": "shared_kpis", "value": "1"}]) } else { json!([]) };
                post(&http, format!("{base}/api/team/decisions"), token, json!({"decisions": decisions, "lock": true})).await;
            }
            // Let the browsers settle after the locks' own updates.
            tokio::time::sleep(Duration::from_millis(500)).await;
            let start = Instant::now();
            post(&http, format!("{base}/api/coach/resolve"), &coach, json!({})).await;
            let resolved = start.elapsed().as_secs_f64() * 1000.0;
            let mut latencies = Vec::new();
            while latencies.len() < BROWSERS {
                let (_, quarter, at) = tokio::time::timeout(Duration::from_secs(30), rx.recv())
                    .await
                    .expect("every browser gets its review within 30 s")
                    .expect("browsers running");
                assert_eq!(quarter, q);
                latencies.push(at.duration_since(start).as_secs_f64() * 1000.0);
            }
            latencies.sort_by(f64::total_cmp);
            println!(
                "quarter {q}: resolve {resolved:.1} ms; resolve → review in every browser: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
                percentile(&latencies, 0.5),
                percentile(&latencies, 0.99),
                latencies[latencies.len() - 1]
            );
            all.extend(latencies);
        }
        all.sort_by(f64::total_cmp);
        println!(
            "all quarters ({} reviews): p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            all.len(),
            percentile(&all, 0.5),
            percentile(&all, 0.99),
            all[all.len() - 1]
        );
    });
}

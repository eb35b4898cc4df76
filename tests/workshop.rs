//! The workshop room, driven as the browsers drive it: the real `salesim workshop serve`
//! on an OS-assigned loopback port, real HTTP and websocket clients.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};

use crate::support::{salesim, scratch, stderr};

/// A room served by the `salesim` binary; killed when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The room code.
    pub code: String,
    /// The facilitator's secret.
    pub coach: String,
    /// The room file.
    pub room: PathBuf,
}

impl Server {
    /// `salesim workshop serve --local --port 0 --room DIR/room.ron` and `args`, once it
    /// has printed its addresses.
    pub fn start(dir: &Path, args: &[&str]) -> Server {
        let room = dir.join("room.ron");
        let mut child = Command::new(env!("CARGO_BIN_EXE_salesim"))
            .args([
                "workshop", "serve", "--local", "--port", "0", "--seeds", "3",
            ])
            .args(args)
            .args(if args.contains(&"--resume") {
                vec![]
            } else {
                vec!["--room".to_owned(), room.display().to_string()]
            })
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("salesim starts");
        let mut lines = BufReader::new(child.stdout.take().expect("piped")).lines();
        let (mut base, mut code, mut coach) = (None, None, None);
        for line in lines.by_ref() {
            let line = line.expect("utf-8 output");
            if let Some(url) = line.strip_prefix("Teams join at: ") {
                let (b, c) = url.split_once("/?room=").expect("the join address");
                base = Some(b.to_owned());
                code = Some(c.to_owned());
            }
            if let Some((_, secret)) = line.split_once("/coach#") {
                coach = Some(secret.to_owned());
            }
            if line.starts_with("Stop with Ctrl-C") {
                break;
            }
        }
        // Keep reading so that the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server {
            child,
            base: base.expect("the server printed its address"),
            code: code.expect("a room code"),
            coach: coach.expect("the facilitator's link"),
            room,
        }
    }

    /// Stop the server as a crash would (SIGKILL), and wait for it.
    pub fn crash(mut self) {
        self.child.kill().expect("kill");
        self.child.wait().expect("wait");
    }

    /// GET `path` with `token`; the status and the JSON body.
    pub async fn get(&self, path: &str, token: &str) -> (u16, Value) {
        let r = reqwest::Client::new()
            .get(format!("{}{path}", self.base))
            .bearer_auth(token)
            .send()
            .await
            .expect("the server answers");
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// POST `body` as JSON to `path` with `token`; the status and the JSON body.
    pub async fn post(&self, path: &str, token: &str, body: Value) -> (u16, Value) {
        let r = reqwest::Client::new()
            .post(format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .expect("the server answers");
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// Join as `team`; its token.
    pub async fn join(&self, team: &str) -> String {
        let (status, body) = self
            .post(
                "/api/join",
                "",
                json!({"code": self.code, "team": team, "lang": "en"}),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        body["token"].as_str().expect("a token").to_owned()
    }

    /// `decisions` (lever, value) for the open round, locked.
    pub async fn lock(&self, token: &str, decisions: &[(&str, &str)]) {
        let ds: Vec<Value> = decisions
            .iter()
            .map(|(l, v)| json!({"lever": l, "value": v}))
            .collect();
        let (status, body) = self
            .post(
                "/api/team/decisions",
                token,
                json!({"decisions": ds, "lock": true}),
            )
            .await;
        assert_eq!(status, 200, "{body}");
    }

    /// The coach resolves the open round (all locked).
    pub async fn resolve(&self) -> Value {
        let (status, body) = self
            .post("/api/coach/resolve", &self.coach, json!({}))
            .await;
        assert_eq!(status, 200, "{body}");
        body
    }

    /// The team's state once its debrief is ready (the year played).
    pub async fn debriefed(&self, token: &str) -> Value {
        let start = Instant::now();
        loop {
            let (_, state) = self.get("/api/team", token).await;
            if state["debrief_html"].is_string() {
                return state;
            }
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "no debrief: {state}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The decisions two teams take in the tests' year (sla_alignment's open levers).
const BLUE: [&[(&str, &str)]; 4] = [
    &[("shared_kpis", "1")],
    &[("crm_discipline", "0.8")],
    &[],
    &[("joint_preparation_hours", "4")],
];
const RED: [&[(&str, &str)]; 4] = [&[], &[("shared_kpis", "0.5")], &[], &[]];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_teams_play_a_whole_challenge_through_http_and_websockets() {
    let dir = scratch("workshop_play");
    let server = Server::start(&dir, &["--challenge", "sla_alignment", "--practice"]);
    let (mut socket, _) = tokio_tungstenite::connect_async(format!(
        "{}/api/events",
        server.base.replace("http://", "ws://")
    ))
    .await
    .expect("the websocket opens");
    let version = |m: tokio_tungstenite::tungstenite::Message| -> u64 {
        serde_json::from_str::<Value>(m.to_text().expect("text")).expect("json")["version"]
            .as_u64()
            .expect("a version")
    };
    let first = version(socket.next().await.expect("a message").expect("ok"));
    let blue = server.join("Blue").await;
    let red = server.join("Red").await;
    // Each join is a change every page hears of.
    assert!(version(socket.next().await.unwrap().unwrap()) > first);

    let (_, state) = server.get("/api/team", &blue).await;
    assert_eq!(state["team"]["name"], "Blue");
    assert_eq!(state["room"]["round"]["kind"], "practice");
    assert!(
        state["levers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["name"] == "shared_kpis")
    );
    assert!(state["briefing"].as_str().unwrap().contains("SLA"));

    // The practice quarter: locks, an unlock and a lock again, the coach resolves.
    server.lock(&blue, &[("shared_kpis", "1")]).await;
    let (status, _) = server.post("/api/team/unlock", &blue, json!({})).await;
    assert_eq!(status, 200);
    let (status, refused) = server
        .post("/api/coach/resolve", &server.coach, json!({}))
        .await;
    assert_eq!(status, 409, "{refused}");
    assert!(refused["error"].as_str().unwrap().contains("Blue, Red"));
    server.lock(&blue, &[("shared_kpis", "1")]).await;
    server.lock(&red, &[]).await;
    assert_eq!(server.resolve().await["round"]["quarter"], 1);
    let (_, state) = server.get("/api/team", &blue).await;
    assert!(
        state["practice_html"]
            .as_str()
            .unwrap()
            .contains("shared_kpis")
    );
    assert!(
        state["reviews_html"].is_null(),
        "the practice does not count"
    );
    assert_eq!(
        state["budget_left"], 150000.0,
        "nor does it spend the budget"
    );

    for q in 0..4 {
        server.lock(&blue, BLUE[q]).await;
        server.lock(&red, RED[q]).await;
        server.resolve().await;
        let (_, state) = server.get("/api/team", &red).await;
        let reviews = state["reviews_html"].as_str().expect("a review");
        assert_eq!(
            reviews.matches("<svg class=\"chart\"").count(),
            2,
            "bookings and culture"
        );
        assert!(reviews.contains(&format!("Q{}", q + 1)));
    }
    let blue_state = server.debriefed(&blue).await;
    let debrief = blue_state["debrief_html"].as_str().unwrap();
    assert!(debrief.contains("Blue") && debrief.contains("<span class=\"score\">"));
    assert!(blue_state["lesson"].is_string());
    assert_eq!(blue_state["room"]["round"]["kind"], "finished");
    let report = reqwest::get(format!("{}/api/team/report?token={blue}", server.base))
        .await
        .unwrap();
    assert_eq!(report.status(), 200);
    assert!(report.text().await.unwrap().contains("Blue"));
    let (status, coach) = server.get("/api/coach", &server.coach).await;
    assert_eq!(status, 200);
    assert_eq!(coach["teams"].as_array().unwrap().len(), 2);
    let start = Instant::now();
    let workshop = loop {
        let r = reqwest::get(format!(
            "{}/api/coach/report?token={}",
            server.base, server.coach
        ))
        .await
        .unwrap();
        if r.status() == 200 {
            break r.text().await.unwrap();
        }
        assert!(start.elapsed() < Duration::from_secs(120));
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(workshop.contains("Blue") && workshop.contains("Red"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_team_cannot_reach_another_teams_decisions_nor_the_facilitator() {
    let dir = scratch("workshop_isolation");
    let server = Server::start(&dir, &["--challenge", "sla_alignment"]);
    let blue = server.join("Blue").await;
    let red = server.join("Red").await;
    server.lock(&blue, &[("crm_discipline", "0.9")]).await;
    let (status, red_view) = server.get("/api/team", &red).await;
    assert_eq!(status, 200);
    let text = red_view.to_string();
    assert!(!text.contains("Blue") && !text.contains("0.9") && !text.contains(&blue));
    for token in ["", "0123456789abcdef0123456789abcdef", &server.code] {
        assert_eq!(server.get("/api/team", token).await.0, 401, "{token}");
    }
    for token in [&blue, &red] {
        assert_eq!(server.get("/api/coach", token).await.0, 403);
        assert_eq!(
            server
                .post("/api/coach/resolve", token, json!({"force": true}))
                .await
                .0,
            403
        );
        assert_eq!(
            server
                .post("/api/coach/countdown", token, json!({"seconds": 60}))
                .await
                .0,
            403
        );
        let r = reqwest::get(format!("{}/api/coach/report?token={token}", server.base))
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
    }
    // What a team typed reaches the facilitator's page escaped.
    server.join("<img src=x onerror=alert(1)>").await;
    let (_, coach) = server.get("/api/coach", &server.coach).await;
    let board = coach["board_html"].as_str().unwrap();
    assert!(
        board.contains("&lt;img src=x") && !board.contains("<img"),
        "{board}"
    );
    // Red's requests move only Red: Blue's lock holds.
    server.lock(&red, &[]).await;
    let (_, red_unlocked) = server.post("/api/team/unlock", &red, json!({})).await;
    assert_eq!(red_unlocked["locked"], false);
    let (_, blue_view) = server.get("/api/team", &blue).await;
    assert_eq!(blue_view["team"]["locked"], true);
    assert_eq!(blue_view["draft"][0]["value"], "0.9");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_get_clear_errors_and_the_server_stays_up() {
    let dir = scratch("workshop_bad");
    let server = Server::start(&dir, &["--challenge", "sla_alignment", "--teams", "2"]);
    let blue = server.join("Blue").await;
    let client = reqwest::Client::new();
    let post_raw = |path: &str, body: Vec<u8>, kind: &str| {
        client
            .post(format!("{}{path}", server.base))
            .bearer_auth(&blue)
            .header("content-type", kind)
            .body(body)
    };
    let r = post_raw(
        "/api/team/decisions",
        b"{\"decisions\": [".to_vec(),
        "application/json",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("error"));
    let r = post_raw("/api/team/decisions", b"{}".to_vec(), "text/plain")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);
    let r = post_raw(
        "/api/team/decisions",
        vec![b' '; 64 * 1024],
        "application/json",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 413);
    let cases: [(Value, &str); 5] = [
        (
            json!([{"lever": "shared_kpi", "value": "1"}]),
            "did you mean `shared_kpis`?",
        ),
        (
            json!([{"lever": "shared_kpis", "value": "7"}]),
            "allowed: 0 to 1",
        ),
        (
            json!([{"lever": "shared_kpis", "value": "1), sellers(90"}]),
            "is not a value for shared_kpis",
        ),
        (
            json!([{"lever": "sellers", "value": "9"}]),
            "not open in quarter 1",
        ),
        (
            json!([{"lever": "shared_kpis", "value": "1"}, {"lever": "shared_kpis", "value": "0"}]),
            "decided twice",
        ),
    ];
    for (decisions, expected) in cases {
        let (status, body) = server
            .post(
                "/api/team/decisions",
                &blue,
                json!({"decisions": decisions}),
            )
            .await;
        assert_eq!(status, 422, "{body}");
        assert!(body["error"].as_str().unwrap().contains(expected), "{body}");
    }
    for (team, expected) in [
        ("", "1 to 40 characters"),
        (&"x".repeat(41) as &str, "1 to 40 characters"),
        ("BLUE", "already joined"),
    ] {
        let (status, body) = server
            .post("/api/join", "", json!({"code": server.code, "team": team}))
            .await;
        assert_eq!(status, 409, "{body}");
        assert!(body["error"].as_str().unwrap().contains(expected), "{body}");
    }
    let (status, _) = server
        .post("/api/join", "", json!({"code": "NOPE", "team": "Red"}))
        .await;
    assert_eq!(status, 403);
    let (status, body) = server
        .post(
            "/api/join",
            "",
            json!({"code": server.code, "team": "Red", "lang": "de"}),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    server.join("Red").await;
    let (status, body) = server
        .post(
            "/api/join",
            "",
            json!({"code": server.code, "team": "Green"}),
        )
        .await;
    assert_eq!(status, 409);
    assert!(body["error"].as_str().unwrap().contains("full"));
    let (status, body) = server
        .post(
            "/api/coach/countdown",
            &server.coach,
            json!({"seconds": 999_999}),
        )
        .await;
    assert_eq!(status, 422);
    assert!(body["error"].as_str().unwrap().contains("allowed: 0 to"));
    assert_eq!(server.get("/nowhere", "").await.0, 404);
    // A websocket flooded with a large message is closed; the room goes on.
    let (mut socket, _) = tokio_tungstenite::connect_async(format!(
        "{}/api/events",
        server.base.replace("http://", "ws://")
    ))
    .await
    .expect("the websocket opens");
    socket.next().await.expect("the version").expect("ok");
    let _ = socket
        .send(tokio_tungstenite::tungstenite::Message::Text(
            "x".repeat(64 * 1024).into(),
        ))
        .await;
    let closed = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match socket.next().await {
                None | Some(Err(_)) => return true,
                Some(Ok(m)) if m.is_close() => return true,
                Some(Ok(_)) => {}
            }
        }
    })
    .await;
    assert_eq!(closed, Ok(true), "the flooding socket is closed");
    // Still serving.
    let page = reqwest::get(format!("{}/", server.base)).await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(
        page.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'self'")
    );
}

/// Every team's reviews, as the room shows them.
async fn reviews(server: &Server, tokens: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for t in tokens {
        let (_, s) = server.get("/api/team", t).await;
        out.push(s["reviews_html"].as_str().unwrap_or_default().to_owned());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crashed_room_resumes_with_every_team_decision_and_lock_and_the_same_results() {
    // One room played without a stop...
    let dir = scratch("workshop_straight");
    let straight = Server::start(&dir, &["--challenge", "sla_alignment", "--seed", "7"]);
    let (b, r) = (straight.join("Blue").await, straight.join("Red").await);
    for q in 0..4 {
        straight.lock(&b, BLUE[q]).await;
        straight.lock(&r, RED[q]).await;
        straight.resolve().await;
    }
    let expected = reviews(&straight, &[&b, &r]).await;
    drop(straight);

    // ...and the same room killed twice: after a resolution with one team locked for the
    // next quarter, and right after a join.
    let dir = scratch("workshop_crash");
    let first = Server::start(&dir, &["--challenge", "sla_alignment", "--seed", "7"]);
    let room = first.room.clone();
    let b = first.join("Blue").await;
    first.crash();
    let resume = ["--resume", room.to_str().unwrap()];
    let second = Server::start(&dir, &resume);
    let r = second.join("Red").await;
    second.lock(&b, BLUE[0]).await;
    second.lock(&r, RED[0]).await;
    second.resolve().await;
    second.lock(&b, BLUE[1]).await;
    let (_, red_draft) = second
        .post(
            "/api/team/decisions",
            &r,
            json!({"decisions": [{"lever": "shared_kpis", "value": "0.5"}]}),
        )
        .await;
    assert_eq!(red_draft["locked"], false);
    let code = second.code.clone();
    second.crash();

    let third = Server::start(&dir, &resume);
    assert_eq!(third.code, code, "the room keeps its code");
    let (_, blue) = third.get("/api/team", &b).await;
    assert_eq!(blue["team"]["locked"], true, "Blue's lock survived");
    assert_eq!(blue["draft"][0]["lever"], "crm_discipline");
    let (_, red) = third.get("/api/team", &r).await;
    assert_eq!(
        (
            red["team"]["locked"].clone(),
            red["draft"][0]["value"].clone()
        ),
        (json!(false), json!("0.5"))
    );
    assert_eq!(red["room"]["round"]["quarter"], 2);
    assert_eq!(
        red["draft_cost"], 20000.0,
        "half of shared_kpis at 40,000 a unit"
    );
    third.lock(&r, RED[1]).await;
    third.resolve().await;
    for q in 2..4 {
        third.lock(&b, BLUE[q]).await;
        third.lock(&r, RED[q]).await;
        third.resolve().await;
    }
    assert_eq!(
        reviews(&third, &[&b, &r]).await,
        expected,
        "the same year, byte for byte"
    );
}

#[test]
fn a_room_file_is_never_overwritten_and_a_broken_one_is_located() {
    let dir = scratch("workshop_files");
    let room = dir.join("room.ron");
    std::fs::write(&room, "(challenge: \"sla_alignment\", seed: 1,, )").unwrap();
    let o = salesim(&[
        "workshop",
        "serve",
        "--challenge",
        "sla_alignment",
        "--local",
        "--port",
        "0",
        "--room",
        room.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    let o = salesim(&[
        "workshop",
        "serve",
        "--local",
        "--port",
        "0",
        "--resume",
        room.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("room.ron:1:"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&room).unwrap(),
        "(challenge: \"sla_alignment\", seed: 1,, )"
    );
    let o = salesim(&[
        "workshop",
        "serve",
        "--challenge",
        "no_such",
        "--local",
        "--port",
        "0",
        "--room",
        dir.join("new.ron").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.join("new.ron").exists());
}

//! The room's web server (axum on tokio): the pages and their scripts from the binary, a
//! JSON API for teams and for the coach, and a websocket that tells every open page when
//! the room changed (each page then fetches its own view). Every change is saved to the
//! room file, atomically, before anyone is told of it.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::rejection::JsonRejection;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value as Json_, json};
use tokio::sync::{Mutex, watch};

use super::room::{Room, RoomError, Round, decision_from};
use super::views::{self, DebriefProgress};
use crate::challenge::html;
use crate::i18n::Language;
use crate::report::write_atomic;

/// Largest request body accepted (a quarter's decisions take well under 2 KiB).
pub const MAX_BODY_BYTES: usize = 16 * 1024;
/// Longest countdown a coach may set, in seconds.
pub const MAX_COUNTDOWN_S: u64 = 3 * 3600;

/// A room being served: its state, where it is saved, and the change counter pages watch.
pub struct Workshop {
    room: Arc<Mutex<Room>>,
    file: PathBuf,
    version: watch::Sender<u64>,
    debrief_done: AtomicU64,
    debrief_total: AtomicU64,
    join: Json_,
}

/// A refusal as the pages read it: a status and `{"error": message}`.
struct Failure(StatusCode, String);

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (self.0, Json(json!({"error": self.1}))).into_response()
    }
}

impl From<RoomError> for Failure {
    fn from(e: RoomError) -> Failure {
        match e {
            // A page shows the CLI's messages without the decisions file's paths.
            RoomError::Decisions(errors) => Failure(
                StatusCode::UNPROCESSABLE_ENTITY,
                errors
                    .iter()
                    .map(|e| e.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            RoomError::Refused(message) => Failure(StatusCode::CONFLICT, message),
        }
    }
}

impl From<JsonRejection> for Failure {
    fn from(e: JsonRejection) -> Failure {
        Failure(e.status(), e.body_text())
    }
}

type Reply = Result<Json<Json_>, Failure>;

/// Seconds since the Unix epoch (countdowns).
pub fn now_s() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A fresh secret: 128 random bits from the operating system, in hex.
pub fn new_token() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system gives random bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A room code: six characters that read aloud without confusion (no 0/O, 1/I/L).
pub fn new_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 6];
    getrandom::fill(&mut bytes).expect("the operating system gives random bytes");
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

fn bearer(headers: &HeaderMap) -> &str {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("")
}

fn unknown_team() -> Failure {
    Failure(
        StatusCode::UNAUTHORIZED,
        "this browser's team is not in this room; join again with the room code".into(),
    )
}

fn not_coach() -> Failure {
    Failure(
        StatusCode::FORBIDDEN,
        "the facilitator's page needs its own link".into(),
    )
}

impl Workshop {
    /// Serve `room`, saved to `file` (already written once).
    pub fn new(room: Room, file: PathBuf, join: Json_) -> Arc<Workshop> {
        let finished = room.round() == Round::Finished;
        let w = Arc::new(Workshop {
            room: Arc::new(Mutex::new(room)),
            file,
            version: watch::channel(0).0,
            debrief_done: AtomicU64::new(0),
            debrief_total: AtomicU64::new(0),
            join,
        });
        if finished {
            w.clone().start_debriefs();
        }
        w
    }

    /// The address teams join at.
    pub fn join_url(&self) -> &str {
        self.join["url"].as_str().unwrap_or_default()
    }

    /// The room's version: it grows at every change.
    pub fn version(&self) -> u64 {
        *self.version.borrow()
    }

    fn progress(&self) -> DebriefProgress {
        DebriefProgress {
            done: self.debrief_done.load(Ordering::Relaxed),
            total: self.debrief_total.load(Ordering::Relaxed),
        }
    }

    /// Save the room, then tell every page.
    fn changed(&self, room: &mut Room) -> Result<(), Failure> {
        let text = super::room_text(room.save_file());
        write_atomic(&self.file, text.as_bytes()).map_err(|e| {
            eprintln!("salesim workshop: {e}");
            Failure(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("the room could not be saved: {e}"),
            )
        })?;
        self.version.send_modify(|v| *v += 1);
        Ok(())
    }

    /// Resolve the open round (see [`Room::resolve`]), save, tell every page, and start the
    /// debriefs after the last quarter. Blocks: call it off the server's async threads (the
    /// HTTP handler runs it on tokio's blocking pool; the projector window from its own thread).
    pub fn resolve_blocking(self: &Arc<Self>, force: bool) -> Result<Round, RoomError> {
        let round = {
            let mut room = self.room.blocking_lock();
            let round = room.resolve(force)?;
            self.changed(&mut room)
                .map_err(|Failure(_, message)| RoomError::Refused(message))?;
            round
        };
        if round == Round::Finished {
            self.clone().start_debriefs();
        }
        Ok(round)
    }

    /// What the projector window shows, unless a request holds the room right now.
    pub fn projector(&self) -> Option<views::Projector> {
        let room = self.room.try_lock().ok()?;
        Some(views::projector(
            &room,
            self.version(),
            self.progress(),
            self.join_url(),
        ))
    }

    /// Compute every team's debrief and the leaderboard in the background, on a replay of
    /// the room (so that the room stays open to requests meanwhile).
    fn start_debriefs(self: Arc<Self>) {
        std::thread::spawn(move || {
            let (challenge, name, file) = {
                let mut room = self.room.blocking_lock();
                (
                    room.challenge.clone(),
                    room.name.clone(),
                    room.save_file().clone(),
                )
            };
            let replay = match Room::resume(challenge, &name, file) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("salesim workshop: the debrief could not replay the room: {e}");
                    return;
                }
            };
            let total = replay.debrief_runs();
            self.debrief_total.store(total, Ordering::Relaxed);
            self.version.send_modify(|v| *v += 1);
            // The pages hear of the progress every tenth of the way.
            let step = (total / 10).max(1);
            let tick = || {
                if (self.debrief_done.fetch_add(1, Ordering::Relaxed) + 1).is_multiple_of(step) {
                    self.version.send_modify(|v| *v += 1);
                }
            };
            let (debriefs, board) = replay.debriefs(&tick);
            let mut room = self.room.blocking_lock();
            for (t, d) in room.teams.iter_mut().zip(debriefs) {
                t.debrief = Some(Arc::new(d));
            }
            room.board = Some(Arc::new(board));
            self.version.send_modify(|v| *v += 1);
        });
    }
}

/// The router of a room.
pub fn router(w: Arc<Workshop>) -> Router {
    Router::new()
        .route(
            "/",
            get(|| page(include_str!("assets/team.html"), "text/html")),
        )
        .route(
            "/coach",
            get(|| page(include_str!("assets/coach.html"), "text/html")),
        )
        .route(
            "/assets/app.css",
            get(|| page(include_str!("assets/app.css"), "text/css")),
        )
        .route(
            "/assets/common.js",
            get(|| page(include_str!("assets/common.js"), "text/javascript")),
        )
        .route(
            "/assets/team.js",
            get(|| page(include_str!("assets/team.js"), "text/javascript")),
        )
        .route(
            "/assets/coach.js",
            get(|| page(include_str!("assets/coach.js"), "text/javascript")),
        )
        .route("/api/texts", get(texts))
        .route("/api/join", post(join))
        .route("/api/team", get(team_view))
        .route("/api/team/decisions", post(decide))
        .route("/api/team/lock", post(lock))
        .route("/api/team/unlock", post(unlock))
        .route("/api/team/report", get(team_report))
        .route("/api/coach", get(coach_view))
        .route("/api/coach/resolve", post(resolve))
        .route("/api/coach/countdown", post(countdown))
        .route("/api/coach/report", get(coach_report))
        .route("/api/events", get(events))
        .fallback(|| async { Failure(StatusCode::NOT_FOUND, "no such page".into()) })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::map_response(secure))
        .with_state(w)
}

/// Pages run only their own scripts and talk only to this server.
async fn secure(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

async fn page(body: &'static str, kind: &'static str) -> Response {
    (
        [(header::CONTENT_TYPE, format!("{kind}; charset=utf-8"))],
        body,
    )
        .into_response()
}

/// The pages' texts in both languages (the `page.*` entries of the language tables).
async fn texts() -> Json<Json_> {
    Json(json!({
        "en": Language::English.texts_with_prefix("page."),
        "fr": Language::French.texts_with_prefix("page."),
    }))
}

#[derive(Deserialize)]
struct JoinBody {
    code: String,
    team: String,
    #[serde(default)]
    lang: Option<String>,
}

async fn join(
    State(w): State<Arc<Workshop>>,
    body: Result<Json<JoinBody>, JsonRejection>,
) -> Reply {
    let Json(body) = body?;
    let mut room = w.room.lock().await;
    if !body.code.trim().eq_ignore_ascii_case(&room.file.code) {
        return Err(Failure(StatusCode::FORBIDDEN, "wrong room code".into()));
    }
    let lang = match body.lang.as_deref() {
        Some(code) => Language::from_code(code).ok_or_else(|| {
            Failure(
                StatusCode::BAD_REQUEST,
                format!("unknown language `{code}`; allowed: en, fr"),
            )
        })?,
        None => room.language(),
    };
    let token = new_token();
    room.join(&body.team, lang, token.clone())?;
    w.changed(&mut room)?;
    Ok(Json(json!({"token": token})))
}

async fn team_view(State(w): State<Arc<Workshop>>, headers: HeaderMap) -> Reply {
    let room = w.room.lock().await;
    let i = room
        .team_by_token(bearer(&headers))
        .ok_or_else(unknown_team)?;
    Ok(Json(views::team_state(
        &room,
        i,
        w.version(),
        now_s(),
        w.progress(),
    )))
}

#[derive(Deserialize)]
struct LeverValue {
    lever: String,
    value: String,
}

#[derive(Deserialize)]
struct DecideBody {
    decisions: Vec<LeverValue>,
    #[serde(default)]
    lock: bool,
}

async fn decide(
    State(w): State<Arc<Workshop>>,
    headers: HeaderMap,
    body: Result<Json<DecideBody>, JsonRejection>,
) -> Reply {
    let Json(body) = body?;
    let mut room = w.room.lock().await;
    let i = room
        .team_by_token(bearer(&headers))
        .ok_or_else(unknown_team)?;
    let mut decisions = Vec::new();
    let mut errors = Vec::new();
    for (k, d) in body
        .decisions
        .iter()
        .enumerate()
        .take(super::room::MAX_DECISIONS + 1)
    {
        match decision_from(&d.lever, &d.value) {
            Ok(d) => decisions.push(d),
            Err(message) => errors.push(format!("decisions[{k}]: {message}")),
        }
    }
    if !errors.is_empty() {
        return Err(Failure(StatusCode::UNPROCESSABLE_ENTITY, errors.join("; ")));
    }
    let cost = room.draft(i, decisions)?;
    if body.lock {
        room.lock(i)?;
    }
    w.changed(&mut room)?;
    Ok(Json(json!({"cost": cost, "locked": body.lock})))
}

async fn lock(State(w): State<Arc<Workshop>>, headers: HeaderMap) -> Reply {
    let mut room = w.room.lock().await;
    let i = room
        .team_by_token(bearer(&headers))
        .ok_or_else(unknown_team)?;
    room.lock(i)?;
    w.changed(&mut room)?;
    Ok(Json(json!({"locked": true})))
}

async fn unlock(State(w): State<Arc<Workshop>>, headers: HeaderMap) -> Reply {
    let mut room = w.room.lock().await;
    let i = room
        .team_by_token(bearer(&headers))
        .ok_or_else(unknown_team)?;
    room.unlock(i)?;
    w.changed(&mut room)?;
    Ok(Json(json!({"locked": false})))
}

#[derive(Deserialize)]
struct TokenQuery {
    #[serde(default)]
    token: String,
}

fn download(name: &str, html: String) -> Response {
    let safe: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"salesim-{safe}.html\""),
            ),
        ],
        html,
    )
        .into_response()
}

async fn team_report(
    State(w): State<Arc<Workshop>>,
    Query(q): Query<TokenQuery>,
) -> Result<Response, Failure> {
    let room = w.room.lock().await;
    let i = room.team_by_token(&q.token).ok_or_else(unknown_team)?;
    let t = &room.teams[i];
    let d = t
        .debrief
        .clone()
        .ok_or_else(|| Failure(StatusCode::CONFLICT, "the debrief is not ready yet".into()))?;
    let l = Language::from_code(&t.file.lang).unwrap_or_default();
    let year = t.game.session.report().kpis;
    Ok(download(
        &t.file.name,
        html::challenge_report(&t.game, &year, &d, &[], l),
    ))
}

fn check_coach(room: &Room, token: &str) -> Result<(), Failure> {
    if token.is_empty() || token != room.file.coach_token {
        return Err(not_coach());
    }
    Ok(())
}

async fn coach_view(State(w): State<Arc<Workshop>>, headers: HeaderMap) -> Reply {
    let mut room = w.room.lock().await;
    check_coach(&room, bearer(&headers))?;
    Ok(Json(views::coach_state(
        &mut room,
        w.version(),
        now_s(),
        w.progress(),
        &w.join,
    )))
}

#[derive(Deserialize)]
struct ResolveBody {
    #[serde(default)]
    force: bool,
}

async fn resolve(
    State(w): State<Arc<Workshop>>,
    headers: HeaderMap,
    body: Result<Json<ResolveBody>, JsonRejection>,
) -> Reply {
    let Json(body) = body?;
    check_coach(&*w.room.lock().await, bearer(&headers))?;
    // A quarter of every team's year: simulation work, off the server's async threads.
    let worker = w.clone();
    let round = tokio::task::spawn_blocking(move || worker.resolve_blocking(body.force))
        .await
        .map_err(|e| {
            Failure(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("the resolution failed: {e}"),
            )
        })??;
    Ok(Json(json!({"round": round})))
}

#[derive(Deserialize)]
struct CountdownBody {
    seconds: u64,
}

async fn countdown(
    State(w): State<Arc<Workshop>>,
    headers: HeaderMap,
    body: Result<Json<CountdownBody>, JsonRejection>,
) -> Reply {
    let Json(body) = body?;
    let mut room = w.room.lock().await;
    check_coach(&room, bearer(&headers))?;
    if body.seconds > MAX_COUNTDOWN_S {
        return Err(Failure(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "seconds {} is out of range; allowed: 0 to {MAX_COUNTDOWN_S}",
                body.seconds
            ),
        ));
    }
    room.file.countdown_until = (body.seconds > 0).then(|| now_s() + body.seconds);
    w.changed(&mut room)?;
    Ok(Json(json!({"seconds": body.seconds})))
}

async fn coach_report(
    State(w): State<Arc<Workshop>>,
    Query(q): Query<TokenQuery>,
) -> Result<Response, Failure> {
    let room = w.room.lock().await;
    check_coach(&room, &q.token)?;
    let board = room.board.clone().ok_or_else(|| {
        Failure(
            StatusCode::CONFLICT,
            "the workshop report is ready once the year is played and debriefed".into(),
        )
    })?;
    let seeds: Vec<u64> = (0..room.file.debrief_seeds.max(1) as u64)
        .map(|i| room.file.seed.wrapping_add(i))
        .collect();
    Ok(download(
        &format!("workshop-{}", room.file.code),
        html::workshop_report(&room.challenge, &board, &seeds, room.language()),
    ))
}

/// Tell the page the room's version now and at every change; pages fetch their own view.
async fn events(State(w): State<Arc<Workshop>>, upgrade: WebSocketUpgrade) -> Response {
    // Pages send nothing but pings and a close: anything bigger is refused.
    upgrade
        .max_message_size(4096)
        .max_frame_size(4096)
        .on_upgrade(move |socket| watch_room(socket, w))
}

async fn watch_room(mut socket: WebSocket, w: Arc<Workshop>) {
    let mut changes = w.version.subscribe();
    loop {
        let v = *changes.borrow_and_update();
        if socket
            .send(Message::Text(json!({"version": v}).to_string().into()))
            .await
            .is_err()
        {
            return;
        }
        tokio::select! {
            changed = changes.changed() => if changed.is_err() { return },
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                // Pages send nothing else; whatever comes is ignored.
                Some(Ok(_)) => {}
            },
        }
    }
}

/// Serve `w` on `listener` until `stop` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    w: Arc<Workshop>,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(w).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(stop)
    .await
}

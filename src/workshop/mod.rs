//! The workshop room: teams play a challenge from their own browsers on the coach's
//! network, the coach resolves each quarter from a facilitator page, and the whole room is
//! saved after every change so that `--resume` brings it back exactly. Runs offline: every
//! page, script and style comes from the binary. See `docs/workshop.md`.

pub mod room;
pub mod server;
pub mod views;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::json;

pub use room::{Room, RoomError, RoomFile, Round};
pub use server::Workshop;

use crate::challenge::{self, Challenge};
use crate::i18n::Language;
use crate::scenario::ScenarioError;

/// How a room starts.
#[derive(Clone, Debug)]
pub struct Setup {
    /// The challenge's name or file.
    pub challenge: String,
    /// The year's seed (default: the challenge's).
    pub seed: Option<u64>,
    /// The coach's language.
    pub lang: Language,
    /// Teams that may join.
    pub max_teams: usize,
    /// Seeds of the debrief's comparisons.
    pub debrief_seeds: usize,
    /// Whether a practice quarter opens the session.
    pub practice: bool,
}

/// A room file's text (RON).
pub fn room_text(file: &RoomFile) -> String {
    let config = ron::ser::PrettyConfig::default().depth_limit(4);
    ron::ser::to_string_pretty(file, config).unwrap_or_default()
}

/// Why a room cannot be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The challenge or the room file cannot be read.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// Anything else the coach can fix.
    #[error("{0}")]
    Usage(String),
}

fn load_challenge(name: &str) -> Result<(String, Arc<Challenge>), OpenError> {
    let path = challenge::resolve(name);
    if !challenge::exists(&path) {
        return Err(OpenError::Usage(format!(
            "no challenge `{name}` (looked for {}); `salesim challenge list` shows the shipped ones",
            path.display()
        )));
    }
    Ok((challenge::name_of(&path), Arc::new(challenge::load(&path)?)))
}

/// A new room for `setup` (with a fresh room code and coach secret), not yet saved.
pub fn create(setup: &Setup) -> Result<Room, OpenError> {
    if !(1..=room::MAX_TEAMS).contains(&setup.max_teams) {
        return Err(OpenError::Usage(format!(
            "--teams {} is out of range; allowed: 1 to {}",
            setup.max_teams,
            room::MAX_TEAMS
        )));
    }
    if !(1..=1000).contains(&setup.debrief_seeds) {
        return Err(OpenError::Usage(format!(
            "--seeds {} is out of range; allowed: 1 to 1000",
            setup.debrief_seeds
        )));
    }
    let (name, c) = load_challenge(&setup.challenge)?;
    let file = RoomFile {
        challenge: setup.challenge.clone(),
        seed: setup.seed.unwrap_or(c.scenario.seed),
        lang: setup.lang.code().to_owned(),
        code: server::new_code(),
        coach_token: server::new_token(),
        max_teams: setup.max_teams,
        debrief_seeds: setup.debrief_seeds,
        practice: setup.practice,
        practice_done: false,
        countdown_until: None,
        teams: Vec::new(),
    };
    Ok(Room::new(c, &name, file))
}

/// A saved room, brought back: every team's decisions replayed.
pub fn resume(path: &Path) -> Result<Room, OpenError> {
    let text =
        crate::scenario::read_input(path, crate::scenario::MAX_TEXT_BYTES).map_err(|source| {
            ScenarioError::Io {
                path: path.to_owned(),
                source,
            }
        })?;
    let file: RoomFile = crate::scenario::parse_ron(&text, path)?;
    let (name, c) = load_challenge(&file.challenge)?;
    Room::resume(c, &name, file)
        .map_err(|e| OpenError::Usage(format!("{}: cannot resume this room: {e}", path.display())))
}

/// Where teams reach the room: the address the server listens on, or, when it listens on
/// every interface, this machine's LAN address.
pub fn public_address(bound: SocketAddr) -> SocketAddr {
    if bound.ip().is_unspecified() {
        let ip = local_ip_address::local_ip().unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
        SocketAddr::new(ip, bound.port())
    } else {
        bound
    }
}

/// What the projector shows to let teams in: the address with the room code, the code, and
/// a QR code of the address (SVG).
pub fn join_info(address: SocketAddr, code: &str) -> (String, serde_json::Value) {
    let url = format!("http://{address}/?room={code}");
    let svg = qrcode::QrCode::new(url.as_bytes())
        .map(|q| {
            q.render::<qrcode::render::svg::Color>()
                .min_dimensions(180, 180)
                .build()
        })
        .unwrap_or_default();
    (
        url.clone(),
        json!({"url": url, "code": code, "qr_svg": svg}),
    )
}

/// The join address as a QR code's modules, row by row (dark = true), and the modules per
/// side (for the projector window, which paints them).
pub fn qr_modules(url: &str) -> (Vec<bool>, usize) {
    qrcode::QrCode::new(url.as_bytes()).map_or((Vec::new(), 0), |q| {
        let width = q.width();
        let dark = q
            .to_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect();
        (dark, width)
    })
}

/// The join address as a QR code for a terminal (two rows of modules per line).
pub fn terminal_qr(url: &str) -> String {
    qrcode::QrCode::new(url.as_bytes())
        .map(|q| {
            q.render::<qrcode::render::unicode::Dense1x2>()
                .quiet_zone(true)
                .build()
        })
        .unwrap_or_default()
}

/// The room file a new room is saved to, refused if something is already there (nothing
/// the coach wrote is overwritten: resume it, or choose another file).
pub fn check_new_room_file(path: &Path) -> Result<PathBuf, OpenError> {
    if path.exists() {
        return Err(OpenError::Usage(format!(
            "{} already exists; resume that room with --resume {}, or choose another --room file",
            path.display(),
            path.display()
        )));
    }
    Ok(path.to_owned())
}

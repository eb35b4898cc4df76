//! `salesim workshop serve`: the workshop room on the coach's laptop.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::CliError;
use crate::i18n::Language;
use crate::workshop::{self, OpenError, Setup, Workshop};

/// `salesim workshop`.
#[derive(Args, Debug)]
pub struct WorkshopRoomArgs {
    #[command(subcommand)]
    #[allow(missing_docs)]
    pub command: WorkshopCommand,
}

/// What to do with a room.
#[derive(Subcommand, Debug)]
pub enum WorkshopCommand {
    /// Open a room: teams join from their browsers on this network with the room code.
    Serve(ServeArgs),
}

/// `salesim workshop serve`.
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The challenge the teams play (name or file); not with --resume.
    #[arg(long, required_unless_present = "resume", conflicts_with = "resume")]
    pub challenge: Option<String>,
    /// Port to listen on (0: any free port).
    #[arg(long, default_value_t = 7878)]
    pub port: u16,
    /// Most teams that may join.
    #[arg(long, default_value_t = 15)]
    pub teams: usize,
    /// The projector's and the workshop report's language (each team picks its own).
    #[arg(long, value_name = "en|fr", default_value = "en")]
    pub lang: Language,
    /// Listen on this machine only (127.0.0.1) instead of every network interface.
    #[arg(long)]
    pub local: bool,
    /// Open with a practice quarter that does not count.
    #[arg(long)]
    pub practice: bool,
    /// The year's seed (default: the challenge's).
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Seeds of the debrief's comparisons with the reference strategies.
    #[arg(long, value_name = "K", default_value_t = 10)]
    pub seeds: usize,
    /// Where the room is saved after every change.
    #[arg(long, value_name = "FILE.ron", default_value = "salesim-room.ron")]
    pub room: PathBuf,
    /// Bring back a saved room (every team, decision and lock) instead of opening a new one.
    #[arg(long, value_name = "ROOMFILE")]
    pub resume: Option<PathBuf>,
    /// Also open the projector window (the game window's workshop screen): how to join, the
    /// teams' locks, "resolve", the leaderboard. Closing it stops the room.
    #[cfg(feature = "gui")]
    #[arg(long)]
    pub window: bool,
    /// With --window: save a PNG of it after --frames frames, then stop (tests, docs).
    #[cfg(feature = "gui")]
    #[arg(long, value_name = "FILE.png", requires = "window")]
    pub screenshot: Option<PathBuf>,
    /// Frames before the screenshot.
    #[cfg(feature = "gui")]
    #[arg(long, value_name = "N", default_value_t = 30, requires = "screenshot")]
    pub frames: u32,
}

impl From<OpenError> for CliError {
    fn from(e: OpenError) -> CliError {
        match e {
            OpenError::Scenario(e) => CliError::Scenario(e),
            OpenError::Usage(m) => CliError::Usage(m),
        }
    }
}

pub(super) fn cmd_workshop(a: WorkshopRoomArgs) -> Result<(), CliError> {
    match a.command {
        WorkshopCommand::Serve(s) => serve(s),
    }
}

fn serve(a: ServeArgs) -> Result<(), CliError> {
    // Checked first: nothing is opened or written for a window that cannot open.
    #[cfg(feature = "gui")]
    if a.window
        && let Some(why) = super::play::missing_display(
            "serve the room without --window and put the facilitator page on the projector",
        )
    {
        return Err(CliError::Usage(why));
    }
    let (mut room, file) = match &a.resume {
        Some(path) => (workshop::resume(path)?, path.clone()),
        None => {
            let file = workshop::check_new_room_file(&a.room)?;
            let setup = Setup {
                challenge: a.challenge.clone().unwrap_or_default(),
                seed: a.seed,
                lang: a.lang,
                max_teams: a.teams,
                debrief_seeds: a.seeds,
                practice: a.practice,
            };
            (workshop::create(&setup)?, file)
        }
    };
    crate::report::write_atomic(&file, workshop::room_text(room.save_file()).as_bytes())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::Internal(format!("cannot start the server's runtime: {e}")))?;
    let ip = if a.local {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    } else {
        IpAddr::V4(Ipv4Addr::UNSPECIFIED)
    };
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(SocketAddr::new(ip, a.port)))
        .map_err(|e| {
            CliError::Usage(format!(
                "cannot listen on port {}: {e}; choose another with --port",
                a.port
            ))
        })?;
    let bound = listener
        .local_addr()
        .map_err(|e| CliError::Internal(e.to_string()))?;
    let public = workshop::public_address(bound);
    let (url, join) = workshop::join_info(public, &room.file.code);
    let coach = format!(
        "http://{}/coach#{}",
        SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), bound.port()),
        room.file.coach_token
    );
    println!(
        "{} — workshop room {}\nTeams join at: {url}\n{}\nRoom code: {}\nFacilitator page (keep this link to yourself): {coach}\nThe room is saved to {} after every change; bring it back with `salesim workshop serve --resume {}`.\nStop with Ctrl-C.",
        room.challenge.title.get(a.lang),
        room.file.code,
        workshop::terminal_qr(&url),
        room.file.code,
        file.display(),
        file.display(),
    );
    #[cfg(feature = "gui")]
    let language = room.language();
    let w = Workshop::new(room, file, join);
    #[cfg(feature = "gui")]
    if a.window {
        return with_window(&runtime, listener, w, language, a.screenshot, a.frames);
    }
    runtime
        .block_on(workshop::server::serve(listener, w, async {
            let _ = tokio::signal::ctrl_c().await;
        }))
        .map_err(|e| CliError::Internal(format!("the server stopped: {e}")))
}

/// Serve the room in the background while the projector window runs; closing the window
/// stops the room (it is saved).
#[cfg(feature = "gui")]
fn with_window(
    runtime: &tokio::runtime::Runtime,
    listener: tokio::net::TcpListener,
    w: std::sync::Arc<Workshop>,
    language: Language,
    screenshot: Option<PathBuf>,
    frames: u32,
) -> Result<(), CliError> {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = runtime.spawn(workshop::server::serve(listener, w.clone(), async {
        let _ = stopped.await;
    }));
    let exit = crate::gui::projector::run(crate::gui::projector::ProjectorOptions {
        workshop: w,
        language,
        size: (1600, 900),
        screenshot,
        frames,
    });
    let _ = stop.send(());
    let _ = runtime.block_on(server);
    if exit.is_error() {
        return Err(CliError::Internal("the window closed with an error".into()));
    }
    Ok(())
}

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
    runtime.block_on(async move {
        let ip = if a.local {
            IpAddr::V4(Ipv4Addr::LOCALHOST)
        } else {
            IpAddr::V4(Ipv4Addr::UNSPECIFIED)
        };
        let listener = tokio::net::TcpListener::bind(SocketAddr::new(ip, a.port))
            .await
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
        let w = Workshop::new(room, file, join);
        let stop = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        workshop::server::serve(listener, w, stop)
            .await
            .map_err(|e| CliError::Internal(format!("the server stopped: {e}")))
    })
}

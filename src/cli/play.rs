//! `salesim play` (and `salesim` alone): the game window.

use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use super::{CliError, parse_split};
use crate::gui::{self, ui::Tab};
use crate::i18n::Language;
use crate::scenario;

/// `salesim play`.
#[derive(Args, Debug, Default)]
pub struct PlayArgs {
    /// Scenario to open straight away (else the start screen).
    pub scenario: Option<PathBuf>,
    /// Seed (default: the scenario's).
    #[arg(long, value_name = "N", requires = "scenario")]
    pub seed: Option<u64>,
    /// Role split instead of the scenario's.
    #[arg(long, value_name = "NAME", value_parser = parse_split, requires = "scenario")]
    pub split: Option<String>,
    /// Override scenario values (repeatable), as for `run`.
    #[arg(long = "set", value_name = "PATH=VALUE", requires = "scenario")]
    pub sets: Vec<String>,
    /// Open a challenge straight away (a name such as `speed_to_lead`, or a file).
    #[arg(long, value_name = "NAME", conflicts_with = "scenario")]
    pub challenge: Option<String>,
    /// Team name for --challenge.
    #[arg(long, value_name = "NAME", requires = "challenge")]
    pub team: Option<String>,
    /// Interface language: en or fr.
    #[arg(long, value_name = "en|fr", default_value = "en")]
    pub lang: Language,
    /// Light theme.
    #[arg(long)]
    pub light: bool,
    /// Window size, e.g. 1600x900.
    #[arg(long, value_name = "WxH")]
    pub size: Option<String>,
    /// Days to simulate before the window opens (in a challenge: quarters played with no
    /// decision).
    #[arg(long, value_name = "D", default_value_t = 0)]
    pub days: u32,
    /// Start playing at once.
    #[arg(long)]
    pub play: bool,
    /// Dashboard tab to show first: funnel, culture, scorecard or whatif.
    #[arg(long, value_name = "TAB", default_value = "funnel")]
    pub tab: String,
    /// Text size, 0.8 to 2 (the window's slider; default 1.25).
    #[arg(long, value_name = "SIZE", value_parser = parse_text_size)]
    pub text_size: Option<f32>,
    /// Open on the guided tour, at this step (1 for the first), with a scenario.
    #[arg(long, value_name = "STEP")]
    pub tour: Option<usize>,
    /// Save a PNG of the window after --frames frames, then quit (tests, docs).
    #[arg(long, value_name = "FILE.png")]
    pub screenshot: Option<PathBuf>,
    /// Print the frame rate over --frames frames, then quit.
    #[arg(long)]
    pub measure_fps: bool,
    /// Frames before the screenshot or the measurement ends.
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub frames: u32,
}

/// Why the window cannot open here, if something it needs is visibly missing (checked first,
/// because the windowing and GPU layers would otherwise panic); `instead` says what to do
/// without a window.
pub(super) fn missing_display(instead: &str) -> Option<String> {
    if cfg!(target_os = "linux") {
        if std::env::var_os("DISPLAY").is_none() {
            return Some(format!(
                "no display to open the game window on (DISPLAY is not set); {instead}"
            ));
        }
        let has_vulkan = ["/usr/share/vulkan/icd.d", "/etc/vulkan/icd.d"]
            .iter()
            .any(|d| std::fs::read_dir(d).is_ok_and(|mut e| e.next().is_some()));
        if !has_vulkan {
            return Some(format!(
                "no Vulkan driver found for the game window (install your GPU's driver, or \
                 `mesa-vulkan-drivers libvulkan1` for software rendering); {instead}"
            ));
        }
    }
    None
}

pub(super) fn cmd_play(a: PlayArgs) -> Result<(), CliError> {
    let language = a.lang;
    let size = match &a.size {
        None => None,
        Some(s) => {
            let parsed = s
                .split_once('x')
                .and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)))
                .filter(|(w, h): &(u32, u32)| (320..=8192).contains(w) && (240..=8192).contains(h));
            Some(parsed.ok_or_else(|| {
                CliError::Usage(format!("--size {s}: expected WIDTHxHEIGHT, e.g. 1600x900"))
            })?)
        }
    };
    let tab = match a.tab.as_str() {
        "funnel" | "" => Tab::Funnel,
        "culture" => Tab::Culture,
        "scorecard" => Tab::Scorecard,
        "whatif" => Tab::WhatIf,
        other => {
            return Err(CliError::Usage(format!(
                "--tab {other}: expected funnel, culture, scorecard or whatif"
            )));
        }
    };
    let scenario = match &a.scenario {
        None => None,
        Some(p) => {
            let mut sets: Vec<String> = a.split.iter().map(|s| format!("split={s}")).collect();
            sets.extend(a.sets.iter().cloned());
            let s = scenario::load_with_overrides(p, &sets)?;
            let seed = a.seed.unwrap_or(s.seed);
            Some((Arc::new(s), seed))
        }
    };
    let challenge = match &a.challenge {
        None => None,
        Some(name) => {
            let path = crate::challenge::resolve(name);
            crate::challenge::load(&path)?;
            Some((path, a.team.clone().unwrap_or_default()))
        }
    };
    if let Some(why) = missing_display(
        "simulate from the command line instead, e.g. `salesim run scenarios/default.ron \
         --runs 200` (see `salesim --help`)",
    ) {
        return Err(CliError::Usage(why));
    }
    let exit = gui::run(gui::Options {
        scenario,
        challenge,
        language,
        light: a.light,
        size,
        days: a.days,
        play: a.play,
        tab,
        tour: a.tour.map(|step| step.saturating_sub(1)),
        text_size: a.text_size,
        screenshot: a.screenshot,
        frames: a.frames,
        measure: a.measure_fps,
    });
    if exit.is_error() {
        return Err(CliError::Internal("the window closed with an error".into()));
    }
    Ok(())
}

/// `--text-size`: a number from 0.8 to 2 (the slider's range).
fn parse_text_size(text: &str) -> Result<f32, String> {
    match text.parse::<f32>() {
        Ok(v) if (0.8..=2.0).contains(&v) => Ok(v),
        _ => Err(format!("`{text}` is not a text size; allowed: 0.8 to 2")),
    }
}

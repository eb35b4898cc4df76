//! The game window (feature `gui`): Bevy renders the live funnel, egui the controls, levers
//! and dashboards. `salesim` with no command, or `salesim play`, opens it.

pub mod background;
pub mod funnel;
pub mod layout;
pub mod projector;
pub mod theme;
pub mod ui;
pub mod whatif;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use bevy::diagnostic::FrameCount;
use bevy::prelude::*;
use bevy::render::view::Msaa;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use bevy::window::{PresentMode, WindowResolution};
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};

use crate::i18n::Language;
use crate::scenario::Scenario;
use bevy::ecs::system::SystemParam;
use ui::{Challenges, Game, Play, Prefs, Screen, StartForm, WhatIfPanel, WindowState};

/// How the window starts.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Start straight into this scenario (else the start screen).
    pub scenario: Option<(Arc<Scenario>, u64)>,
    /// Start straight into this challenge file, with this team name.
    pub challenge: Option<(PathBuf, String)>,
    /// Language.
    pub language: Language,
    /// Light theme.
    pub light: bool,
    /// Window size in logical pixels.
    pub size: Option<(u32, u32)>,
    /// Days to simulate before the first frame.
    pub days: u32,
    /// Play from the start.
    pub play: bool,
    /// Dashboard tab shown first.
    pub tab: ui::Tab,
    /// Open on this step of the guided tour (0 for the first).
    pub tour: Option<usize>,
    /// Text size (the window's zoom) instead of the default.
    pub text_size: Option<f32>,
    /// Save a screenshot here after `frames` frames, then quit.
    pub screenshot: Option<PathBuf>,
    /// Frames before the screenshot (or before quitting when measuring).
    pub frames: u32,
    /// Print the frame rate over `frames` frames, then quit.
    pub measure: bool,
}

/// Open the window and run until it closes.
pub fn run(options: Options) -> AppExit {
    let (w, h) = options.size.unwrap_or((1600, 900));
    let mut window = WindowState::new(std::path::Path::new("scenarios"), options.language);
    let mut game = window.game();
    if options.light {
        game.prefs.theme = theme::Theme::Light;
    }
    game.play.tab = options.tab;
    if let Some(size) = options.text_size {
        game.prefs.zoom = size;
    }
    if let Some((s, seed)) = options.scenario.clone() {
        game.begin(s, seed);
        game.step_days(options.days);
        game.play.playing = options.play;
        game.play.tour = options.tour;
    }
    if let Some((path, team)) = &options.challenge {
        game.start.team = team.clone();
        game.start_challenge(path);
        while game
            .play
            .session
            .as_ref()
            .is_some_and(|s| s.day() < options.days && !s.finished())
        {
            if game.awaiting_decisions() {
                game.play_quarter();
            }
            game.step_days(1);
        }
        game.play.playing = options.play;
    }
    let WindowState {
        screen,
        prefs,
        start,
        play,
        whatif,
        challenges,
    } = window;
    let unattended = options.screenshot.is_some() || options.measure;
    App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: "salesim".into(),
                resolution: WindowResolution::new(w, h),
                present_mode: if unattended {
                    PresentMode::AutoNoVsync
                } else {
                    PresentMode::AutoVsync
                },
                ..default()
            }),
            ..default()
        }))
        .add_plugins(EguiPlugin::default())
        .insert_state(screen)
        .insert_resource(prefs)
        .insert_resource(start)
        .insert_resource(play)
        .insert_resource(whatif)
        .insert_resource(challenges)
        .insert_resource(Unattended {
            options,
            started: None,
        })
        .add_plugins(funnel::plugin)
        .add_systems(Startup, |mut c: Commands| {
            // Square sprites and egui need no multisampling; under a software renderer
            // 4× MSAA costs most of the frame.
            c.spawn((Camera2d, Msaa::Off));
        })
        .add_systems(EguiPrimaryContextPass, draw_ui)
        .add_systems(Update, (serve_requests, unattended_run))
        .run()
}

/// The window's resources, as the egui pass borrows them.
#[derive(SystemParam)]
struct Parts<'w> {
    screen: Res<'w, State<Screen>>,
    next_screen: ResMut<'w, NextState<Screen>>,
    prefs: ResMut<'w, Prefs>,
    start: ResMut<'w, StartForm>,
    play: ResMut<'w, Play>,
    whatif: ResMut<'w, WhatIfPanel>,
    challenges: ResMut<'w, Challenges>,
}

fn draw_ui(mut contexts: EguiContexts, mut parts: Parts) -> Result {
    let ctx = contexts.ctx_mut()?;
    let before = *parts.screen.get();
    let mut screen = before;
    let mut g = Game {
        screen: &mut screen,
        prefs: &mut parts.prefs,
        start: &mut parts.start,
        play: &mut parts.play,
        whatif: &mut parts.whatif,
        challenges: &mut parts.challenges,
    };
    ctx.set_visuals(g.prefs.theme.visuals());
    ctx.set_zoom_factor(g.prefs.zoom);
    let mut root = root_ui(ctx, "root");
    ui::draw(&mut root, &mut g);
    if g.play.playing || g.whatif.job.is_some() {
        ctx.request_repaint();
    }
    if screen != before {
        parts.next_screen.set(screen);
    }
    Ok(())
}

/// A `Ui` over the whole window, on the background layer, for a screen's panels.
pub(crate) fn root_ui(ctx: &egui::Context, id: &'static str) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        id.into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.content_rect()),
    )
}

/// Save the window to `path` as a PNG, then close the app (`--screenshot`).
pub(crate) fn save_window_then_exit(commands: &mut Commands, path: PathBuf) {
    commands
        .spawn(Screenshot::primary_window())
        .observe(save_to_disk(path))
        .observe(
            |_: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| {
                exit.write(AppExit::Success);
            },
        );
}

/// Screenshots asked for by the export button.
fn serve_requests(mut commands: Commands, mut play: ResMut<Play>) {
    if let Some(path) = play.screenshot.take() {
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(path));
    }
}

#[derive(Resource)]
struct Unattended {
    options: Options,
    started: Option<(Instant, u32)>,
}

/// `--screenshot` and `--measure-fps`: count frames, then save a PNG or print the frame rate,
/// and quit.
fn unattended_run(
    mut commands: Commands,
    frames: Res<FrameCount>,
    mut run: ResMut<Unattended>,
    mut exit: MessageWriter<AppExit>,
) {
    let o = &run.options;
    if o.screenshot.is_none() && !o.measure {
        return;
    }
    // Frame rate from the 10th frame on (start-up frames are slow everywhere).
    if frames.0 == 10 {
        run.started = Some((Instant::now(), frames.0));
    }
    if frames.0 != run.options.frames.max(11) {
        return;
    }
    if run.options.measure
        && let Some((t0, f0)) = run.started
    {
        let n = frames.0 - f0;
        let secs = t0.elapsed().as_secs_f64();
        println!(
            "frames {n} in {secs:.2} s: {:.1} frames per second",
            f64::from(n) / secs
        );
    }
    match run.options.screenshot.clone() {
        Some(path) => save_window_then_exit(&mut commands, path),
        None => {
            exit.write(AppExit::Success);
        }
    }
}

//! The workshop's projector screen (`salesim workshop serve --window`): a game window that
//! shows the room to everyone — how to join (address, QR code, room code), the round and its
//! countdown, which teams have locked, the leaderboard of both KPI families and the teams'
//! bookings — and lets the coach resolve the quarter from the laptop.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use bevy::prelude::*;
use bevy::window::WindowResolution;
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};
use egui::{Color32, RichText};
use egui_plot::{HLine, Legend, Line, Plot};

use super::theme;
use crate::i18n::Language;
use crate::kpi::{Kpi, concat};
use crate::workshop::views::Projector;
use crate::workshop::{Round, Workshop};

/// The KPIs of the projector's leaderboard: a few of each family.
const BOARD: [Kpi; 8] = concat(
    [
        Kpi::Bookings,
        Kpi::SignedContracts,
        Kpi::WinRate,
        Kpi::Leakage,
    ],
    [
        Kpi::RelationshipQuality,
        Kpi::CommonLanguage,
        Kpi::InformationSharing,
        Kpi::Engagement,
    ],
);

/// How the projector window starts.
pub struct ProjectorOptions {
    /// The room.
    pub workshop: Arc<Workshop>,
    /// The window's language.
    pub language: Language,
    /// Window size.
    pub size: (u32, u32),
    /// Save a PNG after `frames` frames, then close (tests, docs).
    pub screenshot: Option<PathBuf>,
    /// Frames before the screenshot.
    pub frames: u32,
}

#[derive(Resource)]
struct Screen {
    workshop: Arc<Workshop>,
    language: Language,
    view: Option<Projector>,
    /// The join address's QR code (it never changes): modules and modules per side.
    qr: (Vec<bool>, usize),
    message: String,
    screenshot: Option<PathBuf>,
    frames: u32,
}

/// Open the projector window and run until it closes.
pub fn run(options: ProjectorOptions) -> AppExit {
    let (w, h) = options.size;
    let qr = crate::workshop::qr_modules(options.workshop.join_url());
    App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: "salesim — workshop".into(),
                resolution: WindowResolution::new(w, h),
                ..default()
            }),
            ..default()
        }))
        .add_plugins(EguiPlugin::default())
        .insert_resource(Screen {
            workshop: options.workshop,
            language: options.language,
            view: None,
            qr,
            message: String::new(),
            screenshot: options.screenshot,
            frames: options.frames,
        })
        .add_systems(Startup, |mut c: Commands| {
            c.spawn(Camera2d);
        })
        .add_systems(EguiPrimaryContextPass, draw)
        .add_systems(Update, screenshot_then_close)
        .run()
}

/// Take a fresh view when the room changed (the countdown counts down between views).
fn refresh(s: &mut Screen) {
    let stale = s
        .view
        .as_ref()
        .is_none_or(|v| v.version != s.workshop.version());
    if stale && let Some(view) = s.workshop.projector() {
        s.view = Some(view);
    }
}

fn draw(mut contexts: EguiContexts, mut s: ResMut<Screen>) -> Result {
    let ctx = contexts.ctx_mut()?;
    refresh(&mut s);
    ctx.set_visuals(theme::Theme::Light.visuals());
    ctx.set_zoom_factor(1.25);
    // The room changes from other devices: look again twice a second.
    ctx.request_repaint_after(Duration::from_millis(500));
    // Taken out while it is drawn (the buttons need the screen mutably), then put back.
    let Some(view) = s.view.take() else {
        return Ok(());
    };
    let l = s.language;
    let mut root = super::root_ui(ctx, "projector");
    egui::CentralPanel::default().show(&mut root, |ui| {
        header(ui, &view, l);
        ui.separator();
        ui.columns(2, |cols| {
            join_box(&mut cols[0], &view, &s.qr, l);
            teams_box(&mut cols[1], &view, &mut s, l);
        });
        ui.separator();
        board(ui, &view, l);
        bookings(ui, &view, l);
    });
    s.view = Some(view);
    Ok(())
}

fn round_text(view: &Projector, l: Language) -> String {
    match view.round {
        Round::Practice => l.t("workshop.practice_review").to_owned(),
        Round::Quarter(q) => format!("{} {q} / {}", l.t("challenge.quarter"), view.quarters),
        Round::Finished => l.t("workshop.year_over").to_owned(),
    }
}

fn header(ui: &mut egui::Ui, view: &Projector, l: Language) {
    ui.horizontal_wrapped(|ui| {
        ui.heading(RichText::new(&view.title).strong());
        ui.label(RichText::new(round_text(view, l)).size(20.0));
        if let Some(end) = view.countdown_until {
            let left = end.saturating_sub(crate::workshop::server::now_s());
            let text = if left > 0 {
                format!("{}:{:02}", left / 60, left % 60)
            } else {
                l.t("workshop.time_up").to_owned()
            };
            ui.label(RichText::new(text).size(24.0).strong().color(theme::MARK));
        }
        if let Some(p) = view.debrief {
            ui.add(egui::Spinner::new());
            ui.label(format!(
                "{} {} / {}",
                l.t("workshop.preparing_debrief"),
                p.done,
                p.total
            ));
        }
    });
}

/// The QR code, painted module by module, the address and the room code.
fn join_box(ui: &mut egui::Ui, view: &Projector, (qr, width): &(Vec<bool>, usize), l: Language) {
    ui.horizontal(|ui| {
        let side = 190.0;
        let (rect, _) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, Color32::WHITE);
        let n = (*width).max(1) as f32 + 4.0;
        let cell = side / n;
        for (i, dark) in qr.iter().enumerate() {
            if *dark {
                let (x, y) = ((i % width) as f32 + 2.0, (i / width) as f32 + 2.0);
                let min = rect.min + egui::vec2(x * cell, y * cell);
                painter.rect_filled(
                    egui::Rect::from_min_size(min, egui::vec2(cell, cell)),
                    0.0,
                    Color32::BLACK,
                );
            }
        }
        ui.vertical(|ui| {
            ui.label(l.t("workshop.join_at"));
            ui.label(RichText::new(&view.url).size(20.0).strong());
            ui.add_space(8.0);
            ui.label(l.t("workshop.room_code"));
            ui.label(
                RichText::new(&view.code)
                    .size(40.0)
                    .strong()
                    .color(theme::SERIES[0]),
            );
        });
    });
}

fn teams_box(ui: &mut egui::Ui, view: &Projector, s: &mut Screen, l: Language) {
    ui.label(RichText::new(l.t("workshop.teams")).strong());
    if view.teams.is_empty() {
        ui.label(l.t("workshop.no_team_yet"));
    }
    ui.horizontal_wrapped(|ui| {
        for t in &view.teams {
            let (mark, colour) = if t.locked {
                ("✔", theme::SERIES[2])
            } else {
                ("…", theme::REFERENCE)
            };
            ui.label(
                RichText::new(format!("{mark} {}", t.name))
                    .size(18.0)
                    .color(colour),
            );
            ui.add_space(10.0);
        }
    });
    if view.round == Round::Finished {
        return;
    }
    let waiting = view.teams.iter().filter(|t| !t.locked).count();
    ui.horizontal(|ui| {
        let all_locked = !view.teams.is_empty() && waiting == 0;
        if ui
            .add_enabled(all_locked, egui::Button::new(l.t("workshop.resolve")))
            .clicked()
        {
            resolve(s, false);
        }
        if ui
            .add_enabled(
                !view.teams.is_empty(),
                egui::Button::new(l.t("workshop.resolve_now")),
            )
            .clicked()
        {
            resolve(s, true);
        }
    });
    if !s.message.is_empty() {
        ui.colored_label(theme::ERROR, &s.message);
    }
}

fn resolve(s: &mut Screen, force: bool) {
    s.message = match s.workshop.resolve_blocking(force) {
        Ok(_) => String::new(),
        Err(e) => e.to_string(),
    };
}

fn board(ui: &mut egui::Ui, view: &Projector, l: Language) {
    egui::Grid::new("workshop-board")
        .striped(true)
        .show(ui, |ui| {
            ui.label(RichText::new(l.t("challenge.team")).strong());
            ui.label(RichText::new(l.t("workshop.score_to_date")).strong());
            for k in BOARD {
                ui.label(RichText::new(k.label(l)).strong())
                    .on_hover_text(k.definition(l));
            }
            ui.end_row();
            for t in &view.teams {
                ui.label(&t.name);
                ui.label(l.number(t.score, 1));
                for k in BOARD {
                    ui.label(k.format(t.kpis[k], l));
                }
                ui.end_row();
            }
        });
}

fn bookings(ui: &mut egui::Ui, view: &Projector, l: Language) {
    if view.teams.iter().all(|t| t.bookings.is_empty()) {
        return;
    }
    ui.label(RichText::new(l.t("report.bookings_to_date")).strong());
    Plot::new("workshop-bookings")
        .legend(Legend::default())
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .x_axis_label(l.t("axis.week"))
        .include_y(0.0)
        .include_y(view.quota)
        .show(ui, |p| {
            for t in &view.teams {
                let points: Vec<[f64; 2]> = t
                    .bookings
                    .iter()
                    .enumerate()
                    .map(|(w, b)| [(w + 1) as f64, *b])
                    .collect();
                p.line(
                    Line::new(t.name.clone(), points)
                        .color(theme::SERIES[t.order % theme::SERIES.len()])
                        .width(2.0),
                );
            }
            p.hline(HLine::new(l.t("report.quota"), view.quota).color(theme::REFERENCE));
        });
}

/// `--screenshot`: after the given frames, save the window and close it.
fn screenshot_then_close(
    mut commands: Commands,
    frames: Res<bevy::diagnostic::FrameCount>,
    s: Res<Screen>,
) {
    let Some(path) = s.screenshot.clone() else {
        return;
    };
    if frames.0 != s.frames.max(3) {
        return;
    }
    super::save_window_then_exit(&mut commands, path);
}

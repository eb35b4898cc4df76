//! The window's egui side, written against `egui` alone so that tests drive it headless
//! (egui_kittest): start screen, controls, levers, dashboards, what-if, export, the people
//! strip and the funnel's labels. The funnel's sprites are drawn by Bevy (`funnel.rs`) in
//! the rectangle this module leaves free (`Play::funnel_rect`).
//!
//! The window's state is kept by concern — the screen (a Bevy state), preferences, the start
//! form, the game in play, the what-if panel, challenges — each a resource of the Bevy app;
//! the egui pass borrows them together as a [`Game`] (tests own them as a [`WindowState`]).

mod challenge;
mod dashboards;
mod overlay;
mod panels;
mod start;
mod tour;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy::prelude::{Entity, Resource, States};
use egui::{Color32, RichText};
use egui_plot::{Bar, BarChart, BoxElem, BoxPlot, BoxSpread, HLine, Legend, Line, Plot, VLine};

use super::theme::{self, Theme};
use super::whatif::{self, VariantResult, WhatIf};
use crate::challenge::Text;
use crate::i18n::Language;
use crate::kpi::Kpi;
use crate::model::culture::Indices;
use crate::model::stage::{Owner, Preset, Role, Stage};
use crate::report::{BatchInfo, batch_json, json_text, runs_csv, write_atomic};
use crate::runner::Batch;
use crate::scenario::{
    self, EventChange, Group, Lever, LeverState, Priority, Scenario, Setting, Value,
};
use crate::session::{ItemDetail, Session};

/// Which screen is up (a Bevy state in the app).
#[derive(States, Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// Choose a scenario, split, seed and language.
    #[default]
    Start,
    /// The simulation.
    Play,
}

/// The dashboard tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tab {
    /// Quantitative KPIs over time.
    #[default]
    Funnel,
    /// The seven culture indices.
    Culture,
    /// The scorecard and every KPI's value.
    Scorecard,
    /// Monte Carlo comparisons.
    WhatIf,
}

/// The start screen's choices.
#[derive(Resource, Clone, Debug)]
pub struct StartForm {
    /// Scenario files found.
    pub scenarios: Vec<PathBuf>,
    /// The chosen file (an index in `scenarios`, or the typed path).
    pub path: String,
    /// Split: None keeps the scenario's.
    pub split: Option<Preset>,
    /// Seed: None keeps the scenario's.
    pub seed: Option<u64>,
    /// The last error.
    pub error: Option<String>,
    /// Challenge files found (`challenges/` under the scenario folder, else the shipped
    /// ones), read once: their card, or why they cannot be played.
    pub challenges: Vec<(PathBuf, Result<ChallengeCard, String>)>,
    /// Each scenario's title and one-line description (None: it cannot be read).
    pub scenario_titles: Vec<Option<(Text, Text)>>,
    /// Team name for the next challenge.
    pub team: String,
    /// A saved challenge to resume.
    pub resume: String,
}

/// The most recently saved game in `dir` (`challenge-NAME-TEAM-dayN.ron`, as the window
/// saves them), if any.
pub fn last_save(dir: &Path) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("challenge-") && name.contains("-day") && name.ends_with(".ron")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .max()
        .map(|(_, path)| path)
}

/// The window's text size when it opens.
pub const DEFAULT_ZOOM: f32 = 1.25;

/// What the start screen shows of a challenge.
#[derive(Clone, Debug)]
pub struct ChallengeCard {
    /// Title.
    pub title: Text,
    /// The lesson in one sentence.
    pub lesson: Text,
    /// Who it is for.
    pub audience: crate::challenge::Audience,
    /// About how long a game takes.
    pub minutes: u32,
}

/// One what-if alternative: a split and an optional `PATH=VALUE` override.
#[derive(Clone, Debug, Default)]
pub struct Alternative {
    /// Compared at all.
    pub enabled: bool,
    /// Split (None: the current owners).
    pub split: Option<Preset>,
    /// `PATH=VALUE`, as `salesim --set` takes it.
    pub set: String,
}

/// Interface preferences.
#[derive(Resource)]
pub struct Prefs {
    /// Interface language.
    pub language: Language,
    /// Dark or light.
    pub theme: Theme,
    /// Zoom for the projector.
    pub zoom: f32,
}

/// The game being played and its clock.
#[derive(Resource)]
pub struct Play {
    /// The simulation.
    pub session: Option<Session>,
    /// Counts the sessions begun, so the funnel knows when to start its sprites afresh.
    pub generation: u64,
    /// Running.
    pub playing: bool,
    /// Days per second.
    pub speed: f32,
    /// Fraction of a day owed to the clock.
    pub pending: f32,
    /// Lever edits not yet applied.
    pub draft: Option<LeverState>,
    /// Dashboard tab.
    pub tab: Tab,
    /// Person whose window is open.
    pub selected_person: Option<Entity>,
    /// Opportunity under the pointer.
    pub hover: Option<ItemDetail>,
    /// Where the funnel is drawn (egui points).
    pub funnel_rect: egui::Rect,
    /// Last status line.
    pub message: Option<String>,
    /// Folder for exports.
    pub export_dir: PathBuf,
    /// A picture of the window to save (taken by the Bevy side).
    pub screenshot: Option<PathBuf>,
    /// The glossary window is open.
    pub glossary: bool,
    /// The guided tour's current step, while it runs.
    pub tour: Option<usize>,
    /// Where the tour points: the levers, the dashboards (the funnel is `funnel_rect`).
    pub panels: [egui::Rect; 2],
    /// The most accounts in nurture so far this game: the Prospection lane's reservoir is
    /// drawn against it.
    pub nurture_peak: usize,
}

/// The what-if comparisons.
#[derive(Resource)]
pub struct WhatIfPanel {
    /// Alternatives to the current levers.
    pub alternatives: [Alternative; 3],
    /// The comparison running.
    pub job: Option<WhatIf>,
    /// The last comparison's results.
    pub result: Option<Vec<VariantResult>>,
    /// KPI shown in the chart.
    pub kpi: Kpi,
}

/// Challenge play.
#[derive(Resource, Default)]
pub struct Challenges {
    /// The challenge being played, if any (the simulation is `Play::session`).
    pub mode: Option<challenge::ChallengeMode>,
    /// Hot seat: the teams that finished the current challenge, best first.
    pub hot_seat: Vec<crate::challenge::TeamResult>,
}

/// The window's state, each concern a resource of the Bevy app; `Game` borrows them all for
/// the egui pass.
pub struct WindowState {
    /// Start screen or play (Bevy's `State<Screen>` in the app).
    pub screen: Screen,
    /// Language, theme, zoom.
    pub prefs: Prefs,
    /// The start screen's form.
    pub start: StartForm,
    /// The game in progress.
    pub play: Play,
    /// What-if comparisons.
    pub whatif: WhatIfPanel,
    /// Challenges.
    pub challenges: Challenges,
}

/// Everything the egui pass reads and changes, borrowed from the resources (or from a
/// [`WindowState`] in tests).
pub struct Game<'a> {
    /// Start screen or play.
    pub screen: &'a mut Screen,
    /// Language, theme, zoom.
    pub prefs: &'a mut Prefs,
    /// The start screen's form.
    pub start: &'a mut StartForm,
    /// The game in progress.
    pub play: &'a mut Play,
    /// What-if comparisons.
    pub whatif: &'a mut WhatIfPanel,
    /// Challenges.
    pub challenges: &'a mut Challenges,
}

impl WindowState {
    /// Borrow every part for the egui pass.
    pub fn game(&mut self) -> Game<'_> {
        Game {
            screen: &mut self.screen,
            prefs: &mut self.prefs,
            start: &mut self.start,
            play: &mut self.play,
            whatif: &mut self.whatif,
            challenges: &mut self.challenges,
        }
    }
    /// The start screen, listing the scenarios of `scenario_dir`.
    pub fn new(scenario_dir: &Path, language: Language) -> WindowState {
        let mut scenarios: Vec<PathBuf> = std::fs::read_dir(scenario_dir)
            .map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                    .collect()
            })
            .unwrap_or_default();
        if scenarios.is_empty() {
            // An installed binary away from the repository: the shipped scenarios it holds.
            scenarios = crate::scenario::shipped::SCENARIOS
                .iter()
                .filter(|s| !s.file.contains("/bench/"))
                .map(crate::scenario::shipped::Shipped::path)
                .collect();
        }
        scenarios.sort();
        let path = scenarios
            .iter()
            .find(|p| p.ends_with("default.ron"))
            .or(scenarios.first())
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let challenges = crate::challenge::shipped(&scenario_dir.join("challenges"))
            .into_iter()
            .map(|p| {
                let read = crate::challenge::load(&p)
                    .map(|c| ChallengeCard {
                        title: c.title,
                        lesson: c.lesson,
                        audience: c.audience,
                        minutes: c.minutes,
                    })
                    .map_err(|e| e.to_string());
                (p, read)
            })
            .collect();
        let scenario_titles = scenarios
            .iter()
            .map(|p| {
                crate::scenario::load(p).ok().map(|s| {
                    let both = |en: &str, fr: &str| Text {
                        en: en.to_owned(),
                        fr: if fr.is_empty() { en } else { fr }.to_owned(),
                    };
                    let raw = s.raw();
                    (
                        both(&raw.name, &raw.name_fr),
                        both(&raw.description, &raw.description_fr),
                    )
                })
            })
            .collect();
        WindowState {
            screen: Screen::Start,
            prefs: Prefs {
                language,
                theme: Theme::Dark,
                zoom: DEFAULT_ZOOM,
            },
            start: StartForm {
                scenarios,
                scenario_titles,
                path,
                split: None,
                seed: None,
                error: None,
                challenges,
                team: String::new(),
                // The last game saved here, for "Continue" (saves go to the export folder).
                resume: last_save(Path::new("."))
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
            },
            play: Play {
                session: None,
                generation: 0,
                nurture_peak: 0,
                playing: false,
                speed: 10.0,
                pending: 0.0,
                draft: None,
                tab: Tab::Funnel,
                selected_person: None,
                hover: None,
                funnel_rect: egui::Rect::NOTHING,
                message: None,
                export_dir: PathBuf::from("."),
                screenshot: None,
                glossary: false,
                tour: None,
                panels: [egui::Rect::NOTHING; 2],
            },
            whatif: WhatIfPanel {
                alternatives: Default::default(),
                job: None,
                result: None,
                kpi: Kpi::SignedContracts,
            },
            challenges: Challenges::default(),
        }
    }
}

impl Game<'_> {
    /// Start the game chosen on the start screen (errors stay on the start screen).
    pub fn start_game(&mut self) {
        let mut sets = Vec::new();
        if let Some(p) = self.start.split {
            sets.push(format!("split={}", p.name()));
        }
        match scenario::load_with_overrides(Path::new(&self.start.path), &sets) {
            Ok(s) => {
                let seed = self.start.seed.unwrap_or(s.seed);
                self.begin(Arc::new(s), seed);
            }
            Err(e) => self.start.error = Some(e.to_string()),
        }
    }

    /// Play `scenario` with `seed` from day 0.
    pub fn begin(&mut self, scenario: Arc<Scenario>, seed: u64) {
        self.play.session = Some(Session::new(scenario, seed));
        *self.screen = Screen::Play;
        self.start.error = None;
        self.play.draft = None;
        self.play.pending = 0.0;
        self.play.selected_person = None;
        self.play.hover = None;
        self.play.generation += 1;
        self.play.nurture_peak = 0;
        self.challenges.mode = None;
    }

    /// The same game again, with `seed` (a challenge restarts from its briefing, same team).
    pub fn restart(&mut self, seed: u64) {
        if let Some(c) = &self.challenges.mode {
            let p = &c.progress;
            let (progress, session) =
                crate::challenge::Progress::new(p.challenge.clone(), &p.name, &p.team, seed);
            self.enter_challenge(progress, session);
        } else if let Some(s) = &self.play.session {
            let scenario = s.scenario.clone();
            self.begin(scenario, seed);
        }
    }

    /// Switch language.
    pub fn set_language(&mut self, language: Language) {
        self.prefs.language = language;
    }

    /// Simulate `days` days now (see [`step_days`]).
    pub fn step_days(&mut self, days: u32) {
        step_days(self.play, self.challenges, days);
    }

    /// Apply the lever edits from the next day.
    pub fn apply_draft(&mut self) {
        if let (Some(s), Some(draft)) = (&mut self.play.session, self.play.draft.take()) {
            let changes = draft.changes_from(&s.levers());
            s.apply(changes);
        }
    }

    /// Run the what-if comparison of the current levers against the enabled alternatives.
    pub fn start_whatif(&mut self) {
        let Some(s) = &self.play.session else { return };
        let label = self.prefs.language.t("whatif.current").to_owned();
        let current = match s.levers().as_scenario(&s.scenario) {
            Ok(current) => current,
            Err(errors) => {
                self.play.message = Some(
                    scenario::ScenarioError::Invalid {
                        path: label.into(),
                        errors,
                    }
                    .to_string(),
                );
                return;
            }
        };
        let mut variants = vec![(label, current.clone())];
        for (i, alt) in self.whatif.alternatives.iter().enumerate() {
            if !alt.enabled {
                continue;
            }
            let mut v = current.raw().clone();
            let mut label = format!("{} {}", self.prefs.language.t("whatif.alternative"), i + 1);
            if let Some(p) = alt.split {
                v.split = scenario_split(p);
                label = format!("{label}: {}", p.name());
            }
            let sets: Vec<String> = alt.set.split_whitespace().map(str::to_owned).collect();
            if !sets.is_empty() {
                label = format!("{label} {}", alt.set.trim());
            }
            // Validated like a scenario file: e.g. an SDR bridge without SDRs is refused
            // with the field to set, rather than simulated empty.
            match scenario::override_and_validate(v, &sets, Path::new(&label)) {
                Ok(checked) => variants.push((label, checked)),
                Err(e) => {
                    self.play.message = Some(e.to_string());
                    return;
                }
            }
        }
        self.whatif.result = None;
        self.whatif.job = Some(whatif::start(variants, s.seed));
    }

    /// Set the alternatives to the three presets other than the current split (all four
    /// splits compared), ready to run.
    pub fn four_splits(&mut self) {
        let current = self.play.session.as_ref().map(|s| s.owners());
        let others = Preset::ALL
            .into_iter()
            .filter(|p| Some(p.owners()) != current)
            .take(3);
        for (alt, p) in self.whatif.alternatives.iter_mut().zip(others) {
            *alt = Alternative {
                enabled: true,
                split: Some(p),
                set: String::new(),
            };
        }
    }

    /// Write the run's KPIs (JSON and CSV) to the export folder.
    pub fn export_kpis(&mut self) {
        let Some(s) = &self.play.session else { return };
        let report = s.report();
        let info = BatchInfo {
            scenario: s.scenario.name.clone(),
            split: s.scenario.split.name().into(),
            seed: s.seed,
            days: s.day(),
        };
        let stem = format!("salesim-day{}", s.day());
        let json = self.play.export_dir.join(format!("{stem}.json"));
        let csv = self.play.export_dir.join(format!("{stem}.csv"));
        let game = Batch::of_one(report);
        let result = write_atomic(&json, json_text(&batch_json(&info, &game)).as_bytes())
            .and_then(|()| write_atomic(&csv, &runs_csv(&[("game", &game.runs)])));
        self.play.message = Some(match result {
            Ok(()) => format!(
                "{} {} · {}",
                self.prefs.language.t("export.saved"),
                json.display(),
                csv.display()
            ),
            Err(e) => e.to_string(),
        });
    }

    /// Ask the Bevy side for a PNG of the window (the chart set included).
    pub fn export_charts(&mut self) {
        let day = self.play.session.as_ref().map_or(0, Session::day);
        let path = self
            .play
            .export_dir
            .join(format!("salesim-charts-day{day}.png"));
        self.play.message = Some(format!(
            "{} {}",
            self.prefs.language.t("export.saved"),
            path.display()
        ));
        self.play.screenshot = Some(path);
    }
}

/// Simulate `days` days now. In a challenge, the clock stops at each quarter's end and opens
/// its review until the next decisions are taken.
pub fn step_days(play: &mut Play, challenges: &mut Challenges, days: u32) {
    let Some(s) = &mut play.session else { return };
    for _ in 0..days {
        match &mut challenges.mode {
            Some(c) => {
                if c.progress.awaiting_decisions(s) || s.finished() {
                    play.playing = false;
                    break;
                }
                s.step();
                let before = c.progress.reviews.len();
                c.progress.after_day(s);
                if c.progress.reviews.len() > before {
                    c.review_open = Some(c.progress.reviews.len() as u32);
                    play.playing = false;
                    break;
                }
            }
            None => s.step(),
        }
    }
}

/// Advance the clock by `seconds` of wall time at the chosen speed (at most 50 days a frame,
/// so a slow frame never freezes the window).
pub fn advance(play: &mut Play, challenges: &mut Challenges, seconds: f32) {
    if !play.playing {
        return;
    }
    play.pending += play.speed * seconds;
    let days = (play.pending.floor() as u32).min(50);
    play.pending -= days as f32;
    play.pending = play.pending.min(1.0);
    step_days(play, challenges, days);
    if play.session.as_ref().is_some_and(Session::finished) {
        play.playing = false;
    }
}

fn scenario_split(p: Preset) -> scenario::Split {
    scenario::Split::of_owners(&p.owners())
}

/// Key of a stage's name.
pub fn stage_key(s: Stage) -> &'static str {
    match s {
        Stage::Preparation => "stage.preparation",
        Stage::Prospection => "stage.prospection",
        Stage::Detection => "stage.detection",
        Stage::Qualification => "stage.qualification",
        Stage::Demonstration => "stage.demonstration",
        Stage::Negotiation => "stage.negotiation",
        Stage::Closing => "stage.closing",
    }
}

/// Key of a stage's one-line description (the glossary).
pub fn stage_gloss_key(s: Stage) -> &'static str {
    match s {
        Stage::Preparation => "glossary.preparation",
        Stage::Prospection => "glossary.prospection",
        Stage::Detection => "glossary.detection",
        Stage::Qualification => "glossary.qualification",
        Stage::Demonstration => "glossary.demonstration",
        Stage::Negotiation => "glossary.negotiation",
        Stage::Closing => "glossary.closing",
    }
}

/// A KPI's tooltip: what it measures, and which way is better (from the KPI catalogue).
pub fn kpi_tooltip(k: Kpi, language: Language) -> String {
    let way = match k.direction() {
        crate::kpi::Direction::HigherIsBetter => "kpi.higher_better",
        crate::kpi::Direction::LowerIsBetter => "kpi.lower_better",
        crate::kpi::Direction::Neutral => "kpi.neutral",
    };
    format!("{}\n{}", k.definition(language), language.t(way))
}

/// Key of a stage's short name (narrow lanes).
pub fn stage_short_key(s: Stage) -> &'static str {
    match s {
        Stage::Preparation => "stage_short.preparation",
        Stage::Prospection => "stage_short.prospection",
        Stage::Detection => "stage_short.detection",
        Stage::Qualification => "stage_short.qualification",
        Stage::Demonstration => "stage_short.demonstration",
        Stage::Negotiation => "stage_short.negotiation",
        Stage::Closing => "stage_short.closing",
    }
}

/// Key of an owner's name.
pub fn owner_key(o: Owner) -> &'static str {
    match o {
        Owner::Sales => "owner.sales",
        Owner::Marketing => "owner.marketing",
        Owner::Sdr => "owner.sdr",
        Owner::Shared => "owner.shared",
    }
}

/// Key of an owner's short name (narrow lanes).
pub fn owner_short_key(o: Owner) -> &'static str {
    match o {
        Owner::Sales => "owner_short.sales",
        Owner::Marketing => "owner_short.marketing",
        Owner::Sdr => "owner_short.sdr",
        Owner::Shared => "owner_short.shared",
    }
}

/// Key of a role's name.
pub fn role_key(r: Role) -> &'static str {
    match r {
        Role::Sales => "owner.sales",
        Role::Marketing => "owner.marketing",
        Role::Sdr => "owner.sdr",
    }
}

fn split_key(p: Preset) -> &'static str {
    match p {
        Preset::SalesLed => "split.sales_led",
        Preset::MarketingFront => "split.marketing_front",
        Preset::SharedQualification => "split.shared_qualification",
        Preset::SdrBridge => "split.sdr_bridge",
    }
}

/// The whole window, inside `ui` (the viewport).
pub fn draw(ui: &mut egui::Ui, g: &mut Game) {
    g.poll_challenge();
    match *g.screen {
        Screen::Start => start::start_screen(ui, g),
        Screen::Play => play_screen(ui, g),
    }
}

fn language_picker(ui: &mut egui::Ui, g: &mut Game) {
    ui.horizontal(|ui| {
        ui.label(g.prefs.language.t("ui.language"));
        for l in Language::ALL {
            if ui
                .selectable_label(g.prefs.language == l, l.native_name())
                .clicked()
            {
                g.set_language(l);
            }
        }
        ui.separator();
        ui.label(g.prefs.language.t("ui.theme"));
        for (t, key) in [(Theme::Dark, "ui.dark"), (Theme::Light, "ui.light")] {
            if ui
                .selectable_label(g.prefs.theme == t, g.prefs.language.t(key))
                .clicked()
            {
                g.prefs.theme = t;
            }
        }
        ui.separator();
        ui.label(g.prefs.language.t("ui.text_size"));
        ui.add(egui::Slider::new(&mut g.prefs.zoom, 0.8..=2.0).step_by(0.05));
    });
}

fn play_screen(ui: &mut egui::Ui, g: &mut Game) {
    egui::Panel::top("controls").show(ui, |ui| panels::controls(ui, g));
    // The side panels leave the funnel at least a third of the window, however long their
    // labels (French ones are).
    let width = ui.ctx().content_rect().width();
    let levers = egui::Panel::left("levers")
        .default_size(300.0)
        .max_size((width * 0.27).max(200.0))
        .show(ui, |ui| {
            // Narrower sliders leave their labels room in a narrow panel.
            ui.spacing_mut().slider_width = 90.0;
            egui::ScrollArea::vertical().show(ui, |ui| {
                if g.challenges.mode.is_some() {
                    challenge::panel(ui, g);
                } else {
                    panels::levers(ui, g);
                }
            });
        });
    let dashboards = egui::Panel::right("dashboards")
        .default_size(470.0)
        .max_size((width * 0.38).max(260.0))
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| dashboards::dashboards(ui, g));
        });
    g.play.panels = [levers.response.rect, dashboards.response.rect];
    egui::CentralPanel::no_frame().show(ui, |ui| overlay::funnel_overlay(ui, g));
    tour::tour_window(ui.ctx(), g);
    overlay::person_window(ui.ctx(), g);
    overlay::glossary_window(ui.ctx(), g);
    overlay::hover_tooltip(ui.ctx(), g);
    challenge::review_window(ui.ctx(), g);
}

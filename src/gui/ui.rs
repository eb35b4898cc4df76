//! The window's egui side, written against `egui` alone so that tests drive it headless
//! (egui_kittest): start screen, controls, levers, dashboards, what-if, export, the people
//! strip and the funnel's labels. The funnel's sprites are drawn by Bevy (`funnel.rs`) in
//! the rectangle this module leaves free (`Game::funnel_rect`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy::prelude::Entity;
use egui::{Color32, RichText};
use egui_plot::{Bar, BarChart, BoxElem, BoxPlot, BoxSpread, HLine, Legend, Line, Plot, VLine};

use super::i18n::{Language, Strings};
use super::session::{ItemDetail, LeverState, Session};
use super::theme::{self, Theme};
use super::whatif::{self, VariantResult, WhatIf};
use crate::kpi::{KPIS, id};
use crate::model::culture::Indices;
use crate::model::stage::{Owner, Preset, Role, Stage};
use crate::report::{BatchInfo, batch_json, json_text, runs_csv, write_atomic};
use crate::scenario::{self, Priority, Scenario};

/// Which screen is up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Choose a scenario, split, seed and language.
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
#[derive(Clone, Debug)]
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

/// What the Bevy side is asked to do this frame.
#[derive(Clone, Debug, Default)]
pub struct Requests {
    /// Save a screenshot of the window here.
    pub screenshot: Option<PathBuf>,
    /// Rebuild the funnel's sprites (a new session).
    pub reset_funnel: bool,
}

/// Everything the window holds.
pub struct Game {
    /// Start screen or play.
    pub screen: Screen,
    /// The start screen's form.
    pub start: StartForm,
    /// The game in progress.
    pub session: Option<Session>,
    /// Running.
    pub playing: bool,
    /// Days per second.
    pub speed: f32,
    /// Fraction of a day owed to the clock.
    pub pending: f32,
    /// Interface strings.
    pub strings: Strings,
    /// Dark or light.
    pub theme: Theme,
    /// Zoom for the projector.
    pub zoom: f32,
    /// Lever edits not yet applied.
    pub draft: Option<LeverState>,
    /// Dashboard tab.
    pub tab: Tab,
    /// What-if alternatives.
    pub alternatives: [Alternative; 3],
    /// The comparison running or done.
    pub whatif: Option<WhatIf>,
    /// Its results.
    pub whatif_result: Option<Vec<VariantResult>>,
    /// KPI shown in the what-if chart.
    pub whatif_kpi: usize,
    /// Person whose window is open.
    pub selected_person: Option<Entity>,
    /// Opportunity under the pointer.
    pub hover: Option<ItemDetail>,
    /// Last status line.
    pub message: Option<String>,
    /// Requests to the Bevy side.
    pub requests: Requests,
    /// Where the funnel is drawn (egui points).
    pub funnel_rect: egui::Rect,
    /// Counts of ended opportunities by outcome band (won, 5 losses, nurtured, released).
    pub ended: [u64; 8],
    /// Folder for exports.
    pub export_dir: PathBuf,
}

impl Game {
    /// The start screen, listing the scenarios of `scenario_dir`.
    pub fn new(scenario_dir: &Path, language: Language) -> Game {
        let mut scenarios: Vec<PathBuf> = std::fs::read_dir(scenario_dir)
            .map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                    .collect()
            })
            .unwrap_or_default();
        scenarios.sort();
        let path = scenarios
            .iter()
            .find(|p| p.ends_with("default.ron"))
            .or(scenarios.first())
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        Game {
            screen: Screen::Start,
            start: StartForm {
                scenarios,
                path,
                split: None,
                seed: None,
                error: None,
            },
            session: None,
            playing: false,
            speed: 10.0,
            pending: 0.0,
            strings: Strings::load(language),
            theme: Theme::Dark,
            zoom: 1.25,
            draft: None,
            tab: Tab::Funnel,
            alternatives: Default::default(),
            whatif: None,
            whatif_result: None,
            whatif_kpi: id::SIGNED,
            selected_person: None,
            hover: None,
            message: None,
            requests: Requests::default(),
            funnel_rect: egui::Rect::NOTHING,
            ended: [0; 8],
            export_dir: PathBuf::from("."),
        }
    }

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
        self.session = Some(Session::new(scenario, seed));
        self.screen = Screen::Play;
        self.start.error = None;
        self.draft = None;
        self.pending = 0.0;
        self.ended = [0; 8];
        self.selected_person = None;
        self.hover = None;
        self.requests.reset_funnel = true;
    }

    /// The same game again, with `seed`.
    pub fn restart(&mut self, seed: u64) {
        if let Some(s) = &self.session {
            let scenario = s.scenario.clone();
            self.begin(scenario, seed);
        }
    }

    /// Switch language.
    pub fn set_language(&mut self, language: Language) {
        self.strings = Strings::load(language);
    }

    /// Simulate `days` days now.
    pub fn step_days(&mut self, days: u32) {
        if let Some(s) = &mut self.session {
            for _ in 0..days {
                s.step();
            }
        }
    }

    /// Advance the clock by `seconds` of wall time at the chosen speed (at most 50 days a
    /// frame, so a slow frame never freezes the window).
    pub fn advance(&mut self, seconds: f32) {
        if !self.playing {
            return;
        }
        self.pending += self.speed * seconds;
        let days = (self.pending.floor() as u32).min(50);
        self.pending -= days as f32;
        self.pending = self.pending.min(1.0);
        self.step_days(days);
        if self.session.as_ref().is_some_and(Session::finished) {
            self.playing = false;
        }
    }

    /// Apply the lever edits from the next day.
    pub fn apply_draft(&mut self) {
        if let (Some(s), Some(draft)) = (&mut self.session, self.draft.take()) {
            let changes = draft.changes_from(&s.levers());
            s.apply(changes);
        }
    }

    /// Run the what-if comparison of the current levers against the enabled alternatives.
    pub fn start_whatif(&mut self) {
        let Some(s) = &self.session else { return };
        let current = s.levers().as_scenario(&s.scenario);
        let mut variants = vec![(self.strings.t("whatif.current").to_owned(), current.clone())];
        for (i, alt) in self.alternatives.iter().enumerate() {
            if !alt.enabled {
                continue;
            }
            let mut v = current.clone();
            let mut label = format!("{} {}", self.strings.t("whatif.alternative"), i + 1);
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
                    self.message = Some(e.to_string());
                    return;
                }
            }
        }
        self.whatif_result = None;
        self.whatif = Some(WhatIf::start(variants, s.seed));
    }

    /// Set the alternatives to the three presets other than the current split (all four
    /// splits compared), ready to run.
    pub fn four_splits(&mut self) {
        let current = self.session.as_ref().map(|s| s.owners());
        let others = Preset::ALL
            .into_iter()
            .filter(|p| Some(p.owners()) != current)
            .take(3);
        for (alt, p) in self.alternatives.iter_mut().zip(others) {
            *alt = Alternative {
                enabled: true,
                split: Some(p),
                set: String::new(),
            };
        }
    }

    /// Write the run's KPIs (JSON and CSV) to the export folder.
    pub fn export_kpis(&mut self) {
        let Some(s) = &self.session else { return };
        let report = s.report();
        let info = BatchInfo {
            scenario: s.scenario.name.clone(),
            split: s.scenario.split.name().into(),
            seed: s.seed,
            days: s.day(),
        };
        let stem = format!("salesim-day{}", s.day());
        let json = self.export_dir.join(format!("{stem}.json"));
        let csv = self.export_dir.join(format!("{stem}.csv"));
        let runs = [report];
        let result = write_atomic(&json, json_text(&batch_json(&info, &runs)).as_bytes())
            .and_then(|()| write_atomic(&csv, &runs_csv(&[("game", &runs)])));
        self.message = Some(match result {
            Ok(()) => format!(
                "{} {} · {}",
                self.strings.t("export.saved"),
                json.display(),
                csv.display()
            ),
            Err(e) => e.to_string(),
        });
    }

    /// Ask the Bevy side for a PNG of the window (the chart set included).
    pub fn export_charts(&mut self) {
        let day = self.session.as_ref().map_or(0, Session::day);
        let path = self.export_dir.join(format!("salesim-charts-day{day}.png"));
        self.message = Some(format!(
            "{} {}",
            self.strings.t("export.saved"),
            path.display()
        ));
        self.requests.screenshot = Some(path);
    }
}

fn scenario_split(p: Preset) -> scenario::Split {
    match p {
        Preset::SalesLed => scenario::Split::SalesLed,
        Preset::MarketingFront => scenario::Split::MarketingFront,
        Preset::SharedQualification => scenario::Split::SharedQualification,
        Preset::SdrBridge => scenario::Split::SdrBridge,
    }
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

/// Key of a KPI's label.
pub fn kpi_key(k: usize) -> String {
    format!("kpi.{}", KPIS[k].name)
}

/// The whole window, inside `ui` (the viewport).
pub fn draw(ui: &mut egui::Ui, g: &mut Game) {
    match g.screen {
        Screen::Start => start_screen(ui, g),
        Screen::Play => play_screen(ui, g),
    }
}

fn start_screen(ui: &mut egui::Ui, g: &mut Game) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(24.0);
            ui.heading(RichText::new(g.strings.t("app.title")).size(32.0));
            ui.label(g.strings.t("app.tagline"));
            ui.add_space(16.0);
        });
        language_picker(ui, g);
        ui.separator();
        ui.label(RichText::new(g.strings.t("start.scenario")).strong());
        let files = g.start.scenarios.clone();
        for f in &files {
            let text = f.display().to_string();
            let name = f
                .file_name()
                .map_or(text.clone(), |n| n.to_string_lossy().into_owned());
            ui.radio_value(&mut g.start.path, text, name);
        }
        ui.horizontal(|ui| {
            ui.label(g.strings.t("start.path"));
            ui.text_edit_singleline(&mut g.start.path);
        });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            ui.label(g.strings.t("start.split"));
            let current = g
                .start
                .split
                .map_or(g.strings.t("start.split_scenario"), |p| {
                    g.strings.t(split_key(p))
                })
                .to_owned();
            egui::ComboBox::from_id_salt("start-split")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    ui.selectable_value(
                        &mut g.start.split,
                        None,
                        g.strings.t("start.split_scenario"),
                    );
                    for p in Preset::ALL {
                        ui.selectable_value(&mut g.start.split, Some(p), g.strings.t(split_key(p)));
                    }
                });
        });
        ui.horizontal(|ui| {
            let mut own = g.start.seed.is_none();
            ui.checkbox(&mut own, g.strings.t("start.seed_scenario"));
            if own {
                g.start.seed = None;
            } else {
                let mut seed = g.start.seed.unwrap_or(1);
                ui.add(egui::DragValue::new(&mut seed).range(0..=u64::MAX / 2));
                g.start.seed = Some(seed);
            }
        });
        ui.add_space(12.0);
        if ui
            .button(RichText::new(g.strings.t("start.go")).size(22.0))
            .clicked()
        {
            g.start_game();
        }
        if let Some(e) = &g.start.error {
            ui.colored_label(theme::ERROR, e);
        }
    });
}

fn language_picker(ui: &mut egui::Ui, g: &mut Game) {
    ui.horizontal(|ui| {
        ui.label(g.strings.t("ui.language"));
        for l in Language::ALL {
            if ui
                .selectable_label(g.strings.language() == l, l.native_name())
                .clicked()
            {
                g.set_language(l);
            }
        }
        ui.separator();
        ui.label(g.strings.t("ui.theme"));
        for (t, key) in [(Theme::Dark, "ui.dark"), (Theme::Light, "ui.light")] {
            if ui
                .selectable_label(g.theme == t, g.strings.t(key))
                .clicked()
            {
                g.theme = t;
            }
        }
        ui.separator();
        ui.label(g.strings.t("ui.text_size"));
        ui.add(egui::Slider::new(&mut g.zoom, 0.8..=2.0).step_by(0.05));
    });
}

fn play_screen(ui: &mut egui::Ui, g: &mut Game) {
    egui::Panel::top("controls").show(ui, |ui| controls(ui, g));
    egui::Panel::left("levers")
        .default_size(300.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| levers(ui, g));
        });
    egui::Panel::right("dashboards")
        .default_size(470.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| dashboards(ui, g));
        });
    egui::CentralPanel::no_frame().show(ui, |ui| funnel_overlay(ui, g));
    person_window(ui.ctx(), g);
    hover_tooltip(ui.ctx(), g);
}

fn controls(ui: &mut egui::Ui, g: &mut Game) {
    language_picker(ui, g);
    ui.horizontal(|ui| {
        let (day, days, finished) = g
            .session
            .as_ref()
            .map_or((0, 0, true), |s| (s.day(), s.scenario.days, s.finished()));
        let play_key = if g.playing { "ctl.pause" } else { "ctl.play" };
        if ui
            .add_enabled(!finished, egui::Button::new(g.strings.t(play_key)))
            .clicked()
        {
            g.playing = !g.playing;
        }
        if ui
            .add_enabled(!finished, egui::Button::new(g.strings.t("ctl.step_day")))
            .clicked()
        {
            g.step_days(1);
        }
        if ui
            .add_enabled(!finished, egui::Button::new(g.strings.t("ctl.step_week")))
            .clicked()
        {
            g.step_days(5);
        }
        ui.label(g.strings.t("ctl.speed"));
        ui.add(
            egui::Slider::new(&mut g.speed, 1.0..=50.0)
                .logarithmic(true)
                .suffix(format!(" {}", g.strings.t("ctl.days_per_second"))),
        );
        ui.separator();
        let seed = g.session.as_ref().map_or(1, |s| s.seed);
        if ui.button(g.strings.t("ctl.restart")).clicked() {
            g.restart(seed);
        }
        if ui.button(g.strings.t("ctl.new_seed")).clicked() {
            g.restart(seed.wrapping_add(1));
        }
        if ui.button(g.strings.t("ctl.menu")).clicked() {
            g.playing = false;
            g.screen = Screen::Start;
        }
        ui.separator();
        ui.label(
            RichText::new(format!(
                "{} {day} / {days} · {} {seed}",
                g.strings.t("ctl.day"),
                g.strings.t("ctl.seed")
            ))
            .strong(),
        );
        ui.separator();
        if ui.button(g.strings.t("export.charts")).clicked() {
            g.export_charts();
        }
        if ui.button(g.strings.t("export.kpis")).clicked() {
            g.export_kpis();
        }
    });
    if let Some(m) = &g.message {
        ui.label(RichText::new(m).small());
    }
}

fn levers(ui: &mut egui::Ui, g: &mut Game) {
    let Some(session) = &g.session else { return };
    let live = session.levers();
    let mut draft = g.draft.clone().unwrap_or_else(|| live.clone());
    let t = &g.strings;
    ui.heading(t.t("levers.title"));
    ui.label(RichText::new(t.t("levers.hint")).small());
    ui.separator();
    ui.label(RichText::new(t.t("levers.owners")).strong());
    ui.horizontal_wrapped(|ui| {
        for p in Preset::ALL {
            if ui.small_button(t.t(split_key(p))).clicked() {
                draft.owners = p.owners().0;
            }
        }
    });
    egui::Grid::new("owners").num_columns(2).show(ui, |ui| {
        for s in Stage::ALL {
            ui.label(t.t(stage_key(s)));
            let current = draft.owners[s.index()];
            egui::ComboBox::from_id_salt(("owner", s.index()))
                .selected_text(t.t(owner_key(current)))
                .show_ui(ui, |ui| {
                    for o in [Owner::Sales, Owner::Marketing, Owner::Sdr, Owner::Shared] {
                        ui.selectable_value(&mut draft.owners[s.index()], o, t.t(owner_key(o)));
                    }
                });
            ui.end_row();
        }
    });
    ui.separator();
    ui.label(RichText::new(t.t("levers.headcount")).strong());
    egui::Grid::new("headcount").num_columns(2).show(ui, |ui| {
        for r in Role::ALL {
            ui.label(t.t(role_key(r)));
            ui.add(egui::DragValue::new(&mut draft.headcount[r.index()]).range(0..=500));
            ui.end_row();
        }
    });
    ui.separator();
    ui.label(RichText::new(t.t("levers.policies")).strong());
    ui.add(
        egui::Slider::new(&mut draft.budget, 0.0..=50_000.0)
            .text(t.t("levers.budget"))
            .step_by(500.0),
    );
    ui.horizontal(|ui| {
        ui.radio_value(
            &mut draft.priority,
            Priority::LatestStageFirst,
            t.t("levers.latest_stage_first"),
        );
        ui.radio_value(
            &mut draft.priority,
            Priority::NewLeadsFirst,
            t.t("levers.new_leads_first"),
        );
    });
    ui.checkbox(&mut draft.nurture, t.t("levers.nurture"));
    ui.add(
        egui::Slider::new(&mut draft.max_hours_per_item, 0.05..=8.0)
            .logarithmic(true)
            .text(t.t("levers.max_hours")),
    );
    ui.separator();
    ui.label(RichText::new(t.t("levers.culture")).strong());
    let c = &mut draft.culture;
    for (key, value, max) in [
        ("levers.shared_kpis", &mut c.shared_kpis, 1.0),
        (
            "levers.joint_preparation",
            &mut c.joint_preparation_hours,
            40.0,
        ),
        ("levers.coaching", &mut c.coaching_hours_per_week, 8.0),
        ("levers.training", &mut c.training_hours_per_week, 8.0),
        ("levers.recognition", &mut c.recognition_programme, 1.0),
        ("levers.team_incentives", &mut c.team_incentive_share, 1.0),
        ("levers.crm_discipline", &mut c.crm_discipline, 1.0),
        ("levers.change_support", &mut c.change_support, 1.0),
    ] {
        ui.add(egui::Slider::new(value, 0.0..=max).text(t.t(key)));
    }
    ui.separator();
    let changed = draft != live;
    let (apply, discard) = (
        t.t("levers.apply").to_owned(),
        t.t("levers.discard").to_owned(),
    );
    ui.horizontal(|ui| {
        if ui.add_enabled(changed, egui::Button::new(apply)).clicked() {
            g.draft = Some(draft.clone());
            g.apply_draft();
        } else if ui
            .add_enabled(changed, egui::Button::new(discard))
            .clicked()
        {
            g.draft = None;
        } else {
            g.draft = changed.then_some(draft);
        }
    });
    if let Some(s) = &g.session
        && !s.applied.is_empty()
    {
        ui.separator();
        ui.label(RichText::new(g.strings.t("levers.history")).strong());
        for (day, lever) in s.applied.iter().rev().take(8) {
            ui.label(
                RichText::new(format!(
                    "{} {day}: {}",
                    g.strings.t("ctl.day"),
                    lever_text(lever)
                ))
                .small(),
            );
        }
    }
}

fn lever_text(lever: &scenario::Lever) -> String {
    match lever {
        scenario::Lever::Split(s) => match s.owners() {
            Some(o) => {
                o.0.iter()
                    .map(|x| format!("{x:?}"))
                    .collect::<Vec<_>>()
                    .join("/")
            }
            None => s.name().into(),
        },
        other => format!("{other:?}"),
    }
}

fn dashboards(ui: &mut egui::Ui, g: &mut Game) {
    ui.horizontal(|ui| {
        for (tab, key) in [
            (Tab::Funnel, "tab.funnel"),
            (Tab::Culture, "tab.culture"),
            (Tab::Scorecard, "tab.scorecard"),
            (Tab::WhatIf, "tab.whatif"),
        ] {
            ui.selectable_value(&mut g.tab, tab, g.strings.t(key));
        }
    });
    ui.separator();
    match g.tab {
        Tab::Funnel => funnel_charts(ui, g),
        Tab::Culture => culture_charts(ui, g),
        Tab::Scorecard => scorecard(ui, g),
        Tab::WhatIf => whatif_panel(ui, g),
    }
}

/// Weeks at which levers changed (the scenario's scripted events and the player's), for
/// vertical markers.
fn lever_weeks(g: &Game) -> Vec<f64> {
    g.session.as_ref().map_or(Vec::new(), |s| {
        let scripted = s.scenario.events.iter().map(|e| e.day);
        let played = s.applied.iter().map(|(d, _)| *d);
        let mut w: Vec<f64> = scripted.chain(played).map(|d| f64::from(d) / 5.0).collect();
        w.sort_by(f64::total_cmp);
        w.dedup();
        w
    })
}

fn weekly_series(g: &Game, k: usize) -> Vec<[f64; 2]> {
    g.session.as_ref().map_or(Vec::new(), |s| {
        s.weekly()
            .iter()
            .enumerate()
            .map(|(w, row)| [w as f64 + 1.0, row[k]])
            .collect()
    })
}

fn chart(
    ui: &mut egui::Ui,
    g: &Game,
    id: &str,
    title_key: &str,
    unit_key: &str,
    lines: Vec<(String, Vec<[f64; 2]>, Color32)>,
    reference: Option<(String, f64)>,
) {
    ui.label(RichText::new(g.strings.t(title_key)).strong());
    let marks = lever_weeks(g);
    // A legend for a few lines; the culture chart's seven are named below it instead.
    let several = (2..=3).contains(&lines.len());
    let mut plot = Plot::new(id)
        .height(130.0)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .x_axis_label(g.strings.t("axis.week"))
        .y_axis_label(g.strings.t(unit_key))
        .include_y(0.0);
    if several {
        plot = plot.legend(Legend::default());
    }
    plot.show(ui, |p| {
        for (name, pts, colour) in lines {
            p.line(Line::new(name, pts).color(colour).width(2.0));
        }
        if let Some((name, y)) = reference {
            p.hline(HLine::new(name, y).color(theme::REFERENCE));
        }
        for w in marks {
            p.vline(VLine::new(g.strings.t("chart.lever_change"), w).color(theme::MARK));
        }
    });
}

fn funnel_charts(ui: &mut egui::Ui, g: &mut Game) {
    let series = |k: usize| {
        (
            g.strings.t(&kpi_key(k)).to_owned(),
            weekly_series(g, k),
            theme::SERIES[0],
        )
    };
    chart(
        ui,
        g,
        "projects",
        "kpi.new_projects",
        "unit.per_week",
        vec![series(id::NEW_PROJECTS)],
        None,
    );
    chart(
        ui,
        g,
        "transmissible",
        "kpi.transmissible_ratio",
        "unit.share",
        vec![series(id::TRANSMISSIBLE_RATIO)],
        None,
    );
    // Bookings to date against the quota's straight line.
    let (cum, quota) = g.session.as_ref().map_or((Vec::new(), 0.0), |s| {
        let mut total = 0.0;
        let pts = s
            .weekly()
            .iter()
            .enumerate()
            .map(|(w, row)| {
                total += row[id::BOOKINGS];
                [w as f64 + 1.0, total]
            })
            .collect();
        (pts, s.scenario.quota)
    });
    let weeks = f64::from(g.session.as_ref().map_or(250, |s| s.scenario.days)) / 5.0;
    let fiscal_weeks = f64::from(
        g.session
            .as_ref()
            .map_or(250, |s| s.scenario.fiscal_year_days),
    ) / 5.0;
    let quota_line: Vec<[f64; 2]> = (0..=weeks as usize)
        .map(|w| [w as f64, quota * w as f64 / fiscal_weeks])
        .collect();
    chart(
        ui,
        g,
        "bookings",
        "chart.bookings_vs_quota",
        "unit.money",
        vec![
            (
                g.strings.t("kpi.bookings").to_owned(),
                cum,
                theme::SERIES[0],
            ),
            (
                g.strings.t("chart.quota").to_owned(),
                quota_line,
                theme::REFERENCE,
            ),
        ],
        None,
    );
    chart(
        ui,
        g,
        "win",
        "kpi.win_rate",
        "unit.share",
        vec![series(id::WIN_RATE)],
        None,
    );
    chart(
        ui,
        g,
        "speed",
        "kpi.speed_to_lead_hours",
        "unit.hours",
        vec![series(id::SPEED_TO_LEAD)],
        None,
    );
    chart(
        ui,
        g,
        "selling",
        "kpi.selling_time_ratio",
        "unit.share",
        vec![series(id::SELLING_TIME)],
        None,
    );
    chart(
        ui,
        g,
        "leakage",
        "kpi.leakage",
        "unit.share",
        vec![series(id::LEAKAGE)],
        None,
    );
    chart(
        ui,
        g,
        "cpd",
        "kpi.cost_per_deal",
        "unit.money",
        vec![series(id::COST_PER_DEAL)],
        None,
    );
}

fn culture_charts(ui: &mut egui::Ui, g: &mut Game) {
    let lines: Vec<_> = (0..7)
        .map(|i| {
            let k = id::CULTURE + i;
            (
                g.strings.t(&kpi_key(k)).to_owned(),
                weekly_series(g, k),
                theme::SERIES[i],
            )
        })
        .collect();
    chart(ui, g, "culture", "chart.culture", "unit.index", lines, None);
    ui.label(RichText::new(g.strings.t("chart.culture_now")).strong());
    let now = g.session.as_ref().map_or(Indices::default().values(), |s| {
        let r = s.report();
        std::array::from_fn(|i| r.kpis[id::CULTURE + i])
    });
    let bars: Vec<Bar> = now
        .iter()
        .enumerate()
        .map(|(i, v)| {
            Bar::new(i as f64, *v)
                .name(g.strings.t(&kpi_key(id::CULTURE + i)))
                .fill(theme::SERIES[i])
        })
        .collect();
    Plot::new("culture-bars")
        .height(160.0)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .include_y(0.0)
        .include_y(1.0)
        .y_axis_label(g.strings.t("unit.index"))
        .show(ui, |p| {
            p.bar_chart(BarChart::new(g.strings.t("chart.culture_now"), bars))
        });
    for (i, value) in now.iter().enumerate() {
        ui.label(
            RichText::new(format!(
                "■ {} {value:.2}",
                g.strings.t(&kpi_key(id::CULTURE + i)),
            ))
            .color(theme::SERIES[i]),
        );
    }
}

fn scorecard(ui: &mut egui::Ui, g: &mut Game) {
    chart(
        ui,
        g,
        "scorecard",
        "kpi.scorecard",
        "unit.index",
        vec![(
            g.strings.t("kpi.scorecard").to_owned(),
            weekly_series(g, id::SCORECARD),
            theme::SERIES[0],
        )],
        None,
    );
    let Some(s) = &g.session else { return };
    let r = s.report();
    egui::Grid::new("kpi-table")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for (k, def) in KPIS.iter().enumerate() {
                ui.label(g.strings.t(&kpi_key(k)));
                ui.label(crate::report::fmt_num(r.kpis[k]));
                ui.label(RichText::new(def.unit).small());
                ui.end_row();
            }
        });
}

fn whatif_panel(ui: &mut egui::Ui, g: &mut Game) {
    ui.label(g.strings.t("whatif.hint"));
    for (i, alt) in g.alternatives.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.checkbox(
                &mut alt.enabled,
                format!("{} {}", g.strings.t("whatif.alternative"), i + 1),
            );
            let text = alt
                .split
                .map_or(g.strings.t("whatif.current_owners"), |p| {
                    g.strings.t(split_key(p))
                })
                .to_owned();
            egui::ComboBox::from_id_salt(("alt-split", i))
                .selected_text(text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut alt.split, None, g.strings.t("whatif.current_owners"));
                    for p in Preset::ALL {
                        ui.selectable_value(&mut alt.split, Some(p), g.strings.t(split_key(p)));
                    }
                });
        });
        ui.horizontal(|ui| {
            ui.label(g.strings.t("whatif.set"));
            ui.add(
                egui::TextEdit::singleline(&mut alt.set).hint_text("culture.levers.shared_kpis=1"),
            );
        });
    }
    if ui.button(g.strings.t("whatif.four_splits")).clicked() {
        g.four_splits();
    }
    let running = g.whatif.as_ref().is_some_and(|w| w.result().is_none());
    if ui
        .add_enabled(
            !running,
            egui::Button::new(format!(
                "{} ({} × {})",
                g.strings.t("whatif.run"),
                whatif::RUNS,
                g.strings.t("whatif.seeds")
            )),
        )
        .clicked()
    {
        g.start_whatif();
    }
    if let Some(w) = &g.whatif {
        match w.result() {
            None => {
                ui.add(egui::ProgressBar::new(w.progress()).show_percentage());
                ui.ctx().request_repaint();
            }
            Some(r) => g.whatif_result = Some(r),
        }
    }
    let Some(results) = g.whatif_result.clone() else {
        return;
    };
    ui.separator();
    ui.horizontal(|ui| {
        ui.label(g.strings.t("whatif.kpi"));
        egui::ComboBox::from_id_salt("whatif-kpi")
            .selected_text(g.strings.t(&kpi_key(g.whatif_kpi)).to_owned())
            .show_ui(ui, |ui| {
                for k in 0..KPIS.len() {
                    ui.selectable_value(&mut g.whatif_kpi, k, g.strings.t(&kpi_key(k)));
                }
            });
    });
    let k = g.whatif_kpi;
    let boxes: Vec<BoxElem> = results
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let s = v.stats[k];
            BoxElem::new(i as f64, BoxSpread::new(s.p05, s.p05, s.p50, s.p95, s.p95))
                .name(&v.label)
                .fill(theme::SERIES[i].gamma_multiply(0.5))
                .stroke(egui::Stroke::new(2.0, theme::SERIES[i]))
        })
        .collect();
    Plot::new("whatif-bands")
        .height(180.0)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .y_axis_label(format!("{} ({})", g.strings.t(&kpi_key(k)), KPIS[k].unit))
        .x_axis_label(g.strings.t("whatif.band"))
        .show(ui, |p| {
            p.box_plot(BoxPlot::new(g.strings.t("whatif.band"), boxes))
        });
    for (i, v) in results.iter().enumerate() {
        ui.label(RichText::new(format!("{} {}", i, v.label)).color(theme::SERIES[i]));
    }
    ui.separator();
    ui.label(RichText::new(g.strings.t("whatif.differences")).strong());
    egui::Grid::new("whatif-table")
        .striped(true)
        .show(ui, |ui| {
            ui.label("");
            for v in &results {
                ui.label(RichText::new(&v.label).strong());
            }
            ui.end_row();
            for k in [
                id::NEW_PROJECTS,
                id::TRANSMISSIBLE_RATIO,
                id::SIGNED,
                id::BOOKINGS,
                id::WIN_RATE,
                id::LEAKAGE,
                id::SPEED_TO_LEAD,
                id::COST_PER_DEAL,
                id::CULTURE,
                id::CULTURE + 1,
                id::SCORECARD,
            ] {
                ui.label(g.strings.t(&kpi_key(k)));
                for v in &results {
                    let mean = crate::report::fmt_num(v.stats[k].mean);
                    let text = match v.diff[k] {
                        None => mean,
                        Some(d) => format!(
                            "{mean}  Δ{:+.3} [{:+.3}, {:+.3}]{}",
                            d.mean,
                            d.low,
                            d.high,
                            if d.significant() { " *" } else { "" }
                        ),
                    };
                    ui.label(text);
                }
                ui.end_row();
            }
        });
    ui.label(RichText::new(g.strings.t("whatif.legend")).small());
}

/// The text of `key`, or of `short` when it is wider than `width` (narrow lanes on a small
/// screen would otherwise break words in the middle).
fn fitting(
    painter: &egui::Painter,
    strings: &Strings,
    key: &str,
    short: &str,
    width: f32,
) -> String {
    let full = strings.t(key).to_owned();
    let font = egui::FontId::proportional(11.0);
    let wide = painter
        .layout_no_wrap(full.clone(), font, egui::Color32::WHITE)
        .size()
        .x;
    if wide <= width {
        full
    } else {
        strings.t(short).to_owned()
    }
}

/// Lane titles, counts and the people strip, over the Bevy funnel.
fn funnel_overlay(ui: &mut egui::Ui, g: &mut Game) {
    let rect = ui.max_rect();
    g.funnel_rect = rect;
    let Some(s) = &mut g.session else { return };
    let layout = super::layout::Layout::new(rect);
    let owners = s.owners();
    let painter = ui.painter().clone();
    let text_colour = g.theme.text();
    let items = s.items();
    let mut counts = [0usize; 7];
    for i in &items {
        counts[i.stage.index()] += 1;
    }
    // Wrapped to the lane's width: lanes are narrow on a small screen.
    let label = |pos: egui::Pos2, text: String, width: f32, size: f32| {
        let galley = painter.layout(
            text,
            egui::FontId::proportional(size),
            text_colour,
            width.max(8.0),
        );
        painter.galley(pos, galley, text_colour);
    };
    for st in Stage::ALL {
        let lane = layout.lane(st.index());
        let owner = owners.of(st);
        label(
            lane.left_top() + egui::vec2(2.0, -layout.title_height),
            format!(
                "{}\n{}",
                fitting(
                    &painter,
                    &g.strings,
                    stage_key(st),
                    stage_short_key(st),
                    lane.width() - 2.0
                ),
                fitting(
                    &painter,
                    &g.strings,
                    owner_key(owner),
                    owner_short_key(owner),
                    lane.width() - 2.0
                ),
            ),
            lane.width() - 2.0,
            11.0,
        );
        label(
            lane.left_top() + egui::vec2(3.0, 3.0),
            counts[st.index()].to_string(),
            lane.width() - 4.0,
            12.0,
        );
    }
    let out = layout.outcome_column();
    label(
        out.left_top() + egui::vec2(2.0, -layout.title_height),
        g.strings.t("outcome.title").to_owned(),
        out.width(),
        11.0,
    );
    for (band, key) in [
        "outcome.won",
        "outcome.disqualified",
        "outcome.handoff",
        "outcome.cold",
        "outcome.competitor",
        "outcome.no_decision",
        "outcome.nurtured",
    ]
    .iter()
    .enumerate()
    {
        let r = layout.outcome_band(band);
        let count = if band == 6 {
            s.nurtured() as u64
        } else {
            g.ended[band]
        };
        label(
            r.left_top() + egui::vec2(3.0, 2.0),
            format!("{} {count}", g.strings.t(key)),
            r.width() - 4.0,
            11.0,
        );
    }
    // People: one bar each, hours worked over hours available, coloured by role.
    let people = s.people();
    let strip = layout.people_strip();
    painter.text(
        strip.left_top(),
        egui::Align2::LEFT_TOP,
        g.strings.t("people.title"),
        egui::FontId::proportional(12.0),
        text_colour,
    );
    let n = people.len().max(1) as f32;
    let w = ((strip.width() - 4.0) / n).clamp(2.0, 18.0);
    let top = strip.top() + 16.0;
    let h = strip.bottom() - top;
    for (i, p) in people.iter().enumerate() {
        let x = strip.left() + i as f32 * w;
        let full = egui::Rect::from_min_size(egui::pos2(x, top), egui::vec2((w - 1.0).max(1.0), h));
        painter.rect_filled(full, 1.0, theme::role_colour(p.role).gamma_multiply(0.25));
        let load = if p.available > 0.0 {
            (p.worked / p.available).clamp(0.0, 1.0)
        } else {
            0.0
        } as f32;
        let used = egui::Rect::from_min_max(
            egui::pos2(full.left(), full.bottom() - h * load),
            full.right_bottom(),
        );
        painter.rect_filled(used, 1.0, theme::role_colour(p.role));
        let response = ui.interact(full, ui.id().with(("person", i)), egui::Sense::click());
        if response.clicked() {
            g.selected_person = Some(p.entity);
        }
        response.on_hover_text(format!(
            "{} #{} · {:.1} / {:.1} h · {} {}",
            g.strings.t(role_key(p.role)),
            p.id,
            p.worked,
            p.available,
            p.queue,
            g.strings.t("people.items")
        ));
    }
}

fn person_window(ctx: &egui::Context, g: &mut Game) {
    let Some(e) = g.selected_person else { return };
    let Some(s) = &mut g.session else { return };
    let Some(p) = s.people().into_iter().find(|p| p.entity == e) else {
        g.selected_person = None;
        return;
    };
    let mut open = true;
    egui::Window::new(format!("{} #{}", g.strings.t(role_key(p.role)), p.id))
        .open(&mut open)
        .show(ctx, |ui| {
            ui.label(format!(
                "{}: {:.1} / {:.1} h · {}: {}",
                g.strings.t("people.today"),
                p.worked,
                p.available,
                g.strings.t("people.queue"),
                p.queue
            ));
            ui.label(RichText::new(g.strings.t("people.week_hours")).strong());
            let bars: Vec<Bar> = Stage::ALL
                .iter()
                .map(|st| {
                    Bar::new(st.index() as f64, p.week_hours[st.index()])
                        .name(g.strings.t(stage_key(*st)))
                })
                .collect();
            Plot::new("person-hours")
                .height(120.0)
                .width(420.0)
                .allow_scroll(false)
                .allow_zoom(false)
                .allow_drag(false)
                .include_y(0.0)
                .y_axis_label(g.strings.t("unit.hours"))
                .show(ui, |pl| {
                    pl.bar_chart(
                        BarChart::new(g.strings.t("people.week_hours"), bars)
                            .color(theme::role_colour(p.role)),
                    )
                });
            // The bars in words: stage names do not fit under them.
            let worked: Vec<String> = Stage::ALL
                .iter()
                .filter(|st| p.week_hours[st.index()] > 0.0)
                .map(|st| {
                    format!(
                        "{} {:.1} h",
                        g.strings.t(stage_key(*st)),
                        p.week_hours[st.index()]
                    )
                })
                .collect();
            ui.label(RichText::new(worked.join(" · ")).small());
            ui.label(RichText::new(g.strings.t("people.skills")).strong());
            for (key, v) in [
                ("people.qualify", p.skills.qualify),
                ("people.demo", p.skills.demo),
                ("people.negotiate", p.skills.negotiate),
                ("people.close", p.skills.close),
            ] {
                ui.add(
                    egui::ProgressBar::new(v as f32).text(format!("{} {v:.2}", g.strings.t(key))),
                );
            }
        });
    if !open {
        g.selected_person = None;
    }
}

fn hover_tooltip(ctx: &egui::Context, g: &Game) {
    let (Some(d), Some(pos)) = (&g.hover, ctx.pointer_hover_pos()) else {
        return;
    };
    let t = &g.strings;
    egui::Area::new(egui::Id::new("opportunity-tooltip"))
        .order(egui::Order::Tooltip)
        .fixed_pos(pos + egui::vec2(14.0, 14.0))
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(RichText::new(format!("{} #{}", t.t("hover.opportunity"), d.id)).strong());
                ui.label(format!("{}: {}", t.t("hover.segment"), d.segment));
                ui.label(format!(
                    "{}: {}",
                    t.t("hover.value"),
                    crate::report::fmt_num(d.value)
                ));
                ui.label(format!("{}: {:.2}", t.t("hover.fit"), d.fit));
                ui.label(format!(
                    "{}: {} · {} {}",
                    t.t(stage_key(d.stage)),
                    t.t(role_key(d.owner)),
                    d.stage_age,
                    t.t("hover.days")
                ));
                ui.label(format!("{}: {:.2}", t.t("hover.info"), d.info));
                ui.label(format!(
                    "{}: {:.2}",
                    t.t("hover.relationship"),
                    d.relationship
                ));
            });
        });
}

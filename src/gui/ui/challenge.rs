//! Challenge mode: the briefing and the quarter's open levers in the left panel, the
//! quarter played on the live funnel, a review window at each quarter end, the debrief
//! (computed in the background) with its HTML export, saves, and hot-seat teams with a
//! leaderboard.

use super::*;
use crate::challenge::{self, Debrief, Decision, Progress, QuarterReview, REVIEW_KPIS, TeamResult};
use crate::gui::background::Background;

/// Seeds the window's debrief compares on.
pub const DEBRIEF_SEEDS: usize = 20;

/// A debrief being computed in the background.
pub type DebriefJob = Background<Debrief>;

fn start_debrief(progress: Progress, year: crate::kpi::KpiValues) -> DebriefJob {
    let total = challenge::debrief_runs(&progress, DEBRIEF_SEEDS);
    Background::start(total, move |tick| {
        challenge::debrief(&progress, &year, DEBRIEF_SEEDS, tick)
    })
}

/// A challenge being played in the window.
pub struct ChallengeMode {
    /// Decisions, reviews, budget (the simulation is the window's session).
    pub progress: Progress,
    /// The next quarter's decisions as edited so far (only levers moved from their value).
    pub edits: Vec<Decision>,
    /// The review window shown (quarter, 1-based).
    pub review_open: Option<u32>,
    /// The debrief being computed.
    pub job: Option<DebriefJob>,
    /// The debrief, once computed.
    pub debrief: Option<Debrief>,
    /// Another team's decisions file to add to the leaderboard (workshops across machines).
    pub import: String,
}

impl Game<'_> {
    /// Start a challenge file with the start screen's team name (errors stay on the start
    /// screen).
    pub fn start_challenge(&mut self, path: &Path) {
        match challenge::load(path) {
            Ok(c) => {
                let seed = c.scenario.seed;
                let team = self.start.team.trim().to_owned();
                let (progress, session) =
                    Progress::new(Arc::new(c), &challenge::name_of(path), &team, seed);
                self.enter_challenge(progress, session);
            }
            Err(e) => self.start.error = Some(e.to_string()),
        }
    }

    /// Resume a saved challenge (the start screen's path).
    pub fn resume_challenge(&mut self) {
        let save = PathBuf::from(self.start.resume.trim());
        let loaded = challenge::load_decisions(&save).map_err(|e| e.to_string());
        let result = loaded.and_then(|saved| {
            let file = challenge::resolve(&saved.challenge);
            let c = challenge::load(&file).map_err(|e| e.to_string())?;
            challenge::Game::replay(Arc::new(c), &saved.challenge, &saved).map_err(|errors| {
                let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
                format!("{}: {}", save.display(), list.join("; "))
            })
        });
        match result {
            Ok(game) => {
                let challenge::Game { progress, session } = game;
                self.enter_challenge(progress, session);
            }
            Err(e) => self.start.error = Some(e),
        }
    }

    pub(super) fn enter_challenge(&mut self, progress: Progress, session: Session) {
        let scenario = session.scenario.clone();
        let seed = session.seed;
        self.begin(scenario, seed);
        self.play.session = Some(session);
        self.play.playing = false;
        self.challenges.mode = Some(ChallengeMode {
            progress,
            edits: Vec::new(),
            review_open: None,
            job: None,
            debrief: None,
            import: String::new(),
        });
    }

    /// Whether a challenge waits for the next quarter's decisions.
    pub fn awaiting_decisions(&self) -> bool {
        match (&self.challenges.mode, &self.play.session) {
            (Some(c), Some(s)) => c.progress.awaiting_decisions(s),
            _ => false,
        }
    }

    /// Take the edited decisions and play the quarter.
    pub fn play_quarter(&mut self) {
        let (Some(c), Some(s)) = (&mut self.challenges.mode, &mut self.play.session) else {
            return;
        };
        match c.progress.decide(s, std::mem::take(&mut c.edits)) {
            Ok(()) => {
                c.review_open = None;
                self.play.playing = true;
            }
            Err(errors) => {
                self.play.message = Some(
                    errors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            }
        }
    }

    /// Write the game so far to `challenge-<team>-day<D>.ron` in the export folder.
    pub fn save_challenge(&mut self) {
        let (Some(c), Some(s)) = (&self.challenges.mode, &self.play.session) else {
            return;
        };
        let team = if c.progress.team.is_empty() {
            "solo".to_owned()
        } else {
            c.progress
                .team
                .replace(|ch: char| !ch.is_alphanumeric(), "_")
        };
        let path = self.play.export_dir.join(format!(
            "challenge-{}-{team}-day{}.ron",
            c.progress.name,
            s.day()
        ));
        let text = challenge::decisions_ron(&c.progress.save(s));
        self.play.message = Some(match write_atomic(&path, text.as_bytes()) {
            Ok(()) => format!(
                "{} {}",
                self.prefs.language.t("export.saved"),
                path.display()
            ),
            Err(e) => e.to_string(),
        });
    }

    /// Write the debrief report (HTML) to the export folder.
    pub fn export_report(&mut self) {
        let (Some(c), Some(s)) = (&self.challenges.mode, &self.play.session) else {
            return;
        };
        let Some(d) = &c.debrief else { return };
        // In a hot-seat workshop, the report carries the leaderboard, this team included.
        let board = if self.challenges.hot_seat.is_empty() {
            Vec::new()
        } else {
            let mut board = self.challenges.hot_seat.clone();
            board.push(team_result(&c.progress, d));
            challenge::rank(&mut board);
            board
        };
        let html = challenge::html::challenge_report(
            &c.progress,
            &s.report().kpis,
            d,
            &board,
            self.prefs.language,
        );
        let path = self
            .play
            .export_dir
            .join(format!("debrief-{}.html", c.progress.name));
        self.play.message = Some(match write_atomic(&path, html.as_bytes()) {
            Ok(()) => format!(
                "{} {}",
                self.prefs.language.t("export.saved"),
                path.display()
            ),
            Err(e) => e.to_string(),
        });
    }

    /// Hot seat: record this team's year and start the same challenge on the same seed for
    /// the next team.
    pub fn next_team(&mut self) {
        let Some(c) = self.challenges.mode.take() else {
            return;
        };
        if let Some(d) = &c.debrief {
            self.challenges.hot_seat.push(team_result(&c.progress, d));
            challenge::rank(&mut self.challenges.hot_seat);
        }
        self.start.team = format!(
            "{} {}",
            self.prefs.language.t("challenge.team"),
            self.challenges.hot_seat.len() + 1
        );
        let challenge = c.progress.challenge.clone();
        let (progress, session) = Progress::new(
            challenge,
            &c.progress.name,
            &self.start.team.clone(),
            c.progress.seed,
        );
        self.enter_challenge(progress, session);
    }

    /// Workshops across machines: add another team's decisions file (or save) to the
    /// leaderboard, its year played on this game's seeds.
    pub fn import_team(&mut self) {
        let Some(c) = &self.challenges.mode else {
            return;
        };
        let p = &c.progress;
        let path = PathBuf::from(c.import.trim());
        match challenge::load_team(&p.challenge, &p.name, &path, p.seed) {
            Ok(d) => {
                let seeds: Vec<u64> = (0..DEBRIEF_SEEDS as u64)
                    .map(|i| p.seed.wrapping_add(i))
                    .collect();
                let mut board = challenge::leaderboard(&p.challenge, &[d], &seeds, &|| {});
                self.challenges.hot_seat.append(&mut board);
                challenge::rank(&mut self.challenges.hot_seat);
                self.play.message = None;
            }
            Err(e) => self.play.message = Some(e.to_string()),
        }
    }

    /// Per frame: start the debrief when the year is over, collect it when done.
    pub fn poll_challenge(&mut self) {
        let (Some(c), Some(s)) = (&mut self.challenges.mode, &self.play.session) else {
            return;
        };
        if s.finished() && c.debrief.is_none() && c.job.is_none() {
            c.job = Some(start_debrief(c.progress.clone(), s.report().kpis));
        }
        if let Some(d) = c.job.as_mut().and_then(DebriefJob::poll) {
            c.debrief = Some(d);
            c.job = None;
        }
    }
}

fn team_result(progress: &Progress, d: &Debrief) -> TeamResult {
    TeamResult {
        team: progress.team.clone(),
        result: d.strategies[0].clone(),
    }
}

/// The left panel in challenge mode.
pub(super) fn panel(ui: &mut egui::Ui, g: &mut Game) {
    let lang = g.prefs.language;
    let Some(c) = &g.challenges.mode else { return };
    let ch = c.progress.challenge.clone();
    ui.heading(ch.title.get(lang));
    if !c.progress.team.is_empty() {
        ui.label(
            RichText::new(format!(
                "{}: {}",
                g.prefs.language.t("challenge.team"),
                c.progress.team
            ))
            .strong(),
        );
    }
    egui::CollapsingHeader::new(g.prefs.language.t("challenge.briefing"))
        .default_open(c.progress.decided.is_empty())
        .show(ui, |ui| {
            ui.label(ch.briefing.get(lang));
        });
    ui.label(format!(
        "{}: {}",
        g.prefs.language.t("challenge.budget_left"),
        challenge::short_number(c.progress.challenge.budget - c.progress.spent)
    ));
    ui.separator();
    let Some(s) = &g.play.session else { return };
    let awaiting = c.progress.awaiting_decisions(s);
    let quarter = c.progress.decided.len() as u32 + u32::from(awaiting);
    if s.finished() {
        ui.label(RichText::new(g.prefs.language.t("challenge.year_done")).strong());
    } else {
        ui.label(
            RichText::new(format!(
                "{} {quarter} / {}",
                g.prefs.language.t("challenge.quarter"),
                ch.quarters
            ))
            .strong(),
        );
    }
    if awaiting {
        decisions_editor(ui, g, quarter);
    } else if !s.finished() {
        ui.label(g.prefs.language.t("challenge.playing"));
    }
    ui.separator();
    let reviews = g
        .challenges
        .mode
        .as_ref()
        .map_or(0, |c| c.progress.reviews.len());
    ui.horizontal_wrapped(|ui| {
        for q in 1..=reviews as u32 {
            if ui
                .button(format!("{} Q{q}", g.prefs.language.t("challenge.review")))
                .clicked()
                && let Some(c) = &mut g.challenges.mode
            {
                c.review_open = Some(q);
            }
        }
    });
    if ui.button(g.prefs.language.t("challenge.save")).clicked() {
        g.save_challenge();
    }
    debrief_section(ui, g);
}

/// An open lever's range and cost, in the interface's language.
fn lever_text(language: Language, l: &challenge::OpenLever) -> String {
    let range = if l.knob.numeric() {
        format!(
            "{}–{} · ",
            challenge::short_number(l.min),
            challenge::short_number(l.max)
        )
    } else {
        String::new()
    };
    let cost = match (l.cost > 0.0, l.knob.numeric()) {
        (false, _) => language.t("challenge.free").to_owned(),
        (true, numeric) => format!(
            "{} {} {}",
            language.t("challenge.cost_label"),
            challenge::short_number(l.cost),
            language.t(if numeric {
                "challenge.per_unit"
            } else {
                "challenge.per_change"
            })
        ),
    };
    let from = if l.from_quarter > 1 {
        format!(
            " · {} {}",
            language.t("challenge.from_quarter"),
            l.from_quarter
        )
    } else {
        String::new()
    };
    format!("{range}{cost}{from}")
}

fn decisions_editor(ui: &mut egui::Ui, g: &mut Game, quarter: u32) {
    let (Some(c), Some(s)) = (&mut g.challenges.mode, &g.play.session) else {
        return;
    };
    let state = s.levers();
    let open: Vec<challenge::OpenLever> = c
        .progress
        .challenge
        .levers
        .iter()
        .filter(|l| l.from_quarter <= quarter)
        .cloned()
        .collect();
    ui.label(RichText::new(g.prefs.language.t("challenge.decide")).strong());
    for lever in &open {
        let now = state.get(lever.knob);
        let value = c
            .edits
            .iter()
            .find(|d| d.lever() == lever.knob)
            .cloned()
            .unwrap_or_else(|| now.clone());
        ui.label(RichText::new(lever_text(g.prefs.language, lever)).small());
        let value = panels::lever_widget(ui, g.prefs.language, &value, (lever.min, lever.max));
        c.edits.retain(|d| d.lever() != lever.knob);
        if value != now {
            c.edits.push(value);
        }
    }
    // Keep the edits in the lever table's order, so the decisions file reads like the panel.
    c.edits.sort_by_key(|d| d.lever() as usize);
    let check = c.progress.check(s, &c.edits);
    let mut play = false;
    match &check {
        Ok(cost) => {
            ui.label(format!(
                "{}: {}",
                g.prefs.language.t("challenge.cost"),
                challenge::short_number(*cost)
            ));
            play = ui
                .button(
                    RichText::new(format!(
                        "▶ {} {quarter}",
                        g.prefs.language.t("challenge.play_quarter")
                    ))
                    .strong(),
                )
                .clicked();
        }
        Err(errors) => {
            for e in errors {
                ui.colored_label(Color32::from_rgb(0xD5, 0x5E, 0x00), e.message.clone());
            }
        }
    }
    if play {
        g.play_quarter();
    }
}

fn debrief_section(ui: &mut egui::Ui, g: &mut Game) {
    let lang = g.prefs.language;
    let Some(c) = &g.challenges.mode else { return };
    if let Some(job) = &c.job {
        ui.label(g.prefs.language.t("challenge.debrief_running"));
        ui.add(egui::ProgressBar::new(job.progress()).show_percentage());
        ui.ctx().request_repaint();
    }
    let Some(d) = c.debrief.clone() else {
        hot_seat_board(ui, g);
        return;
    };
    ui.separator();
    ui.heading(g.prefs.language.t("challenge.debrief"));
    ui.label(
        RichText::new(format!(
            "{}: {:.1} / 100",
            g.prefs.language.t("challenge.score"),
            d.score()
        ))
        .size(22.0)
        .strong(),
    );
    egui::Grid::new("debrief-strategies")
        .striped(true)
        .show(ui, |ui| {
            ui.label("");
            ui.label(g.prefs.language.t("challenge.this_seed"));
            ui.label(g.prefs.language.t("challenge.mean"));
            ui.end_row();
            // Coloured as their bars below.
            for (i, s) in d.strategies.iter().enumerate() {
                ui.colored_label(theme::SERIES[i], s.name.get(lang));
                ui.label(format!("{:.1}", s.score()));
                ui.label(format!("{:.1}", s.mean()));
                ui.end_row();
            }
        });
    scores_chart(ui, &d, lang);
    ui.label(RichText::new(g.prefs.language.t("challenge.top_decisions")).strong());
    if d.attributions.is_empty() {
        ui.label(g.prefs.language.t("challenge.no_decision"));
    }
    for a in &d.attributions {
        ui.label(format!(
            "Q{} {}: {:+.1} ({:+.1} … {:+.1})",
            a.quarter,
            challenge::decision_label(&a.decision),
            a.effect,
            a.low,
            a.high
        ));
    }
    for e in &d.explanations {
        ui.label(format!("• {}", e.get(lang)));
    }
    ui.label(
        RichText::new(format!(
            "{} {}",
            g.prefs.language.t("challenge.lesson"),
            c.progress.challenge.lesson.get(lang)
        ))
        .italics(),
    );
    ui.horizontal(|ui| {
        if ui
            .button(g.prefs.language.t("challenge.export_report"))
            .clicked()
        {
            g.export_report();
        }
        if ui
            .button(g.prefs.language.t("challenge.next_team"))
            .clicked()
        {
            g.next_team();
        }
    });
    hot_seat_board(ui, g);
}

/// The three strategies' mean scores over the seeds (you, naive, good), as bars coloured
/// like their names in the table above.
fn scores_chart(ui: &mut egui::Ui, d: &Debrief, lang: Language) {
    let bars: Vec<Bar> = d
        .strategies
        .iter()
        .enumerate()
        .map(|(i, s)| {
            Bar::new(i as f64, s.mean())
                .name(s.name.get(lang))
                .fill(theme::SERIES[i])
        })
        .collect();
    Plot::new("debrief-scores")
        .height(120.0)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .include_y(0.0)
        .include_y(100.0)
        .show_x(false)
        .show_axes([false, true])
        .show(ui, |p| p.bar_chart(BarChart::new("debrief-scores", bars)));
}

fn hot_seat_board(ui: &mut egui::Ui, g: &mut Game) {
    let mut import = false;
    if let Some(c) = g.challenges.mode.as_mut().filter(|c| c.debrief.is_some()) {
        // One widget a line: the panel is narrow.
        ui.label(g.prefs.language.t("challenge.import"));
        ui.text_edit_singleline(&mut c.import);
        import = ui
            .button(g.prefs.language.t("challenge.import_go"))
            .clicked();
    }
    if import {
        g.import_team();
    }
    if g.challenges.hot_seat.is_empty() {
        return;
    }
    ui.separator();
    ui.label(RichText::new(g.prefs.language.t("challenge.leaderboard")).strong());
    egui::Grid::new("hot-seat").striped(true).show(ui, |ui| {
        for (i, t) in g.challenges.hot_seat.iter().enumerate() {
            ui.label(format!("{}. {}", i + 1, t.team));
            ui.label(format!("{:.1}", t.result.mean()));
            ui.label(format!("({:.1})", t.result.score()));
            ui.label(
                t.result
                    .quarters
                    .iter()
                    .enumerate()
                    .map(|(q, ds)| format!("Q{} {}", q + 1, challenge::decisions_line(ds, "–")))
                    .collect::<Vec<_>>()
                    .join(" · "),
            );
            ui.end_row();
        }
    });
}

/// The quarter review window, while one is open.
pub(super) fn review_window(ctx: &egui::Context, g: &mut Game) {
    let lang = g.prefs.language;
    let Some(c) = &g.challenges.mode else { return };
    let Some(q) = c.review_open else { return };
    let Some(r): Option<QuarterReview> = c.progress.reviews.get(q as usize - 1).cloned() else {
        return;
    };
    let mut open = true;
    egui::Window::new(format!(
        "{} — {} {q}",
        g.prefs.language.t("challenge.review"),
        g.prefs.language.t("challenge.quarter")
    ))
    .id(egui::Id::new("quarter-review"))
    .collapsible(false)
    .default_width(520.0)
    .pivot(egui::Align2::CENTER_CENTER)
    .default_pos(g.play.funnel_rect.center())
    .open(&mut open)
    .show(ctx, |ui| {
        let decided = challenge::decisions_line(&r.decisions, "–");
        ui.label(format!(
            "{}: {decided} ({} {})",
            g.prefs.language.t("challenge.decisions"),
            g.prefs.language.t("challenge.cost"),
            challenge::short_number(r.cost)
        ));
        for n in &r.news {
            ui.colored_label(Color32::from_rgb(0xE6, 0x9F, 0x00), n.get(lang));
        }
        egui::Grid::new("review-kpis").striped(true).show(ui, |ui| {
            for pair in REVIEW_KPIS.chunks(2) {
                for &k in pair {
                    ui.label(k.label(g.prefs.language))
                        .on_hover_text(super::kpi_tooltip(k, g.prefs.language));
                    ui.label(RichText::new(k.format(r.kpis[k], g.prefs.language)).strong());
                }
                ui.end_row();
            }
        });
        for e in &r.explanations {
            ui.label(format!("• {}", e.get(lang)));
        }
    });
    if !open && let Some(c) = &mut g.challenges.mode {
        c.review_open = None;
    }
}

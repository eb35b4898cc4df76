//! `salesim challenge` (list, show, play, workshop) and `salesim report` (the HTML debrief
//! of a challenge, a workshop or a comparison).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, Subcommand};

use super::{CliError, CompareArgs, check_outputs, emit, progress, same_path};
use crate::challenge::{
    self, Challenge, Debrief, Decisions, Game, QuarterReview, REVIEW_KPIS, TeamResult, fmt_kpi,
    html,
};
use crate::i18n::Language;
use crate::kpi::Kpi;
use crate::report::write_atomic;
use crate::scenario::{FieldError, ScenarioError};

/// `salesim challenge`.
#[derive(Args, Debug)]
pub struct ChallengeArgs {
    #[command(subcommand)]
    #[allow(missing_docs)]
    pub command: ChallengeCommand,
}

/// What to do with challenges.
#[derive(Subcommand, Debug)]
pub enum ChallengeCommand {
    /// List the shipped challenges (scenarios/challenges/).
    List,
    /// Print a challenge's briefing, open levers, events and objectives.
    Show(ShowChallengeArgs),
    /// Play a challenge from a decisions file through to the debrief.
    Play(PlayChallengeArgs),
    /// Teams' decisions files on the same seeds: leaderboard and side-by-side choices.
    Workshop(WorkshopArgs),
}

/// `salesim challenge show`.
#[derive(Args, Debug)]
pub struct ShowChallengeArgs {
    /// Challenge name (e.g. `speed_to_lead`) or file.
    pub challenge: String,
    /// Language: en or fr.
    #[arg(long, value_name = "en|fr", default_value = "en")]
    pub lang: Language,
    /// Also write a decisions file to start from (the good reference's first quarter left
    /// for the player: every quarter empty).
    #[arg(long, value_name = "FILE.ron")]
    pub template: Option<PathBuf>,
}

/// `salesim challenge play`.
#[derive(Args, Debug, Clone, Default)]
pub struct PlayChallengeArgs {
    /// Challenge name (e.g. `speed_to_lead`) or file.
    pub challenge: String,
    /// Decisions file (RON or JSON): one list of decisions per quarter.
    #[arg(long, value_name = "FILE")]
    pub decisions: Option<PathBuf>,
    /// A saved game to resume (its quarters replace the decisions file's first ones).
    #[arg(long, value_name = "FILE.ron")]
    pub resume: Option<PathBuf>,
    /// Stop after this many quarters (with --save).
    #[arg(long, value_name = "Q", requires = "save")]
    pub stop_after: Option<u32>,
    /// Save the game where it stops (atomically).
    #[arg(long, value_name = "FILE.ron", requires = "stop_after")]
    pub save: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub run: SeedsArgs,
    /// Write the debrief report (one self-contained HTML file).
    #[arg(long, value_name = "FILE.html")]
    pub html: Option<PathBuf>,
    /// Write the reviews and the debrief as JSON.
    #[arg(long, value_name = "FILE.json")]
    pub json: Option<PathBuf>,
}

/// The seeds a play is compared on, and the language of what is printed and written.
#[derive(Args, Debug, Clone)]
pub struct SeedsArgs {
    /// Seed of the game (default: the decisions file's, else the challenge's).
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Seeds the debrief and leaderboards average over (the game's and the next ones).
    #[arg(long, value_name = "K", default_value_t = 20)]
    pub seeds: usize,
    /// Language: en or fr.
    #[arg(long, value_name = "en|fr", default_value = "en")]
    pub lang: Language,
}

impl Default for SeedsArgs {
    fn default() -> Self {
        SeedsArgs {
            seed: None,
            seeds: 20,
            lang: Language::English,
        }
    }
}

/// `salesim challenge workshop`.
#[derive(Args, Debug, Clone, Default)]
pub struct WorkshopArgs {
    /// Challenge name or file.
    pub challenge: String,
    /// A team's decisions file (2 to 6 of them).
    #[arg(long = "team", value_name = "FILE", required = true)]
    pub teams: Vec<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub run: SeedsArgs,
    /// Write the workshop report (HTML).
    #[arg(long, value_name = "FILE.html")]
    pub html: Option<PathBuf>,
}

/// `salesim report`.
#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(subcommand)]
    #[allow(missing_docs)]
    pub command: ReportCommand,
}

/// Which report.
#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// A challenge played from a decisions file: the coach's debrief.
    Challenge {
        #[command(flatten)]
        #[allow(missing_docs)]
        play: PlayChallengeArgs,
        /// The report (HTML).
        #[arg(short, long, value_name = "FILE.html")]
        output: PathBuf,
    },
    /// A workshop: every team's year, the leaderboard and their choices side by side.
    Workshop {
        #[command(flatten)]
        #[allow(missing_docs)]
        workshop: WorkshopArgs,
        /// The report (HTML).
        #[arg(short, long, value_name = "FILE.html")]
        output: PathBuf,
    },
    /// A `salesim compare` run, with charts.
    Compare {
        #[command(flatten)]
        #[allow(missing_docs)]
        compare: CompareArgs,
        /// The report (HTML).
        #[arg(short, long, value_name = "FILE.html")]
        output: PathBuf,
    },
}

pub(super) fn cmd_challenge(a: ChallengeArgs) -> Result<(), CliError> {
    match a.command {
        ChallengeCommand::List => cmd_list(),
        ChallengeCommand::Show(s) => cmd_show(s),
        ChallengeCommand::Play(p) => cmd_play(p),
        ChallengeCommand::Workshop(w) => cmd_workshop(w),
    }
}

pub(super) fn cmd_report(a: ReportArgs) -> Result<(), CliError> {
    match a.command {
        ReportCommand::Challenge { mut play, output } => {
            play.html = Some(output);
            cmd_play(play)
        }
        ReportCommand::Workshop {
            mut workshop,
            output,
        } => {
            workshop.html = Some(output);
            cmd_workshop(workshop)
        }
        ReportCommand::Compare { compare, output } => super::compare_report(compare, &output),
    }
}

fn load(name: &str) -> Result<(String, Arc<Challenge>), CliError> {
    let path = challenge::resolve(name);
    if !challenge::exists(&path) {
        let known: Vec<String> = challenge::shipped(Path::new(challenge::CHALLENGE_DIR))
            .iter()
            .map(|p| challenge::name_of(p))
            .collect();
        return Err(CliError::Usage(format!(
            "no challenge `{name}` (looked for {}){}; shipped challenges: {}",
            path.display(),
            crate::scenario::suggestion(name, known.iter().map(String::as_str)),
            known.join(", ")
        )));
    }
    Ok((challenge::name_of(&path), Arc::new(challenge::load(&path)?)))
}

fn invalid(path: &Path, errors: Vec<FieldError>) -> CliError {
    ScenarioError::Invalid {
        path: path.to_owned(),
        errors,
    }
    .into()
}

fn cmd_list() -> Result<(), CliError> {
    for f in challenge::shipped(Path::new(challenge::CHALLENGE_DIR)) {
        match challenge::load(&f) {
            Ok(c) => emit(&format!(
                "{:<20} {}\n{:<20} {}\n",
                challenge::name_of(&f),
                c.title.en,
                "",
                c.lesson.en
            ))?,
            Err(e) => emit(&format!("error {e}\n"))?,
        }
    }
    Ok(())
}

fn cmd_show(a: ShowChallengeArgs) -> Result<(), CliError> {
    if let Some(t) = &a.template {
        check_outputs(&[t], &[challenge::resolve(&a.challenge)])?;
    }
    let (name, c) = load(&a.challenge)?;
    let l = a.lang;
    let mut out = format!("{}\n\n{}\n\n", c.title.get(l), c.briefing.get(l));
    out.push_str(&format!(
        "{} quarters of {} working days · budget for changes {}\n\n",
        c.quarters,
        c.scenario.quarter_days,
        challenge::short_number(c.budget)
    ));
    out.push_str("Open levers (knob: range, cost, from quarter)\n");
    for lever in &c.levers {
        out.push_str(&format!("  {}\n", challenge::lever_line(lever)));
    }
    if !c.events.is_empty() || !c.random_events.is_empty() {
        out.push_str("Events\n");
        for e in &c.events {
            out.push_str(&format!("  day {}: {}\n", e.day, e.news.get(l)));
        }
        for r in &c.random_events {
            out.push_str(&format!(
                "  {:.0} % chance, days {}–{}: {}\n",
                r.chance * 100.0,
                r.days.0,
                r.days.1 - 1,
                r.news.get(l)
            ));
        }
    }
    out.push_str("Objectives (weight)\n");
    for o in &c.objectives {
        out.push_str(&format!("  {}\n", challenge::objective_line(o)));
    }
    emit(&out)?;
    if let Some(t) = &a.template {
        let d = Decisions {
            challenge: name,
            team: "Team".into(),
            quarters: vec![Vec::new(); c.quarters as usize],
            ..Decisions::default()
        };
        let mut text = format!(
            "// Decisions for `{}`: one list per quarter, e.g. [sellers(5), priority(new_leads_first)].\n// Open levers (range, cost, first quarter):\n",
            d.challenge
        );
        for lever in &c.levers {
            text.push_str(&format!("//   {}\n", challenge::lever_line(lever)));
        }
        text.push_str(&format!(
            "// Budget for changes: {}. Play: salesim challenge play {} --decisions THIS_FILE\n",
            challenge::short_number(c.budget),
            d.challenge
        ));
        text.push_str(&challenge::decisions_ron(&d));
        write_atomic(t, text.as_bytes())?;
        eprintln!("wrote {}", t.display());
    }
    Ok(())
}

/// Most seeds a debrief or a leaderboard compares on (each is a year per strategy).
const MAX_SEEDS: usize = 1_000;

fn check_seeds(seeds: usize) -> Result<(), CliError> {
    if !(1..=MAX_SEEDS).contains(&seeds) {
        return Err(CliError::Usage(format!(
            "--seeds {seeds} is out of range; allowed: 1 to {MAX_SEEDS}"
        )));
    }
    Ok(())
}

/// A decisions file for `name`, refusing one written for another challenge.
fn cmd_play(a: PlayChallengeArgs) -> Result<(), CliError> {
    check_seeds(a.run.seeds)?;
    let inputs: Vec<PathBuf> = a.decisions.iter().chain(a.resume.iter()).cloned().collect();
    if let Some(s) = &a.save
        && a.decisions.as_ref().is_some_and(|d| same_path(d, s))
    {
        return Err(CliError::Usage(format!(
            "{} is the decisions file; save to another file",
            s.display()
        )));
    }
    let outputs: Vec<&Path> = a
        .html
        .iter()
        .chain(a.json.iter())
        .chain(a.save.iter())
        .map(PathBuf::as_path)
        .collect();
    check_outputs(&outputs, &inputs)?;
    let (name, c) = load(&a.challenge)?;
    let mut plan = match &a.decisions {
        Some(p) => challenge::load_decisions_for(p, &name)?,
        None if a.resume.is_some() => Decisions::default(),
        None => {
            return Err(CliError::Usage(
                "give the decisions with --decisions FILE (write a template with `salesim challenge show NAME --template FILE`), or --resume a saved game".into(),
            ));
        }
    };
    let origin = a.decisions.clone().unwrap_or_default();
    if plan.quarters.len() > c.quarters as usize {
        return Err(invalid(
            &origin,
            vec![FieldError {
                path: "quarters".into(),
                message: format!(
                    "{} quarters of decisions; the challenge has {}",
                    plan.quarters.len(),
                    c.quarters
                ),
            }],
        ));
    }
    let mut game = match &a.resume {
        Some(save) => {
            let saved = challenge::load_decisions_for(save, &name)?;
            let game = Game::replay(c.clone(), &name, &saved).map_err(|e| invalid(save, e))?;
            if a.run.seed.is_some_and(|s| s != game.seed) {
                return Err(CliError::Usage(format!(
                    "{} was played with seed {}; a resumed game keeps its seed",
                    save.display(),
                    game.seed
                )));
            }
            game
        }
        None => {
            let seed = a.run.seed.or(plan.seed).unwrap_or(c.scenario.seed);
            Game::new(c.clone(), &name, &plan.team, seed)
        }
    };
    if game.team.is_empty() {
        game.team = std::mem::take(&mut plan.team);
    }
    let stop = a.stop_after.unwrap_or(c.quarters).min(c.quarters);
    let l = a.run.lang;
    let mut out = format!(
        "{} · {} · seed {}\n\n{}\n\n",
        c.title.get(l),
        if game.team.is_empty() {
            "solo"
        } else {
            &game.team
        },
        game.seed,
        c.briefing.get(l)
    );
    // A resumed game may stop mid-quarter: finish that quarter first.
    game.play_quarter();
    while !game.finished() && (game.decided.len() as u32) < stop {
        let q = game.decided.len();
        let decisions = plan.quarters.get(q).cloned().unwrap_or_default();
        game.decide(decisions).map_err(|e| invalid(&origin, e))?;
        game.play_quarter();
    }
    for review in &game.reviews {
        out.push_str(&review_text(review, l));
    }
    emit(&out)?;
    if let Some(save) = &a.save {
        write_atomic(save, challenge::decisions_ron(&game.save()).as_bytes())?;
        eprintln!("saved the game at day {} to {}", game.day(), save.display());
        if !game.finished() {
            return Ok(());
        }
    }
    if !game.finished() {
        return Ok(());
    }
    let bar = progress(
        challenge::debrief_runs(&game, a.run.seeds),
        "simulated years",
    );
    let year = game.session.report().kpis;
    let d = challenge::debrief(&game, &year, a.run.seeds, &|| bar.inc(1));
    bar.finish_and_clear();
    emit(&debrief_text(&game, &year, &d, l))?;
    if let Some(p) = &a.json {
        write_atomic(
            p,
            crate::report::json_text(&challenge::game_json(&game, &d)).as_bytes(),
        )?;
        eprintln!("wrote {}", p.display());
    }
    if let Some(p) = &a.html {
        write_atomic(
            p,
            html::challenge_report(&game, &year, &d, &[], l).as_bytes(),
        )?;
        eprintln!("wrote {}", p.display());
    }
    Ok(())
}

fn review_text(r: &QuarterReview, l: Language) -> String {
    let mut out = format!("\n== {} {} ==\n", l.t("challenge.quarter"), r.quarter);
    let decided = challenge::decisions_line(&r.decisions, l.t("cli.none"));
    out.push_str(&format!(
        "{}: {decided} ({} {})\n",
        l.t("challenge.decisions"),
        l.t("challenge.cost_label"),
        challenge::short_number(r.cost)
    ));
    for n in &r.news {
        out.push_str(&format!("{}: {}\n", l.t("cli.news"), n.get(l)));
    }
    let line = |ks: &[Kpi]| {
        ks.iter()
            .map(|&k| format!("{} {}", k.name(), fmt_kpi(k, r.kpis[k])))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    out.push_str(&format!("  {}\n", line(&REVIEW_KPIS[..8])));
    out.push_str(&format!("  {}\n", line(&REVIEW_KPIS[8..])));
    for e in &r.explanations {
        out.push_str(&format!("  → {}\n", e.get(l)));
    }
    out
}

fn debrief_text(game: &Game, year: &crate::kpi::KpiValues, d: &Debrief, l: Language) -> String {
    let c = &game.challenge;
    let mut out = format!(
        "\n== {} ==\n{}: {:.1} / 100\n",
        l.t("challenge.debrief"),
        l.t("challenge.score"),
        d.score()
    );
    for (o, p) in c.objectives.iter().zip(&d.points) {
        out.push_str(&format!(
            "  {:<34} {:>10}  {:>4.0} % {}\n",
            challenge::objective_line(o),
            challenge::fmt_objective_value(o, year),
            p * 100.0,
            l.t("cli.of_the_points")
        ));
    }
    for e in &d.explanations {
        out.push_str(&format!("  → {}\n", e.get(l)));
    }
    let last = d.seeds.last().copied().unwrap_or(game.seed);
    out.push_str(&format!(
        "{} {}–{}:\n",
        l.t("cli.compared_on_the_same_seeds"),
        game.seed,
        last
    ));
    for s in &d.strategies {
        out.push_str(&format!(
            "  {:<32} {} {:>5.1}   {} {:>5.1}\n",
            s.name.get(l),
            l.t("challenge.this_seed"),
            s.score(),
            l.t("report.mean"),
            s.mean()
        ));
    }
    out.push_str(&format!(
        "{}:\n",
        l.t("cli.decisions_that_moved_the_result")
    ));
    if d.attributions.is_empty() {
        out.push_str(&format!("  {}\n", l.t("challenge.no_decision")));
    }
    for (i, a) in d.attributions.iter().enumerate() {
        out.push_str(&format!(
            "  {}. Q{} {}: {:+.1} points (95 %: {:+.1} … {:+.1})\n",
            i + 1,
            a.quarter,
            challenge::decision_label(&a.decision),
            a.effect,
            a.low,
            a.high
        ));
    }
    out.push_str(&format!("{}: {}\n", l.t("cli.the_lesson"), c.lesson.get(l)));
    out
}

fn cmd_workshop(a: WorkshopArgs) -> Result<(), CliError> {
    if !(2..=6).contains(&a.teams.len()) {
        return Err(CliError::Usage(format!(
            "a workshop has 2 to 6 teams; {} given",
            a.teams.len()
        )));
    }
    check_seeds(a.run.seeds)?;
    if let Some(p) = &a.html {
        check_outputs(&[p], &a.teams)?;
    }
    let (name, c) = load(&a.challenge)?;
    let seed = a.run.seed.unwrap_or(c.scenario.seed);
    let mut teams = Vec::new();
    for p in &a.teams {
        teams.push(challenge::load_team(&c, &name, p, seed)?);
    }
    let seeds: Vec<u64> = (0..a.run.seeds as u64)
        .map(|i| seed.wrapping_add(i))
        .collect();
    let bar = progress((teams.len() * a.run.seeds) as u64, "simulated years");
    let board = challenge::leaderboard(&c, &teams, &seeds, &|| bar.inc(1));
    bar.finish_and_clear();
    emit(&leaderboard_text(&c, &board, seed, a.run.seeds, a.run.lang))?;
    if let Some(p) = &a.html {
        write_atomic(
            p,
            html::workshop_report(&c, &board, &seeds, a.run.lang).as_bytes(),
        )?;
        eprintln!("wrote {}", p.display());
    }
    Ok(())
}

fn leaderboard_text(
    c: &Challenge,
    board: &[TeamResult],
    seed: u64,
    seeds: usize,
    l: Language,
) -> String {
    let mut out = format!(
        "{} — {} ({} {seed}–{})\n",
        c.title.get(l),
        l.t("cli.leaderboard"),
        l.t("whatif.seeds"),
        seed + seeds as u64 - 1
    );
    for (i, t) in board.iter().enumerate() {
        out.push_str(&format!(
            "{:>2}. {:<20} {} {:>5.1}   {} {:>5.1}\n",
            i + 1,
            t.team,
            l.t("report.mean"),
            t.result.mean(),
            l.t("report.game_seed"),
            t.result.score()
        ));
        for (q, ds) in t.result.quarters.iter().enumerate() {
            out.push_str(&format!(
                "      Q{}: {}\n",
                q + 1,
                challenge::decisions_line(ds, "–")
            ));
        }
    }
    out
}

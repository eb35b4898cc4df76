//! Challenges: the simulator as a training game. A challenge file (RON, under
//! `scenarios/challenges/`) sets an organisation, the levers a player may move each quarter
//! and at what cost, what happens to the market, the objectives and the explanations; a
//! player (or a team in a workshop) decides quarter by quarter, reads a review at each
//! quarter end and a debrief at the year's end. See `docs/challenges.md`.

mod debrief;
mod explain;
mod game;
pub mod html;
mod schema;

use std::path::{Path, PathBuf};

pub use debrief::{
    Attribution, Debrief, StrategyResult, TeamResult, debrief, debrief_runs, leaderboard,
    play_through, rank,
};
pub use explain::{fmt_kpi, fmt_objective_value, score};
pub use game::{Game, Progress, QuarterReview, scenario_for_seed};
pub use schema::*;

use crate::kpi::{Family, Kpi, concat};
use crate::model::calendar;
use crate::scenario::shipped as built;
use crate::scenario::{self, EventChange, FieldError, Kind, ScenarioError, suggestion, validate};

/// Where the shipped challenges live, relative to the working directory.
pub const CHALLENGE_DIR: &str = "scenarios/challenges";

/// The challenge file a name stands for: an existing path as given, else
/// `scenarios/challenges/NAME.ron`.
pub fn resolve(name_or_path: &str) -> PathBuf {
    let p = PathBuf::from(name_or_path);
    if p.exists() || name_or_path.ends_with(".ron") {
        p
    } else {
        Path::new(CHALLENGE_DIR).join(format!("{name_or_path}.ron"))
    }
}

/// Whether `path` is a challenge to load: a file, or a shipped challenge built in.
pub fn exists(path: &Path) -> bool {
    path.exists() || built::built_in(built::CHALLENGES, path).is_some()
}

/// A challenge's name: its file name without `.ron`.
pub fn name_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The challenges of folder `dir`, by file name; where it has none (an installed binary run
/// elsewhere), the shipped ones built into the binary (by their repository paths, which
/// [`load`] reads from the binary).
pub fn shipped(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect()
        })
        .unwrap_or_default();
    if files.is_empty() {
        files = built::CHALLENGES.iter().map(built::Shipped::path).collect();
    }
    files.sort();
    files
}

/// Read, parse and validate a challenge file (a shipped one from the binary when the path
/// is not a file).
pub fn load(path: &Path) -> Result<Challenge, ScenarioError> {
    let text = match built::built_in(built::CHALLENGES, path) {
        Some(s) => s.text.to_owned(),
        None => scenario::read_input(path, scenario::MAX_TEXT_BYTES).map_err(|source| {
            ScenarioError::Io {
                path: path.to_owned(),
                source,
            }
        })?,
    };
    let c: Challenge = scenario::parse_ron(&text, path)?;
    let errors = check(&c);
    if errors.is_empty() {
        Ok(c)
    } else {
        Err(ScenarioError::Invalid {
            path: path.to_owned(),
            errors,
        })
    }
}

/// Read a decisions file (RON, or JSON if it ends in `.json`).
pub fn load_decisions(path: &Path) -> Result<Decisions, ScenarioError> {
    let text = scenario::read_input(path, scenario::MAX_TEXT_BYTES).map_err(|source| {
        ScenarioError::Io {
            path: path.to_owned(),
            source,
        }
    })?;
    if path.extension().is_some_and(|x| x == "json") {
        serde_json::from_str(&text).map_err(|e| ScenarioError::Syntax {
            path: path.to_owned(),
            line: e.line(),
            col: e.column(),
            message: e.to_string(),
        })
    } else {
        scenario::parse_ron(&text, path)
    }
}

/// A decisions file (or save) for challenge `name`; one written for another challenge is
/// refused, naming both.
pub fn load_decisions_for(path: &Path, name: &str) -> Result<Decisions, ScenarioError> {
    let d = load_decisions(path)?;
    if !d.challenge.is_empty() && d.challenge != name {
        return Err(ScenarioError::Invalid {
            path: path.to_owned(),
            errors: vec![FieldError {
                path: "challenge".into(),
                message: format!("this file is for challenge `{}`, not `{name}`", d.challenge),
            }],
        });
    }
    Ok(d)
}

/// A team's decisions for a workshop on `seed`: read, for this challenge, named (the file's
/// name if it names no team), and checked by playing them as the game would take them.
pub fn load_team(
    challenge: &std::sync::Arc<Challenge>,
    name: &str,
    path: &Path,
    seed: u64,
) -> Result<Decisions, ScenarioError> {
    let mut d = load_decisions_for(path, name)?;
    if d.team.is_empty() {
        d.team = name_of(path);
    }
    let checked = Decisions {
        seed: Some(seed),
        day: None,
        ..d.clone()
    };
    Game::replay(challenge.clone(), name, &checked).map_err(|errors| ScenarioError::Invalid {
        path: path.to_owned(),
        errors,
    })?;
    Ok(d)
}

/// A decisions file's text (RON), as saves and templates are written.
pub fn decisions_ron(d: &Decisions) -> String {
    let config = ron::ser::PrettyConfig::default().depth_limit(3);
    ron::ser::to_string_pretty(d, config).unwrap_or_default()
}

/// Every problem of a parsed challenge, by field path.
pub fn check(c: &Challenge) -> Vec<FieldError> {
    let mut errors: Vec<FieldError> = Vec::new();
    let mut push = |path: String, message: String| errors.push(FieldError { path, message });
    for e in validate(&c.scenario) {
        push(format!("scenario.{}", e.path), e.message);
    }
    let s = &c.scenario;
    if c.quarters == 0 || c.quarters > 8 {
        push(
            "quarters".into(),
            format!("{} is out of range; allowed: 1 to 8", c.quarters),
        );
    }
    if s.days != c.quarters * s.quarter_days {
        push(
            "scenario.days".into(),
            format!(
                "{} days, but {} quarters of {} days make {}; allowed: {}",
                s.days,
                c.quarters,
                s.quarter_days,
                c.quarters * s.quarter_days,
                c.quarters * s.quarter_days
            ),
        );
    }
    if calendar::whole_weeks(s.quarter_days).is_none() {
        push(
            "scenario.quarter_days".into(),
            format!(
                "{} is not whole weeks; allowed: a multiple of {}",
                s.quarter_days,
                calendar::DAYS_PER_WEEK
            ),
        );
    }
    if !(c.budget >= 0.0 && c.budget.is_finite()) {
        push(
            "budget".into(),
            format!("{} is out of range; allowed: ≥ 0", c.budget),
        );
    }
    for (name, t) in [
        ("title", &c.title),
        ("briefing", &c.briefing),
        ("lesson", &c.lesson),
    ] {
        text(&mut push, name, t);
    }
    for (i, l) in c.levers.iter().enumerate() {
        let p = format!("levers[{i}]");
        if c.levers[..i].iter().any(|m| m.knob == l.knob) {
            push(
                format!("{p}.knob"),
                format!("`{}` is opened twice", l.knob.name()),
            );
        }
        if l.knob.numeric() && !(l.min <= l.max && l.min.is_finite() && l.max.is_finite()) {
            push(
                format!("{p}.max"),
                format!("{} is below min {}", l.max, l.min),
            );
        }
        let (lo, hi) = l.knob.spec().allowed;
        for (field, x) in [("min", l.min), ("max", l.max)] {
            if l.knob.numeric() && !(lo..=hi).contains(&x) {
                push(
                    format!("{p}.{field}"),
                    format!(
                        "{} is out of range for {}; allowed: {} to {}",
                        short_number(x),
                        l.knob.name(),
                        short_number(lo),
                        short_number(hi)
                    ),
                );
            }
        }
        if !(l.cost >= 0.0 && l.cost.is_finite()) {
            push(
                format!("{p}.cost"),
                format!("{} is out of range; allowed: ≥ 0", l.cost),
            );
        }
        if l.from_quarter == 0 || l.from_quarter > c.quarters {
            push(
                format!("{p}.from_quarter"),
                format!(
                    "{} is out of range; allowed: 1 to {}",
                    l.from_quarter, c.quarters
                ),
            );
        }
    }
    // Each event's lever is checked as a scenario event would be.
    let levers = c
        .events
        .iter()
        .map(|e| ("events", e.day, &e.lever, &e.news))
        .chain(
            c.random_events
                .iter()
                .map(|r| ("random_events", r.days.0, &r.lever, &r.news)),
        );
    for (i, (list, day, lever, news)) in levers.enumerate() {
        let i = if list == "events" {
            i
        } else {
            i - c.events.len()
        };
        let p = format!("{list}[{i}]");
        let mut one = s.clone();
        one.events = vec![crate::scenario::Event {
            day,
            lever: lever.clone(),
        }];
        for e in validate(&one) {
            let field = e.path.replacen("events[0]", &p, 1);
            if field.starts_with(list) {
                push(field, e.message);
            }
        }
        text(&mut push, &format!("{p}.news"), news);
    }
    for (i, r) in c.random_events.iter().enumerate() {
        let p = format!("random_events[{i}]");
        // A random event lands on a drawn day, so the team it would leave cannot be checked
        // once for every seed: the split and the headcounts change only on scripted days.
        if let EventChange::Set(setting) = &r.lever
            && matches!(setting.lever().spec().kind, Kind::Split | Kind::Count(_))
        {
            push(
                format!("{p}.lever"),
                format!(
                    "`{}` cannot be a random event (its day is drawn, so the team it leaves could not be checked); make it a scripted event",
                    setting.lever().name()
                ),
            );
        }
        if !(0.0..=1.0).contains(&r.chance) {
            push(
                format!("{p}.chance"),
                format!("{} is out of range; allowed: 0 to 1", r.chance),
            );
        }
        if r.days.0 >= r.days.1 || r.days.1 > s.days {
            push(
                format!("{p}.days"),
                format!(
                    "({}, {}) is not a range of days within 0 to {}",
                    r.days.0, r.days.1, s.days
                ),
            );
        }
    }
    let names = Kpi::ALL.map(Kpi::name);
    let mut known = |path: String, name: &str| {
        let kpi = Kpi::from_name(name);
        if kpi.is_none() {
            push(
                path,
                format!("unknown KPI `{name}`{}", suggestion(name, names)),
            );
        }
        kpi
    };
    let mut families = [false; 2];
    for (i, o) in c.objectives.iter().enumerate() {
        let p = format!("objectives[{i}]");
        if let Some(k) = known(format!("{p}.kpi"), &o.kpi) {
            match k.family() {
                Family::Quantitative => families[0] = true,
                Family::Qualitative => families[1] = true,
                Family::Scorecard => {}
            }
        }
    }
    for (i, r) in c.explanations.iter().enumerate() {
        for (j, cond) in r.when.iter().enumerate() {
            let (Condition::Above(name, _) | Condition::Below(name, _)) = cond;
            known(format!("explanations[{i}].when[{j}]"), name);
        }
        for (lang, t) in [("en", &r.say.en), ("fr", &r.say.fr)] {
            for name in explain::unknown_placeholders(t) {
                known(format!("explanations[{i}].say.{lang}"), &name);
            }
        }
    }
    for (i, o) in c.objectives.iter().enumerate() {
        let p = format!("objectives[{i}]");
        if !(o.weight > 0.0 && o.weight.is_finite()) {
            push(
                format!("{p}.weight"),
                format!("{} is out of range; allowed: > 0", o.weight),
            );
        }
        let (Aim::AtLeast(t) | Aim::AtMost(t)) = o.aim;
        if !(t > 0.0 && t.is_finite()) {
            push(
                format!("{p}.aim"),
                format!("{t} is out of range; allowed: > 0"),
            );
        }
    }
    if families != [true, true] {
        push(
            "objectives".into(),
            "the scorecard must mix both families: at least one quantitative KPI and one culture index".into(),
        );
    }
    for (name, st) in [("naive", &c.references.naive), ("good", &c.references.good)] {
        text(&mut push, &format!("references.{name}.name"), &st.name);
        if st.quarters.len() > c.quarters as usize {
            push(
                format!("references.{name}.quarters"),
                format!(
                    "{} quarters of decisions; the challenge has {}",
                    st.quarters.len(),
                    c.quarters
                ),
            );
        }
    }
    if errors.is_empty() {
        errors = scripted_year(c);
    }
    errors
}

/// The challenge's scenario with all its scripted events: after each one the team must still
/// cover every stage (each event alone was checked by `check`; errors name the challenge's
/// `events[i]`, or `scenario.` fields).
fn scripted_year(c: &Challenge) -> Vec<FieldError> {
    let own = c.scenario.events.len();
    let mut year = c.scenario.clone();
    year.events
        .extend(c.events.iter().map(|e| crate::scenario::Event {
            day: e.day,
            lever: e.lever.clone(),
        }));
    validate(&year)
        .into_iter()
        .map(|e| {
            let index = e
                .path
                .strip_prefix("events[")
                .and_then(|rest| rest.split(']').next()?.parse::<usize>().ok());
            let path = match index {
                Some(k) if k >= own => {
                    e.path
                        .replacen(&format!("events[{k}]"), &format!("events[{}]", k - own), 1)
                }
                _ => format!("scenario.{}", e.path),
            };
            FieldError {
                path,
                message: e.message,
            }
        })
        .collect()
}

fn text(push: &mut impl FnMut(String, String), path: &str, t: &Text) {
    for (lang, s) in [("en", &t.en), ("fr", &t.fr)] {
        if s.trim().is_empty() {
            push(
                format!("{path}.{lang}"),
                "empty; write it in both languages".into(),
            );
        }
    }
}

/// The KPIs a quarter review shows: eight quantitative, then the seven culture indices.
pub const REVIEW_KPIS: [Kpi; 15] = concat(
    [
        Kpi::NewProjects,
        Kpi::Transmissible,
        Kpi::SignedContracts,
        Kpi::Bookings,
        Kpi::WinRate,
        Kpi::Leakage,
        Kpi::SpeedToLeadHours,
        Kpi::QuotaAttainment,
    ],
    Kpi::CULTURE,
);

/// An open lever in one line: `sellers: 4 to 12, 50,000 per unit, from quarter 1`.
pub fn lever_line(l: &OpenLever) -> String {
    let range = if l.knob.numeric() {
        format!("{} to {}, ", short_number(l.min), short_number(l.max))
    } else {
        String::new()
    };
    let cost = match (l.cost > 0.0, l.knob.numeric()) {
        (false, _) => "free".to_owned(),
        (true, true) => format!("{} per unit of increase", short_number(l.cost)),
        (true, false) => format!("{} per change", short_number(l.cost)),
    };
    format!(
        "{}: {range}{cost}, from quarter {}",
        l.knob.name(),
        l.from_quarter
    )
}

/// An objective in one line: `quota_attainment ≥ 1 (×3)`.
pub fn objective_line(o: &Objective) -> String {
    let (op, t) = match o.aim {
        Aim::AtLeast(t) => ("≥", t),
        Aim::AtMost(t) => ("≤", t),
    };
    format!(
        "{} {op} {} (×{})",
        o.kpi,
        short_number(t),
        short_number(o.weight)
    )
}

/// A played game and its debrief as JSON (reviews, score, references, attributions).
pub fn game_json(game: &Game, d: &Debrief) -> serde_json::Value {
    use serde_json::json;
    let kpis = |v: &crate::kpi::KpiValues| {
        serde_json::Value::Object(
            Kpi::ALL
                .iter()
                .zip(v)
                .map(|(k, x)| (k.name().to_owned(), json!(x)))
                .collect(),
        )
    };
    json!({
        "challenge": game.name,
        "team": game.team,
        "seed": game.seed,
        "spent": game.spent,
        "quarters": game.reviews.iter().map(|r| json!({
            "quarter": r.quarter,
            "decisions": r.decisions,
            "cost": r.cost,
            "news": r.news.iter().map(|n| &n.en).collect::<Vec<_>>(),
            "kpis": kpis(&r.kpis),
            "explanations": r.explanations.iter().map(|e| &e.en).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "year": kpis(&game.session.report().kpis),
        "score": d.score(),
        "points": game.challenge.objectives.iter().zip(&d.points)
            .map(|(o, p)| json!({"kpi": o.kpi, "points": p})).collect::<Vec<_>>(),
        "seeds": d.seeds,
        "strategies": d.strategies.iter().map(|s| json!({
            "name": s.name.en, "score": s.score(), "mean": s.mean(), "scores": s.scores,
        })).collect::<Vec<_>>(),
        "attributions": d.attributions.iter().map(|a| json!({
            "quarter": a.quarter, "decision": a.decision, "effect": a.effect,
            "low": a.low, "high": a.high,
        })).collect::<Vec<_>>(),
    })
}

//! What each person in the room sees, as JSON for the pages' scripts: a team's own state
//! (never another team's decisions) and the coach's overview. Reviews, debriefs and charts
//! are HTML fragments rendered here with the reports' own functions, in the reader's
//! language.

use serde_json::{Value as Json, json};

use super::room::{Room, Round, Team};
use crate::challenge::html::{
    bookings_chart, challenge_debrief, culture_chart, kpi_label, quarter_by_quarter,
};
use crate::challenge::{self, Decision, OpenLever};
use crate::i18n::Language;
use crate::kpi::{Kpi, concat};
use crate::model::stage::{Preset, Stage};
use crate::report::html::{escape, table};
use crate::report::svg::{Bar, PALETTE, bar_chart};
use crate::scenario::{Kind, Priority};

/// The KPIs of the coach's leaderboard: both families.
const BOARD_KPIS: [Kpi; 12] = concat(
    [
        Kpi::Bookings,
        Kpi::SignedContracts,
        Kpi::WinRate,
        Kpi::SpeedToLeadHours,
        Kpi::Leakage,
    ],
    Kpi::CULTURE,
);

/// What the debrief is doing, for the pages' progress line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DebriefProgress {
    /// Years simulated so far.
    pub done: u64,
    /// Years to simulate.
    pub total: u64,
}

/// A lever value as typed in a form (`6`, `marketing_front`, `true`).
pub fn value_text(d: &Decision) -> String {
    let text = ron::to_string(d).unwrap_or_default();
    text.strip_prefix(d.lever().name())
        .and_then(|t| t.strip_prefix('('))
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(&text)
        .to_owned()
}

fn choices(kind: Kind, l: Language) -> Json {
    let pairs: Vec<(String, String)> = match kind {
        Kind::Split => Preset::ALL
            .iter()
            .map(|p| {
                (
                    p.name().to_owned(),
                    l.t(&format!("split.{}", p.name())).to_owned(),
                )
            })
            .collect(),
        Kind::Order => [Priority::LatestStageFirst, Priority::NewLeadsFirst]
            .iter()
            .map(|p| {
                let name = ron::to_string(p).unwrap_or_default();
                (name.clone(), name.replace('_', " "))
            })
            .collect(),
        Kind::Switch => vec![
            ("true".into(), l.t("workshop.on").to_owned()),
            ("false".into(), l.t("workshop.off").to_owned()),
        ],
        Kind::Count(_) | Kind::Amount => Vec::new(),
    };
    pairs
        .into_iter()
        .map(|(value, label)| json!({"value": value, "label": label}))
        .collect()
}

fn lever_json(open: &OpenLever, team: &Team, l: Language) -> Json {
    let kind = open.knob.spec().kind;
    let current = team.game.session.levers().get(open.knob);
    json!({
        "name": open.knob.name(),
        "label": open.knob.label(l),
        "numeric": open.knob.numeric(),
        "whole": matches!(kind, Kind::Count(_)),
        "min": open.min,
        "max": open.max,
        "cost": open.cost,
        "cost_text": lever_hint(open, l),
        "current": value_text(&current),
        "choices": choices(kind, l),
    })
}

/// A lever's range, cost and first quarter, in the reader's language.
fn lever_hint(open: &OpenLever, l: Language) -> String {
    let mut parts = Vec::new();
    if open.knob.numeric() {
        parts.push(
            l.t("workshop.range")
                .replace(
                    "{min}",
                    &l.number(open.min, if open.min.fract() == 0.0 { 0 } else { 2 }),
                )
                .replace(
                    "{max}",
                    &l.number(open.max, if open.max.fract() == 0.0 { 0 } else { 2 }),
                ),
        );
    }
    let cost = l.number(open.cost, 0);
    parts.push(match (open.cost > 0.0, open.knob.numeric()) {
        (false, _) => l.t("workshop.free").to_owned(),
        (true, true) => l.t("workshop.cost_per_unit").replace("{cost}", &cost),
        (true, false) => l.t("workshop.cost_per_change").replace("{cost}", &cost),
    });
    parts.push(
        l.t("workshop.from_quarter")
            .replace("{quarter}", &open.from_quarter.to_string()),
    );
    parts.join(", ")
}

fn round_json(room: &Room, now: u64) -> Json {
    json!({
        "round": room.round(),
        "quarters": room.challenge.quarters,
        "countdown_s": room.file.countdown_until.map(|end| end.saturating_sub(now)),
        "teams": room.teams.len(),
        "locked": room.teams.iter().filter(|t| t.file.locked).count(),
    })
}

/// Team `i`'s page: its briefing, the open round's levers, its draft and lock, its reviews
/// and, at the end, its debrief. `now` is the time in seconds since the Unix epoch.
pub fn team_state(
    room: &Room,
    i: usize,
    version: u64,
    now: u64,
    progress: DebriefProgress,
) -> Json {
    let team = &room.teams[i];
    let l = Language::from_code(&team.file.lang).unwrap_or_default();
    let c = &room.challenge;
    let round = room.round();
    let open_quarter = match round {
        Round::Practice => Some(1),
        Round::Quarter(q) => Some(q),
        Round::Finished => None,
    };
    let levers: Vec<Json> = open_quarter
        .map(|q| {
            team.game
                .open_levers(q)
                .map(|o| lever_json(o, team, l))
                .collect()
        })
        .unwrap_or_default();
    let draft: Vec<Json> = team
        .file
        .draft
        .iter()
        .map(|d| json!({"lever": d.lever().name(), "value": value_text(d), "label": challenge::decision_label(d)}))
        .collect();
    let practice_html = team.practice_review.as_ref().map(|r| {
        format!(
            "<div class=\"quarter practice\"><h3>{}</h3>{}</div>",
            l.t("workshop.practice_review"),
            review_lines(r, l)
        )
    });
    let reviews_html = (!team.game.reviews.is_empty()).then(|| {
        let weekly = team.game.session.weekly();
        format!(
            "<div class=\"charts\">{}{}</div>{}",
            bookings_chart(c, &[(team.file.name.as_str(), weekly)], l),
            culture_chart(weekly, l),
            quarter_by_quarter(&team.game, l)
        )
    });
    let debrief_html = team.debrief.as_ref().map(|d| {
        let year = team.game.session.report().kpis;
        challenge_debrief(&team.game, &year, d, &[], l)
    });
    json!({
        "version": version,
        "code": room.file.code,
        "title": c.title.get(l),
        "briefing": c.briefing.get(l),
        "lesson": (round == Round::Finished).then(|| c.lesson.get(l)),
        "room": round_json(room, now),
        "team": {
            "name": team.file.name,
            "lang": l.code(),
            "locked": team.file.locked,
            "token": team.file.token,
        },
        "budget_left": team.game.budget_left(),
        "levers": levers,
        "draft": draft,
        "draft_cost": room.check(i, &team.file.draft).ok(),
        "practice_html": practice_html,
        "reviews_html": reviews_html,
        "debrief_html": debrief_html,
        "debrief_progress": (round == Round::Finished && team.debrief.is_none())
            .then(|| json!({"done": progress.done, "total": progress.total})),
    })
}

/// A practice review's lines: decisions, cost, news, explanations (the KPIs in a table).
fn review_lines(r: &challenge::QuarterReview, l: Language) -> String {
    let mut b = format!(
        "<p><b>{}</b> {}</p>",
        l.t("report.decisions"),
        escape(&challenge::decisions_line(&r.decisions, "–"))
    );
    let rows: Vec<Vec<String>> = challenge::REVIEW_KPIS
        .iter()
        .map(|&k| vec![kpi_label(k, l), k.format(r.kpis[k], l)])
        .collect();
    b.push_str(&table(
        &[l.t("workshop.kpi").to_owned(), "Q1".to_owned()],
        &rows,
    ));
    for e in &r.explanations {
        b.push_str(&format!("<p class=\"why\">→ {}</p>", escape(e.get(l))));
    }
    b
}

/// The coach's overview: the teams and their locks, the leaderboard of both KPI families
/// to date, each team's funnel and culture side by side, the debrief's progress.
pub fn coach_state(
    room: &mut Room,
    version: u64,
    now: u64,
    progress: DebriefProgress,
    join: &Json,
) -> Json {
    let l = room.language();
    let c = room.challenge.clone();
    let mut teams = Vec::new();
    let mut cards = String::new();
    let rows: Vec<Vec<String>> = standings(room)
        .into_iter()
        .map(|t| {
            let mut row = vec![escape(&t.name), format!("{:.1}", t.score)];
            row.extend(BOARD_KPIS.iter().map(|&k| k.format(t.kpis[k], l)));
            row
        })
        .collect();
    for (i, t) in room.teams.iter_mut().enumerate() {
        teams.push(json!({
            "name": t.file.name,
            "locked": t.file.locked,
            "quarters": t.file.quarters.len(),
        }));
        let counts = t.game.session.stage_counts();
        let bars: Vec<Bar> = Stage::ALL
            .iter()
            .map(|s| Bar {
                label: l
                    .t(&format!("stage.{}", s.name()))
                    .chars()
                    .take(5)
                    .collect(),
                value: counts[s.index()] as f64,
                range: None,
                color: PALETTE[i % PALETTE.len()],
            })
            .collect();
        cards.push_str(&format!(
            "<div class=\"team-card\"><h3>{}</h3><div class=\"charts\">{}{}</div></div>",
            escape(&t.file.name),
            bar_chart(l.t("workshop.funnel_today"), "", &bars),
            culture_chart(t.game.session.weekly(), l)
        ));
    }
    let mut header = vec![
        l.t("challenge.team").to_owned(),
        l.t("workshop.score_to_date").to_owned(),
    ];
    header.extend(BOARD_KPIS.iter().map(|&k| kpi_label(k, l)));
    let board = table(&header, &rows);
    let years: Vec<(&str, &[crate::kpi::KpiValues])> = room
        .teams
        .iter()
        .map(|t| (t.file.name.as_str(), t.game.session.weekly()))
        .collect();
    let bookings =
        (!years.is_empty() && room.quarters_played() > 0).then(|| bookings_chart(&c, &years, l));
    let round = room.round();
    json!({
        "version": version,
        "code": room.file.code,
        "title": c.title.get(l),
        "lang": l.code(),
        "join": join,
        "room": round_json(room, now),
        "teams": teams,
        "board_html": board,
        "bookings_html": bookings,
        "teams_html": cards,
        "report_ready": room.board.is_some(),
        "debrief_progress": (round == Round::Finished && room.board.is_none())
            .then(|| json!({"done": progress.done, "total": progress.total})),
    })
}

/// One team on a leaderboard.
#[derive(Clone, Debug)]
pub struct Standing {
    /// Its name.
    pub name: String,
    /// Its place in the joining order (its colour: the ranking moves, the colour stays).
    pub order: usize,
    /// Whether it has locked the open round's decisions.
    pub locked: bool,
    /// Its score on the challenge's objectives, on its KPIs to date.
    pub score: f64,
    /// Its KPIs to date.
    pub kpis: crate::kpi::KpiValues,
    /// Bookings to date, week by week.
    pub bookings: Vec<f64>,
}

/// What the projector window shows: how to join, the round, the teams and the leaderboard.
#[derive(Clone, Debug)]
pub struct Projector {
    /// The room's version this view was taken at.
    pub version: u64,
    /// The challenge's title, in the room's language.
    pub title: String,
    /// The room code.
    pub code: String,
    /// The join address.
    pub url: String,
    /// The open round.
    pub round: Round,
    /// Quarters in the challenge.
    pub quarters: u32,
    /// When the countdown ends, in seconds since the Unix epoch, if one is set (the window
    /// counts down to it between views).
    pub countdown_until: Option<u64>,
    /// The fiscal quota prorated to the challenge's days.
    pub quota: f64,
    /// The teams, best score to date first.
    pub teams: Vec<Standing>,
    /// The debrief's progress, while it is computed.
    pub debrief: Option<DebriefProgress>,
}

/// The teams to date, best score on the challenge's objectives first (ties keep the joining
/// order): what the facilitator page's and the projector's leaderboards show.
pub fn standings(room: &Room) -> Vec<Standing> {
    let c = &room.challenge;
    let mut teams: Vec<Standing> = room
        .teams
        .iter()
        .enumerate()
        .map(|(order, t)| {
            let kpis = t.game.session.report().kpis;
            let weekly: Vec<f64> = t
                .game
                .session
                .weekly()
                .iter()
                .map(|w| w[Kpi::Bookings])
                .collect();
            Standing {
                name: t.file.name.clone(),
                order,
                locked: t.file.locked,
                score: challenge::score(&c.objectives, &kpis),
                kpis,
                bookings: crate::report::html::cumulative(&weekly),
            }
        })
        .collect();
    teams.sort_by(|a, b| b.score.total_cmp(&a.score));
    teams
}

/// The projector window's view of `room`.
pub fn projector(room: &Room, version: u64, progress: DebriefProgress, url: &str) -> Projector {
    let c = room.challenge.clone();
    let teams = standings(room);
    let round = room.round();
    Projector {
        version,
        title: c.title.get(room.language()).to_owned(),
        code: room.file.code.clone(),
        url: url.to_owned(),
        round,
        quarters: c.quarters,
        countdown_until: room.file.countdown_until,
        quota: crate::sim::kpi::quota_for(&c.scenario, c.scenario.days),
        teams,
        debrief: (round == Round::Finished && room.board.is_none()).then_some(progress),
    }
}

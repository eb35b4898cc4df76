//! The year-end debrief: the score against the objectives, the player's year beside the two
//! reference strategies on the same seeds, and the three decisions that moved the result
//! most, found by counterfactual replays (undo one decision, replay the same seeds).

use std::sync::Arc;

use rayon::prelude::*;

use super::explain::{rules_holding, score};
use super::game::{Game, Progress};
use super::schema::{Challenge, Decision, Decisions, Text};
use crate::kpi::KpiValues;
use crate::model::stats::{PairedDiff, mean};
use crate::runner::RunReport;

/// A strategy's year: on the game's seed and over the debrief's seeds.
#[derive(Clone, Debug, PartialEq)]
pub struct StrategyResult {
    /// Name.
    pub name: Text,
    /// Decisions of each quarter.
    pub quarters: Vec<Vec<Decision>>,
    /// Score on each seed of the debrief (the game's seed first).
    pub scores: Vec<f64>,
    /// Year-end KPIs on the game's seed.
    pub kpis: KpiValues,
    /// Weekly KPI rows on the game's seed.
    pub weekly: Vec<KpiValues>,
}

impl StrategyResult {
    /// Score on the game's seed.
    pub fn score(&self) -> f64 {
        self.scores[0]
    }

    /// Mean score over the seeds.
    pub fn mean(&self) -> f64 {
        mean(&self.scores)
    }
}

/// What undoing one decision changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribution {
    /// Quarter (1-based).
    pub quarter: u32,
    /// The decision.
    pub decision: Decision,
    /// Mean score with it minus without it, over the same seeds.
    pub effect: f64,
    /// 95 % interval of the effect.
    pub low: f64,
    /// 95 % interval of the effect.
    pub high: f64,
}

/// The year-end debrief.
#[derive(Clone, Debug, PartialEq)]
pub struct Debrief {
    /// Points of each objective (0–1), in the challenge's order, on the game's seed.
    pub points: Vec<f64>,
    /// Explanations that hold for the whole year.
    pub explanations: Vec<Text>,
    /// Seeds of the comparison (the game's first).
    pub seeds: Vec<u64>,
    /// The player, the naive and the good reference, in that order.
    pub strategies: Vec<StrategyResult>,
    /// The decisions that moved the score most, largest effect first (at most three).
    pub attributions: Vec<Attribution>,
}

impl Debrief {
    /// The player's score on the game's seed.
    pub fn score(&self) -> f64 {
        self.strategies[0].score()
    }
}

/// Play a whole challenge with these decisions on `seed`, without budget checks (the
/// references are checked by tests; counterfactuals may change what decisions cost).
pub fn play_through(challenge: &Arc<Challenge>, seed: u64, quarters: &[Vec<Decision>]) -> Game {
    let mut game = Game::new(challenge.clone(), "", "", seed);
    while !game.finished() {
        if game.awaiting_decisions() {
            let q = game.decided.len();
            game.apply_unchecked(quarters.get(q).cloned().unwrap_or_default(), 0.0);
        }
        game.play_quarter();
    }
    game
}

/// The year of `quarters` on each seed, in parallel, in seed order.
fn plays(
    challenge: &Arc<Challenge>,
    seeds: &[u64],
    quarters: &[Vec<Decision>],
    tick: &(dyn Fn() + Sync),
) -> Vec<RunReport> {
    seeds
        .par_iter()
        .map(|&s| {
            let report = play_through(challenge, s, quarters).session.report();
            tick();
            report
        })
        .collect()
}

fn scores_of(challenge: &Challenge, plays: &[RunReport]) -> Vec<f64> {
    plays
        .iter()
        .map(|r| score(&challenge.objectives, &r.kpis))
        .collect()
}

fn strategy(
    challenge: &Arc<Challenge>,
    name: Text,
    quarters: Vec<Vec<Decision>>,
    seeds: &[u64],
    tick: &(dyn Fn() + Sync),
) -> StrategyResult {
    let mut years = plays(challenge, seeds, &quarters, tick);
    let scores = scores_of(challenge, &years);
    let first = years.swap_remove(0);
    StrategyResult {
        name,
        scores,
        quarters,
        kpis: first.kpis,
        weekly: first.weekly,
    }
}

/// Simulated years a debrief with `seeds` seeds costs (for a progress bar).
pub fn debrief_runs(game: &Progress, seeds: usize) -> u64 {
    let decisions: usize = game.decided.iter().map(Vec::len).sum();
    ((3 + decisions) * seeds) as u64
}

/// The debrief of a finished game (its progress and its year's KPIs), compared over
/// `seeds` seeds (the game's and the next ones); `tick` is called once per simulated year.
pub fn debrief(
    game: &Progress,
    kpis: &KpiValues,
    seeds: usize,
    tick: &(dyn Fn() + Sync),
) -> Debrief {
    let c = &game.challenge;
    let seeds: Vec<u64> = (0..seeds.max(1) as u64)
        .map(|i| game.seed.wrapping_add(i))
        .collect();
    let points = super::explain::objective_points(&c.objectives, kpis);
    let player_name = Text {
        en: if game.team.is_empty() {
            "Your year".into()
        } else {
            game.team.clone()
        },
        fr: if game.team.is_empty() {
            "Votre année".into()
        } else {
            game.team.clone()
        },
    };
    let player = strategy(c, player_name, game.decided.clone(), &seeds, tick);
    let naive = strategy(
        c,
        c.references.naive.name.clone(),
        c.references.naive.quarters.clone(),
        &seeds,
        tick,
    );
    let good = strategy(
        c,
        c.references.good.name.clone(),
        c.references.good.quarters.clone(),
        &seeds,
        tick,
    );
    let mut attributions: Vec<Attribution> = Vec::new();
    for (q, decisions) in game.decided.iter().enumerate() {
        for i in 0..decisions.len() {
            let mut without = game.decided.clone();
            let decision = without[q].remove(i);
            let other = scores_of(c, &plays(c, &seeds, &without, tick));
            let d = PairedDiff::of(&other, &player.scores);
            attributions.push(Attribution {
                quarter: q as u32 + 1,
                decision,
                effect: d.mean,
                low: d.low,
                high: d.high,
            });
        }
    }
    attributions.sort_by(|a, b| b.effect.abs().total_cmp(&a.effect.abs()));
    attributions.truncate(3);
    Debrief {
        points,
        explanations: rules_holding(&c.explanations, kpis),
        seeds,
        strategies: vec![player, naive, good],
        attributions,
    }
}

/// One team's line on a workshop leaderboard.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamResult {
    /// Team name.
    pub team: String,
    /// The team's year.
    pub result: StrategyResult,
}

/// The teams' years on the same seeds, best mean score first (ties: the game's seed, then
/// the name).
pub fn leaderboard(
    challenge: &Arc<Challenge>,
    teams: &[Decisions],
    seeds: &[u64],
    tick: &(dyn Fn() + Sync),
) -> Vec<TeamResult> {
    let mut rows: Vec<TeamResult> = teams
        .iter()
        .map(|d| TeamResult {
            team: d.team.clone(),
            result: strategy(
                challenge,
                Text {
                    en: d.team.clone(),
                    fr: d.team.clone(),
                },
                d.quarters.clone(),
                seeds,
                tick,
            ),
        })
        .collect();
    rank(&mut rows);
    rows
}

/// Order a leaderboard: best mean score first, then the game seed's score, then the name.
pub fn rank(board: &mut [TeamResult]) {
    board.sort_by(|a, b| {
        b.result
            .mean()
            .total_cmp(&a.result.mean())
            .then(b.result.score().total_cmp(&a.result.score()))
            .then(a.team.cmp(&b.team))
    });
}

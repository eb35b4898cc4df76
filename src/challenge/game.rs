//! One play of a challenge: decisions at each quarter start, the quarter simulated day by
//! day (the same [`Session`] as the game window), a review at each quarter end.

use std::sync::Arc;

use super::explain::{loss_line, rules_holding};
use super::schema::{Challenge, Decision, Decisions, Text};
use crate::kpi::{KPI_COUNT, Kpi, KpiValues, Weekly};
use crate::model::rng::SimRng;
use crate::model::stage::Role;
use crate::model::stats::median;
use crate::scenario::{Event, EventChange, FieldError, Group, Scenario};
use crate::session::Session;

/// What a quarter review shows.
#[derive(Clone, Debug, PartialEq)]
pub struct QuarterReview {
    /// Quarter, 1-based.
    pub quarter: u32,
    /// The decisions taken at its start.
    pub decisions: Vec<Decision>,
    /// What they cost.
    pub cost: f64,
    /// What happened during the quarter.
    pub news: Vec<Text>,
    /// KPIs: counts within the quarter, other values to date at its end.
    pub kpis: KpiValues,
    /// Why the quarter went as it did.
    pub explanations: Vec<Text>,
}

/// Where a play of a challenge stands, apart from its simulation: the game window keeps
/// its own [`Session`] and drives a `Progress` beside it; [`Game`] holds both for headless
/// play.
#[derive(Clone)]
pub struct Progress {
    /// The challenge.
    pub challenge: Arc<Challenge>,
    /// Its name (file name without `.ron`).
    pub name: String,
    /// The team playing.
    pub team: String,
    /// The seed.
    pub seed: u64,
    /// Decisions of each quarter started so far.
    pub decided: Vec<Vec<Decision>>,
    /// Money spent on decisions so far.
    pub spent: f64,
    /// Reviews of the quarters finished so far.
    pub reviews: Vec<QuarterReview>,
    /// What happens when, for this seed (scripted and drawn events), in day order.
    pub news: Vec<(u32, Text)>,
    /// KPIs to date at the start of the quarter being played.
    quarter_start: KpiValues,
}

/// A challenge being played headless: its progress and its simulation.
pub struct Game {
    /// Decisions, reviews, budget.
    pub progress: Progress,
    /// The simulation.
    pub session: Session,
}

impl std::ops::Deref for Game {
    type Target = Progress;
    fn deref(&self) -> &Progress {
        &self.progress
    }
}

impl std::ops::DerefMut for Game {
    fn deref_mut(&mut self) -> &mut Progress {
        &mut self.progress
    }
}

impl Progress {
    /// A new play of a validated challenge with `seed`, before the first decisions, and
    /// its simulation at day 0.
    pub fn new(
        challenge: Arc<Challenge>,
        name: &str,
        team: &str,
        seed: u64,
    ) -> (Progress, Session) {
        let (scenario, news) = scenario_for_seed(&challenge, seed);
        let session = Session::new(Arc::new(scenario), seed);
        let progress = Progress {
            challenge,
            name: name.to_owned(),
            team: team.to_owned(),
            seed,
            decided: Vec::new(),
            spent: 0.0,
            reviews: Vec::new(),
            news,
            quarter_start: [0.0; KPI_COUNT],
        };
        (progress, session)
    }

    /// Working days in a quarter.
    pub fn quarter_days(&self) -> u32 {
        self.challenge.scenario.quarter_days
    }

    /// Whether the play waits for the decisions of quarter `self.decided.len() + 1`.
    pub fn awaiting_decisions(&self, session: &Session) -> bool {
        !session.finished() && session.day() == self.decided.len() as u32 * self.quarter_days()
    }

    /// Budget left.
    pub fn budget_left(&self) -> f64 {
        self.challenge.budget - self.spent
    }

    /// The open levers of quarter `quarter` (1-based).
    pub fn open_levers(&self, quarter: u32) -> impl Iterator<Item = &super::OpenLever> {
        self.challenge
            .levers
            .iter()
            .filter(move |l| l.from_quarter <= quarter)
    }

    /// Check the next quarter's decisions: each lever open, in range and given once, the
    /// split staffed, the total within the budget left. Returns their cost; errors are
    /// located as `quarters[q][i]` (0-based, as in a decisions file).
    pub fn check(&self, session: &Session, decisions: &[Decision]) -> Result<f64, Vec<FieldError>> {
        let q = self.decided.len();
        let quarter = q as u32 + 1;
        let current = session.levers();
        let mut after = current.clone();
        let mut errors = Vec::new();
        let mut cost = 0.0;
        let mut err = |i: usize, message: String| {
            errors.push(FieldError {
                path: format!("quarters[{q}][{i}]"),
                message,
            })
        };
        for (i, d) in decisions.iter().enumerate() {
            let knob = d.lever();
            if decisions[..i].iter().any(|e| e.lever() == knob) {
                err(
                    i,
                    format!("`{}` is decided twice in quarter {quarter}", knob.name()),
                );
                continue;
            }
            let Some(open) = self.open_levers(quarter).find(|l| l.knob == knob) else {
                let names: Vec<&str> = self.open_levers(quarter).map(|l| l.knob.name()).collect();
                err(
                    i,
                    format!(
                        "`{}` is not open in quarter {quarter}; open levers: {}",
                        knob.name(),
                        if names.is_empty() {
                            "none".into()
                        } else {
                            names.join(", ")
                        }
                    ),
                );
                continue;
            };
            if let Some(x) = d.as_number()
                && !(open.min..=open.max).contains(&x)
            {
                err(
                    i,
                    format!(
                        "{} {} is out of range; allowed: {} to {}",
                        knob.name(),
                        super::short_number(x),
                        super::short_number(open.min),
                        super::short_number(open.max)
                    ),
                );
                continue;
            }
            let before = after.get(knob).as_number();
            if let Err(message) = after.set(d) {
                err(i, message);
                continue;
            }
            cost += match d.as_number() {
                Some(x) => (x - before.unwrap_or(x)).max(0.0) * open.cost,
                None if current.differs(&after, knob) => open.cost,
                None => 0.0,
            };
        }
        for role in Role::ALL {
            let duties = after.owners.duties(role);
            if after.headcount[role.index()] <= 0 && !duties.is_empty() {
                errors.push(FieldError {
                    path: format!("quarters[{q}]"),
                    message: format!(
                        "nobody left to do {}'s stages ({}): keep at least one {}",
                        role.name(),
                        duties
                            .iter()
                            .map(|s| s.name())
                            .collect::<Vec<_>>()
                            .join(", "),
                        role.name()
                    ),
                });
            }
        }
        if cost > self.budget_left() + 1e-9 {
            errors.push(FieldError {
                path: format!("quarters[{q}]"),
                message: format!(
                    "these decisions cost {}, more than the {} left of the budget",
                    super::short_number(cost),
                    super::short_number(self.budget_left())
                ),
            });
        }
        if errors.is_empty() {
            Ok(cost)
        } else {
            Err(errors)
        }
    }

    /// Take the next quarter's decisions (checked); they act from its first day.
    pub fn decide(
        &mut self,
        session: &mut Session,
        decisions: Vec<Decision>,
    ) -> Result<(), Vec<FieldError>> {
        let cost = self.check(session, &decisions)?;
        self.apply_unchecked(session, decisions, cost);
        Ok(())
    }

    /// Take decisions without checking them (counterfactual replays, where removing one
    /// decision may change what the others cost).
    pub(super) fn apply_unchecked(
        &mut self,
        session: &mut Session,
        decisions: Vec<Decision>,
        cost: f64,
    ) {
        debug_assert!(self.awaiting_decisions(session));
        session.apply(to_changes(&decisions));
        self.spent += cost;
        self.decided.push(decisions);
        self.quarter_start = session.report().kpis;
    }

    /// Call after each simulated day: at a quarter's end, write its review.
    pub fn after_day(&mut self, session: &Session) {
        let qd = self.quarter_days();
        if session.day().is_multiple_of(qd) || session.finished() {
            let review = self.review(session);
            self.reviews.push(review);
        }
    }

    fn review(&self, session: &Session) -> QuarterReview {
        let q = self.decided.len() as u32;
        let qd = self.quarter_days();
        let now = session.report().kpis;
        let weekly = session.weekly();
        let weeks_per_quarter = (qd / crate::model::calendar::DAYS_PER_WEEK) as usize;
        let first_week = (q as usize - 1) * weeks_per_quarter;
        let mut kpis = now;
        for k in Kpi::ALL {
            kpis[k] = match k.weekly() {
                Weekly::ToDate => now[k],
                Weekly::Count => now[k] - self.quarter_start[k],
                Weekly::WeekMedian => {
                    let xs: Vec<f64> = weekly
                        .iter()
                        .skip(first_week)
                        .map(|w| w[k])
                        .filter(|x| x.is_finite() && *x > 0.0)
                        .collect();
                    if xs.is_empty() { now[k] } else { median(&xs) }
                }
            };
        }
        let decisions = self.decided[q as usize - 1].clone();
        let cost = self.decision_costs()[q as usize - 1];
        let from = (q - 1) * qd;
        let news = self
            .news
            .iter()
            .filter(|(d, _)| (from..q * qd).contains(d))
            .map(|(_, t)| t.clone())
            .collect();
        let mut explanations = vec![loss_line(&kpis)];
        explanations.extend(rules_holding(&self.challenge.explanations, &kpis));
        QuarterReview {
            quarter: q,
            decisions,
            cost,
            news,
            kpis,
            explanations,
        }
    }

    /// What each quarter's decisions cost (as checked when taken).
    fn decision_costs(&self) -> Vec<f64> {
        let mut costs: Vec<f64> = self.reviews.iter().map(|r| r.cost).collect();
        let before: f64 = costs.iter().sum();
        costs.push(self.spent - before);
        costs
    }

    /// The play as a decisions file (a save: it replays to this very day).
    pub fn save(&self, session: &Session) -> Decisions {
        Decisions {
            challenge: self.name.clone(),
            team: self.team.clone(),
            seed: Some(self.seed),
            quarters: self.decided.clone(),
            day: Some(session.day()),
        }
    }
}

impl Game {
    /// A new game of a validated challenge with `seed`, before the first decisions.
    pub fn new(challenge: Arc<Challenge>, name: &str, team: &str, seed: u64) -> Game {
        let (progress, session) = Progress::new(challenge, name, team, seed);
        Game { progress, session }
    }

    /// Days simulated.
    pub fn day(&self) -> u32 {
        self.session.day()
    }

    /// Whether the whole challenge is played.
    pub fn finished(&self) -> bool {
        self.session.finished()
    }

    /// Whether the game waits for the next quarter's decisions.
    pub fn awaiting_decisions(&self) -> bool {
        self.progress.awaiting_decisions(&self.session)
    }

    /// See [`Progress::check`].
    pub fn check(&self, decisions: &[Decision]) -> Result<f64, Vec<FieldError>> {
        self.progress.check(&self.session, decisions)
    }

    /// See [`Progress::decide`].
    pub fn decide(&mut self, decisions: Vec<Decision>) -> Result<(), Vec<FieldError>> {
        self.progress.decide(&mut self.session, decisions)
    }

    pub(super) fn apply_unchecked(&mut self, decisions: Vec<Decision>, cost: f64) {
        self.progress
            .apply_unchecked(&mut self.session, decisions, cost);
    }

    /// Simulate one day (nothing while decisions are awaited); at a quarter's end, write
    /// its review.
    pub fn step(&mut self) {
        if self.finished() || self.awaiting_decisions() {
            return;
        }
        self.session.step();
        self.progress.after_day(&self.session);
    }

    /// Simulate the rest of the quarter.
    pub fn play_quarter(&mut self) {
        let end = self.reviews.len() + 1;
        while !self.finished() && !self.awaiting_decisions() && self.reviews.len() < end {
            self.step();
        }
    }

    /// The game as a decisions file (a save: it replays to this very day).
    pub fn save(&self) -> Decisions {
        self.progress.save(&self.session)
    }

    /// Play `quarters`' decisions from the start (checked), each quarter to its end, or to
    /// `day` if given (a saved game). Errors name the decisions' field paths.
    pub fn replay(
        challenge: Arc<Challenge>,
        name: &str,
        saved: &Decisions,
    ) -> Result<Game, Vec<FieldError>> {
        let seed = saved.seed.unwrap_or(challenge.scenario.seed);
        let mut game = Game::new(challenge, name, &saved.team, seed);
        let quarters = game.challenge.quarters as usize;
        if saved.quarters.len() > quarters {
            return Err(vec![FieldError {
                path: "quarters".into(),
                message: format!(
                    "{} quarters of decisions; the challenge has {quarters}",
                    saved.quarters.len()
                ),
            }]);
        }
        let qd = game.quarter_days();
        let decided = saved.quarters.len() as u32;
        let last = decided * qd;
        let target = saved.day.unwrap_or(last);
        if target > last || (decided > 0 && target < last - qd) || (decided == 0 && target > 0) {
            return Err(vec![FieldError {
                path: "day".into(),
                message: format!(
                    "{target} does not match {decided} quarter(s) of decisions; allowed: {} to {last}",
                    last.saturating_sub(qd)
                ),
            }]);
        }
        for decisions in &saved.quarters {
            game.decide(decisions.clone())?;
            while game.day() < target && !game.awaiting_decisions() && !game.finished() {
                game.step();
            }
        }
        Ok(game)
    }
}

/// The challenge's scenario for `seed`: its scripted events plus the random ones drawn from
/// the seed (their own generator, so the simulation's draws are not disturbed), and the
/// news of both in day order.
pub fn scenario_for_seed(challenge: &Challenge, seed: u64) -> (Scenario, Vec<(u32, Text)>) {
    let mut scenario = challenge.scenario.clone();
    scenario.seed = seed;
    let mut news: Vec<(u32, EventChange, Text)> = challenge
        .events
        .iter()
        .map(|e| (e.day, e.lever.clone(), e.news.clone()))
        .collect();
    let mut rng = SimRng::new(seed ^ 0x6368_616c_6c65_6e67);
    for r in &challenge.random_events {
        // Both draws always, so one event's chance does not shift the next one's day.
        let happens = rng.chance(r.chance);
        let span = r.days.1.saturating_sub(r.days.0).max(1) as usize;
        let day = r.days.0 + rng.below(span) as u32;
        if happens {
            news.push((day, r.lever.clone(), r.news.clone()));
        }
    }
    news.sort_by_key(|(d, _, _)| *d);
    for (day, lever, _) in &news {
        scenario.events.push(Event {
            day: *day,
            lever: lever.clone(),
        });
    }
    // `challenge::check` validated the scripted events together and each random one alone,
    // and random events change neither the split nor a headcount: every seed's year passes.
    let scenario = Scenario::new(scenario).unwrap_or_else(|errors| {
        unreachable!("challenge validation let through an invalid year: {errors:?}")
    });
    (scenario, news.into_iter().map(|(d, _, t)| (d, t)).collect())
}

/// The settings a quarter's decisions apply, in the decisions' order except that culture
/// levers come last: a reorganisation decided with more change support meets the support
/// the organisation had before, which only helps the changes that follow.
fn to_changes(decisions: &[Decision]) -> Vec<Decision> {
    let mut ordered = decisions.to_vec();
    ordered.sort_by_key(|d| d.lever().spec().group == Group::Culture);
    ordered
}

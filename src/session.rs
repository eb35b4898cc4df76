//! One game: a simulation world stepped day by day (the same world and schedule as the
//! headless runner, so the same seed and levers give the same run as the CLI), the levers
//! applied so far, and what the window reads of it.

use std::sync::Arc;

use bevy::prelude::*;

use crate::kpi::KpiValues;
use crate::model::stage::{Role, Stage, StageOwners};
use crate::runner::{RunReport, build_app, report_of};
use crate::scenario::{EventChange, LeverState, Scenario, Skills};
use crate::sim::state::*;
use crate::sim::step_day;

/// An open opportunity, as the funnel draws it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ItemView {
    /// Opportunity id.
    pub id: u64,
    /// Its stage.
    pub stage: Stage,
    /// The role working it now.
    pub role: Role,
    /// Stalled (nobody works it).
    pub stalled: bool,
}

/// What a hover shows of an opportunity.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemDetail {
    /// Opportunity id.
    pub id: u64,
    /// Segment name.
    pub segment: String,
    /// Deal value.
    pub value: f64,
    /// Fit with the ideal customer profile.
    pub fit: f64,
    /// Stage.
    pub stage: Stage,
    /// Days in the stage.
    pub stage_age: u32,
    /// Role working it.
    pub owner: Role,
    /// Discovery information kept.
    pub info: f64,
    /// Relationship.
    pub relationship: f64,
}

/// A person, as the people strip and the person window show them.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonView {
    /// The person's entity in the simulation world.
    pub entity: Entity,
    /// Hire order.
    pub id: u32,
    /// Role.
    pub role: Role,
    /// Hours available today.
    pub available: f64,
    /// Hours worked today.
    pub worked: f64,
    /// Items in the queue.
    pub queue: usize,
    /// Hours by stage this week.
    pub week_hours: [f64; 7],
    /// Skills.
    pub skills: Skills,
    /// Their own engagement (it sets their hours).
    pub engagement: f64,
    /// Their own valorization (it sets their attrition).
    pub valorization: f64,
}

/// The upstream stages' figures (see [`Session::upstream`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Upstream {
    /// Quality of the last quarterly preparation, 0 to 1.
    pub preparation_quality: f64,
    /// Roles that took part in it (by `Role::index`).
    pub preparation_roles: [bool; 3],
    /// Share of outreach aimed at high-fit accounts, from the preparation.
    pub targeting: f64,
    /// Touches made today, by role (`Role::index`).
    pub touches_today: [u64; 3],
    /// Contacts those touches engaged.
    pub engaged_today: u64,
    /// Accounts touchable now (not cooling down, not engaged).
    pub touchable: usize,
    /// Of which in the high-fit pool.
    pub high_fit: usize,
    /// Accounts in nurture, waiting for their need to emerge.
    pub nurtured: usize,
}

/// One game in progress.
pub struct Session {
    /// The scenario as started.
    pub scenario: Arc<Scenario>,
    /// The seed.
    pub seed: u64,
    /// The simulation.
    pub world: World,
    /// Levers applied, with the day from which they act.
    pub applied: Vec<(u32, EventChange)>,
}

impl Session {
    /// A fresh simulation of `scenario` with `seed`, at day 0.
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Session {
        let mut app = build_app(scenario.clone(), seed);
        let mut world = std::mem::take(app.world_mut());
        world.init_resource::<EndedLog>();
        Session {
            scenario,
            seed,
            world,
            applied: Vec::new(),
        }
    }

    /// Days simulated.
    pub fn day(&self) -> u32 {
        self.world.resource::<Clock>().days_done
    }

    /// Whether the scenario's days are all simulated.
    pub fn finished(&self) -> bool {
        self.day() >= self.scenario.days
    }

    /// Simulate one day (nothing once finished).
    pub fn step(&mut self) {
        if !self.finished() {
            step_day(&mut self.world);
        }
    }

    /// Opportunities that ended since the last call.
    pub fn take_ended(&mut self) -> Vec<(u64, OppStatus)> {
        std::mem::take(&mut self.world.resource_mut::<EndedLog>().0)
    }

    /// The run's KPIs so far.
    pub fn report(&self) -> RunReport {
        report_of(&self.world, self.seed)
    }

    /// Weekly KPI rows so far.
    pub fn weekly(&self) -> &[KpiValues] {
        &self.world.resource::<crate::sim::kpi::Tally>().weekly
    }

    /// The live organisation.
    pub fn levers(&self) -> LeverState {
        self.world.resource::<Org>().levers.clone()
    }

    /// The live stage owners.
    pub fn owners(&self) -> StageOwners {
        self.world.resource::<Org>().levers.owners
    }

    /// Apply `changes` from the next day (the same path as a scenario's scripted events).
    pub fn apply(&mut self, changes: impl IntoIterator<Item = impl Into<EventChange>>) {
        let from = self.day();
        for change in changes.into_iter().map(Into::into) {
            self.applied.push((from, change.clone()));
            self.world.resource_mut::<LeverQueue>().0.push(change);
        }
    }

    /// Every open opportunity, by id.
    pub fn items(&mut self) -> Vec<ItemView> {
        let mut q = self.world.query::<&Opportunity>();
        let mut items: Vec<ItemView> = q
            .iter(&self.world)
            .filter_map(|o| {
                Some(ItemView {
                    id: o.id,
                    stage: o.stage()?,
                    role: o.role,
                    stalled: o.stalled,
                })
            })
            .collect();
        items.sort_by_key(|i| i.id);
        items
    }

    /// Outcomes so far, in the funnel's band order: won, the losses (in `LostReason::ALL`
    /// order), accounts in nurture now.
    pub fn outcome_counts(&self) -> [u64; 2 + LostReason::ALL.len()] {
        let t = self.world.resource::<crate::sim::kpi::Tally>();
        let mut counts = [0; 2 + LostReason::ALL.len()];
        counts[0] = t.signed;
        counts[1..=LostReason::ALL.len()].copy_from_slice(&t.lost);
        counts[1 + LostReason::ALL.len()] = self.world.resource::<NurtureBook>().len() as u64;
        counts
    }

    /// What happens before a project exists: the quarter's preparation and the day's
    /// outreach (the Preparation and Prospection lanes).
    pub fn upstream(&self) -> Upstream {
        let tally = self.world.resource::<crate::sim::kpi::Tally>();
        let market = self.world.resource::<Market>();
        let org = self.world.resource::<Org>();
        Upstream {
            preparation_quality: self.world.resource::<CultureState>().preparation_quality,
            preparation_roles: org.preparation_roles,
            targeting: org.targeting,
            touches_today: tally.touches_today,
            engaged_today: tally.outbound_today,
            touchable: market.pool.len(),
            high_fit: market.pool.high_len(),
            nurtured: self.world.resource::<NurtureBook>().len(),
        }
    }

    /// Open opportunities in each stage (no list built: the window asks every frame).
    pub fn stage_counts(&mut self) -> [usize; 7] {
        let mut counts = [0; 7];
        let mut q = self.world.query::<&Opportunity>();
        for stage in q.iter(&self.world).filter_map(Opportunity::stage) {
            counts[stage.index()] += 1;
        }
        counts
    }

    /// What a hover shows of opportunity `id`.
    pub fn detail(&mut self, id: u64) -> Option<ItemDetail> {
        let today = self.world.resource::<Clock>().today;
        let mut q = self.world.query::<&Opportunity>();
        let o = q.iter(&self.world).find(|o| o.id == id)?.clone();
        let market = self.world.resource::<Market>();
        Some(ItemDetail {
            id,
            segment: self.scenario.segments[market.segment_of(o.account_index)]
                .name
                .clone(),
            value: o.value,
            fit: market.pool.fit(o.account_index),
            stage: o.stage()?,
            stage_age: today.saturating_sub(o.stage_day),
            owner: o.role,
            info: o.info,
            relationship: o.relationship,
        })
    }

    /// Everyone on the payroll, in hire order.
    pub fn people(&mut self) -> Vec<PersonView> {
        let roster = self.world.resource::<Roster>().all.clone();
        roster
            .into_iter()
            .filter_map(|e| {
                let p = self.world.get::<Person>(e)?;
                Some(PersonView {
                    entity: e,
                    id: p.id,
                    role: p.role,
                    available: p.hours_today,
                    worked: p.worked_today,
                    queue: self.world.get::<Queue>(e).map_or(0, |q| q.0.len()),
                    week_hours: self.world.get::<WeekHours>(e).map_or([0.0; 7], |w| w.0),
                    skills: p.skills,
                    engagement: p.culture.engagement,
                    valorization: p.culture.valorization,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runner::simulate;

    fn small() -> Arc<Scenario> {
        let small = Scenario::default().modified(|s| {
            s.days = 60;
            s.segments[0].accounts = 2_000;
            s.team.sellers = 4;
            s.team.marketers = 2;
        });
        Arc::new(small.unwrap())
    }

    #[test]
    fn stepping_a_session_is_the_headless_run() {
        let s = small();
        let mut game = Session::new(s.clone(), 9);
        while !game.finished() {
            game.step();
        }
        game.step();
        assert_eq!(game.day(), 60);
        assert_eq!(game.report(), simulate(&s, 9));
    }

    #[test]
    fn levers_apply_from_the_next_day_like_scripted_events() {
        let s = small();
        let mut game = Session::new(s.clone(), 3);
        for _ in 0..20 {
            game.step();
        }
        let mut levers = game.levers();
        let before = levers.clone();
        levers.owners.0[Stage::Qualification.index()] = crate::model::stage::Owner::Shared;
        levers.headcount[Role::Marketing.index()] = 3;
        let changes = levers.changes_from(&before);
        assert_eq!(changes.len(), 2);
        game.apply(changes.clone());
        while !game.finished() {
            game.step();
        }
        assert_eq!(game.levers().owners, levers.owners);
        // The same changes written as scenario events give the same run.
        let scripted = s.modified(|raw| {
            for lever in changes {
                raw.events.push(crate::scenario::Event {
                    day: 20,
                    lever: lever.into(),
                });
            }
        });
        assert_eq!(game.report(), simulate(&Arc::new(scripted.unwrap()), 3));
    }

    #[test]
    fn the_best_person_of_a_role_leaves_and_is_replaced() {
        let s = small().modified(|s| {
            s.learning.rate_per_hour = 0.01;
            s.days = 150;
            s.attrition.annual_rate = 0.0;
        });
        let mut game = Session::new(Arc::new(s.unwrap()), 5);
        for _ in 0..30 {
            game.step();
        }
        let sellers = |g: &mut Session| -> Vec<PersonView> {
            g.people()
                .into_iter()
                .filter(|p| p.role == Role::Sales)
                .collect()
        };
        let before = sellers(&mut game);
        let best = before
            .iter()
            .max_by(|a, b| a.skills.mean().total_cmp(&b.skills.mean()))
            .unwrap()
            .id;
        assert!(
            before
                .iter()
                .any(|p| p.skills.mean() != before[0].skills.mean())
        );
        game.apply([EventChange::BestLeaves(Role::Sales)]);
        game.step();
        let after = sellers(&mut game);
        assert_eq!(after.len(), before.len() - 1);
        assert!(after.iter().all(|p| p.id != best));
        for _ in 0..(game.scenario.team.hiring_delay_days + 2) {
            game.step();
        }
        assert_eq!(
            sellers(&mut game).len(),
            before.len(),
            "replaced after the delay"
        );
    }
}

//! The simulation as a Bevy ECS: one [`SimulationPlugin`] made of one plugin per domain,
//! driven one working day at a time by running the [`SimDay`] schedule. The day's order is
//! MODEL.md §4 and §9.1, declared once in [`DaySet`]; the schedule is single-threaded so that one
//! seed gives one result.

mod calendar;
mod culture;
mod decay;
pub mod invariants;
pub mod kpi;
mod market;
mod outcome;
mod people;
pub mod routing;
mod setup;
pub mod state;
mod work;

use std::sync::Arc;

use bevy::ecs::schedule::{LogLevel, ScheduleBuildSettings, ScheduleLabel, SingleThreadedExecutor};
use bevy::prelude::*;

use crate::scenario::Scenario;

/// The schedule that simulates one working day.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SimDay;

/// The steps of a working day, in order (MODEL.md §4). When adding a variant, order it in
/// [`SimulationPlugin::build`].
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub enum DaySet {
    /// Advance the day, apply lever changes, quarterly preparation.
    Calendar,
    /// Needs emerge, nurtured needs are noticed, inbound contacts arrive, windows close.
    Market,
    /// Hires arrive, waiting items find someone, each person's hours for today.
    Capacity,
    /// The day's clock: people work their queues in hour order, drawing each finished
    /// phase's outcome as it ends, and prospect and nurture when nothing is ready.
    Work,
    /// Items that waited all day may be lost.
    IdleDecay,
    /// Weekly culture move; attrition.
    Culture,
    /// Pipeline census and KPI rows.
    Kpi,
}

/// The whole simulation of one scenario and seed.
pub struct SimulationPlugin {
    /// The validated scenario.
    pub scenario: Arc<Scenario>,
    /// The run's seed.
    pub seed: u64,
}

impl Plugin for SimulationPlugin {
    fn build(&self, app: &mut App) {
        let mut day = Schedule::new(SimDay);
        // Determinism: one thread, a fixed order, and any unordered conflict is an error.
        day.set_executor(SingleThreadedExecutor::new());
        day.set_build_settings(ScheduleBuildSettings {
            ambiguity_detection: LogLevel::Error,
            ..default()
        });
        day.configure_sets(
            (
                DaySet::Calendar,
                DaySet::Market,
                DaySet::Capacity,
                DaySet::Work,
                DaySet::IdleDecay,
                DaySet::Culture,
                DaySet::Kpi,
            )
                .chain(),
        );
        app.add_schedule(day);
        setup::populate(app.world_mut(), self.scenario.clone(), self.seed);
        app.add_plugins((
            calendar::plugin,
            market::plugin,
            people::plugin,
            work::plugin,
            decay::plugin,
            culture::plugin,
            kpi::plugin,
        ));
    }
}

/// Run one day.
pub fn step_day(world: &mut World) {
    world.run_schedule(SimDay);
}

//! Headless runs: one scenario and seed to a [`RunReport`], and Monte Carlo batches across
//! seeds in parallel (rayon). Run *i* of a batch uses seed `base + i` and results come back
//! in seed order, so a batch is identical at any thread count.

use std::sync::Arc;

use bevy::prelude::*;
use rayon::prelude::*;

use crate::kpi::{KPI_COUNT, Kpi, KpiValues};
use crate::model::stats::{mean, percentile};
use crate::scenario::Scenario;
use crate::sim::kpi::{Tally, snapshot};
use crate::sim::state::{CultureState, Deal, DealLog, Opportunity};
use crate::sim::{SimulationPlugin, step_day};

/// What one run produced.
#[derive(Clone, Debug, PartialEq)]
pub struct RunReport {
    /// The seed.
    pub seed: u64,
    /// Every KPI at the end of the run.
    pub kpis: KpiValues,
    /// One row per week.
    pub weekly: Vec<KpiValues>,
}

/// A Bevy app holding a fresh simulation of `scenario` with `seed`, at day 0.
pub fn build_app(scenario: Arc<Scenario>, seed: u64) -> App {
    let mut app = App::new();
    app.add_plugins(SimulationPlugin { scenario, seed });
    app
}

/// The report of an app's simulation so far.
pub fn report_of(world: &World, seed: u64) -> RunReport {
    let s = &world.resource::<crate::sim::state::Params>().0;
    let tally = world.resource::<Tally>();
    RunReport {
        seed,
        kpis: snapshot(tally, s, world.resource::<CultureState>()),
        weekly: tally.weekly.clone(),
    }
}

/// Simulate `scenario.days` days with `seed`.
pub fn simulate(scenario: &Arc<Scenario>, seed: u64) -> RunReport {
    let mut app = build_app(scenario.clone(), seed);
    for _ in 0..scenario.days {
        step_day(app.world_mut());
    }
    report_of(app.world(), seed)
}

/// What a CRM export would show of one run: its ended projects and how many detected
/// projects are still open at the end.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DealRecord {
    /// Projects won or lost, in the order they ended.
    pub ended: Vec<Deal>,
    /// Detected projects still open on the last day (stalled ones included).
    pub open: u64,
}

/// Simulate `scenario.days` days with `seed`, recording every ended project.
pub fn simulate_deals(scenario: &Arc<Scenario>, seed: u64) -> DealRecord {
    let mut app = build_app(scenario.clone(), seed);
    app.world_mut().init_resource::<DealLog>();
    for _ in 0..scenario.days {
        step_day(app.world_mut());
    }
    let world = app.world_mut();
    let ended = std::mem::take(&mut world.resource_mut::<DealLog>().0);
    let open = world
        .query::<&Opportunity>()
        .iter(world)
        .filter(|o| o.stage().is_some() && o.detected_day.is_some())
        .count() as u64;
    DealRecord { ended, open }
}

/// Runs with seeds `base, base+1, …` (`runs` of them), in parallel; `tick` is called once per
/// finished run (from any thread).
pub fn monte_carlo(
    scenario: &Arc<Scenario>,
    base: u64,
    runs: usize,
    tick: &(dyn Fn() + Sync),
) -> Vec<RunReport> {
    (0..runs as u64)
        .into_par_iter()
        .map(|i| {
            let r = simulate(scenario, base.wrapping_add(i));
            tick();
            r
        })
        .collect()
}

/// What one run of a scenario is expected to cost, estimated from its size: the reference
/// machine's measurements (docs/benchmarks.md, "Estimates") with their worst ratio, so an
/// upper estimate rather than a forecast.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// Wall seconds on one thread.
    pub seconds: f64,
    /// Peak memory, bytes.
    pub bytes: u64,
}

/// Seconds per account and simulated year of 250 days (0.5 µs at 100,000 accounts, 1.4 µs at
/// 4 million, where the pipeline outgrows the caches).
const SECONDS_PER_ACCOUNT_YEAR: f64 = 1.5e-6;

/// Memory of a run: a base, per account, per simulated day.
const BASE_BYTES: u64 = 16 << 20;
const BYTES_PER_ACCOUNT: u64 = 64;
const BYTES_PER_DAY: u64 = 4 << 10;

/// The cost of one run of `s`.
pub fn estimate(s: &Scenario) -> Estimate {
    let accounts = s.total_accounts();
    let years = (f64::from(s.days) / 250.0).max(1.0);
    Estimate {
        seconds: SECONDS_PER_ACCOUNT_YEAR * accounts as f64 * years,
        bytes: BASE_BYTES + BYTES_PER_ACCOUNT * accounts + BYTES_PER_DAY * u64::from(s.days),
    }
}

/// Distribution of one KPI over runs.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Stat {
    /// Mean.
    pub mean: f64,
    /// 5th percentile.
    pub p05: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
}

impl Stat {
    /// Summary of samples.
    pub fn of(xs: &[f64]) -> Stat {
        Stat {
            mean: mean(xs),
            p05: percentile(xs, 0.05),
            p50: percentile(xs, 0.5),
            p95: percentile(xs, 0.95),
        }
    }
}

/// One KPI's values across runs.
pub fn column(runs: &[RunReport], k: Kpi) -> Vec<f64> {
    runs.iter().map(|r| r.kpis[k]).collect()
}

/// Per-KPI distributions over runs.
pub fn summarise(runs: &[RunReport]) -> [Stat; KPI_COUNT] {
    Kpi::ALL.map(|k| Stat::of(&column(runs, k)))
}

/// Per-week mean over runs of each KPI.
pub fn weekly_means(runs: &[RunReport]) -> Vec<KpiValues> {
    let weeks = runs.iter().map(|r| r.weekly.len()).min().unwrap_or(0);
    (0..weeks)
        .map(|w| {
            let mut row = [0.0; KPI_COUNT];
            for (k, v) in row.iter_mut().enumerate() {
                *v = mean(&runs.iter().map(|r| r.weekly[w][k]).collect::<Vec<_>>());
            }
            row
        })
        .collect()
}

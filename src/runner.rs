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
use crate::sim::state::{CultureState, Deal, DealLog, OppRecord, Opportunity, OpportunityLog};
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

/// Simulate `scenario.days` days with `seed`, keeping every opportunity's record (the
/// simulated CRM of `salesim run --opportunities`): the same run as [`simulate`].
pub fn simulate_logged(scenario: &Arc<Scenario>, seed: u64) -> (RunReport, Vec<OppRecord>) {
    let mut app = build_app(scenario.clone(), seed);
    app.world_mut().init_resource::<OpportunityLog>();
    for _ in 0..scenario.days {
        step_day(app.world_mut());
    }
    let records = std::mem::take(&mut app.world_mut().resource_mut::<OpportunityLog>().records);
    (report_of(app.world(), seed), records)
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

/// A Monte Carlo batch: every run's final KPIs, in seed order, and the per-week mean of
/// every KPI over the runs. The runs' weekly rows are added up as they finish and dropped
/// (`RunReport::weekly` is empty here), so a long batch keeps 272 bytes a run, not a year
/// of rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    /// Each run's seed and final KPIs (no weekly rows).
    pub runs: Vec<RunReport>,
    /// Per-week mean over the runs of each KPI.
    pub weekly_means: Vec<KpiValues>,
}

impl Batch {
    /// A batch of the one run `report` (a game's export): its weekly rows are the means.
    pub fn of_one(mut report: RunReport) -> Batch {
        let weekly_means = std::mem::take(&mut report.weekly);
        Batch {
            runs: vec![report],
            weekly_means,
        }
    }
}

/// Runs simulated at a time before their weekly rows are added up.
const BATCH_CHUNK: usize = 256;

/// `runs` runs of `scenario` with seeds `base`, `base + 1`, ..., in parallel, a chunk at a
/// time; `tick` is called once per finished run. The weekly sums are taken in seed order,
/// so the result is the same at any thread count.
pub fn monte_carlo(
    scenario: &Arc<Scenario>,
    base: u64,
    runs: usize,
    tick: &(dyn Fn() + Sync),
) -> Batch {
    let mut ends = Vec::with_capacity(runs);
    // -0.0 as `Iterator::sum` starts, so the means are those of `weekly_means`.
    let mut sums: Vec<KpiValues> = Vec::new();
    let mut weeks = usize::MAX;
    for first in (0..runs).step_by(BATCH_CHUNK) {
        let chunk: Vec<RunReport> = (first..runs.min(first + BATCH_CHUNK))
            .into_par_iter()
            .map(|i| {
                let r = simulate(scenario, base.wrapping_add(i as u64));
                tick();
                r
            })
            .collect();
        for mut r in chunk {
            weeks = weeks.min(r.weekly.len());
            if sums.len() < r.weekly.len() {
                sums.resize(r.weekly.len(), [-0.0; KPI_COUNT]);
            }
            for (sum, row) in sums.iter_mut().zip(&r.weekly) {
                for (s, x) in sum.iter_mut().zip(row) {
                    *s += x;
                }
            }
            r.weekly = Vec::new();
            ends.push(r);
        }
    }
    sums.truncate(if ends.is_empty() { 0 } else { weeks });
    let n = ends.len() as f64;
    for row in &mut sums {
        for s in row.iter_mut() {
            *s /= n;
        }
    }
    Batch {
        runs: ends,
        weekly_means: sums,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_s_weekly_means_are_those_of_all_its_runs_kept() {
        let s = Arc::new(
            Scenario::default()
                .modified(|s| {
                    s.days = 30;
                    s.segments.truncate(1);
                    s.segments[0].accounts = 300;
                })
                .unwrap(),
        );
        let runs = BATCH_CHUNK + 3;
        let batch = monte_carlo(&s, 7, runs, &|| {});
        let kept: Vec<RunReport> = (0..runs as u64).map(|i| simulate(&s, 7 + i)).collect();
        // The means taken the plain way, every run's rows in memory.
        let weeks = kept[0].weekly.len();
        for w in 0..weeks {
            for k in Kpi::ALL {
                let xs: Vec<f64> = kept.iter().map(|r| r.weekly[w][k]).collect();
                assert_eq!(batch.weekly_means[w][k].to_bits(), mean(&xs).to_bits());
            }
        }
        assert_eq!(batch.weekly_means.len(), weeks);
        assert!(batch.runs.iter().all(|r| r.weekly.is_empty()));
        let finals: Vec<KpiValues> = kept.iter().map(|r| r.kpis).collect();
        assert_eq!(
            batch.runs.iter().map(|r| r.kpis).collect::<Vec<_>>(),
            finals
        );
    }
}

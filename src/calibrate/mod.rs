//! `salesim calibrate`: fit a scenario to a CRM opportunities export, then show how closely
//! its simulation reproduces the export's figures (docs/calibration.md).
//!
//! The fit has two steps. First, closed forms: arrivals, seasonality, products and deal
//! values come straight from the rows; the buyer's pace (a two-track lognormal mixture) from
//! the won cycles' quantiles; where and when deals are lost from the lost cycles' quantiles.
//! Then a few rounds of simulation correct what the closed forms cannot see (whole days per
//! stage, censoring at the export date, stalled deals), each round on the same seeds, and the
//! round with the smallest worst gap is kept.

pub mod chart;
pub mod crm;
pub mod figures;
pub mod fit;
mod writer;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::model::calendar;
use crate::model::stats::mean;
use crate::runner::{DealRecord, simulate_deals};
use crate::scenario::{self, Scenario, ScenarioError};
use crm::{Crm, Outcome};
use figures::{Figures, QUARTER_DAYS};
use fit::{
    Pace, fit_lognormal, fit_loss_timing, fit_pace, fit_quantiles, median_p90, working_days,
};

/// Why a calibration cannot be done.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CalibrateError {
    /// An input cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file has no header or no data row.
    #[error("{}: the file is empty (a header line and at least one row are needed)", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// A column the calibration needs is not there.
    #[error(
        "{}: no column for `{field}` (looked for: {}); the columns are: {}. \
         Name it with --map \"COLUMN={field}\"",
        path.display(), tried.join(", "), found.join(", ")
    )]
    MissingColumn {
        /// The file.
        path: PathBuf,
        /// The field.
        field: &'static str,
        /// Column names tried.
        tried: Vec<String>,
        /// The file's columns.
        found: Vec<String>,
    },
    /// The CSV itself is malformed.
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Csv {
        /// The file.
        path: PathBuf,
        /// 1-based line, when known.
        line: Option<u64>,
        /// What is wrong.
        message: String,
    },
    /// Rows were read but too few can be used.
    #[error("{}: nothing to calibrate on: {detail}", path.display())]
    NothingToFit {
        /// The file.
        path: PathBuf,
        /// What was found.
        detail: String,
    },
    /// A bad `--map` argument.
    #[error("--map {arg}: {reason}")]
    Map {
        /// The argument.
        arg: String,
        /// What is wrong.
        reason: String,
    },
    /// The scenario to check cannot be used.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
}

/// The inputs of a calibration.
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    /// Opportunities export.
    pub pipeline: PathBuf,
    /// Accounts table (optional, described in the scenario's comments).
    pub accounts: Option<PathBuf>,
    /// Sellers with their manager and region (optional).
    pub teams: Option<PathBuf>,
    /// Products with their list price (optional).
    pub products: Option<PathBuf>,
    /// `--map COLUMN=FIELD` arguments.
    pub maps: Vec<String>,
}

/// An export read and placed on the simulation's calendar.
#[derive(Clone, Debug)]
pub struct Export {
    /// The rows.
    pub crm: Crm,
    /// First engage date (simulated day 0), days since 1970-01-01.
    pub first_day: i64,
    /// Export date: the latest date in the file.
    pub export_day: i64,
    /// Simulated working days from the first engage date to the export date.
    pub days: u32,
    /// Span in quarters.
    pub quarters: f64,
    /// Engaged opportunities per simulated 5-day week.
    pub weekly: Vec<u64>,
    /// The export's figures.
    pub observed: Figures,
}

impl Export {
    /// Read `path` with `maps`.
    pub fn read(path: &Path, maps: &[String]) -> Result<Export, CalibrateError> {
        let maps = crm::parse_maps(maps)?;
        let crm = crm::read(path, &maps)?;
        let engages = crm.rows.iter().filter_map(|r| r.engage);
        let first_day = engages.clone().min().unwrap_or(0);
        let export_day = crm
            .rows
            .iter()
            .flat_map(|r| [r.engage, r.close])
            .flatten()
            .max()
            .unwrap_or(first_day);
        let span = (export_day - first_day + 1) as f64;
        // Dates to simulated working days: weekdays in order, a weekend date on its Friday.
        let day_of = |date: i64| weekday_index(date) - weekday_index(first_day);
        let days = (day_of(export_day) + 1).max(1) as u32;
        let mut weekly = vec![0u64; calendar::weeks_spanning(days) as usize];
        for d in engages {
            let last = weekly.len() - 1;
            let week = (day_of(d).max(0) as u32 / calendar::DAYS_PER_WEEK) as usize;
            weekly[week.min(last)] += 1;
        }
        let quarters = span / QUARTER_DAYS;
        let observed = figures::observed(&crm, quarters);
        let won = crm
            .rows
            .iter()
            .filter(|r| r.outcome == Outcome::Won)
            .count();
        let with_cycle = crm
            .rows
            .iter()
            .filter(|r| r.outcome == Outcome::Won)
            .filter(|r| r.close.zip(r.engage).is_some_and(|(c, e)| c > e))
            .count();
        if with_cycle < MIN_WON_CYCLES {
            return Err(CalibrateError::NothingToFit {
                path: path.to_owned(),
                detail: format!(
                    "{won} won deal(s), {with_cycle} of them closed a day or more after their \
                     engage date; the pace of a deal is fitted on at least {MIN_WON_CYCLES} such \
                     wins (an export of lost deals only, or of wins without dates, cannot be \
                     calibrated)"
                ),
            });
        }
        Ok(Export {
            crm,
            first_day,
            export_day,
            days,
            quarters,
            weekly,
            observed,
        })
    }

    /// Cycle lengths (calendar days) of the deals that ended with `outcome`.
    pub fn cycles(&self, outcome: Outcome) -> Vec<f64> {
        self.crm
            .rows
            .iter()
            .filter(|r| r.outcome == outcome)
            .filter_map(|r| Some((r.close? - r.engage?) as f64))
            .collect()
    }

    /// The same, each over its product's won-cycle factor ([`ProductShape::cycle`]): the
    /// spread within products, which the buyer's pace carries (the products' own factors
    /// scale their buyer's days).
    pub fn cycles_within_products(&self, outcome: Outcome) -> Vec<f64> {
        let shapes = product_shapes(&self.crm);
        self.crm
            .rows
            .iter()
            .filter(|r| r.outcome == outcome)
            .filter_map(|r| Some((r.close? - r.engage?) as f64 / shapes[r.product as usize].cycle))
            .collect()
    }

    /// Engaged opportunities.
    pub fn engaged(&self) -> u64 {
        self.weekly.iter().sum()
    }

    /// Sellers: the owners of at least one usable opportunity.
    pub fn sellers(&self) -> usize {
        self.crm.owners.len()
    }
}

/// Weekdays from Monday 1970-01-05 to `date` (days since 1970-01-01), a weekend date
/// counting as its Friday.
fn weekday_index(date: i64) -> i64 {
    let since_monday = date - 4;
    let (week, day) = (since_monday.div_euclid(7), since_monday.rem_euclid(7));
    week * 5 + day.min(4)
}

/// The free parameters of the fit (durations in working days at pace 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Knobs {
    /// Median days from detection to signature of a project on the ordinary track.
    pub won_days: f64,
    /// The buyer's pace.
    pub pace: Pace,
    /// Share of losses at qualification (the rest at closing, as late as wins).
    pub early_share: f64,
    /// Median days to a loss at qualification.
    pub early_days: f64,
    /// Share of the other losses at the demonstration (the rest at closing).
    pub mid_share: f64,
    /// The demonstration's share of the days between qualification and closing.
    pub demo_share: f64,
    /// Win rate the outcome probabilities aim at.
    pub win_rate: f64,
    /// Probability that a detected project stalls.
    pub stall: f64,
    /// Daily probability that a deal waiting on its buyer dies there.
    pub stall_hazard: f64,
}

/// What the closed form of the pace is asked to reproduce: the won cycle (working days) at
/// [`fit::FIT_QUANTILES`], and the win rate. They start at the observed figures; each
/// simulation round corrects them by the ratio of observed to simulated.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Aims {
    /// Won cycle quantiles.
    pub won: [f64; 5],
    /// Win rate.
    pub win_rate: f64,
}

/// Share of the won cycle spent in closing.
const CLOSING_SHARE: f64 = 0.1;
/// Simulation rounds that correct the closed-form fit, and runs per round.
const ROUNDS: usize = 12;
const MAX_RUNS_PER_ROUND: usize = 24;
const MIN_RUNS_PER_ROUND: usize = 8;
/// Simulated opportunities a round aims at: enough that its figures' own noise stays well
/// under the tolerance (a small export gets more runs, a large one fewer).
const OPPORTUNITIES_PER_ROUND: f64 = 48_000.0;

/// Runs per correction round for `export`.
fn runs_per_round(export: &Export) -> usize {
    let per_run = export.engaged() as f64 * simulation_scale(export);
    ((OPPORTUNITIES_PER_ROUND / per_run.max(1.0)).ceil() as usize)
        .clamp(MIN_RUNS_PER_ROUND, MAX_RUNS_PER_ROUND)
}
/// Largest simulated organisation: a bigger export is simulated at a proportional scale.
const MAX_SIMULATED_OPPORTUNITIES: f64 = 10_000.0;
/// A figure is reproduced when its relative gap is at most this.
pub const TOLERANCE: f64 = 0.10;
/// A round whose worst gap is under this ends the fit.
const GOOD_ENOUGH: f64 = 0.04;

/// A calibration's result.
#[derive(Clone, Debug)]
pub struct Calibration {
    /// The scenario, as written (RON with comments).
    pub text: String,
    /// The same, parsed.
    pub scenario: Scenario,
    /// The fitted parameters.
    pub knobs: Knobs,
}

/// Fewest won deals with a cycle of a day or more that a calibration fits a deal's pace on.
const MIN_WON_CYCLES: usize = 10;

/// Closed-form first guess: pace and cycle from the won deals' quantiles, where and when
/// deals are lost from the lost deals' quantiles.
pub fn first_guess(export: &Export) -> (Aims, Knobs) {
    let aims = Aims {
        won: fit_quantiles(&export.cycles_within_products(Outcome::Won)).map(working_days),
        win_rate: export.observed.win_rate.clamp(0.01, 0.99),
    };
    let (pace, won_days) = fit_pace(&aims.won, None);
    let loss = fit_loss_timing(
        &fit_quantiles(&export.cycles_within_products(Outcome::Lost)).map(working_days),
        won_days,
        &pace,
    );
    let knobs = Knobs {
        won_days,
        pace,
        early_share: loss.early,
        early_days: loss
            .early_days
            .clamp(0.05, max_early_days(won_days).max(0.05)),
        mid_share: 0.0,
        demo_share: 0.6,
        win_rate: aims.win_rate,
        stall: 0.0,
        stall_hazard: 0.0,
    };
    (aims, knobs)
}

/// The commented scenario of `knobs` for `export` (the whole organisation).
pub fn scenario_for(export: &Export, knobs: &Knobs, inputs: &Inputs, notes: &[String]) -> String {
    writer::write(export, knobs, inputs, notes)
}

fn parse_written(text: &str, name: &Path) -> Result<Scenario, CalibrateError> {
    Ok(scenario::validated(scenario::parse(text, name)?, name)?)
}

/// The largest relative gap of `simulated` to `observed` over the figures.
pub fn worst_gap(observed: &Figures, simulated: &Figures) -> f64 {
    observed
        .values()
        .iter()
        .zip(simulated.values())
        .map(|(o, s)| figures::relative_gap(*o, s).abs())
        .fold(0.0, f64::max)
}

/// Scale at which `export` is simulated.
pub fn simulation_scale(export: &Export) -> f64 {
    (MAX_SIMULATED_OPPORTUNITIES / export.engaged().max(1) as f64).min(1.0)
}

/// Simulate `s` `runs` times from seed `seed` and measure its figures as the export's.
pub fn simulate_figures(
    s: &Scenario,
    export: &Export,
    scale: f64,
    seed: u64,
    runs: usize,
    tick: &(dyn Fn() + Sync),
) -> (Figures, Vec<DealRecord>) {
    let s = Arc::new(s.clone());
    let records: Vec<DealRecord> = (0..runs as u64)
        .into_par_iter()
        .map(|i| {
            let r = simulate_deals(&s, seed.wrapping_add(i));
            tick();
            r
        })
        .collect();
    let sellers = s.team.sellers as f64;
    (
        figures::simulated(&records, sellers, export.quarters, scale),
        records,
    )
}

/// Won cycles of simulated deals, each over its product's won-cycle factor, as
/// [`Export::cycles_within_products`] (the fitted scenario has one segment per product
/// that has engaged opportunities, in product order).
fn simulated_cycles_within_products(records: &[DealRecord], export: &Export) -> Vec<f64> {
    let segment_shapes: Vec<f64> = engaged_by_product(&export.crm)
        .into_iter()
        .zip(product_shapes(&export.crm))
        .filter(|&(engaged, _)| engaged > 0)
        .map(|(_, shape)| shape.cycle)
        .collect();
    records
        .iter()
        .flat_map(|r| &r.ended)
        .filter(|d| d.won)
        .map(|d| {
            let factor = segment_shapes
                .get(d.segment as usize)
                .copied()
                .unwrap_or(1.0);
            calendar::calendar_span(d.start, d.end) / factor
        })
        .collect()
}

/// Cycle lengths (calendar days) of simulated deals, won or lost.
fn simulated_cycles(records: &[DealRecord], won: bool) -> Vec<f64> {
    records
        .iter()
        .flat_map(|r| &r.ended)
        .filter(|d| d.won == won)
        .map(|d| calendar::calendar_span(d.start, d.end))
        .collect()
}

/// One correction round, each move damped by half (on the log scale for ratios). The pace
/// is re-solved from aims moved by the ratio of observed to simulated won quantiles; the
/// share of early losses moves so that the share of lost deals ended by the observed lost
/// median is one half (a bimodal median is too jumpy to chase); the qualification's days by
/// the ratio of the lost cycles' lower quartiles (when most losses are early); the share of
/// late losses at the demonstration by the log-ratio of the lost cycles' p90; the win rate by
/// its ratio; the stall probability by the missing open deals per engaged opportunity.
fn correct(
    aims: &mut Aims,
    k: &mut Knobs,
    export: &Export,
    records: &[DealRecord],
    got: &Figures,
    scale: f64,
) {
    let ratio = |t: f64, g: f64| {
        if t > 0.0 && g > 0.0 {
            crate::model::ops::sqrt(t / g)
        } else {
            1.0
        }
    };
    let target = &export.observed;
    let observed_won = fit_quantiles(&export.cycles_within_products(Outcome::Won));
    let simulated_won = fit_quantiles(&simulated_cycles_within_products(records, export));
    for ((aim, o), g) in aims.won.iter_mut().zip(observed_won).zip(simulated_won) {
        *aim *= ratio(o, g);
    }
    let full = |t: f64, g: f64| if t > 0.0 && g > 0.0 { t / g } else { 1.0 };
    aims.win_rate = (aims.win_rate * full(target.win_rate, got.win_rate)).clamp(0.01, 0.99);
    let (pace, won_days) = fit_pace(&aims.won, Some(k.pace));
    let lost = simulated_cycles(records, false);
    // Simulated cycles are whole working days (1.4 calendar days apart): the deals at the
    // observed median count half, so the median lands on it rather than next to it.
    let below = fit::mid_share(&lost, target.lost_cycle_median, 0.7);
    // A unit of early share moves that share by about the early losses' weight below it.
    k.early_share = (k.early_share - 0.5 * (below - 0.5) / 0.8).clamp(0.0, 0.95);
    // Where most losses are early, the lost cycle's lower quartile is theirs: it sets how
    // long a qualification takes.
    let observed_lost = fit_quantiles(&export.cycles(Outcome::Lost));
    let simulated_lost = fit_quantiles(&lost);
    if k.early_share >= 0.3 {
        k.early_days *= ratio(observed_lost[1], simulated_lost[1]);
    }
    k.early_days = k.early_days.clamp(0.05, max_early_days(won_days).max(0.05));
    // The lost cycle's p90 is the late losses': more of them at the demonstration, rather
    // than at closing, shorten it; once (nearly) all of them are there, or none, an earlier
    // or later demonstration does.
    if target.lost_cycle_p90 > 0.0 && got.lost_cycle_p90 > 0.0 {
        let longer = crate::model::ops::ln(got.lost_cycle_p90 / target.lost_cycle_p90);
        let moved = (k.mid_share + 1.5 * longer).clamp(0.0, 0.95);
        let rest = k.mid_share + 1.5 * longer - moved;
        k.mid_share = moved;
        let demo_share = k.demo_share * crate::model::ops::exp(-rest);
        k.demo_share = demo_share.clamp(0.05, 0.95);
    }
    k.pace = pace;
    k.won_days = won_days;
    k.win_rate = aims.win_rate;
    let engaged_per_run = mean(
        &records
            .iter()
            .map(|r| (r.ended.len() as u64 + r.open) as f64 / scale)
            .collect::<Vec<_>>(),
    );
    // Too many deals still open at the export date: the slowest buyers give up, a daily
    // hazard while they are the ones to act (a hazard of h over a cycle of D days ends about
    // h·D of the deals). Too few: first less of that hazard, then deals that stall for good.
    if engaged_per_run > 0.0 && target.open_pipeline > 0.0 {
        let excess = (got.open_pipeline - target.open_pipeline) / target.open_pipeline;
        if excess > 0.0 || k.stall_hazard > 0.0 {
            k.stall_hazard = (k.stall_hazard + 1.5 * excess / k.won_days.max(1.0)).clamp(0.0, 0.05);
        } else {
            let missing = (target.open_pipeline - got.open_pipeline) / engaged_per_run;
            k.stall = (k.stall + 0.5 * missing).clamp(0.0, 0.9);
        }
    }
}

/// Qualification must leave time for the demonstration and negotiation before closing.
fn max_early_days(won_days: f64) -> f64 {
    won_days * (1.0 - CLOSING_SHARE) * 0.9
}

/// Fit a scenario to the export. `progress` is called once per simulated run.
pub fn calibrate(
    export: &Export,
    inputs: &Inputs,
    progress: &(dyn Fn() + Sync),
) -> Result<Calibration, CalibrateError> {
    let scale = simulation_scale(export);
    let (mut aims, mut knobs) = first_guess(export);
    let name = Path::new("calibrated scenario");
    let notes = writer::side_tables(inputs)?;
    // Rounds are noisy and a bimodal median jumps: keep the knobs whose worst gap was least.
    let mut best = (f64::INFINITY, knobs);
    for _ in 0..ROUNDS {
        let written = parse_written(&scenario_for(export, &knobs, inputs, &notes), name)?;
        let s = scaled(&written, scale)?;
        let runs = runs_per_round(export);
        let (got, records) = simulate_figures(&s, export, scale, 1, runs, progress);
        let worst = worst_gap(&export.observed, &got);
        if worst < best.0 {
            best = (worst, knobs);
        }
        // Well inside the tolerance: more rounds would chase the rounds' own noise.
        if worst < GOOD_ENOUGH {
            break;
        }
        correct(&mut aims, &mut knobs, export, &records, &got, scale);
    }
    let knobs = best.1;
    let text = scenario_for(export, &knobs, inputs, &notes);
    let scenario = parse_written(&text, name)?;
    Ok(Calibration {
        text,
        scenario,
        knobs,
    })
}

/// Runs [`calibrate`] makes for `export` at most (fewer when a round is good enough), for
/// progress bars.
pub fn calibration_runs(export: &Export) -> usize {
    ROUNDS * runs_per_round(export)
}

/// The check: observed and simulated figures side by side.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Check {
    /// The export's figures.
    pub observed: Figures,
    /// The simulation's (pooled over the runs).
    pub simulated: Figures,
    /// Runs simulated.
    pub runs: usize,
    /// Scale of the simulated organisation (1 = the export's size).
    pub scale: f64,
    /// Cycle lengths (calendar days) of won and lost deals: observed, then simulated.
    #[serde(skip)]
    pub cycles: CycleSamples,
}

/// Cycle lengths for the distribution chart.
#[derive(Clone, Debug, Default)]
pub struct CycleSamples {
    /// Observed won, lost.
    pub observed: [Vec<f64>; 2],
    /// Simulated won, lost.
    pub simulated: [Vec<f64>; 2],
}

impl Check {
    /// The largest relative gap over the figures.
    pub fn worst_gap(&self) -> f64 {
        worst_gap(&self.observed, &self.simulated)
    }

    /// The side-by-side table.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<38} {:>12} {:>12} {:>8} {:<6}  {}\n",
            "figure", "observed", "simulated", "gap", "", "salesim run KPI"
        );
        for (((label, unit), kpi), (o, s)) in Figures::LABELS
            .iter()
            .zip(Figures::RUN_KPIS)
            .zip(self.observed.values().iter().zip(self.simulated.values()))
        {
            let name = if unit.is_empty() {
                (*label).to_owned()
            } else {
                format!("{label} ({unit})")
            };
            let gap = figures::relative_gap(*o, s);
            let line = format!(
                "{name:<38} {:>12} {:>12} {:>+7.1}% {:<6}  {kpi}",
                number(*o),
                number(s),
                gap * 100.0,
                if gap.abs() > TOLERANCE + 1e-9 {
                    "> 10%"
                } else {
                    ""
                }
            );
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

fn number(v: f64) -> String {
    if v.abs() < 10.0 {
        format!("{v:.3}")
    } else {
        format!("{v:.1}")
    }
}

/// Simulate `s` (`runs` runs from its seed) and compare with the export.
pub fn check(
    s: &Scenario,
    export: &Export,
    runs: usize,
    progress: &(dyn Fn() + Sync),
) -> Result<Check, CalibrateError> {
    let scale = simulation_scale(export);
    let scaled = scaled(s, scale)?;
    let (simulated, records) = simulate_figures(&scaled, export, scale, s.seed, runs, progress);
    let cycles = CycleSamples {
        observed: [export.cycles(Outcome::Won), export.cycles(Outcome::Lost)],
        simulated: [
            simulated_cycles(&records, true),
            simulated_cycles(&records, false),
        ],
    };
    Ok(Check {
        observed: export.observed,
        simulated,
        runs,
        scale,
        cycles,
    })
}

/// `s` with its accounts and sellers scaled by `scale` (at least one of each that exists).
/// Shrinking keeps every role and segment that exists, so the result stays valid.
fn scaled(s: &Scenario, scale: f64) -> Result<Scenario, CalibrateError> {
    let mut s = s.raw().clone();
    if scale < 1.0 {
        let shrink = |n: i64| {
            if n > 0 {
                ((n as f64 * scale).round() as i64).max(1)
            } else {
                0
            }
        };
        for g in &mut s.segments {
            g.accounts = shrink(g.accounts);
        }
        s.team.sellers = shrink(s.team.sellers);
        s.team.marketers = shrink(s.team.marketers);
        s.team.sdrs = shrink(s.team.sdrs);
    }
    Ok(scenario::validated(s, Path::new("(scaled scenario)"))?)
}

/// Won deals' values per product: (median, log-scale sigma, count), by product index.
pub fn product_values(crm: &Crm) -> Vec<Option<(f64, f64, usize)>> {
    let mut by: BTreeMap<u32, Vec<f64>> = BTreeMap::new();
    for r in crm.rows.iter().filter(|r| r.outcome == Outcome::Won) {
        by.entry(r.product).or_default().push(r.value);
    }
    (0..crm.products.len() as u32)
        .map(|p| {
            let v = by.get(&p)?;
            let (median, sigma) = fit_lognormal(v)?;
            Some((median, sigma, v.len()))
        })
        .collect()
}

/// How a product differs from the export as a whole: its win rate and its won cycle's
/// median, each over the export's (1 where a product has too few deals to tell).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProductShape {
    /// Its won / closed over the export's.
    pub win: f64,
    /// Its won cycle's median over the export's.
    pub cycle: f64,
}

/// Fewest closed deals, and wins, a product's own shape is measured on.
const MIN_PRODUCT_CLOSED: usize = 30;
const MIN_PRODUCT_WINS: usize = 10;

/// Engaged opportunities of each product, by product index: the fitted scenario has one
/// segment per product with any, in product order.
pub fn engaged_by_product(crm: &Crm) -> Vec<usize> {
    let mut engaged = vec![0; crm.products.len()];
    for r in crm.rows.iter().filter(|r| r.engage.is_some()) {
        engaged[r.product as usize] += 1;
    }
    engaged
}

/// Each product's [`ProductShape`], by product index.
pub fn product_shapes(crm: &Crm) -> Vec<ProductShape> {
    let won_cycle = |r: &crm::Row| Some((r.close? - r.engage?) as f64);
    let wins: Vec<f64> = crm
        .rows
        .iter()
        .filter(|r| r.outcome == Outcome::Won)
        .filter_map(won_cycle)
        .collect();
    let closed = crm
        .rows
        .iter()
        .filter(|r| r.outcome != Outcome::Open)
        .count();
    let overall_win = wins.len() as f64 / closed.max(1) as f64;
    let (overall_median, _) = median_p90(&wins);
    (0..crm.products.len() as u32)
        .map(|p| {
            let rows = || crm.rows.iter().filter(move |r| r.product == p);
            let closed = rows().filter(|r| r.outcome != Outcome::Open).count();
            let cycles: Vec<f64> = rows()
                .filter(|r| r.outcome == Outcome::Won)
                .filter_map(won_cycle)
                .collect();
            if closed < MIN_PRODUCT_CLOSED || cycles.len() < MIN_PRODUCT_WINS {
                return ProductShape {
                    win: 1.0,
                    cycle: 1.0,
                };
            }
            let (median, _) = median_p90(&cycles);
            ProductShape {
                win: (cycles.len() as f64 / closed as f64 / overall_win).clamp(0.1, 10.0),
                cycle: if overall_median > 0.0 && median > 0.0 {
                    (median / overall_median).clamp(0.1, 10.0)
                } else {
                    1.0
                },
            }
        })
        .collect()
}

/// Per-seller spread: engaged opportunities per seller (min, median, max) and win rates
/// (min, median, max over sellers with closed deals).
pub fn seller_spread(crm: &Crm) -> ([f64; 3], [f64; 3]) {
    let n = crm.owners.len();
    let (mut engaged, mut won, mut closed) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    for r in &crm.rows {
        let o = r.owner as usize;
        if r.engage.is_some() {
            engaged[o] += 1.0;
        }
        if r.close.is_some() {
            closed[o] += 1.0;
            if r.outcome == Outcome::Won {
                won[o] += 1.0;
            }
        }
    }
    let rates: Vec<f64> = won
        .iter()
        .zip(&closed)
        .filter(|(_, c)| **c > 0.0)
        .map(|(w, c)| w / c)
        .collect();
    let three = |xs: &[f64]| {
        let mut v = xs.to_vec();
        v.sort_by(f64::total_cmp);
        let (m, _) = median_p90(&v);
        [
            v.first().copied().unwrap_or(0.0),
            m,
            v.last().copied().unwrap_or(0.0),
        ]
    };
    (three(&engaged), three(&rates))
}

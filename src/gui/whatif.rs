//! What-if comparisons in the background: the current setup against up to three
//! alternatives, each a Monte Carlo batch on the same seeds (common random numbers), in the
//! background so the window stays responsive.

use std::sync::Arc;

use super::background::Background;
use crate::kpi::{KPI_COUNT, Kpi};
use crate::model::stats::PairedDiff;
use crate::runner::{RunReport, Stat, column, monte_carlo, summarise};
use crate::scenario::Scenario;

/// Seeds per variant.
pub const RUNS: usize = 200;

/// One variant's results.
#[derive(Clone, Debug)]
pub struct VariantResult {
    /// Its label.
    pub label: String,
    /// Distribution of each KPI over the runs.
    pub stats: [Stat; KPI_COUNT],
    /// Paired difference with the first variant, per KPI (None for the first).
    pub diff: [Option<PairedDiff>; KPI_COUNT],
}

/// A comparison running or done.
pub type WhatIf = Background<Vec<VariantResult>>;

/// Start `variants` (label, scenario), the first being the reference, from `seed`.
pub fn start(variants: Vec<(String, Scenario)>, seed: u64) -> WhatIf {
    let total = (variants.len() * RUNS) as u64;
    Background::start(total, move |tick| {
        let runs: Vec<(String, Vec<RunReport>)> = variants
            .into_iter()
            .map(|(label, s)| (label, monte_carlo(&Arc::new(s), seed, RUNS, tick).runs))
            .collect();
        compare(&runs)
    })
}

/// Statistics of each variant and paired differences with the first.
pub fn compare(runs: &[(String, Vec<RunReport>)]) -> Vec<VariantResult> {
    let reference = match runs.first() {
        Some((_, r)) => Kpi::ALL.map(|k| column(r, k)),
        None => return Vec::new(),
    };
    runs.iter()
        .enumerate()
        .map(|(i, (label, reports))| VariantResult {
            label: label.clone(),
            stats: summarise(reports),
            diff: Kpi::ALL
                .map(|k| (i > 0).then(|| PairedDiff::of(&reference[k], &column(reports, k)))),
        })
        .collect()
}

//! What-if comparisons in the background: the current setup against up to three
//! alternatives, each a Monte Carlo batch on the same seeds (common random numbers), on a
//! worker thread so the window stays responsive; progress is read from an atomic counter.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

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
pub struct WhatIf {
    total: usize,
    done: Arc<AtomicUsize>,
    result: Arc<Mutex<Option<Vec<VariantResult>>>>,
}

impl WhatIf {
    /// Start `variants` (label, scenario), the first being the reference, from `seed`.
    pub fn start(variants: Vec<(String, Scenario)>, seed: u64) -> WhatIf {
        let total = variants.len() * RUNS;
        let done = Arc::new(AtomicUsize::new(0));
        let result = Arc::new(Mutex::new(None));
        let (d, r) = (done.clone(), result.clone());
        std::thread::spawn(move || {
            let runs: Vec<(String, Vec<RunReport>)> = variants
                .into_iter()
                .map(|(label, s)| {
                    let reports = monte_carlo(&Arc::new(s), seed, RUNS, &|| {
                        d.fetch_add(1, Ordering::Relaxed);
                    });
                    (label, reports)
                })
                .collect();
            let out = compare(&runs);
            if let Ok(mut slot) = r.lock() {
                *slot = Some(out);
            }
        });
        WhatIf {
            total,
            done,
            result,
        }
    }

    /// Share of runs done, 0 to 1.
    pub fn progress(&self) -> f32 {
        self.done.load(Ordering::Relaxed) as f32 / self.total.max(1) as f32
    }

    /// The results, once every batch is done.
    pub fn result(&self) -> Option<Vec<VariantResult>> {
        self.result.lock().ok()?.clone()
    }
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

//! The calibration chart: observed and simulated cycle-length distributions of won and lost
//! deals, as a self-contained SVG (weekly bins, share of deals per bin), drawn by the
//! reports' chart writer (`report::svg`).

use super::CycleSamples;
use crate::report::svg::{self, PALETTE, Series};

/// Okabe–Ito colours (colour-blind safe): observed blue, simulated orange.
const OBSERVED: &str = PALETTE[0];
const SIMULATED: &str = PALETTE[1];

/// Share of `xs` in each 7-day bin up to `bins` (the last bin takes everything beyond).
pub fn weekly_shares(xs: &[f64], bins: usize) -> Vec<f64> {
    let mut counts = vec![0.0; bins];
    for x in xs {
        let b = ((x.max(0.0) / 7.0) as usize).min(bins - 1);
        counts[b] += 1.0;
    }
    let n = xs.len().max(1) as f64;
    counts.iter().map(|c| c / n).collect()
}

/// The chart of `cycles`: one panel for won deals, one for lost deals, the share of each
/// sample per week of cycle, observed beside simulated.
pub fn cycle_chart(cycles: &CycleSamples) -> String {
    // The range covers the observed deals and nearly all simulated ones (a rare long
    // simulated cycle would squeeze the chart); the last bin holds what lies beyond.
    let observed_longest = cycles
        .observed
        .iter()
        .flatten()
        .fold(0.0_f64, |a, b| a.max(*b));
    let simulated: Vec<f64> = cycles.simulated.iter().flatten().copied().collect();
    let longest = observed_longest.max(crate::model::stats::percentile(&simulated, 0.995));
    let bins = ((longest / 7.0) as usize + 2).clamp(4, 60);
    let percent = |xs: &[f64]| weekly_shares(xs, bins).iter().map(|s| s * 100.0).collect();
    let panels: Vec<String> = ["won deals", "lost deals"]
        .iter()
        .enumerate()
        .map(|(panel, title)| {
            let (observed, simulated) = (&cycles.observed[panel], &cycles.simulated[panel]);
            svg::histogram_chart(
                &format!(
                    "{title} ({} observed, {} simulated), % of deals",
                    observed.len(),
                    simulated.len()
                ),
                "days from engage to close (weekly bins)",
                7,
                &[
                    Series {
                        label: "observed (CRM export)".into(),
                        color: OBSERVED,
                        values: percent(observed),
                    },
                    Series {
                        label: "simulated (calibrated scenario)".into(),
                        color: SIMULATED,
                        values: percent(simulated),
                    },
                ],
            )
        })
        .collect();
    svg::stack(
        "Cycle length, engage → close (calendar days): observed vs simulated",
        &panels,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_sum_to_one_and_overflow_goes_to_the_last_bin() {
        let s = weekly_shares(&[0.0, 6.9, 7.0, 100.0], 3);
        assert_eq!(s, vec![0.5, 0.25, 0.25]);
    }

    #[test]
    fn the_chart_has_both_panels_and_series() {
        let cycles = CycleSamples {
            observed: [vec![10.0, 60.0], vec![5.0]],
            simulated: [vec![12.0, 55.0], vec![8.0, 90.0]],
        };
        let svg = cycle_chart(&cycles);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
        assert!(svg.contains("won deals (2 observed, 2 simulated)"));
        assert!(svg.contains("lost deals (1 observed, 2 simulated)"));
        assert!(svg.matches(OBSERVED).count() > 2 && svg.matches(SIMULATED).count() > 2);
    }
}

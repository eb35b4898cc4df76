//! The calibration chart: observed and simulated cycle-length distributions of won and lost
//! deals, as a self-contained SVG (weekly bins, share of deals per bin).

use std::fmt::Write as _;

use super::CycleSamples;

const WIDTH: f64 = 900.0;
const PANEL_HEIGHT: f64 = 220.0;
const MARGIN_LEFT: f64 = 60.0;
const MARGIN_TOP: f64 = 70.0;
const GAP: f64 = 70.0;
/// Okabe–Ito colours (colour-blind safe): observed blue, simulated orange.
const OBSERVED: &str = "#0072B2";
const SIMULATED: &str = "#E69F00";

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

/// The chart of `cycles`.
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
    let plot_w = WIDTH - MARGIN_LEFT - 20.0;
    let height = MARGIN_TOP + 2.0 * PANEL_HEIGHT + GAP + 40.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" \
         viewBox=\"0 0 {WIDTH} {height}\" font-family=\"sans-serif\" font-size=\"13\">\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\
         <text x=\"{MARGIN_LEFT}\" y=\"22\" font-size=\"16\" font-weight=\"bold\">Cycle length, \
         engage → close (calendar days): observed vs simulated</text>\
         <rect x=\"{MARGIN_LEFT}\" y=\"32\" width=\"12\" height=\"12\" fill=\"{OBSERVED}\"/>\
         <text x=\"{}\" y=\"43\">observed (CRM export)</text>\
         <rect x=\"{}\" y=\"32\" width=\"12\" height=\"12\" fill=\"{SIMULATED}\"/>\
         <text x=\"{}\" y=\"43\">simulated (calibrated scenario)</text>",
        MARGIN_LEFT + 16.0,
        MARGIN_LEFT + 200.0,
        MARGIN_LEFT + 216.0
    );
    for (panel, title) in ["won deals", "lost deals"].iter().enumerate() {
        let top = MARGIN_TOP + panel as f64 * (PANEL_HEIGHT + GAP);
        let obs = weekly_shares(&cycles.observed[panel], bins);
        let sim = weekly_shares(&cycles.simulated[panel], bins);
        let peak = obs.iter().chain(&sim).fold(0.01_f64, |a, b| a.max(*b));
        // Four gridlines at whole percents.
        let y_max = (peak / 0.04).ceil() * 0.04;
        let bottom = top + PANEL_HEIGHT;
        let _ = write!(
            s,
            "<text x=\"{MARGIN_LEFT}\" y=\"{}\" font-weight=\"bold\">{title} ({} observed, {} \
             simulated)</text>",
            top - 8.0,
            cycles.observed[panel].len(),
            cycles.simulated[panel].len()
        );
        for tick in 0..=4 {
            let v = y_max * f64::from(tick) / 4.0;
            let y = bottom - PANEL_HEIGHT * v / y_max;
            let _ = write!(
                s,
                "<line x1=\"{MARGIN_LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" \
                 stroke=\"#ddd\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{:.0} %</text>",
                MARGIN_LEFT + plot_w,
                MARGIN_LEFT - 6.0,
                y + 4.0,
                v * 100.0
            );
        }
        let bin_w = plot_w / bins as f64;
        for b in 0..bins {
            let x = MARGIN_LEFT + b as f64 * bin_w;
            for (i, (shares, colour)) in [(&obs, OBSERVED), (&sim, SIMULATED)].iter().enumerate() {
                let h = PANEL_HEIGHT * shares[b] / y_max;
                let _ = write!(
                    s,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" \
                     fill=\"{colour}\"><title>{}–{} days: {:.1} %</title></rect>",
                    x + 1.0 + i as f64 * (bin_w - 2.0) / 2.0,
                    bottom - h,
                    (bin_w - 2.0) / 2.0,
                    b * 7,
                    b * 7 + 6,
                    shares[b] * 100.0
                );
            }
            if b % 2 == 0 {
                let _ = write!(
                    s,
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                    x,
                    bottom + 16.0,
                    b * 7
                );
            }
        }
        let _ = write!(
            s,
            "<line x1=\"{MARGIN_LEFT}\" x2=\"{}\" y1=\"{bottom}\" y2=\"{bottom}\" \
             stroke=\"#333\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">days from engage \
             to close (weekly bins)</text>",
            MARGIN_LEFT + plot_w,
            MARGIN_LEFT + plot_w / 2.0,
            bottom + 34.0
        );
    }
    s.push_str("</svg>\n");
    s
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

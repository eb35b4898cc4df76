//! Estimators behind `salesim calibrate`: plain functions of samples, each unit-tested by
//! recovering the parameters of samples drawn from a known distribution.

use crate::model::calendar::days_from_civil;
use crate::model::ops;
use crate::model::stats::{mean, percentile_sorted, std_dev};

/// Lognormal parameters fitted by maximum likelihood (mean and standard deviation of the
/// logs): the median is e^μ, sigma the log-scale spread. None without a positive value.
pub fn fit_lognormal(values: &[f64]) -> Option<(f64, f64)> {
    let logs: Vec<f64> = values
        .iter()
        .filter(|v| **v > 0.0)
        .map(|v| ops::ln(*v))
        .collect();
    if logs.is_empty() {
        return None;
    }
    Some((ops::exp(mean(&logs)), std_dev(&logs)))
}

/// Median and 90th percentile of `xs` (0 for no data).
pub fn median_p90(xs: &[f64]) -> (f64, f64) {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    (percentile_sorted(&v, 0.5), percentile_sorted(&v, 0.9))
}

/// Standard normal distribution function.
pub fn normal_cdf(z: f64) -> f64 {
    0.5 * (1.0 + ops::erf(z / std::f64::consts::SQRT_2))
}

/// Distribution function at `x` of a mixture of lognormals `(weight, median)` sharing
/// `sigma`.
pub fn mixture_cdf(parts: &[(f64, f64)], sigma: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let total: f64 = parts.iter().map(|p| p.0).sum();
    parts
        .iter()
        .map(|&(w, median)| {
            let at = if sigma <= 0.0 {
                f64::from(u8::from(x >= median))
            } else {
                normal_cdf(ops::ln(x / median) / sigma)
            };
            w * at
        })
        .sum::<f64>()
        / total
}

/// Quantile `q` of that mixture (bisection on the log scale).
pub fn mixture_quantile(parts: &[(f64, f64)], sigma: f64, q: f64) -> f64 {
    let (mut lo, mut hi) = (1e-6_f64, 1e6_f64);
    for _ in 0..48 {
        let mid = ops::sqrt(lo * hi);
        if mixture_cdf(parts, sigma, mid) < q {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    ops::sqrt(lo * hi)
}

fn squared(x: f64) -> f64 {
    x * x
}

/// Quantiles a cycle-length distribution is fitted on.
pub const FIT_QUANTILES: [f64; 5] = [0.1, 0.25, 0.5, 0.75, 0.9];

/// The buyer's pace: a lognormal spread around 1, and a share of fast-track projects whose
/// pace is multiplied by `fast_pace`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pace {
    /// Log-scale spread.
    pub sigma: f64,
    /// Share of fast-track projects.
    pub fast_share: f64,
    /// Their pace multiplier.
    pub fast_pace: f64,
}

impl Pace {
    /// The mixture parts of a duration of median `days` (at pace 1) carrying `weight`.
    pub fn parts(&self, days: f64, weight: f64) -> [(f64, f64); 2] {
        [
            (weight * (1.0 - self.fast_share), days),
            (weight * self.fast_share, days * self.fast_pace),
        ]
    }
}

/// [`FIT_QUANTILES`] of `xs`.
pub fn fit_quantiles(xs: &[f64]) -> [f64; 5] {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    FIT_QUANTILES.map(|q| percentile_sorted(&v, q))
}

/// The pace and the median duration at pace 1 whose [`FIT_QUANTILES`] best match `target`
/// (least squares on the log scale): the duration is solved in closed form for each pace
/// (quantiles scale with it); the pace by a coarse grid over its three parameters, or from
/// `start` when given, then a local search.
pub fn fit_pace(target: &[f64; 5], start: Option<Pace>) -> (Pace, f64) {
    let logs = target.map(|t| ops::ln(t.max(1e-3)));
    let score = |p: &Pace| {
        let model =
            FIT_QUANTILES.map(|q| ops::ln(mixture_quantile(&p.parts(1.0, 1.0), p.sigma, q)));
        let shift = logs.iter().zip(&model).map(|(t, m)| t - m).sum::<f64>() / 5.0;
        let loss = logs
            .iter()
            .zip(&model)
            .map(|(t, m)| squared(t - m - shift))
            .sum::<f64>();
        (loss, ops::exp(shift))
    };
    let grid = || {
        let mut best = (f64::INFINITY, None);
        for f in 0..=8 {
            for phi in 1..=10 {
                for sigma in 1..=12 {
                    let p = Pace {
                        sigma: f64::from(sigma) * 0.1,
                        fast_share: f64::from(f) * 0.1,
                        fast_pace: f64::from(phi) * 0.1,
                    };
                    let (loss, _) = score(&p);
                    if loss < best.0 {
                        best = (loss, Some(p));
                    }
                }
            }
        }
        best.1.expect("the grid is not empty")
    };
    let first = start.unwrap_or_else(grid);
    let mut best = (score(&first).0, first);
    let mut step = 0.05;
    for _ in 0..6 {
        let mut improved = true;
        while improved {
            improved = false;
            let p = best.1;
            // One step up or down along each of the three parameters.
            let moves = [
                (step, 0.0, 0.0),
                (-step, 0.0, 0.0),
                (0.0, step, 0.0),
                (0.0, -step, 0.0),
                (0.0, 0.0, step),
                (0.0, 0.0, -step),
            ];
            for candidate in moves.map(|(ds, dsh, dp)| Pace {
                sigma: p.sigma + ds,
                fast_share: p.fast_share + dsh,
                fast_pace: p.fast_pace + dp,
            }) {
                let valid = (0.0..=2.0).contains(&candidate.sigma)
                    && (0.0..=0.95).contains(&candidate.fast_share)
                    && (0.01..=1.0).contains(&candidate.fast_pace);
                if valid {
                    let (loss, _) = score(&candidate);
                    if loss < best.0 - 1e-12 {
                        best = (loss, candidate);
                        improved = true;
                    }
                }
            }
        }
        step /= 2.0;
    }
    let (_, days) = score(&best.1);
    (best.1, days)
}

/// Where the losses happen: a share `early` of them at `early_days` (qualification), the
/// rest when deals are signed, each scaled by the buyer's pace.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LossTiming {
    /// Share of losses at qualification.
    pub early: f64,
    /// Median days to a loss at qualification (pace 1).
    pub early_days: f64,
}

/// The loss timing whose [`FIT_QUANTILES`] best match `target` (least squares on the log
/// scale, grid over the early share and the early delay), late losses falling at
/// `late_days` (pace 1) with `pace`.
pub fn fit_loss_timing(target: &[f64; 5], late_days: f64, pace: &Pace) -> LossTiming {
    let logs = target.map(|t| ops::ln(t.max(1e-3)));
    let mut best = (
        f64::INFINITY,
        LossTiming {
            early: 0.0,
            early_days: late_days,
        },
    );
    for e in 0..=95 {
        let early = f64::from(e) * 0.01;
        for d in 0..=60 {
            // Early delays from 1 % of the late delay up to 90 % of it, log-spaced.
            let early_days = late_days * 0.01 * ops::exp(f64::from(d) / 60.0 * ops::ln(90.0));
            let [a, b] = pace.parts(early_days, early);
            let [c, dd] = pace.parts(late_days, 1.0 - early);
            let parts = [a, b, c, dd];
            let loss = FIT_QUANTILES
                .iter()
                .zip(&logs)
                .map(|(q, t)| squared(ops::ln(mixture_quantile(&parts, pace.sigma, *q)) - t))
                .sum::<f64>();
            if loss < best.0 {
                best = (loss, LossTiming { early, early_days });
            }
        }
    }
    best.1
}

/// Mid-distribution function of `xs` at `x`: the share below `x − tie`, plus half the share
/// within `tie` of `x`.
pub fn mid_share(xs: &[f64], x: f64, tie: f64) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    let below = xs.iter().filter(|v| **v < x - tie).count() as f64;
    let at = xs.iter().filter(|v| (**v - x).abs() <= tie).count() as f64;
    (below + 0.5 * at) / xs.len() as f64
}

/// A date written `YYYY-MM-DD` (a time after it, `T…` or ` …`, is ignored; `/` separators
/// accepted), as days since 1970-01-01. None when it is not a valid date.
pub fn parse_date(text: &str) -> Option<i64> {
    let t = text.trim();
    let date = t.split(['T', ' ']).next()?;
    let mut parts = date.split(['-', '/']);
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1000..=9999).contains(&year) || !(1..=12).contains(&month) {
        return None;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if day == 0 || day > days_in_month[month as usize - 1] {
        return None;
    }
    Some(days_from_civil(year, month, day))
}

pub use crate::model::calendar::{calendar_days, working_days};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calendar::civil_from_days;
    use crate::model::dist;
    use crate::model::rng::SimRng;

    #[test]
    fn lognormal_fit_recovers_its_parameters() {
        let mut rng = SimRng::new(3);
        let xs: Vec<f64> = (0..50_000)
            .map(|_| dist::lognormal(&mut rng, 1200.0, 0.35))
            .collect();
        let (median, sigma) = fit_lognormal(&xs).unwrap();
        assert!((median / 1200.0 - 1.0).abs() < 0.01, "median {median}");
        assert!((sigma - 0.35).abs() < 0.01, "sigma {sigma}");
        assert_eq!(fit_lognormal(&[0.0, -1.0]), None);
    }

    #[test]
    fn mixture_quantiles_match_samples_of_the_mixture() {
        let mut rng = SimRng::new(11);
        let xs: Vec<f64> = (0..60_000)
            .map(|_| {
                let median = if rng.chance(0.6) { 7.0 } else { 50.0 };
                dist::lognormal(&mut rng, median, 0.4)
            })
            .collect();
        let (m, p90) = median_p90(&xs);
        let parts = [(0.6, 7.0), (0.4, 50.0)];
        assert!((mixture_quantile(&parts, 0.4, 0.5) / m - 1.0).abs() < 0.03);
        assert!((mixture_quantile(&parts, 0.4, 0.9) / p90 - 1.0).abs() < 0.03);
    }

    #[test]
    fn pace_fit_recovers_a_two_track_pace_from_samples() {
        let truth = Pace {
            sigma: 0.3,
            fast_share: 0.4,
            fast_pace: 0.2,
        };
        let mut rng = SimRng::new(17);
        let xs: Vec<f64> = (0..100_000)
            .map(|_| {
                let pace = if rng.chance(truth.fast_share) {
                    truth.fast_pace
                } else {
                    1.0
                };
                dist::lognormal(&mut rng, 50.0 * pace, truth.sigma)
            })
            .collect();
        let (pace, days) = fit_pace(&fit_quantiles(&xs), None);
        assert!((days / 50.0 - 1.0).abs() < 0.05, "{days}");
        assert!((pace.fast_share - 0.4).abs() < 0.05, "{pace:?}");
        assert!((pace.fast_pace - 0.2).abs() < 0.05, "{pace:?}");
        assert!((pace.sigma - 0.3).abs() < 0.05, "{pace:?}");
    }

    #[test]
    fn loss_timing_fit_recovers_a_known_mixture() {
        let pace = Pace {
            sigma: 0.45,
            fast_share: 0.3,
            fast_pace: 0.25,
        };
        let [a, b] = pace.parts(6.0, 0.55);
        let [c, d] = pace.parts(60.0, 0.45);
        let parts = [a, b, c, d];
        let target = FIT_QUANTILES.map(|q| mixture_quantile(&parts, 0.45, q));
        let fit = fit_loss_timing(&target, 60.0, &pace);
        assert!((fit.early - 0.55).abs() < 0.02, "{fit:?}");
        assert!((fit.early_days / 6.0 - 1.0).abs() < 0.05, "{fit:?}");
        assert_eq!(mid_share(&[1.0, 2.0, 3.0, 4.0], 2.0, 0.1), 0.375);
        assert_eq!(mid_share(&[1.0, 2.0, 3.0, 4.0], 2.5, 0.1), 0.5);
    }

    #[test]
    fn dates_parse_and_count_days() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(
            parse_date("2017-03-01").unwrap() - parse_date("2017-02-28").unwrap(),
            1
        );
        assert_eq!(
            parse_date("2016-03-01").unwrap() - parse_date("2016-02-28").unwrap(),
            2
        );
        assert_eq!(parse_date("2017-12-31 23:59:00"), parse_date("2017/12/31"));
        assert_eq!(parse_date("2017-12-31T10:00:00Z"), parse_date("2017-12-31"));
        for bad in [
            "",
            "2017-13-01",
            "2017-02-29",
            "31/12/2017",
            "2017-1",
            "soon",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        for d in [-1000, 0, 17_000, 17_531, 20_000] {
            let (y, m, day) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, day), d);
        }
        assert_eq!(
            civil_from_days(parse_date("2016-02-29").unwrap()),
            (2016, 2, 29)
        );
        assert_eq!(working_days(7.0), 5.0);
        assert_eq!(calendar_days(5.0), 7.0);
    }
}

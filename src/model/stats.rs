//! Summary statistics of Monte Carlo results: mean, percentiles, paired differences with
//! their 95 % confidence interval.

/// Arithmetic mean (0 for no data).
pub fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        0.0
    } else {
        xs.iter().sum::<f64>() / xs.len() as f64
    }
}

/// Sample standard deviation (0 for fewer than two values).
pub fn std_dev(xs: &[f64]) -> f64 {
    if xs.len() < 2 {
        return 0.0;
    }
    let m = mean(xs);
    super::ops::sqrt(xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (xs.len() - 1) as f64)
}

/// Percentile `q ∈ [0, 1]` by linear interpolation between order statistics (Hyndman–Fan
/// type 7, the default of R and numpy). 0 for no data.
pub fn percentile(xs: &[f64], q: f64) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    percentile_sorted(&v, q)
}

/// [`percentile`] of values already sorted by `f64::total_cmp`.
pub fn percentile_sorted(v: &[f64], q: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    let h = (v.len() - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(v.len() - 1);
    v[lo] + (h - lo as f64) * (v[hi] - v[lo])
}

/// Merge `new` (any order) into `sorted` (sorted by `f64::total_cmp`), keeping it sorted.
/// In place, from the back: the run's weekly merge of a week into all earlier ones moves
/// each value once and allocates only when the list outgrows its capacity.
pub fn merge_sorted(sorted: &mut Vec<f64>, new: &[f64]) {
    let mut add = new.to_vec();
    add.sort_by(f64::total_cmp);
    let mut old = sorted.len();
    sorted.resize(old + add.len(), 0.0);
    for place in (0..sorted.len()).rev() {
        let Some(&last_new) = add.last() else {
            break;
        };
        if old > 0 && sorted[old - 1].total_cmp(&last_new).is_gt() {
            old -= 1;
            sorted[place] = sorted[old];
        } else {
            sorted[place] = last_new;
            add.pop();
        }
    }
}

/// Median.
pub fn median(xs: &[f64]) -> f64 {
    percentile(xs, 0.5)
}

/// Two-sided 97.5 % quantile of Student's t with `df` degrees of freedom.
pub fn t975(df: usize) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    match df {
        0 => f64::INFINITY,
        1..=30 => TABLE[df - 1],
        31..=60 => 2.000,
        61..=120 => 1.980,
        _ => 1.960,
    }
}

/// Mean of paired differences `b − a` and its 95 % confidence interval (Student's t).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PairedDiff {
    /// Mean difference.
    pub mean: f64,
    /// Lower bound of the 95 % interval.
    pub low: f64,
    /// Upper bound of the 95 % interval.
    pub high: f64,
}

impl PairedDiff {
    /// Differences of paired samples (same seeds): `b[i] − a[i]`.
    pub fn of(a: &[f64], b: &[f64]) -> Self {
        let d: Vec<f64> = a.iter().zip(b).map(|(x, y)| y - x).collect();
        let m = mean(&d);
        let half = if d.len() < 2 {
            f64::INFINITY
        } else {
            t975(d.len() - 1) * std_dev(&d) / super::ops::sqrt(d.len() as f64)
        };
        PairedDiff {
            mean: m,
            low: m - half,
            high: m + half,
        }
    }

    /// Whether the interval excludes zero.
    pub fn significant(&self) -> bool {
        self.low > 0.0 || self.high < 0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate() {
        let xs = [4.0, 1.0, 3.0, 2.0, 5.0];
        assert_eq!(percentile(&xs, 0.5), 3.0);
        assert_eq!(percentile(&xs, 0.0), 1.0);
        assert_eq!(percentile(&xs, 1.0), 5.0);
        assert!((percentile(&xs, 0.05) - 1.2).abs() < 1e-12);
        assert_eq!(percentile(&[], 0.5), 0.0);
    }

    #[test]
    fn paired_difference_detects_a_shift_only_when_there_is_one() {
        let a: Vec<f64> = (0..50).map(|i| (i % 7) as f64).collect();
        let b: Vec<f64> = a
            .iter()
            .enumerate()
            .map(|(i, x)| x + 1.0 + 0.1 * ((i % 3) as f64 - 1.0))
            .collect();
        let d = PairedDiff::of(&a, &b);
        assert!(d.significant() && (d.mean - 1.0).abs() < 0.05);
        let c: Vec<f64> = a
            .iter()
            .enumerate()
            .map(|(i, x)| x + if i % 2 == 0 { 0.5 } else { -0.5 })
            .collect();
        assert!(!PairedDiff::of(&a, &c).significant());
    }

    #[test]
    fn merged_batches_give_the_same_percentiles_as_sorting_all() {
        let all = [5.0, 1.5, 9.0, 1.5, 3.0, 7.25, 0.0, 2.0, 8.0];
        let mut sorted = Vec::new();
        merge_sorted(&mut sorted, &all[..4]);
        merge_sorted(&mut sorted, &all[4..]);
        for q in [0.05, 0.5, 0.95] {
            assert_eq!(percentile_sorted(&sorted, q), percentile(&all, q));
        }
    }

    #[test]
    fn merging_batches_equals_sorting_everything() {
        let mut rng = crate::model::rng::SimRng::new(12);
        let mut sorted = Vec::new();
        let mut everything = Vec::new();
        for batch in 0..60 {
            let n = rng.below(40) * (batch % 3);
            let new: Vec<f64> = (0..n)
                .map(|_| match rng.below(4) {
                    0 => -0.0,
                    1 => rng.below(5) as f64,
                    _ => 100.0 * (rng.unit() - 0.3),
                })
                .collect();
            merge_sorted(&mut sorted, &new);
            everything.extend_from_slice(&new);
            let mut expected = everything.clone();
            expected.sort_by(f64::total_cmp);
            assert!(
                sorted
                    .iter()
                    .map(|x| x.to_bits())
                    .eq(expected.iter().map(|x| x.to_bits()))
            );
        }
    }

    #[test]
    fn std_dev_of_known_sample() {
        assert!((std_dev(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]) - 2.138_089_935).abs() < 1e-6);
    }
}

//! Summary statistics of Monte Carlo results: mean, percentiles, paired differences with
//! their 95 % confidence interval; the running median of a growing sample.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

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
    between(v[lo], v[hi], h - lo as f64)
}

/// The interpolation of [`percentile_sorted`]: `frac` of the way from `lo` to `hi`.
fn between(lo: f64, hi: f64, frac: f64) -> f64 {
    lo + frac * (hi - lo)
}

/// An `f64` ordered by `f64::total_cmp`, for the heaps of [`RunningMedian`].
#[derive(Clone, Copy, Debug)]
struct Total(f64);

impl Ord for Total {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl PartialOrd for Total {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Total {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Total {}

/// The median of a sample that grows one value at a time, equal to [`median`] of all values
/// so far (the same order statistics, the same interpolation) at O(log n) a value: the
/// smaller half in a max-heap, the larger half in a min-heap, the lower one holding the extra
/// value of an odd count.
#[derive(Clone, Debug, Default)]
pub struct RunningMedian {
    lower: BinaryHeap<Total>,
    upper: BinaryHeap<Reverse<Total>>,
}

impl RunningMedian {
    /// Add a value.
    pub fn push(&mut self, x: f64) {
        let x = Total(x);
        if self.lower.peek().is_none_or(|top| x <= *top) {
            self.lower.push(x);
        } else {
            self.upper.push(Reverse(x));
        }
        if self.lower.len() > self.upper.len() + 1 {
            let top = self.lower.pop().expect("the lower half is not empty");
            self.upper.push(Reverse(top));
        } else if self.upper.len() > self.lower.len() {
            let Reverse(bottom) = self.upper.pop().expect("the upper half is not empty");
            self.lower.push(bottom);
        }
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        self.lower.len() + self.upper.len()
    }

    /// Whether no value was added.
    pub fn is_empty(&self) -> bool {
        self.lower.is_empty()
    }

    /// The median of the values so far (0 for none).
    pub fn median(&self) -> f64 {
        let Some(&Total(lo)) = self.lower.peek() else {
            return 0.0;
        };
        // percentile_sorted at q = 0.5: index h = (n − 1) / 2, between v[⌊h⌋] (the lower
        // half's largest) and v[⌊h⌋ + 1] (the upper half's smallest, when there is one).
        let hi = self.upper.peek().map_or(lo, |Reverse(Total(x))| *x);
        let h = (self.len() - 1) as f64 * 0.5;
        between(lo, hi, h - h.floor())
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
    fn running_median_equals_the_median_of_everything_bit_for_bit() {
        let mut rng = crate::model::rng::SimRng::new(12);
        let mut running = RunningMedian::default();
        let mut everything = Vec::new();
        assert_eq!(running.median(), 0.0);
        for _ in 0..3_000 {
            // Ties, signed zeros and spread values: every branch of the halves' balance.
            let x = match rng.below(5) {
                0 => -0.0,
                1 => 0.0,
                2 => rng.below(5) as f64,
                _ => 100.0 * (rng.unit() - 0.3),
            };
            running.push(x);
            everything.push(x);
            assert_eq!(running.len(), everything.len());
            assert_eq!(running.median().to_bits(), median(&everything).to_bits());
        }
    }

    #[test]
    fn std_dev_of_known_sample() {
        assert!((std_dev(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]) - 2.138_089_935).abs() < 1e-6);
    }
}

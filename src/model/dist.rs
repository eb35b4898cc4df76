//! Sampling the scenario's distributions (Beta fit, lognormal value, normal) with
//! `libm` maths only, so draws are bit-identical across machines.

use super::ops;
use super::rng::SimRng;

/// Standard normal draw (Box–Muller; one pair of uniforms per value).
pub fn normal(rng: &mut SimRng) -> f64 {
    let pair = normal_uniforms(rng);
    box_muller(pair)
}

/// The two uniforms a normal draw consumes: u1 in (0, 1] (1 − u keeps the argument of ln
/// away from 0), then u2 in [0, 1).
pub fn normal_uniforms(rng: &mut SimRng) -> (f64, f64) {
    let u1 = 1.0 - rng.unit();
    (u1, rng.unit())
}

/// The standard normal value of a pair from [`normal_uniforms`].
pub fn box_muller((u1, u2): (f64, f64)) -> f64 {
    ops::sqrt(-2.0 * ops::ln(u1)) * ops::cos(std::f64::consts::TAU * u2)
}

/// Lognormal with the given median (e^μ) and log-scale sigma.
pub fn lognormal(rng: &mut SimRng, median: f64, sigma: f64) -> f64 {
    let pair = normal_uniforms(rng);
    lognormal_of(pair, median, sigma)
}

/// The lognormal value of a pair from [`normal_uniforms`] (the scalar reference of the fast
/// room's eight-lane values).
pub fn lognormal_of(pair: (f64, f64), median: f64, sigma: f64) -> f64 {
    median * ops::exp(sigma * box_muller(pair))
}

/// Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 uses the boost `G(a+1)·U^(1/a)`.
pub fn gamma(rng: &mut SimRng, shape: f64) -> f64 {
    gamma_accepting(rng, shape, |u, x, v, d| {
        below_squeeze(u, x, d) || accepts(u, x, v, d)
    })
}

/// Marsaglia & Tsang's method with the acceptance test `accept(u, x, v, d)`: [`gamma`]
/// passes the squeeze then the full test, the tests the full test alone.
fn gamma_accepting(
    rng: &mut SimRng,
    shape: f64,
    accept: impl Fn(f64, f64, f64, f64) -> bool + Copy,
) -> f64 {
    if shape < 1.0 {
        let g = gamma_accepting(rng, shape + 1.0, accept);
        let u = 1.0 - rng.unit();
        return g * ops::powf(u, 1.0 / shape);
    }
    let MarsagliaTsang { d, c } = MarsagliaTsang::new(shape);
    loop {
        let x = normal(rng);
        let Some(v) = candidate(c, x) else {
            continue;
        };
        let u = 1.0 - rng.unit();
        if accept(u, x, v, d) {
            return d * v;
        }
    }
}

/// Marsaglia & Tsang's constants for a shape ≥ 1: `d = shape − 1/3`, `c = 1/√(9d)`.
#[derive(Clone, Copy, Debug)]
pub struct MarsagliaTsang {
    /// `shape − 1/3`.
    pub(crate) d: f64,
    /// `1/√(9d)`.
    pub(crate) c: f64,
}

impl MarsagliaTsang {
    /// The constants of `shape`.
    pub fn new(shape: f64) -> Self {
        let d = shape - 1.0 / 3.0;
        MarsagliaTsang {
            d,
            c: 1.0 / ops::sqrt(9.0 * d),
        }
    }
}

/// The candidate `v = (1 + c·x)³` of a normal draw `x`, when `1 + c·x` is positive.
fn candidate(c: f64, x: f64) -> Option<f64> {
    let v = 1.0 + c * x;
    (v > 0.0).then_some(v * v * v)
}

/// Marsaglia & Tsang's acceptance test, in floats: `ln u < x²/2 + d − d·v + d·ln v`.
fn accepts(u: f64, x: f64, v: f64, d: f64) -> bool {
    ops::ln(u) < 0.5 * x * x + d - d * v + d * ops::ln(v)
}

/// Marsaglia & Tsang's squeeze, `u < 1 − 0.0331·x⁴`, which implies their acceptance test
/// without its two logarithms, narrowed by a margin far wider than the rounding of either
/// side: whenever it holds, the full test computed in floats accepts too, so taking the
/// shortcut never changes a draw (a test checks both facts).
fn below_squeeze(u: f64, x: f64, d: f64) -> bool {
    let x2 = x * x;
    u < 1.0 - 0.0331 * x2 * x2 - SQUEEZE_MARGIN * (1.0 + d)
}

/// Margin of [`below_squeeze`], per unit of `1 + d`: the full test's rounding is a few ulps
/// of its largest term, at most about `8·(1 + d)`, i.e. under 2·10⁻¹⁴·(1 + d).
pub(crate) const SQUEEZE_MARGIN: f64 = 1e-10;

/// The Gamma draw d·v of a Marsaglia–Tsang try of `shape` (≥ 1) with normal `x` and
/// uniform `u` (in (0, 1]), when that try is accepted: what [`gamma`] returns when its first
/// candidate passes. None where the candidate is rejected or not positive.
pub fn gamma_try(shape: MarsagliaTsang, x: f64, u: f64) -> Option<f64> {
    let MarsagliaTsang { d, c } = shape;
    let v = candidate(c, x)?;
    (below_squeeze(u, x, d) || accepts(u, x, v, d)).then_some(d * v)
}

/// Beta(alpha, beta) in [0, 1].
pub fn beta(rng: &mut SimRng, alpha: f64, beta: f64) -> f64 {
    let x = gamma(rng, alpha);
    let y = gamma(rng, beta);
    beta_of(x, y)
}

/// The Beta draw X/(X+Y) of the Gamma draws `x` (shape α) and `y` (shape β); ½ where both
/// are 0.
pub fn beta_of(x: f64, y: f64) -> f64 {
    if x + y > 0.0 { x / (x + y) } else { 0.5 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mean_var(xs: &[f64]) -> (f64, f64) {
        let n = xs.len() as f64;
        let m = xs.iter().sum::<f64>() / n;
        let v = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0);
        (m, v)
    }

    #[test]
    fn beta_recovers_its_moments() {
        let mut rng = SimRng::new(3);
        let xs: Vec<f64> = (0..40_000).map(|_| beta(&mut rng, 2.0, 3.0)).collect();
        let (m, v) = mean_var(&xs);
        // Beta(2,3): mean 0.4, variance 0.04.
        assert!((m - 0.4).abs() < 0.005, "mean {m}");
        assert!((v - 0.04).abs() < 0.002, "var {v}");
        assert!(xs.iter().all(|x| (0.0..=1.0).contains(x)));
    }

    #[test]
    fn squeeze_leaves_every_gamma_draw_unchanged() {
        for shape in [0.3, 1.0, 2.0, 3.0, 7.5, 400.0] {
            let (mut a, mut b) = (SimRng::new(8), SimRng::new(8));
            for _ in 0..50_000 {
                // The full test alone, as before the squeeze: the draws must not change.
                assert_eq!(
                    gamma(&mut a, shape),
                    gamma_accepting(&mut b, shape, accepts)
                );
            }
            assert_eq!(a.unit(), b.unit(), "same draws consumed");
        }
    }

    #[test]
    fn squeeze_implies_acceptance_up_to_its_edge() {
        // The full test accepts more as u falls, so checking the largest u the squeeze
        // takes, along a fine grid of x, checks every u it takes.
        for shape in [1.0, 1.3, 2.0, 3.0, 10.0, 1e3, 1e5] {
            let d: f64 = shape - 1.0 / 3.0;
            let c = 1.0 / ops::sqrt(9.0 * d);
            for i in 0..=200_000 {
                let x = -2.4 + 4.8 * f64::from(i) / 200_000.0;
                let Some(v) = candidate(c, x) else {
                    continue;
                };
                let x2 = x * x;
                let edge = (1.0 - 0.0331 * x2 * x2 - SQUEEZE_MARGIN * (1.0 + d)).next_down();
                if edge <= 0.0 {
                    continue;
                }
                assert!(below_squeeze(edge, x, d));
                assert!(accepts(edge, x, v, d), "shape {shape}, x {x}");
            }
        }
    }

    #[test]
    fn gamma_try_is_the_first_candidate_of_gamma() {
        for shape in [1.0, 2.0, 3.0, 40.0] {
            let (mut draws, mut tries) = (SimRng::new(11), SimRng::new(11));
            let mut first_accepted = 0;
            for _ in 0..20_000 {
                let g = gamma(&mut draws, shape);
                // The same words, read as one try: a normal, then the uniform.
                let x = normal(&mut tries);
                let u = 1.0 - tries.unit();
                match gamma_try(MarsagliaTsang::new(shape), x, u) {
                    Some(t) => {
                        assert_eq!(t, g);
                        first_accepted += 1;
                    }
                    // Rejected: gamma went on drawing; start both again from its position.
                    None => tries = draws.clone(),
                }
            }
            assert!(first_accepted > 18_000, "shape {shape}: {first_accepted}");
        }
    }

    #[test]
    fn small_shape_gamma_has_the_right_mean() {
        let mut rng = SimRng::new(4);
        let xs: Vec<f64> = (0..40_000).map(|_| gamma(&mut rng, 0.5)).collect();
        assert!((mean_var(&xs).0 - 0.5).abs() < 0.02);
    }

    #[test]
    fn lognormal_median_is_the_parameter() {
        let mut rng = SimRng::new(5);
        let mut xs: Vec<f64> = (0..40_001)
            .map(|_| lognormal(&mut rng, 20_000.0, 0.8))
            .collect();
        xs.sort_by(f64::total_cmp);
        let median = xs[20_000];
        assert!((median / 20_000.0 - 1.0).abs() < 0.03, "median {median}");
    }

    #[test]
    fn normal_is_standard() {
        let mut rng = SimRng::new(6);
        let xs: Vec<f64> = (0..40_000).map(|_| normal(&mut rng)).collect();
        let (m, v) = mean_var(&xs);
        assert!(m.abs() < 0.02 && (v - 1.0).abs() < 0.03);
    }
}

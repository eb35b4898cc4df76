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

/// The lognormal value of a pair from [`normal_uniforms`]: drawing and computing apart lets
/// the setup draw on one thread and compute on another, with the same result.
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
    d: f64,
    c: f64,
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
const SQUEEZE_MARGIN: f64 = 1e-10;

/// The Gamma draw d·v of a Marsaglia–Tsang try of `shape` (≥ 1) with normal `x` and
/// uniform `u` (in (0, 1]), when that try is accepted: what [`gamma`] returns when its first
/// candidate passes. None where the candidate is rejected or not positive.
pub fn gamma_try(shape: MarsagliaTsang, x: f64, u: f64) -> Option<f64> {
    let MarsagliaTsang { d, c } = shape;
    let v = candidate(c, x)?;
    (below_squeeze(u, x, d) || accepts(u, x, v, d)).then_some(d * v)
}

/// The lognormal values of `pairs` (from [`normal_uniforms`]), as [`lognormal_of`] computes
/// each, into `out`: eight at a time where the processor has AVX-512.
pub fn lognormals_of(pairs: &[(f64, f64)], median: f64, sigma: f64, out: &mut Vec<f64>) {
    out.clear();
    out.reserve(pairs.len());
    let mut rest = pairs;
    #[cfg(target_arch = "x86_64")]
    if lanes::available() {
        let eights = pairs.chunks_exact(LANES);
        rest = eights.remainder();
        for eight in eights {
            let eight: &[(f64, f64); LANES] = eight.try_into().expect("eight pairs");
            // SAFETY: `available` checked the processor has AVX-512F.
            out.extend(unsafe { lanes::lognormals_of(eight, median, sigma) });
        }
    }
    out.extend(rest.iter().map(|&pair| lognormal_of(pair, median, sigma)));
}

#[cfg(target_arch = "x86_64")]
pub use super::libm8::LANES;

/// Draws eight at a time with AVX-512, each lane doing exactly what the scalar function it
/// names does: the same operations in the same order (tests compare them bit for bit).
#[cfg(target_arch = "x86_64")]
pub mod lanes {
    use std::arch::x86_64::*;

    use super::super::libm8::{self, LANES};
    use super::{MarsagliaTsang, SQUEEZE_MARGIN};

    /// Whether the processor runs this module's functions.
    pub fn available() -> bool {
        std::arch::is_x86_feature_detected!("avx512f")
    }

    /// [`super::box_muller`] of eight pairs of uniforms.
    #[inline]
    #[target_feature(enable = "avx512f")]
    pub(crate) fn box_muller(u1: __m512d, u2: __m512d) -> __m512d {
        let radius = libm8::sqrt(_mm512_mul_pd(_mm512_set1_pd(-2.0), libm8::ln(u1)));
        let angle = _mm512_mul_pd(_mm512_set1_pd(std::f64::consts::TAU), u2);
        _mm512_mul_pd(radius, libm8::cos(angle))
    }

    /// [`super::lognormal_of`] of eight pairs of uniforms.
    #[target_feature(enable = "avx512f")]
    pub(crate) fn lognormals_of(
        pairs: &[(f64, f64); LANES],
        median: f64,
        sigma: f64,
    ) -> [f64; LANES] {
        let u1 = libm8::from_array(&pairs.map(|p| p.0));
        let u2 = libm8::from_array(&pairs.map(|p| p.1));
        let z = _mm512_mul_pd(_mm512_set1_pd(sigma), box_muller(u1, u2));
        libm8::to_array(_mm512_mul_pd(_mm512_set1_pd(median), libm8::exp(z)))
    }

    /// [`super::gamma_try`] of eight tries with normals `x` and uniforms `u`: the draws, and
    /// the mask of the lanes whose try is accepted (the others' draws mean nothing).
    #[inline]
    #[target_feature(enable = "avx512f")]
    pub(crate) fn gamma_tries(
        shape: MarsagliaTsang,
        x: __m512d,
        u: __m512d,
    ) -> (__m512d, __mmask8) {
        // No scalar maths here: libm's square root is a legacy SSE instruction, which after
        // AVX-512 code costs a state transition (it did, 60 % of this function's time).
        let MarsagliaTsang { d, c } = shape;
        use _mm512_add_pd as add;
        use _mm512_mul_pd as mul;
        use _mm512_set1_pd as splat;
        use _mm512_sub_pd as sub;
        // candidate: v = 1 + c·x, positive, cubed.
        let v = add(splat(1.0), mul(splat(c), x));
        let positive = _mm512_cmp_pd_mask::<_CMP_GT_OQ>(v, _mm512_setzero_pd());
        let v = mul(mul(v, v), v);
        // below_squeeze: u < 1 − 0.0331·x²·x² − margin·(1 + d).
        let x2 = mul(x, x);
        let edge = sub(
            sub(splat(1.0), mul(mul(splat(0.0331), x2), x2)),
            splat(SQUEEZE_MARGIN * (1.0 + d)),
        );
        let squeezed = _mm512_cmp_pd_mask::<_CMP_LT_OQ>(u, edge);
        let mut accepted = squeezed & positive;
        let unsure = positive & !squeezed;
        if unsure != 0 {
            // accepts: ln u < x²/2 + d − d·v + d·ln v, computed as 0.5·x·x + d − d·v + d·ln v.
            let safe_v = _mm512_mask_blend_pd(positive, splat(1.0), v);
            let right = sub(
                add(mul(mul(splat(0.5), x), x), splat(d)),
                mul(splat(d), safe_v),
            );
            let right = add(right, mul(splat(d), libm8::ln(safe_v)));
            accepted |= unsure & _mm512_cmp_pd_mask::<_CMP_LT_OQ>(libm8::ln(u), right);
        }
        (mul(splat(d), v), accepted)
    }
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
    fn lognormals_of_many_equal_one_at_a_time() {
        let mut rng = SimRng::new(10);
        // 8k + 3 pairs: the lanes and the scalar tail.
        let pairs: Vec<(f64, f64)> = (0..4_003).map(|_| normal_uniforms(&mut rng)).collect();
        let mut values = Vec::new();
        lognormals_of(&pairs, 20_000.0, 0.8, &mut values);
        let one_by_one: Vec<f64> = pairs
            .iter()
            .map(|&pair| lognormal_of(pair, 20_000.0, 0.8))
            .collect();
        assert_eq!(values, one_by_one);
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

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn gamma_tries_in_lanes_equal_gamma_try() {
        use crate::model::libm8::{from_array, to_array};
        if !lanes::available() {
            return;
        }
        let mut rng = SimRng::new(12);
        for shape in [1.0, 1.1, 2.0, 3.0, 40.0] {
            let mt = MarsagliaTsang::new(shape);
            let (mut accepted, mut rejected) = (0, 0);
            for _ in 0..20_000 {
                // Normals up to ±6 (some candidates not positive), uniforms in (0, 1].
                let x: [f64; LANES] = std::array::from_fn(|_| 12.0 * rng.unit() - 6.0);
                let u: [f64; LANES] = std::array::from_fn(|_| 1.0 - rng.unit());
                // SAFETY: `available` checked the processor has AVX-512F.
                let (draws, mask) = unsafe {
                    let (d, m) = lanes::gamma_tries(mt, from_array(&x), from_array(&u));
                    (to_array(d), m)
                };
                for lane in 0..LANES {
                    let want = gamma_try(mt, x[lane], u[lane]);
                    let got = (mask & (1 << lane) != 0).then_some(draws[lane]);
                    assert_eq!(got, want, "shape {shape}, x {}, u {}", x[lane], u[lane]);
                    if want.is_some() {
                        accepted += 1;
                    } else {
                        rejected += 1;
                    }
                }
            }
            assert!(accepted > 0 && rejected > 0);
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

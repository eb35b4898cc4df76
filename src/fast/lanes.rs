//! Draws eight at a time with AVX-512 (x86_64), each lane doing exactly what the scalar
//! function of [`crate::model::dist`] it names does: the same operations in the same order
//! (tests compare them bit for bit). The caller checks the processor ([`super::avx512`]).

use std::arch::x86_64::*;

use super::libm8::{self, LANES};
use crate::model::dist::{MarsagliaTsang, SQUEEZE_MARGIN};

/// [`crate::model::dist::box_muller`] of eight pairs of uniforms.
#[inline]
#[target_feature(enable = "avx512f")]
pub(crate) fn box_muller(u1: __m512d, u2: __m512d) -> __m512d {
    let radius = libm8::sqrt(_mm512_mul_pd(_mm512_set1_pd(-2.0), libm8::ln(u1)));
    let angle = _mm512_mul_pd(_mm512_set1_pd(std::f64::consts::TAU), u2);
    _mm512_mul_pd(radius, libm8::cos(angle))
}

/// [`crate::model::dist::lognormal_of`] of eight pairs of uniforms.
#[target_feature(enable = "avx512f")]
pub(crate) fn lognormals_of(pairs: &[(f64, f64); LANES], median: f64, sigma: f64) -> [f64; LANES] {
    let u1 = libm8::from_array(&pairs.map(|p| p.0));
    let u2 = libm8::from_array(&pairs.map(|p| p.1));
    let z = _mm512_mul_pd(_mm512_set1_pd(sigma), box_muller(u1, u2));
    libm8::to_array(_mm512_mul_pd(_mm512_set1_pd(median), libm8::exp(z)))
}

/// [`crate::model::dist::gamma_try`] of eight tries with normals `x` and uniforms `u`: the draws, and
/// the mask of the lanes whose try is accepted (the others' draws mean nothing).
#[inline]
#[target_feature(enable = "avx512f")]
pub(crate) fn gamma_tries(shape: MarsagliaTsang, x: __m512d, u: __m512d) -> (__m512d, __mmask8) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dist::gamma_try;
    use crate::model::rng::SimRng;
    use libm8::{from_array, to_array};

    #[test]
    #[cfg_attr(not(host_avx512), ignore = "skipped: this processor lacks AVX-512F")]
    fn gamma_tries_in_lanes_equal_gamma_try() {
        let mut rng = SimRng::new(12);
        for shape in [1.0, 1.1, 2.0, 3.0, 40.0] {
            let mt = MarsagliaTsang::new(shape);
            let (mut accepted, mut rejected) = (0, 0);
            for _ in 0..20_000 {
                // Normals up to ±6 (some candidates not positive), uniforms in (0, 1].
                let x: [f64; LANES] = std::array::from_fn(|_| 12.0 * rng.unit() - 6.0);
                let u: [f64; LANES] = std::array::from_fn(|_| 1.0 - rng.unit());
                // SAFETY: the test runs only where the processor has AVX-512F.
                let (draws, mask) = unsafe {
                    let (d, m) = gamma_tries(mt, from_array(&x), from_array(&u));
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
}

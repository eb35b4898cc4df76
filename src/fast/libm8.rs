//! `libm`'s `log`, `cos` and `exp` eight lanes at a time with AVX-512, bit for bit.
//!
//! Each function repeats, in vector registers, the operations of `libm`'s own (the FreeBSD
//! `msun` algorithms): the same constants, the same order of the same correctly rounded
//! additions, multiplications, divisions and square roots, no fused multiply-add, so every
//! lane gets exactly what the scalar function returns. The common ranges run in the vectors;
//! a lane outside them (zero, negative, subnormal, infinite, huge, or one of `cos`'s
//! cancellation cases) is handed to `libm` itself, so the result is exact for every input.
//! Tests compare every lane with `libm` over millions of inputs and the edges of each range.
//!
//! The caller checks that the processor has AVX-512F ([`super::avx512`]).

// The constants are written as libm writes them, digits beyond f64's included.
#![allow(clippy::excessive_precision)]

use std::arch::x86_64::*;

/// Lanes per vector.
pub const LANES: usize = 8;

/// The eight lanes of `v`.
#[inline]
#[target_feature(enable = "avx512f")]
pub(crate) fn to_array(v: __m512d) -> [f64; LANES] {
    let mut out = [0.0; LANES];
    // SAFETY: `out` holds the eight f64 an unaligned store writes.
    unsafe { _mm512_storeu_pd(out.as_mut_ptr(), v) };
    out
}

/// A vector of the eight values of `a`.
#[inline]
#[target_feature(enable = "avx512f")]
pub(crate) fn from_array(a: &[f64; LANES]) -> __m512d {
    // SAFETY: `a` holds the eight f64 an unaligned load reads.
    unsafe { _mm512_loadu_pd(a.as_ptr()) }
}

/// The high 32 bits of each lane's f64, in the low half of a 64-bit lane.
#[inline]
#[target_feature(enable = "avx512f")]
fn high_words(x: __m512d) -> __m512i {
    _mm512_srli_epi64::<32>(_mm512_castpd_si512(x))
}

#[inline]
#[target_feature(enable = "avx512f")]
fn splat(c: f64) -> __m512d {
    _mm512_set1_pd(c)
}

#[inline]
#[target_feature(enable = "avx512f")]
fn splat_i(c: i64) -> __m512i {
    _mm512_set1_epi64(c)
}

#[inline]
#[target_feature(enable = "avx512f")]
fn add(a: __m512d, b: __m512d) -> __m512d {
    _mm512_add_pd(a, b)
}

#[inline]
#[target_feature(enable = "avx512f")]
fn sub(a: __m512d, b: __m512d) -> __m512d {
    _mm512_sub_pd(a, b)
}

#[inline]
#[target_feature(enable = "avx512f")]
fn mul(a: __m512d, b: __m512d) -> __m512d {
    _mm512_mul_pd(a, b)
}

/// Lanes in `special` get `scalar` of their input; the others keep `fast`.
#[cold]
#[inline(never)]
#[target_feature(enable = "avx512f")]
fn patch(x: __m512d, fast: __m512d, special: __mmask8, scalar: fn(f64) -> f64) -> __m512d {
    let input = to_array(x);
    let mut out = to_array(fast);
    for (lane, (o, &i)) in out.iter_mut().zip(&input).enumerate() {
        if special & (1 << lane) != 0 {
            *o = scalar(i);
        }
    }
    from_array(&out)
}

const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const LG1: f64 = 6.666666666666735130e-01;
const LG2: f64 = 3.999999999940941908e-01;
const LG3: f64 = 2.857142874366239149e-01;
const LG4: f64 = 2.222219843214978396e-01;
const LG5: f64 = 1.818357216161805012e-01;
const LG6: f64 = 1.531383769920937332e-01;
const LG7: f64 = 1.479819860511658591e-01;

/// `libm::log` of each lane. Vector path: positive normal finite lanes.
#[inline]
#[target_feature(enable = "avx512f")]
pub(crate) fn ln(x: __m512d) -> __m512d {
    let hx = high_words(x);
    // Sign set, zero, subnormal (hx < 0x00100000) or not finite (hx ≥ 0x7ff00000).
    let special = _mm512_cmplt_epu64_mask(_mm512_sub_epi64(hx, splat_i(0x0010_0000)), {
        splat_i(0x7ff0_0000 - 0x0010_0000)
    });
    let special = !special;
    // Reduce x into [sqrt(2)/2, sqrt(2)]: x = 2^k·(1+f).
    let hx = _mm512_add_epi64(hx, splat_i(0x3ff0_0000 - 0x3fe6_a09e));
    let k = _mm512_sub_epi64(_mm512_srli_epi64::<20>(hx), splat_i(0x3ff));
    let hx = _mm512_add_epi64(
        _mm512_and_si512(hx, splat_i(0x000f_ffff)),
        splat_i(0x3fe6_a09e),
    );
    let low = _mm512_and_si512(_mm512_castpd_si512(x), splat_i(0xffff_ffff));
    let reduced = _mm512_castsi512_pd(_mm512_or_si512(_mm512_slli_epi64::<32>(hx), low));
    let f = sub(reduced, splat(1.0));
    let hfsq = mul(mul(splat(0.5), f), f);
    let s = _mm512_div_pd(f, add(splat(2.0), f));
    let z = mul(s, s);
    let w = mul(z, z);
    let t1 = mul(
        w,
        add(splat(LG2), mul(w, add(splat(LG4), mul(w, splat(LG6))))),
    );
    let t2 = mul(
        z,
        add(
            splat(LG1),
            mul(
                w,
                add(splat(LG3), mul(w, add(splat(LG5), mul(w, splat(LG7))))),
            ),
        ),
    );
    let r = add(t2, t1);
    let dk = _mm512_cvtepi32_pd(_mm512_cvtepi64_epi32(k));
    // s·(hfsq + r) + dk·ln2_lo − hfsq + f + dk·ln2_hi, left to right.
    let sum = add(mul(s, add(hfsq, r)), mul(dk, splat(LN2_LO)));
    let sum = add(add(sub(sum, hfsq), f), mul(dk, splat(LN2_HI)));
    // libm returns +0 for exactly 1.
    let one = _mm512_cmpeq_pd_mask(x, splat(1.0));
    let sum = _mm512_mask_blend_pd(one, sum, _mm512_setzero_pd());
    if special != 0 {
        return patch(x, sum, special, libm::log);
    }
    sum
}

const PIO2_1: f64 = 1.57079632673412561417e+00;
const PIO2_1T: f64 = 6.07710050650619224932e-11;
const C1: f64 = 4.16666666666666019037e-02;
const C2: f64 = -1.38888888888741095749e-03;
const C3: f64 = 2.48015872894767294178e-05;
const C4: f64 = -2.75573143513906633035e-07;
const C5: f64 = 2.08757232129817482790e-09;
const C6: f64 = -1.13596475577881948265e-11;
const S1: f64 = -1.66666666666666324348e-01;
const S2: f64 = 8.33333333332248946124e-03;
const S3: f64 = -1.98412698298579493134e-04;
const S4: f64 = 2.75573137070700676789e-06;
const S5: f64 = -2.50507602534068634195e-08;
const S6: f64 = 1.58969099521155010221e-10;

/// `libm::cos` of each lane. Vector path: 0 ≤ x ≤ about 9π/4, where `libm` reduces the
/// argument by a fixed multiple of π/2 (or none), except its cancellation cases near
/// π/2, 3π/2 and 2π and the tiny arguments.
#[inline]
#[target_feature(enable = "avx512f")]
pub(crate) fn cos(x: __m512d) -> __m512d {
    // The sign bit stays in: negative lanes go to the scalar path.
    let ix = high_words(x);
    let near_pio2 =
        _mm512_cmpeq_epu64_mask(_mm512_and_si512(ix, splat_i(0xfffff)), splat_i(0x921fb));
    let small = at_most(ix, 0x3fe9_21fb);
    let tiny = _mm512_cmplt_epu64_mask(ix, splat_i(0x3e46_a09e));
    let upto_5pio4 = at_most(ix, 0x400f_6a7a) & !small;
    let upto_9pio4 = at_most(ix, 0x401c_463b) & !at_most(ix, 0x400f_6a7a);
    let special = !(small | upto_5pio4 | upto_9pio4)
        | tiny
        | (upto_5pio4 & near_pio2)
        | (upto_9pio4 & (equal(ix, 0x4012_d97c) | equal(ix, 0x4019_21fb)));
    // Multiple m of π/2 taken off: 0 (small), 1 or 2 (up to 5π/4), 3 or 4 (up to 9π/4).
    let one = upto_5pio4 & at_most(ix, 0x4002_d97c);
    let two = upto_5pio4 & !one;
    let three = upto_9pio4 & at_most(ix, 0x4015_fdbc);
    let four = upto_9pio4 & !three;
    let multiples = [one, two, three, four];
    let head = per_multiple(
        multiples,
        [PIO2_1, 2.0 * PIO2_1, 3.0 * PIO2_1, 4.0 * PIO2_1],
    );
    let tail = per_multiple(
        multiples,
        [PIO2_1T, 2.0 * PIO2_1T, 3.0 * PIO2_1T, 4.0 * PIO2_1T],
    );
    // z = x − m·pio2_1; y0 = z − m·pio2_1t; y1 = (z − y0) − m·pio2_1t. Small lanes: x and 0.
    let z = sub(x, head);
    let y0 = sub(z, tail);
    let y1 = sub(sub(z, y0), tail);
    let y0 = _mm512_mask_blend_pd(small, y0, x);
    let y1 = _mm512_mask_blend_pd(small, y1, _mm512_setzero_pd());
    let c = k_cos(y0, y1);
    let s = k_sin(y0, y1);
    // n mod 4: 1 → −sin, 2 → −cos, 3 → sin, 0 → cos.
    let out = _mm512_mask_blend_pd(one, c, negate(s));
    let out = _mm512_mask_blend_pd(two, out, negate(c));
    let out = _mm512_mask_blend_pd(three, out, s);
    if special != 0 {
        return patch(x, out, special, libm::cos);
    }
    out
}

/// Lanes whose (unsigned) `words` are at most `limit`.
#[inline]
#[target_feature(enable = "avx512f")]
fn at_most(words: __m512i, limit: i64) -> __mmask8 {
    _mm512_cmple_epu64_mask(words, splat_i(limit))
}

/// Lanes whose `words` equal `value`.
#[inline]
#[target_feature(enable = "avx512f")]
fn equal(words: __m512i, value: i64) -> __mmask8 {
    _mm512_cmpeq_epu64_mask(words, splat_i(value))
}

/// `values[i]` in the lanes of `masks[i]`, 0 elsewhere (the masks are disjoint).
#[inline]
#[target_feature(enable = "avx512f")]
fn per_multiple(masks: [__mmask8; 4], values: [f64; 4]) -> __m512d {
    let mut v = _mm512_setzero_pd();
    for (mask, value) in masks.into_iter().zip(values) {
        v = _mm512_mask_blend_pd(mask, v, splat(value));
    }
    v
}

/// −v, lane-wise (the sign bit flipped, as scalar negation does).
#[inline]
#[target_feature(enable = "avx512f")]
fn negate(v: __m512d) -> __m512d {
    _mm512_castsi512_pd(_mm512_xor_si512(_mm512_castpd_si512(v), splat_i(i64::MIN)))
}

/// `libm`'s kernel cosine of x + y on [−π/4, π/4].
#[inline]
#[target_feature(enable = "avx512f")]
fn k_cos(x: __m512d, y: __m512d) -> __m512d {
    let z = mul(x, x);
    let w = mul(z, z);
    let r = add(
        mul(z, add(splat(C1), mul(z, add(splat(C2), mul(z, splat(C3)))))),
        mul(
            mul(w, w),
            add(splat(C4), mul(z, add(splat(C5), mul(z, splat(C6))))),
        ),
    );
    let hz = mul(splat(0.5), z);
    let w = sub(splat(1.0), hz);
    add(
        w,
        add(sub(sub(splat(1.0), w), hz), sub(mul(z, r), mul(x, y))),
    )
}

/// `libm`'s kernel sine of x + y on [−π/4, π/4], with a tail y.
#[inline]
#[target_feature(enable = "avx512f")]
fn k_sin(x: __m512d, y: __m512d) -> __m512d {
    let z = mul(x, x);
    let w = mul(z, z);
    let r = add(
        add(splat(S2), mul(z, add(splat(S3), mul(z, splat(S4))))),
        mul(mul(z, w), add(splat(S5), mul(z, splat(S6)))),
    );
    let v = mul(z, x);
    sub(
        x,
        sub(
            sub(mul(z, sub(mul(splat(0.5), y), mul(v, r))), y),
            mul(v, splat(S1)),
        ),
    )
}

/// libm's INVLN2, 1.44269504088896338700e+00: the same f64.
const INVLN2: f64 = std::f64::consts::LOG2_E;
const P1: f64 = 1.66666666666666019037e-01;
const P2: f64 = -2.77777777770155933842e-03;
const P3: f64 = 6.61375632143793436117e-05;
const P4: f64 = -1.65339022054652515390e-06;
const P5: f64 = 4.13813679705723846039e-08;

/// `libm::exp` of each lane. Vector path: 2⁻²⁸ < |x| < 708.39 (about), where `libm` reduces
/// x to r = x − k·ln 2 and scales by 2^k with one exact multiplication.
#[inline]
#[target_feature(enable = "avx512f")]
pub(crate) fn exp(x: __m512d) -> __m512d {
    let words = high_words(x);
    let hx = _mm512_and_si512(words, splat_i(0x7fff_ffff));
    let negative = _mm512_cmpneq_epu64_mask(hx, words);
    let special = !_mm512_cmpgt_epu64_mask(hx, splat_i(0x3e30_0000))
        | _mm512_cmpge_epu64_mask(hx, splat_i(0x4086_232b));
    // k: 0 up to 0.5·ln 2, ±1 up to 1.5·ln 2, else (int)(x/ln 2 ± 0.5).
    let reduce = _mm512_cmpgt_epu64_mask(hx, splat_i(0x3fd6_2e42));
    let far = _mm512_cmpge_epu64_mask(hx, splat_i(0x3ff0_a2b2));
    let half = _mm512_mask_blend_pd(negative, splat(0.5), splat(-0.5));
    let k_far = _mm512_cvtepi32_epi64(_mm512_cvttpd_epi32(add(mul(splat(INVLN2), x), half)));
    let k_near = _mm512_mask_blend_epi64(negative, splat_i(1), splat_i(-1));
    let k = _mm512_maskz_mov_epi64(reduce, _mm512_mask_blend_epi64(far, k_near, k_far));
    let kf = _mm512_cvtepi32_pd(_mm512_cvtepi64_epi32(k));
    // exp's LN2HI and LN2LO are log's LN2_HI and LN2_LO.
    let hi = sub(x, mul(kf, splat(LN2_HI)));
    let lo = mul(kf, splat(LN2_LO));
    let r = sub(hi, lo);
    let xx = mul(r, r);
    let poly = add(splat(P4), mul(xx, splat(P5)));
    let poly = add(
        splat(P1),
        mul(xx, add(splat(P2), mul(xx, add(splat(P3), mul(xx, poly))))),
    );
    let c = sub(r, mul(xx, poly));
    let y = add(
        splat(1.0),
        add(sub(_mm512_div_pd(mul(r, c), sub(splat(2.0), c)), lo), hi),
    );
    // scalbn(y, k) = y · 2^k, one exact product for the k of this range (2^0 = 1 included).
    let scale = _mm512_slli_epi64::<52>(_mm512_add_epi64(k, splat_i(0x3ff)));
    let out = mul(y, _mm512_castsi512_pd(scale));
    if special != 0 {
        return patch(x, out, special, libm::exp);
    }
    out
}

/// Lane-wise square root (correctly rounded, as `libm::sqrt`).
#[inline]
#[target_feature(enable = "avx512f")]
pub(crate) fn sqrt(x: __m512d) -> __m512d {
    _mm512_sqrt_pd(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rng::SimRng;

    /// Every lane of `wide` equals `scalar`, bit for bit (any NaN for a NaN), over `inputs`.
    fn check(inputs: &[f64], wide: unsafe fn(__m512d) -> __m512d, scalar: fn(f64) -> f64) {
        for chunk in inputs.chunks(LANES) {
            let mut lanes = [1.0; LANES];
            lanes[..chunk.len()].copy_from_slice(chunk);
            // SAFETY: the tests run only where the processor has AVX-512F (`host_avx512`).
            let got = unsafe { to_array(wide(from_array(&lanes))) };
            for (&x, &y) in lanes.iter().zip(&got) {
                let want = scalar(x);
                assert!(
                    want.to_bits() == y.to_bits() || (want.is_nan() && y.is_nan()),
                    "input {x:e} ({:#x}): libm {want:e}, lanes {y:e}",
                    x.to_bits()
                );
            }
        }
    }

    /// `n` values `f(u)` of uniforms u in [0, 1).
    fn sample(seed: u64, n: usize, f: impl Fn(f64) -> f64) -> Vec<f64> {
        let mut rng = SimRng::new(seed);
        (0..n).map(|_| f(rng.unit())).collect()
    }

    /// Values around each of `points`, a few ulps either side.
    fn around(points: &[f64]) -> Vec<f64> {
        let mut out = Vec::new();
        for &p in points {
            let mut v = p;
            for _ in 0..16 {
                v = v.next_down();
            }
            for _ in 0..33 {
                out.push(v);
                out.push(-v);
                v = v.next_up();
            }
        }
        out
    }

    /// The first and last f64 whose high word is each of `words` (libm's branch bounds).
    fn high_word_edges(words: &[u64]) -> Vec<f64> {
        words
            .iter()
            .flat_map(|&w| {
                [
                    f64::from_bits(w << 32),
                    f64::from_bits((w << 32) | 0xffff_ffff),
                ]
            })
            .collect()
    }

    const SPECIALS: [f64; 9] = [
        0.0,
        -0.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        f64::MIN_POSITIVE,
        5e-324,
        f64::MAX,
        -1.0,
    ];

    #[test]
    #[cfg_attr(not(host_avx512), ignore = "skipped: this processor lacks AVX-512F")]
    fn ln_equals_libm() {
        check(&sample(1, 1_000_000, |u| 1.0 - u), ln, libm::log);
        check(
            &sample(2, 400_000, |u| libm::exp(u * 1400.0 - 700.0)),
            ln,
            libm::log,
        );
        check(
            &around(&[
                1.0,
                0.5,
                2.0,
                std::f64::consts::SQRT_2,
                std::f64::consts::FRAC_1_SQRT_2,
                f64::MIN_POSITIVE,
            ]),
            ln,
            libm::log,
        );
        check(&SPECIALS, ln, libm::log);
    }

    #[test]
    #[cfg_attr(not(host_avx512), ignore = "skipped: this processor lacks AVX-512F")]
    fn cos_equals_libm() {
        check(
            &sample(3, 1_000_000, |u| std::f64::consts::TAU * u),
            cos,
            libm::cos,
        );
        check(&sample(4, 200_000, |u| 40.0 * u - 20.0), cos, libm::cos);
        check(&sample(5, 100_000, |u| 1e-7 * u), cos, libm::cos);
        let quarter = std::f64::consts::FRAC_PI_4;
        let edges: Vec<f64> = (0..=12).map(|i| f64::from(i) * quarter).collect();
        check(&around(&edges), cos, libm::cos);
        // The high-word boundaries libm branches on.
        let words = [
            0x3fe9_21fb,
            0x3e46_a09e,
            0x400f_6a7a,
            0x4002_d97c,
            0x401c_463b,
            0x4015_fdbc,
            0x4012_d97c,
            0x4019_21fb,
        ];
        check(&around(&high_word_edges(&words)), cos, libm::cos);
        check(&SPECIALS, cos, libm::cos);
    }

    #[test]
    #[cfg_attr(not(host_avx512), ignore = "skipped: this processor lacks AVX-512F")]
    fn exp_equals_libm() {
        check(&sample(6, 1_000_000, |u| 12.0 * u - 6.0), exp, libm::exp);
        check(&sample(7, 200_000, |u| 1500.0 * u - 750.0), exp, libm::exp);
        check(&sample(8, 100_000, |u| 1e-6 * (u - 0.5)), exp, libm::exp);
        let ln2 = std::f64::consts::LN_2;
        let words = [0x3e30_0000, 0x3fd6_2e42, 0x3ff0_a2b2, 0x4086_232b];
        let mut edges = high_word_edges(&words);
        edges.extend([0.5 * ln2, 1.5 * ln2, 2.5 * ln2, 709.78, 708.39, 745.13]);
        check(&around(&edges), exp, libm::exp);
        check(&SPECIALS, exp, libm::exp);
    }

    #[test]
    #[cfg_attr(not(host_avx512), ignore = "skipped: this processor lacks AVX-512F")]
    fn sqrt_equals_libm() {
        check(&sample(9, 200_000, |u| 1e3 * u), sqrt, libm::sqrt);
    }
}

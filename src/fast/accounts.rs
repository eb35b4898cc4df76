//! A segment's accounts, drawn eight at a time with AVX-512 where the run's kernels and the
//! segment allow it, else one by one by the scalar reference
//! [`crate::model::market::draw_account`]. Both give the same accounts and leave the
//! generator at the same word (tests compare them).

use crate::model::market::{AccountDraw, AccountLaw, draw_account};
use crate::model::rng::SimRng;

/// Append the next `n` accounts of `law` to `out`, as `n` calls of [`draw_account`] would.
pub fn draw_accounts(rng: &mut SimRng, law: &AccountLaw, n: usize, out: &mut Vec<AccountDraw>) {
    out.reserve(n);
    let fast = eight_at_a_time(rng, law, n, out);
    for _ in fast..n {
        out.push(draw_account(rng, law));
    }
}

/// Draw up to `n` accounts eight at a time where the kernel runs (the account a bet missed
/// one by one, the next eight after it); returns how many were drawn.
#[cfg(target_arch = "x86_64")]
fn eight_at_a_time(
    rng: &mut SimRng,
    law: &AccountLaw,
    n: usize,
    out: &mut Vec<AccountDraw>,
) -> usize {
    let Some(shapes) = eight::shapes(rng, law) else {
        return 0;
    };
    let mut done = 0;
    while n - done >= eight::LANES {
        // SAFETY: `shapes` checked the processor has AVX-512F.
        let drawn = unsafe { eight::draw_eight(rng, law, shapes, out) };
        done += drawn;
        if drawn < eight::LANES {
            out.push(draw_account(rng, law));
            done += 1;
        }
    }
    done
}

#[cfg(not(target_arch = "x86_64"))]
fn eight_at_a_time(_: &mut SimRng, _: &AccountLaw, _: usize, _: &mut Vec<AccountDraw>) -> usize {
    0
}

/// Eight accounts' draws side by side, betting that each reads [`eight::ACCOUNT_WORDS`]
/// words: both its Gamma draws accept their first candidate (about 97 % of accounts) and its
/// need day reads one word. Every lane then computes exactly what [`draw_account`] would
/// from the same words, so the bet changes no draw, only which accounts are drawn here.
#[cfg(target_arch = "x86_64")]
mod eight {
    use std::arch::x86_64::__mmask8;

    use super::{AccountDraw, AccountLaw, SimRng};
    use crate::fast::lanes;
    pub(super) use crate::fast::libm8::LANES;
    use crate::fast::libm8::{from_array, to_array};
    use crate::model::dist::{self, MarsagliaTsang};
    use crate::model::rng::{below_of_word, unit_of_words};

    /// Words of one account's draws when the bet holds: two Gamma tries of a normal (four
    /// words) and a uniform (two), the value's normal (four), the need chance (two) and
    /// the need day (one).
    pub(super) const ACCOUNT_WORDS: usize = 19;

    /// The fit's two Gamma shapes, where `law`'s accounts are drawn here: the run's kernels
    /// and the processor (AVX-512F) allow it, Gamma shapes of at least 1 (smaller ones draw a
    /// further uniform), need days uniform over a range.
    pub(super) fn shapes(rng: &SimRng, law: &AccountLaw) -> Option<[MarsagliaTsang; 2]> {
        let suits = rng.kernels().eight_accounts
            && crate::fast::avx512()
            && law.fit_alpha >= 1.0
            && law.fit_beta >= 1.0
            && law.need_weights.is_empty()
            && law.need_days.1 > law.need_days.0;
        // Computed here, before any vector code: libm's square root is a legacy SSE
        // instruction, which right after AVX-512 code costs a state transition.
        suits.then(|| [law.fit_alpha, law.fit_beta].map(MarsagliaTsang::new))
    }

    /// The next eight accounts of `law` as [`super::draw_account`] draws them, up to the
    /// first whose draws do not read [`ACCOUNT_WORDS`] words: the accounts before it are
    /// pushed to `out` and their words read; returns how many (0 to 8).
    #[target_feature(enable = "avx512f")]
    pub(super) fn draw_eight(
        rng: &mut SimRng,
        law: &AccountLaw,
        [alpha, beta]: [MarsagliaTsang; 2],
        out: &mut Vec<AccountDraw>,
    ) -> usize {
        let words = rng.peek(LANES * ACCOUNT_WORDS);
        let (x, x_accepted) = gamma(words, alpha, 0);
        let (y, y_accepted) = gamma(words, beta, 6);
        let (value_1, value_2) = (uniforms(words, 12, true), uniforms(words, 14, false));
        let pairs = std::array::from_fn(|lane| (value_1[lane], value_2[lane]));
        let values = lanes::lognormals_of(&pairs, law.value_median, law.value_sigma);
        let need = uniforms(words, 16, false);
        let (first, last) = law.need_days;
        let mut drawn = 0;
        for lane in 0..LANES {
            let accepted = x_accepted & y_accepted & (1 << lane) != 0;
            let word = words[lane * ACCOUNT_WORDS + 18];
            let Some(day) = below_of_word(word, last - first).filter(|_| accepted) else {
                break;
            };
            out.push(AccountDraw {
                fit: dist::beta_of(x[lane], y[lane]),
                value: values[lane],
                need_day: (need[lane] < law.need_share).then_some(first + day),
            });
            drawn += 1;
        }
        rng.skip(drawn * ACCOUNT_WORDS);
        drawn
    }

    /// Each lane's uniform at word `at` of its account, 1 − it where `flip`.
    #[inline]
    fn uniforms(words: &[u32], at: usize, flip: bool) -> [f64; LANES] {
        std::array::from_fn(|lane| {
            let w = lane * ACCOUNT_WORDS + at;
            let unit = unit_of_words(words[w], words[w + 1]);
            if flip { 1.0 - unit } else { unit }
        })
    }

    /// Each lane's Gamma(shape) try from its account's word `at` on: `normal_uniforms`
    /// (1 − unit, then unit), then the acceptance uniform (1 − unit).
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn gamma(words: &[u32], shape: MarsagliaTsang, at: usize) -> ([f64; LANES], __mmask8) {
        let u1 = from_array(&uniforms(words, at, true));
        let u2 = from_array(&uniforms(words, at + 2, false));
        let x = lanes::box_muller(u1, u2);
        let u = from_array(&uniforms(words, at + 4, true));
        let (draws, accepted) = lanes::gamma_tries(shape, x, u);
        (to_array(draws), accepted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fast::scalar_only;

    fn law(alpha: f64, beta: f64) -> AccountLaw<'static> {
        AccountLaw {
            fit_alpha: alpha,
            fit_beta: beta,
            value_median: 20_000.0,
            value_sigma: 0.8,
            need_share: 0.4,
            need_days: (3, 250),
            need_weights: &[],
        }
    }

    /// `n` accounts of `law` by [`draw_accounts`] in pieces of `piece`, and the next word.
    fn drawn(law: &AccountLaw, seed: u64, n: usize, piece: usize) -> (Vec<AccountDraw>, f64) {
        let mut rng = SimRng::new(seed);
        let mut out = Vec::new();
        let mut left = n;
        while left > 0 {
            let k = piece.min(left);
            draw_accounts(&mut rng, law, k, &mut out);
            left -= k;
        }
        (out, rng.unit())
    }

    /// On whichever path this processor takes (eight at a time on AVX-512), in pieces that
    /// leave remainders, the accounts are those `draw_account` draws one by one.
    #[test]
    fn accounts_drawn_in_batches_are_those_drawn_one_by_one() {
        let shapes = [(2.0, 3.0), (1.0, 1.0), (1.2, 9.0), (0.6, 2.0)];
        for (seed, (alpha, beta)) in (1..).zip(shapes) {
            let law = law(alpha, beta);
            let n = 20_003;
            let mut rng = SimRng::new(seed);
            let one_by_one: Vec<AccountDraw> =
                (0..n).map(|_| draw_account(&mut rng, &law)).collect();
            let reference = (one_by_one, rng.unit());
            assert_eq!(drawn(&law, seed, n, 4096), reference);
            assert_eq!(drawn(&law, seed, n, 13), reference);
            assert_eq!(scalar_only(|| drawn(&law, seed, n, 4096)), reference);
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    #[cfg_attr(not(host_avx512), ignore = "skipped: this processor lacks AVX-512F")]
    fn most_batches_of_eight_accounts_are_drawn_whole() {
        let law = law(2.0, 3.0);
        let mut rng = SimRng::new(5);
        let shapes = [law.fit_alpha, law.fit_beta].map(crate::model::dist::MarsagliaTsang::new);
        let mut out = Vec::new();
        let mut whole = 0;
        for _ in 0..1_000 {
            // SAFETY: `shapes` checked the processor has AVX-512F.
            if unsafe { eight::draw_eight(&mut rng, &law, shapes, &mut out) } == 8 {
                whole += 1;
            } else {
                out.push(draw_account(&mut rng, &law));
            }
        }
        // Both Gamma draws accept their first candidate for about 97 % of accounts.
        assert!(whole > 700, "{whole} of 1000");
    }
}

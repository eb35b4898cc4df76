//! A touch's draws with its five random words read side by side (portable): the targeting
//! uniform (two words), the position (one word, unless it falls in the biased zone) and the
//! engagement uniform (two). The scalar reference is [`crate::model::pool::touch_draws`],
//! which draws them one after the other; the rare position whose first word falls in the
//! biased zone (a few dozen a year) takes that path too.

use crate::model::pool::{TouchDraw, touch_draws as one_by_one};
use crate::model::rng::{SimRng, below_of_word, unit_of_words};

/// Words a touch reads: targeting chance (two), position (one), engagement chance (two).
const TOUCH_WORDS: usize = 5;

/// [`one_by_one`]'s draws: where the run's kernels allow it, read side by side.
#[inline(always)]
pub fn touch_draws(
    rng: &mut SimRng,
    targeting: f64,
    high_len: usize,
    all_len: usize,
) -> Option<TouchDraw> {
    if rng.kernels().touch_words {
        side_by_side(rng, targeting, high_len, all_len)
    } else {
        one_by_one(rng, targeting, high_len, all_len)
    }
}

/// The kernel: [`one_by_one`]'s draws, its five words read side by side.
#[inline(always)]
fn side_by_side(
    rng: &mut SimRng,
    targeting: f64,
    high_len: usize,
    all_len: usize,
) -> Option<TouchDraw> {
    let words = rng.peek(TOUCH_WORDS);
    let targeted = unit_of_words(words[0], words[1]) < targeting;
    let (high, len) = if targeted && high_len > 0 {
        (true, high_len)
    } else if all_len > 0 {
        (false, all_len)
    } else {
        rng.skip(2);
        return None;
    };
    // The pool's lists are shorter than 2³² (`TouchPool::add` checks it).
    match below_of_word(words[2], len as u32) {
        Some(pos) => {
            let engagement = unit_of_words(words[3], words[4]);
            rng.skip(TOUCH_WORDS);
            Some(TouchDraw {
                high,
                pos: pos as usize,
                engagement,
            })
        }
        None => {
            rng.skip(2);
            let pos = rng.below(len);
            Some(TouchDraw {
                high,
                pos,
                engagement: rng.unit(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The side-by-side draws equal the one-by-one draws, list lengths of every kind (empty
    /// lists included), and the rare second position word comes up.
    #[test]
    fn touch_draws_side_by_side_equal_one_by_one() {
        let (mut ours, mut reference) = (SimRng::new(3), SimRng::new(3));
        let mut lens = SimRng::new(4);
        let mut second_words = 0;
        for i in 0..600_000 {
            let all = match i % 4 {
                0 => 0,
                1 => 100_000,
                _ => 1 + lens.below(3_000_000_000),
            };
            let high = if all == 0 { 0 } else { lens.below(all) };
            let first = reference.peek(3)[2];
            let got = side_by_side(&mut ours, 0.5, high, all);
            let want = one_by_one(&mut reference, 0.5, high, all);
            assert_eq!(got, want, "touch {i}");
            if let Some(d) = want {
                let len = if d.high { high } else { all };
                second_words += usize::from(below_of_word(first, len as u32).is_none());
            }
        }
        assert_eq!(ours.unit(), reference.unit(), "same words read");
        assert!(second_words > 0);
    }
}

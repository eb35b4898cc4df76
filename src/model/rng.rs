//! The run's one random generator: ChaCha8 seeded from the run seed (MODEL.md §1).
//!
//! The stream is `rand_chacha`'s ChaCha8 word stream (made by [`crate::fast::chacha`]), read
//! through a buffer of our own that keeps at least one generation unread, so that a 64-bit
//! draw never runs off its end. The sampling is written out here rather than taken from
//! `rand`: `unit` and `below` return exactly what `rand` 0.10's `random::<f64>()` and
//! `random_range(0..n)` return on the same stream (a test pins this), and a future `rand`
//! that samples differently cannot move a run's results.

use crate::fast::Kernels;
use crate::fast::chacha::{ChaCha8, GENERATION};

/// Generations in the buffer: when the last one is reached it moves to the front and the
/// others are refilled, so one word in `GENERATIONS − 1` is copied once.
const GENERATIONS: usize = 3;
/// Words in the buffer.
const WORDS: usize = GENERATIONS * GENERATION;

/// A seeded, fixed-algorithm generator. Every draw of a run goes through one of these.
#[derive(Clone, Debug)]
pub struct SimRng {
    /// The fast room's kernels this run uses, chosen when the generator is made.
    kernels: Kernels,
    core: ChaCha8,
    /// Generations in stream order: words from `next` on are unread.
    words: [u32; WORDS],
    /// Position of the next unread word.
    next: usize,
}

impl SimRng {
    /// The generator of the run with this seed, using the kernels [`Kernels::current`] gives.
    pub fn new(seed: u64) -> Self {
        let kernels = Kernels::current();
        let mut rng = SimRng {
            kernels,
            core: ChaCha8::seed_from_u64(seed, kernels.wide_chacha),
            words: [0; WORDS],
            next: 0,
        };
        rng.refill_from(0);
        rng
    }

    /// The fast room's kernels of this run: every kernel that draws asks here which path to
    /// take, so one run keeps one path.
    pub fn kernels(&self) -> Kernels {
        self.kernels
    }

    /// Generate the stream's next generations into the buffer from word `start` on.
    fn refill_from(&mut self, start: usize) {
        for generation in self.words[start..].chunks_exact_mut(GENERATION) {
            self.core
                .fill(generation.try_into().expect("a chunk is one generation"));
        }
    }

    /// Keep at least a full generation of unread words ahead: once the last generation is
    /// reached, it moves to the front and the rest is refilled.
    #[inline(always)]
    fn keep_ahead(&mut self) {
        if self.next >= WORDS - GENERATION {
            self.words.copy_within(WORDS - GENERATION.., 0);
            self.next -= WORDS - GENERATION;
            self.refill_from(GENERATION);
        }
    }

    #[inline(always)]
    fn next_u32(&mut self) -> u32 {
        self.keep_ahead();
        let w = self.words[self.next];
        self.next += 1;
        w
    }

    #[inline(always)]
    fn next_u64(&mut self) -> u64 {
        self.keep_ahead();
        let (lo, hi) = (self.words[self.next], self.words[self.next + 1]);
        self.next += 2;
        u64::from(hi) << 32 | u64::from(lo)
    }

    /// The next `n` unread words (at most one generation, 256), without reading them: a
    /// caller that knows how many words its draws will take computes them side by side,
    /// then reads as many as it used with [`SimRng::skip`].
    #[inline]
    pub fn peek(&mut self, n: usize) -> &[u32] {
        assert!(n <= GENERATION, "peek at most one generation ahead");
        self.keep_ahead();
        &self.words[self.next..self.next + n]
    }

    /// Read (and drop) the next `n` words, `n` at most what the last [`SimRng::peek`] saw.
    #[inline]
    pub fn skip(&mut self, n: usize) {
        assert!(self.next + n <= WORDS, "skip no further than the last peek");
        self.next += n;
    }

    /// Uniform in [0, 1): the top 53 bits of a 64-bit draw.
    #[inline]
    pub fn unit(&mut self) -> f64 {
        to_unit(self.next_u64())
    }

    /// True with probability `p` (always draws once, so that the stream does not depend on
    /// the value of `p`).
    #[inline]
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform integer in [0, n); `n` must be > 0. Canon's method, as `rand` 0.10 samples
    /// `random_range(0..n)`: one 32-bit draw for n < 2³² (64-bit above), and a second one
    /// only in the rare case the first lands in the biased zone.
    #[inline(always)]
    pub fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "cannot sample an empty range");
        if let Ok(range) = u32::try_from(n) {
            let (mut result, lo) = wide_mul_32(self.next_u32(), range);
            if lo > range.wrapping_neg() {
                let (carry, _) = wide_mul_32(self.next_u32(), range);
                result += u32::from(lo.checked_add(carry).is_none());
            }
            result as usize
        } else {
            let range = n as u64;
            let (mut result, lo) = wide_mul_64(self.next_u64(), range);
            if lo > range.wrapping_neg() {
                let (carry, _) = wide_mul_64(self.next_u64(), range);
                result += u64::from(lo.checked_add(carry).is_none());
            }
            result as usize
        }
    }
}

/// The [`SimRng::unit`] that reads the words `lo`, `hi`.
#[inline(always)]
pub fn unit_of_words(lo: u32, hi: u32) -> f64 {
    to_unit(u64::from(hi) << 32 | u64::from(lo))
}

/// The [`SimRng::below`] of `n` (below 2³²) that reads the word `w`, when that one word
/// is all it reads; None where it would read a second.
#[inline(always)]
pub fn below_of_word(w: u32, n: u32) -> Option<u32> {
    let (result, lo) = wide_mul_32(w, n);
    (lo <= n.wrapping_neg()).then_some(result)
}

#[inline(always)]
fn to_unit(x: u64) -> f64 {
    (x >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// (high, low) halves of the 64-bit product.
#[inline(always)]
fn wide_mul_32(a: u32, b: u32) -> (u32, u32) {
    let p = u64::from(a) * u64::from(b);
    ((p >> 32) as u32, p as u32)
}

/// (high, low) halves of the 128-bit product.
#[inline(always)]
fn wide_mul_64(a: u64, b: u64) -> (u64, u64) {
    let p = u128::from(a) * u128::from(b);
    ((p >> 64) as u64, p as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn same_seed_same_stream_other_seed_other_stream() {
        let draw = |seed| {
            let mut r = SimRng::new(seed);
            (0..5).map(|_| r.unit()).collect::<Vec<f64>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
    }

    #[test]
    fn chance_respects_extremes() {
        let mut r = SimRng::new(1);
        assert!((0..1000).all(|_| !r.chance(0.0)));
        assert!((0..1000).all(|_| r.chance(1.0)));
    }

    /// The draws equal `rand`'s on `ChaCha8Rng` with the same seed, mixed in every order
    /// and across many generations (odd word counts make 64-bit draws straddle them), for
    /// ranges small, large, near 2³² (where the second draw happens) and above it.
    #[test]
    fn draws_equal_rand_chacha() {
        let ranges = [
            1usize,
            2,
            7,
            250,
            100_000,
            (1 << 31) + 12_345,
            u32::MAX as usize,
            (1 << 32) + 3,
            usize::MAX / 3,
        ];
        for seed in [0, 1, 42, u64::MAX] {
            let mut ours = SimRng::new(seed);
            let mut theirs = ChaCha8Rng::seed_from_u64(seed);
            let mut kinds = SimRng::new(seed ^ 0x5eed);
            for i in 0..200_000 {
                match kinds.below(3) {
                    0 => assert_eq!(ours.unit(), theirs.random::<f64>(), "draw {i}"),
                    1 => {
                        let n = ranges[i % ranges.len()];
                        assert_eq!(ours.below(n), theirs.random_range(0..n), "draw {i}, n {n}");
                    }
                    _ => {
                        let p = kinds.unit();
                        assert_eq!(ours.chance(p), theirs.random::<f64>() < p, "draw {i}");
                    }
                }
            }
        }
    }
}

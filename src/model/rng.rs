//! The run's one random generator: ChaCha8 seeded from the run seed (MODEL.md §1).

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A seeded, fixed-algorithm generator. Every draw of a run goes through one of these.
#[derive(Clone, Debug)]
pub struct SimRng(ChaCha8Rng);

impl SimRng {
    /// The generator of the run with this seed.
    pub fn new(seed: u64) -> Self {
        Self(ChaCha8Rng::seed_from_u64(seed))
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        self.0.random::<f64>()
    }

    /// True with probability `p` (clamped to [0, 1]; always draws once so that the
    /// stream does not depend on the value of `p`).
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform integer in [0, n); `n` must be > 0.
    pub fn below(&mut self, n: usize) -> usize {
        self.0.random_range(0..n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_other_seed_other_stream() {
        let a: Vec<f64> = (0..5)
            .map({
                let mut r = SimRng::new(7);
                move |_| r.unit()
            })
            .collect();
        let b: Vec<f64> = (0..5)
            .map({
                let mut r = SimRng::new(7);
                move |_| r.unit()
            })
            .collect();
        let c: Vec<f64> = (0..5)
            .map({
                let mut r = SimRng::new(8);
                move |_| r.unit()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn chance_respects_extremes() {
        let mut r = SimRng::new(1);
        assert!((0..1000).all(|_| !r.chance(0.0)));
        assert!((0..1000).all(|_| r.chance(1.0)));
    }
}

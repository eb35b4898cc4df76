//! The least of a list of small counts under point updates. Assigning work to the
//! least-loaded person (ties: the first) happens at every stage entry, over hundreds of
//! people, and each assignment moves one count by one: counts are queue lengths, so they are
//! kept in buckets by value, each bucket a bit set of positions. The least count is the
//! lowest non-empty bucket and its first position that bucket's lowest bit; an update moves
//! one bit and, at most, the lowest bucket by a step.

/// Counts by position, with the least count and its first position always at hand.
#[derive(Clone, Debug, Default)]
pub struct Least {
    /// The counts, by position.
    counts: Vec<u32>,
    /// For each count value, the positions holding it: a bit set of `words` words, the
    /// buckets one after the other.
    bits: Vec<u64>,
    /// How many positions each bucket holds.
    sizes: Vec<u32>,
    /// Words per bucket: one bit per position.
    words: usize,
    /// The lowest non-empty bucket (0 when there are no counts).
    lowest: usize,
}

impl Least {
    /// Number of counts.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Whether there are no counts.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The count at `position`.
    pub fn get(&self, position: usize) -> u32 {
        self.counts[position]
    }

    /// Every count, in position order.
    pub fn counts(&self) -> impl Iterator<Item = u32> + '_ {
        self.counts.iter().copied()
    }

    /// Position of the least count (the first one among equals); None when empty.
    pub fn first_least(&self) -> Option<usize> {
        let start = self.lowest * self.words;
        let bucket = self.bits.get(start..start + self.words)?;
        let (word, bits) = bucket.iter().enumerate().find(|(_, b)| **b != 0)?;
        Some(word * 64 + bits.trailing_zeros() as usize)
    }

    /// Set the count at `position`.
    pub fn set(&mut self, position: usize, count: u32) {
        let old = self.counts[position] as usize;
        let new = count as usize;
        if old == new {
            return;
        }
        self.counts[position] = count;
        self.take(old, position);
        self.put(new, position);
        if new < self.lowest {
            self.lowest = new;
        }
        while self.sizes[self.lowest] == 0 {
            self.lowest += 1;
        }
    }

    /// Append a count.
    pub fn push(&mut self, count: u32) {
        let position = self.counts.len();
        self.counts.push(count);
        if position / 64 == self.words {
            // One more word per bucket: re-lay the buckets out.
            let (old, words) = (std::mem::take(&mut self.bits), self.words);
            self.words += 1;
            self.bits = vec![0; self.sizes.len() * self.words];
            for b in 0..self.sizes.len() {
                let (from, to) = (b * words, b * self.words);
                self.bits[to..to + words].copy_from_slice(&old[from..from + words]);
            }
        }
        self.put(count as usize, position);
        if position == 0 || (count as usize) < self.lowest {
            self.lowest = count as usize;
        }
    }

    /// Remove the count at `position`; the later ones move up one place.
    pub fn remove(&mut self, position: usize) {
        let mut counts = std::mem::take(&mut self.counts);
        counts.remove(position);
        *self = Least::of(&counts);
    }

    /// The counts `counts`, in this order.
    pub fn of(counts: &[u32]) -> Self {
        let mut least = Least::default();
        for &count in counts {
            least.push(count);
        }
        least
    }

    #[inline(always)]
    fn put(&mut self, count: usize, position: usize) {
        if self.sizes.len() <= count {
            self.sizes.resize(count + 1, 0);
            self.bits.resize((count + 1) * self.words, 0);
        }
        self.bits[count * self.words + position / 64] |= 1 << (position % 64);
        self.sizes[count] += 1;
    }

    #[inline(always)]
    fn take(&mut self, count: usize, position: usize) {
        self.bits[count * self.words + position / 64] &= !(1 << (position % 64));
        self.sizes[count] -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rng::SimRng;

    fn first_least_by_scan(counts: &[u32]) -> Option<usize> {
        let least = counts.iter().min()?;
        counts.iter().position(|c| c == least)
    }

    #[test]
    fn matches_a_scan_under_random_updates() {
        let mut rng = SimRng::new(3);
        for len in [0, 1, 2, 3, 7, 8, 64, 65, 200] {
            let mut counts: Vec<u32> = (0..len).map(|_| rng.below(5) as u32).collect();
            let mut tree = Least::of(&counts);
            assert_eq!(tree.first_least(), first_least_by_scan(&counts));
            for step in 0..2_000.min(len * 50) {
                let p = rng.below(len);
                // Mostly steps of one, as queues move; sometimes a jump.
                counts[p] = if step % 7 == 0 {
                    rng.below(40) as u32
                } else {
                    (counts[p] + 1).saturating_sub(2 * rng.below(2) as u32)
                };
                tree.set(p, counts[p]);
                assert_eq!(tree.first_least(), first_least_by_scan(&counts));
            }
            assert!(tree.counts().eq(counts.iter().copied()));
        }
    }

    #[test]
    fn push_and_remove_keep_positions() {
        let mut tree = Least::default();
        assert!(tree.is_empty() && tree.first_least().is_none());
        for c in [3, 1, 4, 1, 5] {
            tree.push(c);
        }
        assert_eq!(tree.first_least(), Some(1));
        tree.remove(1);
        assert!(tree.counts().eq([3, 4, 1, 5]));
        assert_eq!((tree.first_least(), tree.len()), (Some(2), 4));
    }
}

//! The least of a list of counts under point updates: a tournament tree. Assigning work to
//! the least-loaded person (ties: the first) happens at every stage entry, over hundreds of
//! people; the tree answers at once and an update costs one path to the root.

/// Counts by position, with the least count and its first position always at hand.
#[derive(Clone, Debug, Default)]
pub struct Least {
    /// Number of counts.
    len: usize,
    /// Heap-ordered tree over a power-of-two number of leaves: node `i` holds the smaller
    /// key of nodes `2i` and `2i + 1`; leaves start at `width`. A key is the count in the
    /// high half and the position in the low half, so the smallest key is the least count
    /// at its first position. Unused leaves hold `u64::MAX`.
    tree: Vec<u64>,
}

fn key(count: u32, position: usize) -> u64 {
    u64::from(count) << 32 | position as u64
}

impl Least {
    /// Number of counts.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no counts.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn width(&self) -> usize {
        self.tree.len() / 2
    }

    /// The count at `position`.
    pub fn get(&self, position: usize) -> u32 {
        assert!(position < self.len, "position {position} of {}", self.len);
        (self.tree[self.width() + position] >> 32) as u32
    }

    /// Every count, in position order.
    pub fn counts(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.len).map(|p| self.get(p))
    }

    /// Position of the least count (the first one among equals); None when empty.
    pub fn first_least(&self) -> Option<usize> {
        (self.len > 0).then(|| (self.tree[1] & u64::from(u32::MAX)) as usize)
    }

    /// Set the count at `position`.
    pub fn set(&mut self, position: usize, count: u32) {
        assert!(position < self.len, "position {position} of {}", self.len);
        let mut node = self.width() + position;
        self.tree[node] = key(count, position);
        // Up to the first node the change leaves as it was: the ones above follow it.
        while node > 1 {
            node /= 2;
            let least = self.tree[2 * node].min(self.tree[2 * node + 1]);
            if self.tree[node] == least {
                break;
            }
            self.tree[node] = least;
        }
    }

    /// Append a count (the tree doubles when full, so appends cost O(log n) on average).
    pub fn push(&mut self, count: u32) {
        if self.len < self.width() {
            self.len += 1;
            self.set(self.len - 1, count);
        } else {
            let mut counts: Vec<u32> = self.counts().collect();
            counts.push(count);
            *self = Least::of(&counts);
        }
    }

    /// Remove the count at `position`; the later ones move up one place.
    pub fn remove(&mut self, position: usize) {
        let mut counts: Vec<u32> = self.counts().collect();
        counts.remove(position);
        *self = Least::of(&counts);
    }

    /// A tree over `counts`.
    pub fn of(counts: &[u32]) -> Self {
        assert!(counts.len() < 1 << 32, "too many counts");
        let width = counts.len().next_power_of_two();
        let mut tree = vec![u64::MAX; 2 * width];
        for (position, &count) in counts.iter().enumerate() {
            tree[width + position] = key(count, position);
        }
        for node in (1..width).rev() {
            tree[node] = tree[2 * node].min(tree[2 * node + 1]);
        }
        Least {
            len: counts.len(),
            tree,
        }
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
        for len in [0, 1, 2, 3, 7, 8, 200] {
            let mut counts: Vec<u32> = (0..len).map(|_| rng.below(5) as u32).collect();
            let mut tree = Least::of(&counts);
            assert_eq!(tree.first_least(), first_least_by_scan(&counts));
            for _ in 0..500.min(len * 50) {
                let p = rng.below(len);
                counts[p] = rng.below(6) as u32;
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

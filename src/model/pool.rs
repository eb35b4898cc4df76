//! The pool of accounts a prospector may touch today: not engaged, not closed and not
//! touched in the last `cooldown` days, with a high-fit sub-pool for targeted outreach
//! (MODEL.md §5.2). O(1) pick, insert and remove, so a day's cost follows its touches,
//! not the number of accounts.

use std::collections::VecDeque;

use super::rng::SimRng;

const ABSENT: u32 = u32::MAX;

/// Touchable accounts by index, with their cooldown queue.
#[derive(Clone, Debug, Default)]
pub struct TouchPool {
    all: Vec<u32>,
    high: Vec<u32>,
    slot_all: Vec<u32>,
    slot_high: Vec<u32>,
    is_high: Vec<bool>,
    cooling: VecDeque<(u32, u32)>,
    /// Out of the pool only until its cooldown ends (as opposed to removed for good).
    is_cooling: Vec<bool>,
}

impl TouchPool {
    /// A pool holding every account; `is_high[i]` marks the high-fit ones.
    pub fn new(is_high: Vec<bool>) -> Self {
        let n = is_high.len();
        let mut pool = TouchPool {
            all: Vec::with_capacity(n),
            high: Vec::new(),
            slot_all: vec![ABSENT; n],
            slot_high: vec![ABSENT; n],
            is_high,
            cooling: VecDeque::new(),
            is_cooling: vec![false; n],
        };
        for i in 0..n as u32 {
            pool.insert(i);
        }
        pool
    }

    /// Number of touchable accounts.
    pub fn len(&self) -> usize {
        self.all.len()
    }

    /// Whether no account is touchable.
    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// Whether `idx` is touchable.
    pub fn contains(&self, idx: u32) -> bool {
        self.slot_all[idx as usize] != ABSENT
    }

    /// Make `idx` touchable (no-op if it already is).
    pub fn insert(&mut self, idx: u32) {
        self.is_cooling[idx as usize] = false;
        if self.contains(idx) {
            return;
        }
        self.slot_all[idx as usize] = self.all.len() as u32;
        self.all.push(idx);
        if self.is_high[idx as usize] {
            self.slot_high[idx as usize] = self.high.len() as u32;
            self.high.push(idx);
        }
    }

    /// Make `idx` untouchable until it is inserted again (engaged, missed...).
    pub fn remove(&mut self, idx: u32) {
        self.is_cooling[idx as usize] = false;
        self.take_out(idx);
    }

    fn take_out(&mut self, idx: u32) {
        swap_out(&mut self.all, &mut self.slot_all, idx);
        swap_out(&mut self.high, &mut self.slot_high, idx);
    }

    /// Whether `idx` is out of the pool for good (removed, not cooling down).
    pub fn is_removed(&self, idx: u32) -> bool {
        !self.contains(idx) && !self.is_cooling[idx as usize]
    }

    /// Take `idx` out until `until_day`, when [`TouchPool::release`] puts it back.
    pub fn cool(&mut self, idx: u32, until_day: u32) {
        self.take_out(idx);
        self.is_cooling[idx as usize] = true;
        self.cooling.push_back((until_day, idx));
    }

    /// Put back, in the order they were touched, the accounts whose cooldown ends on or before
    /// `today` and that are still cooling (not removed or re-inserted meanwhile).
    pub fn release(&mut self, today: u32) {
        while let Some(&(day, idx)) = self.cooling.front() {
            if day > today {
                break;
            }
            self.cooling.pop_front();
            if self.is_cooling[idx as usize] {
                self.insert(idx);
            }
        }
    }

    /// One touch's target: from the high-fit pool with probability `targeting` (when it is
    /// not empty), else uniformly from the whole pool. None when nothing is touchable.
    pub fn pick(&self, rng: &mut SimRng, targeting: f64) -> Option<u32> {
        let targeted = rng.chance(targeting);
        if targeted && !self.high.is_empty() {
            Some(self.high[rng.below(self.high.len())])
        } else if !self.all.is_empty() {
            Some(self.all[rng.below(self.all.len())])
        } else {
            None
        }
    }
}

fn swap_out(list: &mut Vec<u32>, slots: &mut [u32], idx: u32) {
    let slot = slots[idx as usize];
    if slot == ABSENT {
        return;
    }
    let last = *list.last().expect("a slotted index is in its list");
    list.swap_remove(slot as usize);
    if last != idx {
        slots[last as usize] = slot;
    }
    slots[idx as usize] = ABSENT;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_remove_keep_slots_consistent() {
        let mut p = TouchPool::new(vec![true, false, true, false, true]);
        assert_eq!(p.len(), 5);
        p.remove(0);
        p.remove(4);
        assert!(!p.contains(0) && p.contains(2));
        assert_eq!(p.high, vec![2]);
        p.insert(4);
        p.insert(4);
        assert_eq!(p.len(), 4);
        for (slot, &idx) in p.all.iter().enumerate() {
            assert_eq!(p.slot_all[idx as usize] as usize, slot);
        }
    }

    #[test]
    fn cooldown_releases_in_order_unless_removed_meanwhile() {
        let mut p = TouchPool::new(vec![false; 4]);
        p.cool(1, 5);
        p.cool(2, 7);
        p.cool(3, 5);
        p.remove(3);
        assert!(!p.contains(1) && !p.is_removed(1) && p.is_removed(3));
        p.release(4);
        assert!(!p.contains(1));
        p.release(6);
        assert!(p.contains(1) && !p.contains(2) && !p.contains(3));
        p.release(7);
        assert!(p.contains(2) && !p.contains(3));
    }

    #[test]
    fn targeting_picks_high_fit_and_falls_back() {
        let mut rng = SimRng::new(1);
        let p = TouchPool::new(vec![true, false, false, false]);
        assert!((0..200).all(|_| p.pick(&mut rng, 1.0) == Some(0)));
        let mut q = TouchPool::new(vec![true, false]);
        q.remove(0);
        assert!((0..50).all(|_| q.pick(&mut rng, 1.0) == Some(1)));
        q.remove(1);
        assert_eq!(q.pick(&mut rng, 0.5), None);
    }
}

//! The pool of accounts a prospector may touch today: not engaged, not closed and not
//! touched in the last `cooldown` days, with a high-fit sub-pool for targeted outreach
//! (MODEL.md §5.2). O(1) pick, insert and remove, so a day's cost follows its touches,
//! not the number of accounts.
//!
//! Everything a touch reads or writes about one account (its fit, its places in the two
//! lists, whether it is cooling down) sits in one 16-byte [`Slot`]: a touch lands on a
//! random account, and with 100,000s of accounts each separate array read is a cache miss.

use super::rng::SimRng;
use crate::fast::prefetch;

/// `Slot::all` of an account out of the pool for good (engaged, missed...).
const REMOVED: u32 = u32::MAX;
/// `Slot::all` of an account out of the pool until its cooldown ends.
const COOLING: u32 = u32::MAX - 1;
/// `Slot::high` of an account that is not high-fit.
const NOT_HIGH: u32 = u32::MAX;
/// `Slot::high` of a high-fit account out of the pool.
const HIGH_OUT: u32 = u32::MAX - 1;
/// How many accounts ahead the cooldown release loads the next ones' slots.
const LOOKAHEAD: usize = 32;
/// How many touches ahead the touch loop loads the slots its removals will move.
const MOVES_AHEAD: usize = 4;
/// Accounts a pool can hold: positions stay below the markers above.
const MAX_ACCOUNTS: usize = (u32::MAX - 1) as usize;

/// One account as the pool sees it.
#[derive(Clone, Copy, Debug)]
#[repr(C, align(16))]
struct Slot {
    fit: f64,
    /// Position in `TouchPool::all`, or REMOVED / COOLING.
    all: u32,
    /// Position in `TouchPool::high`, or NOT_HIGH / HIGH_OUT.
    high: u32,
}

/// Touchable accounts by index, with their cooldown queue.
#[derive(Clone, Debug, Default)]
pub struct TouchPool {
    all: Vec<u32>,
    high: Vec<u32>,
    slots: Vec<Slot>,
    /// Accounts cooling down, by the day their cooldown ends, each day's in touch order.
    cooling: Vec<Vec<u32>>,
    /// The first day whose cooling accounts are not yet released.
    unreleased_day: u32,
    /// Emptied day lists, kept for their room.
    spare: Vec<Vec<u32>>,
}

impl TouchPool {
    /// An empty pool with room for `n` accounts.
    pub fn with_capacity(n: usize) -> Self {
        TouchPool {
            all: Vec::with_capacity(n),
            slots: Vec::with_capacity(n),
            ..Default::default()
        }
    }

    /// Add the next account (its index is the number added before it), touchable; `high`
    /// puts it in the high-fit sub-pool too.
    pub fn add(&mut self, fit: f64, high: bool) {
        assert!(
            self.slots.len() < MAX_ACCOUNTS,
            "too many accounts for the pool"
        );
        let idx = self.slots.len() as u32;
        self.slots.push(Slot {
            fit,
            all: REMOVED,
            high: if high { HIGH_OUT } else { NOT_HIGH },
        });
        self.insert(idx);
    }

    /// The account's fit.
    pub fn fit(&self, idx: u32) -> f64 {
        self.slots[idx as usize].fit
    }

    /// Number of touchable accounts.
    pub fn len(&self) -> usize {
        self.all.len()
    }

    /// Number of touchable accounts in the high-fit pool.
    pub fn high_len(&self) -> usize {
        self.high.len()
    }

    /// Whether no account is touchable.
    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// Start loading `idx`'s slot: a loop over known accounts calls this a few steps ahead.
    fn prefetch(&self, idx: u32) {
        if let Some(slot) = self.slots.get(idx as usize) {
            prefetch(slot);
        }
    }

    /// Whether `idx` is touchable.
    pub fn contains(&self, idx: u32) -> bool {
        self.slots[idx as usize].all < COOLING
    }

    /// Make `idx` touchable (no-op if it already is).
    pub fn insert(&mut self, idx: u32) {
        let slot = &mut self.slots[idx as usize];
        if slot.all < COOLING {
            return;
        }
        slot.all = self.all.len() as u32;
        self.all.push(idx);
        if slot.high == HIGH_OUT {
            slot.high = self.high.len() as u32;
            self.high.push(idx);
        }
    }

    /// Make `idx` untouchable until it is inserted again (engaged, missed...).
    pub fn remove(&mut self, idx: u32) {
        self.take_out(idx, REMOVED);
    }

    /// Take `idx` out of both lists, marking it `out` (REMOVED or COOLING).
    // Always inlined: the touch loop's every non-engaging touch ends here.
    #[inline(always)]
    fn take_out(&mut self, idx: u32, out: u32) {
        let slot = self.slots[idx as usize];
        if slot.all < COOLING {
            swap_out(&mut self.all, slot.all, &mut self.slots, |s| &mut s.all);
        }
        if slot.high < HIGH_OUT {
            swap_out(&mut self.high, slot.high, &mut self.slots, |s| &mut s.high);
        }
        let slot = &mut self.slots[idx as usize];
        slot.all = out;
        if slot.high != NOT_HIGH {
            slot.high = HIGH_OUT;
        }
    }

    /// Whether `idx` is out of the pool for good (removed, not cooling down).
    pub fn is_removed(&self, idx: u32) -> bool {
        self.slots[idx as usize].all == REMOVED
    }

    /// Take `idx` out until `until_day`, when [`TouchPool::release`] puts it back (at the
    /// next release if that day is already released).
    #[cfg(test)]
    fn cool(&mut self, idx: u32, until_day: u32) {
        let (day, mut list) = self.take_cooling(until_day);
        self.take_out(idx, COOLING);
        list.push(idx);
        self.cooling[day] = list;
    }

    /// The list of the accounts cooling until `until_day` (the next release if that day is
    /// already released), taken out to push to: returns its day, where it goes back.
    fn take_cooling(&mut self, until_day: u32) -> (usize, Vec<u32>) {
        let day = until_day.max(self.unreleased_day) as usize;
        if self.cooling.len() <= day {
            self.cooling.resize_with(day + 1, Vec::new);
        }
        let mut list = std::mem::take(&mut self.cooling[day]);
        if list.capacity() == 0
            && let Some(room) = self.spare.pop()
        {
            list = room;
        }
        (day, list)
    }

    /// Put back the accounts whose cooldown ends on or before `today` and that are still
    /// cooling (not removed or re-inserted meanwhile): day by day, each day's in the order they
    /// were touched.
    pub fn release(&mut self, today: u32) {
        while self.unreleased_day <= today {
            let day = self.unreleased_day as usize;
            self.unreleased_day += 1;
            let Some(list) = self.cooling.get_mut(day) else {
                continue;
            };
            let mut list = std::mem::take(list);
            for (i, &idx) in list.iter().enumerate() {
                if let Some(&ahead) = list.get(i + LOOKAHEAD) {
                    self.prefetch(ahead);
                }
                if self.slots[idx as usize].all == COOLING {
                    self.insert(idx);
                }
            }
            list.clear();
            self.spare.push(list);
        }
    }

    /// `n` touches (MODEL.md §5.2), fewer if the pool empties: each picks an account, which
    /// engages with probability `p(fit)` (it leaves the pool and goes to `engaged`, with the
    /// touch's number from 0) or else cools down until `cooled_until`. One call per slice of
    /// prospecting: here the generator
    /// and the lists are the function's own `&mut` arguments, which the compiler knows
    /// nothing else changes, so it keeps their state in registers instead of reloading it
    /// after every store (the same loop in the work system ran 30 M instructions a year more).
    pub fn touch(
        &mut self,
        rng: &mut SimRng,
        n: u64,
        targeting: f64,
        cooled_until: u32,
        p: impl Fn(f64) -> f64,
        mut engaged: impl FnMut(u32, u64),
    ) {
        // Every account this call cools goes to the same day's list.
        let (day, mut cooling) = self.take_cooling(cooled_until);
        for touch in 0..n {
            // Each touch's removals move the lists' last entries into the holes, writing
            // their slots: the entries a few touches from now are known, so their slots start
            // loading now.
            for list in [&self.all, &self.high] {
                if let Some(&ahead) = list.len().checked_sub(MOVES_AHEAD).map(|i| &list[i]) {
                    self.prefetch(ahead);
                }
            }
            let Some((idx, engagement)) = self.pick(rng, targeting) else {
                break;
            };
            if engagement < p(self.fit(idx)) {
                self.remove(idx);
                engaged(idx, touch);
            } else {
                self.take_out(idx, COOLING);
                cooling.push(idx);
            }
        }
        self.cooling[day] = cooling;
    }

    /// One touch's draws (MODEL.md §5.2): targeted with probability `targeting`, it picks
    /// from the high-fit list when that list is not empty, else uniformly from the whole
    /// pool; then the uniform its engagement chance compares (`rng.chance(p)` is
    /// `rng.unit() < p`). None, after the targeting draw, when nothing is touchable.
    #[inline(always)]
    fn pick(&self, rng: &mut SimRng, targeting: f64) -> Option<(u32, f64)> {
        let targeted = rng.unit() < targeting;
        let list = if targeted && !self.high.is_empty() {
            &self.high
        } else if !self.all.is_empty() {
            &self.all
        } else {
            return None;
        };
        let idx = list[rng.below(list.len())];
        Some((idx, rng.unit()))
    }
}

/// Remove the entry at `pos` of `list`: the last entry takes its place, and `place` (that
/// entry's position field in its slot) records the move.
fn swap_out(list: &mut Vec<u32>, pos: u32, slots: &mut [Slot], place: fn(&mut Slot) -> &mut u32) {
    let moved = *list.last().expect("a pooled account is in the list");
    list.swap_remove(pos as usize);
    *place(&mut slots[moved as usize]) = pos;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pool of accounts whose fit is their index / 10, high-fit where `high` says.
    fn pool(high: &[bool]) -> TouchPool {
        let mut p = TouchPool::with_capacity(high.len());
        for (i, &h) in high.iter().enumerate() {
            p.add(i as f64 / 10.0, h);
        }
        p
    }

    #[test]
    fn insert_remove_keep_slots_consistent() {
        let mut p = pool(&[true, false, true, false, true]);
        assert_eq!(p.len(), 5);
        p.remove(0);
        p.remove(4);
        assert!(!p.contains(0) && p.contains(2));
        assert_eq!(p.high, vec![2]);
        p.insert(4);
        p.insert(4);
        assert_eq!(p.len(), 4);
        for (slot, &idx) in p.all.iter().enumerate() {
            assert_eq!(p.slots[idx as usize].all as usize, slot);
        }
        for (slot, &idx) in p.high.iter().enumerate() {
            assert_eq!(p.slots[idx as usize].high as usize, slot);
        }
        assert_eq!(p.fit(3), 0.3);
    }

    #[test]
    fn cooldown_releases_in_order_unless_removed_meanwhile() {
        let mut p = pool(&[false; 4]);
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
    fn a_cooldown_ending_on_a_released_day_ends_at_the_next_release() {
        let mut p = pool(&[false; 3]);
        p.release(5);
        p.cool(0, 5);
        p.cool(1, 3);
        p.cool(2, 9);
        assert!(!p.contains(0) && !p.contains(1));
        p.release(6);
        assert!(p.contains(0) && p.contains(1) && !p.contains(2));
        // Put back in the order they were touched.
        assert_eq!(&p.all[..], &[0, 1]);
        p.release(9);
        assert!(p.contains(2));
    }

    #[test]
    fn touches_engage_or_cool_each_account_they_pick() {
        let mut rng = SimRng::new(2);
        let mut p = pool(&[true, false, true, false, false, false]);
        let mut engaged = Vec::new();
        p.touch(
            &mut rng,
            2,
            0.5,
            9,
            |_| 1.0,
            |idx, touch| {
                engaged.push(idx);
                assert_eq!(touch as usize + 1, engaged.len(), "touches counted from 0");
            },
        );
        assert_eq!(engaged.len(), 2);
        assert!(engaged.iter().all(|&i| p.is_removed(i)));
        p.touch(
            &mut rng,
            10,
            0.5,
            9,
            |_| 0.0,
            |_, _| panic!("p = 0 never engages"),
        );
        // Four left to touch, then the pool is empty until the cooldown ends.
        assert!(p.is_empty());
        p.release(9);
        assert_eq!(p.len(), 4);
    }

    #[test]
    fn targeting_picks_high_fit_and_falls_back() {
        let mut rng = SimRng::new(1);
        let p = pool(&[true, false, false, false]);
        let target = |p: &TouchPool, rng: &mut SimRng, t| p.pick(rng, t).map(|(idx, _)| idx);
        assert!((0..200).all(|_| target(&p, &mut rng, 1.0) == Some(0)));
        let mut q = pool(&[true, false]);
        q.remove(0);
        assert!((0..50).all(|_| target(&q, &mut rng, 1.0) == Some(1)));
        q.remove(1);
        assert_eq!(target(&q, &mut rng, 0.5), None);
    }
}

//! Populating the world from a scenario: accounts drawn per segment, the team, and the
//! resources every system reads.

use std::sync::Arc;

use bevy::prelude::*;

use super::kpi::Tally;
use super::state::*;
use crate::model::dist;
use crate::model::pool::TouchPool;
use crate::model::rng::SimRng;
use crate::model::stage::Role;
use crate::scenario::{Scenario, Segment};

pub(super) fn populate(world: &mut World, s: Arc<Scenario>, seed: u64) {
    // Resources before entities: Bevy keeps each resource on an entity of its own, in a
    // sparse set sized by that entity's index, so resources created after thousands of
    // entities would each carry a large index. Market, roster and generator are filled in
    // once the people are spawned.
    insert_resources(world, &s);
    world.init_resource::<Market>();
    world.init_resource::<Roster>();
    world.init_resource::<AccountStates>();
    world.insert_resource(Rng(SimRng::new(seed)));
    let days = s.days as usize;
    let mut market = Market {
        needs_by_day: vec![Vec::new(); days],
        ..default()
    };
    market.segment_ends = s
        .segments
        .iter()
        .scan(0, |end, g| {
            *end += g.accounts.max(0) as u32;
            Some(*end)
        })
        .collect();
    let total = market.segment_ends.last().map_or(0, |&end| end as usize);
    market.pool = TouchPool::with_capacity(total);
    market.buyers.reserve_exact(total);
    // The accounts' draws (two Gamma and a normal's two uniforms each) are made on a helper
    // thread, in index order from the run's generator, while this thread turns the uniforms
    // into values and files the accounts in their columns: the same draws, made while the
    // filing goes on. Chunks (each of one segment) keep the hand-over cheap and the memory in
    // flight small.
    let rng = std::thread::scope(|scope| {
        let (chunks, received) = std::sync::mpsc::sync_channel::<Vec<Drawn>>(2);
        let segments = &s.segments;
        let drawer = scope.spawn(move || {
            let mut rng = SimRng::new(seed);
            for seg in segments {
                let mut chunk = Vec::with_capacity(CHUNK);
                let drawer = SegmentDrawer::new(seg);
                let mut left = seg.accounts.max(0) as usize;
                while left > 0 {
                    let drawn = drawer.draw(&mut rng, left, &mut chunk);
                    left -= drawn;
                    if (chunk.len() >= CHUNK || left == 0)
                        && chunks.send(std::mem::take(&mut chunk)).is_err()
                    {
                        // This thread stopped receiving, i.e. it is unwinding.
                        return rng;
                    }
                }
            }
            rng
        });
        let mut index = 0u32;
        let (mut pairs, mut values) = (Vec::new(), Vec::new());
        for chunk in received {
            let seg = &s.segments[market.segment_of(index)];
            pairs.clear();
            pairs.extend(chunk.iter().map(|d| d.value_uniforms));
            dist::lognormals_of(&pairs, seg.value_median, seg.value_sigma, &mut values);
            for (d, &value) in chunk.iter().zip(&values) {
                if let Some(day) = d.need_day.filter(|&day| (day as usize) < days) {
                    market.needs_by_day[day as usize].push(index);
                }
                market
                    .pool
                    .add(d.fit, d.fit >= s.prospecting.high_fit_threshold);
                market.buyers.push(Buyer {
                    value,
                    need_day: d.need_day,
                });
                index += 1;
            }
        }
        drawer.join().expect("the account draws do not panic")
    });
    assert_eq!(market.buyers.len(), total, "the drawer sends every account");
    world.insert_resource(AccountStates(vec![AccountState::Dormant; total]));

    let mut roster = Roster::default();
    for role in Role::ALL {
        for _ in 0..s.team.headcount(role).max(0) {
            let person = Person {
                id: roster.next_id,
                role,
                skills: s.team.skills.get(role),
                // Hired long enough ago to be fully ramped.
                hired_day: -(s.team.ramp_days.ceil() as i64) - 1,
                transition: 0.0,
                hours_today: 0.0,
                worked_today: 0.0,
            };
            roster.next_id += 1;
            let e = world
                .spawn((person, Queue::default(), WeekHours::default()))
                .id();
            roster.join(e, role);
        }
    }

    world.insert_resource(market);
    world.insert_resource(roster);
    world.insert_resource(Rng(rng));
}

/// One account's draws: its value as the pair of uniforms its lognormal draws, turned into
/// a value by the spawning thread (a quarter of the drawing work, off the drawing thread).
#[derive(Debug, PartialEq)]
struct Drawn {
    fit: f64,
    value_uniforms: (f64, f64),
    need_day: Option<u32>,
}

/// Accounts drawn per hand-over from the drawing thread.
const CHUNK: usize = 4096;

/// Draws a segment's accounts: eight at a time where the processor and the segment allow
/// it (see [`lanes::draw_eight`]), else one by one.
struct SegmentDrawer<'a> {
    seg: &'a Segment,
    /// The fit's two Gamma shapes, where the accounts are drawn eight at a time.
    #[cfg(target_arch = "x86_64")]
    eight_at_a_time: Option<[dist::MarsagliaTsang; 2]>,
}

impl<'a> SegmentDrawer<'a> {
    fn new(seg: &'a Segment) -> Self {
        SegmentDrawer {
            seg,
            #[cfg(target_arch = "x86_64")]
            eight_at_a_time: lanes::suits(seg)
                .then(|| [seg.fit.alpha, seg.fit.beta].map(dist::MarsagliaTsang::new)),
        }
    }

    /// Draw the next accounts, at most `left`, into `chunk`; returns how many (at least one).
    fn draw(&self, rng: &mut SimRng, left: usize, chunk: &mut Vec<Drawn>) -> usize {
        #[cfg(target_arch = "x86_64")]
        if let Some(shapes) = self.eight_at_a_time.filter(|_| left >= dist::LANES) {
            // SAFETY: `suits` checked the processor has AVX-512F.
            let drawn = unsafe { lanes::draw_eight(rng, self.seg, shapes, chunk) };
            if drawn > 0 {
                return drawn;
            }
        }
        chunk.push(draw_account(rng, self.seg));
        1
    }
}

/// Draw one account of segment `seg`: fit, value, whether it has a need and its day, in
/// this order. Every draw is always made, so the stream does not depend on `need_share`.
fn draw_account(rng: &mut SimRng, seg: &Segment) -> Drawn {
    let (first, last) = seg.need_days;
    let fit = dist::beta(rng, seg.fit.alpha, seg.fit.beta);
    let value_uniforms = dist::normal_uniforms(rng);
    let has_need = rng.chance(seg.need_share);
    let day = first
        + if seg.need_weights.is_empty() {
            rng.below((last - first) as usize) as u32
        } else {
            weighted_day(rng, &seg.need_weights, last - first)
        };
    Drawn {
        fit,
        value_uniforms,
        need_day: has_need.then_some(day),
    }
}

/// Eight accounts' draws side by side, betting that each reads [`lanes::ACCOUNT_WORDS`]
/// words: both its Gamma draws accept their first candidate (about 97 % of accounts) and
/// its need day reads one word. Every lane then computes exactly what [`draw_account`] would
/// from the same words, so the bet changes no draw, only which accounts are drawn here.
#[cfg(target_arch = "x86_64")]
mod lanes {
    use std::arch::x86_64::__mmask8;

    use super::{Drawn, Segment, SimRng};
    use crate::model::dist::{self, LANES, MarsagliaTsang};
    use crate::model::libm8::{from_array, to_array};
    use crate::model::rng::{below_of_word, unit_of_words};

    /// Words of one account's draws when the bet holds: two Gamma tries of a normal (four
    /// words) and a uniform (two), the value's normal (four), the need chance (two) and
    /// the need day (one).
    pub(super) const ACCOUNT_WORDS: usize = 19;

    /// Whether `seg`'s accounts can be drawn here: AVX-512F, Gamma shapes of at least 1
    /// (smaller ones draw a further uniform), need days uniform over a range.
    pub(super) fn suits(seg: &Segment) -> bool {
        dist::lanes::available()
            && seg.fit.alpha >= 1.0
            && seg.fit.beta >= 1.0
            && seg.need_weights.is_empty()
            && seg.need_days.1 > seg.need_days.0
    }

    /// The next eight accounts of `seg` as [`super::draw_account`] draws them, up to the
    /// first whose draws do not read [`ACCOUNT_WORDS`] words: the accounts before it are
    /// pushed to `chunk` and their words read; returns how many (0 to 8).
    #[target_feature(enable = "avx512f")]
    pub(super) fn draw_eight(
        rng: &mut SimRng,
        seg: &Segment,
        [alpha, beta]: [MarsagliaTsang; 2],
        chunk: &mut Vec<Drawn>,
    ) -> usize {
        let words = rng.peek(LANES * ACCOUNT_WORDS);
        let (x, x_accepted) = gamma(words, alpha, 0);
        let (y, y_accepted) = gamma(words, beta, 6);
        let value_1 = uniforms(words, 12, true);
        let value_2 = uniforms(words, 14, false);
        let need = uniforms(words, 16, false);
        let (first, last) = seg.need_days;
        let mut drawn = 0;
        for lane in 0..LANES {
            let accepted = x_accepted & y_accepted & (1 << lane) != 0;
            let word = words[lane * ACCOUNT_WORDS + 18];
            let Some(day) = below_of_word(word, last - first).filter(|_| accepted) else {
                break;
            };
            chunk.push(Drawn {
                fit: dist::beta_of(x[lane], y[lane]),
                value_uniforms: (value_1[lane], value_2[lane]),
                need_day: (need[lane] < seg.need_share).then_some(first + day),
            });
            drawn += 1;
        }
        rng.skip(drawn * ACCOUNT_WORDS);
        drawn
    }

    /// Each lane's uniform at word `at` of its account, 1 − it where `flip`.
    #[inline]
    fn uniforms(words: &[u32], at: usize, flip: bool) -> [f64; LANES] {
        let mut lanes = [0.0; LANES];
        for (lane, u) in lanes.iter_mut().enumerate() {
            let w = lane * ACCOUNT_WORDS + at;
            let unit = unit_of_words(words[w], words[w + 1]);
            *u = if flip { 1.0 - unit } else { unit };
        }
        lanes
    }

    /// Each lane's Gamma(shape) try from its account's word `at` on: `normal_uniforms`
    /// (1 − unit, then unit), then the acceptance uniform (1 − unit).
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn gamma(words: &[u32], shape: MarsagliaTsang, at: usize) -> ([f64; LANES], __mmask8) {
        let u1 = from_array(&uniforms(words, at, true));
        let u2 = from_array(&uniforms(words, at + 2, false));
        let x = dist::lanes::box_muller(u1, u2);
        let u = from_array(&uniforms(words, at + 4, true));
        let (draws, accepted) = dist::lanes::gamma_tries(shape, x, u);
        (to_array(draws), accepted)
    }
}

/// Every resource that does not depend on the accounts and people spawned.
fn insert_resources(world: &mut World, s: &Arc<Scenario>) {
    let owners = s
        .split
        .owners()
        .expect("a validated scenario has an owner for every stage");
    world.insert_resource(Org {
        owners,
        split_name: s.split.name(),
        priority: s.work.priority,
        nurture: s.nurture.enabled,
        max_hours_per_item: s.work.max_hours_per_item_per_day,
        budget_per_week: s.costs.marketing_budget_per_week,
        levers: s.culture.levers,
        headcount: [s.team.sellers, s.team.marketers, s.team.sdrs],
        targeting: s.preparation.targeting_min,
        message: s.preparation.message_min,
        preparation_hours_today: [0.0; 3],
    });
    world.insert_resource(CultureState {
        indices: s.culture.initial,
        ..default()
    });
    world.insert_resource(MarketConditions {
        demand: 1.0,
        competitor_probability: s
            .segments
            .iter()
            .map(|g| g.competitor_probability)
            .collect(),
    });
    world.insert_resource(Params(s.clone()));
    world.init_resource::<Clock>();
    world.init_resource::<Unassigned>();
    world.init_resource::<Stalled>();
    world.init_resource::<NurtureBook>();
    world.init_resource::<Completions>();
    world.init_resource::<Engagements>();
    world.init_resource::<Births>();
    world.init_resource::<LeverQueue>();
    world.init_resource::<OppIds>();
    world.init_resource::<Closed>();
    world.init_resource::<Tally>();
}

/// A day of a `span`-day range whose 5-day weeks weigh `weights`: the week by one uniform
/// draw against the cumulated weights, the day within it uniformly.
fn weighted_day(rng: &mut SimRng, weights: &[f64], span: u32) -> u32 {
    let total: f64 = weights.iter().sum();
    let mut u = rng.unit() * total;
    // Rounding can leave u past the last weight: the last week that weighs anything.
    let mut week = weights.iter().rposition(|&w| w > 0.0).unwrap_or(0);
    for (w, &weight) in weights.iter().enumerate() {
        if u < weight {
            week = w;
            break;
        }
        u -= weight;
    }
    let start = week as u32 * 5;
    let len = 5.min(span - start);
    start + rng.below(len as usize) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` accounts of `seg` drawn by `SegmentDrawer` (eight at a time where this processor
    /// allows it), and the generator's next word after them.
    fn drawn_by_segment(seg: &Segment, seed: u64, n: usize) -> (Vec<Drawn>, f64) {
        let mut rng = SimRng::new(seed);
        let drawer = SegmentDrawer::new(seg);
        let mut out = Vec::new();
        let mut left = n;
        while left > 0 {
            left -= drawer.draw(&mut rng, left, &mut out);
        }
        (out, rng.unit())
    }

    #[test]
    fn accounts_drawn_eight_at_a_time_are_those_drawn_one_by_one() {
        let shapes = [(2.0, 3.0), (1.0, 1.0), (1.2, 9.0), (0.6, 2.0)];
        for (seed, (alpha, beta)) in (1..).zip(shapes) {
            let seg = Segment {
                fit: crate::scenario::Beta { alpha, beta },
                need_share: 0.4,
                need_days: (3, 250),
                ..Segment::default()
            };
            let n = 20_003;
            let mut rng = SimRng::new(seed);
            let one_by_one: Vec<Drawn> = (0..n).map(|_| draw_account(&mut rng, &seg)).collect();
            assert_eq!(drawn_by_segment(&seg, seed, n), (one_by_one, rng.unit()));
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn most_batches_of_eight_accounts_are_drawn_whole() {
        let seg = Segment::default();
        if !lanes::suits(&seg) {
            return;
        }
        let shapes = [seg.fit.alpha, seg.fit.beta].map(dist::MarsagliaTsang::new);
        let (mut rng, mut chunk) = (SimRng::new(5), Vec::new());
        let mut whole = 0;
        for _ in 0..1_000 {
            // SAFETY: `suits` checked the processor has AVX-512F.
            if unsafe { lanes::draw_eight(&mut rng, &seg, shapes, &mut chunk) } == 8 {
                whole += 1;
            } else {
                // The account the bet missed, as SegmentDrawer draws it.
                draw_account(&mut rng, &seg);
            }
        }
        // Both Gamma draws accept their first candidate for about 97 % of accounts.
        assert!(whole > 700, "{whole} of 1000");
    }

    #[test]
    fn weighted_days_follow_the_weeks_weights() {
        let mut rng = SimRng::new(7);
        // 12 days: weeks [0,5), [5,10), [10,12); the middle week weighs nothing.
        let weights = [1.0, 0.0, 3.0];
        let mut per_week = [0u32; 3];
        for _ in 0..40_000 {
            let d = weighted_day(&mut rng, &weights, 12);
            assert!(d < 12);
            per_week[(d / 5) as usize] += 1;
        }
        assert_eq!(per_week[1], 0);
        let ratio = f64::from(per_week[2]) / f64::from(per_week[0]);
        assert!((ratio - 3.0).abs() < 0.15, "ratio {ratio}");
    }
}

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
    // filing goes on. Chunks keep the hand-over cheap and the memory in flight small.
    let rng = std::thread::scope(|scope| {
        let (chunks, received) = std::sync::mpsc::sync_channel::<Vec<Drawn>>(2);
        let segments = &s.segments;
        let drawer = scope.spawn(move || {
            let mut rng = SimRng::new(seed);
            let mut chunk = Vec::with_capacity(CHUNK);
            for seg in segments {
                for _ in 0..seg.accounts.max(0) {
                    chunk.push(draw_account(&mut rng, seg));
                    if chunk.len() == CHUNK {
                        let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                        if chunks.send(full).is_err() {
                            return rng;
                        }
                    }
                }
            }
            // An error means this thread stopped receiving, i.e. it is unwinding.
            let _ = chunks.send(chunk);
            rng
        });
        for (index, d) in (0..total as u32).zip(received.into_iter().flatten()) {
            if let Some(day) = d.need_day.filter(|&day| (day as usize) < days) {
                market.needs_by_day[day as usize].push(index);
            }
            market
                .pool
                .add(d.fit, d.fit >= s.prospecting.high_fit_threshold);
            let seg = &s.segments[market.segment_of(index)];
            market.buyers.push(Buyer {
                value: dist::lognormal_of(d.value_uniforms, seg.value_median, seg.value_sigma),
                need_day: d.need_day,
            });
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
struct Drawn {
    fit: f64,
    value_uniforms: (f64, f64),
    need_day: Option<u32>,
}

/// Accounts drawn per hand-over from the drawing thread.
const CHUNK: usize = 4096;

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

//! Work (MODEL.md §9.1): the working day as a discrete-event clock. The person with the
//! earliest own clock (ties: lowest id) takes the next slice: the highest-priority item of
//! their queue that is ready, else a slice of upstream duty (prospecting, then nurture), else
//! they wait for the next item to become ready. A slice that finishes a phase draws its
//! outcome there (`super::outcome`), and what it leads to exists from the slice's end.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use bevy::ecs::entity::EntityHashMap;
use bevy::prelude::*;

use super::DaySet;
use super::market::Nursery;
use super::outcome::{Context, finish_phase};
use super::routing::Router;
use super::state::*;
use crate::model::calendar;
use crate::model::culture::effort;
use crate::model::market::{campaign_reach, engage_probability, touches};
use crate::model::people::learn;
use crate::model::stage::{Role, Stage};
use crate::scenario::{Priority, Skills};

/// Hours below this are rounding noise.
const EPS: f64 = 1e-9;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        super::SimDay,
        (work_day, settle_nurture).chain().in_set(DaySet::Work),
    );
}

/// Queue order: latest stage first, then oldest; `new_leads_first` puts items not yet touched
/// since they reached this person first (MODEL.md §9.7), each group in the same order.
fn priority_key(o: &Opportunity, priority: Priority) -> (u8, u8, u64) {
    let later_first = 255 - o.stage().map_or(0, |s| s.index() as u8);
    let group = match priority {
        Priority::LatestStageFirst => 0,
        Priority::NewLeadsFirst => u8::from(o.touched),
    };
    (group, later_first, o.id)
}

fn practise(skills: &mut Skills, stage: Stage, rate: f64, hours: f64, coaching: f64) {
    let skill = match stage {
        Stage::Qualification => &mut skills.qualify,
        Stage::Demonstration => &mut skills.demo,
        Stage::Negotiation => &mut skills.negotiate,
        Stage::Closing => &mut skills.close,
        _ => return,
    };
    *skill = learn(*skill, rate, hours, coaching);
}

/// One person's day: their own clock and what is left of their hours.
struct Turn {
    person: Entity,
    id: u32,
    role: Role,
    /// Hour of the day on their own clock, in `[0, H]`.
    clock: f64,
    /// Capacity not yet spent.
    left: f64,
    /// Prospecting hours still allowed today.
    prospecting_left: f64,
    /// Waiting for work since this hour of the day (None while busy).
    idle_since: Option<f64>,
    /// Their queue held nothing ready when they last looked, and nothing will be before this
    /// absolute hour unless an item is given to them (then it is −∞ until they look again):
    /// they need not scan the queue again before then.
    nothing_ready_until: f64,
    /// Hours worked today.
    worked: f64,
    /// Of which, by stage (added to the person's week at the day's end).
    by_stage: [f64; 7],
}

/// A person's next move in the day's heap, as one integer so that the heap compares cheaply:
/// their clock's bits (a non-negative `f64` orders like its bits), then their id (ties: the
/// lowest id moves first), then their place in the day's list of turns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Due(u128);

impl Due {
    fn new(at: f64, id: u32, turn: usize) -> Self {
        debug_assert!(at >= 0.0);
        Due(u128::from(at.to_bits()) << 64 | u128::from(id) << 32 | turn as u128)
    }

    /// The clock it was scheduled at.
    fn at(self) -> f64 {
        f64::from_bits((self.0 >> 64) as u64)
    }

    /// The turn it moves.
    fn turn(self) -> usize {
        (self.0 & u128::from(u32::MAX)) as usize
    }
}

/// What a person finds in their queue at `now`.
struct Pick {
    /// The item to work.
    item: Option<Entity>,
    /// Else the earliest hour (absolute) at which an item of theirs becomes ready.
    next_ready: f64,
}

/// The highest-priority ready item of `queue`, or when the next one will be ready.
fn pick(
    queue: &[Entity],
    nursery: &Nursery,
    opps: &Query<&mut Opportunity>,
    now: f64,
    today: u32,
    cap: f64,
    priority: Priority,
) -> Pick {
    let mut best: Option<((u8, u8, u64), Entity)> = None;
    let mut next_ready = f64::INFINITY;
    for &e in queue {
        let Some(o) = nursery.peek(opps, e) else {
            continue;
        };
        if o.stage().is_none() || o.work_left <= 0.0 || o.given_on(today) >= cap - EPS {
            continue;
        }
        if o.ready_hour > now + EPS {
            next_ready = next_ready.min(o.ready_hour);
            continue;
        }
        let key = priority_key(o, priority);
        if best.is_none_or(|(k, _)| key < k) {
            best = Some((key, e));
        }
    }
    Pick {
        item: best.map(|(_, e)| e),
        next_ready,
    }
}

/// A first touch by this person: the lead's response (its first touch by anyone), the
/// pickup after a handoff, and the buyer's wait they add up to (MODEL.md §9.2).
fn first_touch(o: &mut Opportunity, now: f64, router: &mut Router) {
    let before_qualified = o.stage().is_some_and(|s| s <= Stage::Qualification);
    if !o.answered {
        o.answered = true;
        let response = now - o.arrival_hour;
        router.tally.response(response);
        router.log_response(o, response);
        o.wait_hours += response;
    } else if o.awaiting_receiver && before_qualified {
        o.wait_hours += now - o.ready_hour;
    }
    if o.awaiting_receiver {
        o.awaiting_receiver = false;
        router.tally.handoff_response.push(now - o.ready_hour);
    }
    o.touched = true;
}

#[allow(clippy::too_many_arguments)]
pub(super) fn work_day(
    mut router: Router,
    clock: Res<Clock>,
    mut people: Query<(&mut Person, &mut WeekHours)>,
    mut opps: Query<&mut Opportunity>,
    mut nursery: Nursery,
    mut market: ResMut<Market>,
    mut nurture: ResMut<NurtureBook>,
    conditions: Res<MarketConditions>,
    mut touched: Local<Vec<(u32, u64)>>,
) {
    let s = router.scenario();
    let today = clock.today;
    let day_hours = s.team.hours_per_day;
    let day_start = f64::from(today) * day_hours;
    if calendar::is_week_start(today) {
        market.campaign_hours_last_week = std::mem::take(&mut market.campaign_hours_week);
    }
    let levers = router.org.levers.clone();
    let cap = levers.max_hours_per_item;
    let per_account_day = s.nurture.hours_per_account_day();
    let mut nurture_due = nurture.len() as f64 * per_account_day;
    let coaching = effort(levers.culture.coaching_hours_per_week, &s.culture.weights);
    let prospectors = levers.owners.of(Stage::Prospection);
    let nurture_role = levers.owners.nurture_role();
    let reach = campaign_reach(
        levers.budget_per_week,
        s.prospecting.budget_reference_per_week,
    );
    let (targeting, message) = (router.org.targeting, router.org.message);
    router.tally.touches_today = [0; 3];
    router.tally.outbound_today = 0;

    let mut turns = Vec::with_capacity(router.roster.all.len());
    let mut index = EntityHashMap::default();
    for &p in &router.roster.all {
        let Ok((person, _)) = people.get(p) else {
            continue;
        };
        let preparation = router.org.preparation_hours_today[person.role.index()];
        index.insert(p, turns.len());
        turns.push(Turn {
            person: p,
            id: person.id,
            role: person.role,
            clock: preparation.min(day_hours),
            left: person.hours_today,
            prospecting_left: if prospectors.includes(person.role) {
                s.prospecting.max_hours_per_day.get(person.role)
            } else {
                0.0
            },
            idle_since: None,
            nothing_ready_until: f64::NEG_INFINITY,
            worked: 0.0,
            by_stage: [0.0; 7],
        });
    }
    // Someone with nothing in their queue and no upstream duty waits from the start: only
    // an item given to them brings them into the day.
    let mut heap = BinaryHeap::with_capacity(turns.len());
    for (i, t) in turns.iter_mut().enumerate() {
        let queued = router.queues.get(t.person).is_ok_and(|q| !q.0.is_empty());
        let duty = t.prospecting_left > EPS || (t.role == nurture_role && nurture_due > EPS);
        if queued || duty {
            heap.push(Reverse(Due::new(t.clock, t.id, i)));
        } else {
            t.idle_since = Some(t.clock);
            t.clock = day_hours;
        }
    }
    router.assigned.0.clear();

    while let Some(Reverse(due)) = heap.pop() {
        let turn = due.turn();
        let t = &mut turns[turn];
        // An entry left behind when a waiting person was woken earlier.
        if due.at() != t.clock {
            continue;
        }
        t.idle_since = None;
        let hours_left = t.left.min(day_hours - t.clock);
        if hours_left <= EPS {
            continue;
        }
        let now = day_start + t.clock;
        let found = if now + EPS < t.nothing_ready_until {
            Pick {
                item: None,
                next_ready: t.nothing_ready_until,
            }
        } else {
            let queue = router.queues.get(t.person).map_or(&[][..], |q| &q.0[..]);
            pick(queue, &nursery, &opps, now, today, cap, levers.priority)
        };
        t.nothing_ready_until = if found.item.is_some() {
            f64::NEG_INFINITY
        } else {
            found.next_ready
        };
        let (slice, stage) = if let Some(e) = found.item {
            let o = nursery.opp(&mut opps, e).expect("picked from the queue");
            let stage = o.stage().expect("an open item");
            if !o.touched {
                first_touch(o, now, &mut router);
            }
            let early = now - o.ready_hour.max(o.arrival_hour);
            let tally = &mut router.tally;
            tally.min_touch_after_ready = tally.min_touch_after_ready.min(early);
            let h = o.work_left.min(cap - o.given_on(today)).min(hours_left);
            o.given_hours = o.given_on(today) + h;
            o.given_day = today;
            o.work_left -= h;
            o.last_active_day = today;
            let finished = o.work_left <= EPS;
            if finished {
                o.work_left = 0.0;
            }
            let Ok((mut person, _)) = people.get_mut(t.person) else {
                continue;
            };
            practise(
                &mut person.skills,
                stage,
                s.learning.rate_per_hour,
                h,
                coaching,
            );
            if t.role == Role::Sales && stage.is_selling() {
                router.tally.seller_selling += h;
            }
            if matches!(stage, Stage::Detection | Stage::Qualification) {
                router.culture.front_hours_week += h;
            }
            if levers.owners.of(stage).phases().len() > 1 {
                router.culture.joint_hours_week += h;
            }
            if finished {
                let skills = person.skills;
                let mut ctx = Context {
                    router: &mut router,
                    nurture: &mut nurture,
                    market: &market,
                    conditions: &conditions,
                };
                let o = nursery.opp(&mut opps, e).expect("picked from the queue");
                let end = finish_phase(&mut ctx, e, o, skills, now + h);
                let own = &mut person.culture;
                own.finished_week += 1;
                own.succeeded_week += u32::from(end.went_on);
                if let Some(won) = end.deal_ended {
                    own.judged_week += 1;
                    own.credited_week += u32::from(won);
                }
                if let Some((hander, accepted)) = end.handed
                    && let Ok((mut them, _)) = people.get_mut(hander)
                {
                    them.culture.judged_week += 1;
                    them.culture.credited_week += u32::from(accepted);
                }
            }
            (h, stage)
        } else if t.prospecting_left > EPS {
            let h = s.work.slice_hours.min(t.prospecting_left).min(hours_left);
            t.prospecting_left -= h;
            let role = t.role;
            let role_reach = if role == Role::Marketing { reach } else { 1.0 };
            let n = touches(h, s.prospecting.touches_per_hour.get(role), role_reach);
            let engage = s.prospecting.engage.get(role);
            touched.clear();
            let rng = &mut router.rng.0;
            market.pool.touch(
                rng,
                n,
                targeting,
                today + s.prospecting.cooldown_days,
                |fit| engage_probability(engage, fit, message),
                |idx, i| touched.push((idx, i)),
            );
            router.tally.touches_today[role.index()] += n;
            router.tally.outbound_today += touched.len() as u64;
            for &(idx, i) in touched.iter() {
                // Each engagement arrives at the end of its touch.
                let hour = now + h * (i + 1) as f64 / n as f64;
                let prospect = market.prospect(idx, s);
                nursery.engage(
                    &mut router,
                    &mut opps,
                    idx,
                    prospect,
                    Source::Outbound,
                    Some(role),
                    hour,
                );
            }
            if role == Role::Marketing {
                market.campaign_hours_week += h;
            }
            (h, Stage::Prospection)
        } else if t.role == nurture_role && nurture_due > EPS {
            let h = s.work.slice_hours.min(nurture_due).min(hours_left);
            nurture_due -= h;
            (h, Stage::Prospection)
        } else {
            // Nothing to do until an item of theirs is ready (or the day ends); an item
            // given to them meanwhile wakes them earlier (below).
            let t = &mut turns[turn];
            t.idle_since = Some(t.clock);
            t.clock = (found.next_ready - day_start).clamp(t.clock, day_hours);
            if t.clock < day_hours {
                heap.push(Reverse(Due::new(t.clock, t.id, turn)));
            }
            wake_receivers(&mut router, &index, &mut turns, &mut heap, day_start);
            continue;
        };
        let t = &mut turns[turn];
        t.clock += slice;
        t.left -= slice;
        t.worked += slice;
        let past = &mut router.tally.max_past_day_end;
        *past = past.max(t.clock - day_hours);
        t.by_stage[stage.index()] += slice;
        if t.clock < day_hours && t.left > EPS {
            heap.push(Reverse(Due::new(t.clock, t.id, turn)));
        }
        wake_receivers(&mut router, &index, &mut turns, &mut heap, day_start);
    }

    nurture.spare_hours = 0.0;
    for t in &turns {
        if let Ok((mut person, mut week)) = people.get_mut(t.person) {
            person.worked_today = t.worked;
            for (w, h) in week.0.iter_mut().zip(t.by_stage) {
                *w += h;
            }
            router.tally.max_overwork =
                router.tally.max_overwork.max(t.worked - person.hours_today);
        }
        router.tally.worked += t.worked;
        if t.role == Role::Sales {
            router.tally.seller_worked += t.worked;
        }
        // Capacity nobody could use today is tomorrow's room for new nurtured accounts.
        if t.role == nurture_role {
            nurture.spare_hours += t.left.max(0.0);
        }
    }
    nurture.unpaid_hours = nurture_due;
    nursery.spawn();
}

/// People just given an item look at their queue again; those waiting for work, if the item
/// is ready before they planned to look, move their clock back to its ready hour (never
/// before they started waiting).
fn wake_receivers(
    router: &mut Router,
    index: &EntityHashMap<usize>,
    turns: &mut [Turn],
    heap: &mut BinaryHeap<Reverse<Due>>,
    day_start: f64,
) {
    for (person, ready) in router.assigned.0.drain(..) {
        let Some(&i) = index.get(&person) else {
            continue;
        };
        let t = &mut turns[i];
        t.nothing_ready_until = f64::NEG_INFINITY;
        let Some(since) = t.idle_since else {
            continue;
        };
        let at = (ready - day_start).max(since);
        if at < t.clock {
            t.clock = at;
            heap.push(Reverse(Due::new(at, t.id, i)));
        }
    }
}

/// Nurture nobody could pay for today is not done: the newest nurtured accounts it would have
/// covered drop out, lost as cold.
pub(super) fn settle_nurture(
    mut router: Router,
    mut nurture: ResMut<NurtureBook>,
    mut opps: Query<&mut Opportunity>,
) {
    let per_account_day = router.params.0.nurture.hours_per_account_day();
    if nurture.unpaid_hours <= EPS || per_account_day <= 0.0 {
        return;
    }
    let s = router.scenario();
    let day_end = f64::from(router.clock.today + 1) * s.team.hours_per_day;
    let dropped = (nurture.unpaid_hours / per_account_day - EPS).ceil() as usize;
    for (_, e) in nurture.drop_newest(dropped) {
        if let Ok(mut o) = opps.get_mut(e) {
            router.close(e, &mut o, OppStatus::Lost(LostReason::Cold), false, day_end);
        }
    }
    nurture.unpaid_hours = 0.0;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skills_grow_only_on_their_stage() {
        let mut sk = Skills::default();
        practise(&mut sk, Stage::Demonstration, 0.01, 10.0, 0.0);
        assert!(sk.demo > 0.7 && sk.qualify == 0.7);
        practise(&mut sk, Stage::Detection, 0.01, 10.0, 0.0);
        assert_eq!(sk.qualify, 0.7);
    }

    #[test]
    fn the_earliest_clock_moves_first_then_the_lowest_id() {
        let mut heap: BinaryHeap<Reverse<Due>> =
            [(2.0, 0, 0), (1.0, 5, 1), (1.0, 3, 2), (0.25, 9, 3)]
                .into_iter()
                .map(|(at, id, turn)| Reverse(Due::new(at, id, turn)))
                .collect();
        let order: Vec<(f64, usize)> =
            std::iter::from_fn(|| heap.pop().map(|Reverse(d)| (d.at(), d.turn()))).collect();
        assert_eq!(order, [(0.25, 3), (1.0, 2), (1.0, 1), (2.0, 0)]);
    }
}

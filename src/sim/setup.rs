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
use crate::scenario::Scenario;

pub(super) fn populate(world: &mut World, s: Arc<Scenario>, seed: u64) {
    let mut rng = SimRng::new(seed);
    let days = s.days as usize;
    let mut market = Market {
        needs_by_day: vec![Vec::new(); days],
        ..default()
    };
    let mut high_fit = Vec::new();
    let mut accounts = Vec::new();
    for (g, seg) in s.segments.iter().enumerate() {
        let (first, last) = seg.need_days;
        for _ in 0..seg.accounts.max(0) {
            let index = accounts.len() as u32;
            let fit = dist::beta(&mut rng, seg.fit.alpha, seg.fit.beta);
            let value = dist::lognormal(&mut rng, seg.value_median, seg.value_sigma);
            // Both draws are always made so the stream does not depend on need_share.
            let has_need = rng.chance(seg.need_share);
            let day = first + rng.below((last - first) as usize) as u32;
            let need_day = has_need.then_some(day);
            if let Some(d) = need_day.filter(|d| (*d as usize) < days) {
                market.needs_by_day[d as usize].push(index);
            }
            high_fit.push(fit >= s.prospecting.high_fit_threshold);
            market.fit.push(fit);
            accounts.push(Account {
                index,
                segment: g as u16,
                fit,
                value,
                need_day,
                buying_window: seg.buying_window_days,
                autonomy: seg.autonomy,
            });
        }
    }
    market.accounts = world
        .spawn_batch(accounts.into_iter().map(|a| (a, AccountState::Dormant)))
        .collect();
    market.pool = TouchPool::new(high_fit);

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
    world.insert_resource(market);
    world.insert_resource(roster);
    world.insert_resource(Rng(rng));
    world.insert_resource(Params(s));
    world.init_resource::<Clock>();
    world.init_resource::<Unassigned>();
    world.init_resource::<NurtureBook>();
    world.init_resource::<Completions>();
    world.init_resource::<Engagements>();
    world.init_resource::<LeverQueue>();
    world.init_resource::<OppIds>();
    world.init_resource::<Tally>();
}

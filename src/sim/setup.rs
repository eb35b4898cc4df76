//! Populating the world from a scenario: accounts drawn per segment, the team, and the
//! resources every system reads.

use std::sync::Arc;

use bevy::prelude::*;

use super::kpi::Tally;
use super::state::*;
use crate::fast;
use crate::model::market::AccountLaw;
use crate::model::pool::TouchPool;
use crate::model::rng::SimRng;
use crate::model::stage::Role;
use crate::scenario::{LeverState, Scenario, Segment};

pub(super) fn populate(world: &mut World, s: Arc<Scenario>, seed: u64) {
    // Resources before entities: Bevy keeps each resource on an entity of its own, in a
    // sparse set sized by that entity's index, so resources created after thousands of
    // entities would each carry a large index. Market and roster are filled in once the
    // people are spawned.
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
    market.segment_ends = (0..s.segments.len())
        .scan(0, |end, g| {
            *end += s.accounts(g);
            Some(*end)
        })
        .collect();
    let total = market.segment_ends.last().map_or(0, |&end| end as usize);
    market.pool = TouchPool::with_capacity(total);
    market.buyers.reserve_exact(total);
    // The run's generator draws the accounts first, in index order, a chunk at a time (the
    // drawn accounts stay in cache while they are filed).
    let mut rng = world.resource_mut::<Rng>();
    let mut drawn = Vec::with_capacity(CHUNK);
    for (g, seg) in s.segments.iter().enumerate() {
        let law = account_law(seg);
        let mut left = s.accounts(g) as usize;
        while left > 0 {
            let n = left.min(CHUNK);
            drawn.clear();
            fast::draw_accounts(&mut rng.0, &law, n, &mut drawn);
            for d in &drawn {
                let index = market.buyers.len() as u32;
                if let Some(day) = d.need_day.filter(|&day| (day as usize) < days) {
                    market.needs_by_day[day as usize].push(index);
                }
                market
                    .pool
                    .add(d.fit, d.fit >= s.prospecting.high_fit_threshold);
                market.buyers.push(Buyer {
                    value: d.value,
                    need_day: d.need_day,
                });
            }
            left -= n;
        }
    }
    world.insert_resource(AccountStates(vec![AccountState::Dormant; total]));

    let mut roster = Roster::default();
    for role in Role::ALL {
        for _ in 0..s.headcount(role) {
            let person = Person {
                id: roster.next_id,
                role,
                skills: s.team.skills.get(role),
                // Hired long enough ago to be fully ramped.
                hired_day: -(s.team.ramp_days.ceil() as i64) - 1,
                transition: 0.0,
                hours_today: 0.0,
                worked_today: 0.0,
                culture: PersonCulture::new(&s.culture.initial),
            };
            let id = person.id;
            roster.next_id += 1;
            let e = world
                .spawn((person, Queue::default(), WeekHours::default()))
                .id();
            roster.join(e, role, id);
        }
    }

    world.insert_resource(market);
    world.insert_resource(roster);
}

/// Accounts drawn and filed at a time.
const CHUNK: usize = 4096;

/// How `seg`'s accounts are drawn.
fn account_law(seg: &Segment) -> AccountLaw<'_> {
    AccountLaw {
        fit_alpha: seg.fit.alpha,
        fit_beta: seg.fit.beta,
        value_median: seg.value_median,
        value_sigma: seg.value_sigma,
        need_share: seg.need_share,
        need_days: seg.need_days,
        need_weights: &seg.need_weights,
    }
}

/// Every resource that does not depend on the accounts and people spawned.
fn insert_resources(world: &mut World, s: &Arc<Scenario>) {
    world.insert_resource(Org {
        levers: LeverState::from_scenario(s),
        split_name: s.split.name(),
        targeting: s.preparation.targeting_min,
        message: s.preparation.message_min,
        preparation_hours_today: [0.0; 3],
        preparation_roles: [false; 3],
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
    world.init_resource::<Assigned>();
    world.init_resource::<Births>();
    world.init_resource::<LeverQueue>();
    world.init_resource::<OppIds>();
    world.init_resource::<Closed>();
    world.init_resource::<Tally>();
}

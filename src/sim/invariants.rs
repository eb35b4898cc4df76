//! The checks every run must pass (MODEL.md §7, last paragraph), as a function over a world
//! so that tests, the fuzz target and debug tools share them.

use bevy::prelude::*;

use super::kpi::{Tally, snapshot};
use super::state::*;

/// Every violated invariant of the world's simulation so far, in words (empty when sound).
pub fn check(world: &mut World) -> Vec<String> {
    let mut bad = Vec::new();
    let tally = world.resource::<Tally>().clone();
    let s = world.resource::<Params>().0.clone();

    // Every account is in exactly one state, and the states agree with the counters.
    let mut states = [0u64; 7];
    let account_states = &world.resource::<AccountStates>().0;
    for st in account_states {
        let i = match st {
            AccountState::Dormant => 0,
            AccountState::InMarket => 1,
            AccountState::Engaged => 2,
            AccountState::Nurtured => 3,
            AccountState::Won => 4,
            AccountState::Lost => 5,
            AccountState::Missed => 6,
        };
        states[i] += 1;
    }
    let accounts = s.total_accounts();
    if states.iter().sum::<u64>() != accounts {
        bad.push(format!(
            "{} account states for {accounts} accounts",
            states.iter().sum::<u64>()
        ));
    }
    if states[4] != tally.signed {
        bad.push(format!(
            "{} won accounts but {} signed contracts",
            states[4], tally.signed
        ));
    }
    if states[6] != tally.missed {
        bad.push(format!(
            "{} missed accounts but {} missed projects",
            states[6], tally.missed
        ));
    }

    // Out of the touch pool for good exactly when no longer a prospect (the inbound loop
    // reads the state for the pool's answer).
    let market = world.resource::<Market>();
    let disagreeing = (0..account_states.len() as u32)
        .filter(|&idx| {
            let prospect = matches!(
                account_states[idx as usize],
                AccountState::Dormant | AccountState::InMarket
            );
            market.pool.is_removed(idx) == prospect
        })
        .count();
    if disagreeing > 0 {
        bad.push(format!(
            "{disagreeing} accounts whose touch-pool removal disagrees with their state"
        ));
    }

    // Opportunities: engaged = open + won + lost + nurtured + released. Open and nurtured
    // ones are entities; ended ones live on as counts in the tally, their entities kept
    // for new opportunities to reuse.
    let (mut open, mut nurtured, mut ended) = (0u64, 0u64, 0u64);
    let mut q = world.query::<(Entity, &Opportunity)>();
    let opps: Vec<(Entity, Opportunity)> = q.iter(world).map(|(e, o)| (e, o.clone())).collect();
    for (_, o) in &opps {
        match o.status {
            OppStatus::Open(_) => open += 1,
            OppStatus::Nurture => nurtured += 1,
            OppStatus::Won | OppStatus::Lost(_) | OppStatus::Released => ended += 1,
        }
        if !(0.0..=1.0).contains(&o.info)
            || !(0.0..=1.0).contains(&o.relationship)
            || !o.work_left.is_finite()
        {
            bad.push(format!(
                "opportunity {} has info {}, relationship {}, work_left {}",
                o.id, o.info, o.relationship, o.work_left
            ));
        }
    }
    let lost: u64 = tally.lost.iter().sum();
    let closed = world.resource::<Closed>();
    let kept = closed.today.len() + closed.reusable.len();
    if ended != kept as u64 {
        bad.push(format!(
            "{ended} ended opportunities in the world but {kept} kept for reuse"
        ));
    }
    if open + nurtured + tally.signed + lost + tally.released != tally.engaged {
        bad.push(format!(
            "engaged {} ≠ open {open} + won {} + lost {lost} + nurtured {nurtured} + released {}",
            tally.engaged, tally.signed, tally.released
        ));
    }
    if states[5] != lost {
        bad.push(format!(
            "{} lost accounts but {lost} lost opportunities",
            states[5]
        ));
    }
    let book = world.resource::<NurtureBook>().len();
    if nurtured as usize != book || states[3] != nurtured {
        bad.push(format!(
            "{nurtured} nurtured opportunities, {} nurtured accounts, {book} in the book",
            states[3]
        ));
    }
    if states[2] != open {
        bad.push(format!(
            "{} engaged accounts but {open} open opportunities",
            states[2]
        ));
    }

    // Every open opportunity is in exactly one queue, with its assignee (or waiting).
    let mut seen = std::collections::HashMap::new();
    let roster: Vec<Entity> = world.resource::<Roster>().all.clone();
    for p in &roster {
        if let Some(queue) = world.get::<Queue>(*p) {
            for e in &queue.0 {
                *seen.entry(*e).or_insert(0) += 1;
                if world
                    .get::<Opportunity>(*e)
                    .is_some_and(|o| o.assignee != Some(*p))
                {
                    bad.push(format!("an item in {p:?}'s queue is assigned elsewhere"));
                }
            }
        }
    }
    let roster = world.resource::<Roster>();
    for (people, loads) in roster.by_role.iter().zip(&roster.loads) {
        for (p, load) in people.iter().zip(loads.counts()) {
            let len = world.get::<Queue>(*p).map_or(0, |q| q.0.len());
            if len != load as usize {
                bad.push(format!("{p:?} has {len} items queued but a load of {load}"));
            }
        }
    }
    for list in &world.resource::<Unassigned>().0 {
        for e in list {
            *seen.entry(*e).or_insert(0) += 1;
        }
    }
    for e in &world.resource::<Stalled>().0 {
        *seen.entry(*e).or_insert(0) += 1;
    }
    let entities: std::collections::HashSet<Entity> = opps.iter().map(|(e, _)| *e).collect();
    let strays = seen.keys().filter(|e| !entities.contains(*e)).count();
    if strays > 0 {
        bad.push(format!("{strays} queued entities are not opportunities"));
    }
    for (e, o) in &opps {
        let n = seen.get(e).copied().unwrap_or(0);
        let expected = usize::from(o.stage().is_some());
        if n != expected {
            bad.push(format!(
                "opportunity {} ({:?}) is in {n} queues",
                o.id, o.status
            ));
        }
    }

    // Hours worked never exceed hours available.
    if tally.max_overwork > 1e-9 || tally.worked > tally.available + 1e-6 {
        bad.push(format!(
            "worked {} of {} available hours (worst day over by {})",
            tally.worked, tally.available, tally.max_overwork
        ));
    }

    // The day's clock (MODEL.md §9.5): slices inside the day, no touch before arrival.
    if tally.max_past_day_end > 1e-9 {
        bad.push(format!(
            "a slice ended {} hours after the working day",
            tally.max_past_day_end
        ));
    }
    if tally.min_touch_after_ready < -1e-9 {
        bad.push(format!(
            "an item was touched {} hours before it was there",
            -tally.min_touch_after_ready
        ));
    }

    // Little's law as bookkeeping: Σ open items over days = Σ days in pipeline.
    let censored: u64 = opps
        .iter()
        .filter(|(_, o)| o.stage().is_some())
        .map(|(_, o)| u64::from(o.open_days))
        .sum();
    if tally.open_item_days != tally.exit_open_days + censored {
        bad.push(format!(
            "open item-days {} ≠ days of exited items {} + days of open items {censored}",
            tally.open_item_days, tally.exit_open_days
        ));
    }

    // No NaN or infinity anywhere in the KPIs.
    let values = snapshot(&tally, &s, world.resource::<CultureState>());
    for (row, vals) in tally
        .weekly
        .iter()
        .chain(std::iter::once(&values))
        .enumerate()
    {
        if let Some(k) = crate::kpi::Kpi::ALL
            .into_iter()
            .find(|&k| !vals[k].is_finite())
        {
            bad.push(format!("KPI {} is {} (row {row})", k.name(), vals[k]));
        }
    }
    bad
}

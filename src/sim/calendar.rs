//! The calendar (MODEL.md §4.1): advance the day, apply lever changes (scripted events and
//! players' decisions alike), and at each quarter start review the quota and run the
//! joint preparation (§5.1).

use bevy::prelude::*;

use super::DaySet;
use super::routing::Router;
use super::state::*;
use crate::model::culture::{reorganisation_shock, shock_hit, transition_penalty};
use crate::model::market::{lerp, preparation_quality};
use crate::model::stage::{Role, Stage};
use crate::scenario::{EventChange, Kind, Split, Value};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        super::SimDay,
        (advance, apply_levers, quarter_start)
            .chain()
            .in_set(DaySet::Calendar),
    );
}

fn advance(mut clock: ResMut<Clock>) {
    clock.today = clock.days_done;
}

/// Today's scripted events, then the levers players queued, in order.
fn apply_levers(
    mut router: Router,
    mut queued: ResMut<LeverQueue>,
    mut people: Query<&mut Person>,
    mut opps: Query<&mut Opportunity>,
    mut conditions: ResMut<MarketConditions>,
    mut commands: Commands,
) {
    let today = router.clock.today;
    let scripted: Vec<EventChange> = router
        .params
        .0
        .events
        .iter()
        .filter(|e| e.day == today)
        .map(|e| e.lever.clone())
        .collect();
    for change in scripted.into_iter().chain(queued.0.drain(..)) {
        apply(
            &mut router,
            change,
            &mut people,
            &mut opps,
            &mut conditions,
            &mut commands,
        );
    }
}

/// One change. A split and a headcount act on people and items here; every other lever
/// only moves its value, which the systems that use it read.
fn apply(
    router: &mut Router,
    change: EventChange,
    people: &mut Query<&mut Person>,
    opps: &mut Query<&mut Opportunity>,
    conditions: &mut MarketConditions,
    commands: &mut Commands,
) {
    match change {
        EventChange::Set(setting) => match (setting.value(), setting.lever().spec().kind) {
            (Value::Split(split), _) => reorganise(router, split, people, opps),
            (Value::Count(n), Kind::Count(role)) => set_headcount(router, role, *n, opps, commands),
            // Validated settings only: a split without owner never reaches the day.
            _ => router.org.levers.set(&setting).unwrap_or_default(),
        },
        EventChange::Demand(d) => conditions.demand = d,
        EventChange::Competition(segment, p) => {
            if let Some(c) = conditions.competitor_probability.get_mut(segment) {
                *c = p;
            }
        }
        EventChange::BestLeaves(role) => best_leaves(router, role, people, opps, commands),
    }
}

/// The most skilled person of `role` leaves (ties: the earliest hire) and is replaced after
/// the hiring delay, like any departure.
fn best_leaves(
    router: &mut Router,
    role: Role,
    people: &Query<&mut Person>,
    opps: &mut Query<&mut Opportunity>,
    commands: &mut Commands,
) {
    let best = router.roster.by_role[role.index()]
        .iter()
        .filter_map(|&e| people.get(e).ok().map(|p| (e, p.skills.mean(), p.id)))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.2.cmp(&a.2)));
    let Some((e, _, _)) = best else { return };
    super::people::depart(router, e, opps, commands);
    router.tally.attrition += 1;
    let back = router.clock.today + 1 + router.params.0.team.hiring_delay_days;
    router.roster.pending_hires.push((back, role));
}

/// A new split: people whose duties change take a transition penalty, culture takes the
/// shock (softened by change support), and open items whose owner changed are handed over.
fn reorganise(
    router: &mut Router,
    split: &Split,
    people: &mut Query<&mut Person>,
    opps: &mut Query<&mut Opportunity>,
) {
    let Some(new) = split.owners() else { return };
    let old = router.org.levers.owners;
    if old == new {
        return;
    }
    router.org.levers.owners = new;
    router.org.split_name = split.name();
    let s = router.scenario();
    let support = router.org.levers.culture.change_support;
    let projection = router.culture.indices.future_projection;
    for &p in &router.roster.all {
        if let Ok(mut person) = people.get_mut(p)
            && old.duties(person.role) != new.duties(person.role)
        {
            person.transition =
                person
                    .transition
                    .max(transition_penalty(s.change.disruption, support, projection));
        }
    }
    if !s.culture.frozen {
        router.culture.indices =
            reorganisation_shock(&router.culture.indices, s.change.shock, support);
        let hit = shock_hit(s.change.shock, support);
        for &p in &router.roster.all {
            if let Ok(mut person) = people.get_mut(p) {
                let own = &mut person.culture;
                own.engagement = (own.engagement - hit).clamp(0.0, 1.0);
            }
        }
    }
    let hour = f64::from(router.clock.today) * s.team.hours_per_day;
    let mut items = Vec::new();
    router.open_items(&mut items);
    for e in items {
        let Ok(mut o) = opps.get_mut(e) else { continue };
        let Some(stage) = o.stage() else { continue };
        let phase = o.phase.min(new.of(stage).phases().len() - 1);
        if new.role_at(stage, phase) != o.role {
            let from = o.role;
            let ready = o.ready_hour.max(hour);
            router.enter(e, &mut o, stage, phase, Some(from), hour, ready, true);
        } else {
            o.phase = phase;
        }
    }
}

fn set_headcount(
    router: &mut Router,
    role: Role,
    n: i64,
    opps: &mut Query<&mut Opportunity>,
    commands: &mut Commands,
) {
    let n = n.max(0);
    router.org.levers.headcount[role.index()] = n;
    let active = router.roster.by_role[role.index()].len() as i64;
    if active > n {
        // The most recent hires leave first.
        let leaving: Vec<Entity> = router.roster.by_role[role.index()]
            .iter()
            .rev()
            .take((active - n) as usize)
            .copied()
            .collect();
        for p in leaving {
            super::people::depart(router, p, opps, commands);
        }
    }
    let today = router.clock.today;
    for _ in active..n {
        router.roster.pending_hires.push((today, role));
    }
}

/// At each quarter start: close the last quarter's quota review, then prepare the next one.
fn quarter_start(
    mut org: ResMut<Org>,
    mut culture: ResMut<CultureState>,
    params: Res<Params>,
    clock: Res<Clock>,
    roster: Res<Roster>,
) {
    let s = &params.0;
    if !clock.today.is_multiple_of(s.quarter_days) {
        org.preparation_hours_today = [0.0; 3];
        return;
    }
    if clock.today > 0 {
        let quarter_quota = super::kpi::quota_for(s, s.quarter_days);
        culture.shortfall = (1.0 - culture.quarter_bookings / quarter_quota).clamp(0.0, 1.0);
    }
    culture.quarter_bookings = 0.0;
    let owner = org.levers.owners.of(Stage::Preparation);
    let hours = org.levers.culture.joint_preparation_hours;
    let mut taking_part = [false; 3];
    for role in Role::ALL {
        taking_part[role.index()] =
            owner.includes(role) && !roster.by_role[role.index()].is_empty();
        org.preparation_hours_today[role.index()] = if taking_part[role.index()] {
            hours
        } else {
            0.0
        };
    }
    org.preparation_roles = taking_part;
    let both = taking_part[Role::Sales.index()] && taking_part[Role::Marketing.index()];
    let q = if taking_part.iter().any(|t| *t) {
        preparation_quality(
            hours,
            s.preparation.saturation_hours,
            both,
            s.preparation.single_role_factor,
        )
    } else {
        0.0
    };
    culture.preparation_quality = q;
    org.targeting = lerp(s.preparation.targeting_min, s.preparation.targeting_max, q);
    org.message = lerp(s.preparation.message_min, s.preparation.message_max, q);
}

//! People: hiring, waiting items finding someone, daily capacity (MODEL.md §4.3), ramp-up,
//! the decay of transition stress, and attrition with replacement (§6).

use bevy::prelude::*;

use super::DaySet;
use super::routing::Router;
use super::state::*;
use crate::model::calendar;
use crate::model::capacity::{daily_hours, ramp, transition_decay};
use crate::model::culture::effort;
use crate::model::people::attrition_hazard;
use crate::model::stage::Role;
use crate::scenario::Skills;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        super::SimDay,
        (hire_due, assign_waiting, capacity)
            .chain()
            .in_set(DaySet::Capacity),
    );
    app.add_systems(
        super::SimDay,
        attrition
            .in_set(DaySet::Culture)
            .after(super::culture::weekly_culture),
    );
}

/// Hires whose first day is today join, while their role is below its target headcount.
fn hire_due(world: &mut World) {
    let today = world.resource::<Clock>().today;
    let s = world.resource::<Params>().0.clone();
    let target = world.resource::<Org>().levers.headcount;
    let due: Vec<Role> = {
        let mut roster = world.resource_mut::<Roster>();
        let (now, later): (Vec<_>, Vec<_>) = roster
            .pending_hires
            .drain(..)
            .partition(|(d, _)| *d <= today);
        roster.pending_hires = later;
        now.into_iter().map(|(_, r)| r).collect()
    };
    for role in due {
        let (id, active) = {
            let roster = world.resource::<Roster>();
            (roster.next_id, roster.by_role[role.index()].len() as i64)
        };
        if active >= target[role.index()] {
            continue;
        }
        let k = s.team.new_hire_skill;
        let person = Person {
            id,
            role,
            skills: Skills {
                qualify: k,
                demo: k,
                negotiate: k,
                close: k,
            },
            hired_day: i64::from(today),
            transition: 0.0,
            hours_today: 0.0,
            worked_today: 0.0,
            culture: PersonCulture::new(&s.culture.initial),
        };
        let e = world
            .spawn((person, Queue::default(), WeekHours::default()))
            .id();
        let mut roster = world.resource_mut::<Roster>();
        roster.next_id += 1;
        roster.join(e, role, id);
    }
}

/// Items parked while their role had nobody go to the least-loaded person of the role.
fn assign_waiting(mut router: Router, mut opps: Query<&mut Opportunity>) {
    for role in Role::ALL {
        if router.roster.by_role[role.index()].is_empty()
            || router.unassigned.0[role.index()].is_empty()
        {
            continue;
        }
        let waiting = std::mem::take(&mut router.unassigned.0[role.index()]);
        for e in waiting {
            if let Ok(mut o) = opps.get_mut(e) {
                router.assign(e, &mut o);
            }
        }
    }
}

/// Each person's hours today; transition stress decays; the week's timesheet resets on Mondays.
fn capacity(
    params: Res<Params>,
    clock: Res<Clock>,
    org: Res<Org>,
    roster: Res<Roster>,
    mut people: Query<(&mut Person, &mut WeekHours)>,
    mut tally: ResMut<super::kpi::Tally>,
) {
    let s = &params.0;
    let l = &org.levers.culture;
    let overhead = calendar::per_day(l.coaching_hours_per_week + l.training_hours_per_week);
    let coaching = effort(l.coaching_hours_per_week, &s.culture.weights);
    let decay = transition_decay(
        s.change.transition_half_life_days,
        s.change.coaching_speedup,
        coaching,
    );
    for &p in &roster.all {
        let Ok((mut person, mut week)) = people.get_mut(p) else {
            continue;
        };
        if calendar::is_week_start(clock.today) {
            week.0 = [0.0; 7];
        }
        let tenure = (i64::from(clock.today) - person.hired_day) as f64;
        let r = ramp(tenure, s.team.ramp_days, s.team.ramp_start);
        let preparation = org.preparation_hours_today[person.role.index()];
        let hours = daily_hours(
            s.team.hours_per_day,
            person.culture.engagement,
            r,
            person.transition,
            overhead,
        );
        // Preparation comes out of the day's hours and counts as worked.
        let prep = preparation.min(hours);
        person.hours_today = hours - prep;
        person.worked_today = 0.0;
        week.0[0] += prep;
        tally.available += hours;
        tally.worked += prep;
        if person.role == Role::Sales {
            tally.seller_available += hours;
            tally.seller_worked += prep;
        }
        person.transition *= decay;
    }
}

/// Someone leaves: out of the roster, their items go to the least-loaded colleague of the
/// same role (or wait), and the entity is despawned.
pub(super) fn depart(
    router: &mut Router,
    p: Entity,
    opps: &mut Query<&mut Opportunity>,
    commands: &mut Commands,
) {
    let items = router
        .queues
        .get_mut(p)
        .map(|mut q| std::mem::take(&mut q.0))
        .unwrap_or_default();
    router.roster.leave(p);
    for e in items {
        if let Ok(mut o) = opps.get_mut(e) {
            o.assignee = None;
            router.assign(e, &mut o);
        }
    }
    commands.entity(p).despawn();
}

/// Daily departures (each person's hazard from their own valorization and the team's
/// projection into the future); each is replaced after the hiring delay.
fn attrition(
    mut router: Router,
    people: Query<&Person>,
    mut opps: Query<&mut Opportunity>,
    mut commands: Commands,
) {
    let s = router.scenario();
    if s.attrition.annual_rate <= 0.0 {
        return;
    }
    let projection = router.culture.indices.future_projection;
    let today = router.clock.today;
    for p in router.roster.all.clone() {
        let Ok(person) = people.get(p) else {
            continue;
        };
        let hazard = attrition_hazard(
            s.attrition.annual_rate,
            f64::from(s.fiscal_year_days),
            s.attrition.sensitivity,
            person.culture.valorization,
            projection,
        );
        if !router.rng.0.chance(hazard) {
            continue;
        }
        let role = person.role;
        depart(&mut router, p, &mut opps, &mut commands);
        router.tally.attrition += 1;
        router
            .roster
            .pending_hires
            .push((today + 1 + s.team.hiring_delay_days, role));
    }
}

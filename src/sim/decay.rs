//! Waiting (MODEL.md §4.6, §9.2–9.3): an open item nobody worked today may be lost. Ready and
//! waiting for us, it faces its stage's idle hazard (unanswered before its first touch, cold
//! after) and its relationship fades; waiting on the buyer, it faces the stage's stall hazard
//! (no decision). The day it arrived or became ready, it faces neither.

use bevy::prelude::*;

use super::DaySet;
use super::routing::Router;
use super::state::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(super::SimDay, idle_decay.in_set(DaySet::IdleDecay));
}

/// Hours below this are rounding noise.
const EPS: f64 = 1e-9;

fn idle_decay(
    mut router: Router,
    mut opps: Query<&mut Opportunity>,
    mut items: Local<Vec<Entity>>,
) {
    let s = router.scenario();
    let today = router.clock.today;
    let day_start = f64::from(today) * s.team.hours_per_day;
    let day_end = day_start + s.team.hours_per_day;
    router.open_items(&mut items);
    for &e in items.iter() {
        let Ok(mut o) = opps.get_mut(e) else { continue };
        let Some(stage) = o.stage() else { continue };
        if o.last_active_day >= today {
            continue;
        }
        if o.ready_hour >= day_end - EPS {
            // The buyer is the one to act.
            if router.rng.0.chance(s.outcomes.stall_hazard.get(stage)) {
                let lost = OppStatus::Lost(LostReason::NoDecision);
                router.close(e, &mut o, lost, false, day_end);
            }
            continue;
        }
        if o.ready_hour > day_start + EPS {
            continue;
        }
        if router.rng.0.chance(s.outcomes.idle_hazard.get(stage)) {
            let reason = if !o.answered {
                LostReason::Unanswered
            } else if o.competitor {
                LostReason::Competitor
            } else {
                LostReason::Cold
            };
            router.close(e, &mut o, OppStatus::Lost(reason), true, day_end);
        } else {
            o.relationship *= s.outcomes.relationship_decay;
        }
    }
}

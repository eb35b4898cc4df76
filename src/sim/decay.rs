//! Idle decay (MODEL.md §4.6): an open item nobody touched today may go cold (or to the
//! competitor already in the deal); its relationship fades.

use bevy::prelude::*;

use super::DaySet;
use super::routing::Router;
use super::state::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(super::SimDay, idle_decay.in_set(DaySet::IdleDecay));
}

fn idle_decay(
    mut router: Router,
    mut opps: Query<&mut Opportunity>,
    mut items: Local<Vec<Entity>>,
) {
    let s = router.scenario();
    let today = router.clock.today;
    router.open_items(&mut items);
    for &e in items.iter() {
        let Ok(mut o) = opps.get_mut(e) else { continue };
        let Some(stage) = o.stage() else { continue };
        if o.last_active_day >= today {
            continue;
        }
        if router.rng.0.chance(s.outcomes.idle_hazard.get(stage)) {
            let reason = if o.competitor {
                LostReason::Competitor
            } else {
                LostReason::Cold
            };
            router.close(e, &mut o, OppStatus::Lost(reason), true);
        } else {
            o.relationship *= s.outcomes.relationship_decay;
        }
    }
}

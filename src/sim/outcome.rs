//! Stage outcomes (MODEL.md §4.5, §5.3–5.7): every phase finished today, in the order it
//! finished, draws its result; success moves the item on (a handoff if the owner changes),
//! failure loses it.

use bevy::prelude::*;

use super::DaySet;
use super::market::count_project;
use super::routing::Router;
use super::state::*;
use crate::model::outcome::{closing_success, demo_success, discount, negotiation_success};
use crate::model::qualification::{acceptance_probability, accuracy, lead_decay, shared_accuracy};
use crate::model::stage::Stage;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(super::SimDay, resolve.in_set(DaySet::StageOutcome));
}

/// What a finished stage leads to.
enum Step {
    Advance,
    Nurture,
    Won,
    Lose(LostReason),
}

fn resolve(
    mut router: Router,
    mut done: ResMut<Completions>,
    mut nurture: ResMut<NurtureBook>,
    people: Query<&Person>,
    mut opps: Query<&mut Opportunity>,
    market: Res<Market>,
    conditions: Res<MarketConditions>,
) {
    let s = router.scenario();
    let today = router.clock.today;
    let per_account_day = s.nurture.hours_per_account_day();
    // Drained, not taken: the list keeps its room for tomorrow's completions.
    for (e, hour) in done.0.drain(..) {
        let Ok(mut o) = opps.get_mut(e) else { continue };
        let Some(stage) = o.stage() else { continue };
        let role = o.role;
        let skills = o
            .assignee
            .and_then(|p| people.get(p).ok())
            .map_or(s.team.skills.get(role), |p| p.skills);
        let ci = router.culture.indices;
        // A Shared stage: marketing's phase ends with an internal handoff to sales.
        if o.phase + 1 < router.org.levers.owners.of(stage).phases().len() {
            if stage == Stage::Qualification {
                o.marketing_accuracy = Some(accuracy(
                    skills.qualify,
                    o.after_handoff,
                    ci.common_language,
                ));
            }
            let next_phase = o.phase + 1;
            router.enter(e, &mut o, stage, next_phase, Some(role), hour, true);
            continue;
        }
        let segment_index = market.segment_of(o.account_index);
        let segment = &s.segments[segment_index];
        let rng = &mut router.rng.0;
        let step = match stage {
            Stage::Detection => {
                // An inbound buyer's need has emerged (it was in the market), and a need is
                // only ever cancelled as it emerges: no need to read the account's column.
                if o.source == Source::Inbound
                    || market.buyers[o.account_index as usize]
                        .need_day
                        .is_some_and(|d| d <= today)
                {
                    o.detected_day = Some(today);
                    count_project(&mut router, o.source);
                    Step::Advance
                } else if router.org.levers.nurture && nurture.spare_hours + 1e-9 >= per_account_day
                {
                    nurture.spare_hours -= per_account_day;
                    Step::Nurture
                } else {
                    Step::Lose(LostReason::Cold)
                }
            }
            Stage::Qualification => {
                let own = accuracy(
                    skills.qualify,
                    o.after_handoff || o.marketing_accuracy.is_some(),
                    ci.common_language,
                );
                let acc = match o.marketing_accuracy {
                    Some(m) => shared_accuracy(m, own, s.outcomes.shared_accuracy_cap),
                    None => own,
                };
                // A bad lead's odds do not depend on its wait: its decay (a `pow`) is skipped.
                let decay = if o.good {
                    lead_decay(
                        o.lead_delay,
                        s.lead_decay.half_life_hours,
                        s.lead_decay.floor,
                    )
                } else {
                    1.0
                };
                let handed = o.after_handoff || o.marketing_accuracy.is_some();
                let accepted = rng.chance(acceptance_probability(o.good, acc, decay));
                if handed {
                    router.culture.handed_qualifications_week += 1;
                    router.culture.handed_rejections_week += u32::from(!accepted);
                }
                if accepted {
                    router.tally.transmissible += 1;
                    Step::Advance
                } else {
                    Step::Lose(LostReason::Disqualified)
                }
            }
            Stage::Demonstration => {
                let o_ = &*o;
                let p = demo_success(
                    s.outcomes.p_demo,
                    skills.demo,
                    o_.good,
                    s.outcomes.bad_lead_factor,
                    o_.info,
                    o_.relationship,
                );
                if rng.chance(p) {
                    o.competitor = rng.chance(conditions.competitor_probability[segment_index]);
                    Step::Advance
                } else {
                    Step::Lose(LostReason::NoDecision)
                }
            }
            Stage::Negotiation => {
                if rng.chance(negotiation_success(
                    s.outcomes.p_neg,
                    skills.negotiate,
                    o.competitor,
                    segment.competitor_strength,
                )) {
                    o.discount = discount(s.outcomes.max_discount, skills.negotiate);
                    Step::Advance
                } else {
                    Step::Lose(lost_to(&o))
                }
            }
            Stage::Closing => {
                if rng.chance(closing_success(s.outcomes.p_close, skills.close)) {
                    Step::Won
                } else {
                    Step::Lose(lost_to(&o))
                }
            }
            Stage::Preparation | Stage::Prospection => continue,
        };
        match step {
            Step::Advance => {
                if stage == Stage::Detection {
                    o.pace = router.draw_pace();
                }
                let next = stage.next().expect("Closing never advances");
                router.enter(e, &mut o, next, 0, Some(role), hour, true);
                if stage == Stage::Detection && o.stage() == Some(Stage::Qualification) {
                    router.maybe_stall(e, &mut o);
                }
            }
            Step::Nurture => {
                router.close(e, &mut o, OppStatus::Nurture, false);
                nurture.add(o.account_index, e);
            }
            Step::Won => router.close(e, &mut o, OppStatus::Won, false),
            Step::Lose(reason) => router.close(e, &mut o, OppStatus::Lost(reason), false),
        }
    }
}

/// A deal lost late goes to the competitor if one is in it.
fn lost_to(o: &Opportunity) -> LostReason {
    if o.competitor {
        LostReason::Competitor
    } else {
        LostReason::NoDecision
    }
}

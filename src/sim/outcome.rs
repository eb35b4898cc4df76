//! Stage outcomes (MODEL.md §5.3–5.7, §9.3): the slice that finishes a phase draws its
//! result; success moves the item on from the slice's end (a handoff if the owner changes,
//! after the buyer's delay before the next stage), failure loses it.

use bevy::prelude::*;

use super::routing::Router;
use super::state::*;
use crate::model::outcome::{closing_success, demo_success, discount, negotiation_success};
use crate::model::qualification::{acceptance_probability, accuracy, lead_decay, shared_accuracy};
use crate::model::stage::Stage;
use crate::scenario::Skills;

/// What a finished stage leads to.
enum Step {
    Advance,
    Nurture,
    Won,
    Lose(LostReason),
}

/// What drawing an outcome reads and moves.
pub(super) struct Context<'a, 'w, 's> {
    /// Moves items between stages and people.
    pub router: &'a mut Router<'w, 's>,
    /// The nurture book (a detection with no project may go there).
    pub nurture: &'a mut NurtureBook,
    /// The accounts (segment, need).
    pub market: &'a Market,
    /// Competition by segment.
    pub conditions: &'a MarketConditions,
}

/// What a finished phase meant for the people around it (MODEL.md §9.4).
#[derive(Debug, Default)]
pub(super) struct Finished {
    /// It went on (next stage or phase, nurture) or won.
    pub went_on: bool,
    /// A deal ended at a selling stage: won or not.
    pub deal_ended: Option<bool>,
    /// A handed-over lead was judged at qualification: who handed it, and whether it was
    /// accepted.
    pub handed: Option<(Entity, bool)>,
}

/// The phase of `o` worked by someone with `skills` ended at absolute working hour `hour`:
/// draw its outcome and move it on from that hour (MODEL.md §5, §9.3).
pub(super) fn finish_phase(
    ctx: &mut Context,
    e: Entity,
    o: &mut Opportunity,
    skills: Skills,
    hour: f64,
) -> Finished {
    let mut finished = Finished::default();
    let router = &mut *ctx.router;
    let (market, conditions, nurture) = (ctx.market, ctx.conditions, &mut *ctx.nurture);
    let s = router.scenario();
    let today = router.clock.today;
    let per_account_day = s.nurture.hours_per_account_day();
    let Some(stage) = o.stage() else {
        return finished;
    };
    let role = o.role;
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
        router.enter(e, o, stage, next_phase, Some(role), hour, hour, true);
        finished.went_on = true;
        return finished;
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
                router.detect(o, hour);
                Step::Advance
            } else if router.org.levers.nurture && nurture.spare_hours + 1e-9 >= per_account_day {
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
                    o.wait_hours,
                    s.lead_decay.half_life_hours,
                    s.lead_decay.floor,
                )
            } else {
                1.0
            };
            let accepted = rng.chance(acceptance_probability(o.good, acc, decay));
            if o.marketing_lead {
                router.culture.marketing_leads_week += 1;
                router.culture.marketing_leads_failed_week += u32::from(!accepted);
            }
            finished.handed = o.handed_by.map(|p| (p, accepted));
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
                Step::Lose(lost_to(o))
            }
        }
        Stage::Closing => {
            if rng.chance(closing_success(s.outcomes.p_close, skills.close)) {
                Step::Won
            } else {
                Step::Lose(lost_to(o))
            }
        }
        Stage::Preparation | Stage::Prospection => return finished,
    };
    finished.went_on = !matches!(step, Step::Lose(_));
    if stage.is_selling() && stage != Stage::Qualification {
        finished.deal_ended = match step {
            Step::Won => Some(true),
            Step::Lose(_) => Some(false),
            _ => None,
        };
    }
    match step {
        Step::Advance => {
            if stage == Stage::Detection {
                o.pace = router.draw_pace();
            }
            let next = stage.next().expect("Closing never advances");
            let ready = hour + router.buyer_delay(segment_index, next, o.size * o.pace);
            router.enter(e, o, next, 0, Some(role), hour, ready, true);
            if stage == Stage::Detection && o.stage() == Some(Stage::Qualification) {
                router.maybe_stall(e, o);
            }
        }
        Step::Nurture => {
            router.close(e, o, OppStatus::Nurture, false, hour);
            nurture.add(o.account_index, e);
        }
        Step::Won => router.close(e, o, OppStatus::Won, false, hour),
        Step::Lose(reason) => router.close(e, o, OppStatus::Lost(reason), false, hour),
    }
    finished
}

/// A deal lost late goes to the competitor if one is in it.
fn lost_to(o: &Opportunity) -> LostReason {
    if o.competitor {
        LostReason::Competitor
    } else {
        LostReason::NoDecision
    }
}

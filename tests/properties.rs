//! MODEL.md §7 invariants on random valid scenarios: any split (custom ones included), any
//! headcount that staffs it, any probabilities, events and nurture settings.

use proptest::prelude::*;
use salesim::model::stage::Owner;
use salesim::scenario::{
    self, CustomSplit, Event, Priority, RawScenario, Scenario, Setting, Split,
};

use crate::support::run_checked;

fn owner() -> impl Strategy<Value = Owner> {
    prop_oneof![
        Just(Owner::Sales),
        Just(Owner::Marketing),
        Just(Owner::Sdr),
        Just(Owner::Shared)
    ]
}

fn split() -> impl Strategy<Value = Split> {
    prop_oneof![
        Just(Split::SalesLed),
        Just(Split::MarketingFront),
        Just(Split::SharedQualification),
        Just(Split::SdrBridge),
        proptest::collection::vec(owner(), 7).prop_map(|o| Split::Custom(CustomSplit {
            preparation: Some(o[0]),
            prospection: Some(o[1]),
            detection: Some(o[2]),
            qualification: Some(o[3]),
            demonstration: Some(o[4]),
            negotiation: Some(o[5]),
            closing: Some(o[6]),
        })),
    ]
}

prop_compose! {
    fn scenario()(
        split in split(),
        reorg in proptest::option::of((1u32..60, split())),
        accounts in 50i64..1500,
        days in 10u32..80,
        people in proptest::collection::vec(1i64..6, 3),
        probs in proptest::collection::vec(0.0f64..=1.0, 12),
        hours in proptest::collection::vec(0.05f64..8.0, 5),
        max_item in 0.1f64..6.0,
        nurture_cost in 0.0f64..0.5,
        new_leads_first in any::<bool>(),
        attrition in 0.0f64..2.0,
        frozen in any::<bool>(),
        pace_sigma in 0.0f64..1.0,
        stall in 0.0f64..0.5,
        seasonal in proptest::collection::vec(0.0f64..3.0, 0..4),
    ) -> RawScenario {
        let mut s = RawScenario { days, split, ..RawScenario::default() };
        let g = &mut s.segments[0];
        g.accounts = accounts;
        g.need_share = probs[0];
        g.autonomy = probs[1];
        g.competitor_probability = probs[2];
        g.competitor_strength = probs[3];
        g.fit_threshold = probs[4];
        g.need_days = (0, days.max(2));
        g.buying_window_days = 5 + (probs[5] * 60.0) as u32;
        s.team.sellers = people[0];
        s.team.marketers = people[1];
        s.team.sdrs = people[2];
        s.outcomes.handoff_leak = probs[6];
        s.outcomes.p_demo = probs[7];
        s.outcomes.idle_hazard.qualification = probs[8] * 0.2;
        s.nurture.quality = probs[9];
        s.prospecting.engage.marketing = probs[10] * 0.1;
        s.culture.initial.common_language = probs[11];
        s.work.hours.detection = hours[0];
        s.work.hours.qualification = hours[1];
        s.work.hours.demonstration = hours[2];
        s.work.hours.negotiation = hours[3];
        s.work.hours.closing = hours[4];
        s.work.max_hours_per_item_per_day = max_item;
        s.work.priority = if new_leads_first { Priority::NewLeadsFirst } else { Priority::LatestStageFirst };
        s.nurture.hours_per_account_week = nurture_cost;
        s.attrition.annual_rate = attrition;
        s.culture.frozen = frozen;
        s.team.hiring_delay_days = 3;
        s.work.pace_sigma = pace_sigma;
        s.work.fast_track_share = probs[3];
        s.work.fast_track_pace = 0.05 + probs[2] * 0.95;
        s.outcomes.stall_probability = stall;
        s.segments[0].need_weights = seasonal;
        if let Some((day, new)) = reorg {
            s.events.push(Event { day: day.min(days - 1), lever: Setting::split(new).into() });
        }
        s
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_on_random_valid_scenarios(s in scenario(), seed in 0u64..1000) {
        let s = Scenario::new(s);
        prop_assume!(s.is_ok());
        run_checked(&s.unwrap(), seed, 7);
    }
}

#[test]
fn random_scenarios_are_mostly_valid() {
    // Guard against a generator whose cases are all filtered out by prop_assume.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let valid = (0..100)
        .filter(|_| {
            scenario::validate(&scenario().new_tree(&mut runner).unwrap().current()).is_empty()
        })
        .count();
    assert!(
        valid > 50,
        "only {valid} of 100 generated scenarios are valid"
    );
}

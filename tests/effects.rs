//! Direction of effects, each on averages over enough seeds to be stable (MODEL.md, issue #2).

use salesim::model::stage::Role;
use salesim::scenario::{Event, EventChange};

use crate::support::{kpi_per_seed, load, mean_kpi};

const RUNS: usize = 30;

#[test]
fn more_sellers_never_fewer_signed_contracts() {
    let mut last = 0.0;
    for sellers in [5, 10, 20, 40] {
        let s = load("default.ron", &[&format!("team.sellers={sellers}")]);
        let signed = mean_kpi(&s, RUNS, "signed_contracts");
        assert!(signed >= last, "{sellers} sellers sign {signed} < {last}");
        last = signed;
    }
}

#[test]
fn better_information_sharing_means_less_leakage() {
    let base = [
        "split=marketing_front",
        "culture.initial.information_sharing=0.5",
    ];
    let low = load(
        "default.ron",
        &[base[0], base[1], "culture.levers.crm_discipline=0.0"],
    );
    let high = load(
        "default.ron",
        &[base[0], base[1], "culture.levers.crm_discipline=1.0"],
    );
    let (l, h) = (
        mean_kpi(&low, RUNS, "leakage"),
        mean_kpi(&high, RUNS, "leakage"),
    );
    assert!(
        mean_kpi(&high, RUNS, "information_sharing") > mean_kpi(&low, RUNS, "information_sharing")
    );
    assert!(
        h < l,
        "leakage with strong CRM discipline {h} ≥ without {l}"
    );
}

#[test]
fn new_leads_first_is_faster_to_lead_and_transmits_more() {
    let slow = load("speed_to_lead.ron", &["work.priority=latest_stage_first"]);
    let fast = load("speed_to_lead.ron", &["work.priority=new_leads_first"]);
    assert!(
        mean_kpi(&fast, RUNS, "speed_to_lead_hours") < mean_kpi(&slow, RUNS, "speed_to_lead_hours")
    );
    assert!(
        mean_kpi(&fast, RUNS, "transmissible_ratio") > mean_kpi(&slow, RUNS, "transmissible_ratio")
    );
}

#[test]
fn no_marketers_in_marketing_front_means_no_outbound_projects() {
    let base = load("default.ron", &["split=marketing_front"]);
    // Users are told that nobody would own prospection and detection...
    let errors = base.modified(|s| s.team.marketers = 0).unwrap_err();
    assert!(
        errors.iter().any(|e| e.path == "team.marketers"),
        "{errors:?}"
    );
    // ...and the model, which meets an empty role when its last person leaves, makes no
    // outbound project without them while inbound demand still arrives.
    let alone = base.modified(|s| {
        s.team.marketers = 1;
        s.team.hiring_delay_days = s.days;
        s.events.push(Event {
            day: 0,
            lever: EventChange::BestLeaves(Role::Marketing),
        });
    });
    let s = alone.unwrap();
    assert!(
        kpi_per_seed(&s, 10, "outbound_projects")
            .iter()
            .all(|v| *v == 0.0)
    );
    assert!(mean_kpi(&s, 10, "engaged_contacts") > 0.0);
    let staffed = load("default.ron", &["split=marketing_front"]);
    assert!(mean_kpi(&staffed, 10, "outbound_projects") > 0.0);
}

#[test]
fn change_support_gives_a_shallower_dip_after_a_reorganisation() {
    // The dip: the lowest weekly engagement index and the SQLs of the six weeks after the switch.
    let dip = |support: &str| {
        let s = load(
            "change_management.ron",
            &[&format!("culture.levers.change_support={support}")],
        );
        let runs = salesim::runner::monte_carlo(&std::sync::Arc::new(s), 1, RUNS, &|| {});
        let weeks = runs.weekly_means;
        let e = salesim::kpi::Kpi::from_name("engagement").unwrap();
        let t = salesim::kpi::Kpi::from_name("transmissible").unwrap();
        let lowest = weeks[24..40]
            .iter()
            .map(|w| w[e])
            .fold(f64::INFINITY, f64::min);
        let sqls: f64 = weeks[24..30].iter().map(|w| w[t]).sum();
        (lowest, sqls)
    };
    let (bare_low, bare_sqls) = dip("0.0");
    let (sup_low, sup_sqls) = dip("0.8");
    assert!(
        sup_low > bare_low,
        "engagement trough {sup_low} with support vs {bare_low} without"
    );
    assert!(
        sup_sqls > bare_sqls,
        "SQLs after the switch {sup_sqls} with support vs {bare_sqls} without"
    );
}

#[test]
fn a_handoff_costs_leakage_that_a_single_owner_does_not_pay() {
    let led = load("default.ron", &["split=sales_led"]);
    let front = load("default.ron", &["split=marketing_front"]);
    assert!(mean_kpi(&front, RUNS, "new_projects") > mean_kpi(&led, RUNS, "new_projects"));
    assert!(mean_kpi(&front, RUNS, "leakage") > mean_kpi(&led, RUNS, "leakage"));
}

#[test]
fn market_events_act_in_their_direction() {
    let base = load(
        "default.ron",
        &["segments.0.accounts=8000", "team.sellers=8", "days=150"],
    );
    let with = |lever: EventChange| base.modified(|s| s.events.push(Event { day: 30, lever }));
    // A recession: fewer new projects.
    let recession = with(EventChange::Demand(0.5)).unwrap();
    assert!(mean_kpi(&recession, 20, "new_projects") < 0.8 * mean_kpi(&base, 20, "new_projects"));
    // A competitor entering the segment: more deals lost to competition.
    let competitor = with(EventChange::Competition(0, 0.9)).unwrap();
    assert!(
        mean_kpi(&competitor, 20, "lost_to_competitor")
            > 1.5 * mean_kpi(&base, 20, "lost_to_competitor")
    );
    // The best seller leaving is one departure (no other attrition here).
    let calm = base.modified(|s| {
        s.attrition.annual_rate = 0.0;
        s.events.push(Event {
            day: 30,
            lever: EventChange::BestLeaves(Role::Sales),
        });
    });
    let calm = calm.unwrap();
    assert_eq!(kpi_per_seed(&calm, 5, "attrition"), vec![1.0; 5]);
    // Out of range or unknown segment: the field path and the allowed range.
    let errors = with(EventChange::Competition(3, 1.5)).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.path == "events[0].lever" && e.message.contains("segment 3"))
    );
    assert!(errors.iter().any(|e| e.message.contains("allowed: 0 to 1")));
}

//! Model v2 (MODEL.md §9, issue #19): the day's clock, the lead's clock, deals with a pace and
//! a culture that moves, checked as the "done when" states them.

use std::sync::Arc;

use salesim::kpi::Kpi;
use salesim::model::stats::{mean, percentile, std_dev};
use salesim::runner::build_app;
use salesim::scenario::Scenario;
use salesim::sim::kpi::Tally;
use salesim::sim::state::DealLog;
use salesim::sim::step_day;

use crate::support::{kpi_per_seed, load, mean_kpi};

const RUNS: usize = 12;

/// Won cycles (working days, from arrival) and won deals (value, detection → signature in
/// days) of `s` over seeds 1..=seeds.
fn won_deals(s: &Scenario, seeds: u64) -> (Vec<f64>, Vec<(f64, f64)>) {
    let s = Arc::new(s.clone());
    let (mut cycles, mut deals) = (Vec::new(), Vec::new());
    for seed in 1..=seeds {
        let mut app = build_app(s.clone(), seed);
        app.world_mut().init_resource::<DealLog>();
        for _ in 0..s.days {
            step_day(app.world_mut());
        }
        cycles.extend(&app.world().resource::<Tally>().won_cycles);
        deals.extend(
            app.world()
                .resource::<DealLog>()
                .0
                .iter()
                .filter(|d| d.won)
                .map(|d| (d.value, f64::from(d.end - d.start))),
        );
    }
    (cycles, deals)
}

/// Pearson correlation.
fn correlation(pairs: &[(f64, f64)]) -> f64 {
    let xs: Vec<f64> = pairs.iter().map(|p| p.0).collect();
    let ys: Vec<f64> = pairs.iter().map(|p| p.1).collect();
    let (mx, my) = (mean(&xs), mean(&ys));
    let cov: f64 = pairs.iter().map(|(x, y)| (x - mx) * (y - my)).sum::<f64>();
    cov / ((pairs.len() - 1) as f64 * std_dev(&xs) * std_dev(&ys))
}

#[test]
fn default_cycles_are_skewed_and_grow_with_deal_size() {
    let (cycles, deals) = won_deals(&load("default.ron", &[]), 3);
    assert!(cycles.len() > 200, "{} wins", cycles.len());
    let (median, p90) = (percentile(&cycles, 0.5), percentile(&cycles, 0.9));
    assert!(
        p90 / median >= 1.3,
        "won cycle p90 {p90:.1} / median {median:.1}"
    );
    let r = correlation(&deals);
    assert!(r > 0.1, "deal value and cycle correlate at {r:.3}");
    // Without size elasticity, the cycle no longer follows the value.
    let (_, flat) = won_deals(&load("default.ron", &["work.size_elasticity=0"]), 3);
    assert!(correlation(&flat) < r - 0.05);
}

#[test]
fn cycle_and_speed_to_lead_vary_across_seeds() {
    let s = load("default.ron", &[]);
    for name in ["cycle_days", "cycle_days_p90", "speed_to_lead_hours"] {
        let v = kpi_per_seed(&s, RUNS, name);
        assert!(std_dev(&v) > 0.01 * mean(&v), "{name} barely moves: {v:?}");
    }
}

#[test]
fn an_understaffed_first_stage_answers_later_qualifies_fewer_and_leaks() {
    let staffed = load("default.ron", &[]);
    let short = load("default.ron", &["team.sellers=4"]);
    let k = |s: &Scenario, name| mean_kpi(s, RUNS, name);
    let slow = k(&short, "speed_to_lead_hours");
    let fast = k(&staffed, "speed_to_lead_hours");
    assert!(
        slow > 3.0 * fast,
        "speed to lead {slow:.2} h vs {fast:.2} h"
    );
    assert!(k(&short, "transmissible_ratio") < k(&staffed, "transmissible_ratio"));
    assert!(k(&short, "unanswered_share") > k(&staffed, "unanswered_share") + 0.01);
    assert!(k(&short, "leakage") > k(&staffed, "leakage"));
    assert!(k(&short, "cycle_days") > k(&staffed, "cycle_days"));
}

#[test]
fn a_first_responder_answers_within_the_hour() {
    let busy = load("speed_to_lead.ron", &["work.priority=latest_stage_first"]);
    let first = load("speed_to_lead.ron", &["work.priority=new_leads_first"]);
    let waited = mean_kpi(&busy, RUNS, "speed_to_lead_hours");
    let answered = mean_kpi(&first, RUNS, "speed_to_lead_hours");
    assert!(
        answered < 1.0,
        "first responder's median response {answered:.2} h"
    );
    assert!(waited > 2.0, "busy sellers' median response {waited:.2} h");
}

#[test]
fn every_culture_index_spreads_across_seeds_in_every_living_scenario() {
    for name in [
        "default.ron",
        "speed_to_lead.ron",
        "change_management.ron",
        "enterprise.ron",
        "smb_velocity.ron",
    ] {
        let s = load(name, &[]);
        assert!(!s.culture.frozen);
        for k in Kpi::CULTURE {
            let v = kpi_per_seed(&s, 6, k.name());
            assert!(
                std_dev(&v) > 1e-4,
                "{name}: {} is the same in every run: {v:?}",
                k.name()
            );
        }
    }
}

#[test]
fn leaks_and_rejections_lower_relationship_quality() {
    let split = "split=marketing_front";
    let k = |sets: &[&str]| mean_kpi(&load("default.ron", sets), RUNS, "relationship_quality");
    let tight = k(&[split, "outcomes.handoff_leak=0.1"]);
    let leaky = k(&[split, "outcomes.handoff_leak=0.9"]);
    assert!(
        leaky < tight - 0.01,
        "relationship {leaky:.3} with leaks vs {tight:.3}"
    );
    // When fewer of marketing's leads fit, sales reject more of them, and it sours too.
    let poor = k(&[split, "segments.0.fit_threshold=0.8"]);
    let fit = k(&[split, "segments.0.fit_threshold=0.3"]);
    assert!(
        poor < fit - 0.01,
        "relationship {poor:.3} with poor leads vs {fit:.3}"
    );
}

#[test]
fn engagement_is_personal_and_falls_with_overload() {
    let calm = mean_kpi(&load("default.ron", &[]), RUNS, "engagement");
    let drowning = mean_kpi(
        &load("default.ron", &["team.sellers=3"]),
        RUNS,
        "engagement",
    );
    assert!(
        drowning < calm - 0.05,
        "engagement {drowning:.3} overloaded vs {calm:.3}"
    );
}

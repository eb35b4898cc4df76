//! Every shipped scenario validates, runs its days and passes the invariants; the default
//! lands in the calibration ranges its comments cite.

use crate::support::{load, mean_kpi, run_checked, scenario_path};
use salesim::kpi::Kpi;
use salesim::scenario;

const SHIPPED: [&str; 6] = [
    "default.ron",
    "crm_sample.ron",
    "smb_velocity.ron",
    "enterprise.ron",
    "speed_to_lead.ron",
    "change_management.ron",
];

#[test]
fn every_scenario_in_the_folder_is_valid_and_the_shipped_ones_are_there() {
    // Every file counts, a user's own (e.g. one `salesim calibrate` wrote) included.
    let found: Vec<String> = std::fs::read_dir(scenario_path(""))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    for name in SHIPPED {
        assert!(found.iter().any(|f| f == name), "{name} is missing");
    }
    for name in &found {
        scenario::load(&scenario_path(name)).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn every_shipped_scenario_runs_and_keeps_the_invariants() {
    for name in SHIPPED {
        let s = load(name, &[]);
        let r = run_checked(&s, 7, 25);
        assert_eq!(r.weekly.len(), (s.days as usize).div_ceil(5), "{name}");
        assert!(r.kpis[Kpi::NewProjects] > 0.0, "{name} detected nothing");
        assert!(r.kpis[Kpi::SignedContracts] > 0.0, "{name} signed nothing");
    }
}

#[test]
fn reference_workloads_validate_and_keep_the_invariants() {
    for name in ["bench/reference_10k.ron", "bench/reference_100k.ron"] {
        scenario::load(&scenario_path(name)).unwrap_or_else(|e| panic!("{e}"));
    }
    run_checked(&load("bench/reference_10k.ron", &[]), 1, 50);
}

#[test]
fn littles_law_holds_on_a_long_run() {
    // Mean open items ≈ throughput × mean time in the pipeline; the gap is the censoring of
    // items still open at the end, which a three-year run makes small.
    use salesim::runner::build_app;
    use salesim::sim::{kpi::Tally, step_day};
    // Needs keep emerging over the three years, so the pipeline stays busy to the end.
    let s = std::sync::Arc::new(load(
        "default.ron",
        &[
            "days=750",
            "segments.0.need_days=[0,750]",
            "segments.0.need_share=0.6",
        ],
    ));
    let mut app = build_app(s.clone(), 3);
    for _ in 0..s.days {
        step_day(app.world_mut());
    }
    let t = app.world().resource::<Tally>();
    let days = f64::from(s.days);
    let mean_open = t.open_item_days as f64 / days;
    let throughput = t.pipeline_exits as f64 / days;
    let mean_time = t.exit_open_days as f64 / t.pipeline_exits as f64;
    let gap = (mean_open - throughput * mean_time).abs() / mean_open;
    assert!(
        gap < 0.05,
        "L = {mean_open:.1}, λW = {:.1} (gap {gap:.3})",
        throughput * mean_time
    );
}

#[test]
fn default_lands_in_its_calibration_ranges() {
    let s = load("default.ron", &[]);
    let runs = 40;
    let win = mean_kpi(&s, runs, "win_rate");
    let sql = mean_kpi(&s, runs, "transmissible_ratio");
    let cycle = mean_kpi(&s, runs, "cycle_days");
    let selling = mean_kpi(&s, runs, "selling_time_ratio");
    let lead_to_won =
        mean_kpi(&s, runs, "signed_contracts") / mean_kpi(&s, runs, "engaged_contacts");
    assert!((0.18..=0.30).contains(&win), "win rate {win}");
    assert!((0.30..=0.60).contains(&sql), "MQL→SQL {sql}");
    assert!((20.0..=65.0).contains(&cycle), "cycle {cycle} working days");
    assert!((0.20..=0.45).contains(&selling), "selling time {selling}");
    assert!(
        (0.01..=0.04).contains(&lead_to_won),
        "lead→won {lead_to_won}"
    );
}

#[test]
fn every_split_runs_on_the_default_the_sdr_bridge_with_its_staffing() {
    for split in [
        "sales_led",
        "marketing_front",
        "shared_qualification",
        "sdr_bridge",
    ] {
        let s = load("default.ron", &[&format!("split={split}"), "days=120"]);
        let sdrs = s.headcount(salesim::model::stage::Role::Sdr);
        assert_eq!(sdrs > 0, split == "sdr_bridge", "{split}: {sdrs} SDRs");
        run_checked(&s, 3, 30);
    }
}

//! Helpers shared by the test modules.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use salesim::kpi;
use salesim::runner::{RunReport, build_app, monte_carlo, report_of};
use salesim::scenario::{self, Scenario};
use salesim::sim::{invariants, step_day};

/// Path of a shipped scenario.
pub fn scenario_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name)
}

/// Load a shipped scenario with overrides.
pub fn load(name: &str, sets: &[&str]) -> Scenario {
    let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    scenario::load_with_overrides(&scenario_path(name), &sets).unwrap_or_else(|e| panic!("{e}"))
}

/// Run a scenario day by day, checking the invariants every `every` days and at the end.
pub fn run_checked(s: &Scenario, seed: u64, every: u32) -> RunReport {
    let s = Arc::new(s.clone());
    let mut app = build_app(s.clone(), seed);
    for day in 1..=s.days {
        step_day(app.world_mut());
        if day % every == 0 || day == s.days {
            let bad = invariants::check(app.world_mut());
            assert!(bad.is_empty(), "{} seed {seed} day {day}: {bad:#?}", s.name);
        }
    }
    report_of(app.world(), seed)
}

/// Mean of a KPI over seeds 1..=n.
pub fn mean_kpi(s: &Scenario, runs: usize, name: &str) -> f64 {
    let k = kpi::Kpi::from_name(name).expect("known KPI");
    let reports = monte_carlo(&Arc::new(s.clone()), 1, runs, &|| {});
    reports.runs.iter().map(|r| r.kpis[k]).sum::<f64>() / runs as f64
}

/// Per-seed values of a KPI over seeds 1..=n.
pub fn kpi_per_seed(s: &Scenario, runs: usize, name: &str) -> Vec<f64> {
    let k = kpi::Kpi::from_name(name).expect("known KPI");
    monte_carlo(&Arc::new(s.clone()), 1, runs, &|| {})
        .runs
        .iter()
        .map(|r| r.kpis[k])
        .collect()
}

/// Run the `salesim` binary.
pub fn salesim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_salesim"))
        .args(args)
        .output()
        .expect("salesim runs")
}

/// Run the `salesim` binary and require success (its error output in the failure message).
pub fn salesim_ok(args: &[&str]) -> Output {
    let o = salesim(args);
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A scratch folder unique to one test (emptied first).
pub fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("salesim-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

/// A user error: exit code 2, a `salesim: error:` message, no panic or backtrace.
pub fn user_error(o: &Output) -> String {
    let e = stderr(o);
    assert_eq!(
        o.status.code(),
        Some(2),
        "stderr: {e}\nstdout: {}",
        stdout(o)
    );
    assert!(
        !e.contains("panicked") && !e.contains("RUST_BACKTRACE"),
        "{e}"
    );
    e + &stdout(o)
}

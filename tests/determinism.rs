//! One scenario + one seed = one result: identical bytes run after run, at 1 or 2 threads,
//! stepping day by day or all at once.

use std::sync::Arc;

use salesim::report::{BatchInfo, batch_json, json_text, runs_csv};
use salesim::runner::{build_app, monte_carlo, report_of, simulate};
use salesim::sim::step_day;

use crate::support::load;

fn batch_bytes(threads: usize) -> String {
    let s = Arc::new(load("default.ron", &["days=60"]));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let runs = pool.install(|| monte_carlo(&s, 11, 6, &|| {}));
    let info = BatchInfo {
        scenario: s.name.clone(),
        split: s.split.name().into(),
        seed: 11,
        days: s.days,
    };
    json_text(&batch_json(&info, &runs))
        + &String::from_utf8(runs_csv(&[("", &runs.runs)])).unwrap()
}

#[test]
fn same_seed_gives_identical_json_and_csv() {
    assert_eq!(batch_bytes(2), batch_bytes(2));
}

#[test]
fn one_thread_and_two_threads_agree() {
    assert_eq!(batch_bytes(1), batch_bytes(2));
}

#[test]
fn different_seeds_differ() {
    let s = Arc::new(load("default.ron", &["days=60"]));
    assert_ne!(simulate(&s, 1).kpis, simulate(&s, 2).kpis);
}

#[test]
fn stepping_an_app_matches_the_batch_runner() {
    // The GUI drives the same plugin one day at a time; it must reach the same state.
    let s = Arc::new(load("change_management.ron", &["days=150"]));
    let mut app = build_app(s.clone(), 5);
    for _ in 0..s.days {
        step_day(app.world_mut());
    }
    assert_eq!(report_of(app.world(), 5), simulate(&s, 5));
}

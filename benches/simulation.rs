//! Speed of the simulation core: the run's random generator, one simulated day, one simulated
//! year at several sizes (the two reference workloads of issue #6 among them), and Monte Carlo
//! throughput.
//! Results and the commands behind them: docs/benchmarks.md.
#![allow(missing_docs, reason = "criterion_group! generates undocumented items")]

use std::path::Path;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use salesim::model::rng::SimRng;
use salesim::runner::{build_app, monte_carlo, simulate};
use salesim::scenario::{self, Scenario};
use salesim::sim::step_day;

/// A shipped scenario (path under `scenarios/`) with `--set`-style overrides.
fn scenario_file(path: &str, sets: &[&str]) -> Arc<Scenario> {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(path);
    let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    Arc::new(scenario::load_with_overrides(&full, &sets).expect("a shipped scenario loads"))
}

fn default_scenario(sets: &[&str]) -> Arc<Scenario> {
    scenario_file("default.ron", sets)
}

fn bench(c: &mut Criterion) {
    // A million uniforms: two million words of the ChaCha8 stream and their sampling.
    c.bench_function("rng/unit_x1m", |b| {
        let mut rng = SimRng::new(1);
        b.iter(|| (0..1_000_000).fold(0, |bits, _| bits ^ rng.unit().to_bits()))
    });

    let default = default_scenario(&[]);
    let mut g = c.benchmark_group("simulation");
    g.sample_size(20);

    // A mid-year day of the default company (the app is advanced 120 days outside the timing).
    g.bench_function("one_day/default", |b| {
        b.iter_batched(
            || {
                let mut app = build_app(default.clone(), 1);
                for _ in 0..120 {
                    step_day(app.world_mut());
                }
                app
            },
            |mut app| step_day(app.world_mut()),
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("year/default", |b| b.iter(|| simulate(&default, 1)));

    let large = default_scenario(&[
        "split=marketing_front",
        "segments.0.accounts=100000",
        "team.sellers=200",
        "team.marketers=40",
        "quota=30000000",
    ]);
    g.sample_size(10);
    g.bench_function("year/100k_accounts_200_sellers_40_marketers", |b| {
        b.iter(|| simulate(&large, 1))
    });
    let reference_10k = scenario_file("bench/reference_10k.ron", &[]);
    g.bench_function("year/reference_10k", |b| {
        b.iter(|| simulate(&reference_10k, 1))
    });
    let reference_100k = scenario_file("bench/reference_100k.ron", &[]);
    g.bench_function("year/reference_100k", |b| {
        b.iter(|| simulate(&reference_100k, 1))
    });
    g.bench_function("monte_carlo/default_x20", |b| {
        b.iter(|| monte_carlo(&default, 1, 20, &|| {}))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

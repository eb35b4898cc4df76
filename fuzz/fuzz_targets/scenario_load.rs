//! Scenario loading never panics: any bytes either fail with a located error or give a
//! scenario that validates or reports field errors; a valid one survives a short run with
//! its invariants intact.
#![no_main]

use std::path::Path;
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(mut s) = salesim::scenario::parse(text, Path::new("fuzz.ron")) else { return };
    if !salesim::scenario::validate(&s).is_empty() {
        return;
    }
    // Keep each case fast: a small world for a few weeks.
    s.days = s.days.min(30);
    for g in &mut s.segments {
        g.accounts = g.accounts.min(300);
    }
    s.team.sellers = s.team.sellers.min(5);
    s.team.marketers = s.team.marketers.min(5);
    s.team.sdrs = s.team.sdrs.min(5);
    s.events.retain(|e| e.day < s.days);
    let Ok(s) = salesim::scenario::Scenario::new(s) else { return };
    let mut app = salesim::runner::build_app(Arc::new(s.clone()), 1);
    for _ in 0..s.days {
        salesim::sim::step_day(app.world_mut());
    }
    let bad = salesim::sim::invariants::check(app.world_mut());
    assert!(bad.is_empty(), "{bad:?}");
});

//! Decisions files never panic: any bytes either fail with a located error or give decisions
//! that a challenge (a shrunk `speed_to_lead`, so each case is quick) replays or refuses with
//! field errors.
#![no_main]

use std::path::Path;
use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use salesim::challenge::{self, Challenge, Decisions, Game};

fn small_challenge() -> &'static Arc<Challenge> {
    static CHALLENGE: OnceLock<Arc<Challenge>> = OnceLock::new();
    CHALLENGE.get_or_init(|| {
        let mut c = challenge::load(Path::new("../scenarios/challenges/speed_to_lead.ron"))
            .expect("the shipped challenge loads");
        let s = &mut c.scenario;
        s.quarter_days = 10;
        s.days = c.quarters * s.quarter_days;
        for g in &mut s.segments {
            g.accounts = g.accounts.min(200);
            g.need_days = (0, s.days);
            g.need_weights.clear();
        }
        c.events.retain(|e| e.day < s.days);
        c.random_events.clear();
        assert!(challenge::check(&c).is_empty(), "{:?}", challenge::check(&c));
        Arc::new(c)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(decisions) = salesim::scenario::parse_ron::<Decisions>(text, Path::new("fuzz.ron"))
    else {
        return;
    };
    let _ = Game::replay(small_challenge().clone(), "speed_to_lead", &decisions);
});

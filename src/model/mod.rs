//! The pure model: every formula of MODEL.md as a plain function with its unit tests.
//! Nothing here touches Bevy; the ECS systems in `sim` call these.

pub mod calendar;
pub mod capacity;
pub mod culture;
pub mod dist;
pub mod handoff;
pub mod least;
pub mod market;
pub mod ops;
pub mod outcome;
pub mod people;
pub mod pool;
pub mod qualification;
pub mod rng;
pub mod scorecard;
pub mod stage;
pub mod stats;

//! One integration-test binary (Bevy links once). Modules:
//! - `clock`: model v2 (MODEL.md §9): cycles, response times and culture that move;
//! - `scenarios`: every shipped scenario validates, runs and passes the invariants;
//! - `properties`: the MODEL.md §7 invariants on random valid scenarios (proptest);
//! - `determinism`: same seed → same bytes, at any thread count;
//! - `effects`: the direction of the model's effects, on averages over seeds;
//! - `cli`: the command line, including every class of bad input;
//! - `challenges`: the training challenges played headless, references, save/resume, bad files;
//! - `calibrate`: fitting a scenario to the public CRM sample, and bad exports;
//! - `regression`: pinned results of the reference workloads;
//! - `workshop`: the workshop room over real HTTP and websockets (join, lock, resolve, debrief,
//!   isolation, bad requests, crash and resume), and two teams in headless Chromium;
//! - `gui` (feature `gui`): the game window, driven headless, and its screenshot under Xvfb.

mod calibrate;
mod challenges;
mod cli;
mod clock;
mod determinism;
mod effects;
#[cfg(feature = "gui")]
mod gui;
mod properties;
mod regression;
mod scenarios;
mod support;
mod workshop;
mod workshop_browser;

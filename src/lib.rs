//! salesim — a sales-process simulation: who should own each of the seven stages of the
//! B2B sales cycle, and what a handoff costs.
//!
//! - [`model`]: the maths of MODEL.md as plain, tested functions;
//! - [`fast`]: the kernels that are there only for speed, each beside its scalar reference;
//! - [`scenario`]: RON scenarios, overrides and validation;
//! - [`sim`]: the Bevy ECS simulation, one plugin per domain, one schedule per day;
//! - [`calibrate`]: fitting a scenario to a CRM export;
//! - [`runner`]: headless runs and Monte Carlo batches; [`session`]: one run stepped day by
//!   day with levers applied as it goes (the game's and the challenges' simulation);
//! - [`kpi`]: the KPI catalogue; [`i18n`]: the two languages and their string table; [`report`]: tables, JSON and CSV;
//! - [`cli`]: the `salesim` command line; [`gui`] (feature `gui`): the game window.

pub mod calibrate;
pub mod challenge;
pub mod cli;
pub mod fast;
#[cfg(feature = "gui")]
pub mod gui;
pub mod i18n;
pub mod kpi;
pub mod model;
pub mod report;
pub mod runner;
pub mod scenario;
pub mod session;
pub mod sim;
pub mod workshop;

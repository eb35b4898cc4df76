//! The challenge file format (`scenarios/challenges/*.ron`) and the decisions file format.
//! Documented field by field in `docs/challenges.md`.

use serde::{Deserialize, Serialize};

use crate::i18n::Language;

use crate::scenario::{EventChange, Lever, Priority, RawScenario, Setting, Value};

/// A text in both languages of the game.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// English.
    pub en: String,
    /// French.
    pub fr: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::English => &self.en,
            Language::French => &self.fr,
        }
    }

    /// Both languages with `f` applied.
    pub fn map(&self, f: impl Fn(&str) -> String) -> Text {
        Text {
            en: f(&self.en),
            fr: f(&self.fr),
        }
    }
}

/// Who a challenge is written for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// A new seller in onboarding.
    Seller,
    /// A new marketer in onboarding.
    Marketer,
    /// A manager or a sales-operations lead.
    #[default]
    Manager,
}

fn twenty() -> u32 {
    20
}

/// A training challenge: an organisation, the levers a player may move each quarter, what
/// happens to the market, and how the year is judged and explained.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    /// Title.
    pub title: Text,
    /// What the player reads before the first decision.
    pub briefing: Text,
    /// The lesson a coach states in one sentence.
    pub lesson: Text,
    /// Who it is for (the start screen's cards).
    #[serde(default)]
    pub audience: Audience,
    /// About how long a game takes, in minutes (reading, deciding, reviews).
    #[serde(default = "twenty")]
    pub minutes: u32,
    /// Quarters played; `scenario.days` must be `quarters × scenario.quarter_days`.
    #[serde(default = "four")]
    pub quarters: u32,
    /// Money the player may spend on lever changes over the whole challenge.
    pub budget: f64,
    /// The starting organisation and market (every scenario field has its default).
    pub scenario: RawScenario,
    /// The levers open to the player, with their ranges and costs.
    pub levers: Vec<OpenLever>,
    /// What happens on a given day, whatever the player does.
    #[serde(default)]
    pub events: Vec<News>,
    /// What may happen, drawn from the seed (the same for every team on that seed).
    #[serde(default)]
    pub random_events: Vec<RandomNews>,
    /// How the year is scored (both KPI families).
    pub objectives: Vec<Objective>,
    /// Explanations shown when their conditions hold (in quarter reviews and the debrief).
    #[serde(default)]
    pub explanations: Vec<Rule>,
    /// The two reference strategies the debrief compares the player with.
    pub references: References,
}

fn four() -> u32 {
    4
}

/// A lever the player may move.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenLever {
    /// Which lever.
    pub knob: Lever,
    /// Lowest value allowed (numeric levers).
    #[serde(default)]
    pub min: f64,
    /// Highest value allowed (numeric levers).
    #[serde(default)]
    pub max: f64,
    /// Cost of a change: per unit of increase for numeric levers (a reduction is free), per
    /// change for a split, a priority or nurture.
    #[serde(default)]
    pub cost: f64,
    /// First quarter (1-based) in which the lever is open.
    #[serde(default = "one")]
    pub from_quarter: u32,
}

fn one() -> u32 {
    1
}

/// A player's decision: a lever of the lever table set to a value, written `sellers(5)`.
pub type Decision = Setting;

/// How a decision reads in a table: `sellers 12`, `split shared_qualification`.
pub fn decision_label(d: &Decision) -> String {
    let value = match d.value() {
        Value::Split(s) => s.name().to_owned(),
        Value::Order(Priority::LatestStageFirst) => "latest_stage_first".to_owned(),
        Value::Order(Priority::NewLeadsFirst) => "new_leads_first".to_owned(),
        Value::Switch(on) => if *on { "on" } else { "off" }.to_owned(),
        Value::Count(_) | Value::Amount(_) => short_number(d.as_number().unwrap_or_default()),
    };
    format!("{} {value}", d.lever().name())
}

/// A number without trailing zeros: `12`, `0.5`, `20,000`.
pub fn short_number(x: f64) -> String {
    let s = crate::report::fmt_num(x);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

/// A quarter's decisions in one line, `sellers 5, priority new_leads_first`, or `none` when
/// there are none.
pub fn decisions_line(decisions: &[Decision], none: &str) -> String {
    if decisions.is_empty() {
        return none.to_owned();
    }
    decisions
        .iter()
        .map(decision_label)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Something that happens on a day of the challenge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct News {
    /// Day (0-based) from which it acts.
    pub day: u32,
    /// What changes.
    pub lever: EventChange,
    /// What the player is told.
    pub news: Text,
}

/// Something that may happen: with probability `chance`, on a day drawn uniformly in
/// `days` [first, last), from the seed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RandomNews {
    /// Probability that it happens at all.
    pub chance: f64,
    /// Days [first, last) it may happen on.
    pub days: (u32, u32),
    /// What changes.
    pub lever: EventChange,
    /// What the player is told.
    pub news: Text,
}

/// One line of the scorecard: a KPI at year end against a target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// KPI name (as in `salesim run`'s table).
    pub kpi: String,
    /// The target.
    pub aim: Aim,
    /// Relative weight in the score.
    pub weight: f64,
}

/// A target: reach at least, or stay at most.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aim {
    /// Full points at or above the value, proportional below.
    AtLeast(f64),
    /// Full points at or below the value, `target / value` above.
    AtMost(f64),
}

/// An explanation shown when every condition holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Conditions on the quarter's KPIs (or the year's in the debrief).
    pub when: Vec<Condition>,
    /// The explanation; `{kpi_name}` is replaced by the KPI's value.
    pub say: Text,
}

/// A condition on a KPI.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// The KPI is above the value.
    Above(String, f64),
    /// The KPI is below the value.
    Below(String, f64),
}

/// The debrief's two reference strategies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct References {
    /// What an untrained player tends to do.
    pub naive: Strategy,
    /// What the lesson recommends.
    pub good: Strategy,
}

/// Decisions for every quarter, with a name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    /// Name shown in the debrief.
    pub name: Text,
    /// Decisions of each quarter, in order (missing quarters decide nothing).
    pub quarters: Vec<Vec<Decision>>,
}

/// A decisions file (what a team decided; also a saved game).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    /// The challenge (its file name without `.ron`).
    pub challenge: String,
    /// Team name (leaderboards).
    #[serde(default)]
    pub team: String,
    /// Seed (default: the challenge scenario's seed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Decisions of each quarter, in order.
    pub quarters: Vec<Vec<Decision>>,
    /// A saved game: days played (default: every decided quarter played out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
}

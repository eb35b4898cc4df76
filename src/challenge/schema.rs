//! The challenge file format (`scenarios/challenges/*.ron`) and the decisions file format.
//! Documented field by field in `docs/challenges.md`.

use serde::{Deserialize, Serialize};

use crate::model::culture::Levers;
use crate::model::stage::Role;
use crate::scenario::{Lever, Priority, Scenario, Split};

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
    /// The text in `lang` ("fr" or anything else for English).
    pub fn get(&self, lang: &str) -> &str {
        if lang == "fr" { &self.fr } else { &self.en }
    }

    /// Both languages with `f` applied.
    pub fn map(&self, f: impl Fn(&str) -> String) -> Text {
        Text {
            en: f(&self.en),
            fr: f(&self.fr),
        }
    }
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
    /// Quarters played; `scenario.days` must be `quarters × scenario.quarter_days`.
    #[serde(default = "four")]
    pub quarters: u32,
    /// Money the player may spend on lever changes over the whole challenge.
    pub budget: f64,
    /// The starting organisation and market (every scenario field has its default).
    pub scenario: Scenario,
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
    pub knob: Knob,
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

/// The levers a challenge can open, by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Knob {
    Split,
    Sellers,
    Marketers,
    Sdrs,
    MarketingBudget,
    Priority,
    Nurture,
    MaxHoursPerItem,
    SharedKpis,
    JointPreparationHours,
    CoachingHours,
    TrainingHours,
    RecognitionProgramme,
    TeamIncentiveShare,
    CrmDiscipline,
    ChangeSupport,
}

impl Knob {
    /// Every knob, in panel order.
    pub const ALL: [Knob; 16] = [
        Knob::Split,
        Knob::Sellers,
        Knob::Marketers,
        Knob::Sdrs,
        Knob::MarketingBudget,
        Knob::Priority,
        Knob::Nurture,
        Knob::MaxHoursPerItem,
        Knob::SharedKpis,
        Knob::JointPreparationHours,
        Knob::CoachingHours,
        Knob::TrainingHours,
        Knob::RecognitionProgramme,
        Knob::TeamIncentiveShare,
        Knob::CrmDiscipline,
        Knob::ChangeSupport,
    ];

    /// The name in files (snake case).
    pub fn name(self) -> &'static str {
        match self {
            Knob::Split => "split",
            Knob::Sellers => "sellers",
            Knob::Marketers => "marketers",
            Knob::Sdrs => "sdrs",
            Knob::MarketingBudget => "marketing_budget",
            Knob::Priority => "priority",
            Knob::Nurture => "nurture",
            Knob::MaxHoursPerItem => "max_hours_per_item",
            Knob::SharedKpis => "shared_kpis",
            Knob::JointPreparationHours => "joint_preparation_hours",
            Knob::CoachingHours => "coaching_hours",
            Knob::TrainingHours => "training_hours",
            Knob::RecognitionProgramme => "recognition_programme",
            Knob::TeamIncentiveShare => "team_incentive_share",
            Knob::CrmDiscipline => "crm_discipline",
            Knob::ChangeSupport => "change_support",
        }
    }

    /// Whether the lever takes a number (the others take a split, a priority or on/off).
    pub fn numeric(self) -> bool {
        !matches!(self, Knob::Split | Knob::Priority | Knob::Nurture)
    }

    /// Whether the number is a whole count (headcounts).
    pub fn whole(self) -> bool {
        matches!(self, Knob::Sellers | Knob::Marketers | Knob::Sdrs)
    }

    /// The culture lever this knob sets, if it is one.
    pub fn culture_field(self, levers: &mut Levers) -> Option<&mut f64> {
        Some(match self {
            Knob::SharedKpis => &mut levers.shared_kpis,
            Knob::JointPreparationHours => &mut levers.joint_preparation_hours,
            Knob::CoachingHours => &mut levers.coaching_hours_per_week,
            Knob::TrainingHours => &mut levers.training_hours_per_week,
            Knob::RecognitionProgramme => &mut levers.recognition_programme,
            Knob::TeamIncentiveShare => &mut levers.team_incentive_share,
            Knob::CrmDiscipline => &mut levers.crm_discipline,
            Knob::ChangeSupport => &mut levers.change_support,
            _ => return None,
        })
    }

    /// The headcount role this knob sets, if it is one.
    pub fn role(self) -> Option<Role> {
        match self {
            Knob::Sellers => Some(Role::Sales),
            Knob::Marketers => Some(Role::Marketing),
            Knob::Sdrs => Some(Role::Sdr),
            _ => None,
        }
    }
}

/// One decision of a player: a lever and its new value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Decision {
    Split(Split),
    Sellers(i64),
    Marketers(i64),
    Sdrs(i64),
    MarketingBudget(f64),
    Priority(Priority),
    Nurture(bool),
    MaxHoursPerItem(f64),
    SharedKpis(f64),
    JointPreparationHours(f64),
    CoachingHours(f64),
    TrainingHours(f64),
    RecognitionProgramme(f64),
    TeamIncentiveShare(f64),
    CrmDiscipline(f64),
    ChangeSupport(f64),
}

impl Decision {
    /// The lever it moves.
    pub fn knob(&self) -> Knob {
        match self {
            Decision::Split(_) => Knob::Split,
            Decision::Sellers(_) => Knob::Sellers,
            Decision::Marketers(_) => Knob::Marketers,
            Decision::Sdrs(_) => Knob::Sdrs,
            Decision::MarketingBudget(_) => Knob::MarketingBudget,
            Decision::Priority(_) => Knob::Priority,
            Decision::Nurture(_) => Knob::Nurture,
            Decision::MaxHoursPerItem(_) => Knob::MaxHoursPerItem,
            Decision::SharedKpis(_) => Knob::SharedKpis,
            Decision::JointPreparationHours(_) => Knob::JointPreparationHours,
            Decision::CoachingHours(_) => Knob::CoachingHours,
            Decision::TrainingHours(_) => Knob::TrainingHours,
            Decision::RecognitionProgramme(_) => Knob::RecognitionProgramme,
            Decision::TeamIncentiveShare(_) => Knob::TeamIncentiveShare,
            Decision::CrmDiscipline(_) => Knob::CrmDiscipline,
            Decision::ChangeSupport(_) => Knob::ChangeSupport,
        }
    }

    /// The value of a numeric decision.
    pub fn number(&self) -> Option<f64> {
        match self {
            Decision::Split(_) | Decision::Priority(_) | Decision::Nurture(_) => None,
            Decision::Sellers(n) | Decision::Marketers(n) | Decision::Sdrs(n) => Some(*n as f64),
            Decision::MarketingBudget(x)
            | Decision::MaxHoursPerItem(x)
            | Decision::SharedKpis(x)
            | Decision::JointPreparationHours(x)
            | Decision::CoachingHours(x)
            | Decision::TrainingHours(x)
            | Decision::RecognitionProgramme(x)
            | Decision::TeamIncentiveShare(x)
            | Decision::CrmDiscipline(x)
            | Decision::ChangeSupport(x) => Some(*x),
        }
    }

    /// The decision setting numeric `knob` to `x` (None for the non-numeric knobs).
    pub fn with_number(knob: Knob, x: f64) -> Option<Decision> {
        let n = x.round() as i64;
        Some(match knob {
            Knob::Sellers => Decision::Sellers(n),
            Knob::Marketers => Decision::Marketers(n),
            Knob::Sdrs => Decision::Sdrs(n),
            Knob::MarketingBudget => Decision::MarketingBudget(x),
            Knob::MaxHoursPerItem => Decision::MaxHoursPerItem(x),
            Knob::SharedKpis => Decision::SharedKpis(x),
            Knob::JointPreparationHours => Decision::JointPreparationHours(x),
            Knob::CoachingHours => Decision::CoachingHours(x),
            Knob::TrainingHours => Decision::TrainingHours(x),
            Knob::RecognitionProgramme => Decision::RecognitionProgramme(x),
            Knob::TeamIncentiveShare => Decision::TeamIncentiveShare(x),
            Knob::CrmDiscipline => Decision::CrmDiscipline(x),
            Knob::ChangeSupport => Decision::ChangeSupport(x),
            Knob::Split | Knob::Priority | Knob::Nurture => return None,
        })
    }

    /// How it reads in a table: `sellers 12`, `split shared_qualification`.
    pub fn label(&self) -> String {
        let value = match self {
            Decision::Split(s) => s.name().to_owned(),
            Decision::Priority(Priority::LatestStageFirst) => "latest_stage_first".to_owned(),
            Decision::Priority(Priority::NewLeadsFirst) => "new_leads_first".to_owned(),
            Decision::Nurture(on) => if *on { "on" } else { "off" }.to_owned(),
            other => short_number(other.number().unwrap_or_default()),
        };
        format!("{} {value}", self.knob().name())
    }
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
        .map(Decision::label)
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
    pub lever: Lever,
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
    pub lever: Lever,
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

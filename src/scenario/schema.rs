//! The scenario file format: every field has a default, so a scenario only writes what
//! differs from the defaults. Documented field by field in `docs/scenarios.md`.

use serde::{Deserialize, Serialize};

use super::lever::EventChange;
use crate::model::culture::{Indices, Levers, Weights};
use crate::model::scorecard;
use crate::model::stage::{Owner, Preset, Role, Stage, StageOwners};

/// A whole scenario as its file says it (validated into a [`super::Scenario`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawScenario {
    /// Short title.
    pub name: String,
    /// What the scenario shows.
    pub description: String,
    /// The title in French (empty: the English one is shown).
    pub name_fr: String,
    /// The description in French (empty: the English one is shown).
    pub description_fr: String,
    /// Simulated working days.
    pub days: u32,
    /// Working days in a fiscal year (the quota's period).
    pub fiscal_year_days: u32,
    /// Working days in a quarter (preparation and quota reviews).
    pub quarter_days: u32,
    /// Default seed of the first run.
    pub seed: u64,
    /// Who owns each stage.
    pub split: Split,
    /// Account segments.
    pub segments: Vec<Segment>,
    /// Headcount, hours and skills.
    pub team: Team,
    /// Outbound touches and inbound attraction.
    pub prospecting: Prospecting,
    /// Hours per stage and work policy.
    pub work: Work,
    /// Stage outcome probabilities.
    pub outcomes: Outcomes,
    /// Lead-response decay.
    pub lead_decay: LeadDecay,
    /// Quarterly preparation.
    pub preparation: Preparation,
    /// Nurture of engaged accounts with no project yet.
    pub nurture: Nurture,
    /// The seven culture indices.
    pub culture: Culture,
    /// Reorganisation effects.
    pub change: Change,
    /// Skill growth.
    pub learning: Learning,
    /// People leaving and being replaced.
    pub attrition: Attrition,
    /// Salaries and marketing budget.
    pub costs: Costs,
    /// Bookings objective for the fiscal year.
    pub quota: f64,
    /// Weights of the scorecard.
    pub scorecard: scorecard::Weights,
    /// Scripted lever changes.
    pub events: Vec<Event>,
    /// The team a split needs, at the same cost (e.g. the SDR bridge turns sellers into SDRs):
    /// used instead of `team`'s headcounts when the scenario is loaded with that split.
    pub staffing: Vec<Staffing>,
}

/// The headcounts a split is run with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Staffing {
    pub split: Split,
    pub sellers: i64,
    pub marketers: i64,
    pub sdrs: i64,
}

impl Default for RawScenario {
    fn default() -> Self {
        RawScenario {
            name: "Unnamed scenario".into(),
            description: String::new(),
            name_fr: String::new(),
            description_fr: String::new(),
            days: 250,
            fiscal_year_days: 250,
            quarter_days: 60,
            seed: 1,
            split: Split::MarketingFront,
            segments: vec![Segment::default()],
            team: Team::default(),
            prospecting: Prospecting::default(),
            work: Work::default(),
            outcomes: Outcomes::default(),
            lead_decay: LeadDecay::default(),
            preparation: Preparation::default(),
            nurture: Nurture::default(),
            culture: Culture::default(),
            change: Change::default(),
            learning: Learning::default(),
            attrition: Attrition::default(),
            costs: Costs::default(),
            quota: 12_000_000.0,
            scorecard: scorecard::Weights::default(),
            events: Vec::new(),
            staffing: Vec::new(),
        }
    }
}

/// A role split: one of the presets or a mapping written stage by stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Split {
    /// Sales owns every stage.
    SalesLed,
    /// Marketing owns prospection and detection, preparation is shared.
    MarketingFront,
    /// As marketing_front, with a shared qualification.
    SharedQualification,
    /// SDRs detect and qualify.
    SdrBridge,
    /// Any mapping, stage by stage.
    Custom(CustomSplit),
}

impl Split {
    /// Name for tables ("custom" for a written mapping).
    pub fn name(&self) -> &'static str {
        match self {
            Split::SalesLed => Preset::SalesLed.name(),
            Split::MarketingFront => Preset::MarketingFront.name(),
            Split::SharedQualification => Preset::SharedQualification.name(),
            Split::SdrBridge => Preset::SdrBridge.name(),
            Split::Custom(_) => "custom",
        }
    }

    /// The split of an owner table: its preset if it is one, else written stage by stage.
    pub fn of_owners(owners: &StageOwners) -> Split {
        let o = |s: Stage| Some(owners.0[s.index()]);
        match Preset::ALL.into_iter().find(|p| p.owners() == *owners) {
            Some(Preset::SalesLed) => Split::SalesLed,
            Some(Preset::MarketingFront) => Split::MarketingFront,
            Some(Preset::SharedQualification) => Split::SharedQualification,
            Some(Preset::SdrBridge) => Split::SdrBridge,
            None => Split::Custom(CustomSplit {
                preparation: o(Stage::Preparation),
                prospection: o(Stage::Prospection),
                detection: o(Stage::Detection),
                qualification: o(Stage::Qualification),
                demonstration: o(Stage::Demonstration),
                negotiation: o(Stage::Negotiation),
                closing: o(Stage::Closing),
            }),
        }
    }

    /// The owner table; None if a custom mapping leaves a stage without owner (validation
    /// reports it).
    pub fn owners(&self) -> Option<StageOwners> {
        match self {
            Split::SalesLed => Some(Preset::SalesLed.owners()),
            Split::MarketingFront => Some(Preset::MarketingFront.owners()),
            Split::SharedQualification => Some(Preset::SharedQualification.owners()),
            Split::SdrBridge => Some(Preset::SdrBridge.owners()),
            Split::Custom(c) => c.as_array().map(StageOwners),
        }
    }
}

/// A stage-by-stage mapping; a missing stage is a validation error.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[allow(missing_docs)]
pub struct CustomSplit {
    pub preparation: Option<Owner>,
    pub prospection: Option<Owner>,
    pub detection: Option<Owner>,
    pub qualification: Option<Owner>,
    pub demonstration: Option<Owner>,
    pub negotiation: Option<Owner>,
    pub closing: Option<Owner>,
}

impl CustomSplit {
    /// Owners in stage order, None if any is missing.
    pub fn as_array(&self) -> Option<[Owner; 7]> {
        Some([
            self.preparation?,
            self.prospection?,
            self.detection?,
            self.qualification?,
            self.demonstration?,
            self.negotiation?,
            self.closing?,
        ])
    }

    /// Stage names left without an owner.
    pub fn missing(&self) -> Vec<&'static str> {
        let all = [
            ("preparation", self.preparation),
            ("prospection", self.prospection),
            ("detection", self.detection),
            ("qualification", self.qualification),
            ("demonstration", self.demonstration),
            ("negotiation", self.negotiation),
            ("closing", self.closing),
        ];
        all.into_iter()
            .filter(|(_, o)| o.is_none())
            .map(|(n, _)| n)
            .collect()
    }
}

/// A Beta(alpha, beta) distribution.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[allow(missing_docs)]
pub struct Beta {
    pub alpha: f64,
    pub beta: f64,
}

impl Default for Beta {
    fn default() -> Self {
        Beta {
            alpha: 2.0,
            beta: 3.0,
        }
    }
}

/// A group of similar accounts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Segment {
    /// Name.
    pub name: String,
    /// Number of accounts.
    pub accounts: i64,
    /// Distribution of fit with the ideal customer profile.
    pub fit: Beta,
    /// A lead is good when fit ≥ this and it has a need.
    pub fit_threshold: f64,
    /// Median deal value.
    pub value_median: f64,
    /// Log-scale spread of deal value.
    pub value_sigma: f64,
    /// Share of accounts whose buying project emerges during the run.
    pub need_share: f64,
    /// Needs emerge on days [first, last): uniformly, or by `need_weights`.
    pub need_days: (u32, u32),
    /// Seasonality: relative weight of each 5-day week of `need_days`, from its first day
    /// (empty: uniform). Weeks past the list weigh nothing.
    pub need_weights: Vec<f64>,
    /// Days an emerged need stays open before the buyer buys elsewhere.
    pub buying_window_days: u32,
    /// How much buyers search vendors on their own.
    pub autonomy: f64,
    /// Probability a competitor joins after the demonstration.
    pub competitor_probability: f64,
    /// How much a competitor lowers negotiation success.
    pub competitor_strength: f64,
    /// Median working days the buyer takes before each stage can be worked (scheduling the
    /// demonstration, the buying committee, legal review), at the segment's median value.
    pub buyer_days: BuyerValues,
}

impl Default for Segment {
    fn default() -> Self {
        Segment {
            name: "all".into(),
            accounts: 10_000,
            fit: Beta::default(),
            fit_threshold: 0.5,
            value_median: 20_000.0,
            value_sigma: 0.8,
            need_share: 0.3,
            need_days: (0, 250),
            need_weights: Vec::new(),
            buying_window_days: 60,
            autonomy: 0.3,
            competitor_probability: 0.3,
            competitor_strength: 0.3,
            buyer_days: BuyerValues::default(),
        }
    }
}

/// A value for each stage that waits on the buyer before it can be worked: Qualification to
/// Closing (a lead's Detection starts when the buyer raises a hand).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[allow(missing_docs)]
pub struct BuyerValues {
    pub qualification: f64,
    pub demonstration: f64,
    pub negotiation: f64,
    pub closing: f64,
}

impl BuyerValues {
    /// The stages it has a value for.
    pub const STAGES: [crate::model::stage::Stage; 4] = [
        crate::model::stage::Stage::Qualification,
        crate::model::stage::Stage::Demonstration,
        crate::model::stage::Stage::Negotiation,
        crate::model::stage::Stage::Closing,
    ];

    /// Value for `stage` (0 before Qualification).
    pub fn get(&self, stage: crate::model::stage::Stage) -> f64 {
        use crate::model::stage::Stage::*;
        match stage {
            Qualification => self.qualification,
            Demonstration => self.demonstration,
            Negotiation => self.negotiation,
            Closing => self.closing,
            Preparation | Prospection | Detection => 0.0,
        }
    }
}

/// A value per role.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[allow(missing_docs)]
pub struct PerRole<T> {
    pub sales: T,
    pub marketing: T,
    pub sdr: T,
}

impl<T: Default> Default for PerRole<T> {
    fn default() -> Self {
        PerRole {
            sales: T::default(),
            marketing: T::default(),
            sdr: T::default(),
        }
    }
}

impl<T: Copy> PerRole<T> {
    /// Same value for every role.
    pub fn all(v: T) -> Self {
        PerRole {
            sales: v,
            marketing: v,
            sdr: v,
        }
    }

    /// The value of `role`.
    pub fn get(&self, role: Role) -> T {
        match role {
            Role::Sales => self.sales,
            Role::Marketing => self.marketing,
            Role::Sdr => self.sdr,
        }
    }

    /// Mutable access to the value of `role`.
    pub fn get_mut(&mut self, role: Role) -> &mut T {
        match role {
            Role::Sales => &mut self.sales,
            Role::Marketing => &mut self.marketing,
            Role::Sdr => &mut self.sdr,
        }
    }
}

/// Skills that outcome formulas use, each in [0, 1].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[allow(missing_docs)]
pub struct Skills {
    pub qualify: f64,
    pub demo: f64,
    pub negotiate: f64,
    pub close: f64,
}

impl Skills {
    /// The mean of the four skills.
    pub fn mean(&self) -> f64 {
        (self.qualify + self.demo + self.negotiate + self.close) / 4.0
    }
}

impl Default for Skills {
    fn default() -> Self {
        Skills {
            qualify: 0.7,
            demo: 0.7,
            negotiate: 0.7,
            close: 0.7,
        }
    }
}

/// The team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Team {
    /// Sellers.
    pub sellers: i64,
    /// Marketers.
    pub marketers: i64,
    /// SDRs.
    pub sdrs: i64,
    /// Nominal hours a day.
    pub hours_per_day: f64,
    /// Starting skills per role.
    pub skills: PerRole<Skills>,
    /// Skill of a new hire (all four skills).
    pub new_hire_skill: f64,
    /// Days a new hire takes to reach full capacity.
    pub ramp_days: f64,
    /// Capacity factor of a new hire on day one.
    pub ramp_start: f64,
    /// Days between a departure and the replacement's first day.
    pub hiring_delay_days: u32,
}

impl Default for Team {
    fn default() -> Self {
        Team {
            sellers: 20,
            marketers: 5,
            sdrs: 0,
            hours_per_day: 8.0,
            skills: PerRole::all(Skills::default()),
            new_hire_skill: 0.4,
            ramp_days: 60.0,
            ramp_start: 0.3,
            hiring_delay_days: 40,
        }
    }
}

/// Outbound touches and inbound attraction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Prospecting {
    /// Touches per prospecting hour.
    pub touches_per_hour: PerRole<f64>,
    /// Engagement probability scale of a touch.
    pub engage: PerRole<f64>,
    /// At most this many leftover hours a day go to prospecting; the rest to nurture.
    pub max_hours_per_day: PerRole<f64>,
    /// Days before a touched account can be touched again.
    pub cooldown_days: u32,
    /// Accounts with fit ≥ this form the high-fit pool.
    pub high_fit_threshold: f64,
    /// Base of inbound attraction.
    pub attraction_base: f64,
    /// Attraction gained with marketing presence (saturating).
    pub attraction_gain: f64,
    /// Weekly budget giving presence 1 (0: budget adds no presence and does not scale reach).
    pub budget_reference_per_week: f64,
    /// Weekly campaign hours giving presence 1 (0: hours add no presence).
    pub campaign_hours_reference: f64,
}

impl Default for Prospecting {
    fn default() -> Self {
        Prospecting {
            touches_per_hour: PerRole {
                sales: 3.0,
                marketing: 30.0,
                sdr: 8.0,
            },
            engage: PerRole {
                sales: 0.10,
                marketing: 0.02,
                sdr: 0.06,
            },
            max_hours_per_day: PerRole::all(8.0),
            cooldown_days: 20,
            high_fit_threshold: 0.6,
            attraction_base: 0.2,
            attraction_gain: 0.0,
            budget_reference_per_week: 0.0,
            campaign_hours_reference: 0.0,
        }
    }
}

/// A value per pipeline stage (all five are written when the field is).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct StageValues {
    pub detection: f64,
    pub qualification: f64,
    pub demonstration: f64,
    pub negotiation: f64,
    pub closing: f64,
}

impl StageValues {
    /// Value for a pipeline stage (0 for Preparation and Prospection).
    pub fn get(&self, stage: crate::model::stage::Stage) -> f64 {
        use crate::model::stage::Stage::*;
        match stage {
            Detection => self.detection,
            Qualification => self.qualification,
            Demonstration => self.demonstration,
            Negotiation => self.negotiation,
            Closing => self.closing,
            Preparation | Prospection => 0.0,
        }
    }
}

/// Order in which a person works the queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Latest stage first, then oldest.
    LatestStageFirst,
    /// Items not yet touched since they reached this person first, then latest stage first.
    NewLeadsFirst,
}

/// Work on the pipeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Work {
    /// Hours each stage takes.
    pub hours: StageValues,
    /// At most this many hours on one item a day.
    pub max_hours_per_item_per_day: f64,
    /// Queue order.
    pub priority: Priority,
    /// Buyer pace: a detected project's stage hours are multiplied by a lognormal factor of
    /// median 1 and this log-scale spread (0: every project takes the same hours).
    pub pace_sigma: f64,
    /// Share of projects on a fast track (urgent need, budget already approved).
    pub fast_track_share: f64,
    /// Pace multiplier of a fast-track project (below 1: faster).
    pub fast_track_pace: f64,
    /// Coefficient of variation of a deal's hours in a stage (Gamma; 0: every deal takes the
    /// stage's mean hours).
    pub work_cv: f64,
    /// Hours and buyer days scale as (value / segment's median value) ^ this.
    pub size_elasticity: f64,
    /// Log-scale spread of the buyer's delays before a stage.
    pub buyer_sigma: f64,
    /// Longest slice of upstream duty (prospecting, nurture) before a person looks at the
    /// queue again, hours.
    pub slice_hours: f64,
}

impl Default for Work {
    fn default() -> Self {
        Work {
            hours: StageValues {
                detection: 0.5,
                qualification: 1.5,
                demonstration: 6.0,
                negotiation: 4.0,
                closing: 2.0,
            },
            max_hours_per_item_per_day: 4.0,
            priority: Priority::LatestStageFirst,
            pace_sigma: 0.0,
            fast_track_share: 0.0,
            fast_track_pace: 0.5,
            work_cv: 0.3,
            size_elasticity: 0.5,
            buyer_sigma: 0.6,
            slice_hours: 1.0,
        }
    }
}

/// Stage outcome parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Outcomes {
    /// Demonstration base success.
    pub p_demo: f64,
    /// Negotiation base success.
    pub p_neg: f64,
    /// Closing base success.
    pub p_close: f64,
    /// Demonstration success factor of a bad lead.
    pub bad_lead_factor: f64,
    /// Largest discount (unskilled negotiator).
    pub max_discount: f64,
    /// Cap of a shared qualification's accuracy.
    pub shared_accuracy_cap: f64,
    /// Share of a Shared stage's hours that marketing works before handing to sales.
    pub shared_marketing_share: f64,
    /// Daily probability that an untouched item is lost.
    pub idle_hazard: StageValues,
    /// Relationship of a new opportunity.
    pub relationship_start: f64,
    /// Relationship multiplier per idle day.
    pub relationship_decay: f64,
    /// Information of a new opportunity.
    pub info_start: f64,
    /// Leak scale at a handoff.
    pub handoff_leak: f64,
    /// Probability that a newly detected project stalls: the buyer goes silent, nobody works
    /// it, it stays open until the qualification idle hazard closes it (CRM "zombie" deals).
    pub stall_probability: f64,
    /// Daily probability that a deal waiting on the buyer dies there (lost as no decision).
    pub stall_hazard: BuyerValues,
}

impl Default for Outcomes {
    fn default() -> Self {
        Outcomes {
            p_demo: 0.7,
            p_neg: 0.8,
            p_close: 0.9,
            bad_lead_factor: 0.1,
            max_discount: 0.2,
            shared_accuracy_cap: 0.98,
            shared_marketing_share: 0.5,
            idle_hazard: StageValues {
                detection: 0.02,
                qualification: 0.02,
                demonstration: 0.01,
                negotiation: 0.01,
                closing: 0.005,
            },
            relationship_start: 0.5,
            relationship_decay: 0.98,
            info_start: 1.0,
            handoff_leak: 0.3,
            stall_probability: 0.0,
            stall_hazard: BuyerValues::default(),
        }
    }
}

/// Lead-response decay.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LeadDecay {
    /// Working hours for the odds to halve (toward the floor).
    pub half_life_hours: f64,
    /// Odds that never decay.
    pub floor: f64,
}

impl Default for LeadDecay {
    fn default() -> Self {
        LeadDecay {
            half_life_hours: 24.0,
            floor: 0.3,
        }
    }
}

/// Quarterly preparation (hours per person come from `culture.levers.joint_preparation_hours`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Preparation {
    /// Hours per participant at which quality reaches 63 %.
    pub saturation_hours: f64,
    /// Quality factor when only one role prepares.
    pub single_role_factor: f64,
    /// Targeting with no preparation.
    pub targeting_min: f64,
    /// Targeting with perfect preparation.
    pub targeting_max: f64,
    /// Message multiplier with no preparation.
    pub message_min: f64,
    /// Message multiplier with perfect preparation.
    pub message_max: f64,
}

impl Default for Preparation {
    fn default() -> Self {
        Preparation {
            saturation_hours: 8.0,
            single_role_factor: 0.6,
            targeting_min: 0.5,
            targeting_max: 0.5,
            message_min: 1.0,
            message_max: 1.0,
        }
    }
}

/// Nurture.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Nurture {
    /// Whether immature accounts are nurtured (else lost as cold).
    pub enabled: bool,
    /// Probability that a nurtured account's need is noticed when it emerges.
    pub quality: f64,
    /// Leftover hours of the nurture owner per account per week.
    pub hours_per_account_week: f64,
}

impl Nurture {
    /// Leftover hours one nurtured account costs per working day.
    pub fn hours_per_account_day(&self) -> f64 {
        crate::model::calendar::per_day(self.hours_per_account_week)
    }
}

impl Default for Nurture {
    fn default() -> Self {
        Nurture {
            enabled: true,
            quality: 0.5,
            hours_per_account_week: 0.0,
        }
    }
}

/// The culture indices and what moves them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Culture {
    /// Indices at day 0.
    pub initial: Indices,
    /// Frozen indices never move (reference mode).
    pub frozen: bool,
    /// Weeks of the move toward target (I += (target − I) / tau).
    pub tau_weeks: f64,
    /// A person is overloaded when their queue holds more work than they clear in this many
    /// days.
    pub overload_days: f64,
    /// Management levers.
    pub levers: Levers,
    /// Weights of the target formulas.
    pub weights: Weights,
}

impl Default for Culture {
    fn default() -> Self {
        Culture {
            initial: Indices::default(),
            frozen: false,
            tau_weeks: 8.0,
            overload_days: 10.0,
            levers: Levers::default(),
            weights: Weights::default(),
        }
    }
}

/// Reorganisation effects.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Change {
    /// Transition penalty scale for people whose duties changed.
    pub disruption: f64,
    /// Days for the penalty to halve (without coaching).
    pub transition_half_life_days: f64,
    /// How much coaching shortens that half-life.
    pub coaching_speedup: f64,
    /// Immediate drop of common language, engagement and projection with no support.
    pub shock: f64,
}

impl Default for Change {
    fn default() -> Self {
        Change {
            disruption: 0.3,
            transition_half_life_days: 30.0,
            coaching_speedup: 1.0,
            shock: 0.2,
        }
    }
}

/// Learning by practice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Learning {
    /// Skill gained per hour of practice, times the gap to 1.
    pub rate_per_hour: f64,
}

impl Default for Learning {
    fn default() -> Self {
        Learning {
            rate_per_hour: 0.0005,
        }
    }
}

/// Attrition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Attrition {
    /// Share of people leaving in a year at neutral culture.
    pub annual_rate: f64,
    /// How much low valorization and projection raise it.
    pub sensitivity: f64,
}

impl Default for Attrition {
    fn default() -> Self {
        Attrition {
            annual_rate: 0.15,
            sensitivity: 1.0,
        }
    }
}

/// Costs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Costs {
    /// Loaded salary per working day.
    pub salary_per_day: PerRole<f64>,
    /// Marketing budget per week.
    pub marketing_budget_per_week: f64,
}

impl Default for Costs {
    fn default() -> Self {
        Costs {
            salary_per_day: PerRole {
                sales: 500.0,
                marketing: 450.0,
                sdr: 300.0,
            },
            marketing_budget_per_week: 5_000.0,
        }
    }
}

/// A scripted lever change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Day it applies (0-based), at the start of the day.
    pub day: u32,
    /// What changes: a lever (`sellers(12)`) or the market (`demand(0.8)`).
    pub lever: EventChange,
}

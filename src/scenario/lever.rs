//! The lever table: every lever a scenario's events, the window's lever panel and the
//! challenges' decisions can move, with its name, the scenario field it starts from, its
//! kind of value, its allowed range, its unit and its label in both languages.
//!
//! Adding a lever is one [`Lever`] variant with its [`Lever::spec`] row, its place in
//! [`LeverState`] (a field, and an arm of `amount_mut` for an amount), and the code of its
//! effect in the simulation. Events, decisions files, validation, the lever panel and the
//! challenges' knobs read the table.

use std::fmt;

use serde::de::{self, Deserializer, EnumAccess, VariantAccess, Visitor};
use serde::ser::{SerializeTupleVariant, Serializer};
use serde::{Deserialize, Serialize};

use super::error::FieldError;
use super::schema::{Priority, RawScenario, Split};
use super::validated::Scenario;
use crate::i18n::Language;
use crate::model::culture::Levers;
use crate::model::stage::{Role, StageOwners};

/// A lever of the organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Lever {
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

/// What a lever takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A role split (a preset or stage by stage).
    Split,
    /// A headcount of a role: a whole number.
    Count(Role),
    /// A number.
    Amount,
    /// On or off.
    Switch,
    /// A queue order.
    Order,
}

/// Where the window's lever panel shows a lever.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Who owns each stage.
    Owners,
    /// How many people of each role.
    Headcount,
    /// Budget and work rules.
    Policies,
    /// Management levers that act on culture (MODEL.md §6).
    Culture,
}

/// One row of the lever table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LeverSpec {
    /// Name in files and on the command line (snake case).
    pub name: &'static str,
    /// The scenario field that sets its value on day 0.
    pub path: &'static str,
    /// What it takes.
    pub kind: Kind,
    /// Allowed values of a count or an amount (validation, challenges' ranges).
    pub allowed: (f64, f64),
    /// The range a panel's slider spans (within `allowed`).
    pub typical: (f64, f64),
    /// Unit of a count or an amount.
    pub unit: &'static str,
    /// Panel section.
    pub group: Group,
    /// Label in English and in French.
    pub label: (&'static str, &'static str),
}

/// Most people a role can have (validation's bound on headcounts).
pub const MAX_HEADCOUNT: f64 = 100_000.0;

impl Lever {
    /// Every lever, in panel order.
    pub const ALL: [Lever; 16] = [
        Lever::Split,
        Lever::Sellers,
        Lever::Marketers,
        Lever::Sdrs,
        Lever::MarketingBudget,
        Lever::Priority,
        Lever::Nurture,
        Lever::MaxHoursPerItem,
        Lever::SharedKpis,
        Lever::JointPreparationHours,
        Lever::CoachingHours,
        Lever::TrainingHours,
        Lever::RecognitionProgramme,
        Lever::TeamIncentiveShare,
        Lever::CrmDiscipline,
        Lever::ChangeSupport,
    ];

    /// Every lever's name, in [`Lever::ALL`] order.
    pub const NAMES: [&'static str; 16] = {
        let mut names = [""; 16];
        let mut i = 0;
        while i < names.len() {
            names[i] = Lever::ALL[i].spec().name;
            i += 1;
        }
        names
    };

    /// The lever's row of the table.
    pub const fn spec(self) -> LeverSpec {
        const fn row(
            name: &'static str,
            path: &'static str,
            kind: Kind,
            allowed: (f64, f64),
            typical: (f64, f64),
            unit: &'static str,
            group: Group,
            label: (&'static str, &'static str),
        ) -> LeverSpec {
            LeverSpec {
                name,
                path,
                kind,
                allowed,
                typical,
                unit,
                group,
                label,
            }
        }
        const NONE: (f64, f64) = (0.0, 0.0);
        const SHARE: (f64, f64) = (0.0, 1.0);
        const HEADS: (f64, f64) = (0.0, MAX_HEADCOUNT);
        const PANEL_HEADS: (f64, f64) = (0.0, 500.0);
        use Group::*;
        match self {
            Lever::Split => row(
                "split",
                "split",
                Kind::Split,
                NONE,
                NONE,
                "",
                Owners,
                ("Role split", "Répartition des rôles"),
            ),
            Lever::Sellers => row(
                "sellers",
                "team.sellers",
                Kind::Count(Role::Sales),
                HEADS,
                PANEL_HEADS,
                "people",
                Headcount,
                ("Sellers", "Vendeurs"),
            ),
            Lever::Marketers => row(
                "marketers",
                "team.marketers",
                Kind::Count(Role::Marketing),
                HEADS,
                PANEL_HEADS,
                "people",
                Headcount,
                ("Marketers", "Marketeurs"),
            ),
            Lever::Sdrs => row(
                "sdrs",
                "team.sdrs",
                Kind::Count(Role::Sdr),
                HEADS,
                PANEL_HEADS,
                "people",
                Headcount,
                ("SDRs", "SDR"),
            ),
            Lever::MarketingBudget => row(
                "marketing_budget",
                "costs.marketing_budget_per_week",
                Kind::Amount,
                (0.0, 1e9),
                (0.0, 50_000.0),
                "currency per week",
                Policies,
                ("Marketing budget per week", "Budget marketing par semaine"),
            ),
            Lever::Priority => row(
                "priority",
                "work.priority",
                Kind::Order,
                NONE,
                NONE,
                "",
                Policies,
                ("Queue order", "Ordre de la file"),
            ),
            Lever::Nurture => row(
                "nurture",
                "nurture.enabled",
                Kind::Switch,
                NONE,
                NONE,
                "",
                Policies,
                ("Nurture immature projects", "Nourrir les projets immatures"),
            ),
            Lever::MaxHoursPerItem => row(
                "max_hours_per_item",
                "work.max_hours_per_item_per_day",
                Kind::Amount,
                (0.01, 24.0),
                (0.05, 8.0),
                "hours per item per day",
                Policies,
                (
                    "Max hours per deal a day",
                    "Heures max par affaire et par jour",
                ),
            ),
            Lever::SharedKpis => row(
                "shared_kpis",
                "culture.levers.shared_kpis",
                Kind::Amount,
                SHARE,
                SHARE,
                "share 0–1",
                Culture,
                ("Shared KPIs", "Indicateurs partagés"),
            ),
            Lever::JointPreparationHours => row(
                "joint_preparation_hours",
                "culture.levers.joint_preparation_hours",
                Kind::Amount,
                (0.0, 200.0),
                (0.0, 40.0),
                "hours per quarter",
                Culture,
                (
                    "Joint preparation (h/quarter)",
                    "Préparation commune (h/trimestre)",
                ),
            ),
            Lever::CoachingHours => row(
                "coaching_hours",
                "culture.levers.coaching_hours_per_week",
                Kind::Amount,
                (0.0, 20.0),
                (0.0, 8.0),
                "hours per week",
                Culture,
                ("Coaching (h/week)", "Coaching (h/semaine)"),
            ),
            Lever::TrainingHours => row(
                "training_hours",
                "culture.levers.training_hours_per_week",
                Kind::Amount,
                (0.0, 20.0),
                (0.0, 8.0),
                "hours per week",
                Culture,
                ("Training (h/week)", "Formation (h/semaine)"),
            ),
            Lever::RecognitionProgramme => row(
                "recognition_programme",
                "culture.levers.recognition_programme",
                Kind::Amount,
                SHARE,
                SHARE,
                "intensity 0–1",
                Culture,
                ("Recognition programme", "Programme de reconnaissance"),
            ),
            Lever::TeamIncentiveShare => row(
                "team_incentive_share",
                "culture.levers.team_incentive_share",
                Kind::Amount,
                SHARE,
                SHARE,
                "share 0–1",
                Culture,
                ("Team share of incentives", "Part collective des primes"),
            ),
            Lever::CrmDiscipline => row(
                "crm_discipline",
                "culture.levers.crm_discipline",
                Kind::Amount,
                SHARE,
                SHARE,
                "intensity 0–1",
                Culture,
                ("CRM discipline", "Discipline CRM"),
            ),
            Lever::ChangeSupport => row(
                "change_support",
                "culture.levers.change_support",
                Kind::Amount,
                SHARE,
                SHARE,
                "intensity 0–1",
                Culture,
                ("Change support", "Accompagnement du changement"),
            ),
        }
    }

    /// The name in files (snake case).
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The lever of a name.
    pub fn from_name(name: &str) -> Option<Lever> {
        Lever::ALL.into_iter().find(|l| l.name() == name)
    }

    /// Whether it takes a number (a count or an amount).
    pub fn numeric(self) -> bool {
        matches!(self.spec().kind, Kind::Count(_) | Kind::Amount)
    }

    /// Its label in `language`.
    pub fn label(self, language: Language) -> &'static str {
        let (en, fr) = self.spec().label;
        match language {
            Language::English => en,
            Language::French => fr,
        }
    }
}

/// The value of a lever.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A role split.
    Split(Split),
    /// A headcount.
    Count(i64),
    /// A number.
    Amount(f64),
    /// On or off.
    Switch(bool),
    /// A queue order.
    Order(Priority),
}

/// A lever set to a value: a scripted change, a player's decision, a panel's edit. Written
/// in files as `sellers(6)`, `split(marketing_front)`, `nurture(true)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting {
    lever: Lever,
    value: Value,
}

impl Setting {
    /// `lever` set to `value`; None when the value is not of the lever's kind.
    pub fn new(lever: Lever, value: Value) -> Option<Setting> {
        let fits = matches!(
            (lever.spec().kind, &value),
            (Kind::Split, Value::Split(_))
                | (Kind::Count(_), Value::Count(_))
                | (Kind::Amount, Value::Amount(_))
                | (Kind::Switch, Value::Switch(_))
                | (Kind::Order, Value::Order(_))
        );
        fits.then_some(Setting { lever, value })
    }

    /// A numeric lever set to `x` (rounded for a count); None for the other levers.
    pub fn number(lever: Lever, x: f64) -> Option<Setting> {
        match lever.spec().kind {
            Kind::Count(_) => Setting::new(lever, Value::Count(x.round() as i64)),
            _ => Setting::new(lever, Value::Amount(x)),
        }
    }

    /// A new split.
    pub fn split(split: Split) -> Setting {
        Setting {
            lever: Lever::Split,
            value: Value::Split(split),
        }
    }

    /// The lever it moves.
    pub fn lever(&self) -> Lever {
        self.lever
    }

    /// The value it sets.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The value of a numeric setting.
    pub fn as_number(&self) -> Option<f64> {
        match self.value {
            Value::Count(n) => Some(n as f64),
            Value::Amount(x) => Some(x),
            _ => None,
        }
    }

    /// Read the content of a variant named after `lever`, by the lever's kind.
    fn read<'de, A: VariantAccess<'de>>(lever: Lever, content: A) -> Result<Setting, A::Error> {
        let value = match lever.spec().kind {
            Kind::Split => Value::Split(content.newtype_variant()?),
            Kind::Count(_) => Value::Count(content.newtype_variant()?),
            Kind::Amount => Value::Amount(content.newtype_variant()?),
            Kind::Switch => Value::Switch(content.newtype_variant()?),
            Kind::Order => Value::Order(content.newtype_variant()?),
        };
        Ok(Setting { lever, value })
    }

    fn write<S: Serializer>(&self, enum_name: &'static str, s: S) -> Result<S::Ok, S::Error> {
        let (index, name) = (self.lever as u32, self.lever.name());
        match &self.value {
            Value::Split(x) => s.serialize_newtype_variant(enum_name, index, name, x),
            Value::Count(x) => s.serialize_newtype_variant(enum_name, index, name, x),
            Value::Amount(x) => s.serialize_newtype_variant(enum_name, index, name, x),
            Value::Switch(x) => s.serialize_newtype_variant(enum_name, index, name, x),
            Value::Order(x) => s.serialize_newtype_variant(enum_name, index, name, x),
        }
    }
}

/// A variant's name, read as an identifier (`sellers` in `sellers(6)`).
struct VariantName(String);

impl<'de> Deserialize<'de> for VariantName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<VariantName, D::Error> {
        struct NameVisitor;
        impl Visitor<'_> for NameVisitor {
            type Value = VariantName;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the name of a lever")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<VariantName, E> {
                Ok(VariantName(v.to_owned()))
            }
        }
        d.deserialize_identifier(NameVisitor)
    }
}

impl Serialize for Setting {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.write("Setting", s)
    }
}

impl<'de> Deserialize<'de> for Setting {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Setting, D::Error> {
        struct SettingVisitor;
        impl<'de> Visitor<'de> for SettingVisitor {
            type Value = Setting;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a lever and its value, like `sellers(6)`")
            }
            fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Setting, A::Error> {
                let (name, content) = data.variant::<VariantName>()?;
                match Lever::from_name(&name.0) {
                    Some(lever) => Setting::read(lever, content),
                    None => Err(de::Error::unknown_variant(&name.0, &Lever::NAMES)),
                }
            }
        }
        d.deserialize_enum("lever", &Lever::NAMES, SettingVisitor)
    }
}

/// What a scripted event changes: a lever, or the market and the team around it.
#[derive(Clone, Debug, PartialEq)]
pub enum EventChange {
    /// A lever set to a value (`split(marketing_front)`, `sellers(12)`).
    Set(Setting),
    /// Market demand: the share of emerging needs that still become projects (a recession
    /// sets it below 1).
    Demand(f64),
    /// A competitor's presence in a segment (index): its probability of joining a deal after
    /// the demonstration (`competition(0, 0.5)`).
    Competition(usize, f64),
    /// The most skilled person of a role leaves (replaced after the hiring delay).
    BestLeaves(Role),
}

impl EventChange {
    /// The names of the changes that are not levers.
    const OTHERS: [&'static str; 3] = ["demand", "competition", "best_leaves"];

    /// Every name a change can have: the levers', then the others.
    const NAMES: [&'static str; 19] = {
        let mut names = [""; 19];
        let mut i = 0;
        while i < names.len() {
            names[i] = if i < Lever::NAMES.len() {
                Lever::NAMES[i]
            } else {
                EventChange::OTHERS[i - Lever::NAMES.len()]
            };
            i += 1;
        }
        names
    };
}

impl From<Setting> for EventChange {
    fn from(s: Setting) -> EventChange {
        EventChange::Set(s)
    }
}

impl Serialize for EventChange {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let others = Lever::ALL.len() as u32;
        match self {
            EventChange::Set(setting) => setting.write("EventChange", s),
            EventChange::Demand(x) => {
                s.serialize_newtype_variant("EventChange", others, "demand", x)
            }
            EventChange::Competition(segment, p) => {
                let mut t =
                    s.serialize_tuple_variant("EventChange", others + 1, "competition", 2)?;
                t.serialize_field(segment)?;
                t.serialize_field(p)?;
                t.end()
            }
            EventChange::BestLeaves(r) => {
                s.serialize_newtype_variant("EventChange", others + 2, "best_leaves", r)
            }
        }
    }
}

impl<'de> Deserialize<'de> for EventChange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<EventChange, D::Error> {
        struct ChangeVisitor;
        impl<'de> Visitor<'de> for ChangeVisitor {
            type Value = EventChange;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a lever and its value, or a market change like `demand(0.8)`")
            }
            fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<EventChange, A::Error> {
                let (name, content) = data.variant::<VariantName>()?;
                if let Some(lever) = Lever::from_name(&name.0) {
                    return Setting::read(lever, content).map(EventChange::Set);
                }
                match name.0.as_str() {
                    "demand" => content.newtype_variant().map(EventChange::Demand),
                    "competition" => content.tuple_variant(2, SegmentAndProbability),
                    "best_leaves" => content.newtype_variant().map(EventChange::BestLeaves),
                    _ => Err(de::Error::unknown_variant(&name.0, &EventChange::NAMES)),
                }
            }
        }
        struct SegmentAndProbability;
        impl<'de> Visitor<'de> for SegmentAndProbability {
            type Value = EventChange;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a segment index and a probability, like `competition(0, 0.5)`")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<EventChange, A::Error> {
                let segment = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let p = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                Ok(EventChange::Competition(segment, p))
            }
        }
        d.deserialize_enum("lever", &EventChange::NAMES, ChangeVisitor)
    }
}

/// Where every lever of an organisation stands.
#[derive(Clone, Debug, PartialEq)]
pub struct LeverState {
    /// Owner of each stage.
    pub owners: StageOwners,
    /// Target headcount per role, in `Role::ALL` order.
    pub headcount: [i64; 3],
    /// Marketing budget per week.
    pub budget_per_week: f64,
    /// Queue order.
    pub priority: Priority,
    /// Whether immature accounts are nurtured.
    pub nurture: bool,
    /// Hours cap on one item a day.
    pub max_hours_per_item: f64,
    /// Culture levers.
    pub culture: Levers,
}

impl LeverState {
    /// The organisation a scenario starts with.
    pub fn from_scenario(s: &Scenario) -> LeverState {
        LeverState::starting(s.raw(), s.owners())
    }

    /// The levers a scenario file sets for day 0, with `owners` for its split (validation
    /// reads the numbers before it knows the split is whole).
    pub(super) fn starting(s: &RawScenario, owners: StageOwners) -> LeverState {
        LeverState {
            owners,
            headcount: [s.team.sellers, s.team.marketers, s.team.sdrs],
            budget_per_week: s.costs.marketing_budget_per_week,
            priority: s.work.priority,
            nurture: s.nurture.enabled,
            max_hours_per_item: s.work.max_hours_per_item_per_day,
            culture: s.culture.levers,
        }
    }

    /// `base` starting with these levers, without its scripted events (what-if batches);
    /// refused like a file where these levers leave a stage's role without anyone.
    pub fn as_scenario(&self, base: &Scenario) -> Result<Scenario, Vec<FieldError>> {
        base.modified(|s| {
            s.split = Split::of_owners(&self.owners);
            [s.team.sellers, s.team.marketers, s.team.sdrs] = self.headcount;
            s.costs.marketing_budget_per_week = self.budget_per_week;
            s.work.priority = self.priority;
            s.nurture.enabled = self.nurture;
            s.work.max_hours_per_item_per_day = self.max_hours_per_item;
            s.culture.levers = self.culture;
            s.events.clear();
        })
    }

    /// Where `lever` stands.
    pub fn get(&self, lever: Lever) -> Setting {
        let value = match lever.spec().kind {
            Kind::Split => Value::Split(Split::of_owners(&self.owners)),
            Kind::Count(role) => Value::Count(self.headcount[role.index()]),
            Kind::Switch => Value::Switch(self.nurture),
            Kind::Order => Value::Order(self.priority),
            Kind::Amount => Value::Amount(self.amount(lever)),
        };
        Setting { lever, value }
    }

    /// Move one lever. A split that leaves a stage without owner is refused.
    pub fn set(&mut self, setting: &Setting) -> Result<(), String> {
        match &setting.value {
            Value::Split(split) => {
                self.owners = split
                    .owners()
                    .ok_or("this custom split leaves a stage without owner")?;
            }
            Value::Count(n) => {
                if let Kind::Count(role) = setting.lever.spec().kind {
                    self.headcount[role.index()] = *n;
                }
            }
            Value::Amount(x) => {
                if let Some(v) = self.amount_mut(setting.lever) {
                    *v = *x;
                }
            }
            Value::Switch(on) => self.nurture = *on,
            Value::Order(p) => self.priority = *p,
        }
        Ok(())
    }

    /// The settings that turn `from` into `self`, in [`Lever::ALL`] order.
    pub fn changes_from(&self, from: &LeverState) -> Vec<Setting> {
        Lever::ALL
            .into_iter()
            .filter(|&l| self.differs(from, l))
            .map(|l| self.get(l))
            .collect()
    }

    /// Whether `lever` stands differently in `self` and `other`.
    pub fn differs(&self, other: &LeverState, lever: Lever) -> bool {
        match lever.spec().kind {
            Kind::Split => self.owners != other.owners,
            _ => self.get(lever) != other.get(lever),
        }
    }

    /// The value of an amount lever, read through [`LeverState::amount_mut`] on a copy so
    /// that the list of amount fields is written once.
    fn amount(&self, lever: Lever) -> f64 {
        let mut copy = self.clone();
        copy.amount_mut(lever).map_or(f64::NAN, |v| *v)
    }

    /// The field of an amount lever.
    fn amount_mut(&mut self, lever: Lever) -> Option<&mut f64> {
        let c = &mut self.culture;
        Some(match lever {
            Lever::MarketingBudget => &mut self.budget_per_week,
            Lever::MaxHoursPerItem => &mut self.max_hours_per_item,
            Lever::SharedKpis => &mut c.shared_kpis,
            Lever::JointPreparationHours => &mut c.joint_preparation_hours,
            Lever::CoachingHours => &mut c.coaching_hours_per_week,
            Lever::TrainingHours => &mut c.training_hours_per_week,
            Lever::RecognitionProgramme => &mut c.recognition_programme,
            Lever::TeamIncentiveShare => &mut c.team_incentive_share,
            Lever::CrmDiscipline => &mut c.crm_discipline,
            Lever::ChangeSupport => &mut c.change_support,
            Lever::Split
            | Lever::Sellers
            | Lever::Marketers
            | Lever::Sdrs
            | Lever::Priority
            | Lever::Nurture => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start() -> LeverState {
        LeverState::from_scenario(&Scenario::default())
    }

    #[test]
    fn the_table_is_consistent() {
        let mut names: Vec<_> = Lever::NAMES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Lever::ALL.len());
        for (i, lever) in Lever::ALL.into_iter().enumerate() {
            let spec = lever.spec();
            assert_eq!(lever as usize, i);
            assert_eq!(Lever::from_name(spec.name), Some(lever));
            assert!(!lever.label(Language::French).is_empty());
            if lever.numeric() {
                let ((lo, hi), (a, b)) = (spec.allowed, spec.typical);
                assert!(lo <= a && a < b && b <= hi, "{lever:?}");
                assert!(!spec.unit.is_empty(), "{lever:?}");
            }
        }
    }

    #[test]
    fn every_lever_reads_back_what_was_set_and_only_it_changes() {
        for lever in Lever::ALL {
            let before = start();
            let mut after = before.clone();
            let moved = match before.get(lever).value() {
                Value::Split(_) => Setting::split(Split::SdrBridge),
                Value::Count(n) => Setting::number(lever, (n + 3) as f64).unwrap(),
                Value::Amount(x) => Setting::number(lever, x * 0.5 + 0.125).unwrap(),
                Value::Switch(on) => Setting::new(lever, Value::Switch(!on)).unwrap(),
                Value::Order(p) => {
                    let other = match p {
                        Priority::LatestStageFirst => Priority::NewLeadsFirst,
                        Priority::NewLeadsFirst => Priority::LatestStageFirst,
                    };
                    Setting::new(lever, Value::Order(other)).unwrap()
                }
            };
            after.set(&moved).unwrap();
            assert_eq!(after.get(lever), moved, "{lever:?}");
            assert_eq!(after.changes_from(&before), vec![moved], "{lever:?}");
            assert!(after.changes_from(&after).is_empty());
        }
    }

    #[test]
    fn settings_take_only_their_lever_s_kind() {
        assert!(Setting::new(Lever::Sellers, Value::Amount(2.0)).is_none());
        assert!(Setting::new(Lever::Nurture, Value::Count(1)).is_none());
        assert_eq!(
            Setting::number(Lever::Sellers, 4.6).unwrap().value(),
            &Value::Count(5)
        );
        assert!(Setting::number(Lever::Priority, 1.0).is_none());
        let mut s = start();
        let hole = Split::Custom(Default::default());
        assert!(s.set(&Setting::split(hole)).is_err());
    }

    #[test]
    fn settings_read_and_write_as_lever_calls_in_ron_and_json() {
        let text = "[sellers(5), shared_kpis(0.5), split(sdr_bridge), priority(new_leads_first), nurture(false)]";
        let read: Vec<Setting> = ron::from_str(text).unwrap();
        assert_eq!(read[0], Setting::number(Lever::Sellers, 5.0).unwrap());
        assert_eq!(read[1], Setting::number(Lever::SharedKpis, 0.5).unwrap());
        assert_eq!(
            ron::from_str::<Vec<Setting>>(&ron::to_string(&read).unwrap()).unwrap(),
            read
        );
        let json = serde_json::to_string(&read[..2]).unwrap();
        assert_eq!(json, r#"[{"sellers":5},{"shared_kpis":0.5}]"#);
        assert_eq!(
            serde_json::from_str::<Vec<Setting>>(&json).unwrap(),
            read[..2]
        );
        let wrong = ron::from_str::<Setting>("sellers(true)");
        assert!(wrong.is_err());
        let unknown = ron::from_str::<Setting>("demand(0.5)")
            .unwrap_err()
            .to_string();
        assert!(unknown.contains("demand"), "{unknown}");
    }
}

//! The KPI catalogue (MODEL.md §7): one [`Kpi`] per indicator, with its output name, family,
//! weekly aggregation, unit, direction and localised label. Every output (weekly rows, tables,
//! JSON, CSV, charts, the window, the HTML reports) lists KPIs in [`Kpi::ALL`] order.

use std::ops::{Index, IndexMut};

use crate::i18n::Language;

/// Which family of indicators a KPI belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Volumes, ratios, times and money.
    Quantitative,
    /// The seven culture indices.
    Qualitative,
    /// The weighted mix of both.
    Scorecard,
}

/// How a weekly value is formed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weekly {
    /// Count within the week.
    Count,
    /// Value to date at the week's end.
    ToDate,
    /// Median of the week's own samples.
    WeekMedian,
}

/// Which way a KPI improves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// More is better (projects, wins, culture indices).
    HigherIsBetter,
    /// Less is better (cost, delays, leaks, losses).
    LowerIsBetter,
    /// Neither by itself (a nurture pool, a utilisation, disqualified leads).
    Neutral,
}

impl Direction {
    /// Whether a change of `delta` is an improvement (`Some(true)`), a deterioration
    /// (`Some(false)`), or neither (no change, or a neutral KPI).
    pub fn improves(self, delta: f64) -> Option<bool> {
        match self {
            _ if delta == 0.0 || delta.is_nan() => None,
            Direction::HigherIsBetter => Some(delta > 0.0),
            Direction::LowerIsBetter => Some(delta < 0.0),
            Direction::Neutral => None,
        }
    }
}

/// One indicator. The discriminant is the KPI's position in [`Kpi::ALL`] and in a
/// [`KpiValues`] row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum Kpi {
    EngagedContacts,
    NewProjects,
    InboundProjects,
    OutboundProjects,
    Transmissible,
    TransmissibleRatio,
    SignedContracts,
    Bookings,
    WinRate,
    CloseRate,
    CycleDays,
    CycleDaysP90,
    SpeedToLeadHours,
    UnansweredShare,
    HandoffResponseHours,
    Leakage,
    MissedProjects,
    Nurtured,
    SellingTimeRatio,
    SellerUtilization,
    QuotaAttainment,
    PipelineCoverage,
    Cost,
    CostPerDeal,
    Attrition,
    LostDisqualified,
    LostAtHandoff,
    LostUnanswered,
    LostCold,
    LostToCompetitor,
    LostNoDecision,
    RelationshipQuality,
    CommonLanguage,
    InformationSharing,
    Engagement,
    Valorization,
    Recognition,
    FutureProjection,
    Scorecard,
}

/// Number of KPIs.
pub const KPI_COUNT: usize = 39;

/// Values of every KPI, in [`Kpi::ALL`] order; index it with a [`Kpi`].
pub type KpiValues = [f64; KPI_COUNT];

impl Kpi {
    /// Every KPI, in output order: the volumes and ratios, the losses by reason, the culture
    /// indices, the scorecard.
    pub const ALL: [Kpi; KPI_COUNT] = concat(Kpi::MEASURED, [Kpi::Scorecard]);

    /// Both families without the scorecard.
    const MEASURED: [Kpi; 38] = concat(Kpi::QUANTITATIVE, Kpi::CULTURE);

    /// The quantitative family.
    const QUANTITATIVE: [Kpi; 31] = concat(Kpi::VOLUMES, Kpi::LOST);

    /// The quantitative KPIs before the losses by reason.
    const VOLUMES: [Kpi; 25] = [
        Kpi::EngagedContacts,
        Kpi::NewProjects,
        Kpi::InboundProjects,
        Kpi::OutboundProjects,
        Kpi::Transmissible,
        Kpi::TransmissibleRatio,
        Kpi::SignedContracts,
        Kpi::Bookings,
        Kpi::WinRate,
        Kpi::CloseRate,
        Kpi::CycleDays,
        Kpi::CycleDaysP90,
        Kpi::SpeedToLeadHours,
        Kpi::UnansweredShare,
        Kpi::HandoffResponseHours,
        Kpi::Leakage,
        Kpi::MissedProjects,
        Kpi::Nurtured,
        Kpi::SellingTimeRatio,
        Kpi::SellerUtilization,
        Kpi::QuotaAttainment,
        Kpi::PipelineCoverage,
        Kpi::Cost,
        Kpi::CostPerDeal,
        Kpi::Attrition,
    ];

    /// The seven culture indices (the qualitative family), in output order.
    pub const CULTURE: [Kpi; 7] = [
        Kpi::RelationshipQuality,
        Kpi::CommonLanguage,
        Kpi::InformationSharing,
        Kpi::Engagement,
        Kpi::Valorization,
        Kpi::Recognition,
        Kpi::FutureProjection,
    ];

    /// Losses by reason, in the simulation's `LostReason::ALL` order.
    pub const LOST: [Kpi; 6] = [
        Kpi::LostDisqualified,
        Kpi::LostAtHandoff,
        Kpi::LostUnanswered,
        Kpi::LostCold,
        Kpi::LostToCompetitor,
        Kpi::LostNoDecision,
    ];

    /// Position in [`Kpi::ALL`] and in a [`KpiValues`] row.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The KPI of an output name (`"leakage"`), if there is one.
    pub fn from_name(name: &str) -> Option<Kpi> {
        Kpi::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Output key in tables, JSON, CSV, scenario and challenge files.
    pub fn name(self) -> &'static str {
        match self {
            Kpi::EngagedContacts => "engaged_contacts",
            Kpi::NewProjects => "new_projects",
            Kpi::InboundProjects => "inbound_projects",
            Kpi::OutboundProjects => "outbound_projects",
            Kpi::Transmissible => "transmissible",
            Kpi::TransmissibleRatio => "transmissible_ratio",
            Kpi::SignedContracts => "signed_contracts",
            Kpi::Bookings => "bookings",
            Kpi::WinRate => "win_rate",
            Kpi::CloseRate => "close_rate",
            Kpi::CycleDays => "cycle_days",
            Kpi::CycleDaysP90 => "cycle_days_p90",
            Kpi::SpeedToLeadHours => "speed_to_lead_hours",
            Kpi::UnansweredShare => "unanswered_share",
            Kpi::HandoffResponseHours => "handoff_response_hours",
            Kpi::Leakage => "leakage",
            Kpi::MissedProjects => "missed_projects",
            Kpi::Nurtured => "nurtured",
            Kpi::SellingTimeRatio => "selling_time_ratio",
            Kpi::SellerUtilization => "seller_utilization",
            Kpi::QuotaAttainment => "quota_attainment",
            Kpi::PipelineCoverage => "pipeline_coverage",
            Kpi::Cost => "cost",
            Kpi::CostPerDeal => "cost_per_deal",
            Kpi::Attrition => "attrition",
            Kpi::LostDisqualified => "lost_disqualified",
            Kpi::LostAtHandoff => "lost_at_handoff",
            Kpi::LostUnanswered => "lost_unanswered",
            Kpi::LostCold => "lost_cold",
            Kpi::LostToCompetitor => "lost_to_competitor",
            Kpi::LostNoDecision => "lost_no_decision",
            Kpi::RelationshipQuality => "relationship_quality",
            Kpi::CommonLanguage => "common_language",
            Kpi::InformationSharing => "information_sharing",
            Kpi::Engagement => "engagement",
            Kpi::Valorization => "valorization",
            Kpi::Recognition => "recognition",
            Kpi::FutureProjection => "future_projection",
            Kpi::Scorecard => "scorecard",
        }
    }

    /// Its family.
    pub fn family(self) -> Family {
        match self {
            Kpi::Scorecard => Family::Scorecard,
            k if Kpi::CULTURE.contains(&k) => Family::Qualitative,
            _ => Family::Quantitative,
        }
    }

    /// How its weekly value is formed: counts per week, a median of the week's first
    /// touches, everything else to date.
    pub fn weekly(self) -> Weekly {
        match self {
            Kpi::EngagedContacts
            | Kpi::NewProjects
            | Kpi::InboundProjects
            | Kpi::OutboundProjects
            | Kpi::Transmissible
            | Kpi::SignedContracts
            | Kpi::Bookings
            | Kpi::MissedProjects
            | Kpi::Cost
            | Kpi::Attrition
            | Kpi::LostDisqualified
            | Kpi::LostAtHandoff
            | Kpi::LostUnanswered
            | Kpi::LostCold
            | Kpi::LostToCompetitor
            | Kpi::LostNoDecision => Weekly::Count,
            Kpi::SpeedToLeadHours => Weekly::WeekMedian,
            _ => Weekly::ToDate,
        }
    }

    /// Unit for tables and axes.
    pub fn unit(self) -> &'static str {
        match self {
            Kpi::EngagedContacts => "contacts",
            Kpi::NewProjects
            | Kpi::InboundProjects
            | Kpi::OutboundProjects
            | Kpi::MissedProjects => "projects",
            Kpi::Transmissible => "SQLs",
            Kpi::TransmissibleRatio
            | Kpi::WinRate
            | Kpi::CloseRate
            | Kpi::UnansweredShare
            | Kpi::Leakage
            | Kpi::SellingTimeRatio
            | Kpi::SellerUtilization
            | Kpi::QuotaAttainment => "share",
            Kpi::SignedContracts => "contracts",
            Kpi::Bookings | Kpi::Cost | Kpi::CostPerDeal => "currency",
            Kpi::CycleDays | Kpi::CycleDaysP90 => "working days",
            Kpi::SpeedToLeadHours | Kpi::HandoffResponseHours => "working hours",
            Kpi::Nurtured => "accounts",
            Kpi::PipelineCoverage => "× remaining quota",
            Kpi::Attrition => "people",
            Kpi::LostDisqualified
            | Kpi::LostAtHandoff
            | Kpi::LostUnanswered
            | Kpi::LostCold
            | Kpi::LostToCompetitor
            | Kpi::LostNoDecision => "opportunities",
            Kpi::Scorecard => "score 0–1",
            _ => "index 0–1",
        }
    }

    /// Which way it improves.
    pub fn direction(self) -> Direction {
        match self {
            Kpi::CycleDays
            | Kpi::CycleDaysP90
            | Kpi::SpeedToLeadHours
            | Kpi::UnansweredShare
            | Kpi::HandoffResponseHours
            | Kpi::Leakage
            | Kpi::MissedProjects
            | Kpi::Cost
            | Kpi::CostPerDeal
            | Kpi::Attrition
            | Kpi::LostAtHandoff
            | Kpi::LostUnanswered
            | Kpi::LostCold
            | Kpi::LostToCompetitor
            | Kpi::LostNoDecision => Direction::LowerIsBetter,
            // A good qualification disqualifies poor fits; a pool or a utilisation is
            // neither good nor bad by itself.
            Kpi::LostDisqualified | Kpi::Nurtured | Kpi::SellerUtilization => Direction::Neutral,
            _ => Direction::HigherIsBetter,
        }
    }

    /// Its unit for people, in `language`.
    pub fn unit_label(self, language: Language) -> &'static str {
        let en = self.unit();
        match language {
            Language::English => en,
            Language::French => match en {
                "projects" => "projets",
                "SQLs" => "SQL",
                "share" => "part",
                "contracts" => "contrats",
                "currency" => "devise",
                "working days" => "jours ouvrés",
                "working hours" => "heures ouvrées",
                "accounts" => "comptes",
                "× remaining quota" => "× objectif restant",
                "people" => "personnes",
                "opportunities" => "opportunités",
                "score 0–1" => "score 0–1",
                "index 0–1" => "indice 0–1",
                _ => en,
            },
        }
    }

    /// A value as a person reads it in `language`: shares in percent, counts and money
    /// whole, times with one decimal, indices with two; French writes `1 234,5` and `45 %`.
    pub fn format(self, v: f64, language: Language) -> String {
        if !v.is_finite() {
            return "–".into();
        }
        let percent = match language {
            Language::English => " %",
            Language::French => "\u{202f}%",
        };
        match self.unit() {
            "share" => format!("{}{percent}", language.number(v * 100.0, 0)),
            "index 0–1" | "score 0–1" | "× remaining quota" => language.number(v, 2),
            "working hours" | "working days" => language.number(v, 1),
            _ => language.number(v, 0),
        }
    }

    /// Its name for people, in `language`.
    pub fn label(self, language: Language) -> &'static str {
        let (en, fr) = match self {
            Kpi::EngagedContacts => ("Engaged contacts", "Contacts engagés"),
            Kpi::NewProjects => ("New projects detected", "Nouveaux projets détectés"),
            Kpi::InboundProjects => ("Inbound projects", "Projets entrants"),
            Kpi::OutboundProjects => ("Outbound projects", "Projets sortants"),
            Kpi::Transmissible => ("Transmissible to sales", "Transmissibles aux ventes"),
            Kpi::TransmissibleRatio => (
                "Share transmissible to sales",
                "Part transmissible aux ventes",
            ),
            Kpi::SignedContracts => ("Contracts signed", "Contrats signés"),
            Kpi::Bookings => ("Bookings", "Chiffre signé"),
            Kpi::WinRate => ("Win rate", "Taux de transformation"),
            Kpi::CloseRate => (
                "Close rate (won / closed)",
                "Taux de gain (gagnées / closes)",
            ),
            Kpi::CycleDays => ("Cycle (days)", "Cycle (jours)"),
            Kpi::CycleDaysP90 => (
                "Cycle, 9 in 10 under (days)",
                "Cycle, 9 sur 10 sous (jours)",
            ),
            Kpi::SpeedToLeadHours => ("Speed to lead (hours)", "Délai de réponse (heures)"),
            Kpi::UnansweredShare => ("Unanswered leads", "Leads sans réponse"),
            Kpi::HandoffResponseHours => (
                "Pickup after handoff (hours)",
                "Reprise après relais (heures)",
            ),
            Kpi::Leakage => ("Leakage", "Déperdition"),
            Kpi::MissedProjects => ("Missed projects", "Projets manqués"),
            Kpi::Nurtured => ("Nurtured", "En maturation"),
            Kpi::SellingTimeRatio => ("Selling-time ratio", "Part du temps de vente"),
            Kpi::SellerUtilization => ("Seller utilisation", "Occupation des vendeurs"),
            Kpi::QuotaAttainment => ("Quota attainment", "Atteinte de l'objectif"),
            Kpi::PipelineCoverage => ("Pipeline coverage", "Couverture du pipeline"),
            Kpi::Cost => ("Cost", "Coût"),
            Kpi::CostPerDeal => ("Cost per deal", "Coût par affaire"),
            Kpi::Attrition => ("Attrition", "Départs"),
            Kpi::LostDisqualified => ("Lost: disqualified", "Perdu : disqualifié"),
            Kpi::LostAtHandoff => ("Lost at handoff", "Perdu au relais"),
            Kpi::LostUnanswered => ("Lost: never answered", "Perdu : jamais rappelé"),
            Kpi::LostCold => ("Lost: went cold", "Perdu : refroidi"),
            Kpi::LostToCompetitor => ("Lost to a competitor", "Perdu face à un concurrent"),
            Kpi::LostNoDecision => ("Lost: no decision", "Perdu : sans décision"),
            Kpi::RelationshipQuality => ("Relationship quality", "Qualité de la relation"),
            Kpi::CommonLanguage => ("Common language", "Langage commun"),
            Kpi::InformationSharing => ("Information sharing", "Partage d'information"),
            Kpi::Engagement => ("Engagement", "Engagement"),
            Kpi::Valorization => ("Valorization", "Valorisation"),
            Kpi::Recognition => ("Recognition", "Reconnaissance"),
            Kpi::FutureProjection => ("Projection into the future", "Projection dans l'avenir"),
            Kpi::Scorecard => ("Scorecard", "Score global"),
        };
        match language {
            Language::English => en,
            Language::French => fr,
        }
    }
}

/// `a` then `b`, at compile time (the catalogue's lists are built from their parts).
pub const fn concat<const A: usize, const B: usize, const N: usize>(
    a: [Kpi; A],
    b: [Kpi; B],
) -> [Kpi; N] {
    assert!(A + B == N, "the lengths add up");
    let mut out = [Kpi::Scorecard; N];
    let mut i = 0;
    while i < N {
        out[i] = if i < A { a[i] } else { b[i - A] };
        i += 1;
    }
    out
}

/// Any per-KPI row ([`KpiValues`], a batch's statistics) is indexed by [`Kpi`].
impl<T> Index<Kpi> for [T; KPI_COUNT] {
    type Output = T;

    fn index(&self, k: Kpi) -> &T {
        &self[k.index()]
    }
}

impl<T> IndexMut<Kpi> for [T; KPI_COUNT] {
    fn index_mut(&mut self, k: Kpi) -> &mut T {
        &mut self[k.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_kpi_once_in_declaration_order() {
        for (i, k) in Kpi::ALL.into_iter().enumerate() {
            assert_eq!(k.index(), i, "{k:?}");
            assert_eq!(Kpi::from_name(k.name()), Some(k));
        }
        let mut names: Vec<_> = Kpi::ALL.iter().map(|k| k.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), KPI_COUNT);
        assert_eq!(Kpi::from_name("no_such_kpi"), None);
    }

    #[test]
    fn families_follow_the_output_order() {
        let families: Vec<_> = Kpi::ALL.iter().map(|k| k.family()).collect();
        assert_eq!(families[..31], [Family::Quantitative; 31]);
        assert_eq!(families[31..38], [Family::Qualitative; 7]);
        assert_eq!(families[38], Family::Scorecard);
        assert_eq!(Kpi::CULTURE[6], Kpi::FutureProjection);
        assert_eq!(Kpi::LOST[5], Kpi::LostNoDecision);
        assert_eq!(Kpi::ALL[..25], Kpi::VOLUMES);
    }

    #[test]
    fn labels_are_translated_and_directions_make_sense() {
        for k in Kpi::ALL {
            assert!(!k.label(Language::English).is_empty());
            assert!(!k.label(Language::French).is_empty());
        }
        assert_eq!(Kpi::Leakage.label(Language::French), "Déperdition");
        assert_eq!(Kpi::Leakage.direction(), Direction::LowerIsBetter);
        assert_eq!(Kpi::SignedContracts.direction(), Direction::HigherIsBetter);
        assert!(
            Kpi::CULTURE
                .iter()
                .all(|k| k.direction() == Direction::HigherIsBetter)
        );
        assert_eq!(Kpi::Leakage.direction().improves(-0.1), Some(true));
        assert_eq!(Kpi::WinRate.direction().improves(-0.1), Some(false));
        assert_eq!(Kpi::Nurtured.direction().improves(5.0), None);
        assert_eq!(Kpi::WinRate.direction().improves(0.0), None);
        assert_eq!(Kpi::Cost.weekly(), Weekly::Count);
        assert_eq!(Kpi::SpeedToLeadHours.weekly(), Weekly::WeekMedian);
    }

    #[test]
    fn values_read_as_each_language_writes_numbers() {
        let (en, fr) = (Language::English, Language::French);
        assert_eq!(Kpi::SignedContracts.format(723.0, en), "723");
        assert_eq!(Kpi::SignedContracts.format(0.0, fr), "0");
        assert_eq!(Kpi::Bookings.format(1_234_567.4, en), "1,234,567");
        assert_eq!(
            Kpi::Bookings.format(1_234_567.4, fr),
            "1\u{202f}234\u{202f}567"
        );
        assert_eq!(Kpi::CycleDays.format(31.26, fr), "31,3");
        assert_eq!(Kpi::WinRate.format(0.187, fr), "19\u{202f}%");
        assert_eq!(Kpi::WinRate.format(0.187, en), "19 %");
        assert_eq!(Kpi::Engagement.format(0.5, fr), "0,50");
        assert_eq!(Kpi::Leakage.format(f64::NAN, fr), "–");
        assert_eq!(Language::French.number(-0.04, 1), "0,0");
        assert_eq!(Language::English.number(-1500.0, 0), "-1,500");
        assert_eq!(Kpi::CycleDays.unit_label(fr), "jours ouvrés");
        for k in Kpi::ALL {
            assert!(!k.unit_label(fr).is_empty());
        }
    }

    #[test]
    fn values_are_indexed_by_kpi() {
        let mut v: KpiValues = [0.0; KPI_COUNT];
        v[Kpi::Leakage] = 0.25;
        assert_eq!(v[15], 0.25);
        assert_eq!(v[Kpi::Leakage], 0.25);
    }
}

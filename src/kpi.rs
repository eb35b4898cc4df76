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

    /// What it measures, in one sentence, in `language` (the window's tooltips and glossary).
    pub fn definition(self, language: Language) -> &'static str {
        let (en, fr) = match self {
            Kpi::EngagedContacts => (
                "Contacts who engaged this run: inbound buyers who came to us and outbound touches that answered.",
                "Contacts engagés pendant la période : acheteurs venus d'eux-mêmes et prospects touchés qui ont répondu.",
            ),
            Kpi::NewProjects => (
                "Projects detected: an engaged contact with a real buying need found at detection (or a nurtured need noticed).",
                "Projets détectés : un contact engagé dont la détection trouve un vrai besoin d'achat (ou un besoin mûri en nurturing).",
            ),
            Kpi::InboundProjects => (
                "Projects detected from buyers who came to us.",
                "Projets détectés chez des acheteurs venus d'eux-mêmes.",
            ),
            Kpi::OutboundProjects => (
                "Projects detected from our own prospecting.",
                "Projets détectés grâce à notre prospection.",
            ),
            Kpi::Transmissible => (
                "Projects accepted at qualification (SQLs): passed on to the demonstration.",
                "Projets acceptés à la qualification (SQL) : transmis à la démonstration.",
            ),
            Kpi::TransmissibleRatio => (
                "Share of the projects detected that qualification accepted.",
                "Part des projets détectés que la qualification a acceptés.",
            ),
            Kpi::SignedContracts => (
                "Deals won: contracts signed.",
                "Affaires gagnées : contrats signés.",
            ),
            Kpi::Bookings => (
                "Value signed: each won deal's value after its discount.",
                "Chiffre signé : la valeur de chaque affaire gagnée, remise déduite.",
            ),
            Kpi::WinRate => (
                "Won / (won + lost) among deals that reached a demonstration.",
                "Gagnées / (gagnées + perdues) parmi les affaires arrivées en démonstration.",
            ),
            Kpi::CloseRate => (
                "Won / (won + lost) among projects that ended: a CRM's won / closed.",
                "Gagnées / (gagnées + perdues) parmi les projets terminés : le « gagnées / closes » d'un CRM.",
            ),
            Kpi::CycleDays => (
                "Mean working days from a won deal's first contact to its signature.",
                "Jours ouvrés moyens du premier contact à la signature, pour les affaires gagnées.",
            ),
            Kpi::CycleDaysP90 => (
                "Nine won deals in ten were signed within this many working days: the cycle's spread.",
                "Neuf affaires gagnées sur dix sont signées en moins de ce nombre de jours ouvrés : la dispersion du cycle.",
            ),
            Kpi::SpeedToLeadHours => (
                "Median working hours from a lead's arrival to its first touch (a lead never answered counts its age).",
                "Heures ouvrées médianes entre l'arrivée d'un lead et son premier contact (un lead sans réponse compte son âge).",
            ),
            Kpi::UnansweredShare => (
                "Share of the leads that ended before anyone touched them.",
                "Part des leads terminés avant que quiconque les contacte.",
            ),
            Kpi::HandoffResponseHours => (
                "Median working hours from a handoff to the receiver's first touch: the SLA figure.",
                "Heures ouvrées médianes entre un passage de relais et le premier contact du destinataire : le chiffre du SLA.",
            ),
            Kpi::Leakage => (
                "Share of the leads lost at a handoff or while waiting for us (never answered, gone cold).",
                "Part des leads perdus au passage de relais ou en nous attendant (jamais rappelés, refroidis).",
            ),
            Kpi::MissedProjects => (
                "Buying needs that closed before we ever engaged: they went to the market.",
                "Besoins d'achat refermés avant tout contact de notre part : partis sur le marché.",
            ),
            Kpi::Nurtured => (
                "Accounts engaged with no project yet, kept warm until their need emerges.",
                "Comptes engagés sans projet encore, entretenus jusqu'à ce que leur besoin apparaisse.",
            ),
            Kpi::SellingTimeRatio => (
                "Share of the sellers' worked hours spent qualifying, demonstrating, negotiating and closing.",
                "Part des heures travaillées des vendeurs passée à qualifier, démontrer, négocier et conclure.",
            ),
            Kpi::SellerUtilization => (
                "Sellers' hours worked over their hours available.",
                "Heures travaillées des vendeurs sur leurs heures disponibles.",
            ),
            Kpi::QuotaAttainment => (
                "Bookings over the quota for the period.",
                "Chiffre signé sur l'objectif de la période.",
            ),
            Kpi::PipelineCoverage => (
                "Value of the open qualified deals over the quota still to reach.",
                "Valeur des affaires qualifiées ouvertes sur l'objectif restant à atteindre.",
            ),
            Kpi::Cost => (
                "Salaries and marketing budget spent.",
                "Salaires et budget marketing dépensés.",
            ),
            Kpi::CostPerDeal => (
                "Cost over deals won: what a signature costs.",
                "Coût sur affaires gagnées : ce que coûte une signature.",
            ),
            Kpi::Attrition => (
                "People who left the team (replaced after the hiring delay).",
                "Personnes parties de l'équipe (remplacées après le délai de recrutement).",
            ),
            Kpi::LostDisqualified => (
                "Leads rejected at qualification.",
                "Leads rejetés à la qualification.",
            ),
            Kpi::LostAtHandoff => (
                "Leads lost when passed from one role to another.",
                "Leads perdus au passage d'un rôle à un autre.",
            ),
            Kpi::LostUnanswered => (
                "Leads lost before anyone touched them.",
                "Leads perdus avant tout contact.",
            ),
            Kpi::LostCold => (
                "Deals that went cold waiting for us, or contacts with no project and no room in nurture.",
                "Affaires refroidies en nous attendant, ou contacts sans projet ni place en nurturing.",
            ),
            Kpi::LostToCompetitor => (
                "Deals a competitor won after a demonstration.",
                "Affaires remportées par un concurrent après une démonstration.",
            ),
            Kpi::LostNoDecision => (
                "Deals that ended without a decision: a failed stage, or a buyer who stopped.",
                "Affaires terminées sans décision : une étape échouée, ou un acheteur qui s'arrête.",
            ),
            Kpi::RelationshipQuality => (
                "How sales and marketing work together: falls when marketing's leads are rejected or lost, rises with shared KPIs and shared wins.",
                "La relation entre ventes et marketing : baisse quand les leads du marketing sont rejetés ou perdus, monte avec des indicateurs et des succès partagés.",
            ),
            Kpi::CommonLanguage => (
                "Shared definitions of a lead, a project, a stage: rises with joint preparation, shared KPIs, training and joint work.",
                "Des définitions partagées d'un lead, d'un projet, d'une étape : monte avec la préparation commune, les indicateurs partagés, la formation et le travail en commun.",
            ),
            Kpi::InformationSharing => (
                "What is learned about a buyer reaches whoever works it next: CRM discipline and relationship raise it, losses at handoffs lower it.",
                "Ce que l'on apprend d'un acheteur parvient à qui le traite ensuite : la discipline CRM et la relation l'élèvent, les pertes au relais l'abaissent.",
            ),
            Kpi::Engagement => (
                "Each person's drive for the collective result (the mean shown): rises with their successes and recognition, falls with overload and missed quotas; it sets their hours.",
                "L'élan de chacun pour le résultat collectif (la moyenne affichée) : monte avec ses succès et la reconnaissance, baisse avec la surcharge et les objectifs manqués ; il fixe ses heures.",
            ),
            Kpi::Valorization => (
                "How valued each person feels (the mean shown): coaching, a recognition programme and credit for their work raise it; low, people leave.",
                "Combien chacun se sent valorisé (la moyenne affichée) : le coaching, un programme de reconnaissance et le crédit de son travail l'élèvent ; bas, on part.",
            ),
            Kpi::Recognition => (
                "Success is seen and celebrated: the team's wins of the week and a recognition programme.",
                "Le succès est vu et célébré : les gains de la semaine de l'équipe et un programme de reconnaissance.",
            ),
            Kpi::FutureProjection => (
                "People see a future with the group: rises with results and change support, falls with missed quotas and unexplained reorganisations.",
                "Chacun se projette avec le groupe : monte avec les résultats et l'accompagnement du changement, baisse avec les objectifs manqués et les réorganisations non expliquées.",
            ),
            Kpi::Scorecard => (
                "A weighted mix of both families: attainment, win rate, transmissible share, leakage, speed to lead and the seven culture indices.",
                "Un mélange pondéré des deux familles : atteinte, transformation, part transmissible, déperdition, délai de réponse et les sept indices de culture.",
            ),
        };
        match language {
            Language::English => en,
            Language::French => fr,
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
        match self.unit() {
            "share" => language.percent(v),
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
    fn every_kpi_is_defined_in_both_languages() {
        for k in Kpi::ALL {
            for language in Language::ALL {
                let d = k.definition(language);
                assert!(d.len() > 15 && d != k.label(language), "{k:?} {language:?}");
            }
            assert_ne!(
                k.definition(Language::English),
                k.definition(Language::French)
            );
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

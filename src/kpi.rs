//! The KPI catalogue (MODEL.md §7): names, families and how each one aggregates per week.
//! Every output (table, JSON, CSV, charts) lists KPIs in this order under these names.

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

/// One KPI's definition.
#[derive(Clone, Copy, Debug)]
pub struct KpiDef {
    /// Output key.
    pub name: &'static str,
    /// Family.
    pub family: Family,
    /// Weekly aggregation.
    pub weekly: Weekly,
    /// Unit for tables and axes.
    pub unit: &'static str,
}

const fn q(name: &'static str, weekly: Weekly, unit: &'static str) -> KpiDef {
    KpiDef {
        name,
        family: Family::Quantitative,
        weekly,
        unit,
    }
}

const fn c(name: &'static str) -> KpiDef {
    KpiDef {
        name,
        family: Family::Qualitative,
        weekly: Weekly::ToDate,
        unit: "index 0–1",
    }
}

/// Number of KPIs.
pub const KPI_COUNT: usize = 34;

/// All KPIs, in output order.
pub const KPIS: [KpiDef; KPI_COUNT] = [
    q("engaged_contacts", Weekly::Count, "contacts"),
    q("new_projects", Weekly::Count, "projects"),
    q("inbound_projects", Weekly::Count, "projects"),
    q("outbound_projects", Weekly::Count, "projects"),
    q("transmissible", Weekly::Count, "SQLs"),
    q("transmissible_ratio", Weekly::ToDate, "share"),
    q("signed_contracts", Weekly::Count, "contracts"),
    q("bookings", Weekly::Count, "currency"),
    q("win_rate", Weekly::ToDate, "share"),
    q("cycle_days", Weekly::ToDate, "working days"),
    q("speed_to_lead_hours", Weekly::WeekMedian, "working hours"),
    q("leakage", Weekly::ToDate, "share"),
    q("missed_projects", Weekly::Count, "projects"),
    q("nurtured", Weekly::ToDate, "accounts"),
    q("selling_time_ratio", Weekly::ToDate, "share"),
    q("seller_utilization", Weekly::ToDate, "share"),
    q("quota_attainment", Weekly::ToDate, "share"),
    q("pipeline_coverage", Weekly::ToDate, "× remaining quota"),
    q("cost", Weekly::Count, "currency"),
    q("cost_per_deal", Weekly::ToDate, "currency"),
    q("attrition", Weekly::Count, "people"),
    q("lost_disqualified", Weekly::Count, "opportunities"),
    q("lost_at_handoff", Weekly::Count, "opportunities"),
    q("lost_cold", Weekly::Count, "opportunities"),
    q("lost_to_competitor", Weekly::Count, "opportunities"),
    q("lost_no_decision", Weekly::Count, "opportunities"),
    c("relationship_quality"),
    c("common_language"),
    c("information_sharing"),
    c("engagement"),
    c("valorization"),
    c("recognition"),
    c("future_projection"),
    KpiDef {
        name: "scorecard",
        family: Family::Scorecard,
        weekly: Weekly::ToDate,
        unit: "score 0–1",
    },
];

/// Index of a KPI by name.
pub fn index(name: &str) -> Option<usize> {
    KPIS.iter().position(|k| k.name == name)
}

/// Values of every KPI, in [`KPIS`] order.
pub type KpiValues = [f64; KPI_COUNT];

/// Named indices used by the simulation when it fills a [`KpiValues`].
#[allow(missing_docs)]
pub mod id {
    pub const ENGAGED: usize = 0;
    pub const NEW_PROJECTS: usize = 1;
    pub const INBOUND_PROJECTS: usize = 2;
    pub const OUTBOUND_PROJECTS: usize = 3;
    pub const TRANSMISSIBLE: usize = 4;
    pub const TRANSMISSIBLE_RATIO: usize = 5;
    pub const SIGNED: usize = 6;
    pub const BOOKINGS: usize = 7;
    pub const WIN_RATE: usize = 8;
    pub const CYCLE_DAYS: usize = 9;
    pub const SPEED_TO_LEAD: usize = 10;
    pub const LEAKAGE: usize = 11;
    pub const MISSED: usize = 12;
    pub const NURTURED: usize = 13;
    pub const SELLING_TIME: usize = 14;
    pub const UTILIZATION: usize = 15;
    pub const QUOTA_ATTAINMENT: usize = 16;
    pub const PIPELINE_COVERAGE: usize = 17;
    pub const COST: usize = 18;
    pub const COST_PER_DEAL: usize = 19;
    pub const ATTRITION: usize = 20;
    /// First of the five losses by reason, in `LostReason::ALL` order.
    pub const LOST: usize = 21;
    pub const CULTURE: usize = 26;
    pub const SCORECARD: usize = 33;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_match_names() {
        assert_eq!(KPIS[id::SPEED_TO_LEAD].name, "speed_to_lead_hours");
        assert_eq!(KPIS[id::CULTURE].name, "relationship_quality");
        assert_eq!(KPIS[id::CULTURE + 6].name, "future_projection");
        assert_eq!(KPIS[id::SCORECARD].name, "scorecard");
        assert_eq!(KPIS[id::ATTRITION].name, "attrition");
        assert_eq!(index("leakage"), Some(id::LEAKAGE));
        assert_eq!(KPIS[id::LOST].name, "lost_disqualified");
        assert_eq!(KPIS[id::LOST + 4].name, "lost_no_decision");
    }
}

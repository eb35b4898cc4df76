//! The scorecard (MODEL.md §7): one figure in [0, 1] that mixes both families of indicators
//! with the scenario's weights.

use serde::{Deserialize, Serialize};

use super::qualification::lead_decay;
use crate::kpi::{Kpi, KpiValues};

/// Weights of the scorecard (normalised by their sum).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[allow(missing_docs)]
pub struct Weights {
    pub quota_attainment: f64,
    pub win_rate: f64,
    pub transmissible_ratio: f64,
    pub leakage: f64,
    pub speed_to_lead: f64,
    pub relationship_quality: f64,
    pub common_language: f64,
    pub information_sharing: f64,
    pub engagement: f64,
    pub valorization: f64,
    pub recognition: f64,
    pub future_projection: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            quota_attainment: 0.3,
            win_rate: 0.1,
            transmissible_ratio: 0.1,
            leakage: 0.1,
            speed_to_lead: 0.05,
            relationship_quality: 0.05,
            common_language: 0.05,
            information_sharing: 0.05,
            engagement: 0.05,
            valorization: 0.05,
            recognition: 0.05,
            future_projection: 0.05,
        }
    }
}

/// Weighted mix of both families, each KPI mapped to [0, 1] (higher is better): attainment
/// capped at 1, `1 − leakage`, and speed to lead through the lead-decay curve of
/// `half_life_hours`. No weight at all scores 0.
pub fn scorecard(v: &KpiValues, w: &Weights, half_life_hours: f64) -> f64 {
    let speed = lead_decay(v[Kpi::SpeedToLeadHours], half_life_hours, 0.0);
    let culture = [
        w.relationship_quality,
        w.common_language,
        w.information_sharing,
        w.engagement,
        w.valorization,
        w.recognition,
        w.future_projection,
    ]
    .into_iter()
    .zip(Kpi::CULTURE.map(|k| v[k]));
    let parts: Vec<(f64, f64)> = [
        (w.quota_attainment, v[Kpi::QuotaAttainment].min(1.0)),
        (w.win_rate, v[Kpi::WinRate]),
        (w.transmissible_ratio, v[Kpi::TransmissibleRatio]),
        (w.leakage, 1.0 - v[Kpi::Leakage].min(1.0)),
        (w.speed_to_lead, speed),
    ]
    .into_iter()
    .chain(culture)
    .collect();
    let total: f64 = parts.iter().map(|(w, _)| w).sum();
    if total > 0.0 {
        parts.iter().map(|(w, x)| w * x).sum::<f64>() / total
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::KPI_COUNT;

    fn perfect() -> KpiValues {
        let mut v = [0.0; KPI_COUNT];
        v[Kpi::QuotaAttainment] = 1.4;
        v[Kpi::WinRate] = 1.0;
        v[Kpi::TransmissibleRatio] = 1.0;
        for k in Kpi::CULTURE {
            v[k] = 1.0;
        }
        v
    }

    #[test]
    fn a_perfect_year_scores_one_and_each_shortfall_costs_its_weight() {
        let w = Weights::default();
        assert!((scorecard(&perfect(), &w, 24.0) - 1.0).abs() < 1e-12);
        let mut leaky = perfect();
        leaky[Kpi::Leakage] = 0.5;
        // The default weights sum to 1.
        assert!((scorecard(&leaky, &w, 24.0) - (1.0 - 0.5 * w.leakage)).abs() < 1e-12);
        let mut slow = perfect();
        slow[Kpi::SpeedToLeadHours] = 24.0;
        assert!((scorecard(&slow, &w, 24.0) - (1.0 - 0.5 * w.speed_to_lead)).abs() < 1e-12);
    }

    /// Every weight times `k` (through the weights' field names, so no list is written twice).
    fn scaled(w: &Weights, k: f64) -> Weights {
        let mut v = serde_json::to_value(w).unwrap();
        for x in v.as_object_mut().unwrap().values_mut() {
            *x = (x.as_f64().unwrap() * k).into();
        }
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn weights_are_normalised_and_none_scores_zero() {
        let w = Weights::default();
        let base = scorecard(&perfect(), &w, 24.0);
        assert_eq!(scorecard(&perfect(), &scaled(&w, 2.0), 24.0), base);
        assert_eq!(scorecard(&perfect(), &scaled(&w, 0.0), 24.0), 0.0);
    }
}

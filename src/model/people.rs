//! Learning and attrition of people (MODEL.md §6).

/// Skill after `hours` of practice: `s + rate × hours × (1 − s) × (1 + coaching)`, capped at 1.
pub fn learn(skill: f64, rate: f64, hours: f64, coaching: f64) -> f64 {
    (skill + rate * hours * (1.0 - skill) * (1.0 + coaching)).min(1.0)
}

/// Daily hazard of leaving: the annual rate spread over the year, times
/// `1 + sensitivity × (1 − valorization − future_projection)` (never negative).
/// Low valorization and a dim future make people leave.
pub fn attrition_hazard(
    annual_rate: f64,
    year_days: f64,
    sensitivity: f64,
    valorization: f64,
    future_projection: f64,
) -> f64 {
    if annual_rate <= 0.0 || year_days <= 0.0 {
        return 0.0;
    }
    let factor = (1.0 + sensitivity * (1.0 - valorization - future_projection)).max(0.0);
    (annual_rate / year_days * factor).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learning_approaches_one_faster_with_coaching() {
        let s = learn(0.5, 0.01, 10.0, 0.0);
        assert!((s - 0.55).abs() < 1e-12);
        assert!(learn(0.5, 0.01, 10.0, 1.0) > s);
        assert_eq!(learn(0.99, 1.0, 100.0, 1.0), 1.0);
        assert_eq!(learn(0.5, 0.0, 10.0, 1.0), 0.5);
    }

    #[test]
    fn hazard_grows_when_culture_falls() {
        let mid = attrition_hazard(0.15, 250.0, 1.0, 0.5, 0.5);
        assert!((mid - 0.0006).abs() < 1e-12);
        assert!(attrition_hazard(0.15, 250.0, 1.0, 0.1, 0.1) > mid);
        assert!(attrition_hazard(0.15, 250.0, 1.0, 0.9, 0.9) < mid);
        assert_eq!(attrition_hazard(0.0, 250.0, 1.0, 0.1, 0.1), 0.0);
    }
}

//! Outcome draws of Demonstration, Negotiation and Closing (MODEL.md §5.5–5.7).

/// Demonstration success:
/// `p_demo × skill × q × (0.7 + 0.3 × info) × (0.8 + 0.2 × relationship)`, `q = 1` for a good
/// lead and `bad_lead_factor` for a bad one. Lost information and a cold relationship cost wins.
pub fn demo_success(
    p_demo: f64,
    skill: f64,
    good: bool,
    bad_lead_factor: f64,
    info: f64,
    relationship: f64,
) -> f64 {
    let q = if good { 1.0 } else { bad_lead_factor };
    p_demo * skill * q * (0.7 + 0.3 * info) * (0.8 + 0.2 * relationship)
}

/// Negotiation success: `p_neg × skill × (1 − strength if a competitor is in the deal)`.
pub fn negotiation_success(p_neg: f64, skill: f64, competitor: bool, strength: f64) -> f64 {
    p_neg * skill * if competitor { 1.0 - strength } else { 1.0 }
}

/// Discount conceded: `max_discount × (1 − skill)`.
pub fn discount(max_discount: f64, skill: f64) -> f64 {
    max_discount * (1.0 - skill)
}

/// Closing success: `p_close × skill`.
pub fn closing_success(p_close: f64, skill: f64) -> f64 {
    p_close * skill
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_probabilities() {
        let good = demo_success(0.7, 0.7, true, 0.1, 1.0, 0.5);
        assert!((good - 0.7 * 0.7 * 0.9).abs() < 1e-12);
        assert!(demo_success(0.7, 0.7, false, 0.1, 1.0, 0.5) < good / 5.0);
        assert!(demo_success(0.7, 0.7, true, 0.1, 0.4, 0.5) < good);
        assert!((negotiation_success(0.8, 0.7, true, 0.3) - 0.392).abs() < 1e-12);
        assert!((discount(0.2, 0.7) - 0.06).abs() < 1e-12);
        assert!((closing_success(0.9, 0.7) - 0.63).abs() < 1e-12);
    }
}

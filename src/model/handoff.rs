//! What a handoff costs (MODEL.md §5, "Handoff").

/// Probability that a handed-off opportunity leaks:
/// `leak × (1 − common_language) × (1 − relationship_quality)`. Culture buys it back.
pub fn leak_probability(leak: f64, common_language: f64, relationship_quality: f64) -> f64 {
    leak * (1.0 - common_language) * (1.0 - relationship_quality)
}

/// Discovery information kept through a handoff: `info × (0.4 + 0.6 × information_sharing)`.
pub fn info_after_handoff(info: f64, information_sharing: f64) -> f64 {
    info * (0.4 + 0.6 * information_sharing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn better_culture_leaks_less_and_keeps_more() {
        assert!((leak_probability(0.3, 0.5, 0.5) - 0.075).abs() < 1e-12);
        assert!(leak_probability(0.3, 0.8, 0.5) < leak_probability(0.3, 0.5, 0.5));
        assert_eq!(leak_probability(0.3, 1.0, 0.0), 0.0);
        assert!((info_after_handoff(1.0, 0.5) - 0.7).abs() < 1e-12);
        assert!(info_after_handoff(1.0, 0.9) > info_after_handoff(1.0, 0.5));
    }
}

//! Qualification: lead-response decay and acceptance (MODEL.md §5.4).

use super::ops;

/// Lead decay after `t` working hours: `floor + (1 − floor) × 0.5^(t / half_life)`.
/// Slower response → lower odds of qualifying a good lead.
pub fn lead_decay(t_hours: f64, half_life_hours: f64, floor: f64) -> f64 {
    if half_life_hours <= 0.0 {
        return floor;
    }
    floor + (1.0 - floor) * ops::powf(0.5, t_hours.max(0.0) / half_life_hours)
}

/// Accuracy of one role's judgement: `skill`, times `0.6 + 0.4 × common_language` when the
/// lead arrived through a handoff. A common language makes handed-over leads readable.
pub fn accuracy(skill: f64, after_handoff: bool, common_language: f64) -> f64 {
    if after_handoff {
        skill * (0.6 + 0.4 * common_language)
    } else {
        skill
    }
}

/// Accuracy of a shared qualification: the two views combined, `1 − (1 − a_m)(1 − a_s)`,
/// capped.
pub fn shared_accuracy(marketing: f64, sales: f64, cap: f64) -> f64 {
    (1.0 - (1.0 - marketing) * (1.0 - sales)).min(cap)
}

/// Probability of acceptance: `accuracy × decay` for a good lead, `1 − accuracy` for a bad one.
pub fn acceptance_probability(good: bool, accuracy: f64, decay: f64) -> f64 {
    if good {
        accuracy * decay
    } else {
        1.0 - accuracy
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decay_halves_toward_floor() {
        assert_eq!(lead_decay(0.0, 24.0, 0.3), 1.0);
        assert!((lead_decay(24.0, 24.0, 0.3) - 0.65).abs() < 1e-12);
        assert!((lead_decay(1e9, 24.0, 0.3) - 0.3).abs() < 1e-9);
    }

    #[test]
    fn common_language_restores_accuracy_after_handoff() {
        assert_eq!(accuracy(0.7, false, 0.0), 0.7);
        assert!((accuracy(0.7, true, 0.0) - 0.42).abs() < 1e-12);
        assert!(accuracy(0.7, true, 0.9) > accuracy(0.7, true, 0.3));
    }

    #[test]
    fn shared_view_is_better_but_capped() {
        assert!((shared_accuracy(0.5, 0.5, 0.98) - 0.75).abs() < 1e-12);
        assert_eq!(shared_accuracy(0.99, 0.99, 0.98), 0.98);
    }

    #[test]
    fn acceptance_of_good_and_bad() {
        assert!((acceptance_probability(true, 0.8, 0.5) - 0.4).abs() < 1e-12);
        assert!((acceptance_probability(false, 0.8, 0.5) - 0.2).abs() < 1e-12);
    }
}

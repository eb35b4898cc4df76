//! A person's hours in a day (MODEL.md §4.3), ramp-up of new hires and the decay of the
//! transition penalty after a reorganisation (§6).

use super::ops;

/// Hours a person can work today:
/// `nominal × (0.8 + 0.4 × engagement) × ramp × (1 − transition) − overhead`, never negative.
/// More engagement → more hours; ramp-up and transition stress → fewer.
pub fn daily_hours(
    nominal: f64,
    engagement: f64,
    ramp: f64,
    transition: f64,
    overhead: f64,
) -> f64 {
    (nominal * (0.8 + 0.4 * engagement) * ramp * (1.0 - transition) - overhead).max(0.0)
}

/// Ramp factor of someone `tenure_days` into the job: linear from `start` to 1 over `ramp_days`.
pub fn ramp(tenure_days: f64, ramp_days: f64, start: f64) -> f64 {
    if ramp_days <= 0.0 || tenure_days >= ramp_days {
        1.0
    } else {
        start + (1.0 - start) * (tenure_days.max(0.0) / ramp_days)
    }
}

/// The factor that takes a transition penalty to the next day's: it halves every
/// `half_life_days / (1 + speedup × coaching)`. Coaching shortens the dip. The same for
/// everyone on a given day, so computed once a day.
pub fn transition_decay(half_life_days: f64, speedup: f64, coaching: f64) -> f64 {
    if half_life_days <= 0.0 {
        return 0.0;
    }
    let half_life = half_life_days / (1.0 + speedup * coaching);
    ops::powf(0.5, 1.0 / half_life)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_person_has_nominal_hours() {
        assert_eq!(daily_hours(8.0, 0.5, 1.0, 0.0, 0.0), 8.0);
        assert!(daily_hours(8.0, 0.9, 1.0, 0.0, 0.0) > daily_hours(8.0, 0.1, 1.0, 0.0, 0.0));
        assert!(daily_hours(8.0, 0.5, 1.0, 0.3, 0.0) < 8.0);
        assert_eq!(daily_hours(8.0, 0.5, 1.0, 0.0, 20.0), 0.0);
    }

    #[test]
    fn ramp_runs_from_start_to_one() {
        assert_eq!(ramp(0.0, 60.0, 0.3), 0.3);
        assert!((ramp(30.0, 60.0, 0.3) - 0.65).abs() < 1e-12);
        assert_eq!(ramp(90.0, 60.0, 0.3), 1.0);
        assert_eq!(ramp(0.0, 0.0, 0.3), 1.0);
    }

    #[test]
    fn transition_halves_and_coaching_speeds_it() {
        let daily = transition_decay(30.0, 1.0, 0.0);
        let t = (0..30).fold(0.4, |t, _| t * daily);
        assert!((t - 0.2).abs() < 1e-9);
        assert!(transition_decay(30.0, 1.0, 1.0) < daily);
        assert_eq!(0.4 * transition_decay(0.0, 1.0, 0.0), 0.0);
    }
}

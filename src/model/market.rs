//! Buyers and outreach: inbound attraction, outbound touches, engagement and the quarterly
//! preparation that sets targeting and message (MODEL.md §4.2, §5.1, §5.2).

use super::calendar;
use super::dist;
use super::ops;
use super::rng::SimRng;

/// Marketing presence (dimensionless, 1 = the scenario's reference level): budget and last
/// week's campaign hours, each over its reference (a reference of 0 switches that term off).
pub fn presence(
    budget_per_week: f64,
    budget_reference: f64,
    campaign_hours: f64,
    hours_reference: f64,
) -> f64 {
    let budget = if budget_reference > 0.0 {
        budget_per_week / budget_reference
    } else {
        0.0
    };
    let hours = if hours_reference > 0.0 {
        campaign_hours / hours_reference
    } else {
        0.0
    };
    budget + hours
}

/// Daily probability scale of inbound search: `base + gain × presence / (1 + presence)`,
/// saturating in presence.
pub fn attraction(base: f64, gain: f64, presence: f64) -> f64 {
    (base + gain * ops::hyperbolic(presence, 1.0)).clamp(0.0, 1.0)
}

/// Daily probability that an in-market buyer comes inbound: `autonomy × attraction`.
pub fn inbound_probability(autonomy: f64, attraction: f64) -> f64 {
    autonomy * attraction
}

/// Reach of one marketing hour relative to the reference budget: `2b / (1 + b)` with
/// `b = budget / reference` (1 at the reference, 0 with no budget, at most 2); 1 when
/// the scenario sets no reference.
pub fn campaign_reach(budget_per_week: f64, budget_reference: f64) -> f64 {
    if budget_reference <= 0.0 {
        1.0
    } else {
        2.0 * ops::hyperbolic(budget_per_week / budget_reference, 1.0)
    }
}

/// Whole touches made in `hours` (a fraction of a touch is not made).
pub fn touches(hours: f64, touches_per_hour: f64, reach: f64) -> u64 {
    let t = hours * touches_per_hour * reach;
    if t.is_finite() && t > 0.0 {
        t as u64
    } else {
        0
    }
}

/// Probability that a touch engages: `engage × (0.3 + 0.7 × fit) × message`.
pub fn engage_probability(engage: f64, fit: f64, message: f64) -> f64 {
    (engage * (0.3 + 0.7 * fit) * message).clamp(0.0, 1.0)
}

/// Quality of the quarter's preparation: `saturate(hours per participant)`, scaled by
/// `single_role_factor` unless both sales and marketing took part.
pub fn preparation_quality(
    hours_per_person: f64,
    saturation_hours: f64,
    both_roles: bool,
    single_role_factor: f64,
) -> f64 {
    let q = ops::saturate(hours_per_person, saturation_hours);
    if both_roles {
        q
    } else {
        q * single_role_factor
    }
}

/// Linear interpolation `lo + (hi − lo) × q`.
pub fn lerp(lo: f64, hi: f64, q: f64) -> f64 {
    lo + (hi - lo) * q
}

/// How a segment's accounts are drawn (MODEL.md §3, `Account`): fit ~ Beta(`fit_alpha`, `fit_beta`),
/// value lognormal (`value_median`, `value_sigma`), a need with probability `need_share` on a
/// day of [`need_days.0`, `need_days.1`), uniform or weighted by 5-day week.
#[derive(Clone, Copy, Debug)]
pub struct AccountLaw<'a> {
    /// Beta α of the fit.
    pub fit_alpha: f64,
    /// Beta β of the fit.
    pub fit_beta: f64,
    /// Median deal value.
    pub value_median: f64,
    /// Log-scale spread of the value.
    pub value_sigma: f64,
    /// Probability that the account's need emerges during the run.
    pub need_share: f64,
    /// Needs emerge on days [first, last); first < last.
    pub need_days: (u32, u32),
    /// Relative weight of each 5-day week of `need_days` (empty: uniform).
    pub need_weights: &'a [f64],
}

/// One account as drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AccountDraw {
    /// Fit with the ideal customer profile, in [0, 1].
    pub fit: f64,
    /// Value of a deal with this account.
    pub value: f64,
    /// The day its need emerges, if it has one.
    pub need_day: Option<u32>,
}

/// Draw one account: fit, value, whether it has a need and its day, in this order. Every
/// draw is always made, so the stream does not depend on `need_share`.
pub fn draw_account(rng: &mut SimRng, law: &AccountLaw) -> AccountDraw {
    let (first, last) = law.need_days;
    let fit = dist::beta(rng, law.fit_alpha, law.fit_beta);
    let value = dist::lognormal(rng, law.value_median, law.value_sigma);
    let has_need = rng.chance(law.need_share);
    let day = first
        + if law.need_weights.is_empty() {
            rng.below((last - first) as usize) as u32
        } else {
            weighted_day(rng, law.need_weights, last - first)
        };
    AccountDraw {
        fit,
        value,
        need_day: has_need.then_some(day),
    }
}

/// A day of a `span`-day range whose 5-day weeks weigh `weights`: the week by one uniform
/// draw against the cumulated weights, the day within it uniformly.
fn weighted_day(rng: &mut SimRng, weights: &[f64], span: u32) -> u32 {
    let total: f64 = weights.iter().sum();
    let mut u = rng.unit() * total;
    // Rounding can leave u past the last weight: the last week that weighs anything.
    let mut week = weights.iter().rposition(|&w| w > 0.0).unwrap_or(0);
    for (w, &weight) in weights.iter().enumerate() {
        if u < weight {
            week = w;
            break;
        }
        u -= weight;
    }
    let start = calendar::week_start(week as u32);
    let len = calendar::DAYS_PER_WEEK.min(span - start);
    start + rng.below(len as usize) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engagement_grows_with_fit_and_message() {
        assert!((engage_probability(0.1, 0.0, 1.0) - 0.03).abs() < 1e-12);
        assert!((engage_probability(0.1, 1.0, 1.0) - 0.1).abs() < 1e-12);
        assert!(engage_probability(0.1, 0.5, 1.2) > engage_probability(0.1, 0.5, 1.0));
    }

    #[test]
    fn attraction_saturates() {
        assert_eq!(attraction(0.2, 0.0, 5.0), 0.2);
        assert!((attraction(0.1, 0.2, 1.0) - 0.2).abs() < 1e-12);
        assert!(attraction(0.1, 0.2, 100.0) < 0.3);
    }

    #[test]
    fn touches_floor_fractions() {
        assert_eq!(touches(0.5, 3.0, 1.0), 1);
        assert_eq!(touches(0.3, 3.0, 1.0), 0);
        assert_eq!(touches(2.0, 30.0, 0.0), 0);
        assert_eq!(campaign_reach(5.0, 5.0), 1.0);
        assert_eq!(campaign_reach(0.0, 5.0), 0.0);
        assert_eq!(campaign_reach(123.0, 0.0), 1.0);
    }

    #[test]
    fn joint_preparation_beats_one_role() {
        let both = preparation_quality(8.0, 8.0, true, 0.6);
        let one = preparation_quality(8.0, 8.0, false, 0.6);
        assert!(both > one && one > 0.0);
        assert_eq!(preparation_quality(0.0, 8.0, true, 0.6), 0.0);
    }

    #[test]
    fn weighted_days_follow_the_weeks_weights() {
        let mut rng = SimRng::new(7);
        // 12 days: weeks [0,5), [5,10), [10,12); the middle week weighs nothing.
        let weights = [1.0, 0.0, 3.0];
        let mut per_week = [0u32; 3];
        for _ in 0..40_000 {
            let d = weighted_day(&mut rng, &weights, 12);
            assert!(d < 12);
            per_week[(d / 5) as usize] += 1;
        }
        assert_eq!(per_week[1], 0);
        let ratio = f64::from(per_week[2]) / f64::from(per_week[0]);
        assert!((ratio - 3.0).abs() < 0.15, "ratio {ratio}");
    }
}

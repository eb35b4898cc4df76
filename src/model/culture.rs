//! The seven culture indices, their weekly move toward targets, and the shock of a
//! reorganisation (MODEL.md §6). Targets are linear in their drivers with weights taken
//! from the scenario, then clamped to [0, 1].

use serde::{Deserialize, Serialize};

/// The seven indices, each in [0, 1].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Indices {
    /// Sales ↔ marketing relationship quality.
    pub relationship_quality: f64,
    /// A common language (shared definitions of MQL, SQL, stages).
    pub common_language: f64,
    /// Information sharing (CRM, notes, context passed on).
    pub information_sharing: f64,
    /// Engagement for collective success.
    pub engagement: f64,
    /// Valorization of individuals.
    pub valorization: f64,
    /// Recognition of success.
    pub recognition: f64,
    /// Projection into the future with the group.
    pub future_projection: f64,
}

impl Default for Indices {
    fn default() -> Self {
        Indices {
            relationship_quality: 0.5,
            common_language: 0.5,
            information_sharing: 0.5,
            engagement: 0.5,
            valorization: 0.5,
            recognition: 0.5,
            future_projection: 0.5,
        }
    }
}

impl Indices {
    /// Values in the order of the catalogue's culture indices, [`crate::kpi::Kpi::CULTURE`].
    pub fn values(&self) -> [f64; 7] {
        [
            self.relationship_quality,
            self.common_language,
            self.information_sharing,
            self.engagement,
            self.valorization,
            self.recognition,
            self.future_projection,
        ]
    }

    fn values_mut(&mut self) -> [&mut f64; 7] {
        [
            &mut self.relationship_quality,
            &mut self.common_language,
            &mut self.information_sharing,
            &mut self.engagement,
            &mut self.valorization,
            &mut self.recognition,
            &mut self.future_projection,
        ]
    }
}

/// Management levers that act on culture (scenario or player decisions).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Levers {
    /// Sales and marketing share KPIs, 0 (no) to 1 (fully).
    pub shared_kpis: f64,
    /// Hours per person per quarter of joint preparation (MODEL.md §5.1).
    pub joint_preparation_hours: f64,
    /// Coaching hours per person per week (taken from selling time).
    pub coaching_hours_per_week: f64,
    /// Training hours per person per week (taken from selling time).
    pub training_hours_per_week: f64,
    /// A recognition programme, 0 (none) to 1 (strong).
    pub recognition_programme: f64,
    /// Share of incentives paid on team results, 0 to 1.
    pub team_incentive_share: f64,
    /// CRM discipline, 0 to 1.
    pub crm_discipline: f64,
    /// Change support (explanation, accompaniment) in a reorganisation, 0 to 1.
    pub change_support: f64,
}

impl Default for Levers {
    fn default() -> Self {
        Levers {
            shared_kpis: 0.0,
            joint_preparation_hours: 4.0,
            coaching_hours_per_week: 1.0,
            training_hours_per_week: 0.5,
            recognition_programme: 0.0,
            team_incentive_share: 0.2,
            crm_discipline: 0.5,
            change_support: 0.5,
        }
    }
}

/// Weights of the target formulas (each `<index>_<driver>`), and the hour scale that turns
/// coaching and training hours into a [0, 1) effort (`h / (h + hours_reference)`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[allow(missing_docs)]
pub struct Weights {
    pub hours_reference: f64,
    pub relationship_base: f64,
    pub relationship_shared_kpis: f64,
    pub relationship_common_language: f64,
    pub relationship_rejections: f64,
    pub relationship_information_sharing: f64,
    pub language_base: f64,
    pub language_preparation: f64,
    pub language_shared_kpis: f64,
    pub language_training: f64,
    pub language_transition: f64,
    pub sharing_base: f64,
    pub sharing_crm: f64,
    pub sharing_relationship: f64,
    pub engagement_base: f64,
    pub engagement_recognition: f64,
    pub engagement_team_incentives: f64,
    pub engagement_valorization: f64,
    pub engagement_transition: f64,
    pub engagement_shortfall: f64,
    pub valorization_base: f64,
    pub valorization_coaching: f64,
    pub valorization_programme: f64,
    pub recognition_base: f64,
    pub recognition_programme: f64,
    pub recognition_attainment: f64,
    pub projection_base: f64,
    pub projection_change_support: f64,
    pub projection_attainment: f64,
    pub projection_shortfall: f64,
    pub projection_transition: f64,
    pub relationship_shared_wins: f64,
    pub language_joint_work: f64,
    pub language_relationship: f64,
    pub sharing_info_lost: f64,
    pub engagement_success: f64,
    pub engagement_overload: f64,
    pub valorization_credit: f64,
    pub projection_trend: f64,
}

impl Default for Weights {
    fn default() -> Self {
        // Chosen so that the default levers hold every index near 0.5 when the quota is met.
        Weights {
            hours_reference: 2.0,
            relationship_base: 0.35,
            relationship_shared_kpis: 0.30,
            relationship_common_language: 0.30,
            relationship_rejections: 0.40,
            relationship_information_sharing: 0.20,
            language_base: 0.25,
            language_preparation: 0.25,
            language_shared_kpis: 0.25,
            language_training: 0.30,
            language_transition: 0.60,
            sharing_base: 0.15,
            sharing_crm: 0.40,
            sharing_relationship: 0.30,
            engagement_base: 0.25,
            engagement_recognition: 0.20,
            engagement_team_incentives: 0.25,
            engagement_valorization: 0.20,
            engagement_transition: 0.80,
            engagement_shortfall: 0.30,
            valorization_base: 0.30,
            valorization_coaching: 0.45,
            valorization_programme: 0.30,
            recognition_base: 0.20,
            recognition_programme: 0.40,
            recognition_attainment: 0.30,
            projection_base: 0.25,
            projection_change_support: 0.20,
            projection_attainment: 0.25,
            projection_shortfall: 0.30,
            projection_transition: 0.60,
            relationship_shared_wins: 0.20,
            language_joint_work: 0.30,
            language_relationship: 0.20,
            sharing_info_lost: 0.30,
            engagement_success: 0.40,
            engagement_overload: 0.30,
            valorization_credit: 0.40,
            projection_trend: 0.20,
        }
    }
}

/// What the organisation did and got lately: the drivers of the targets. Event drivers
/// (MODEL.md §9.4) are smoothed over `tau_weeks` by the simulation.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Drivers {
    /// Quality of the last quarterly preparation, [0, 1].
    pub preparation_quality: f64,
    /// Share of marketing's leads (brought or handed over) lost at a handoff, unanswered,
    /// gone cold before qualification or rejected at it, [0, 1].
    pub rejection_share: f64,
    /// Mean transition penalty across people, [0, 1].
    pub transition: f64,
    /// Quota pace of the current quarter, capped at 1.
    pub attainment: f64,
    /// Shortfall of the last completed quarter, `max(0, 1 − attainment)`.
    pub shortfall: f64,
    /// Share of won deals that crossed a handoff (shared wins), [0, 1].
    pub shared_win_share: f64,
    /// Hours of joint work (Shared stages) over the hours of Detection and Qualification,
    /// [0, 1].
    pub joint_work: f64,
    /// Mean information lost at a handoff (1 − info kept), [0, 1].
    pub info_lost: f64,
    /// The team's bookings of the week over the week's quota, capped at 1.
    pub week_wins: f64,
    /// The last 4 weeks' bookings minus the 4 weeks' before, over 4 weeks' quota, in [−1, 1].
    pub trend: f64,
}

/// What one person did and got lately: the drivers of their own engagement and valorization.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PersonDrivers {
    /// Share of their finished phases that went on or won, [0, 1] (½ with none yet).
    pub success: f64,
    /// How far their queue's hours exceed what they can clear in `overload_days`, [0, 1].
    pub overload: f64,
    /// Share of their work credited: the leads they handed over that were accepted (marketing,
    /// SDR), the deals they ended that were won (sales), [0, 1] (½ with none yet).
    pub credit: f64,
    /// Their transition penalty, [0, 1].
    pub transition: f64,
}

impl Default for PersonDrivers {
    fn default() -> Self {
        PersonDrivers {
            success: 0.5,
            overload: 0.0,
            credit: 0.5,
            transition: 0.0,
        }
    }
}

/// A person's own engagement and valorization targets, from the organisation's levers and
/// drivers and their own (MODEL.md §9.4): the organisation's formulas with the person's own
/// valorization and transition, plus their successes, overload and credit, each success or
/// credit share counted from ½.
pub fn person_targets(
    org: &Indices,
    own_valorization: f64,
    levers: &Levers,
    d: &Drivers,
    p: &PersonDrivers,
    w: &Weights,
) -> (f64, f64) {
    let engagement = shared_engagement(
        org.recognition,
        own_valorization,
        p.transition,
        levers,
        d,
        w,
    ) + w.engagement_success * (p.success - 0.5)
        - w.engagement_overload * p.overload;
    let valorization = shared_valorization(levers, w) + w.valorization_credit * (p.credit - 0.5);
    (engagement.clamp(0.0, 1.0), valorization.clamp(0.0, 1.0))
}

/// Engagement's target from what everyone shares (recognition, incentives, the quota
/// shortfall), with the `valorization` and `transition` of whoever it is for; unclamped.
fn shared_engagement(
    recognition: f64,
    valorization: f64,
    transition: f64,
    levers: &Levers,
    d: &Drivers,
    w: &Weights,
) -> f64 {
    w.engagement_base
        + w.engagement_recognition * recognition
        + w.engagement_team_incentives * levers.team_incentive_share
        + w.engagement_valorization * valorization
        - w.engagement_transition * transition
        - w.engagement_shortfall * d.shortfall
}

/// Valorization's target from the levers everyone shares (coaching, a recognition
/// programme); unclamped.
fn shared_valorization(levers: &Levers, w: &Weights) -> f64 {
    w.valorization_base
        + w.valorization_coaching * effort(levers.coaching_hours_per_week, w)
        + w.valorization_programme * levers.recognition_programme
}

/// Share of a queue's work hours beyond what `hours_per_day` clear in `overload_days`
/// (0 when they can; 1 when the queue holds twice that or more).
pub fn overload(queue_hours: f64, hours_per_day: f64, overload_days: f64) -> f64 {
    let room = hours_per_day * overload_days;
    if room <= 0.0 {
        return 0.0;
    }
    (queue_hours / room - 1.0).clamp(0.0, 1.0)
}

/// One week's move of a smoothed value: `now` goes a `1/tau` of the way toward `target`
/// (MODEL.md §6: I += (target − I) / tau; tau at least one week).
pub fn relax(now: f64, target: f64, tau_weeks: f64) -> f64 {
    now + (target - now) / tau_weeks.max(1.0)
}

/// A smoothed share: `now` moves a `1/tau` of the way toward this week's `hits / of`, and
/// stays where it is in a week with nothing to count.
pub fn smooth_share(now: f64, hits: f64, of: f64, tau_weeks: f64) -> f64 {
    if of <= 0.0 {
        return now;
    }
    relax(now, (hits / of).clamp(0.0, 1.0), tau_weeks)
}

/// Normalised effort of `hours` a week.
pub fn effort(hours: f64, w: &Weights) -> f64 {
    super::ops::hyperbolic(hours, w.hours_reference)
}

/// The targets the indices move toward this week, each clamped to [0, 1]. Engagement and
/// valorization here are the organisation's formulas without anyone's own events (the
/// simulation moves each person's with [`person_targets`] and reports their mean).
pub fn targets(now: &Indices, levers: &Levers, d: &Drivers, w: &Weights) -> Indices {
    let training = effort(levers.training_hours_per_week, w);
    let t = Indices {
        relationship_quality: w.relationship_base
            + w.relationship_shared_kpis * levers.shared_kpis
            + w.relationship_common_language * now.common_language
            + w.relationship_information_sharing * now.information_sharing
            - w.relationship_rejections * d.rejection_share
            + w.relationship_shared_wins * d.shared_win_share,
        common_language: w.language_base
            + w.language_preparation * d.preparation_quality
            + w.language_shared_kpis * levers.shared_kpis
            + w.language_training * training
            - w.language_transition * d.transition * (1.0 - levers.change_support)
            + w.language_joint_work * (d.joint_work - 0.25)
            + w.language_relationship * (now.relationship_quality - 0.5),
        information_sharing: w.sharing_base
            + w.sharing_crm * levers.crm_discipline
            + w.sharing_relationship * now.relationship_quality
            - w.sharing_info_lost * d.info_lost,
        engagement: shared_engagement(
            now.recognition,
            now.valorization,
            d.transition,
            levers,
            d,
            w,
        ),
        valorization: shared_valorization(levers, w),
        recognition: w.recognition_base
            + w.recognition_programme * levers.recognition_programme * d.week_wins
            + w.recognition_attainment * d.week_wins,
        future_projection: w.projection_base
            + w.projection_change_support * levers.change_support
            + w.projection_attainment * d.attainment
            - w.projection_shortfall * d.shortfall
            - w.projection_transition * d.transition * (1.0 - levers.change_support)
            + w.projection_trend * d.trend,
    };
    clamp_all(t)
}

fn clamp_all(mut i: Indices) -> Indices {
    for v in i.values_mut() {
        *v = v.clamp(0.0, 1.0);
    }
    i
}

/// One weekly step: `I += (target − I) / tau`.
pub fn step(now: &Indices, target: &Indices, tau_weeks: f64) -> Indices {
    let mut next = *now;
    for (v, t) in next.values_mut().into_iter().zip(target.values()) {
        *v = relax(*v, t, tau_weeks);
    }
    clamp_all(next)
}

/// The immediate dip of a reorganisation: common language, engagement and future projection
/// fall by `shock × (1 − change_support)`.
pub fn reorganisation_shock(now: &Indices, shock: f64, change_support: f64) -> Indices {
    let hit = shock_hit(shock, change_support);
    clamp_all(Indices {
        common_language: now.common_language - hit,
        engagement: now.engagement - hit,
        future_projection: now.future_projection - hit,
        ..*now
    })
}

/// How far a reorganisation's shock lowers an index: `shock × (1 − change_support)` (each
/// person's own engagement takes it too).
pub fn shock_hit(shock: f64, change_support: f64) -> f64 {
    shock * (1.0 - change_support)
}

/// Transition penalty of a person whose duties changed:
/// `disruption × (1 − change_support) × (1.5 − future_projection)`; low projection deepens the dip.
pub fn transition_penalty(disruption: f64, change_support: f64, future_projection: f64) -> f64 {
    (disruption * (1.0 - change_support) * (1.5 - future_projection)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_and_value_order_are_the_catalogue_s() {
        let mut each = Indices::default();
        for (i, x) in each.values_mut().into_iter().enumerate() {
            *x = i as f64 / 10.0;
        }
        let text = ron::to_string(&each).unwrap();
        for (i, k) in crate::kpi::Kpi::CULTURE.into_iter().enumerate() {
            assert!(
                text.contains(&format!("{}:{}", k.name(), i as f64 / 10.0)),
                "{text}"
            );
            assert_eq!(each.values()[i], i as f64 / 10.0);
        }
    }

    #[test]
    fn defaults_hold_near_the_middle() {
        let d = Drivers {
            preparation_quality: 0.4,
            rejection_share: 0.3,
            attainment: 1.0,
            week_wins: 1.0,
            joint_work: 0.25,
            ..Default::default()
        };
        let t = targets(
            &Indices::default(),
            &Levers::default(),
            &d,
            &Weights::default(),
        );
        for v in t.values() {
            assert!((0.3..=0.75).contains(&v), "{t:?}");
        }
    }

    #[test]
    fn levers_push_their_indices_up() {
        let w = Weights::default();
        let d = Drivers::default();
        let base = targets(&Indices::default(), &Levers::default(), &d, &w);
        let strong = Levers {
            shared_kpis: 1.0,
            crm_discipline: 1.0,
            recognition_programme: 1.0,
            coaching_hours_per_week: 4.0,
            ..Default::default()
        };
        let up = targets(&Indices::default(), &strong, &d, &w);
        assert!(up.relationship_quality > base.relationship_quality);
        assert!(up.common_language > base.common_language);
        assert!(up.information_sharing > base.information_sharing);
        assert!(up.valorization > base.valorization);
    }

    #[test]
    fn events_move_the_indices_they_name() {
        let w = Weights::default();
        let (i, l) = (Indices::default(), Levers::default());
        let calm = Drivers::default();
        let t = |d: &Drivers| targets(&i, &l, d, &w);
        let leaky = Drivers {
            rejection_share: 0.6,
            info_lost: 0.5,
            ..calm
        };
        assert!(t(&leaky).relationship_quality < t(&calm).relationship_quality);
        assert!(t(&leaky).information_sharing < t(&calm).information_sharing);
        let shared = Drivers {
            shared_win_share: 1.0,
            joint_work: 0.6,
            ..calm
        };
        assert!(t(&shared).relationship_quality > t(&calm).relationship_quality);
        assert!(t(&shared).common_language > t(&calm).common_language);
        let rising = Drivers {
            trend: 0.5,
            week_wins: 1.0,
            ..calm
        };
        assert!(t(&rising).future_projection > t(&calm).future_projection);
        assert!(t(&rising).recognition > t(&calm).recognition);
    }

    #[test]
    fn a_person_s_successes_raise_and_overload_lowers_their_engagement() {
        let (w, l, d, i) = (
            Weights::default(),
            Levers::default(),
            Drivers::default(),
            Indices::default(),
        );
        let base = PersonDrivers::default();
        let target = |p: PersonDrivers| person_targets(&i, 0.5, &l, &d, &p, &w);
        let winning = PersonDrivers {
            success: 0.9,
            credit: 0.9,
            ..base
        };
        let drowning = PersonDrivers {
            overload: 1.0,
            ..base
        };
        assert!(target(winning).0 > target(base).0);
        assert!(target(winning).1 > target(base).1);
        assert!(target(drowning).0 < target(base).0);
        assert_eq!(overload(10.0, 8.0, 5.0), 0.0);
        assert_eq!(overload(60.0, 8.0, 5.0), 0.5);
        assert_eq!(overload(200.0, 8.0, 5.0), 1.0);
        assert_eq!(smooth_share(0.4, 0.0, 0.0, 4.0), 0.4);
        assert!((smooth_share(0.4, 4.0, 5.0, 4.0) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn step_moves_a_fraction_toward_target() {
        let now = Indices::default();
        let target = Indices {
            engagement: 0.9,
            ..now
        };
        let next = step(&now, &target, 4.0);
        assert!((next.engagement - 0.6).abs() < 1e-12);
        assert_eq!(next.common_language, 0.5);
    }

    #[test]
    fn support_softens_the_shock_and_the_penalty() {
        let now = Indices::default();
        let bare = reorganisation_shock(&now, 0.3, 0.0);
        let supported = reorganisation_shock(&now, 0.3, 0.8);
        assert!(bare.engagement < supported.engagement);
        assert!(transition_penalty(0.3, 0.8, 0.5) < transition_penalty(0.3, 0.0, 0.5));
        assert!(transition_penalty(0.3, 0.0, 0.2) > transition_penalty(0.3, 0.0, 0.8));
    }
}

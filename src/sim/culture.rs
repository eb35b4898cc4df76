//! Culture (MODEL.md §6, §9.4): at each week's end the week's events update the smoothed
//! drivers, the organisation's indices move toward their targets, and each person's own
//! engagement and valorization toward theirs; the organisation reports their mean.

use bevy::prelude::*;

use super::DaySet;
use super::state::*;
use crate::model::calendar;
use crate::model::culture::{
    Drivers, overload, person_targets, relax, smooth_share, step, targets,
};
use crate::model::stats::mean;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(super::SimDay, weekly_culture.in_set(DaySet::Culture));
}

/// Weeks of bookings the trend compares: the last ones with as many before them.
const TREND_WEEKS: usize = 4;

/// The week's events into the smoothed organisation drivers; the week's counters reset.
fn smooth_week(c: &mut CultureState, weekly_quota: f64, tau: f64) {
    c.rejection_share = smooth_share(
        c.rejection_share,
        f64::from(c.marketing_leads_failed_week),
        f64::from(c.marketing_leads_week),
        tau,
    );
    c.shared_win_share = smooth_share(
        c.shared_win_share,
        f64::from(c.shared_wins_week),
        f64::from(c.wins_week),
        tau,
    );
    c.joint_work = smooth_share(c.joint_work, c.joint_hours_week, c.front_hours_week, tau);
    let kept = f64::from(c.handoffs_week - c.handoff_losses_week);
    c.info_lost = smooth_share(c.info_lost, c.info_lost_week, kept, tau);
    c.week_wins = smooth_share(c.week_wins, c.bookings_week, weekly_quota, tau);
    c.recent_bookings.push(c.bookings_week);
    if c.recent_bookings.len() > 2 * TREND_WEEKS {
        c.recent_bookings.remove(0);
    }
    c.handoffs_week = 0;
    c.handoff_losses_week = 0;
    c.marketing_leads_week = 0;
    c.marketing_leads_failed_week = 0;
    c.info_lost_week = 0.0;
    c.wins_week = 0;
    c.shared_wins_week = 0;
    c.joint_hours_week = 0.0;
    c.front_hours_week = 0.0;
    c.bookings_week = 0.0;
}

/// How the last four weeks' bookings compare with the four before, in units of four
/// weeks' quota, in [−1, 1] (0 until eight weeks are known): a team that is picking up
/// looks ahead with more confidence than one that is slipping.
fn trend(recent: &[f64], weekly_quota: f64) -> f64 {
    if recent.len() < 2 * TREND_WEEKS || weekly_quota <= 0.0 {
        return 0.0;
    }
    let (before, last) = recent.split_at(recent.len() - TREND_WEEKS);
    let change: f64 = last.iter().sum::<f64>() - before.iter().sum::<f64>();
    (change / (weekly_quota * TREND_WEEKS as f64)).clamp(-1.0, 1.0)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn weekly_culture(
    params: Res<Params>,
    clock: Res<Clock>,
    org: Res<Org>,
    roster: Res<Roster>,
    mut people: Query<(&mut Person, &Queue)>,
    opps: Query<&Opportunity>,
    mut culture: ResMut<CultureState>,
) {
    let s = &params.0;
    if !calendar::is_week_end(clock.today) {
        return;
    }
    let tau = s.culture.tau_weeks.max(1.0);
    let weekly_quota = super::kpi::quota_for(s, calendar::DAYS_PER_WEEK);
    smooth_week(&mut culture, weekly_quota, tau);
    if s.culture.frozen {
        return;
    }
    let transitions: Vec<f64> = roster
        .all
        .iter()
        .filter_map(|p| people.get(*p).ok())
        .map(|(p, _)| p.transition)
        .collect();
    let quarter_quota = super::kpi::quota_for(s, s.quarter_days);
    let elapsed = f64::from(clock.today % s.quarter_days + 1) / f64::from(s.quarter_days);
    let drivers = Drivers {
        preparation_quality: culture.preparation_quality,
        rejection_share: culture.rejection_share,
        transition: mean(&transitions),
        attainment: (culture.quarter_bookings / (quarter_quota * elapsed)).clamp(0.0, 1.0),
        shortfall: culture.shortfall,
        shared_win_share: culture.shared_win_share,
        joint_work: culture.joint_work,
        info_lost: culture.info_lost,
        week_wins: culture.week_wins,
        trend: trend(&culture.recent_bookings, weekly_quota),
    };
    let levers = &org.levers.culture;
    let w = &s.culture.weights;
    let target = targets(&culture.indices, levers, &drivers, w);
    let mut next = step(&culture.indices, &target, tau);

    // Each person's own engagement and valorization; the organisation's are their mean.
    let end_of_day = f64::from(clock.today + 1) * s.team.hours_per_day;
    let (mut engagement, mut valorization) = (Vec::new(), Vec::new());
    for &p in &roster.all {
        let Ok((mut person, queue)) = people.get_mut(p) else {
            continue;
        };
        let waiting_for_them: f64 = queue
            .0
            .iter()
            .filter_map(|e| opps.get(*e).ok())
            .filter(|o| o.ready_hour <= end_of_day)
            .map(|o| o.work_left)
            .sum();
        let transition = person.transition;
        let own = &mut person.culture;
        let d = &mut own.drivers;
        d.success = smooth_share(
            d.success,
            f64::from(own.succeeded_week),
            f64::from(own.finished_week),
            tau,
        );
        d.credit = smooth_share(
            d.credit,
            f64::from(own.credited_week),
            f64::from(own.judged_week),
            tau,
        );
        let now_overloaded = overload(
            waiting_for_them,
            s.team.hours_per_day,
            s.culture.overload_days,
        );
        d.overload = relax(d.overload, now_overloaded, tau);
        d.transition = transition;
        let (e, v) = person_targets(&culture.indices, own.valorization, levers, &drivers, d, w);
        own.engagement = relax(own.engagement, e, tau).clamp(0.0, 1.0);
        own.valorization = relax(own.valorization, v, tau).clamp(0.0, 1.0);
        (own.finished_week, own.succeeded_week) = (0, 0);
        (own.judged_week, own.credited_week) = (0, 0);
        engagement.push(own.engagement);
        valorization.push(own.valorization);
    }
    if !engagement.is_empty() {
        next.engagement = mean(&engagement);
        next.valorization = mean(&valorization);
    }
    culture.indices = next;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trend_compares_four_weeks_with_the_four_before() {
        assert_eq!(trend(&[0.0; 7], 1.0), 0.0);
        assert_eq!(trend(&[1.0; 8], 1.0), 0.0);
        assert_eq!(trend(&[0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0], 1.0), 1.0);
        assert_eq!(trend(&[1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5], 1.0), -0.5);
        assert_eq!(trend(&[0.0, 0.0, 0.0, 0.0, 9.0, 9.0, 9.0, 9.0], 1.0), 1.0);
    }

    #[test]
    fn a_week_of_events_moves_the_drivers_and_resets_the_counters() {
        let mut c = CultureState {
            handoffs_week: 10,
            handoff_losses_week: 2,
            marketing_leads_week: 10,
            marketing_leads_failed_week: 5,
            wins_week: 4,
            shared_wins_week: 4,
            info_lost_week: 2.4,
            ..Default::default()
        };
        smooth_week(&mut c, 100.0, 1.0);
        assert!((c.rejection_share - 0.5).abs() < 1e-12);
        assert_eq!(c.shared_win_share, 1.0);
        assert!((c.info_lost - 0.3).abs() < 1e-12);
        assert_eq!((c.handoffs_week, c.wins_week), (0, 0));
        assert_eq!(c.recent_bookings, [0.0]);
    }
}

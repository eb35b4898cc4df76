//! Culture (MODEL.md §6): at each week's end the seven indices move toward their targets,
//! driven by the levers and by what happened lately.

use bevy::prelude::*;

use super::DaySet;
use super::state::*;
use crate::model::calendar;
use crate::model::culture::{Drivers, step, targets};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(super::SimDay, weekly_culture.in_set(DaySet::Culture));
}

pub(super) fn weekly_culture(
    params: Res<Params>,
    clock: Res<Clock>,
    org: Res<Org>,
    roster: Res<Roster>,
    people: Query<&Person>,
    mut culture: ResMut<CultureState>,
) {
    let s = &params.0;
    if !calendar::is_week_end(clock.today) {
        return;
    }
    if culture.handed_qualifications_week > 0 {
        let week = f64::from(culture.handed_rejections_week)
            / f64::from(culture.handed_qualifications_week);
        culture.rejection_share += (week - culture.rejection_share) / s.culture.tau_weeks.max(1.0);
    }
    culture.handed_qualifications_week = 0;
    culture.handed_rejections_week = 0;
    if s.culture.frozen {
        return;
    }
    let transitions: Vec<f64> = roster
        .all
        .iter()
        .filter_map(|p| people.get(*p).ok())
        .map(|p| p.transition)
        .collect();
    let quarter_quota = super::kpi::quota_for(s, s.quarter_days);
    let elapsed = f64::from(clock.today % s.quarter_days + 1) / f64::from(s.quarter_days);
    let drivers = Drivers {
        preparation_quality: culture.preparation_quality,
        rejection_share: culture.rejection_share,
        transition: crate::model::stats::mean(&transitions),
        attainment: (culture.quarter_bookings / (quarter_quota * elapsed)).clamp(0.0, 1.0),
        shortfall: culture.shortfall,
    };
    let target = targets(
        &culture.indices,
        &org.levers.culture,
        &drivers,
        &s.culture.weights,
    );
    culture.indices = step(&culture.indices, &target, s.culture.tau_weeks);
}

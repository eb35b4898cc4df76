//! Work (MODEL.md §4.4): each person works the queue in priority order with an hour clock,
//! then spends leftover hours on upstream duties: prospecting, then nurture.

use bevy::prelude::*;

use super::DaySet;
use super::kpi::Tally;
use super::routing::Router;
use super::state::*;
use crate::model::calendar;
use crate::model::culture::effort;
use crate::model::market::{campaign_reach, engage_probability, touches};
use crate::model::people::learn;
use crate::model::stage::{Role, Stage};
use crate::scenario::{Priority, Skills};

/// Hours below this are rounding noise.
const EPS: f64 = 1e-9;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        super::SimDay,
        (work, settle_nurture).chain().in_set(DaySet::Work),
    );
}

/// Queue order: latest stage first, then oldest; `new_leads_first` puts items not yet touched
/// since they reached this person first (oldest first).
fn priority_key(o: &Opportunity, priority: Priority) -> (u8, u8, u64) {
    let later_first = 255 - o.stage().map_or(0, |s| s.index() as u8);
    match priority {
        Priority::LatestStageFirst => (0, later_first, o.id),
        Priority::NewLeadsFirst if !o.touched => (0, 0, o.id),
        Priority::NewLeadsFirst => (1, later_first, o.id),
    }
}

fn practise(skills: &mut Skills, stage: Stage, rate: f64, hours: f64, coaching: f64) {
    let skill = match stage {
        Stage::Qualification => &mut skills.qualify,
        Stage::Demonstration => &mut skills.demo,
        Stage::Negotiation => &mut skills.negotiate,
        Stage::Closing => &mut skills.close,
        _ => return,
    };
    *skill = learn(*skill, rate, hours, coaching);
}

pub(super) fn work(
    params: Res<Params>,
    clock: Res<Clock>,
    org: Res<Org>,
    roster: Res<Roster>,
    mut people: Query<(&mut Person, &Queue, &mut WeekHours)>,
    mut opps: Query<&mut Opportunity>,
    mut market: ResMut<Market>,
    mut nurture: ResMut<NurtureBook>,
    mut rng: ResMut<Rng>,
    mut tally: ResMut<Tally>,
    mut done: ResMut<Completions>,
    mut engaged: ResMut<Engagements>,
) {
    let s = &params.0;
    let today = clock.today;
    let day_hours = s.team.hours_per_day;
    let day_start = f64::from(today) * day_hours;
    if calendar::is_week_start(today) {
        market.campaign_hours_last_week = std::mem::take(&mut market.campaign_hours_week);
    }
    let per_account_day = s.nurture.hours_per_account_day();
    let mut nurture_due = nurture.len() as f64 * per_account_day;
    nurture.spare_hours = 0.0;
    let coaching = effort(
        org.levers.culture.coaching_hours_per_week,
        &s.culture.weights,
    );
    let prospectors = org.levers.owners.of(Stage::Prospection);
    let nurture_role = org.levers.owners.nurture_role();
    let reach = campaign_reach(
        org.levers.budget_per_week,
        s.prospecting.budget_reference_per_week,
    );
    let mut order = Vec::new();
    for &p in &roster.all {
        let Ok((mut person, queue, mut week)) = people.get_mut(p) else {
            continue;
        };
        let role = person.role;
        let available = person.hours_today;
        let mut used = 0.0;
        order.clear();
        order.extend(queue.0.iter().filter_map(|&e| {
            opps.get(e)
                .ok()
                .map(|o| (priority_key(o, org.levers.priority), e))
        }));
        order.sort_unstable_by_key(|(k, _)| *k);
        for &(_, e) in &order {
            if available - used <= EPS {
                break;
            }
            let Ok(mut o) = opps.get_mut(e) else { continue };
            let Some(stage) = o.stage() else { continue };
            if o.work_left <= 0.0 {
                continue;
            }
            if !o.touched {
                o.touched = true;
                if stage == Stage::Qualification && o.phase == 0 {
                    o.lead_delay = day_start + used.min(day_hours) - o.ready_hour;
                    tally.speed_to_lead(o.lead_delay);
                }
            }
            let h = o
                .work_left
                .min(org.levers.max_hours_per_item)
                .min(available - used);
            o.work_left -= h;
            used += h;
            o.last_active_day = today;
            week.0[stage.index()] += h;
            if role == Role::Sales && stage.is_selling() {
                tally.seller_selling += h;
            }
            practise(
                &mut person.skills,
                stage,
                s.learning.rate_per_hour,
                h,
                coaching,
            );
            if o.work_left <= EPS {
                o.work_left = 0.0;
                done.0.push((e, day_start + used.min(day_hours)));
            }
        }
        if prospectors.includes(role) {
            let hours = (available - used)
                .min(s.prospecting.max_hours_per_day.get(role))
                .max(0.0);
            let role_reach = if role == Role::Marketing { reach } else { 1.0 };
            let n = touches(hours, s.prospecting.touches_per_hour.get(role), role_reach);
            let now = day_start + used.min(day_hours);
            let engage = s.prospecting.engage.get(role);
            let message = org.message;
            market.pool.touch(
                &mut rng.0,
                n,
                org.targeting,
                today + s.prospecting.cooldown_days,
                |fit| engage_probability(engage, fit, message),
                |idx| engaged.0.push((idx, role, now)),
            );
            used += hours;
            week.0[Stage::Prospection.index()] += hours;
            if role == Role::Marketing {
                market.campaign_hours_week += hours;
            }
        }
        if role == nurture_role {
            let pay = (available - used).max(0.0).min(nurture_due);
            nurture_due -= pay;
            used += pay;
            week.0[Stage::Prospection.index()] += pay;
            nurture.spare_hours += (available - used).max(0.0);
        }
        person.worked_today = used;
        tally.worked += used;
        if role == Role::Sales {
            tally.seller_worked += used;
        }
        tally.max_overwork = tally.max_overwork.max(used - available);
    }
    nurture.unpaid_hours = nurture_due;
}

/// Nurture nobody could pay for today is not done: the newest nurtured accounts it would have
/// covered drop out, lost as cold.
pub(super) fn settle_nurture(
    mut router: Router,
    mut nurture: ResMut<NurtureBook>,
    mut opps: Query<&mut Opportunity>,
) {
    let per_account_day = router.params.0.nurture.hours_per_account_day();
    if nurture.unpaid_hours <= EPS || per_account_day <= 0.0 {
        return;
    }
    let dropped = (nurture.unpaid_hours / per_account_day - EPS).ceil() as usize;
    for (_, e) in nurture.drop_newest(dropped) {
        if let Ok(mut o) = opps.get_mut(e) {
            router.close(e, &mut o, OppStatus::Lost(LostReason::Cold), false);
        }
    }
    nurture.unpaid_hours = 0.0;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skills_grow_only_on_their_stage() {
        let mut sk = Skills::default();
        practise(&mut sk, Stage::Demonstration, 0.01, 10.0, 0.0);
        assert!(sk.demo > 0.7 && sk.qualify == 0.7);
        practise(&mut sk, Stage::Detection, 0.01, 10.0, 0.0);
        assert_eq!(sk.qualify, 0.7);
    }
}

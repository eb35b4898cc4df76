//! KPI bookkeeping (MODEL.md §7): counters filled by the other systems, the daily pipeline
//! census, weekly rows and the run's final values.

use bevy::prelude::*;

use super::DaySet;
use super::routing::Router;
use super::state::*;
use crate::kpi::{KPI_COUNT, Kpi, KpiValues, Weekly};
use crate::model::calendar;
use crate::model::scorecard::scorecard;
use crate::model::stats::{RunningMedian, mean, median, percentile};

/// Counters of the run so far.
#[derive(Resource, Debug, Default, Clone)]
pub struct Tally {
    /// Contacts engaged (opportunities created).
    pub engaged: u64,
    /// Projects detected.
    pub new_projects: u64,
    /// Of which inbound.
    pub inbound_projects: u64,
    /// Of which outbound.
    pub outbound_projects: u64,
    /// Accepted at qualification.
    pub transmissible: u64,
    /// Won.
    pub signed: u64,
    /// Signed value.
    pub bookings: f64,
    /// Won after a demonstration (all wins).
    pub won_after_demo: u64,
    /// Lost after reaching Demonstration.
    pub lost_after_demo: u64,
    /// Won deals' cycles, working days from arrival to signature.
    pub won_cycles: Vec<f64>,
    /// Projects (past Detection) won.
    pub projects_won: u64,
    /// Projects (past Detection) lost, for any reason.
    pub projects_lost: u64,
    /// Leads' response hours (arrival to first touch; a lead lost or still waiting counts
    /// its age) this week.
    pub response_week: Vec<f64>,
    /// All of them so far, for the run's median (without sorting them every week).
    pub response_all: RunningMedian,
    /// Working hours from a handoff to the receiver's first touch.
    pub handoff_response: RunningMedian,
    /// Leads that ended before anyone touched them.
    pub unanswered: u64,
    /// Leads lost at a handoff or while waiting for us.
    pub leaked: u64,
    /// Needs closed with no engagement.
    pub missed: u64,
    /// Nurtured accounts released unnoticed.
    pub released: u64,
    /// Losses by reason, in [`LostReason::ALL`] order.
    pub lost: [u64; 6],
    /// Sellers' available hours.
    pub seller_available: f64,
    /// Sellers' worked hours.
    pub seller_worked: f64,
    /// Sellers' hours on Qualification → Closing.
    pub seller_selling: f64,
    /// Everyone's available hours.
    pub available: f64,
    /// Everyone's worked hours.
    pub worked: f64,
    /// Largest (worked − available) of any person on any day; ≤ 0 when capacity holds.
    pub max_overwork: f64,
    /// Largest (end of a slice − hours of the day) of any person on any day; ≤ 0 when every
    /// slice lies inside the working day.
    pub max_past_day_end: f64,
    /// Smallest working hours from an item's readiness (a lead's arrival, a handoff) to a
    /// touch; ≥ 0 when no item is touched before it is there.
    pub min_touch_after_ready: f64,
    /// Salaries and budget spent.
    pub cost: f64,
    /// People who left.
    pub attrition: u64,
    /// Touches made today, by role (the Prospection lane of the window).
    pub touches_today: [u64; 3],
    /// Outbound engagements made today.
    pub outbound_today: u64,
    /// Σ over days of open pipeline items at day end.
    pub open_item_days: u64,
    /// Items that left the pipeline.
    pub pipeline_exits: u64,
    /// Σ of their days in the pipeline.
    pub exit_open_days: u64,
    /// Value of open items accepted at qualification (SQL and later).
    pub open_sql_value: f64,
    /// Nurtured accounts now.
    pub nurtured_now: u64,
    /// One row per completed week.
    pub weekly: Vec<KpiValues>,
    /// To-date values at the end of the last recorded week.
    pub last_week: Option<KpiValues>,
}

impl Tally {
    /// A lead's response: `hours` from its arrival to its first touch (or its age, when it
    /// ended or the run ended before one).
    pub fn response(&mut self, hours: f64) {
        self.response_week.push(hours);
        self.response_all.push(hours);
    }

    /// An item left the pipeline after `open_days` days.
    pub fn pipeline_exit(&mut self, open_days: u32) {
        self.pipeline_exits += 1;
        self.exit_open_days += u64::from(open_days);
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Tally>();
    app.add_systems(
        super::SimDay,
        (census, record_week, recycle_closed, end_day)
            .chain()
            .in_set(DaySet::Kpi),
    );
}

/// Count the open pipeline at day end; add today's salaries and budget.
fn census(
    mut router: Router,
    nurture: Res<NurtureBook>,
    mut opps: Query<&mut Opportunity>,
    mut items: Local<Vec<Entity>>,
) {
    let mut open = 0;
    let mut sql_value = 0.0;
    let s = router.scenario();
    let today = router.clock.today;
    let last_day = today + 1 == s.days;
    let day_end = f64::from(today + 1) * s.team.hours_per_day;
    router.open_items(&mut items);
    for &e in items.iter() {
        if let Ok(mut o) = opps.get_mut(e) {
            if last_day {
                censor(&mut router.tally, &o, day_end);
            }
            o.open_days += 1;
            open += 1;
            if o.stage()
                .is_some_and(|s| s > crate::model::stage::Stage::Qualification)
            {
                sql_value += o.value;
            }
        }
    }
    let salaries: f64 = crate::model::stage::Role::ALL
        .iter()
        .map(|r| {
            router.roster.by_role[r.index()].len() as f64
                * router.params.0.costs.salary_per_day.get(*r)
        })
        .sum();
    let budget = calendar::per_day(router.org.levers.budget_per_week);
    let tally = &mut router.tally;
    tally.open_item_days += open;
    tally.open_sql_value = sql_value;
    tally.nurtured_now = nurture.len() as u64;
    tally.cost += salaries + budget;
}

/// At the run's end, a lead nobody has answered yet counts in the response median with its
/// age, and a handoff not yet picked up in the pickup median with its own (MODEL.md §9.7).
fn censor(tally: &mut Tally, o: &Opportunity, day_end: f64) {
    if !o.answered {
        tally.response(day_end - o.arrival_hour);
    }
    if o.awaiting_receiver {
        tally
            .handoff_response
            .push(day_end - o.ready_hour.min(day_end));
    }
}

/// At the end of each week (and of the run), append the week's row.
fn record_week(
    params: Res<Params>,
    clock: Res<Clock>,
    culture: Res<CultureState>,
    mut tally: ResMut<Tally>,
) {
    let last_day = clock.today + 1 == params.0.days;
    if calendar::is_week_end(clock.today) || last_day {
        push_week(&mut tally, &params.0, &culture);
    }
}

fn push_week(tally: &mut Tally, s: &crate::scenario::Scenario, culture: &CultureState) {
    let week_median = median(&tally.response_week);
    tally.response_week.clear();
    let now = snapshot(tally, s, culture);
    let mut row = now;
    for k in Kpi::ALL {
        row[k] = match k.weekly() {
            Weekly::ToDate => now[k],
            Weekly::Count => now[k] - tally.last_week.map_or(0.0, |w| w[k]),
            Weekly::WeekMedian => week_median,
        };
    }
    tally.last_week = Some(now);
    tally.weekly.push(row);
}

/// Today's ended opportunities become reusable entities.
fn recycle_closed(mut closed: ResMut<Closed>) {
    let Closed { today, reusable } = &mut *closed;
    reusable.append(today);
}

fn end_day(mut clock: ResMut<Clock>) {
    clock.days_done += 1;
}

/// The quota pro-rated to `days`.
pub fn quota_for(s: &crate::scenario::RawScenario, days: u32) -> f64 {
    s.quota * f64::from(days) / f64::from(s.fiscal_year_days)
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

/// Every KPI to date. Undefined ratios (nothing to divide by) are 0; `cost_per_deal` with no
/// deal is the whole cost; `pipeline_coverage` divides by the remaining run quota, floored at
/// 10 % of it so that a met quota gives a finite value.
pub fn snapshot(t: &Tally, s: &crate::scenario::Scenario, culture: &CultureState) -> KpiValues {
    let mut v = [0.0; KPI_COUNT];
    let run_quota = quota_for(s, s.days);
    v[Kpi::EngagedContacts] = t.engaged as f64;
    v[Kpi::NewProjects] = t.new_projects as f64;
    v[Kpi::InboundProjects] = t.inbound_projects as f64;
    v[Kpi::OutboundProjects] = t.outbound_projects as f64;
    v[Kpi::Transmissible] = t.transmissible as f64;
    v[Kpi::TransmissibleRatio] = ratio(t.transmissible as f64, t.new_projects as f64);
    v[Kpi::SignedContracts] = t.signed as f64;
    v[Kpi::Bookings] = t.bookings;
    v[Kpi::WinRate] = ratio(
        t.won_after_demo as f64,
        (t.won_after_demo + t.lost_after_demo) as f64,
    );
    v[Kpi::CloseRate] = ratio(
        t.projects_won as f64,
        (t.projects_won + t.projects_lost) as f64,
    );
    v[Kpi::CycleDays] = mean(&t.won_cycles);
    v[Kpi::CycleDaysP90] = percentile(&t.won_cycles, 0.9);
    v[Kpi::SpeedToLeadHours] = t.response_all.median();
    v[Kpi::UnansweredShare] = ratio(t.unanswered as f64, t.engaged as f64);
    v[Kpi::HandoffResponseHours] = t.handoff_response.median();
    v[Kpi::Leakage] = ratio(t.leaked as f64, t.engaged as f64);
    v[Kpi::MissedProjects] = t.missed as f64;
    v[Kpi::Nurtured] = t.nurtured_now as f64;
    v[Kpi::SellingTimeRatio] = ratio(t.seller_selling, t.seller_worked);
    v[Kpi::SellerUtilization] = ratio(t.seller_worked, t.seller_available);
    v[Kpi::QuotaAttainment] = ratio(t.bookings, run_quota);
    v[Kpi::PipelineCoverage] = ratio(
        t.open_sql_value,
        (run_quota - t.bookings).max(0.1 * run_quota),
    );
    v[Kpi::Cost] = t.cost;
    v[Kpi::CostPerDeal] = t.cost / (t.signed.max(1) as f64);
    v[Kpi::Attrition] = t.attrition as f64;
    for (k, n) in Kpi::LOST.into_iter().zip(t.lost) {
        v[k] = n as f64;
    }
    for (k, x) in Kpi::CULTURE.into_iter().zip(culture.indices.values()) {
        v[k] = x;
    }
    v[Kpi::Scorecard] = scorecard(&v, &s.scorecard, s.lead_decay.half_life_hours);
    v
}

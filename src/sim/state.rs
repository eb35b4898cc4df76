//! Components and resources of the simulation world (MODEL.md §3).

use std::sync::Arc;

use bevy::prelude::*;

use crate::model::culture::{Indices, PersonDrivers};
use crate::model::least::Least;
use crate::model::pool::TouchPool;
use crate::model::rng::SimRng;
use crate::model::stage::{Role, Stage};
use crate::scenario::{EventChange, LeverState, Scenario, Skills};

/// The scenario being simulated (read-only constants).
#[derive(Resource, Clone)]
pub struct Params(pub Arc<Scenario>);

/// The run's generator; every draw of the day goes through it, in system order.
#[derive(Resource)]
pub struct Rng(pub SimRng);

/// The simulated calendar.
#[derive(Resource, Debug, Default)]
pub struct Clock {
    /// Today (0-based); valid once the first day has started.
    pub today: u32,
    /// Days completed.
    pub days_done: u32,
}

/// Live organisation: split, policies and levers (changed by events and players).
#[derive(Resource, Debug, Clone)]
pub struct Org {
    /// Where every lever stands.
    pub levers: LeverState,
    /// Name of the split (a preset or "custom").
    pub split_name: &'static str,
    /// Share of outreach aimed at the high-fit pool (from preparation).
    pub targeting: f64,
    /// Engagement multiplier of the message (from preparation).
    pub message: f64,
    /// Preparation hours each role spends today (quarter starts only).
    pub preparation_hours_today: [f64; 3],
    /// Roles that took part in the quarter's last preparation (by `Role::index`).
    pub preparation_roles: [bool; 3],
}

/// Market conditions that events can change during a run (a competitor entering a segment,
/// a recession); they start as the scenario sets them.
#[derive(Resource, Debug, Clone, Default)]
pub struct MarketConditions {
    /// Share of emerging needs that still become projects (1 = all, as the scenario drew
    /// them; below 1 a recession cancels the rest as they emerge).
    pub demand: f64,
    /// Probability a competitor joins after the demonstration, by segment.
    pub competitor_probability: Vec<f64>,
}

/// Culture indices and the recent facts that drive them.
#[derive(Resource, Debug, Clone, Default)]
pub struct CultureState {
    /// The seven indices.
    pub indices: Indices,
    /// Quality of the last preparation.
    pub preparation_quality: f64,
    /// Marketing's leads (inbound, marketing's outbound, handed over by marketing or an
    /// SDR) judged at the front this week: qualified, or lost before (leaked, unanswered,
    /// cold).
    pub marketing_leads_week: u32,
    /// Of those, rejected or lost.
    pub marketing_leads_failed_week: u32,
    /// Smoothed share of marketing's leads rejected or lost at the front.
    pub rejection_share: f64,
    /// Bookings since the quarter started.
    pub quarter_bookings: f64,
    /// Shortfall of the last completed quarter.
    pub shortfall: f64,
    /// Hours on Shared stages this week (both roles on the same items).
    pub joint_hours_week: f64,
    /// Hours on Detection and Qualification this week.
    pub front_hours_week: f64,
    /// Bookings this week.
    pub bookings_week: f64,
    /// Bookings of the last eight weeks, oldest first.
    pub recent_bookings: Vec<f64>,
    /// Smoothed drivers of §9.4: shared-win share, joint work, information lost at a
    /// handoff, the week's wins against quota (the rejection share is above).
    pub shared_win_share: f64,
    /// See `shared_win_share`.
    pub joint_work: f64,
    /// See `shared_win_share`.
    pub info_lost: f64,
    /// See `shared_win_share`.
    pub week_wins: f64,
    /// Handoffs between roles this week (leaked or not).
    pub handoffs_week: u32,
    /// Of those, leaked.
    pub handoff_losses_week: u32,
    /// Information lost at this week's handoffs (Σ of 1 − info kept).
    pub info_lost_week: f64,
    /// Deals won this week.
    pub wins_week: u32,
    /// Of those, deals that crossed a handoff (shared wins).
    pub shared_wins_week: u32,
}

/// Where an account stands; every account is in exactly one state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AccountState {
    /// No emerged need, not engaged.
    #[default]
    Dormant,
    /// Need emerged, not engaged; missed when its buying window closes (the day is in its
    /// [`InMarket`] entry, so that a state stays one byte).
    InMarket,
    /// Has an open opportunity.
    Engaged,
    /// Engaged with no project yet, nurtured.
    Nurtured,
    /// Signed.
    Won,
    /// Its opportunity was lost.
    Lost,
    /// Its need closed with no engagement by us.
    Missed,
}

// 100,000s of accounts: a state is one byte.
const _: () = assert!(size_of::<AccountState>() == 1);

/// Every account's state, by account index (a dense list rather than a component: the
/// router reads and writes it on every engagement and ending, and 100,000 accounts would
/// otherwise carry change ticks the model never reads).
#[derive(Resource, Debug, Clone, Default)]
pub struct AccountStates(pub Vec<AccountState>);

/// Why an opportunity was lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LostReason {
    /// Rejected at qualification.
    Disqualified,
    /// Leaked at a handoff.
    Handoff,
    /// Nobody answered: lost while waiting for its first touch.
    Unanswered,
    /// Went cold (idle, or no project and no nurture).
    Cold,
    /// Chose the competitor.
    Competitor,
    /// A stage outcome failed with no competitor in the deal.
    NoDecision,
}

impl LostReason {
    /// All reasons, in output order.
    pub const ALL: [LostReason; 6] = [
        LostReason::Disqualified,
        LostReason::Handoff,
        LostReason::Unanswered,
        LostReason::Cold,
        LostReason::Competitor,
        LostReason::NoDecision,
    ];

    /// Position in [`LostReason::ALL`] (the declaration order).
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Where an opportunity stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OppStatus {
    /// In the pipeline at this stage.
    Open(Stage),
    /// Parked in nurture.
    Nurture,
    /// Signed.
    Won,
    /// Lost.
    Lost(LostReason),
    /// Left nurture unnoticed: the account is an ordinary buyer again.
    Released,
}

/// How the contact started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The buyer came to us.
    Inbound,
    /// We touched the buyer.
    Outbound,
}

/// An engaged contact worked through the stages.
#[derive(Component, Debug, Clone)]
pub struct Opportunity {
    /// Creation order (the "oldest first" tie-breaker).
    pub id: u64,
    /// The account's index (its row in the account columns of [`Market`]).
    pub account_index: u32,
    /// Stage or final state.
    pub status: OppStatus,
    /// Phase within a Shared stage (0 marketing, 1 sales).
    pub phase: usize,
    /// Who works it (None while its role has nobody).
    pub assignee: Option<Entity>,
    /// Role working the current phase.
    pub role: Role,
    /// Hours left in the current phase.
    pub work_left: f64,
    /// Hours its current stage takes (drawn when it entered the stage).
    pub stage_hours: f64,
    /// Hidden truth: fit ≥ threshold and a real need.
    pub good: bool,
    /// Discovery information still known.
    pub info: f64,
    /// Relationship with the buyer.
    pub relationship: f64,
    /// A competitor is in the deal.
    pub competitor: bool,
    /// Discount conceded.
    pub discount: f64,
    /// Deal value.
    pub value: f64,
    /// Inbound or outbound.
    pub source: Source,
    /// Day engaged.
    pub engaged_day: u32,
    /// Day the project was detected.
    pub detected_day: Option<u32>,
    /// Working hour (absolute) at which the lead arrived (or, for a project noticed in
    /// nurture, was noticed): its cycle and response count from here.
    pub arrival_hour: f64,
    /// Working hour (absolute) at which the current phase is workable (later than now while
    /// the buyer is the one to act).
    pub ready_hour: f64,
    /// Touched since reaching its current person.
    pub touched: bool,
    /// Touched by anyone since it arrived.
    pub answered: bool,
    /// A lead marketing brought (inbound, a campaign's touch) or handed over, so far as
    /// the front of the funnel is concerned.
    pub marketing_lead: bool,
    /// Who worked it before its last handoff between roles (credited when it qualifies).
    pub handed_by: Option<Entity>,
    /// It crossed a handoff between roles at least once (its win is a shared win).
    pub crossed_handoff: bool,
    /// It crossed a handoff between roles and its receiver has not touched it yet.
    pub awaiting_receiver: bool,
    /// The buyer's unanswered working hours so far (the response, then every wait after a
    /// handoff), until Qualification completes.
    pub wait_hours: f64,
    /// Hours given to it on `given_day`, by anyone, across its stages.
    pub given_hours: f64,
    /// The day `given_hours` counts.
    pub given_day: u32,
    /// (value / its segment's median value) ^ size elasticity: scales its hours and its
    /// buyer's delays.
    pub size: f64,
    /// The current stage was entered through a handoff.
    pub after_handoff: bool,
    /// Marketing's accuracy in a shared qualification.
    pub marketing_accuracy: Option<f64>,
    /// Last day it was worked (or created).
    pub last_active_day: u32,
    /// Reached Demonstration (counts in the win rate).
    pub reached_demo: bool,
    /// Days counted open in the pipeline.
    pub open_days: u32,
    /// Buyer pace: multiplies the hours of every stage after Detection.
    pub pace: f64,
    /// The buyer went silent: nobody works it until it goes cold (in `Stalled`).
    pub stalled: bool,
    /// Day it entered its current stage.
    pub stage_day: u32,
}

impl Opportunity {
    /// The open stage, if any.
    pub fn stage(&self) -> Option<Stage> {
        match self.status {
            OppStatus::Open(s) => Some(s),
            _ => None,
        }
    }
}

/// A seller, marketer or SDR.
#[derive(Component, Debug, Clone)]
pub struct Person {
    /// Hire order.
    pub id: u32,
    /// Role.
    pub role: Role,
    /// Skills.
    pub skills: Skills,
    /// Day hired (negative: before the run, fully ramped).
    pub hired_day: i64,
    /// Transition penalty after a reorganisation.
    pub transition: f64,
    /// Hours available today.
    pub hours_today: f64,
    /// Hours worked today.
    pub worked_today: f64,
    /// Their own engagement and valorization, and what moves them.
    pub culture: PersonCulture,
}

/// A person's own culture (MODEL.md §9.4) and this week's events that move it.
#[derive(Debug, Clone, Copy)]
pub struct PersonCulture {
    /// Their engagement: it sets their hours.
    pub engagement: f64,
    /// Their valorization: it sets their attrition hazard.
    pub valorization: f64,
    /// Their drivers, smoothed week to week.
    pub drivers: PersonDrivers,
    /// Phases they finished this week.
    pub finished_week: u32,
    /// Of those, phases that went on or won.
    pub succeeded_week: u32,
    /// Work of theirs judged this week (leads handed over, deals ended).
    pub judged_week: u32,
    /// Of those, credited (accepted, won).
    pub credited_week: u32,
}

impl PersonCulture {
    /// A person starting with the scenario's initial indices.
    pub fn new(initial: &Indices) -> Self {
        PersonCulture {
            engagement: initial.engagement,
            valorization: initial.valorization,
            drivers: PersonDrivers::default(),
            finished_week: 0,
            succeeded_week: 0,
            judged_week: 0,
            credited_week: 0,
        }
    }
}

impl Opportunity {
    /// Hours given to it today (by anyone).
    pub fn given_on(&self, today: u32) -> f64 {
        if self.given_day == today {
            self.given_hours
        } else {
            0.0
        }
    }
}

/// Opportunities assigned to a person.
#[derive(Component, Debug, Clone, Default)]
pub struct Queue(pub Vec<Entity>);

/// A person's hours this week by stage (Preparation holds preparation; Prospection holds
/// prospecting and nurture), for the GUI and reports.
#[derive(Component, Debug, Clone, Default)]
pub struct WeekHours(pub [f64; 7]);

/// Active people, by role and all together, in hire order.
#[derive(Resource, Debug, Default)]
pub struct Roster {
    /// All active people, by id.
    pub all: Vec<Entity>,
    /// Active people per role, by id.
    pub by_role: [Vec<Entity>; 3],
    /// Queue length of each person of `by_role`, in the same order: a mirror kept by the
    /// router (the only code that changes queues) so that the least-loaded search needs no
    /// ECS lookup, nor a scan of everyone.
    pub loads: [Least; 3],
    /// Position of each active person in its role's `by_role` and `loads`.
    slot: bevy::ecs::entity::EntityHashMap<usize>,
    /// Id of everyone who ever joined (names in the opportunity log outlive departures).
    pub ids: bevy::ecs::entity::EntityHashMap<u32>,
    /// Next person id.
    pub next_id: u32,
    /// Hires to make: (first day, role).
    pub pending_hires: Vec<(u32, Role)>,
}

impl Roster {
    /// A new person with id `id` joins (after everyone already there: ids grow).
    pub fn join(&mut self, person: Entity, role: Role, id: u32) {
        self.ids.insert(person, id);
        self.all.push(person);
        self.slot.insert(person, self.by_role[role.index()].len());
        self.by_role[role.index()].push(person);
        self.loads[role.index()].push(0);
    }

    /// A person leaves (their queue must already be empty or handed over).
    pub fn leave(&mut self, person: Entity) {
        self.all.retain(|e| *e != person);
        let Some(i) = self.slot.remove(&person) else {
            return;
        };
        let role = self
            .by_role
            .iter()
            .position(|list| list.get(i) == Some(&person))
            .unwrap_or(0);
        self.by_role[role].remove(i);
        self.loads[role].remove(i);
        for (j, p) in self.by_role[role].iter().enumerate().skip(i) {
            self.slot.insert(*p, j);
        }
    }

    /// The person of `role` with the fewest items in queue (ties: lowest id), and their
    /// position in the role's lists.
    pub fn least_loaded(&self, role: Role) -> Option<(Entity, usize)> {
        let i = self.loads[role.index()].first_least()?;
        Some((self.by_role[role.index()][i], i))
    }

    /// One more item in the queue of the person at position `i` of `role`'s lists.
    pub fn add_load_at(&mut self, role: Role, i: usize) {
        let loads = &mut self.loads[role.index()];
        loads.set(i, loads.get(i) + 1);
    }

    /// One fewer item in `person`'s queue.
    pub fn remove_load(&mut self, role: Role, person: Entity) {
        let loads = &mut self.loads[role.index()];
        if let Some(&i) = self.slot.get(&person)
            && i < loads.len()
        {
            loads.set(i, loads.get(i).saturating_sub(1));
        }
    }
}

/// Opportunities waiting for someone of their role (the role has nobody right now).
#[derive(Resource, Debug, Default)]
pub struct Unassigned(pub [Vec<Entity>; 3]);

/// One detected project that ended Won or Lost: what a CRM export records of it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Deal {
    /// Day it was detected (the CRM's engage date).
    pub start: u32,
    /// Day it was won or lost (the CRM's close date).
    pub end: u32,
    /// Won (else lost).
    pub won: bool,
    /// Signed value (0 when lost).
    pub value: f64,
    /// Its account's segment.
    pub segment: u32,
}

/// The ended projects of a run, kept only when a caller inserts this resource (calibration
/// checks; ordinary runs do not pay for it).
#[derive(Resource, Debug, Default)]
pub struct DealLog(pub Vec<Deal>);

/// What a CRM holds of one opportunity (MODEL.md §9, issue #19 "the simulated CRM"): its
/// account, its lead's arrival and first response, when each stage started and who owned
/// it, its handoffs and how it ended. Hours are absolute working hours.
#[derive(Clone, Debug, PartialEq)]
pub struct OppRecord {
    /// Opportunity id.
    pub id: u64,
    /// Account index.
    pub account: u32,
    /// Inbound or outbound.
    pub source: Source,
    /// The lead's arrival.
    pub arrival_hour: f64,
    /// Working hours from arrival to the first touch (None: never touched).
    pub first_response_hours: Option<f64>,
    /// When Detection found its project (None: never a project).
    pub detected_hour: Option<f64>,
    /// When each stage from Qualification to Closing started, and the owner (role and
    /// person id) it was given to.
    pub stages: [Option<(f64, Role, Option<u32>)>; 4],
    /// Handoffs between roles it crossed.
    pub handoffs: u32,
    /// Its status now (open at a stage, or how it ended).
    pub status: OppStatus,
    /// When it ended.
    pub end_hour: Option<f64>,
    /// Deal value.
    pub value: f64,
    /// Value signed (won only).
    pub booked: f64,
    /// Its last owner (role and person id).
    pub owner: Option<(Role, u32)>,
}

/// Every opportunity's record, kept only when a caller inserts this resource
/// (`salesim run --opportunities`).
#[derive(Resource, Debug, Default)]
pub struct OpportunityLog {
    /// Records in creation order.
    pub records: Vec<OppRecord>,
    /// Position of each opportunity id in `records`.
    pub by_id: std::collections::HashMap<u64, usize>,
}

impl OpportunityLog {
    /// The record of opportunity `id`, if logged.
    pub fn get_mut(&mut self, id: u64) -> Option<&mut OppRecord> {
        let i = *self.by_id.get(&id)?;
        self.records.get_mut(i)
    }
}

/// Every opportunity that ended (won, lost, nurtured or released), by id, kept only when a
/// caller inserts this resource (the game window animates them); the caller drains it.
#[derive(Resource, Debug, Default)]
pub struct EndedLog(pub Vec<(u64, OppStatus)>);

/// Stalled projects: open, in nobody's queue, never worked.
#[derive(Resource, Debug, Default)]
pub struct Stalled(pub Vec<Entity>);

/// The accounts' market: their columns by index, needs by day, in-market buyers, the
/// touchable pool.
///
/// An account is a row of these columns (and of [`AccountStates`]), not an entity: every
/// daily loop reaches accounts by index, at random among 100,000s, where an entity lookup
/// costs two cache misses and a column read one; and no system queries accounts as a set,
/// so an entity per account would only cost its spawning and 60 bytes.
#[derive(Resource, Debug, Default)]
pub struct Market {
    /// Account indices whose need emerges on each day.
    pub needs_by_day: Vec<Vec<u32>>,
    /// One past the last account index of each segment (segments are contiguous).
    pub segment_ends: Vec<u32>,
    /// Accounts whose need emerged and who are not engaged (lazily pruned).
    pub in_market: Vec<InMarket>,
    /// Each account's value and need day, by index (fit is in the pool, read by touches).
    pub buyers: Vec<Buyer>,
    /// Touchable accounts, and every account's fit.
    pub pool: TouchPool,
    /// Marketing hours on campaigns this week.
    pub campaign_hours_week: f64,
    /// Marketing hours on campaigns last week.
    pub campaign_hours_last_week: f64,
}

impl Market {
    /// The segment of account `idx`.
    pub fn segment_of(&self, idx: u32) -> usize {
        self.segment_ends.partition_point(|&end| end <= idx)
    }

    /// What an opportunity on account `idx` starts with.
    pub fn prospect(&self, idx: u32, s: &crate::scenario::Scenario) -> Prospect {
        let segment = &s.segments[self.segment_of(idx)];
        let buyer = self.buyers[idx as usize];
        let elasticity = s.work.size_elasticity;
        Prospect {
            value: buyer.value,
            good: self.pool.fit(idx) >= segment.fit_threshold && buyer.need_day.is_some(),
            // No `pow` where size does not matter (reference mode).
            size: if elasticity == 0.0 {
                1.0
            } else {
                crate::model::ops::powf(buyer.value / segment.value_median, elasticity)
            },
        }
    }
}

/// What an opportunity takes from its account when it opens: neither changes while the
/// account is in the market, so an in-market buyer carries it from the day its need emerged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prospect {
    /// Deal value.
    pub value: f64,
    /// Fit at or above the segment's threshold, with a need.
    pub good: bool,
    /// (value / segment's median value) ^ size elasticity.
    pub size: f64,
}

/// What an engagement and the detection outcome read of an account, side by side so that
/// they cost one cache miss.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Buyer {
    /// Deal value.
    pub value: f64,
    /// Day its buying project emerges, if it has one.
    pub need_day: Option<u32>,
}

/// An in-market buyer as the daily inbound draw and its engagement need it, without touching
/// the account's columns (each a cache miss at a random index).
#[derive(Debug, Clone, Copy)]
pub struct InMarket {
    /// Account index.
    pub idx: u32,
    /// Last day of the buying window.
    pub closes: u32,
    /// The account's autonomy.
    pub autonomy: f64,
    /// What its opportunity starts with.
    pub prospect: Prospect,
}

/// Nurtured opportunities, oldest first, and today's spare nurture hours.
#[derive(Resource, Debug, Default)]
pub struct NurtureBook {
    /// Nurtured (account index, opportunity) pairs in arrival order; None where one has left.
    entries: Vec<Option<(u32, Entity)>>,
    /// Position in `entries` of each nurtured account (lookups only, never iterated).
    slots: bevy::platform::collections::HashMap<u32, usize>,
    /// Leftover hours of the nurture owner not yet spent today.
    pub spare_hours: f64,
    /// Nurture hours owed today that nobody could pay.
    pub unpaid_hours: f64,
}

impl NurtureBook {
    /// Nurtured accounts now.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether nobody is nurtured.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Start nurturing account `account` (its index) through opportunity `opp` (newest last).
    pub fn add(&mut self, account: u32, opp: Entity) {
        self.slots.insert(account, self.entries.len());
        self.entries.push(Some((account, opp)));
    }

    /// Stop nurturing `account`; returns its opportunity.
    pub fn take(&mut self, account: u32) -> Option<Entity> {
        let slot = self.slots.remove(&account)?;
        let (_, opp) = self.entries[slot].take()?;
        // Compact when holes dominate, so the list stays proportional to the members.
        if self.entries.len() > 64 && self.slots.len() * 2 < self.entries.len() {
            self.entries.retain(Option::is_some);
            for (i, (acc, _)) in self.entries.iter().flatten().enumerate() {
                self.slots.insert(*acc, i);
            }
        }
        Some(opp)
    }

    /// Remove and return up to `n` of the newest members, newest first.
    pub fn drop_newest(&mut self, n: usize) -> Vec<(u32, Entity)> {
        let mut out = Vec::new();
        while out.len() < n {
            match self.entries.pop() {
                Some(Some((acc, opp))) => {
                    self.slots.remove(&acc);
                    out.push((acc, opp));
                }
                Some(None) => {}
                None => break,
            }
        }
        out
    }
}

/// Opportunities that ended (won, lost, released): their counts live in the KPI tally and,
/// from the day's end, nothing refers to them any more, so new opportunities reuse their
/// entities (a spawn and a despawn through Bevy cost ~1,000 instructions an opportunity; an
/// ended one left in place costs its table row until it is reused).
#[derive(Resource, Debug, Default)]
pub struct Closed {
    /// Ended today (still referred to until the day's end).
    pub today: Vec<Entity>,
    /// Ended on earlier days: entities a new opportunity may take.
    pub reusable: Vec<Entity>,
}

/// Opportunities created by the running system, put into the world at its end (kept between
/// days for its room).
#[derive(Resource, Debug, Default)]
pub struct Births(pub Vec<(Entity, Opportunity)>);

/// Items given to a person, with the hour they become workable, since the work loop last
/// looked (it wakes a person waiting for work).
#[derive(Resource, Debug, Default)]
pub struct Assigned(pub Vec<(Entity, f64)>);

/// Lever changes queued by a player, applied at the start of the next day.
#[derive(Resource, Debug, Default)]
pub struct LeverQueue(pub Vec<EventChange>);

/// Sequence of opportunity ids.
#[derive(Resource, Debug, Default)]
pub struct OppIds(pub u64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lost_reasons_index_their_place_in_all() {
        for (i, r) in LostReason::ALL.iter().enumerate() {
            assert_eq!(r.index(), i);
        }
    }
}

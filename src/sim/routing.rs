//! Moving opportunities between stages, phases and people: the handoff (MODEL.md §5,
//! "Handoff") and the bookkeeping of closing an item. Shared by every system that moves work.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::kpi::Tally;
use super::state::*;
use crate::model::dist;
use crate::model::handoff::{info_after_handoff, leak_probability};
use crate::model::stage::{Role, Stage};
use crate::scenario::BuyerValues;

/// What routing needs: the organisation, the people's queues, the generator and the tally.
#[derive(SystemParam)]
pub struct Router<'w, 's> {
    /// Scenario constants.
    pub params: Res<'w, Params>,
    /// Today.
    pub clock: Res<'w, Clock>,
    /// Live organisation.
    pub org: ResMut<'w, Org>,
    /// Culture indices.
    pub culture: ResMut<'w, CultureState>,
    /// Active people.
    pub roster: ResMut<'w, Roster>,
    /// Every person's queue.
    pub queues: Query<'w, 's, &'static mut Queue>,
    /// Items waiting for someone.
    pub unassigned: ResMut<'w, Unassigned>,
    /// Stalled projects.
    pub stalled: ResMut<'w, Stalled>,
    /// The run's generator.
    pub rng: ResMut<'w, Rng>,
    /// KPI counters.
    pub tally: ResMut<'w, Tally>,
    /// Opportunities ended today, to despawn.
    pub closed: ResMut<'w, Closed>,
    /// Every account's state (an account follows the end of its opportunity).
    pub states: ResMut<'w, AccountStates>,
    /// Ended projects, when recorded.
    pub deals: Option<ResMut<'w, DealLog>>,
    /// Ended opportunities, when recorded.
    pub ended: Option<ResMut<'w, EndedLog>>,
    /// Items given to someone since the work loop last looked.
    pub assigned: ResMut<'w, Assigned>,
    /// Every opportunity's record, when kept.
    pub log: Option<ResMut<'w, OpportunityLog>>,
}

impl<'w> Router<'w, '_> {
    /// The scenario, borrowed for the system's whole run rather than through the router, so
    /// that a system reads it while it moves items (no reference-count traffic per item).
    pub fn scenario(&self) -> &'w crate::scenario::Scenario {
        &Res::clone(&self.params).into_inner().0
    }

    /// Every open item, into `items` (emptied first, so that a system's `Local` list keeps its
    /// room between days): each person's queue in roster order, then the waiting lists, then
    /// the stalled projects.
    pub fn open_items(&self, items: &mut Vec<Entity>) {
        items.clear();
        for &p in &self.roster.all {
            if let Ok(q) = self.queues.get(p) {
                items.extend(&q.0);
            }
        }
        for list in &self.unassigned.0 {
            items.extend(list);
        }
        items.extend(&self.stalled.0);
    }

    /// Give `opp` to the least-loaded person of `o.role` (or park it as unassigned); a stalled
    /// project goes back to the stalled list, whoever owns its stage now.
    pub fn assign(&mut self, opp: Entity, o: &mut Opportunity) {
        if o.stalled {
            o.assignee = None;
            self.stalled.0.push(opp);
            return;
        }
        let least = self.roster.least_loaded(o.role);
        match least.and_then(|(p, i)| self.queues.get_mut(p).ok().map(|q| (p, i, q))) {
            Some((p, i, mut q)) => {
                o.assignee = Some(p);
                q.0.push(opp);
                self.roster.add_load_at(o.role, i);
                self.assigned.0.push((p, o.ready_hour));
            }
            None => {
                o.assignee = None;
                self.unassigned.0[o.role.index()].push(opp);
            }
        }
    }

    /// Take `opp` out of whichever queue holds it.
    pub fn unqueue(&mut self, opp: Entity, o: &Opportunity) {
        if o.stalled {
            if let Some(i) = self.stalled.0.iter().position(|&e| e == opp) {
                self.stalled.0.remove(i);
            }
            return;
        }
        let holder = o
            .assignee
            .and_then(|p| self.queues.get_mut(p).ok().map(|q| (p, q)));
        let (list, person) = match holder {
            Some((p, q)) => (&mut q.into_inner().0, Some(p)),
            None => (&mut self.unassigned.0[o.role.index()], None),
        };
        if let Some(i) = list.iter().position(|&e| e == opp) {
            list.remove(i);
            if let Some(p) = person {
                self.roster.remove_load(o.role, p);
            }
        }
    }

    /// Put `o` into `stage`, `phase`, arriving at absolute working hour `hour` and workable
    /// from `ready` (later while the buyer is the one to act). `from` is the role that held
    /// it (None for a new inbound contact); `queued` says whether the item is already in a
    /// queue (an open item) or not (new, or back from nurture: its account becomes Engaged).
    /// A change of role is a handoff: the item goes to the least-loaded person of the new
    /// role, may leak (then it is closed, its account lost) and loses information. A new
    /// stage draws its hours (MODEL.md §9.3).
    #[allow(clippy::too_many_arguments)]
    pub fn enter(
        &mut self,
        opp: Entity,
        o: &mut Opportunity,
        stage: Stage,
        phase: usize,
        from: Option<Role>,
        hour: f64,
        ready: f64,
        queued: bool,
    ) {
        let s = self.scenario();
        let role = self.org.levers.owners.role_at(stage, phase);
        let handoff = from.is_some_and(|r| r != role);
        let new_stage = !queued || o.status != OppStatus::Open(stage);
        let needs_person = !queued || role != o.role;
        if handoff {
            o.handed_by = o.assignee;
            o.marketing_lead |= from != Some(Role::Sales);
        }
        if queued && needs_person {
            self.unqueue(opp, o);
            o.assignee = None;
        }
        if !queued {
            self.states.0[o.account_index as usize] = AccountState::Engaged;
            if stage == Stage::Detection
                && let Some(log) = self.log.as_mut()
            {
                let at = log.records.len();
                log.by_id.insert(o.id, at);
                log.records.push(OppRecord {
                    id: o.id,
                    account: o.account_index,
                    source: o.source,
                    arrival_hour: o.arrival_hour,
                    first_response_hours: None,
                    detected_hour: None,
                    stages: [None; 4],
                    handoffs: 0,
                    status: o.status,
                    end_hour: None,
                    value: o.value,
                    booked: 0.0,
                    owner: None,
                });
            }
        }
        o.status = OppStatus::Open(stage);
        o.phase = phase;
        o.role = role;
        if handoff {
            let ci = self.culture.indices;
            let p = leak_probability(
                s.outcomes.handoff_leak,
                ci.common_language,
                ci.relationship_quality,
            );
            self.culture.handoffs_week += 1;
            if let Some(r) = self.log.as_mut().and_then(|l| l.get_mut(o.id)) {
                r.handoffs += 1;
            }
            if self.rng.0.chance(p) {
                self.culture.handoff_losses_week += 1;
                self.close(opp, o, OppStatus::Lost(LostReason::Handoff), true, hour);
                return;
            }
            o.info = info_after_handoff(o.info, ci.information_sharing);
            self.culture.info_lost_week += 1.0 - o.info;
            o.awaiting_receiver = true;
            o.crossed_handoff = true;
        }
        if new_stage {
            o.stage_day = self.clock.today;
            o.after_handoff = handoff;
            o.marketing_accuracy = None;
            o.stage_hours = self.draw_hours(stage, o.pace * o.size);
        }
        if stage == Stage::Demonstration {
            o.reached_demo = true;
        }
        let share = s.outcomes.shared_marketing_share;
        o.work_left = match (self.org.levers.owners.of(stage).phases().len(), phase) {
            (1, _) => o.stage_hours,
            (_, 0) => o.stage_hours * share,
            _ => o.stage_hours * (1.0 - share),
        };
        o.ready_hour = ready;
        o.touched = false;
        if needs_person {
            self.assign(opp, o);
        }
        if new_stage && let Some(i) = BuyerValues::STAGES.iter().position(|&s| s == stage) {
            let owner = o.assignee.and_then(|p| self.roster.ids.get(&p).copied());
            if let Some(r) = self.log.as_mut().and_then(|l| l.get_mut(o.id)) {
                r.stages[i] = Some((hour, role, owner));
                r.status = o.status;
            }
        }
    }

    /// Detection found `o`'s project at absolute working hour `hour` (or a nurtured need was
    /// noticed): it counts as a new project.
    pub fn detect(&mut self, o: &mut Opportunity, hour: f64) {
        o.detected_day = Some(self.clock.today);
        self.tally.new_projects += 1;
        match o.source {
            Source::Inbound => self.tally.inbound_projects += 1,
            Source::Outbound => self.tally.outbound_projects += 1,
        }
        if let Some(r) = self.log.as_mut().and_then(|l| l.get_mut(o.id)) {
            r.detected_hour = Some(hour);
        }
    }

    /// A lead's first touch, `hours` after it arrived.
    pub fn log_response(&mut self, o: &Opportunity, hours: f64) {
        if let Some(r) = self.log.as_mut().and_then(|l| l.get_mut(o.id)) {
            r.first_response_hours = Some(hours);
        }
    }

    /// A deal's hours in `stage`: Gamma with mean `hours[stage] × scale` and coefficient of
    /// variation `work_cv` (no draw when it is 0: every deal takes the mean).
    fn draw_hours(&mut self, stage: Stage, scale: f64) -> f64 {
        let w = &self.params.0.work;
        let mean = w.hours.get(stage) * scale;
        if w.work_cv <= 0.0 {
            return mean;
        }
        let shape = 1.0 / (w.work_cv * w.work_cv);
        dist::gamma(&mut self.rng.0, shape) * mean / shape
    }

    /// Working hours the buyer takes before `stage` can be worked, for a deal of `size` in
    /// `segment`: lognormal with median `buyer_days[stage] × size` days and spread
    /// `buyer_sigma` (no draw when the median is 0).
    pub fn buyer_delay(&mut self, segment: usize, stage: Stage, size: f64) -> f64 {
        let s = self.scenario();
        let median = s.segments[segment].buyer_days.get(stage) * size;
        if median <= 0.0 {
            return 0.0;
        }
        let days = if s.work.buyer_sigma > 0.0 {
            dist::lognormal(&mut self.rng.0, median, s.work.buyer_sigma)
        } else {
            median
        };
        days * s.team.hours_per_day
    }

    /// A newly detected project's buyer pace: lognormal around 1, times the fast-track pace
    /// for a fast-track project. Each draw is made only when the scenario asks for it, so a
    /// scenario without pace keeps its random stream.
    pub fn draw_pace(&mut self) -> f64 {
        let w = &self.params.0.work;
        let (sigma, share, fast) = (w.pace_sigma, w.fast_track_share, w.fast_track_pace);
        let spread = if sigma > 0.0 {
            dist::lognormal(&mut self.rng.0, 1.0, sigma)
        } else {
            1.0
        };
        if share > 0.0 && self.rng.0.chance(share) {
            spread * fast
        } else {
            spread
        }
    }

    /// A project just entered Qualification may stall: it leaves its queue for the stalled
    /// list (drawn only when the scenario has stalls).
    pub fn maybe_stall(&mut self, opp: Entity, o: &mut Opportunity) {
        let p = self.params.0.outcomes.stall_probability;
        if p > 0.0 && self.rng.0.chance(p) {
            self.unqueue(opp, o);
            o.stalled = true;
            self.assign(opp, o);
        }
    }

    /// Close `o` with a final status at absolute working hour `hour`: bookkeeping of counts,
    /// leakage, response and pipeline time, and the account's state (won → Won, lost → Lost,
    /// nurtured → Nurtured; a released account is put back in the market by the caller).
    /// `leak` marks a loss that counts as leakage (handoff, or waiting for us).
    pub fn close(
        &mut self,
        opp: Entity,
        o: &mut Opportunity,
        status: OppStatus,
        leak: bool,
        hour: f64,
    ) {
        let at_the_front = o.stage().is_some_and(|s| s <= Stage::Qualification);
        if let Some(r) = self.log.as_mut().and_then(|l| l.get_mut(o.id)) {
            r.status = status;
            if let Some(p) = o.assignee {
                r.owner = self.roster.ids.get(&p).map(|&id| (o.role, id));
            }
            if matches!(status, OppStatus::Won | OppStatus::Lost(_)) {
                r.end_hour = Some(hour);
            }
            if status == OppStatus::Won {
                r.booked = o.value * (1.0 - o.discount);
            }
        }
        if o.stage().is_some() {
            self.unqueue(opp, o);
            self.tally.pipeline_exit(o.open_days);
            o.open_days = 0;
        }
        o.status = status;
        o.assignee = None;
        let day_hours = self.params.0.team.hours_per_day;
        let t = &mut self.tally;
        let ended = matches!(status, OppStatus::Won | OppStatus::Lost(_));
        // A lead that ends before anyone touched it: its response is at least its age.
        if ended && !o.answered {
            t.unanswered += 1;
            t.response(hour - o.arrival_hour);
        }
        if ended && o.awaiting_receiver {
            t.handoff_response.push(hour - o.ready_hour.min(hour));
        }
        if ended && o.detected_day.is_some() {
            if status == OppStatus::Won {
                t.projects_won += 1;
            } else {
                t.projects_lost += 1;
            }
        }
        if o.marketing_lead && leak && at_the_front {
            self.culture.marketing_leads_week += 1;
            self.culture.marketing_leads_failed_week += 1;
        }
        let account = match status {
            OppStatus::Lost(reason) => {
                t.lost[reason.index()] += 1;
                if leak {
                    t.leaked += 1;
                }
                if o.reached_demo {
                    t.lost_after_demo += 1;
                }
                Some(AccountState::Lost)
            }
            OppStatus::Won => {
                t.signed += 1;
                t.won_after_demo += 1;
                let booked = o.value * (1.0 - o.discount);
                t.bookings += booked;
                self.culture.quarter_bookings += booked;
                self.culture.bookings_week += booked;
                self.culture.wins_week += 1;
                if o.crossed_handoff {
                    self.culture.shared_wins_week += 1;
                }
                t.won_cycles.push((hour - o.arrival_hour) / day_hours);
                Some(AccountState::Won)
            }
            OppStatus::Released => {
                t.released += 1;
                None
            }
            OppStatus::Nurture => Some(AccountState::Nurtured),
            OppStatus::Open(_) => None,
        };
        if let Some(settled) = account {
            self.states.0[o.account_index as usize] = settled;
        }
        if matches!(
            status,
            OppStatus::Won | OppStatus::Lost(_) | OppStatus::Released
        ) {
            self.closed.today.push(opp);
        }
        if let Some(log) = self.ended.as_mut() {
            log.0.push((o.id, status));
        }
        if let (Some(log), Some(start), OppStatus::Won | OppStatus::Lost(_)) =
            (self.deals.as_mut(), o.detected_day, status)
        {
            let won = status == OppStatus::Won;
            let segment = self.params.0.segment_of_account(o.account_index) as u32;
            log.0.push(Deal {
                start,
                end: self.clock.today,
                won,
                segment,
                value: if won {
                    o.value * (1.0 - o.discount)
                } else {
                    0.0
                },
            });
        }
    }
}

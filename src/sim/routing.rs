//! Moving opportunities between stages, phases and people: the handoff (MODEL.md §5,
//! "Handoff") and the bookkeeping of closing an item. Shared by every system that moves work.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::kpi::Tally;
use super::state::*;
use crate::model::dist;
use crate::model::handoff::{info_after_handoff, leak_probability};
use crate::model::stage::{Role, Stage};

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

    /// Put `o` into `stage`, `phase`, workable from absolute working hour `hour`. `from` is
    /// the role that held it (None for a new inbound contact); `queued` says whether the item
    /// is already in a queue (an open item) or not (new, or back from nurture: its account
    /// becomes Engaged). A change of role is a handoff: the item goes to the least-loaded
    /// person of the new role, may leak (then it is closed, its account lost) and loses
    /// information.
    pub fn enter(
        &mut self,
        opp: Entity,
        o: &mut Opportunity,
        stage: Stage,
        phase: usize,
        from: Option<Role>,
        hour: f64,
        queued: bool,
    ) {
        let s = self.scenario();
        let role = self.org.levers.owners.role_at(stage, phase);
        let handoff = from.is_some_and(|r| r != role);
        let new_stage = !queued || o.status != OppStatus::Open(stage);
        let needs_person = !queued || role != o.role;
        if queued && needs_person {
            self.unqueue(opp, o);
            o.assignee = None;
        }
        if !queued {
            self.states.0[o.account_index as usize] = AccountState::Engaged;
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
            if self.rng.0.chance(p) {
                self.close(opp, o, OppStatus::Lost(LostReason::Handoff), true);
                return;
            }
            o.info = info_after_handoff(o.info, ci.information_sharing);
        }
        if new_stage {
            o.stage_day = self.clock.today;
            o.after_handoff = handoff;
            o.marketing_accuracy = None;
        }
        if stage == Stage::Demonstration {
            o.reached_demo = true;
        }
        let hours = s.work.hours.get(stage) * o.pace;
        let share = s.outcomes.shared_marketing_share;
        o.work_left = match (self.org.levers.owners.of(stage).phases().len(), phase) {
            (1, _) => hours,
            (_, 0) => hours * share,
            _ => hours * (1.0 - share),
        };
        o.ready_hour = hour;
        o.touched = false;
        if needs_person {
            self.assign(opp, o);
        }
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

    /// Close `o` with a final status: bookkeeping of counts, leakage and pipeline time, and
    /// the account's state (won → Won, lost → Lost, nurtured → Nurtured; a released account
    /// is put back in the market by the caller). `leak` marks a loss that counts as leakage
    /// (handoff or idle decay).
    pub fn close(&mut self, opp: Entity, o: &mut Opportunity, status: OppStatus, leak: bool) {
        if o.stage().is_some() {
            self.unqueue(opp, o);
            self.tally.pipeline_exit(o.open_days);
            o.open_days = 0;
        }
        o.status = status;
        o.assignee = None;
        let t = &mut self.tally;
        let account = match status {
            OppStatus::Lost(reason) => {
                t.lost[reason.index()] += 1;
                if leak && o.detected_day.is_some() {
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
                t.cycle_days_sum +=
                    f64::from(self.clock.today - o.detected_day.unwrap_or(o.engaged_day));
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
            log.0.push(Deal {
                start,
                end: self.clock.today,
                won,
                value: if won {
                    o.value * (1.0 - o.discount)
                } else {
                    0.0
                },
            });
        }
    }
}

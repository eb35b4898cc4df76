//! The market (MODEL.md §4.2): needs emerge, nurtured accounts' needs are noticed (or not),
//! in-market buyers come inbound, buying windows close, cooled-down accounts become
//! touchable again. [`Nursery`] opens opportunities (here, and for outbound engagements
//! during Work).

use bevy::ecs::entity::EntityAllocator;
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::DaySet;
use super::routing::Router;
use super::state::*;
use crate::model::market::{attraction, inbound_probability, presence};
use crate::model::stage::{Role, Stage};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        super::SimDay,
        (release_cooldowns, emerge_needs, inbound)
            .chain()
            .in_set(DaySet::Market),
    );
}

/// A new opportunity on account `idx`, not yet placed anywhere.
fn new_opportunity(
    ids: &mut OppIds,
    idx: u32,
    prospect: Prospect,
    s: &crate::scenario::Scenario,
    source: Source,
    today: u32,
    hour: f64,
) -> Opportunity {
    ids.0 += 1;
    Opportunity {
        id: ids.0,
        account_index: idx,
        status: OppStatus::Open(Stage::Detection),
        phase: 0,
        assignee: None,
        role: Role::Sales,
        work_left: 0.0,
        stage_hours: 0.0,
        good: prospect.good,
        info: s.outcomes.info_start,
        relationship: s.outcomes.relationship_start,
        competitor: false,
        discount: 0.0,
        value: prospect.value,
        source,
        engaged_day: today,
        detected_day: None,
        arrival_hour: hour,
        ready_hour: hour,
        touched: false,
        answered: false,
        crossed_handoff: false,
        handed_by: None,
        marketing_lead: source == Source::Inbound,
        awaiting_receiver: false,
        wait_hours: 0.0,
        given_hours: 0.0,
        given_day: today,
        size: prospect.size,
        after_handoff: false,
        marketing_accuracy: None,
        last_active_day: today,
        reached_demo: false,
        open_days: 0,
        pace: 1.0,
        stalled: false,
        stage_day: today,
    }
}

/// What opening opportunities takes: their ids, their entities (an ended opportunity's,
/// reused in place, else a new one) and the command that spawns the new ones. A new one lives
/// in [`Births`] until the system ends: [`Nursery::opp`] finds it there meanwhile.
#[derive(SystemParam)]
pub(super) struct Nursery<'w, 's> {
    ids: ResMut<'w, OppIds>,
    allocator: &'w EntityAllocator,
    births: ResMut<'w, Births>,
    commands: Commands<'w, 's>,
}

impl Nursery<'_, '_> {
    /// Open an engaged contact in Detection, arriving at absolute working hour `hour`:
    /// routed from `from` (the prospector's role) or straight to the Detection owner
    /// (inbound); if it leaks at that handoff, the account is lost.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn engage(
        &mut self,
        router: &mut Router,
        opps: &mut Query<&mut Opportunity>,
        idx: u32,
        prospect: Prospect,
        source: Source,
        from: Option<Role>,
        hour: f64,
    ) {
        let today = router.clock.today;
        let s = router.scenario();
        let mut o = new_opportunity(&mut self.ids, idx, prospect, s, source, today, hour);
        let reused = router.closed.reusable.pop();
        let e = reused.unwrap_or_else(|| self.allocator.alloc());
        router.tally.engaged += 1;
        router.enter(e, &mut o, Stage::Detection, 0, from, hour, hour, false);
        match reused.and_then(|e| opps.get_mut(e).ok()) {
            Some(mut ended) => *ended = o,
            None => self.births.0.push((e, o)),
        }
    }

    /// The opportunity of entity `e` to read, in the world or born since the system started.
    pub(super) fn peek<'a>(
        &'a self,
        opps: &'a Query<&mut Opportunity>,
        e: Entity,
    ) -> Option<&'a Opportunity> {
        match opps.get(e) {
            Ok(o) => Some(o),
            Err(_) => self
                .births
                .0
                .iter()
                .rev()
                .find(|(b, _)| *b == e)
                .map(|(_, o)| o),
        }
    }

    /// The opportunity of entity `e`, in the world or born since the system started.
    pub(super) fn opp<'a>(
        &'a mut self,
        opps: &'a mut Query<&mut Opportunity>,
        e: Entity,
    ) -> Option<&'a mut Opportunity> {
        match opps.get_mut(e) {
            Ok(o) => Some(o.into_inner()),
            Err(_) => self
                .births
                .0
                .iter_mut()
                .rev()
                .find(|(b, _)| *b == e)
                .map(|(_, o)| o),
        }
    }

    /// Spawn the new opportunities, by one command at the system's end, each straight into
    /// its table (an entity spawned empty and given its component later moves tables, and
    /// costs a command per step). The list keeps its room from one day to the next.
    pub(super) fn spawn(&mut self) {
        if self.births.0.is_empty() {
            return;
        }
        self.commands.queue(|world: &mut World| -> Result {
            world.resource_scope(|world, mut births: Mut<Births>| {
                births
                    .0
                    .drain(..)
                    .try_for_each(|(e, o)| world.spawn_at(e, o).map(|_| ()))
            })?;
            Ok(())
        });
    }
}

fn release_cooldowns(clock: Res<Clock>, mut market: ResMut<Market>) {
    market.pool.release(clock.today);
}

/// Needs emerging today: a dormant account enters the market; a nurtured one is detected
/// with probability `nurture.quality`, else it leaves nurture as an ordinary buyer.
fn emerge_needs(
    mut router: Router,
    mut market: ResMut<Market>,
    mut nurture: ResMut<NurtureBook>,
    mut opps: Query<&mut Opportunity>,
    conditions: Res<MarketConditions>,
) {
    let today = router.clock.today;
    let s = router.scenario();
    let hour = f64::from(today) * s.team.hours_per_day;
    let emerging = std::mem::take(&mut market.needs_by_day[today as usize]);
    let mut noticed_or_released = Vec::new();
    for &idx in emerging.iter() {
        // A recession cancels a share of the needs as they emerge (no draw at full demand,
        // so runs without one are unchanged).
        if conditions.demand < 1.0 && !router.rng.0.chance(conditions.demand) {
            market.buyers[idx as usize].need_day = None;
            continue;
        }
        let state = &mut router.states.0[idx as usize];
        match *state {
            AccountState::Dormant => enter_market(&mut market, s, idx, state, today),
            AccountState::Nurtured => noticed_or_released.push(idx),
            _ => {}
        }
    }
    if noticed_or_released.is_empty() {
        return;
    }
    let nurture_role = router.org.levers.owners.nurture_role();
    for idx in noticed_or_released {
        let Some(e) = nurture.take(idx) else {
            continue;
        };
        let Ok(mut o) = opps.get_mut(e) else {
            continue;
        };
        if router.rng.0.chance(s.nurture.quality) {
            router.detect(&mut o, hour);
            // A project noticed in nurture arrives anew: its cycle and its buyer's wait
            // count from the notice (it is not a new lead: it was answered long ago).
            o.arrival_hour = hour;
            o.wait_hours = 0.0;
            o.awaiting_receiver = false;
            router.enter(
                e,
                &mut o,
                Stage::Qualification,
                0,
                Some(nurture_role),
                hour,
                hour,
                false,
            );
        } else {
            router.close(e, &mut o, OppStatus::Released, false, hour);
            let state = &mut router.states.0[idx as usize];
            enter_market(&mut market, s, idx, state, today);
            market.pool.insert(idx);
        }
    }
}

/// The account's buying window opens today: it is in the market until the window closes.
fn enter_market(
    market: &mut Market,
    s: &crate::scenario::Scenario,
    idx: u32,
    state: &mut AccountState,
    today: u32,
) {
    let segment = &s.segments[market.segment_of(idx)];
    let closes = today + segment.buying_window_days;
    *state = AccountState::InMarket;
    let prospect = market.prospect(idx, s);
    market.in_market.push(InMarket {
        idx,
        closes,
        autonomy: segment.autonomy,
        prospect,
    });
}

/// In-market buyers search on their own; windows that close unengaged are missed projects.
fn inbound(
    mut router: Router,
    mut market: ResMut<Market>,
    mut nursery: Nursery,
    mut opps: Query<&mut Opportunity>,
    mut leaving: Local<Vec<u32>>,
) {
    let today = router.clock.today;
    let s = router.scenario();
    let day_hours = s.team.hours_per_day;
    let day_start = f64::from(today) * day_hours;
    let p = &s.prospecting;
    let presence = presence(
        router.org.levers.budget_per_week,
        p.budget_reference_per_week,
        market.campaign_hours_last_week,
        p.campaign_hours_reference,
    );
    let pull = attraction(p.attraction_base, p.attraction_gain, presence);
    let market = &mut *market;
    // Those still looking stay, in order, in the same list (it keeps its room): the scan
    // compacts them to the front and stops at each buyer who comes inbound.
    leaving.clear();
    let mut scan = InboundScan::new(today, pull);
    while let Some(entry) = scan.next_engaged(
        &mut market.in_market,
        &mut router.states.0,
        &mut router.rng.0,
        &mut leaving,
        &mut router.tally.missed,
    ) {
        // The buyer raises a hand at an hour of the working day (MODEL.md §9.1).
        let hour = day_start + router.rng.0.unit() * day_hours;
        nursery.engage(
            &mut router,
            &mut opps,
            entry.idx,
            entry.prospect,
            Source::Inbound,
            None,
            hour,
        );
    }
    scan.finish(&mut market.in_market);
    // Out of the touch pool in the same order as they left (nothing above reads the pool).
    for &idx in leaving.iter() {
        market.pool.remove(idx);
    }
    nursery.spawn();
}

/// A scan of the in-market list that keeps, in order and at the list's front, the buyers
/// still looking: it stops at each one who comes inbound, whose engagement draws from the
/// generator before the scan goes on. Its loop takes the list, states and generator as
/// its own `&mut` arguments, so their state stays in registers (as `TouchPool::touch`).
struct InboundScan {
    today: u32,
    /// Today's attraction of the company.
    pull: f64,
    /// Next entry to read.
    read: usize,
    /// Entries kept so far, at the front of the list.
    kept: usize,
}

impl InboundScan {
    /// A scan of today's list from its start.
    fn new(today: u32, pull: f64) -> Self {
        InboundScan {
            today,
            pull,
            read: 0,
            kept: 0,
        }
    }

    /// Scan on to the next buyer who comes inbound (None at the list's end). A buyer who
    /// was engaged meanwhile (a touch found it) leaves; a window that closes is a missed
    /// project; the others draw whether they come inbound today.
    fn next_engaged(
        &mut self,
        list: &mut [InMarket],
        states: &mut [AccountState],
        rng: &mut crate::model::rng::SimRng,
        leaving: &mut Vec<u32>,
        missed: &mut u64,
    ) -> Option<InMarket> {
        while let Some(&entry) = list.get(self.read) {
            self.read += 1;
            let idx = entry.idx as usize;
            // The one-byte states stay in cache where the touch pool's slots would not.
            if states[idx] != AccountState::InMarket {
                continue;
            }
            if self.today >= entry.closes {
                states[idx] = AccountState::Missed;
                leaving.push(entry.idx);
                *missed += 1;
            } else if rng.chance(inbound_probability(entry.autonomy, self.pull)) {
                leaving.push(entry.idx);
                return Some(entry);
            } else {
                list[self.kept] = entry;
                self.kept += 1;
            }
        }
        None
    }

    /// Drop what the scan left behind the buyers it kept (call once it returned None).
    fn finish(self, list: &mut Vec<InMarket>) {
        list.truncate(self.kept);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rng::SimRng;

    fn buyer(idx: u32, closes: u32, autonomy: f64) -> InMarket {
        InMarket {
            idx,
            closes,
            autonomy,
            prospect: Prospect {
                value: f64::from(idx),
                good: true,
                size: 1.0,
            },
        }
    }

    #[test]
    fn inbound_scan_keeps_the_lookers_in_order_and_stops_at_each_inbound_buyer() {
        // 0 still looking, 1 engaged meanwhile, 2 window closed, 3 certain to come inbound,
        // 4 still looking, 5 certain to come inbound.
        let mut list = vec![
            buyer(0, 9, 0.0),
            buyer(1, 9, 0.0),
            buyer(2, 5, 0.0),
            buyer(3, 9, 1.0),
            buyer(4, 9, 0.0),
            buyer(5, 9, 1.0),
        ];
        let mut states = vec![AccountState::InMarket; 6];
        states[1] = AccountState::Engaged;
        let mut rng = SimRng::new(1);
        let (mut leaving, mut missed) = (Vec::new(), 0);
        let mut scan = InboundScan::new(5, 1.0);
        let mut inbound = Vec::new();
        while let Some(entry) =
            scan.next_engaged(&mut list, &mut states, &mut rng, &mut leaving, &mut missed)
        {
            inbound.push(entry.idx);
        }
        scan.finish(&mut list);
        assert_eq!(inbound, [3, 5]);
        assert_eq!(list.iter().map(|b| b.idx).collect::<Vec<_>>(), [0, 4]);
        assert_eq!(leaving, [2, 3, 5]);
        assert_eq!(missed, 1);
        assert_eq!(states[2], AccountState::Missed);
        assert_eq!(states[1], AccountState::Engaged);
    }
}

//! Semantic checks of a parsed scenario: ranges and cross-field rules, every problem
//! collected with its field path and the allowed range.

use super::error::FieldError;
use super::lever::{EventChange, Kind, Lever, LeverState, MAX_HEADCOUNT, Setting, Value};
use super::schema::*;
use crate::kpi::Kpi;
use crate::model::culture::Indices;
use crate::model::stage::{Preset, Role, Stage};

struct Checker {
    errors: Vec<FieldError>,
}

/// A number as a message shows it: very large or very small ones in exponent form.
fn shown(v: f64) -> String {
    if v.is_finite() && v != 0.0 && !(1e-4..1e9).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

impl Checker {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError {
            path: path.into(),
            message: message.into(),
        });
    }

    fn range(&mut self, path: impl Into<String>, v: f64, lo: f64, hi: f64) {
        if !(lo..=hi).contains(&v) {
            let (v, lo, hi) = (shown(v), shown(lo), shown(hi));
            self.push(path, format!("{v} is out of range; allowed: {lo} to {hi}"));
        }
    }

    fn prob(&mut self, path: impl Into<String>, v: f64) {
        self.range(path, v, 0.0, 1.0);
    }

    fn non_negative(&mut self, path: impl Into<String>, v: f64) {
        if !(v.is_finite() && v >= 0.0) {
            self.push(path, format!("{} is out of range; allowed: ≥ 0", shown(v)));
        }
    }

    fn positive(&mut self, path: impl Into<String>, v: f64) {
        if !(v.is_finite() && v > 0.0) {
            self.push(path, format!("{} is out of range; allowed: > 0", shown(v)));
        }
    }

    /// A number of days: `lo` to [`MAX_DAYS`], so that a day plus a delay never overflows and
    /// nothing is sized by a day beyond any run.
    fn days(&mut self, path: impl Into<String>, v: u32, lo: u32) {
        if !(lo..=MAX_DAYS).contains(&v) {
            self.push(
                path,
                format!("{v} is out of range; allowed: {lo} to {MAX_DAYS}"),
            );
        }
    }

    fn count(&mut self, path: impl Into<String>, v: i64, hi: i64) {
        if !(0..=hi).contains(&v) {
            self.push(path, format!("{v} is out of range; allowed: 0 to {hi}"));
        }
    }
}

/// Largest median deal value (so that bookings stay finite over any run).
const MAX_DEAL_VALUE: f64 = 1e12;

/// Most days of a run, and of any delay or window in days.
pub const MAX_DAYS: u32 = 100_000;

/// Longest median delay of a buyer before a stage, working days.
pub const MAX_BUYER_DAYS: f64 = 1_000.0;

/// Every problem of `s`, empty when it can be simulated.
pub fn validate(s: &RawScenario) -> Vec<FieldError> {
    let mut c = Checker { errors: Vec::new() };
    c.days("days", s.days, 1);
    c.days("fiscal_year_days", s.fiscal_year_days, 1);
    c.days("quarter_days", s.quarter_days, 1);
    segments(&mut c, &s.segments);
    team(&mut c, &s.team);
    split_staffing(&mut c, s);
    prospecting(&mut c, &s.prospecting);
    work(&mut c, &s.work);
    outcomes(&mut c, &s.outcomes);
    c.positive("lead_decay.half_life_hours", s.lead_decay.half_life_hours);
    c.prob("lead_decay.floor", s.lead_decay.floor);
    let p = &s.preparation;
    c.non_negative("preparation.saturation_hours", p.saturation_hours);
    c.prob("preparation.single_role_factor", p.single_role_factor);
    c.prob("preparation.targeting_min", p.targeting_min);
    c.prob("preparation.targeting_max", p.targeting_max);
    c.range("preparation.message_min", p.message_min, 0.0, 10.0);
    c.range("preparation.message_max", p.message_max, 0.0, 10.0);
    c.prob("nurture.quality", s.nurture.quality);
    c.non_negative(
        "nurture.hours_per_account_week",
        s.nurture.hours_per_account_week,
    );
    indices(&mut c, "culture.initial", &s.culture.initial);
    c.range("culture.tau_weeks", s.culture.tau_weeks, 1.0, 1000.0);
    c.range(
        "culture.overload_days",
        s.culture.overload_days,
        0.5,
        1000.0,
    );
    // Any owners do for the numbers; the split is checked by `organisation`.
    let owners = s.split.owners().unwrap_or(Preset::SalesLed.owners());
    let start = LeverState::starting(s, owners);
    for lever in Lever::ALL {
        setting(&mut c, lever.spec().path, &start.get(lever));
    }
    let w = serde_json::to_value(s.culture.weights).unwrap_or_default();
    for (k, v) in w.as_object().into_iter().flatten() {
        c.non_negative(
            format!("culture.weights.{k}"),
            v.as_f64().unwrap_or(f64::NAN),
        );
    }
    c.prob("change.disruption", s.change.disruption);
    c.non_negative(
        "change.transition_half_life_days",
        s.change.transition_half_life_days,
    );
    c.non_negative("change.coaching_speedup", s.change.coaching_speedup);
    c.prob("change.shock", s.change.shock);
    c.range("learning.rate_per_hour", s.learning.rate_per_hour, 0.0, 1.0);
    c.range("attrition.annual_rate", s.attrition.annual_rate, 0.0, 5.0);
    c.non_negative("attrition.sensitivity", s.attrition.sensitivity);
    for r in Role::ALL {
        c.non_negative(
            format!("costs.salary_per_day.{}", r.name()),
            s.costs.salary_per_day.get(r),
        );
    }
    c.positive("quota", s.quota);
    let sc = serde_json::to_value(&s.scorecard).unwrap_or_default();
    let mut total = 0.0;
    for (k, v) in sc.as_object().into_iter().flatten() {
        let v = v.as_f64().unwrap_or(f64::NAN);
        c.non_negative(format!("scorecard.{k}"), v);
        total += v;
    }
    if total.is_nan() || total <= 0.0 {
        c.push(
            "scorecard",
            "the weights sum to 0; allowed: at least one weight > 0",
        );
    }
    organisation(&mut c, s);
    c.errors
}

fn segments(c: &mut Checker, segs: &[Segment]) {
    if segs.is_empty() {
        c.push("segments", "no segment; allowed: at least one");
    }
    let mut total: i64 = 0;
    for (i, g) in segs.iter().enumerate() {
        let p = |f: &str| format!("segments[{i}].{f}");
        c.count(p("accounts"), g.accounts, 10_000_000);
        total = total.saturating_add(g.accounts.max(0));
        c.range(p("fit.alpha"), g.fit.alpha, 0.01, 1000.0);
        c.range(p("fit.beta"), g.fit.beta, 0.01, 1000.0);
        c.prob(p("fit_threshold"), g.fit_threshold);
        c.range(p("value_median"), g.value_median, 0.01, MAX_DEAL_VALUE);
        c.range(p("value_sigma"), g.value_sigma, 0.0, 5.0);
        c.prob(p("need_share"), g.need_share);
        let (first, last) = g.need_days;
        if first >= last {
            c.push(
                p("need_days"),
                format!(
                    "({first}, {last}) is not a day range; allowed: (first, last) with first < last"
                ),
            );
        }
        let weeks = crate::model::calendar::weeks_spanning(last.saturating_sub(first)) as usize;
        if g.need_weights.len() > weeks {
            c.push(
                p("need_weights"),
                format!(
                    "{} weeks given; allowed: at most {weeks} (the weeks of need_days)",
                    g.need_weights.len()
                ),
            );
        }
        for (w, v) in g.need_weights.iter().enumerate() {
            c.non_negative(format!("segments[{i}].need_weights[{w}]"), *v);
        }
        if !g.need_weights.is_empty() && g.need_weights.iter().sum::<f64>() <= 0.0 {
            c.push(
                p("need_weights"),
                "all weights are 0; allowed: at least one positive weight (or none for uniform)",
            );
        }
        c.days(p("buying_window_days"), g.buying_window_days, 1);
        c.days(p("need_days"), last, 0);
        c.prob(p("autonomy"), g.autonomy);
        c.prob(p("competitor_probability"), g.competitor_probability);
        c.prob(p("competitor_strength"), g.competitor_strength);
        for stage in BuyerValues::STAGES {
            c.range(
                p(&format!("buyer_days.{}", stage.name())),
                g.buyer_days.get(stage),
                0.0,
                MAX_BUYER_DAYS,
            );
        }
    }
    if !segs.is_empty() && total == 0 {
        c.push(
            "segments",
            "no account in any segment; allowed: at least one account",
        );
    }
    if total > 10_000_000 {
        c.push(
            "segments",
            format!("{total} accounts in all; allowed: at most 10000000"),
        );
    }
}

/// Largest gap between a split's staffing cost and the team's: a comparison of splits is of
/// organisations that cost the same.
const STAFFING_COST_TOLERANCE: f64 = 0.05;

/// Salaries a day of a team of `[sellers, marketers, sdrs]`.
fn team_cost(s: &RawScenario, counts: [i64; 3]) -> f64 {
    Role::ALL
        .iter()
        .zip(counts)
        .map(|(r, n)| n as f64 * s.costs.salary_per_day.get(*r))
        .sum()
}

/// Each split's staffing: counts in range, one entry a split (its cost is checked when it is
/// used: [`staffing_cost`]).
fn split_staffing(c: &mut Checker, s: &RawScenario) {
    for (i, st) in s.staffing.iter().enumerate() {
        let p = |f: &str| format!("staffing[{i}].{f}");
        let limit = MAX_HEADCOUNT as i64;
        c.count(p("sellers"), st.sellers, limit);
        c.count(p("marketers"), st.marketers, limit);
        c.count(p("sdrs"), st.sdrs, limit);
        if s.staffing[..i].iter().any(|other| other.split == st.split) {
            c.push(
                p("split"),
                format!("`{}` is staffed twice", st.split.name()),
            );
        }
    }
}

/// Whether staffing entry `i` costs what the team costs (within 5 %): a comparison of splits
/// is of organisations that cost the same. The problem, if any, by field path.
pub fn staffing_cost(s: &RawScenario, i: usize) -> Option<FieldError> {
    let st = s.staffing.get(i)?;
    let base = team_cost(s, [s.team.sellers, s.team.marketers, s.team.sdrs]);
    let cost = team_cost(s, [st.sellers, st.marketers, st.sdrs]);
    let off = base > 0.0 && ((cost - base) / base).abs() > STAFFING_COST_TOLERANCE;
    off.then(|| FieldError {
        path: format!("staffing[{i}].split"),
        message: format!(
            "the staffing of `{}` costs {cost:.0} a day in salaries, the team {base:.0}; allowed: \
             the same cost within {:.0} % (move people, do not add them)",
            st.split.name(),
            STAFFING_COST_TOLERANCE * 100.0
        ),
    })
}

fn team(c: &mut Checker, t: &Team) {
    c.days("team.hiring_delay_days", t.hiring_delay_days, 0);
    c.range("team.hours_per_day", t.hours_per_day, 0.5, 24.0);
    for r in Role::ALL {
        let sk = t.skills.get(r);
        for (name, v) in [
            ("qualify", sk.qualify),
            ("demo", sk.demo),
            ("negotiate", sk.negotiate),
            ("close", sk.close),
        ] {
            c.prob(format!("team.skills.{}.{name}", r.name()), v);
        }
    }
    c.prob("team.new_hire_skill", t.new_hire_skill);
    c.range("team.ramp_days", t.ramp_days, 0.0, 10_000.0);
    c.range("team.ramp_start", t.ramp_start, 0.01, 1.0);
}

fn prospecting(c: &mut Checker, p: &Prospecting) {
    c.days("prospecting.cooldown_days", p.cooldown_days, 0);
    for r in Role::ALL {
        c.range(
            format!("prospecting.touches_per_hour.{}", r.name()),
            p.touches_per_hour.get(r),
            0.0,
            10_000.0,
        );
        c.prob(format!("prospecting.engage.{}", r.name()), p.engage.get(r));
        c.range(
            format!("prospecting.max_hours_per_day.{}", r.name()),
            p.max_hours_per_day.get(r),
            0.0,
            24.0,
        );
    }
    c.prob("prospecting.high_fit_threshold", p.high_fit_threshold);
    c.prob("prospecting.attraction_base", p.attraction_base);
    c.prob("prospecting.attraction_gain", p.attraction_gain);
    c.non_negative(
        "prospecting.budget_reference_per_week",
        p.budget_reference_per_week,
    );
    c.non_negative(
        "prospecting.campaign_hours_reference",
        p.campaign_hours_reference,
    );
}

fn work(c: &mut Checker, w: &Work) {
    for s in Stage::PIPELINE {
        c.range(
            format!("work.hours.{}", s.name()),
            w.hours.get(s),
            0.01,
            10_000.0,
        );
    }
    c.range("work.pace_sigma", w.pace_sigma, 0.0, 3.0);
    c.prob("work.fast_track_share", w.fast_track_share);
    c.range("work.fast_track_pace", w.fast_track_pace, 0.01, 1.0);
    c.range("work.work_cv", w.work_cv, 0.0, 3.0);
    c.range("work.size_elasticity", w.size_elasticity, 0.0, 2.0);
    c.range("work.buyer_sigma", w.buyer_sigma, 0.0, 3.0);
    c.range("work.slice_hours", w.slice_hours, 0.05, 24.0);
}

fn outcomes(c: &mut Checker, o: &Outcomes) {
    for (name, v) in [
        ("p_demo", o.p_demo),
        ("p_neg", o.p_neg),
        ("p_close", o.p_close),
        ("bad_lead_factor", o.bad_lead_factor),
        ("max_discount", o.max_discount),
        ("shared_accuracy_cap", o.shared_accuracy_cap),
        ("shared_marketing_share", o.shared_marketing_share),
        ("relationship_start", o.relationship_start),
        ("relationship_decay", o.relationship_decay),
        ("info_start", o.info_start),
        ("handoff_leak", o.handoff_leak),
        ("stall_probability", o.stall_probability),
    ] {
        c.prob(format!("outcomes.{name}"), v);
    }
    if !(o.shared_marketing_share > 0.0 && o.shared_marketing_share < 1.0) {
        c.push(
            "outcomes.shared_marketing_share",
            format!(
                "{} is out of range; allowed: strictly between 0 and 1",
                o.shared_marketing_share
            ),
        );
    }
    for s in Stage::PIPELINE {
        c.prob(
            format!("outcomes.idle_hazard.{}", s.name()),
            o.idle_hazard.get(s),
        );
    }
    for s in BuyerValues::STAGES {
        c.prob(
            format!("outcomes.stall_hazard.{}", s.name()),
            o.stall_hazard.get(s),
        );
    }
}

fn indices(c: &mut Checker, prefix: &str, i: &Indices) {
    for (k, v) in Kpi::CULTURE.into_iter().zip(i.values()) {
        c.prob(format!("{prefix}.{}", k.name()), v);
    }
}

/// A count or an amount within the lever table's allowed range.
fn setting(c: &mut Checker, path: impl Into<String>, setting: &Setting) {
    let (lo, hi) = setting.lever().spec().allowed;
    match setting.value() {
        Value::Count(n) => c.count(path, *n, hi as i64),
        Value::Amount(x) => c.range(path, *x, lo, hi),
        Value::Split(_) | Value::Switch(_) | Value::Order(_) => {}
    }
}

/// The split and the team must fit together at the start and after every scripted change:
/// every stage has an owner and every role that owns a stage has someone in it.
fn organisation(c: &mut Checker, s: &RawScenario) {
    let mut headcount = [s.team.sellers, s.team.marketers, s.team.sdrs];
    staffing(c, "split", &s.split, &headcount, None);
    let mut split = s.split.clone();
    let mut order: Vec<(usize, &Event)> = s.events.iter().enumerate().collect();
    order.sort_by_key(|(i, e)| (e.day, *i));
    for (i, e) in order {
        let p = format!("events[{i}]");
        if e.day >= s.days {
            c.push(
                format!("{p}.day"),
                format!(
                    "{} is out of range; allowed: 0 to {} (days − 1)",
                    e.day,
                    s.days.saturating_sub(1)
                ),
            );
        }
        match &e.lever {
            EventChange::Set(s) => {
                setting(c, format!("{p}.lever"), s);
                match (s.value(), s.lever().spec().kind) {
                    (Value::Split(new), _) => split = new.clone(),
                    (Value::Count(n), Kind::Count(role)) => headcount[role.index()] = (*n).max(0),
                    _ => continue,
                }
                staffing(c, &format!("{p}.lever"), &split, &headcount, Some(e.day));
            }
            EventChange::Demand(d) => c.range(format!("{p}.lever"), *d, 0.0, 1.0),
            EventChange::Competition(segment, prob) => {
                if *segment >= s.segments.len() {
                    c.push(
                        format!("{p}.lever"),
                        format!(
                            "segment {segment} does not exist; allowed: 0 to {}",
                            s.segments.len().saturating_sub(1)
                        ),
                    );
                }
                c.range(format!("{p}.lever"), *prob, 0.0, 1.0);
            }
            EventChange::BestLeaves(_) => {}
        }
    }
}

fn staffing(c: &mut Checker, path: &str, split: &Split, headcount: &[i64; 3], day: Option<u32>) {
    let owners = match split {
        Split::Custom(custom) => {
            for stage in custom.missing() {
                c.push(
                    format!("{path}.custom.{stage}"),
                    "no owner; allowed: sales, marketing, sdr, shared",
                );
            }
            match split.owners() {
                Some(o) => o,
                None => return,
            }
        }
        _ => split.owners().expect("presets always have owners"),
    };
    let when = day.map(|d| format!(" from day {d}")).unwrap_or_default();
    for role in Role::ALL {
        let duties = owners.duties(role);
        if headcount[role.index()] <= 0 && !duties.is_empty() {
            let field = match role {
                Role::Sales => "team.sellers",
                Role::Marketing => "team.marketers",
                Role::Sdr => "team.sdrs",
            };
            let stages: Vec<&str> = duties.iter().map(|s| s.name()).collect();
            c.push(
                field,
                format!(
                    "0 people, but under split `{}`{when} {} owns {}; allowed: ≥ 1, or give those stages to another role",
                    split.name(),
                    role.name(),
                    stages.join(", ")
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(s: &RawScenario) -> Vec<String> {
        validate(s).into_iter().map(|e| e.path).collect()
    }

    #[test]
    fn defaults_are_valid() {
        assert_eq!(validate(&RawScenario::default()), vec![]);
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let mut s = RawScenario::default();
        s.segments[0].need_share = 1.5;
        s.team.sellers = -3;
        s.outcomes.p_demo = f64::NAN;
        let p = paths(&s);
        assert!(p.contains(&"segments[0].need_share".into()));
        assert!(p.contains(&"team.sellers".into()));
        assert!(p.contains(&"outcomes.p_demo".into()));
        let msg = validate(&s)
            .into_iter()
            .find(|e| e.path == "team.sellers")
            .unwrap()
            .message;
        assert!(msg.contains("allowed: 0 to"), "{msg}");
    }

    #[test]
    fn stage_without_owner_and_empty_owner_role() {
        let s = RawScenario {
            split: Split::Custom(CustomSplit {
                closing: None,
                ..CustomSplit::default()
            }),
            ..RawScenario::default()
        };
        assert!(paths(&s).contains(&"split.custom.closing".into()));
        let mut s = RawScenario {
            split: Split::SdrBridge,
            ..RawScenario::default()
        };
        s.team.sdrs = 0;
        let e = validate(&s);
        assert_eq!(e.len(), 1);
        assert!(
            e[0].message.contains("sdr owns detection, qualification"),
            "{}",
            e[0].message
        );
    }

    #[test]
    fn scripted_changes_are_checked_too() {
        let mut s = RawScenario::default();
        s.team.sdrs = 0;
        s.events.push(Event {
            day: 100,
            lever: Setting::split(Split::SdrBridge).into(),
        });
        s.events.push(Event {
            day: 900,
            lever: Setting::number(Lever::MarketingBudget, -1.0)
                .unwrap()
                .into(),
        });
        let p = paths(&s);
        assert!(p.contains(&"team.sdrs".into()));
        assert!(p.contains(&"events[1].day".into()));
        assert!(p.contains(&"events[1].lever".into()));
    }
}

//! The simulated CRM (issue #19): one row per opportunity of a run, in the columns
//! `salesim calibrate` reads (id, owner, product, account, stage, engage and close dates,
//! value) and the event log a manager pulls from a CRM (the lead's arrival and first
//! response, each stage's start and owner, handoffs, the loss reason).
//!
//! An opportunity here is what a CRM calls one: a project Detection found (or a nurtured
//! need noticed); leads that never became projects are not rows. Working day 0 is Monday
//! 5 January 2026 and a working day runs from 09:00, so that dates read as dates in a
//! spreadsheet and cycles in calendar days are the CRM's (5 working days a week).

use crate::model::calendar::{calendar_day, civil_from_days, days_from_civil};
use crate::model::stage::{Role, Stage};
use crate::scenario::{BuyerValues, Scenario};
use crate::sim::state::{LostReason, OppRecord, OppStatus, Source};

/// Day 0 of a run: Monday 5 January 2026.
fn first_day() -> i64 {
    days_from_civil(2026, 1, 5)
}

/// The calendar date (`YYYY-MM-DD`) of working day `day`.
pub fn date_of(day: u32) -> String {
    let (y, m, dd) = civil_from_days(first_day() + calendar_day(day));
    format!("{y:04}-{m:02}-{dd:02}")
}

/// The working day of absolute working hour `hour`. An instant on a day boundary is the
/// previous day's close (work that ends at the day's last hour, a loss at the day's end),
/// except the run's first instant.
fn day_of(hour: f64, day_hours: f64) -> f64 {
    (hour / day_hours).ceil().max(1.0) - 1.0
}

/// Date and time (`YYYY-MM-DD HH:MM`) of absolute working hour `hour`, days of `day_hours`
/// hours starting at 09:00.
pub fn timestamp(hour: f64, day_hours: f64) -> String {
    let day = day_of(hour, day_hours);
    let minutes = ((hour - day * day_hours) * 60.0).round() as i64;
    let clock = 9 * 60 + minutes;
    format!(
        "{} {:02}:{:02}",
        date_of(day as u32),
        clock / 60,
        clock % 60
    )
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Sales => "seller",
        Role::Marketing => "marketer",
        Role::Sdr => "sdr",
    }
}

fn person(role: Role, id: u32) -> String {
    format!("{} {id}", role_name(role))
}

fn stage_label(status: OppStatus) -> String {
    match status {
        OppStatus::Open(stage) => stage_name(stage).to_owned(),
        OppStatus::Won => "Won".into(),
        OppStatus::Lost(_) => "Lost".into(),
        OppStatus::Nurture => "Nurture".into(),
        OppStatus::Released => "Released".into(),
    }
}

fn stage_name(stage: Stage) -> &'static str {
    match stage {
        Stage::Preparation => "Preparation",
        Stage::Prospection => "Prospection",
        Stage::Detection => "Detection",
        Stage::Qualification => "Qualification",
        Stage::Demonstration => "Demonstration",
        Stage::Negotiation => "Negotiation",
        Stage::Closing => "Closing",
    }
}

fn reason_name(reason: LostReason) -> &'static str {
    match reason {
        LostReason::Disqualified => "disqualified",
        LostReason::Handoff => "lost at handoff",
        LostReason::Unanswered => "never answered",
        LostReason::Cold => "went cold",
        LostReason::Competitor => "competitor",
        LostReason::NoDecision => "no decision",
    }
}

/// The segment (product) of account `idx`.
fn segment_of(s: &Scenario, idx: u32) -> &str {
    s.segments
        .get(s.segment_of_account(idx))
        .map_or("", |g| g.name.as_str())
}

/// The CSV of `runs` (seed and records): one row per opportunity, in seed then creation
/// order.
pub fn opportunities_csv(s: &Scenario, runs: &[(u64, Vec<OppRecord>)]) -> Vec<u8> {
    let h = s.team.hours_per_day;
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "seed",
        "opportunity_id",
        "sales_agent",
        "product",
        "account",
        "deal_stage",
        "engage_date",
        "close_date",
        "close_value",
        "deal_value",
        "source",
        "lead_arrival",
        "first_response_hours",
        "detected",
    ]
    .map(String::from)
    .to_vec();
    for stage in BuyerValues::STAGES {
        let name = stage.name();
        header.push(format!("{name}_start"));
        header.push(format!("{name}_owner"));
    }
    header.extend(["handoffs", "loss_reason"].map(String::from));
    let _ = w.write_record(&header);
    for (seed, records) in runs {
        for r in records {
            let Some(detected) = r.detected_hour else {
                continue;
            };
            let owner = r
                .owner
                .or_else(|| {
                    r.stages
                        .iter()
                        .rev()
                        .flatten()
                        .find_map(|(_, role, id)| id.map(|id| (*role, id)))
                })
                .map_or(String::new(), |(role, id)| person(role, id));
            let ended = matches!(r.status, OppStatus::Won | OppStatus::Lost(_));
            let mut row = vec![
                seed.to_string(),
                r.id.to_string(),
                owner,
                segment_of(s, r.account).to_owned(),
                format!("account {}", r.account),
                stage_label(r.status),
                date_of(day_of(detected, h) as u32),
                r.end_hour
                    .filter(|_| ended)
                    .map_or(String::new(), |e| date_of(day_of(e, h) as u32)),
                match r.status {
                    OppStatus::Won => format!("{:.0}", r.booked),
                    OppStatus::Lost(_) => "0".into(),
                    _ => String::new(),
                },
                format!("{:.0}", r.value),
                match r.source {
                    Source::Inbound => "inbound".into(),
                    Source::Outbound => "outbound".into(),
                },
                timestamp(r.arrival_hour, h),
                r.first_response_hours
                    .map_or(String::new(), |x| format!("{x:.2}")),
                timestamp(detected, h),
            ];
            for stage in r.stages {
                match stage {
                    Some((hour, role, id)) => {
                        row.push(timestamp(hour, h));
                        row.push(id.map_or(role_name(role).to_owned(), |id| person(role, id)));
                    }
                    None => row.extend([String::new(), String::new()]),
                }
            }
            row.push(r.handoffs.to_string());
            row.push(match r.status {
                OppStatus::Lost(reason) => reason_name(reason).to_owned(),
                _ => String::new(),
            });
            let _ = w.write_record(&row);
        }
    }
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_days_map_to_weekdays_and_hours_to_the_clock() {
        assert_eq!(date_of(0), "2026-01-05");
        assert_eq!(date_of(4), "2026-01-09");
        // Day 5 is the next Monday: weekends are skipped.
        assert_eq!(date_of(5), "2026-01-12");
        assert_eq!(date_of(250), "2026-12-21");
        assert_eq!(timestamp(0.0, 8.0), "2026-01-05 09:00");
        assert_eq!(timestamp(8.0 * 5.0 + 2.5, 8.0), "2026-01-12 11:30");
        // The end of Friday is Friday 17:00, not Monday 09:00.
        assert_eq!(timestamp(8.0 * 5.0, 8.0), "2026-01-09 17:00");
    }
}

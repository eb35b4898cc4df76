//! The working calendar (MODEL.md §1): a simulated day is a working day, a week is five of
//! them. Every place that needs weeks asks here, so "a week is 5 days" is written once.

/// Working days in a week.
pub const DAYS_PER_WEEK: u32 = 5;
/// Calendar days in a week (CRM exports count calendar days).
pub const CALENDAR_DAYS_PER_WEEK: u32 = 7;

/// Whether working day `day` (from 0) opens a week.
pub fn is_week_start(day: u32) -> bool {
    day.is_multiple_of(DAYS_PER_WEEK)
}

/// Whether working day `day` (from 0) closes a week.
pub fn is_week_end(day: u32) -> bool {
    is_week_start(day + 1)
}

/// Working day `day` in weeks (fractional: day 7 is week 1.4).
pub fn weeks(day: u32) -> f64 {
    f64::from(day) / f64::from(DAYS_PER_WEEK)
}

/// Whole weeks in `days` working days (`None` where they are not whole weeks).
pub fn whole_weeks(days: u32) -> Option<u32> {
    days.is_multiple_of(DAYS_PER_WEEK)
        .then_some(days / DAYS_PER_WEEK)
}

/// Weeks that `days` working days touch, the last one maybe partial (12 days: 3 weeks).
pub fn weeks_spanning(days: u32) -> u32 {
    days.div_ceil(DAYS_PER_WEEK)
}

/// The first day of week `week` (from 0).
pub fn week_start(week: u32) -> u32 {
    week * DAYS_PER_WEEK
}

/// A weekly amount spread over its working days.
pub fn per_day(per_week: f64) -> f64 {
    per_week / f64::from(DAYS_PER_WEEK)
}

/// Calendar days to working days: 7 calendar days are 5 working days.
pub fn working_days(calendar_days: f64) -> f64 {
    calendar_days * f64::from(DAYS_PER_WEEK) / f64::from(CALENDAR_DAYS_PER_WEEK)
}

/// Working days to calendar days.
pub fn calendar_days(working_days: f64) -> f64 {
    working_days * f64::from(CALENDAR_DAYS_PER_WEEK) / f64::from(DAYS_PER_WEEK)
}

/// Calendar days from working day 0 (a Monday) to working day `day`: weekends count, as
/// they do between a CRM's dates.
pub fn calendar_day(day: u32) -> i64 {
    i64::from(day / DAYS_PER_WEEK) * i64::from(CALENDAR_DAYS_PER_WEEK)
        + i64::from(day % DAYS_PER_WEEK)
}

/// Calendar days between working days `start` and `end` (Friday to Monday is 3).
pub fn calendar_span(start: u32, end: u32) -> f64 {
    (calendar_day(end) - calendar_day(start)) as f64
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month, day) of a day count since 1970-01-01 (inverse of [`days_from_civil`]).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_open_and_close_every_five_days() {
        let starts: Vec<u32> = (0..12).filter(|&d| is_week_start(d)).collect();
        let ends: Vec<u32> = (0..12).filter(|&d| is_week_end(d)).collect();
        assert_eq!((starts, ends), (vec![0, 5, 10], vec![4, 9]));
        assert_eq!((weeks(7), week_start(3)), (1.4, 15));
        assert_eq!((whole_weeks(60), whole_weeks(62)), (Some(12), None));
        assert_eq!(
            (weeks_spanning(10), weeks_spanning(12), weeks_spanning(0)),
            (2, 3, 0)
        );
        assert_eq!(per_day(2.5), 0.5);
        assert_eq!((working_days(14.0), calendar_days(10.0)), (10.0, 14.0));
    }
}

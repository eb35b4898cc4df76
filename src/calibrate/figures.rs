//! The figures a calibration must reproduce, measured the same way on the CRM export and on
//! simulated runs, so that the side-by-side table compares like with like.

use super::crm::{Crm, Outcome};
use super::fit::median_p90;
use crate::model::calendar::calendar_span;
use crate::model::stats::mean;
use crate::runner::DealRecord;

/// Calendar days in a quarter (365.25 / 4).
pub const QUARTER_DAYS: f64 = 91.3125;

/// The compared figures (cycle lengths in calendar days).
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Figures {
    /// Won / (won + lost).
    pub win_rate: f64,
    /// Median days from engage to close, won deals.
    pub won_cycle_median: f64,
    /// 90th percentile of the same.
    pub won_cycle_p90: f64,
    /// Median days from engage to close, lost deals.
    pub lost_cycle_median: f64,
    /// 90th percentile of the same.
    pub lost_cycle_p90: f64,
    /// Engaged opportunities per seller per quarter.
    pub opportunities_per_seller_quarter: f64,
    /// Mean signed value of a won deal.
    pub value_mean: f64,
    /// Median signed value of a won deal.
    pub value_median: f64,
    /// Engaged opportunities still open at the export date.
    pub open_pipeline: f64,
}

impl Figures {
    /// Names and units, in table order.
    pub const LABELS: [(&'static str, &'static str); 9] = [
        ("win rate", ""),
        ("won cycle, median", "days"),
        ("won cycle, p90", "days"),
        ("lost cycle, median", "days"),
        ("lost cycle, p90", "days"),
        ("opportunities per seller per quarter", ""),
        ("deal value, mean", ""),
        ("deal value, median", ""),
        ("open pipeline at export", "opportunities"),
    ];

    /// For each figure, in [`Figures::LABELS`] order, the `salesim run` KPI that shows it on
    /// the fitted scenario (MODEL.md §9.6), or "—" where a run has none.
    pub const RUN_KPIS: [&'static str; 9] = [
        "close_rate",
        "—",
        "cycle_days_p90 × 7/5",
        "—",
        "—",
        "new_projects / sellers / quarters",
        "bookings / signed_contracts",
        "—",
        "—",
    ];

    /// Values in [`Figures::LABELS`] order.
    pub fn values(&self) -> [f64; 9] {
        [
            self.win_rate,
            self.won_cycle_median,
            self.won_cycle_p90,
            self.lost_cycle_median,
            self.lost_cycle_p90,
            self.opportunities_per_seller_quarter,
            self.value_mean,
            self.value_median,
            self.open_pipeline,
        ]
    }
}

/// Ended deals as (won, cycle days, value).
fn figures_of(
    deals: impl Iterator<Item = (bool, f64, f64)>,
    engaged: f64,
    open: f64,
    seller_quarters: f64,
) -> Figures {
    let (mut won_days, mut lost_days, mut values) = (Vec::new(), Vec::new(), Vec::new());
    for (won, days, value) in deals {
        if won {
            won_days.push(days);
            values.push(value);
        } else {
            lost_days.push(days);
        }
    }
    let closed = (won_days.len() + lost_days.len()) as f64;
    let (won_cycle_median, won_cycle_p90) = median_p90(&won_days);
    let (lost_cycle_median, lost_cycle_p90) = median_p90(&lost_days);
    let (value_median, _) = median_p90(&values);
    Figures {
        win_rate: if closed > 0.0 {
            won_days.len() as f64 / closed
        } else {
            0.0
        },
        won_cycle_median,
        won_cycle_p90,
        lost_cycle_median,
        lost_cycle_p90,
        opportunities_per_seller_quarter: engaged / seller_quarters.max(1e-9),
        value_mean: mean(&values),
        value_median,
        open_pipeline: open,
    }
}

/// The export's figures; `quarters` is the span of the export in quarters.
pub fn observed(crm: &Crm, quarters: f64) -> Figures {
    let engaged = crm.rows.iter().filter(|r| r.engage.is_some()).count() as f64;
    let open = crm
        .rows
        .iter()
        .filter(|r| r.outcome == Outcome::Open && r.engage.is_some())
        .count() as f64;
    let deals = crm.rows.iter().filter_map(|r| {
        let days = (r.close? - r.engage?) as f64;
        Some((r.outcome == Outcome::Won, days, r.value))
    });
    figures_of(deals, engaged, open, crm.owners.len() as f64 * quarters)
}

/// The figures of simulated runs pooled together (each run one copy of the organisation at
/// `scale`: counts are divided by it and by the number of runs); simulated working days are
/// turned into calendar days (5 → 7).
pub fn simulated(records: &[DealRecord], sellers: f64, quarters: f64, scale: f64) -> Figures {
    let runs = records.len().max(1) as f64;
    let engaged: f64 = records
        .iter()
        .map(|r| (r.ended.len() as u64 + r.open) as f64)
        .sum::<f64>()
        / runs;
    let open = records.iter().map(|r| r.open as f64).sum::<f64>() / runs / scale;
    let deals = records.iter().flat_map(|r| {
        r.ended
            .iter()
            .map(|d| (d.won, calendar_span(d.start, d.end), d.value))
    });
    figures_of(deals, engaged, open, sellers * quarters)
}

/// Relative gap of `simulated` to `observed` (0 when both are 0).
pub fn relative_gap(observed: f64, simulated: f64) -> f64 {
    if observed == 0.0 {
        if simulated == 0.0 { 0.0 } else { f64::INFINITY }
    } else {
        (simulated - observed) / observed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::state::Deal;

    #[test]
    fn simulated_figures_convert_days_and_pool_runs() {
        let deal = |start, end, won, value| Deal {
            start,
            end,
            won,
            value,
            segment: 0,
        };
        let records = vec![
            DealRecord {
                ended: vec![deal(0, 5, true, 100.0), deal(0, 10, false, 0.0)],
                open: 2,
            },
            DealRecord {
                ended: vec![deal(3, 13, true, 300.0)],
                open: 4,
            },
        ];
        let f = simulated(&records, 2.0, 1.0, 0.5);
        assert_eq!(f.win_rate, 2.0 / 3.0);
        assert_eq!(f.won_cycle_median, 10.5); // 5 and 10 working days → 7 and 14
        assert_eq!(f.lost_cycle_median, 14.0);
        assert_eq!(f.value_mean, 200.0);
        // 4.5 engaged per run, 2 sellers, 1 quarter.
        assert_eq!(f.opportunities_per_seller_quarter, 2.25);
        // 3 open per run at half scale.
        assert_eq!(f.open_pipeline, 6.0);
        assert!((relative_gap(10.0, 11.0) - 0.1).abs() < 1e-12);
        assert_eq!(relative_gap(0.0, 0.0), 0.0);
    }
}

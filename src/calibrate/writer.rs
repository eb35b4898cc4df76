//! The calibrated scenario as RON text, each fitted value with a comment naming the
//! statistic it came from, and every value the export cannot tell marked "assumed".

use std::fmt::Write as _;

use super::crm::{self, Outcome};
use super::fit::calendar_days;
use super::{
    CLOSING_SHARE, Export, Inputs, Knobs, engaged_by_product, product_shapes, product_values,
    seller_spread,
};
use crate::model::calendar::civil_from_days;

/// Hours of a detection: a triage, done the day the buyer engages.
const DETECTION_HOURS: f64 = 0.01;
/// Share of a seller's day the deals may take at the busiest week (the rest is slack, so
/// every deal is worked the day it is ready and the buyer's pace, not the queue, sets the
/// cycle).
const PEAK_LOAD: f64 = 0.5;
/// Most hours of sellers' work a deal takes, all stages together (less in a busy export).
const WORK_HOURS: f64 = 6.0;
const HOURS_PER_DAY: f64 = 8.0;

fn quoted(s: &str) -> String {
    ron::to_string(s).unwrap_or_else(|_| "\"?\"".into())
}

fn date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Hours of sellers' work a deal takes, all stages together: at most [`WORK_HOURS`], and
/// little enough that the busiest week's new deals load sellers at [`PEAK_LOAD`].
fn work_per_deal(export: &Export) -> f64 {
    let peak_per_day =
        crate::model::calendar::per_day(export.weekly.iter().copied().max().unwrap_or(0) as f64);
    let room = PEAK_LOAD * HOURS_PER_DAY * export.sellers().max(1) as f64;
    (room / peak_per_day.max(1.0)).clamp(0.05, WORK_HOURS)
}

pub(super) fn write(export: &Export, k: &Knobs, inputs: &Inputs, notes: &[String]) -> String {
    let crm = &export.crm;
    let o = &export.observed;
    let mut t = String::new();
    let skipped: u64 = crm.skipped.values().map(|s| s.count).sum();
    let _ = writeln!(
        t,
        "// Calibrated by `salesim calibrate` from {} ({} rows read, {} used, {skipped} skipped).",
        crm::file_name(&inputs.pipeline),
        crm.rows_read,
        crm.rows.len()
    );
    let _ = writeln!(
        t,
        "// Export: {} to {} = {} calendar days = {} simulated working days (7 → 5), {:.2} quarters.",
        date(export.first_day),
        date(export.export_day),
        export.export_day - export.first_day + 1,
        export.days,
        export.quarters
    );
    let _ = writeln!(
        t,
        "// Observed: win rate {:.3}; won cycle median {:.0} / p90 {:.0} calendar days; lost cycle \
         median {:.0} / p90 {:.0}; {:.1} opportunities per seller per quarter; won value mean \
         {:.0}, median {:.0}; {:.0} open at export.",
        o.win_rate,
        o.won_cycle_median,
        o.won_cycle_p90,
        o.lost_cycle_median,
        o.lost_cycle_p90,
        o.opportunities_per_seller_quarter,
        o.value_mean,
        o.value_median,
        o.open_pipeline
    );
    let stages: Vec<String> = crm
        .open_stages
        .iter()
        .map(|(s, n)| format!("{s} {n}"))
        .collect();
    if !stages.is_empty() {
        let _ = writeln!(t, "// Open opportunities by stage: {}.", stages.join(", "));
    }
    let (per_seller, rates) = seller_spread(crm);
    let _ = writeln!(
        t,
        "// Per seller: {:.0} / {:.0} / {:.0} engaged opportunities (min / median / max), win \
         rate {:.2} / {:.2} / {:.2}; the simulation's sellers are alike (least-loaded routing).",
        per_seller[0], per_seller[1], per_seller[2], rates[0], rates[1], rates[2]
    );
    for line in notes {
        let _ = writeln!(t, "// {line}");
    }
    let _ = writeln!(
        t,
        "// Model reading: every engaged opportunity is a buying project that comes inbound \
         the day it engages\n// (the export's engage date); a good lead passes qualification, a \
         bad one is lost there; good leads\n// are lost at closing with the fitted \
         probability; the buyer's pace spreads the cycle; stalled\n// deals stay open, unworked \
         (docs/calibration.md)."
    );
    let lost = 1.0 - k.win_rate;
    let g = 1.0 - k.early_share * lost;
    let mid = k.mid_share * (1.0 - k.early_share) * lost;
    let p_demo = (1.0 - mid / g).clamp(0.0, 1.0);
    let p_close = (k.win_rate / (g - mid).max(1e-9)).min(1.0);
    let late = k.won_days * (1.0 - CLOSING_SHARE);
    // Demonstration and negotiation share what qualification and closing leave, in the
    // fitted proportion (it places the losses at the demonstration).
    let middle = (late - k.early_days).max(0.02);
    let (demo, negotiation) = (middle * k.demo_share, middle * (1.0 - k.demo_share));
    let closing = k.won_days * CLOSING_SHARE;
    let work = work_per_deal(export);
    // A stage's work is its share of the deal's hours; the buyer's days carry the cycle.
    let hours = |days: f64| (work * days / k.won_days.max(0.01)).max(0.01);
    let total_won: f64 = crm
        .rows
        .iter()
        .filter(|r| r.outcome == Outcome::Won)
        .map(|r| r.value)
        .sum();
    let quota = (total_won / f64::from(export.days) * 250.0).max(1.0);
    let sellers = export.sellers();
    let marketers = sellers.div_ceil(5);
    let _ = writeln!(t, "(");
    let _ = writeln!(
        t,
        "    name: {},",
        quoted(&format!(
            "Calibrated from {}",
            crm::file_name(&inputs.pipeline)
        ))
    );
    let _ = writeln!(
        t,
        "    description: {},",
        quoted(&format!(
            "{sellers} sellers, {} engaged opportunities from {} to {}",
            export.engaged(),
            date(export.first_day),
            date(export.export_day)
        ))
    );
    let _ = writeln!(
        t,
        "    name_fr: {},",
        quoted(&format!("Calibré sur {}", crm::file_name(&inputs.pipeline)))
    );
    let _ = writeln!(
        t,
        "    description_fr: {},",
        quoted(&format!(
            "{sellers} vendeurs, {} opportunités engagées du {} au {}",
            export.engaged(),
            date(export.first_day),
            date(export.export_day)
        ))
    );
    let _ = writeln!(
        t,
        "    // The export's span in working days.\n    days: {},\n    seed: 1,",
        export.days
    );
    let _ = writeln!(
        t,
        "    // The export shows sellers only: they own every stage.\n    split: sales_led,"
    );
    let weights: Vec<String> = export.weekly.iter().map(u64::to_string).collect();
    let values = product_values(crm);
    let shapes = product_shapes(crm);
    // A correction round may overshoot: the buyer's days stay within what a scenario allows.
    let buyer = |days: f64| days.clamp(0.0, crate::scenario::MAX_BUYER_DAYS);
    let overall = super::fit::fit_lognormal(
        &crm.rows
            .iter()
            .filter(|r| r.outcome == Outcome::Won)
            .map(|r| r.value)
            .collect::<Vec<_>>(),
    )
    .unwrap_or((1.0, 0.0));
    let engaged = engaged_by_product(crm);
    let _ = writeln!(t, "    segments: [");
    for (p, name) in crm.products.iter().enumerate() {
        let n = engaged[p];
        if n == 0 {
            continue;
        }
        let (median, sigma, note) = match values[p] {
            Some((m, s, won)) => (
                m,
                s,
                format!("won values (n = {won}): geometric mean {m:.1}, log-sd {s:.3}"),
            ),
            None => (
                overall.0,
                overall.1,
                "no won deal: the values of all products".to_owned(),
            ),
        };
        let _ = writeln!(
            t,
            "        // {name}: {n} engaged opportunities (accounts, each with a need); {note}."
        );
        let _ = writeln!(
            t,
            "        (\n            name: {},\n            accounts: {},",
            quoted(name),
            n
        );
        let shape = shapes[p];
        let good = (g * shape.win).clamp(0.0, 1.0);
        let _ = writeln!(
            t,
            "            // Good leads: fit ≥ threshold, a share {good:.4} = (1 − share of losses at \
             qualification {:.3}\n            // × (1 − win rate {:.3})) × this product's win rate \
             over the export's {:.3}.\n            fit: (alpha: 1.0, beta: 1.0),\n            \
             fit_threshold: {:.6},",
            k.early_share,
            k.win_rate,
            shape.win,
            1.0 - good
        );
        let _ = writeln!(
            t,
            "            value_median: {median:.4},\n            value_sigma: {sigma:.4},"
        );
        let _ = writeln!(
            t,
            "            need_share: 1.0,\n            need_days: (0, {}),\n            // \
             Seasonality: engaged opportunities per week of the export.\n            \
             need_weights: [{}],",
            export.days,
            weights.join(", ")
        );
        let _ = writeln!(
            t,
            "            buying_window_days: 60,\n            // They come in the day the need \
             emerges.\n            autonomy: 1.0,\n            competitor_probability: 0.0,\n            \
             competitor_strength: 0.0,\n            // The buyer's days before each stage at pace 1: won cycle {:.1} working \
             days = {:.0} calendar days;\n            // qualification {:.2} (fitted to the lost \
             cycles), demonstration and negotiation share the rest,\n            // closing {:.0} % \
             of the cycle; times this product's won cycle over the export's {:.3}.\n            \
             buyer_days: (qualification: {:.5}, demonstration: {:.5}, negotiation: {:.5}, closing: \
             {:.5}),\n        ),",
            k.won_days,
            calendar_days(k.won_days),
            k.early_days,
            CLOSING_SHARE * 100.0,
            shape.cycle,
            buyer(k.early_days * shape.cycle),
            buyer(demo * shape.cycle),
            buyer(negotiation * shape.cycle),
            buyer(closing * shape.cycle)
        );
    }
    let _ = writeln!(t, "    ],");
    let _ = writeln!(
        t,
        "    team: (\n        // Distinct owners of the export's opportunities.\n        sellers: \
         {},\n        // Assumed (not in the export): one marketer for five sellers, idle under \
         sales_led;\n        // they matter when another split is compared.\n        \
         marketers: {},\n        sdrs: 0,\n        hours_per_day: {HOURS_PER_DAY:.1},\n        \
         // Outcome odds are carried by the fitted probabilities below, not by skills.\n        \
         skills: (\n            sales: (qualify: 1.0, demo: 1.0, negotiate: 1.0, close: 1.0),\n            \
         marketing: (qualify: 1.0, demo: 1.0, negotiate: 1.0, close: 1.0),\n            sdr: \
         (qualify: 1.0, demo: 1.0, negotiate: 1.0, close: 1.0),\n        ),\n    ),",
        sellers, marketers
    );
    let _ = writeln!(
        t,
        "    // Opportunities arrive as the export's engage dates say: no outbound prospecting \
         on top.\n    prospecting: (\n        max_hours_per_day: (sales: 0.0, marketing: 0.0, \
         sdr: 0.0),\n        attraction_base: 1.0,\n        attraction_gain: 0.0,\n    ),"
    );
    let _ = writeln!(
        t,
        "    work: (\n        // Sellers' work: {work:.2} h a deal, in the stages' proportions, done the day a stage\n        \
         // is ready (the busiest week loads sellers at {:.0} % at most); the buyer's days below\n        \
         // carry the cycle.\n        hours: (detection: {DETECTION_HOURS}, qualification: {:.5}, \
         demonstration: {:.5}, negotiation: {:.5}, closing: {:.5}),\n        \
         max_hours_per_item_per_day: 4.0,\n        // Assumed: deals' hours vary (the export has \
         no hours); a small part of the cycle.\n        work_cv: 0.3,\n        // The export's \
         cycles do not follow the deal's value here: the buyer's pace carries their spread.\n        \
         size_elasticity: 0.0,\n        // The buyer's pace, fitted to the won cycle's deciles and \
         quartiles: one factor a deal,\n        // on its delays and its hours.\n        \
         pace_sigma: {:.5},\n        fast_track_share: {:.5},\n        fast_track_pace: {:.5},\n        \
         buyer_sigma: 0.0,\n    ),",
        PEAK_LOAD * 100.0,
        hours(k.early_days),
        hours(demo),
        hours(negotiation),
        hours(closing),
        k.pace.sigma,
        k.pace.fast_share,
        k.pace.fast_pace
    );
    let _ = writeln!(
        t,
        "    outcomes: (\n        // Of the losses after qualification, a share {:.3} at the \
         demonstration (fitted to the\n        // lost cycle's p90), the rest at closing: win rate \
         {:.4} = good-lead share × p_demo × p_close.\n        p_demo: {p_demo:.6},\n        p_neg: \
         1.0,\n        p_close: {p_close:.6},\n        max_discount: 0.0,\n        \
         idle_hazard: (detection: 0.0, qualification: 0.0, demonstration: 0.0, negotiation: 0.0, \
         closing: 0.0),\n        relationship_start: 1.0,\n        relationship_decay: 1.0,\n        \
         info_start: 1.0,\n        // Deals that stall for good, or whose buyer gives up while \
         they wait on him,\n        // reproduce the open pipeline at the export date.\n        \
         stall_probability: {:.6},\n        stall_hazard: (qualification: {h:.6}, demonstration: \
         {h:.6}, negotiation: {h:.6}, closing: {h:.6}),\n    ),",
        k.mid_share,
        k.win_rate,
        k.stall,
        h = k.stall_hazard
    );
    let _ = writeln!(
        t,
        "    // Speed to lead does not show in the export: no decay of a lead's odds.\n    \
         lead_decay: (floor: 1.0),\n    nurture: (enabled: false),\n    // Nothing in the \
         export about culture, learning or turnover: held still.\n    culture: (frozen: \
         true),\n    learning: (rate_per_hour: 0.0),\n    attrition: (annual_rate: 0.0),\n    \
         // Won value per year (250 working days).\n    quota: {quota:.2},\n)"
    );
    t
}

/// One line per optional side table given (an unreadable one is an error).
pub(super) fn side_tables(inputs: &Inputs) -> Result<Vec<String>, super::CalibrateError> {
    let mut lines = Vec::new();
    let read = |p: &Option<std::path::PathBuf>| p.as_deref().map(crm::read_table).transpose();
    if let Some(rows) = read(&inputs.teams)? {
        let distinct = |key: &str| {
            rows.iter()
                .filter_map(|r| r.get(key))
                .filter(|v| !v.is_empty())
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        };
        lines.push(format!(
            "Teams: {} sellers listed, {} managers, {} regional offices (not modelled: sellers \
             are pooled).",
            rows.len(),
            distinct("manager"),
            distinct(&crm::column_key("regional_office"))
        ));
    }
    if let Some(rows) = read(&inputs.accounts)? {
        lines.push(format!(
            "Accounts: {} customer accounts listed; each simulated account is one buying project.",
            rows.len()
        ));
    }
    if let Some(rows) = read(&inputs.products)? {
        let prices: Vec<String> = rows
            .iter()
            .filter_map(|r| Some(format!("{} {}", r.get("product")?, r.get("salesprice")?)))
            .collect();
        lines.push(format!("List prices: {}.", prices.join(", ")));
    }
    Ok(lines)
}

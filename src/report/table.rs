//! Terminal tables of KPIs, grouped by family.

use crate::kpi::{Family, KPI_COUNT, Kpi};
use crate::model::stats::PairedDiff;
use crate::runner::{RunReport, Stat, column};

/// A number for a table: thousands separated when large, three decimals when small.
pub fn fmt_num(x: f64) -> String {
    let a = x.abs();
    if a >= 10_000.0 {
        let s = format!("{:.0}", a);
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if x < 0.0 { format!("-{out}") } else { out }
    } else if a >= 100.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.3}")
    }
}

fn family_title(f: Family) -> &'static str {
    match f {
        Family::Quantitative => "Quantitative",
        Family::Qualitative => "Qualitative (culture indices)",
        Family::Scorecard => "Both families",
    }
}

/// KPI table of one batch: mean, p5, p50, p95.
pub fn run_table(stats: &[Stat; KPI_COUNT]) -> String {
    let mut out = format!(
        "{:<24}{:>14}{:>14}{:>14}{:>14}  {}\n",
        "KPI", "mean", "p5", "p50", "p95", "unit"
    );
    let mut family = None;
    for k in Kpi::ALL {
        if family != Some(k.family()) {
            family = Some(k.family());
            out.push_str(&format!("{}\n", family_title(k.family())));
        }
        let s = stats[k];
        out.push_str(&format!(
            "  {:<22}{:>14}{:>14}{:>14}{:>14}  {}\n",
            k.name(),
            fmt_num(s.mean),
            fmt_num(s.p05),
            fmt_num(s.p50),
            fmt_num(s.p95),
            k.unit()
        ));
    }
    out
}

/// A labelled batch in a comparison.
pub struct Variant<'a> {
    /// Column title.
    pub label: String,
    /// Its runs (same seeds as every other variant).
    pub runs: &'a [RunReport],
    /// Per-week mean over its runs of each KPI.
    pub weekly_means: &'a [crate::kpi::KpiValues],
}

/// Side-by-side means; each variant after the first also shows its paired difference to the
/// first with the 95 % interval half-width, and `*` when the interval excludes 0.
pub fn compare_table(variants: &[Variant]) -> String {
    let width = 42;
    let mut out = format!("{:<24}", "KPI (mean)");
    for (i, v) in variants.iter().enumerate() {
        let w = if i == 0 { 14 } else { width };
        out.push_str(&format!("{:>w$}", v.label, w = w));
    }
    out.push('\n');
    let mut family = None;
    for k in Kpi::ALL {
        if family != Some(k.family()) {
            family = Some(k.family());
            out.push_str(&format!("{}\n", family_title(k.family())));
        }
        out.push_str(&format!("  {:<22}", k.name()));
        let base = column(variants[0].runs, k);
        for (i, v) in variants.iter().enumerate() {
            let xs = column(v.runs, k);
            let m = crate::model::stats::mean(&xs);
            if i == 0 {
                out.push_str(&format!("{:>14}", fmt_num(m)));
            } else {
                let d = PairedDiff::of(&base, &xs);
                let half = (d.high - d.low) / 2.0;
                let verdict = match k.direction().improves(d.mean) {
                    Some(true) => " better",
                    Some(false) => " worse ",
                    None => "       ",
                };
                let cell = format!(
                    "{} Δ{}{} ±{}{}",
                    fmt_num(m),
                    if d.mean >= 0.0 { "+" } else { "" },
                    fmt_num(d.mean),
                    fmt_num(half),
                    if d.significant() {
                        format!(" *{verdict}")
                    } else {
                        " ".repeat(9)
                    }
                );
                out.push_str(&format!("{:>w$}", cell, w = width));
            }
        }
        out.push('\n');
    }
    out.push_str("Δ: mean paired difference to the first column (same seeds), ± its 95 % confidence half-width; * where the interval excludes 0, with whether that is better or worse (blank where neither way is better).\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(fmt_num(1_234_567.8), "1,234,568");
        assert_eq!(fmt_num(-12_345.0), "-12,345");
        assert_eq!(fmt_num(123.45), "123.5");
        assert_eq!(fmt_num(0.12345), "0.123");
    }
}

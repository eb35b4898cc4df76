//! Self-contained HTML reports: one file, inline CSS, charts as inline SVG, no network.
//! A small script marks the page ready once every chart is in place (headless browser
//! checks read that mark).

/// Okabe–Ito colours, for series in order.
pub const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
];

/// Text made safe for HTML.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A whole page around `body` (already HTML).
pub fn page(title: &str, lang: &str, body: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="salesim {version}">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.4; }}
h1 {{ margin-bottom: 0.2em; }} h2 {{ border-bottom: 2px solid #0072B2; padding-bottom: 0.2em; margin-top: 2em; }}
table {{ border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }}
th, td {{ border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }}
th:first-child, td:first-child {{ text-align: left; }}
th {{ background: #eef3f8; }}
.score {{ font-size: 2.4em; font-weight: bold; color: #0072B2; }}
.muted {{ color: #666; }} .why {{ margin: 0.2em 0; }}
.charts {{ display: flex; flex-wrap: wrap; gap: 1em; }}
svg.chart {{ background: #fff; border: 1px solid #ddd; }}
.quarter {{ border-left: 4px solid #E69F00; padding-left: 1em; margin: 1.2em 0; }}
.news {{ background: #fff7e6; padding: 0.3em 0.6em; }}
</style>
</head>
<body>
{body}
<script>
// Ready once every chart has drawn marks: a headless browser check reads this.
(function () {{
  var charts = document.querySelectorAll("svg.chart");
  var drawn = Array.prototype.every.call(charts, function (c) {{
    return c.querySelectorAll("path, rect, circle").length > 0;
  }});
  document.body.setAttribute("data-charts", String(charts.length));
  document.body.setAttribute("data-ready", drawn ? "yes" : "no");
}})();
</script>
</body>
</html>
"#,
        version = env!("CARGO_PKG_VERSION"),
        title = escape(title),
    )
}

/// A table with a header row; cells are already HTML.
pub fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = String::from("<table>\n<tr>");
    for h in header {
        out.push_str(&format!("<th>{h}</th>"));
    }
    out.push_str("</tr>\n");
    for r in rows {
        out.push_str("<tr>");
        for c in r {
            out.push_str(&format!("<td>{c}</td>"));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    out
}

/// A named series of a line chart.
pub struct Series<'a> {
    /// Legend.
    pub label: String,
    /// Colour (CSS).
    pub color: &'a str,
    /// Values at x = 1, 2, …
    pub values: Vec<f64>,
}

const W: f64 = 520.0;
const H: f64 = 300.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 34.0;
const BOTTOM: f64 = 80.0;

fn fmt_axis(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if a >= 10.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

/// A "nice" upper bound for an axis.
fn nice_max(v: f64) -> f64 {
    if v.is_nan() || v <= 0.0 {
        return 1.0;
    }
    // The power of ten at or below v, by steps (no transcendental maths: see clippy.toml).
    let mut mag = 1.0;
    while mag * 10.0 <= v {
        mag *= 10.0;
    }
    while mag > v {
        mag /= 10.0;
    }
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|m| *m >= v)
        .unwrap_or(10.0 * mag)
}

fn frame(title: &str, x_label: &str, ymax: f64) -> String {
    let mut out = format!(
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" aria-label="{t}">
<text x="{}" y="20" font-size="14" font-weight="bold" text-anchor="middle">{t}</text>
"#,
        W / 2.0,
        t = escape(title)
    );
    let plot_h = H - TOP - BOTTOM;
    for i in 0..=4 {
        let v = ymax * f64::from(i) / 4.0;
        let y = TOP + plot_h * (1.0 - f64::from(i) / 4.0);
        out.push_str(&format!(
            r##"<line x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#e4e4e4"/><text x="{}" y="{:.1}" font-size="11" text-anchor="end">{}</text>
"##,
            W - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            fmt_axis(v)
        ));
    }
    out.push_str(&format!(
        r#"<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>
"#,
        LEFT + (W - LEFT - RIGHT) / 2.0,
        H - BOTTOM + 28.0,
        escape(x_label)
    ));
    out
}

fn legend(items: &[(String, &str)]) -> String {
    let mut out = String::new();
    let per_row = 3;
    for (i, (label, color)) in items.iter().enumerate() {
        let x = LEFT + (i % per_row) as f64 * 150.0;
        let rows = (items.len() - 1) / per_row;
        let y = H - 10.0 - (rows - i / per_row) as f64 * 14.0;
        out.push_str(&format!(
            r#"<rect x="{x:.1}" y="{:.1}" width="10" height="10" fill="{color}"/><text x="{:.1}" y="{y:.1}" font-size="11">{}</text>
"#,
            y - 9.0,
            x + 14.0,
            escape(label)
        ));
    }
    out
}

/// A line chart of series over x = 1…n, with an optional dashed reference level.
pub fn line_chart(
    title: &str,
    x_label: &str,
    series: &[Series],
    reference: Option<(f64, &str)>,
) -> String {
    let n = series
        .iter()
        .map(|s| s.values.len())
        .max()
        .unwrap_or(0)
        .max(2);
    let top = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .chain(reference.map(|r| r.0))
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let ymax = nice_max(top);
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let x = |i: usize| LEFT + plot_w * i as f64 / (n - 1) as f64;
    let y = |v: f64| TOP + plot_h * (1.0 - (v / ymax).clamp(0.0, 1.0));
    let mut out = frame(title, x_label, ymax);
    for tick in [0, n / 2, n - 1] {
        out.push_str(&format!(
            r#"<text x="{:.1}" y="{}" font-size="11" text-anchor="middle">{}</text>
"#,
            x(tick),
            H - BOTTOM + 14.0,
            tick + 1
        ));
    }
    let mut items = Vec::new();
    if let Some((level, label)) = reference {
        out.push_str(&format!(
            r##"<path d="M{LEFT},{y:.1}H{}" stroke="#555" stroke-dasharray="5,4" fill="none"/>
"##,
            W - RIGHT,
            y = y(level)
        ));
        items.push((label.to_owned(), "#555"));
    }
    for s in series {
        let mut d = String::new();
        for (i, v) in s.values.iter().enumerate().filter(|(_, v)| v.is_finite()) {
            d.push_str(&format!(
                "{}{:.1},{:.1}",
                if d.is_empty() { "M" } else { "L" },
                x(i),
                y(*v)
            ));
        }
        if !d.is_empty() {
            out.push_str(&format!(
                r#"<path d="{d}" stroke="{}" stroke-width="2" fill="none"/>
"#,
                s.color
            ));
        }
        items.push((s.label.clone(), s.color));
    }
    out.push_str(&legend(&items));
    out.push_str("</svg>\n");
    out
}

/// One bar, with an optional range drawn as a whisker (e.g. p5–p95).
pub struct Bar<'a> {
    /// Label under the bar.
    pub label: String,
    /// Height.
    pub value: f64,
    /// Whisker, low and high.
    pub range: Option<(f64, f64)>,
    /// Colour (CSS).
    pub color: &'a str,
}

/// A vertical bar chart.
pub fn bar_chart(title: &str, x_label: &str, bars: &[Bar]) -> String {
    let top = bars
        .iter()
        .flat_map(|b| [b.value, b.range.map_or(0.0, |r| r.1)])
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let ymax = nice_max(top);
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let slot = plot_w / bars.len().max(1) as f64;
    let y = |v: f64| TOP + plot_h * (1.0 - (v / ymax).clamp(0.0, 1.0));
    let mut out = frame(title, x_label, ymax);
    for (i, b) in bars.iter().enumerate() {
        let x0 = LEFT + slot * i as f64 + slot * 0.2;
        let w = slot * 0.6;
        let v = if b.value.is_finite() { b.value } else { 0.0 };
        out.push_str(&format!(
            r#"<rect x="{x0:.1}" y="{:.1}" width="{w:.1}" height="{:.1}" fill="{}"><title>{}: {}</title></rect>
<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle">{}</text>
<text x="{:.1}" y="{}" font-size="11" text-anchor="middle">{}</text>
"#,
            y(v),
            (TOP + plot_h - y(v)).max(0.5),
            b.color,
            escape(&b.label),
            fmt_axis(v),
            x0 + w / 2.0,
            y(b.range.map_or(v, |r| r.1.max(v))) - 4.0,
            fmt_axis(v),
            x0 + w / 2.0,
            H - BOTTOM + 14.0,
            escape(&b.label)
        ));
        if let Some((lo, hi)) = b.range {
            let cx = x0 + w / 2.0;
            out.push_str(&format!(
                r##"<path d="M{cx:.1},{:.1}V{:.1}M{:.1},{:.1}H{:.1}M{:.1},{:.1}H{:.1}" stroke="#333" fill="none"/>
"##,
                y(lo),
                y(hi),
                cx - 6.0,
                y(lo),
                cx + 6.0,
                cx - 6.0,
                y(hi),
                cx + 6.0
            ));
        }
    }
    out.push_str("</svg>\n");
    out
}

/// Running totals of a series (weekly counts to cumulative).
pub fn cumulative(xs: &[f64]) -> Vec<f64> {
    xs.iter()
        .scan(0.0, |acc, x| {
            *acc += x;
            Some(*acc)
        })
        .collect()
}

/// A comparison of variants on the same seeds: charts of the key KPIs (mean, p5–p95), the
/// bookings curves, and every KPI's mean with its paired difference to the first variant.
pub fn compare_html(title: &str, variants: &[super::Variant], seed: u64, quota: f64) -> String {
    use crate::kpi::Kpi;
    use crate::model::stats::{PairedDiff, mean, percentile};
    use crate::runner::{column, weekly_means};
    let runs = variants.first().map_or(0, |v| v.runs.len());
    let mut b = format!(
        "<h1>{}</h1>\n<p class=\"muted\">{} variants × {runs} runs on the same seeds {seed}–{} · salesim</p>\n<div class=\"charts\">\n",
        escape(title),
        variants.len(),
        seed.wrapping_add(runs.saturating_sub(1) as u64)
    );
    let series: Vec<Series> = variants
        .iter()
        .enumerate()
        .map(|(i, v)| Series {
            label: v.label.clone(),
            color: PALETTE[i % PALETTE.len()],
            values: cumulative(
                &weekly_means(v.runs)
                    .iter()
                    .map(|w| w[Kpi::Bookings])
                    .collect::<Vec<_>>(),
            ),
        })
        .collect();
    b.push_str(&line_chart(
        "Bookings to date (mean)",
        "week",
        &series,
        Some((quota, "quota")),
    ));
    for k in [
        Kpi::SignedContracts,
        Kpi::WinRate,
        Kpi::Leakage,
        Kpi::CycleDays,
        Kpi::CULTURE[1],
        Kpi::CULTURE[2],
        Kpi::Scorecard,
    ] {
        let bars: Vec<Bar> = variants
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let xs = column(v.runs, k);
                Bar {
                    label: v.label.clone(),
                    value: mean(&xs),
                    range: Some((percentile(&xs, 0.05), percentile(&xs, 0.95))),
                    color: PALETTE[i % PALETTE.len()],
                }
            })
            .collect();
        b.push_str(&bar_chart(
            &format!("{} (mean, p5–p95)", k.name().replace('_', " ")),
            k.unit(),
            &bars,
        ));
    }
    b.push_str("</div>\n<h2>Every KPI</h2>\n");
    let mut header = vec!["KPI (mean)".to_owned()];
    header.extend(variants.iter().map(|v| escape(&v.label)));
    let rows: Vec<Vec<String>> = Kpi::ALL
        .into_iter()
        .map(|k| {
            let base = column(variants[0].runs, k);
            let mut row = vec![format!(
                "{} <span class=\"muted\">{}</span>",
                k.name(),
                escape(k.unit())
            )];
            for (i, v) in variants.iter().enumerate() {
                let xs = column(v.runs, k);
                let m = super::fmt_num(mean(&xs));
                row.push(if i == 0 {
                    m
                } else {
                    let d = PairedDiff::of(&base, &xs);
                    format!(
                        "{m} <span class=\"muted\">Δ {:+} ± {}{}</span>",
                        super::fmt_num(d.mean),
                        super::fmt_num((d.high - d.low) / 2.0),
                        if d.significant() { " *" } else { "" }
                    )
                });
            }
            row
        })
        .collect();
    b.push_str(&table(&header, &rows));
    b.push_str("<p class=\"muted\">Δ: mean paired difference to the first column (same seeds), ± its 95 % confidence half-width; * where the interval excludes 0.</p>\n");
    page(title, "en", &b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_svg_with_their_marks_and_escaped_labels() {
        let line = line_chart(
            "Bookings <to date>",
            "week",
            &[Series {
                label: "A & B".into(),
                color: PALETTE[0],
                values: vec![0.0, 5.0, 12.0],
            }],
            Some((10.0, "quota")),
        );
        assert!(line.starts_with("<svg class=\"chart\""));
        assert!(line.contains("Bookings &lt;to date&gt;") && line.contains("A &amp; B"));
        assert_eq!(line.matches("<path").count(), 2);
        let bars = bar_chart(
            "Score",
            "",
            &[Bar {
                label: "naive".into(),
                value: 40.0,
                range: Some((30.0, 50.0)),
                color: PALETTE[1],
            }],
        );
        assert_eq!(bars.matches("<rect").count(), 1);
        assert_eq!(nice_max(7.3), 10.0);
        assert_eq!(nice_max(0.42), 0.5);
        assert_eq!(cumulative(&[1.0, 2.0, 3.0]), vec![1.0, 3.0, 6.0]);
        assert!(page("t", "en", &line).contains("data-ready"));
    }
}

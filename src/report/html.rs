//! Self-contained HTML reports: one file, inline CSS, charts as inline SVG, no network.
//! A small script marks the page ready once every chart is in place (headless browser
//! checks read that mark).

use super::svg::{Bar, PALETTE, Series, bar_chart, line_chart};

/// Text made safe for HTML (control characters shown as `\u{…}`).
pub fn escape(s: &str) -> String {
    super::visible(s)
        .replace('&', "&amp;")
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
    use crate::i18n::Language;
    use crate::kpi::Kpi;
    use crate::model::stats::{PairedDiff, mean, percentile};
    use crate::runner::column;
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
                &v.weekly_means
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
        Kpi::CloseRate,
        Kpi::SpeedToLeadHours,
        Kpi::UnansweredShare,
        Kpi::Leakage,
        Kpi::CycleDays,
        Kpi::CycleDaysP90,
        Kpi::CommonLanguage,
        Kpi::InformationSharing,
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
            &format!("{} (mean, p5–p95)", k.label(Language::English)),
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
        assert_eq!(cumulative(&[1.0, 2.0, 3.0]), vec![1.0, 3.0, 6.0]);
        assert!(page("t", "en", &line).contains("data-ready"));
    }
}

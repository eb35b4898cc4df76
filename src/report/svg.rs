//! The one SVG chart writer: line charts, bar charts with whiskers and histograms, all on
//! the same frame (title, four gridlines, axis labels, legend), for the HTML reports and the
//! calibration chart. Plain strings, no dependency, deterministic output.

use super::html::escape;

/// Okabe–Ito colours (colour-blind safe), for series in order.
pub const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
];

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
    } else if a == 0.0 || a >= 0.01 {
        format!("{v:.2}")
    } else {
        // Small shares (a few unanswered leads in a thousand) keep their digits.
        format!("{v:.4}")
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
    // Multiples whose quarters (the four gridlines) are round too.
    [1.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|m| *m >= v)
        .unwrap_or(10.0 * mag)
}

fn frame(title: &str, x_label: &str, ymax: f64, w: f64) -> String {
    let mut out = format!(
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{w}" height="{H}" viewBox="0 0 {w} {H}" role="img" aria-label="{t}">
<text x="{}" y="20" font-size="14" font-weight="bold" text-anchor="middle">{t}</text>
"#,
        w / 2.0,
        t = escape(title)
    );
    let plot_h = H - TOP - BOTTOM;
    for i in 0..=4 {
        let v = ymax * f64::from(i) / 4.0;
        let y = TOP + plot_h * (1.0 - f64::from(i) / 4.0);
        out.push_str(&format!(
            r##"<line x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#e4e4e4"/><text x="{}" y="{:.1}" font-size="11" text-anchor="end">{}</text>
"##,
            w - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            fmt_axis(v)
        ));
    }
    out.push_str(&format!(
        r#"<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>
"#,
        LEFT + (w - LEFT - RIGHT) / 2.0,
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
    let mut out = frame(title, x_label, ymax, W);
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
    let mut out = frame(title, x_label, ymax, W);
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

/// Grouped bars of each series per bin (a histogram of several samples side by side); bin
/// `b` is labelled `b × bin_width` every other bin. Wider than the other charts, for many
/// bins.
pub fn histogram_chart(title: &str, x_label: &str, bin_width: usize, series: &[Series]) -> String {
    let w = 2.0 * W;
    let bins = series
        .iter()
        .map(|s| s.values.len())
        .max()
        .unwrap_or(0)
        .max(1);
    let top = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let ymax = nice_max(top);
    let plot_w = w - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let slot = plot_w / bins as f64;
    let bar_w = (slot - 2.0).max(0.5) / series.len().max(1) as f64;
    let y = |v: f64| TOP + plot_h * (1.0 - (v / ymax).clamp(0.0, 1.0));
    let mut out = frame(title, x_label, ymax, w);
    for b in 0..bins {
        let x0 = LEFT + slot * b as f64 + 1.0;
        for (i, s) in series.iter().enumerate() {
            let v = s
                .values
                .get(b)
                .copied()
                .filter(|v| v.is_finite())
                .unwrap_or(0.0);
            out.push_str(&format!(
                r#"<rect x="{:.1}" y="{:.1}" width="{bar_w:.1}" height="{:.1}" fill="{}"><title>{}, {}–{}: {}</title></rect>
"#,
                x0 + i as f64 * bar_w,
                y(v),
                (TOP + plot_h - y(v)).max(0.0),
                s.color,
                escape(&s.label),
                b * bin_width,
                (b + 1) * bin_width - 1,
                fmt_axis(v)
            ));
        }
        if b % 2 == 0 {
            out.push_str(&format!(
                r#"<text x="{:.1}" y="{}" font-size="11" text-anchor="middle">{}</text>
"#,
                x0,
                H - BOTTOM + 14.0,
                b * bin_width
            ));
        }
    }
    let items: Vec<(String, &str)> = series.iter().map(|s| (s.label.clone(), s.color)).collect();
    out.push_str(&legend(&items));
    out.push_str("</svg>\n");
    out
}

/// Charts stacked into one standalone SVG file under a title (for a chart written on its
/// own rather than inside a report page).
pub fn stack(title: &str, charts: &[String]) -> String {
    let width = 2.0 * W;
    let height = 30.0 + H * charts.len() as f64;
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="{LEFT}" y="20" font-size="16" font-weight="bold">{}</text>
"#,
        escape(title)
    );
    for (i, chart) in charts.iter().enumerate() {
        let y = 30.0 + H * i as f64;
        out.push_str(&format!(
            "<g transform=\"translate(0,{y})\">\n{chart}</g>\n"
        ));
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_labels_keep_the_digits_small_values_need() {
        assert_eq!(fmt_axis(2_500_000.0), "2.5M");
        assert_eq!(fmt_axis(0.25), "0.25");
        assert_eq!(fmt_axis(0.0), "0.00");
        assert_eq!(fmt_axis(0.0015), "0.0015");
    }

    fn two() -> Vec<Series<'static>> {
        vec![
            Series {
                label: "observed".into(),
                color: PALETTE[0],
                values: vec![10.0, 30.0, 5.0],
            },
            Series {
                label: "simulated".into(),
                color: PALETTE[1],
                values: vec![12.0, 25.0, f64::NAN],
            },
        ]
    }

    #[test]
    fn axes_end_on_round_numbers() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(0.37), 0.4);
        assert_eq!(nice_max(30.0), 40.0);
        assert_eq!(nice_max(101.0), 200.0);
        assert_eq!(nice_max(7.3), 8.0);
    }

    #[test]
    fn every_chart_kind_draws_its_marks_and_legend() {
        let line = line_chart("Bookings", "week", &two(), Some((20.0, "quota")));
        assert_eq!(
            line.matches("<path").count(),
            3,
            "two series and the reference"
        );
        assert!(line.contains(">quota<") && line.contains(">simulated<"));
        let hist = histogram_chart("Cycles", "days", 7, &two());
        assert_eq!(
            hist.matches("<rect x=").count(),
            6 + 2,
            "six bars, two legend keys"
        );
        assert!(hist.contains("observed, 7–13: 30</title>"), "{hist}");
        let file = stack("Both", &[line, hist]);
        assert!(file.starts_with("<svg") && file.ends_with("</svg>\n"));
        assert_eq!(file.matches("<g transform").count(), 2);
    }
}

//! The coach's debrief report: one self-contained HTML file (charts as inline SVG) with the
//! briefing, each quarter's decisions, KPIs of both families and explanations, the score,
//! the comparison with the reference strategies and, for workshops, the leaderboard.

use super::{
    Challenge, Debrief, Progress, REVIEW_KPIS, StrategyResult, TeamResult, fmt_objective_value,
    objective_line,
};
use crate::i18n::Language;
use crate::kpi::{Kpi, KpiValues};
use crate::report::html::{cumulative, escape, page, table};
use crate::report::svg::{Bar, PALETTE, Series, bar_chart, line_chart};

/// The run's quota (the fiscal-year quota prorated to the challenge's days).
fn quota(c: &Challenge) -> f64 {
    crate::sim::kpi::quota_for(&c.scenario, c.scenario.days)
}

/// Bookings to date, week by week, of each named year against the quota.
pub fn bookings_chart(c: &Challenge, years: &[(&str, &[KpiValues])], l: Language) -> String {
    let series: Vec<Series> = years
        .iter()
        .enumerate()
        .map(|(i, (label, weekly))| Series {
            label: (*label).to_owned(),
            color: PALETTE[i % PALETTE.len()],
            values: cumulative(&weekly.iter().map(|w| w[Kpi::Bookings]).collect::<Vec<_>>()),
        })
        .collect();
    line_chart(
        l.t("report.bookings_to_date"),
        l.t("axis.week"),
        &series,
        Some((quota(c), l.t("report.quota"))),
    )
}

/// The culture indices, week by week.
pub fn culture_chart(weekly: &[KpiValues], l: Language) -> String {
    let series: Vec<Series> = Kpi::CULTURE
        .into_iter()
        .zip(PALETTE)
        .map(|(k, color)| Series {
            label: k.label(l).to_owned(),
            color,
            values: weekly.iter().map(|w| w[k]).collect(),
        })
        .collect();
    line_chart(
        l.t("report.culture_indices_0_1"),
        l.t("axis.week"),
        &series,
        None,
    )
}

fn years_of<'a>(strategies: &[&'a StrategyResult], l: Language) -> Vec<(&'a str, &'a [KpiValues])> {
    strategies
        .iter()
        .map(|s| (s.name.get(l), s.weekly.as_slice()))
        .collect()
}

fn scores_chart(strategies: &[&StrategyResult], l: Language) -> String {
    let bars: Vec<Bar> = strategies
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut xs = s.scores.clone();
            xs.sort_by(f64::total_cmp);
            Bar {
                label: s.name.get(l).to_owned(),
                value: s.mean(),
                range: Some((
                    crate::model::stats::percentile_sorted(&xs, 0.05),
                    crate::model::stats::percentile_sorted(&xs, 0.95),
                )),
                color: PALETTE[i % PALETTE.len()],
            }
        })
        .collect();
    bar_chart(l.t("report.mean_score_over_the_seeds_p5_p95"), "", &bars)
}

fn decisions_cell(ds: &[super::Decision]) -> String {
    escape(&super::decisions_line(ds, "–"))
}

/// A KPI's label with its definition as a tooltip (HTML).
pub fn kpi_label(k: Kpi, l: Language) -> String {
    format!(
        "<span title=\"{}\">{}</span>",
        escape(k.definition(l)),
        escape(k.label(l))
    )
}

fn kpi_rows(columns: &[&KpiValues], ks: &[Kpi], l: Language) -> Vec<Vec<String>> {
    ks.iter()
        .map(|&k| {
            let mut row = vec![kpi_label(k, l)];
            row.extend(columns.iter().map(|v| k.format(v[k], l)));
            row
        })
        .collect()
}

/// Each quarter played: the KPIs of both families side by side (their definitions as
/// tooltips), then each quarter's decisions, news and explanations.
pub fn quarter_by_quarter(game: &Progress, l: Language) -> String {
    let mut b = String::new();
    b.push_str(&format!(
        "<h2>{}</h2>\n",
        l.t("report.quarter_by_quarter").to_owned()
    ));
    let mut header = vec![
        l.t("report.kpi_counts_within_the_quarter_other_valu")
            .to_owned(),
    ];
    header.extend(game.reviews.iter().map(|r| format!("Q{}", r.quarter)));
    let columns: Vec<&KpiValues> = game.reviews.iter().map(|r| &r.kpis).collect();
    b.push_str(&table(&header, &kpi_rows(&columns, &REVIEW_KPIS, l)));
    for r in &game.reviews {
        b.push_str(&format!(
            "<div class=\"quarter\"><h3>{} {}</h3>\n<p><b>{}</b> {} <span class=\"muted\">({} {})</span></p>\n",
            l.t("challenge.quarter").to_owned(),
            r.quarter,
            l.t("report.decisions").to_owned(),
            decisions_cell(&r.decisions),
            l.t("challenge.cost_label").to_owned(),
            super::short_number(r.cost)
        ));
        for n in &r.news {
            b.push_str(&format!("<p class=\"news\">{}</p>\n", escape(n.get(l))));
        }
        for e in &r.explanations {
            b.push_str(&format!("<p class=\"why\">→ {}</p>\n", escape(e.get(l))));
        }
        b.push_str("</div>\n");
    }
    b
}

/// The debrief report of one played game (and a workshop's leaderboard, if any).
pub fn challenge_report(
    game: &Progress,
    kpis: &KpiValues,
    d: &Debrief,
    board: &[TeamResult],
    l: Language,
) -> String {
    page(
        game.challenge.title.get(l),
        l.code(),
        &challenge_debrief(game, kpis, d, board, l),
    )
}

/// The debrief report's body (HTML, without the page around it).
pub fn challenge_debrief(
    game: &Progress,
    kpis: &KpiValues,
    d: &Debrief,
    board: &[TeamResult],
    l: Language,
) -> String {
    let c = &game.challenge;
    let mut b = format!(
        "<h1>{}</h1>\n<p class=\"muted\">{} · {} {} · salesim</p>\n",
        escape(c.title.get(l)),
        escape(if game.team.is_empty() {
            "solo"
        } else {
            &game.team
        }),
        l.t("ctl.seed").to_owned(),
        game.seed
    );
    b.push_str(&format!(
        "<p><span class=\"score\">{:.1}</span> / 100 &nbsp; <span class=\"muted\">{}</span></p>\n",
        d.score(),
        l.t("report.score_against_the_objectives").to_owned()
    ));
    b.push_str(&format!(
        "<h2>{}</h2>\n<p>{}</p>\n<p><b>{}</b> {}</p>\n",
        l.t("challenge.briefing").to_owned(),
        escape(c.briefing.get(l)),
        l.t("challenge.lesson").to_owned(),
        escape(c.lesson.get(l))
    ));
    let [player, naive, good] = [&d.strategies[0], &d.strategies[1], &d.strategies[2]];
    b.push_str("<div class=\"charts\">\n");
    b.push_str(&bookings_chart(c, &years_of(&[player, naive, good], l), l));
    b.push_str(&culture_chart(&player.weekly, l));
    b.push_str(&scores_chart(&[player, naive, good], l));
    b.push_str("</div>\n");
    b.push_str(&quarter_by_quarter(game, l));
    b.push_str(&format!(
        "<h2>{}</h2>\n",
        l.t("challenge.debrief").to_owned()
    ));
    let rows: Vec<Vec<String>> = c
        .objectives
        .iter()
        .zip(&d.points)
        .map(|(o, p)| {
            vec![
                escape(&objective_line(o)),
                fmt_objective_value(o, kpis),
                format!("{:.0} %", p * 100.0),
            ]
        })
        .collect();
    b.push_str(&table(
        &[
            l.t("report.objective_weight").to_owned(),
            l.t("report.year").to_owned(),
            l.t("report.reached").to_owned(),
        ],
        &rows,
    ));
    for e in &d.explanations {
        b.push_str(&format!("<p class=\"why\">→ {}</p>\n", escape(e.get(l))));
    }
    b.push_str(&format!(
        "<h3>{}</h3>\n<p class=\"muted\">{} {}–{}</p>\n",
        l.t("report.compared_with_the_reference_strategies")
            .to_owned(),
        l.t("report.same_seeds").to_owned(),
        d.seeds[0],
        d.seeds[d.seeds.len() - 1]
    ));
    let strategies: Vec<Vec<String>> = d
        .strategies
        .iter()
        .map(|s| {
            vec![
                escape(s.name.get(l)),
                format!("{:.1}", s.score()),
                format!("{:.1}", s.mean()),
                s.quarters
                    .iter()
                    .map(|q| decisions_cell(q))
                    .collect::<Vec<_>>()
                    .join(" | "),
            ]
        })
        .collect();
    b.push_str(&table(
        &[
            l.t("report.strategy").to_owned(),
            l.t("challenge.this_seed").to_owned(),
            l.t("report.mean").to_owned(),
            l.t("report.decisions_by_quarter").to_owned(),
        ],
        &strategies,
    ));
    let cols: Vec<&crate::kpi::KpiValues> = d.strategies.iter().map(|s| &s.kpis).collect();
    let mut header = vec![l.t("report.kpi_year_this_seed").to_owned()];
    header.extend(d.strategies.iter().map(|s| escape(s.name.get(l))));
    b.push_str(&table(&header, &kpi_rows(&cols, &REVIEW_KPIS, l)));
    b.push_str(&format!(
        "<h3>{}</h3>\n",
        l.t("report.the_decisions_that_moved_the_result_most")
            .to_owned()
    ));
    let rows: Vec<Vec<String>> = d
        .attributions
        .iter()
        .map(|a| {
            vec![
                format!(
                    "Q{} {}",
                    a.quarter,
                    escape(&super::decision_label(&a.decision))
                ),
                format!("{:+.1}", a.effect),
                format!("{:+.1} … {:+.1}", a.low, a.high),
            ]
        })
        .collect();
    b.push_str(&table(
        &[
            l.t("report.decision").to_owned(),
            l.t("report.points_it_added").to_owned(),
            l.t("report.95_interval").to_owned(),
        ],
        &rows,
    ));
    b.push_str(&format!(
        "<p class=\"muted\">{}</p>\n",
        l.t("report.each_decision_was_undone_in_turn_and_the")
            .to_owned()
    ));
    if !board.is_empty() {
        b.push_str(&leaderboard_html(c, board, &d.seeds, l));
    }
    b
}

fn leaderboard_html(c: &Challenge, board: &[TeamResult], seeds: &[u64], l: Language) -> String {
    let mut b = format!(
        "<h2>{}</h2>\n<p class=\"muted\">{} {}–{}</p>\n",
        l.t("report.leaderboard").to_owned(),
        l.t("report.same_seeds").to_owned(),
        seeds[0],
        seeds[seeds.len() - 1]
    );
    let years: Vec<&StrategyResult> = board.iter().map(|t| &t.result).collect();
    b.push_str("<div class=\"charts\">\n");
    b.push_str(&scores_chart(&years, l));
    b.push_str(&bookings_chart(c, &years_of(&years, l), l));
    b.push_str("</div>\n");
    let rows: Vec<Vec<String>> = board
        .iter()
        .enumerate()
        .map(|(i, t)| {
            vec![
                format!("{}. {}", i + 1, escape(&t.team)),
                format!("{:.1}", t.result.mean()),
                format!("{:.1}", t.result.score()),
            ]
        })
        .collect();
    b.push_str(&table(
        &[
            l.t("challenge.team").to_owned(),
            l.t("report.mean_score").to_owned(),
            l.t("report.game_seed").to_owned(),
        ],
        &rows,
    ));
    let mut header = vec![l.t("challenge.quarter").to_owned()];
    header.extend(board.iter().map(|t| escape(&t.team)));
    let rows: Vec<Vec<String>> = (0..c.quarters as usize)
        .map(|q| {
            let mut row = vec![format!("Q{}", q + 1)];
            row.extend(
                board
                    .iter()
                    .map(|t| decisions_cell(t.result.quarters.get(q).map_or(&[], |v| v))),
            );
            row
        })
        .collect();
    b.push_str(&format!(
        "<h3>{}</h3>\n",
        l.t("report.choices_side_by_side").to_owned()
    ));
    b.push_str(&table(&header, &rows));
    let cols: Vec<&crate::kpi::KpiValues> = board.iter().map(|t| &t.result.kpis).collect();
    let mut header = vec![l.t("report.kpi_year_game_seed").to_owned()];
    header.extend(board.iter().map(|t| escape(&t.team)));
    b.push_str(&table(&header, &kpi_rows(&cols, &REVIEW_KPIS, l)));
    b
}

/// A workshop's report: the briefing, the leaderboard, the teams' choices and results.
pub fn workshop_report(c: &Challenge, board: &[TeamResult], seeds: &[u64], l: Language) -> String {
    let mut b = format!(
        "<h1>{}</h1>\n<p class=\"muted\">{} · {} {}</p>\n<p>{}</p>\n<p><b>{}</b> {}</p>\n",
        escape(c.title.get(l)),
        l.t("report.workshop").to_owned(),
        board.len(),
        l.t("report.teams").to_owned(),
        escape(c.briefing.get(l)),
        l.t("challenge.lesson").to_owned(),
        escape(c.lesson.get(l))
    );
    b.push_str(&leaderboard_html(c, board, seeds, l));
    page(c.title.get(l), l.code(), &b)
}

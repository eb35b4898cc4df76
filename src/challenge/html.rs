//! The coach's debrief report: one self-contained HTML file (charts as inline SVG) with the
//! briefing, each quarter's decisions, KPIs of both families and explanations, the score,
//! the comparison with the reference strategies and, for workshops, the leaderboard.

use super::{
    Challenge, Debrief, Progress, REVIEW_KPIS, StrategyResult, TeamResult, fmt_kpi,
    fmt_objective_value, objective_line,
};
use crate::kpi::{Kpi, KpiValues};
use crate::report::html::{
    Bar, PALETTE, Series, bar_chart, cumulative, escape, line_chart, page, table,
};

fn tr(l: &str, en: &str, fr: &str) -> String {
    (if l == "fr" { fr } else { en }).to_owned()
}

/// The run's quota (the fiscal-year quota prorated to the challenge's days).
fn quota(c: &Challenge) -> f64 {
    crate::sim::kpi::quota_for(&c.scenario, c.scenario.days)
}

fn bookings_chart(c: &Challenge, years: &[&StrategyResult], l: &str) -> String {
    let series: Vec<Series> = years
        .iter()
        .enumerate()
        .map(|(i, s)| Series {
            label: s.name.get(l).to_owned(),
            color: PALETTE[i % PALETTE.len()],
            values: cumulative(
                &s.weekly
                    .iter()
                    .map(|w| w[Kpi::Bookings])
                    .collect::<Vec<_>>(),
            ),
        })
        .collect();
    line_chart(
        &tr(l, "Bookings to date", "Prises de commandes cumulées"),
        &tr(l, "week", "semaine"),
        &series,
        Some((quota(c), &tr(l, "quota", "quota"))),
    )
}

fn culture_chart(s: &StrategyResult, l: &str) -> String {
    let series: Vec<Series> = Kpi::CULTURE
        .into_iter()
        .zip(PALETTE)
        .map(|(k, color)| Series {
            label: k.name().replace('_', " "),
            color,
            values: s.weekly.iter().map(|w| w[k]).collect(),
        })
        .collect();
    line_chart(
        &tr(l, "Culture indices (0–1)", "Indices de culture (0–1)"),
        &tr(l, "week", "semaine"),
        &series,
        None,
    )
}

fn scores_chart(strategies: &[&StrategyResult], l: &str) -> String {
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
    bar_chart(
        &tr(
            l,
            "Mean score over the seeds (p5–p95)",
            "Score moyen sur les graines (p5–p95)",
        ),
        "",
        &bars,
    )
}

fn decisions_cell(ds: &[super::Decision]) -> String {
    escape(&super::decisions_line(ds, "–"))
}

fn kpi_rows(columns: &[&KpiValues], ks: &[Kpi]) -> Vec<Vec<String>> {
    ks.iter()
        .map(|&k| {
            let mut row = vec![k.name().replace('_', " ")];
            row.extend(columns.iter().map(|v| fmt_kpi(k, v[k])));
            row
        })
        .collect()
}

/// The debrief report of one played game (and a workshop's leaderboard, if any).
pub fn challenge_report(
    game: &Progress,
    kpis: &KpiValues,
    d: &Debrief,
    board: &[TeamResult],
    l: &str,
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
        tr(l, "seed", "graine"),
        game.seed
    );
    b.push_str(&format!(
        "<p><span class=\"score\">{:.1}</span> / 100 &nbsp; <span class=\"muted\">{}</span></p>\n",
        d.score(),
        tr(
            l,
            "score against the objectives",
            "score par rapport aux objectifs"
        )
    ));
    b.push_str(&format!(
        "<h2>{}</h2>\n<p>{}</p>\n<p><b>{}</b> {}</p>\n",
        tr(l, "Briefing", "Briefing"),
        escape(c.briefing.get(l)),
        tr(l, "The lesson:", "La leçon :"),
        escape(c.lesson.get(l))
    ));
    let [player, naive, good] = [&d.strategies[0], &d.strategies[1], &d.strategies[2]];
    b.push_str("<div class=\"charts\">\n");
    b.push_str(&bookings_chart(c, &[player, naive, good], l));
    b.push_str(&culture_chart(player, l));
    b.push_str(&scores_chart(&[player, naive, good], l));
    b.push_str("</div>\n");
    b.push_str(&format!(
        "<h2>{}</h2>\n",
        tr(l, "Quarter by quarter", "Trimestre par trimestre")
    ));
    let mut header = vec![tr(
        l,
        "KPI (counts within the quarter, other values to date)",
        "Indicateur (volumes du trimestre, autres valeurs à date)",
    )];
    header.extend(game.reviews.iter().map(|r| format!("Q{}", r.quarter)));
    let columns: Vec<&KpiValues> = game.reviews.iter().map(|r| &r.kpis).collect();
    b.push_str(&table(&header, &kpi_rows(&columns, &REVIEW_KPIS)));
    for r in &game.reviews {
        b.push_str(&format!(
            "<div class=\"quarter\"><h3>{} {}</h3>\n<p><b>{}</b> {} <span class=\"muted\">({} {})</span></p>\n",
            tr(l, "Quarter", "Trimestre"),
            r.quarter,
            tr(l, "Decisions:", "Décisions :"),
            decisions_cell(&r.decisions),
            tr(l, "cost", "coût"),
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
    b.push_str(&format!(
        "<h2>{}</h2>\n",
        tr(l, "Year-end debrief", "Bilan de l'année")
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
            tr(l, "Objective (weight)", "Objectif (poids)"),
            tr(l, "year", "année"),
            tr(l, "reached", "atteint"),
        ],
        &rows,
    ));
    for e in &d.explanations {
        b.push_str(&format!("<p class=\"why\">→ {}</p>\n", escape(e.get(l))));
    }
    b.push_str(&format!(
        "<h3>{}</h3>\n<p class=\"muted\">{} {}–{}</p>\n",
        tr(
            l,
            "Compared with the reference strategies",
            "Comparaison avec les stratégies de référence"
        ),
        tr(l, "Same seeds:", "Mêmes graines :"),
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
            tr(l, "Strategy", "Stratégie"),
            tr(l, "this seed", "cette graine"),
            tr(l, "mean", "moyenne"),
            tr(l, "decisions by quarter", "décisions par trimestre"),
        ],
        &strategies,
    ));
    let cols: Vec<&crate::kpi::KpiValues> = d.strategies.iter().map(|s| &s.kpis).collect();
    let mut header = vec![tr(
        l,
        "KPI (year, this seed)",
        "Indicateur (année, cette graine)",
    )];
    header.extend(d.strategies.iter().map(|s| escape(s.name.get(l))));
    b.push_str(&table(&header, &kpi_rows(&cols, &REVIEW_KPIS)));
    b.push_str(&format!(
        "<h3>{}</h3>\n",
        tr(
            l,
            "The decisions that moved the result most",
            "Les décisions qui ont le plus pesé"
        )
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
            tr(l, "Decision", "Décision"),
            tr(l, "points it added", "points apportés"),
            tr(l, "95 % interval", "intervalle à 95 %"),
        ],
        &rows,
    ));
    b.push_str(&format!(
        "<p class=\"muted\">{}</p>\n",
        tr(
            l,
            "Each decision was undone in turn and the year replayed on the same seeds; the difference in mean score is what it added.",
            "Chaque décision a été retirée à tour de rôle et l'année rejouée sur les mêmes graines ; l'écart de score moyen est ce qu'elle a apporté."
        )
    ));
    if !board.is_empty() {
        b.push_str(&leaderboard_html(c, board, &d.seeds, l));
    }
    page(c.title.get(l), l, &b)
}

fn leaderboard_html(c: &Challenge, board: &[TeamResult], seeds: &[u64], l: &str) -> String {
    let mut b = format!(
        "<h2>{}</h2>\n<p class=\"muted\">{} {}–{}</p>\n",
        tr(l, "Leaderboard", "Classement"),
        tr(l, "Same seeds:", "Mêmes graines :"),
        seeds[0],
        seeds[seeds.len() - 1]
    );
    let years: Vec<&StrategyResult> = board.iter().map(|t| &t.result).collect();
    b.push_str("<div class=\"charts\">\n");
    b.push_str(&scores_chart(&years, l));
    b.push_str(&bookings_chart(c, &years, l));
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
            tr(l, "Team", "Équipe"),
            tr(l, "mean score", "score moyen"),
            tr(l, "game seed", "graine du jeu"),
        ],
        &rows,
    ));
    let mut header = vec![tr(l, "Quarter", "Trimestre")];
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
        tr(l, "Choices side by side", "Les choix côte à côte")
    ));
    b.push_str(&table(&header, &rows));
    let cols: Vec<&crate::kpi::KpiValues> = board.iter().map(|t| &t.result.kpis).collect();
    let mut header = vec![tr(
        l,
        "KPI (year, game seed)",
        "Indicateur (année, graine du jeu)",
    )];
    header.extend(board.iter().map(|t| escape(&t.team)));
    b.push_str(&table(&header, &kpi_rows(&cols, &REVIEW_KPIS)));
    b
}

/// A workshop's report: the briefing, the leaderboard, the teams' choices and results.
pub fn workshop_report(c: &Challenge, board: &[TeamResult], seeds: &[u64], l: &str) -> String {
    let mut b = format!(
        "<h1>{}</h1>\n<p class=\"muted\">{} · {} {}</p>\n<p>{}</p>\n<p><b>{}</b> {}</p>\n",
        escape(c.title.get(l)),
        tr(l, "Workshop", "Atelier"),
        board.len(),
        tr(l, "teams", "équipes"),
        escape(c.briefing.get(l)),
        tr(l, "The lesson:", "La leçon :"),
        escape(c.lesson.get(l))
    );
    b.push_str(&leaderboard_html(c, board, seeds, l));
    page(c.title.get(l), l, &b)
}

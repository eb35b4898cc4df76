//! The dashboards: charts of both families over time, the scorecard, the what-if panel.

use super::*;
use crate::model::calendar;

pub(super) fn dashboards(ui: &mut egui::Ui, g: &mut Game) {
    // Wrapped: in French at a large text size the four tabs are wider than the panel.
    ui.horizontal_wrapped(|ui| {
        for (tab, key) in [
            (Tab::Funnel, "tab.funnel"),
            (Tab::Culture, "tab.culture"),
            (Tab::Scorecard, "tab.scorecard"),
            (Tab::WhatIf, "tab.whatif"),
        ] {
            ui.selectable_value(&mut g.play.tab, tab, g.prefs.language.t(key));
        }
    });
    ui.separator();
    match g.play.tab {
        Tab::Funnel => funnel_charts(ui, g),
        Tab::Culture => culture_charts(ui, g),
        Tab::Scorecard => scorecard(ui, g),
        Tab::WhatIf => whatif_panel(ui, g),
    }
}

/// Weeks at which levers changed (the scenario's scripted events and the player's), for
/// vertical markers.
fn lever_weeks(g: &Game) -> Vec<f64> {
    g.play.session.as_ref().map_or(Vec::new(), |s| {
        let scripted = s.scenario.events.iter().map(|e| e.day);
        let played = s.applied.iter().map(|(d, _)| *d);
        let mut w: Vec<f64> = scripted.chain(played).map(calendar::weeks).collect();
        w.sort_by(f64::total_cmp);
        w.dedup();
        w
    })
}

fn weekly_series(g: &Game, k: Kpi) -> Vec<[f64; 2]> {
    g.play.session.as_ref().map_or(Vec::new(), |s| {
        s.weekly()
            .iter()
            .enumerate()
            .map(|(w, row)| [w as f64 + 1.0, row[k]])
            .collect()
    })
}

fn chart(
    ui: &mut egui::Ui,
    g: &Game,
    id: &str,
    title: &str,
    unit_key: &str,
    lines: Vec<(String, Vec<[f64; 2]>, Color32)>,
    reference: Option<(String, f64)>,
) {
    let heading = ui.label(RichText::new(title).strong());
    // A chart of one KPI explains it on hover, as the tables do.
    let language = g.prefs.language;
    if let Some(k) = Kpi::ALL.into_iter().find(|k| k.label(language) == title) {
        heading.on_hover_text(kpi_tooltip(k, language));
    }
    let marks = lever_weeks(g);
    // A legend for a few lines; the culture chart's seven are named below it instead.
    let several = (2..=3).contains(&lines.len());
    let mut plot = Plot::new(id)
        .height(130.0)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .x_axis_label(g.prefs.language.t("axis.week"))
        .y_axis_label(g.prefs.language.t(unit_key))
        .include_y(0.0);
    if several {
        plot = plot.legend(Legend::default());
    }
    let shown = plot.show(ui, |p| {
        for (name, pts, colour) in lines.iter().cloned() {
            p.line(Line::new(name, pts).color(colour).width(2.0));
        }
        if let Some((name, y)) = reference {
            p.hline(HLine::new(name, y).color(theme::REFERENCE));
        }
        for w in marks {
            p.vline(VLine::new(g.prefs.language.t("chart.lever_change"), w).color(theme::MARK));
        }
    });
    // Hovering a chart reads every line at the week under the pointer.
    if let Some(pos) = shown.response.hover_pos() {
        let week = shown.transform.value_from_position(pos).x.round();
        shown
            .response
            .on_hover_ui_at_pointer(|ui| week_readout(ui, g, unit_key, week, &lines));
    }
}

/// The value of each line at `week`, in its colour, as the hover over a chart shows it.
fn week_readout(
    ui: &mut egui::Ui,
    g: &Game,
    unit_key: &str,
    week: f64,
    lines: &[(String, Vec<[f64; 2]>, Color32)],
) {
    let language = g.prefs.language;
    ui.label(RichText::new(format!("{} {week}", language.t("axis.week"))).strong());
    for (text, colour) in week_values(language, unit_key, week, lines) {
        ui.label(RichText::new(text).color(colour));
    }
}

/// `■ name: value` of each line that has a point at `week`, the value written for the
/// chart's unit in `language`.
fn week_values(
    language: Language,
    unit_key: &str,
    week: f64,
    lines: &[(String, Vec<[f64; 2]>, Color32)],
) -> Vec<(String, Color32)> {
    lines
        .iter()
        .filter_map(|(name, pts, colour)| {
            let value = pts.iter().find(|p| p[0] == week)?[1];
            let text = match unit_key {
                "unit.share" => language.percent(value),
                "unit.index" => language.number(value, 2),
                "unit.hours" | "unit.days" => language.number(value, 1),
                _ => language.number(value, 0),
            };
            Some((format!("■ {name}: {text}"), *colour))
        })
        .collect()
}

fn funnel_charts(ui: &mut egui::Ui, g: &mut Game) {
    let series = |k: Kpi| {
        (
            k.label(g.prefs.language).to_owned(),
            weekly_series(g, k),
            theme::SERIES[0],
        )
    };
    chart(
        ui,
        g,
        "projects",
        Kpi::NewProjects.label(g.prefs.language),
        "unit.per_week",
        vec![series(Kpi::NewProjects)],
        None,
    );
    chart(
        ui,
        g,
        "transmissible",
        Kpi::TransmissibleRatio.label(g.prefs.language),
        "unit.share",
        vec![series(Kpi::TransmissibleRatio)],
        None,
    );
    // Bookings to date against the quota's straight line.
    let (cum, quota) = g.play.session.as_ref().map_or((Vec::new(), 0.0), |s| {
        let mut total = 0.0;
        let pts = s
            .weekly()
            .iter()
            .enumerate()
            .map(|(w, row)| {
                total += row[Kpi::Bookings];
                [w as f64 + 1.0, total]
            })
            .collect();
        (pts, s.scenario.quota)
    });
    let weeks = calendar::weeks(g.play.session.as_ref().map_or(250, |s| s.scenario.days));
    let fiscal_weeks = calendar::weeks(
        g.play
            .session
            .as_ref()
            .map_or(250, |s| s.scenario.fiscal_year_days),
    );
    let quota_line: Vec<[f64; 2]> = (0..=weeks as usize)
        .map(|w| [w as f64, quota * w as f64 / fiscal_weeks])
        .collect();
    chart(
        ui,
        g,
        "bookings",
        g.prefs.language.t("chart.bookings_vs_quota"),
        "unit.money",
        vec![
            (
                Kpi::Bookings.label(g.prefs.language).to_owned(),
                cum,
                theme::SERIES[0],
            ),
            (
                g.prefs.language.t("chart.quota").to_owned(),
                quota_line,
                theme::REFERENCE,
            ),
        ],
        None,
    );
    chart(
        ui,
        g,
        "win",
        Kpi::WinRate.label(g.prefs.language),
        "unit.share",
        vec![series(Kpi::WinRate)],
        None,
    );
    let second = |k: Kpi| {
        (
            k.label(g.prefs.language).to_owned(),
            weekly_series(g, k),
            theme::SERIES[1],
        )
    };
    // Response times: the lead's first touch, and the pickup after a handoff.
    chart(
        ui,
        g,
        "speed",
        Kpi::SpeedToLeadHours.label(g.prefs.language),
        "unit.hours",
        vec![
            series(Kpi::SpeedToLeadHours),
            second(Kpi::HandoffResponseHours),
        ],
        None,
    );
    chart(
        ui,
        g,
        "unanswered",
        Kpi::UnansweredShare.label(g.prefs.language),
        "unit.share",
        vec![series(Kpi::UnansweredShare)],
        None,
    );
    // The cycle's spread: its mean and the length nine won deals in ten stay under.
    chart(
        ui,
        g,
        "cycle",
        Kpi::CycleDays.label(g.prefs.language),
        "unit.days",
        vec![series(Kpi::CycleDays), second(Kpi::CycleDaysP90)],
        None,
    );
    chart(
        ui,
        g,
        "selling",
        Kpi::SellingTimeRatio.label(g.prefs.language),
        "unit.share",
        vec![series(Kpi::SellingTimeRatio)],
        None,
    );
    chart(
        ui,
        g,
        "leakage",
        Kpi::Leakage.label(g.prefs.language),
        "unit.share",
        vec![series(Kpi::Leakage)],
        None,
    );
    chart(
        ui,
        g,
        "cpd",
        Kpi::CostPerDeal.label(g.prefs.language),
        "unit.money",
        vec![series(Kpi::CostPerDeal)],
        None,
    );
}

fn culture_charts(ui: &mut egui::Ui, g: &mut Game) {
    let lines: Vec<_> = (0..7)
        .map(|i| {
            let k = Kpi::CULTURE[i];
            (
                k.label(g.prefs.language).to_owned(),
                weekly_series(g, k),
                theme::SERIES[i],
            )
        })
        .collect();
    chart(
        ui,
        g,
        "culture",
        g.prefs.language.t("chart.culture"),
        "unit.index",
        lines,
        None,
    );
    ui.label(RichText::new(g.prefs.language.t("chart.culture_now")).strong());
    let now = g
        .play
        .session
        .as_ref()
        .map_or(Indices::default().values(), |s| {
            let r = s.report();
            std::array::from_fn(|i| r.kpis[Kpi::CULTURE[i]])
        });
    let bars: Vec<Bar> = now
        .iter()
        .enumerate()
        .map(|(i, v)| {
            Bar::new(i as f64, *v)
                .name(Kpi::CULTURE[i].label(g.prefs.language))
                .fill(theme::SERIES[i])
        })
        .collect();
    Plot::new("culture-bars")
        .height(160.0)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .include_y(0.0)
        .include_y(1.0)
        .y_axis_label(g.prefs.language.t("unit.index"))
        .show(ui, |p| {
            p.bar_chart(BarChart::new(g.prefs.language.t("chart.culture_now"), bars))
        });
    for (i, value) in now.iter().enumerate() {
        ui.label(
            RichText::new(format!(
                "■ {} {value:.2}",
                Kpi::CULTURE[i].label(g.prefs.language),
            ))
            .color(theme::SERIES[i]),
        );
    }
}

fn scorecard(ui: &mut egui::Ui, g: &mut Game) {
    chart(
        ui,
        g,
        "scorecard",
        Kpi::Scorecard.label(g.prefs.language),
        "unit.index",
        vec![(
            Kpi::Scorecard.label(g.prefs.language).to_owned(),
            weekly_series(g, Kpi::Scorecard),
            theme::SERIES[0],
        )],
        None,
    );
    let Some(s) = &g.play.session else { return };
    let r = s.report();
    egui::Grid::new("kpi-table")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for k in Kpi::ALL {
                ui.label(k.label(g.prefs.language))
                    .on_hover_text(kpi_tooltip(k, g.prefs.language));
                ui.label(k.format(r.kpis[k], g.prefs.language));
                ui.label(RichText::new(k.unit_label(g.prefs.language)).small());
                ui.end_row();
            }
        });
}

fn whatif_panel(ui: &mut egui::Ui, g: &mut Game) {
    ui.label(g.prefs.language.t("whatif.hint"));
    for (i, alt) in g.whatif.alternatives.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.checkbox(
                &mut alt.enabled,
                format!("{} {}", g.prefs.language.t("whatif.alternative"), i + 1),
            );
            let text = alt
                .split
                .map_or(g.prefs.language.t("whatif.current_owners"), |p| {
                    g.prefs.language.t(split_key(p))
                })
                .to_owned();
            egui::ComboBox::from_id_salt(("alt-split", i))
                .selected_text(text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(
                        &mut alt.split,
                        None,
                        g.prefs.language.t("whatif.current_owners"),
                    );
                    for p in Preset::ALL {
                        ui.selectable_value(
                            &mut alt.split,
                            Some(p),
                            g.prefs.language.t(split_key(p)),
                        );
                    }
                });
        });
        ui.horizontal(|ui| {
            ui.label(g.prefs.language.t("whatif.set"));
            ui.add(
                egui::TextEdit::singleline(&mut alt.set).hint_text("culture.levers.shared_kpis=1"),
            );
        });
    }
    if ui
        .button(g.prefs.language.t("whatif.four_splits"))
        .clicked()
    {
        g.four_splits();
    }
    if let Some(results) = g.whatif.job.as_mut().and_then(WhatIf::poll) {
        g.whatif.result = Some(results);
        g.whatif.job = None;
    }
    let running = g.whatif.job.is_some();
    if ui
        .add_enabled(
            !running,
            egui::Button::new(format!(
                "{} ({} × {})",
                g.prefs.language.t("whatif.run"),
                whatif::RUNS,
                g.prefs.language.t("whatif.seeds")
            )),
        )
        .clicked()
    {
        g.start_whatif();
    }
    if let Some(w) = &g.whatif.job {
        ui.add(egui::ProgressBar::new(w.progress()).show_percentage());
        ui.ctx().request_repaint();
    }
    let Some(results) = g.whatif.result.clone() else {
        return;
    };
    ui.separator();
    ui.horizontal(|ui| {
        ui.label(g.prefs.language.t("whatif.kpi"));
        egui::ComboBox::from_id_salt("whatif-kpi")
            .selected_text(g.whatif.kpi.label(g.prefs.language).to_owned())
            .show_ui(ui, |ui| {
                for k in Kpi::ALL {
                    ui.selectable_value(&mut g.whatif.kpi, k, k.label(g.prefs.language));
                }
            });
    });
    let k = g.whatif.kpi;
    let boxes: Vec<BoxElem> = results
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let s = v.stats[k];
            BoxElem::new(i as f64, BoxSpread::new(s.p05, s.p05, s.p50, s.p95, s.p95))
                .name(&v.label)
                .fill(theme::SERIES[i].gamma_multiply(0.5))
                .stroke(egui::Stroke::new(2.0, theme::SERIES[i]))
        })
        .collect();
    Plot::new("whatif-bands")
        .height(180.0)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .y_axis_label(format!(
            "{} ({})",
            k.label(g.prefs.language),
            k.unit_label(g.prefs.language)
        ))
        .x_axis_label(g.prefs.language.t("whatif.band"))
        .show(ui, |p| {
            p.box_plot(BoxPlot::new(g.prefs.language.t("whatif.band"), boxes))
        });
    for (i, v) in results.iter().enumerate() {
        ui.label(RichText::new(format!("{} {}", i, v.label)).color(theme::SERIES[i]));
    }
    ui.separator();
    ui.label(RichText::new(g.prefs.language.t("whatif.differences")).strong());
    egui::Grid::new("whatif-table")
        .striped(true)
        .show(ui, |ui| {
            ui.label("");
            for v in &results {
                ui.label(RichText::new(&v.label).strong());
            }
            ui.end_row();
            for k in [
                Kpi::NewProjects,
                Kpi::TransmissibleRatio,
                Kpi::SignedContracts,
                Kpi::Bookings,
                Kpi::WinRate,
                Kpi::Leakage,
                Kpi::SpeedToLeadHours,
                Kpi::CostPerDeal,
                Kpi::RelationshipQuality,
                Kpi::CommonLanguage,
                Kpi::Scorecard,
            ] {
                ui.label(k.label(g.prefs.language))
                    .on_hover_text(kpi_tooltip(k, g.prefs.language));
                for v in &results {
                    let mean = k.format(v.stats[k].mean, g.prefs.language);
                    let text = match v.diff[k] {
                        None => mean,
                        Some(d) => format!(
                            "{mean}  Δ{:+.3} [{:+.3}, {:+.3}]{}",
                            d.mean,
                            d.low,
                            d.high,
                            if d.significant() { " *" } else { "" }
                        ),
                    };
                    ui.label(text);
                }
                ui.end_row();
            }
        });
    ui.label(RichText::new(g.prefs.language.t("whatif.legend")).small());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_hover_reads_every_line_at_the_week_in_the_readers_language() {
        let lines = vec![
            (
                "Engagement".to_owned(),
                vec![[1.0, 0.5], [2.0, 0.456]],
                theme::SERIES[0],
            ),
            (
                "Valorisation".to_owned(),
                vec![[1.0, 0.4]],
                theme::SERIES[1],
            ),
        ];
        let at_two = week_values(Language::French, "unit.index", 2.0, &lines);
        assert_eq!(
            at_two,
            vec![("■ Engagement: 0,46".to_owned(), theme::SERIES[0])]
        );
        let at_one = week_values(Language::English, "unit.share", 1.0, &lines);
        let texts: Vec<&str> = at_one.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["■ Engagement: 50 %", "■ Valorisation: 40 %"]);
        let french = week_values(Language::French, "unit.share", 1.0, &lines);
        assert_eq!(french[0].0, "■ Engagement: 50\u{202f}%");
    }
}

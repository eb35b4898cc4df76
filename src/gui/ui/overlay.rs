//! Over the Bevy funnel: lane titles and counts, the people strip, the person card and the
//! opportunity hover card.

use super::*;

/// The text of `key`, or of `short` when it is wider than `width` (narrow lanes on a small
/// screen would otherwise break words in the middle).
fn fitting(
    painter: &egui::Painter,
    language: Language,
    key: &str,
    short: &str,
    width: f32,
) -> String {
    let full = language.t(key).to_owned();
    let font = egui::FontId::proportional(11.0);
    let wide = painter
        .layout_no_wrap(full.clone(), font, egui::Color32::WHITE)
        .size()
        .x;
    if wide <= width {
        full
    } else {
        language.t(short).to_owned()
    }
}

/// The font size, at most `size`, at which the widest word of `text` fits `width`: a narrow
/// lane (a projector's 1280 pixels, a large text size) gets smaller text rather than words
/// broken in the middle. Never below 6 points.
fn word_fitting_size(painter: &egui::Painter, text: &str, width: f32, size: f32) -> f32 {
    // Words as the layout breaks them: at ASCII spaces, not at the no-break spaces inside
    // French numbers (`3 508`).
    let widest = text
        .split_ascii_whitespace()
        .map(|word| {
            painter
                .layout_no_wrap(
                    word.to_owned(),
                    egui::FontId::proportional(size),
                    egui::Color32::WHITE,
                )
                .size()
                .x
        })
        .fold(0.0, f32::max);
    if widest > width {
        // A little under the exact fit: the layout rounds glyph positions.
        (size * 0.95 * width / widest).max(6.0)
    } else {
        size
    }
}

/// What moves in the two lanes before a project exists: in Preparation, a dot for each role
/// that took part in the quarter's preparation; in Prospection, today's touches by role (a
/// bar each, in the role's colour) and, at the lane's foot, the nurture reservoir, filled in
/// proportion to the most accounts nurtured so far (it drains as needs emerge).
fn upstream_marks(
    painter: &egui::Painter,
    layout: &crate::gui::layout::Layout,
    u: &crate::session::Upstream,
    nurture_peak: usize,
    shrink: f32,
) {
    let prep = layout.lane(Stage::Preparation.index());
    let dot = 5.0 * shrink.max(0.6);
    for (i, role) in Role::ALL
        .into_iter()
        .enumerate()
        .filter(|(i, _)| u.preparation_roles[*i])
    {
        let centre = egui::pos2(
            prep.left() + dot + 2.0 + i as f32 * (2.0 * dot + 3.0),
            prep.top() + prep.height() * 0.3,
        );
        painter.circle_filled(centre, dot, theme::role_colour(role));
    }
    let lane = layout.lane(Stage::Prospection.index());
    let total: u64 = u.touches_today.iter().sum();
    let bar_height = 6.0 * shrink.max(0.6);
    for (i, role) in Role::ALL.into_iter().enumerate() {
        let share = u.touches_today[i] as f32 / total.max(1) as f32;
        if share > 0.0 {
            let top = lane.top() + lane.height() * 0.3 + i as f32 * (bar_height + 2.0);
            let bar = egui::Rect::from_min_size(
                egui::pos2(lane.left() + 2.0, top),
                egui::vec2((lane.width() - 4.0) * share, bar_height),
            );
            painter.rect_filled(bar, 1.0, theme::role_colour(role));
        }
    }
    if nurture_peak > 0 {
        let level = u.nurtured as f32 / nurture_peak as f32;
        let height = lane.height() * 0.35 * level;
        let reservoir = egui::Rect::from_min_max(
            egui::pos2(lane.left() + 2.0, lane.bottom() - height),
            egui::pos2(lane.right() - 2.0, lane.bottom()),
        );
        painter.rect_filled(
            reservoir,
            2.0,
            theme::band_colour(crate::gui::layout::BANDS - 1).gamma_multiply(0.6),
        );
    }
}

/// Where the owner changes from one stage to the next, a handoff: a dashed line on the lanes'
/// boundary that items cross (and where leaks drop out).
fn owner_boundaries(
    painter: &egui::Painter,
    layout: &crate::gui::layout::Layout,
    owners: &crate::model::stage::StageOwners,
) {
    for pair in Stage::ALL.windows(2) {
        if owners.of(pair[0]) == owners.of(pair[1]) {
            continue;
        }
        let (left, right) = (layout.lane(pair[0].index()), layout.lane(pair[1].index()));
        let x = (left.right() + right.left()) / 2.0;
        painter.add(egui::Shape::dashed_line(
            &[egui::pos2(x, left.top()), egui::pos2(x, left.bottom())],
            egui::Stroke::new(2.0, theme::MARK),
            6.0,
            4.0,
        ));
    }
}

/// Lane titles, counts and the people strip, over the Bevy funnel.
pub(super) fn funnel_overlay(ui: &mut egui::Ui, g: &mut Game) {
    let rect = ui.max_rect();
    g.play.funnel_rect = rect;
    let Some(upstream) = g.play.session.as_ref().map(Session::upstream) else {
        return;
    };
    g.play.nurture_peak = g.play.nurture_peak.max(upstream.nurtured);
    let nurture_peak = g.play.nurture_peak;
    let Some(s) = &mut g.play.session else { return };
    let layout = crate::gui::layout::Layout::new(rect);
    let owners = s.owners();
    let painter = ui.painter().clone();
    let text_colour = g.prefs.theme.text();
    let counts = s.stage_counts();
    let outcomes = s.outcome_counts();
    // Wrapped to the lane's width: lanes are narrow on a small screen. Above the default
    // text size the funnel's own labels keep their size on screen: the lanes do not grow
    // with the text, so larger labels would only crowd them.
    let shrink = (DEFAULT_ZOOM / g.prefs.zoom).min(1.0);
    let label = |pos: egui::Pos2, text: String, width: f32, size: f32| {
        let width = width.max(8.0);
        let size = word_fitting_size(&painter, &text, width, size * shrink);
        let galley = painter.layout(text, egui::FontId::proportional(size), text_colour, width);
        painter.galley(pos, galley, text_colour);
    };
    for st in Stage::ALL {
        let lane = layout.lane(st.index());
        let owner = owners.of(st);
        label(
            lane.left_top() + egui::vec2(2.0, -layout.title_height),
            format!(
                "{}\n{}",
                fitting(
                    &painter,
                    g.prefs.language,
                    stage_key(st),
                    stage_short_key(st),
                    lane.width() - 2.0
                ),
                fitting(
                    &painter,
                    g.prefs.language,
                    owner_key(owner),
                    owner_short_key(owner),
                    lane.width() - 2.0
                ),
            ),
            lane.width() - 2.0,
            11.0,
        );
        label(
            lane.left_top() + egui::vec2(3.0, 3.0),
            match st {
                // Before a project exists, the lanes show what feeds the funnel.
                Stage::Preparation => preparation_lane(g.prefs.language, &upstream),
                Stage::Prospection => prospection_lane(g.prefs.language, &upstream),
                _ => counts[st.index()].to_string(),
            },
            lane.width() - 4.0,
            if st < Stage::Detection { 10.0 } else { 12.0 },
        );
    }
    upstream_marks(&painter, &layout, &upstream, nurture_peak, shrink);
    owner_boundaries(&painter, &layout, &owners);
    let out = layout.outcome_column();
    label(
        out.left_top() + egui::vec2(2.0, -layout.title_height),
        g.prefs.language.t("outcome.title").to_owned(),
        out.width(),
        11.0,
    );
    for (band, key) in [
        "outcome.won",
        "outcome.disqualified",
        "outcome.handoff",
        "outcome.unanswered",
        "outcome.cold",
        "outcome.competitor",
        "outcome.no_decision",
        "outcome.nurtured",
    ]
    .iter()
    .enumerate()
    {
        let r = layout.outcome_band(band);
        let count = outcomes[band];
        label(
            r.left_top() + egui::vec2(3.0, 2.0),
            format!("{} {count}", g.prefs.language.t(key)),
            r.width() - 4.0,
            11.0,
        );
    }
    // People: one bar each, hours worked over hours available, coloured by role.
    let people = s.people();
    let strip = layout.people_strip();
    painter.text(
        strip.left_top(),
        egui::Align2::LEFT_TOP,
        g.prefs.language.t("people.title"),
        egui::FontId::proportional(12.0),
        text_colour,
    );
    let n = people.len().max(1) as f32;
    let w = ((strip.width() - 4.0) / n).clamp(2.0, 18.0);
    let top = strip.top() + 16.0;
    let h = strip.bottom() - top;
    for (i, p) in people.iter().enumerate() {
        let x = strip.left() + i as f32 * w;
        let full = egui::Rect::from_min_size(egui::pos2(x, top), egui::vec2((w - 1.0).max(1.0), h));
        painter.rect_filled(full, 1.0, theme::role_colour(p.role).gamma_multiply(0.25));
        let load = if p.available > 0.0 {
            (p.worked / p.available).clamp(0.0, 1.0)
        } else {
            0.0
        } as f32;
        let used = egui::Rect::from_min_max(
            egui::pos2(full.left(), full.bottom() - h * load),
            full.right_bottom(),
        );
        painter.rect_filled(used, 1.0, theme::role_colour(p.role));
        let response = ui.interact(full, ui.id().with(("person", i)), egui::Sense::click());
        if response.clicked() {
            g.play.selected_person = Some(p.entity);
        }
        response.on_hover_text(format!(
            "{} #{} · {:.1} / {:.1} h · {} {}",
            g.prefs.language.t(role_key(p.role)),
            p.id,
            p.worked,
            p.available,
            p.queue,
            g.prefs.language.t("people.items")
        ));
    }
}

/// The glossary: the seven stages, and the two families of indicators with each one's
/// definition, in the window's language.
/// A count as it fits a narrow lane: `3.5 k` beyond a thousand, `14 k` beyond ten thousand.
fn compact(language: Language, n: f64) -> String {
    if n >= 10_000.0 {
        format!("{} k", language.number(n / 1000.0, 0))
    } else if n >= 1_000.0 {
        format!("{} k", language.number(n / 1000.0, 1))
    } else {
        language.number(n, 0)
    }
}

/// The Preparation lane: the quarter's preparation and the targeting it gives.
fn preparation_lane(t: Language, u: &crate::session::Upstream) -> String {
    format!(
        "{} {}\n{} {}",
        t.t("lane.prep_quality"),
        t.number(u.preparation_quality, 2),
        t.t("lane.targeting"),
        Kpi::TransmissibleRatio.format(u.targeting, t)
    )
}

/// The Prospection lane: today's touches and engagements, the touchable pools, nurture.
fn prospection_lane(t: Language, u: &crate::session::Upstream) -> String {
    let touches: u64 = u.touches_today.iter().sum();
    format!(
        "{} {}\n{} {}\n{} {}\n{} {}\n{} {}",
        t.t("lane.touches"),
        compact(t, touches as f64),
        t.t("lane.engaged"),
        compact(t, u.engaged_today as f64),
        t.t("lane.touchable"),
        compact(t, u.touchable as f64),
        t.t("lane.high_fit"),
        compact(t, u.high_fit as f64),
        t.t("lane.nurtured"),
        compact(t, u.nurtured as f64)
    )
}

pub(super) fn glossary_window(ctx: &egui::Context, g: &mut Game) {
    if !g.play.glossary {
        return;
    }
    let t = g.prefs.language;
    let mut open = true;
    egui::Window::new(t.t("glossary.title"))
        .open(&mut open)
        .default_width(520.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(520.0)
                .show(ui, |ui| {
                    ui.heading(t.t("glossary.stages"));
                    for st in Stage::ALL {
                        ui.label(RichText::new(t.t(stage_key(st))).strong());
                        ui.label(t.t(stage_gloss_key(st)));
                    }
                    for (family, heading, text) in [
                        (
                            crate::kpi::Family::Quantitative,
                            "glossary.quantitative",
                            "glossary.quantitative_text",
                        ),
                        (
                            crate::kpi::Family::Qualitative,
                            "glossary.qualitative",
                            "glossary.qualitative_text",
                        ),
                        (
                            crate::kpi::Family::Scorecard,
                            "glossary.scorecard",
                            "glossary.scorecard_text",
                        ),
                    ] {
                        ui.separator();
                        ui.heading(t.t(heading));
                        ui.label(t.t(text));
                        for k in Kpi::ALL.into_iter().filter(|k| k.family() == family) {
                            ui.label(RichText::new(k.label(t)).strong())
                                .on_hover_text(kpi_tooltip(k, t));
                            ui.label(RichText::new(k.definition(t)).small());
                        }
                    }
                });
        });
    if !open {
        g.play.glossary = false;
    }
}

pub(super) fn person_window(ctx: &egui::Context, g: &mut Game) {
    let Some(e) = g.play.selected_person else {
        return;
    };
    let Some(s) = &mut g.play.session else { return };
    let Some(p) = s.people().into_iter().find(|p| p.entity == e) else {
        g.play.selected_person = None;
        return;
    };
    let mut open = true;
    egui::Window::new(format!(
        "{} #{}",
        g.prefs.language.t(role_key(p.role)),
        p.id
    ))
    .open(&mut open)
    .show(ctx, |ui| {
        ui.label(format!(
            "{}: {:.1} / {:.1} h · {}: {}",
            g.prefs.language.t("people.today"),
            p.worked,
            p.available,
            g.prefs.language.t("people.queue"),
            p.queue
        ));
        ui.label(RichText::new(g.prefs.language.t("people.week_hours")).strong());
        let bars: Vec<Bar> = Stage::ALL
            .iter()
            .map(|st| {
                Bar::new(st.index() as f64, p.week_hours[st.index()])
                    .name(g.prefs.language.t(stage_key(*st)))
            })
            .collect();
        Plot::new("person-hours")
            .height(120.0)
            .width(420.0)
            .allow_scroll(false)
            .allow_zoom(false)
            .allow_drag(false)
            .include_y(0.0)
            .y_axis_label(g.prefs.language.t("unit.hours"))
            .show(ui, |pl| {
                pl.bar_chart(
                    BarChart::new(g.prefs.language.t("people.week_hours"), bars)
                        .color(theme::role_colour(p.role)),
                )
            });
        // The bars in words: stage names do not fit under them.
        let worked: Vec<String> = Stage::ALL
            .iter()
            .filter(|st| p.week_hours[st.index()] > 0.0)
            .map(|st| {
                format!(
                    "{} {:.1} h",
                    g.prefs.language.t(stage_key(*st)),
                    p.week_hours[st.index()]
                )
            })
            .collect();
        ui.label(RichText::new(worked.join(" · ")).small());
        ui.label(RichText::new(g.prefs.language.t("people.culture")).strong());
        for (k, v) in [
            (Kpi::Engagement, p.engagement),
            (Kpi::Valorization, p.valorization),
        ] {
            ui.add(
                egui::ProgressBar::new(v as f32)
                    .text(format!("{} {v:.2}", k.label(g.prefs.language))),
            );
        }
        ui.label(RichText::new(g.prefs.language.t("people.skills")).strong());
        for (key, v) in [
            ("people.qualify", p.skills.qualify),
            ("people.demo", p.skills.demo),
            ("people.negotiate", p.skills.negotiate),
            ("people.close", p.skills.close),
        ] {
            ui.add(
                egui::ProgressBar::new(v as f32)
                    .text(format!("{} {v:.2}", g.prefs.language.t(key))),
            );
        }
    });
    if !open {
        g.play.selected_person = None;
    }
}

pub(super) fn hover_tooltip(ctx: &egui::Context, g: &Game) {
    let (Some(d), Some(pos)) = (&g.play.hover, ctx.pointer_hover_pos()) else {
        return;
    };
    let t = g.prefs.language;
    egui::Area::new(egui::Id::new("opportunity-tooltip"))
        .order(egui::Order::Tooltip)
        .fixed_pos(pos + egui::vec2(14.0, 14.0))
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(RichText::new(format!("{} #{}", t.t("hover.opportunity"), d.id)).strong());
                ui.label(format!("{}: {}", t.t("hover.segment"), d.segment));
                ui.label(format!(
                    "{}: {}",
                    t.t("hover.value"),
                    g.prefs.language.number(d.value, 0)
                ));
                ui.label(format!("{}: {:.2}", t.t("hover.fit"), d.fit));
                ui.label(format!(
                    "{}: {} · {} {}",
                    t.t(stage_key(d.stage)),
                    t.t(role_key(d.owner)),
                    d.stage_age,
                    t.t("hover.days")
                ));
                ui.label(format!("{}: {:.2}", t.t("hover.info"), d.info));
                ui.label(format!(
                    "{}: {:.2}",
                    t.t("hover.relationship"),
                    d.relationship
                ));
            });
        });
}

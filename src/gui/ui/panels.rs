//! The controls bar and the lever panel.

use super::*;

pub(super) fn controls(ui: &mut egui::Ui, g: &mut Game) {
    language_picker(ui, g);
    // Wrapped: on a projector's 1280 pixels, the export buttons go to a second line rather
    // than off the screen.
    ui.horizontal_wrapped(|ui| {
        let (day, days, finished) = g
            .play
            .session
            .as_ref()
            .map_or((0, 0, true), |s| (s.day(), s.scenario.days, s.finished()));
        let play_key = if g.play.playing {
            "ctl.pause"
        } else {
            "ctl.play"
        };
        if ui
            .add_enabled(!finished, egui::Button::new(g.prefs.language.t(play_key)))
            .clicked()
        {
            g.play.playing = !g.play.playing;
        }
        if ui
            .add_enabled(
                !finished,
                egui::Button::new(g.prefs.language.t("ctl.step_day")),
            )
            .clicked()
        {
            g.step_days(1);
        }
        if ui
            .add_enabled(
                !finished,
                egui::Button::new(g.prefs.language.t("ctl.step_week")),
            )
            .clicked()
        {
            g.step_days(crate::model::calendar::DAYS_PER_WEEK);
        }
        ui.label(g.prefs.language.t("ctl.speed"));
        ui.add(
            egui::Slider::new(&mut g.play.speed, 1.0..=50.0)
                .logarithmic(true)
                .suffix(format!(" {}", g.prefs.language.t("ctl.days_per_second"))),
        );
        ui.separator();
        let seed = g.play.session.as_ref().map_or(1, |s| s.seed);
        if ui.button(g.prefs.language.t("ctl.restart")).clicked() {
            g.restart(seed);
        }
        if ui.button(g.prefs.language.t("ctl.new_seed")).clicked() {
            g.restart(seed.wrapping_add(1));
        }
        if ui.button(g.prefs.language.t("ctl.menu")).clicked() {
            g.play.playing = false;
            *g.screen = Screen::Start;
        }
        ui.separator();
        ui.label(
            RichText::new(format!(
                "{} {day} / {days} · {} {seed}",
                g.prefs.language.t("ctl.day"),
                g.prefs.language.t("ctl.seed")
            ))
            .strong(),
        );
        ui.separator();
        if ui.button(g.prefs.language.t("export.charts")).clicked() {
            g.export_charts();
        }
        if ui.button(g.prefs.language.t("export.kpis")).clicked() {
            g.export_kpis();
        }
        if ui
            .button("?")
            .on_hover_text(g.prefs.language.t("glossary.title"))
            .clicked()
        {
            g.play.glossary = !g.play.glossary;
        }
        if ui.button(g.prefs.language.t("ctl.tour")).clicked() {
            super::tour::start(g.play);
        }
    });
    if let Some(m) = &g.play.message {
        ui.label(RichText::new(m).small());
    }
}

pub(super) fn levers(ui: &mut egui::Ui, g: &mut Game) {
    let Some(session) = &g.play.session else {
        return;
    };
    let live = session.levers();
    let mut draft = g.play.draft.clone().unwrap_or_else(|| live.clone());
    let t = g.prefs.language;
    ui.heading(t.t("levers.title"));
    ui.label(RichText::new(t.t("levers.hint")).small());
    ui.separator();
    ui.label(RichText::new(t.t("levers.owners")).strong());
    ui.horizontal_wrapped(|ui| {
        for p in Preset::ALL {
            if ui.small_button(t.t(split_key(p))).clicked() {
                draft.owners = p.owners();
            }
        }
    });
    egui::Grid::new("owners").num_columns(2).show(ui, |ui| {
        for s in Stage::ALL {
            ui.label(t.t(stage_key(s)));
            let current = draft.owners.0[s.index()];
            egui::ComboBox::from_id_salt(("owner", s.index()))
                .selected_text(t.t(owner_key(current)))
                .show_ui(ui, |ui| {
                    for o in [Owner::Sales, Owner::Marketing, Owner::Sdr, Owner::Shared] {
                        ui.selectable_value(&mut draft.owners.0[s.index()], o, t.t(owner_key(o)));
                    }
                });
            ui.end_row();
        }
    });
    // The other levers, group by group, as the lever table lists them.
    let mut group = Group::Owners;
    for lever in Lever::ALL {
        let spec = lever.spec();
        if spec.group == Group::Owners {
            continue;
        }
        if spec.group != group {
            group = spec.group;
            ui.separator();
            ui.label(RichText::new(t.t(group_key(group))).strong());
        }
        let edited = lever_widget(ui, t, &draft.get(lever), spec.typical);
        // Widgets only produce settings of their own lever's kind.
        draft.set(&edited).unwrap_or_default();
    }
    ui.separator();
    let changed = draft != live;
    let (apply, discard) = (
        t.t("levers.apply").to_owned(),
        t.t("levers.discard").to_owned(),
    );
    ui.horizontal(|ui| {
        if ui.add_enabled(changed, egui::Button::new(apply)).clicked() {
            g.play.draft = Some(draft.clone());
            g.apply_draft();
        } else if ui
            .add_enabled(changed, egui::Button::new(discard))
            .clicked()
        {
            g.play.draft = None;
        } else {
            g.play.draft = changed.then_some(draft);
        }
    });
    if let Some(s) = &g.play.session
        && !s.applied.is_empty()
    {
        ui.separator();
        ui.label(RichText::new(g.prefs.language.t("levers.history")).strong());
        for (day, lever) in s.applied.iter().rev().take(8) {
            ui.label(
                RichText::new(format!(
                    "{} {day}: {}",
                    g.prefs.language.t("ctl.day"),
                    lever_text(lever)
                ))
                .small(),
            );
        }
    }
}

fn group_key(group: Group) -> &'static str {
    match group {
        Group::Owners => "levers.owners",
        Group::Headcount => "levers.headcount",
        Group::Policies => "levers.policies",
        Group::Culture => "levers.culture",
    }
}

/// The widget of one lever: a whole-number field for a headcount, a slider over `range` for
/// an amount (logarithmic when the range starts above zero), a check box, radio buttons for
/// the queue order, a preset menu for a split. Returns the setting as edited.
pub(super) fn lever_widget(
    ui: &mut egui::Ui,
    t: Language,
    setting: &Setting,
    range: (f64, f64),
) -> Setting {
    let lever = setting.lever();
    let label = lever.label(t);
    let value = match setting.value().clone() {
        Value::Count(mut n) => {
            ui.horizontal(|ui| {
                ui.add(egui::DragValue::new(&mut n).range(range.0 as i64..=range.1 as i64));
                ui.label(label);
            });
            Value::Count(n)
        }
        Value::Amount(mut x) => {
            // The label wraps below the slider when the panel is narrow (French labels are
            // long; a projector is 1280 pixels wide).
            ui.horizontal_wrapped(|ui| {
                let slider =
                    egui::Slider::new(&mut x, range.0..=range.1).logarithmic(range.0 > 0.0);
                ui.add(slider).on_hover_text(label);
                ui.label(label);
            });
            Value::Amount(x)
        }
        Value::Switch(mut on) => {
            ui.checkbox(&mut on, label);
            Value::Switch(on)
        }
        Value::Order(mut p) => {
            ui.horizontal_wrapped(|ui| {
                ui.radio_value(
                    &mut p,
                    Priority::LatestStageFirst,
                    t.t("levers.latest_stage_first"),
                );
                ui.radio_value(
                    &mut p,
                    Priority::NewLeadsFirst,
                    t.t("levers.new_leads_first"),
                );
            });
            Value::Order(p)
        }
        Value::Split(split) => {
            let mut preset = Preset::ALL
                .into_iter()
                .find(|p| split.owners().is_some_and(|o| o == p.owners()));
            egui::ComboBox::from_id_salt(lever.name())
                .selected_text(preset.map_or("custom", |p| t.t(split_key(p))))
                .show_ui(ui, |ui| {
                    for p in Preset::ALL {
                        ui.selectable_value(&mut preset, Some(p), t.t(split_key(p)));
                    }
                });
            Value::Split(preset.map_or(split, |p| scenario::Split::of_owners(&p.owners())))
        }
    };
    Setting::new(lever, value).unwrap_or_else(|| setting.clone())
}

fn lever_text(change: &EventChange) -> String {
    match change {
        EventChange::Set(s) => match s.value() {
            Value::Split(split) => match split.owners() {
                Some(o) => {
                    o.0.iter()
                        .map(|x| format!("{x:?}"))
                        .collect::<Vec<_>>()
                        .join("/")
                }
                None => split.name().into(),
            },
            _ => crate::challenge::decision_label(s),
        },
        other => format!("{other:?}"),
    }
}

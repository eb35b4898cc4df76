//! The controls bar and the lever panel.

use super::*;

pub(super) fn controls(ui: &mut egui::Ui, g: &mut Game) {
    language_picker(ui, g);
    ui.horizontal(|ui| {
        let (day, days, finished) = g
            .session
            .as_ref()
            .map_or((0, 0, true), |s| (s.day(), s.scenario.days, s.finished()));
        let play_key = if g.playing { "ctl.pause" } else { "ctl.play" };
        if ui
            .add_enabled(!finished, egui::Button::new(g.strings.t(play_key)))
            .clicked()
        {
            g.playing = !g.playing;
        }
        if ui
            .add_enabled(!finished, egui::Button::new(g.strings.t("ctl.step_day")))
            .clicked()
        {
            g.step_days(1);
        }
        if ui
            .add_enabled(!finished, egui::Button::new(g.strings.t("ctl.step_week")))
            .clicked()
        {
            g.step_days(crate::model::calendar::DAYS_PER_WEEK);
        }
        ui.label(g.strings.t("ctl.speed"));
        ui.add(
            egui::Slider::new(&mut g.speed, 1.0..=50.0)
                .logarithmic(true)
                .suffix(format!(" {}", g.strings.t("ctl.days_per_second"))),
        );
        ui.separator();
        let seed = g.session.as_ref().map_or(1, |s| s.seed);
        if ui.button(g.strings.t("ctl.restart")).clicked() {
            g.restart(seed);
        }
        if ui.button(g.strings.t("ctl.new_seed")).clicked() {
            g.restart(seed.wrapping_add(1));
        }
        if ui.button(g.strings.t("ctl.menu")).clicked() {
            g.playing = false;
            g.screen = Screen::Start;
        }
        ui.separator();
        ui.label(
            RichText::new(format!(
                "{} {day} / {days} · {} {seed}",
                g.strings.t("ctl.day"),
                g.strings.t("ctl.seed")
            ))
            .strong(),
        );
        ui.separator();
        if ui.button(g.strings.t("export.charts")).clicked() {
            g.export_charts();
        }
        if ui.button(g.strings.t("export.kpis")).clicked() {
            g.export_kpis();
        }
    });
    if let Some(m) = &g.message {
        ui.label(RichText::new(m).small());
    }
}

pub(super) fn levers(ui: &mut egui::Ui, g: &mut Game) {
    let Some(session) = &g.session else { return };
    let live = session.levers();
    let mut draft = g.draft.clone().unwrap_or_else(|| live.clone());
    let t = &g.strings;
    ui.heading(t.t("levers.title"));
    ui.label(RichText::new(t.t("levers.hint")).small());
    ui.separator();
    ui.label(RichText::new(t.t("levers.owners")).strong());
    ui.horizontal_wrapped(|ui| {
        for p in Preset::ALL {
            if ui.small_button(t.t(split_key(p))).clicked() {
                draft.owners = p.owners().0;
            }
        }
    });
    egui::Grid::new("owners").num_columns(2).show(ui, |ui| {
        for s in Stage::ALL {
            ui.label(t.t(stage_key(s)));
            let current = draft.owners[s.index()];
            egui::ComboBox::from_id_salt(("owner", s.index()))
                .selected_text(t.t(owner_key(current)))
                .show_ui(ui, |ui| {
                    for o in [Owner::Sales, Owner::Marketing, Owner::Sdr, Owner::Shared] {
                        ui.selectable_value(&mut draft.owners[s.index()], o, t.t(owner_key(o)));
                    }
                });
            ui.end_row();
        }
    });
    ui.separator();
    ui.label(RichText::new(t.t("levers.headcount")).strong());
    egui::Grid::new("headcount").num_columns(2).show(ui, |ui| {
        for r in Role::ALL {
            ui.label(t.t(role_key(r)));
            ui.add(egui::DragValue::new(&mut draft.headcount[r.index()]).range(0..=500));
            ui.end_row();
        }
    });
    ui.separator();
    ui.label(RichText::new(t.t("levers.policies")).strong());
    ui.add(
        egui::Slider::new(&mut draft.budget, 0.0..=50_000.0)
            .text(t.t("levers.budget"))
            .step_by(500.0),
    );
    ui.horizontal(|ui| {
        ui.radio_value(
            &mut draft.priority,
            Priority::LatestStageFirst,
            t.t("levers.latest_stage_first"),
        );
        ui.radio_value(
            &mut draft.priority,
            Priority::NewLeadsFirst,
            t.t("levers.new_leads_first"),
        );
    });
    ui.checkbox(&mut draft.nurture, t.t("levers.nurture"));
    ui.add(
        egui::Slider::new(&mut draft.max_hours_per_item, 0.05..=8.0)
            .logarithmic(true)
            .text(t.t("levers.max_hours")),
    );
    ui.separator();
    ui.label(RichText::new(t.t("levers.culture")).strong());
    let c = &mut draft.culture;
    for (key, value, max) in [
        ("levers.shared_kpis", &mut c.shared_kpis, 1.0),
        (
            "levers.joint_preparation",
            &mut c.joint_preparation_hours,
            40.0,
        ),
        ("levers.coaching", &mut c.coaching_hours_per_week, 8.0),
        ("levers.training", &mut c.training_hours_per_week, 8.0),
        ("levers.recognition", &mut c.recognition_programme, 1.0),
        ("levers.team_incentives", &mut c.team_incentive_share, 1.0),
        ("levers.crm_discipline", &mut c.crm_discipline, 1.0),
        ("levers.change_support", &mut c.change_support, 1.0),
    ] {
        ui.add(egui::Slider::new(value, 0.0..=max).text(t.t(key)));
    }
    ui.separator();
    let changed = draft != live;
    let (apply, discard) = (
        t.t("levers.apply").to_owned(),
        t.t("levers.discard").to_owned(),
    );
    ui.horizontal(|ui| {
        if ui.add_enabled(changed, egui::Button::new(apply)).clicked() {
            g.draft = Some(draft.clone());
            g.apply_draft();
        } else if ui
            .add_enabled(changed, egui::Button::new(discard))
            .clicked()
        {
            g.draft = None;
        } else {
            g.draft = changed.then_some(draft);
        }
    });
    if let Some(s) = &g.session
        && !s.applied.is_empty()
    {
        ui.separator();
        ui.label(RichText::new(g.strings.t("levers.history")).strong());
        for (day, lever) in s.applied.iter().rev().take(8) {
            ui.label(
                RichText::new(format!(
                    "{} {day}: {}",
                    g.strings.t("ctl.day"),
                    lever_text(lever)
                ))
                .small(),
            );
        }
    }
}

fn lever_text(lever: &scenario::Lever) -> String {
    match lever {
        scenario::Lever::Split(s) => match s.owners() {
            Some(o) => {
                o.0.iter()
                    .map(|x| format!("{x:?}"))
                    .collect::<Vec<_>>()
                    .join("/")
            }
            None => s.name().into(),
        },
        other => format!("{other:?}"),
    }
}

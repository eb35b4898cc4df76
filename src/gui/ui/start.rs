//! The start screen: scenario, split, seed, language.

use super::*;

pub(super) fn start_screen(ui: &mut egui::Ui, g: &mut Game) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(24.0);
            ui.heading(RichText::new(g.prefs.language.t("app.title")).size(32.0));
            ui.label(g.prefs.language.t("app.tagline"));
            ui.add_space(16.0);
        });
        language_picker(ui, g);
        ui.separator();
        ui.label(RichText::new(g.prefs.language.t("start.scenario")).strong());
        let files = g.start.scenarios.clone();
        for f in &files {
            let text = f.display().to_string();
            let name = f
                .file_name()
                .map_or(text.clone(), |n| n.to_string_lossy().into_owned());
            ui.radio_value(&mut g.start.path, text, name);
        }
        ui.horizontal(|ui| {
            ui.label(g.prefs.language.t("start.path"));
            ui.text_edit_singleline(&mut g.start.path);
        });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            ui.label(g.prefs.language.t("start.split"));
            let current = g
                .start
                .split
                .map_or(g.prefs.language.t("start.split_scenario"), |p| {
                    g.prefs.language.t(split_key(p))
                })
                .to_owned();
            egui::ComboBox::from_id_salt("start-split")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    ui.selectable_value(
                        &mut g.start.split,
                        None,
                        g.prefs.language.t("start.split_scenario"),
                    );
                    for p in Preset::ALL {
                        ui.selectable_value(
                            &mut g.start.split,
                            Some(p),
                            g.prefs.language.t(split_key(p)),
                        );
                    }
                });
        });
        ui.horizontal(|ui| {
            let mut own = g.start.seed.is_none();
            ui.checkbox(&mut own, g.prefs.language.t("start.seed_scenario"));
            if own {
                g.start.seed = None;
            } else {
                let mut seed = g.start.seed.unwrap_or(1);
                ui.add(egui::DragValue::new(&mut seed).range(0..=u64::MAX / 2));
                g.start.seed = Some(seed);
            }
        });
        ui.add_space(12.0);
        if ui
            .button(RichText::new(g.prefs.language.t("start.go")).size(22.0))
            .clicked()
        {
            g.start_game();
        }
        ui.separator();
        challenges(ui, g);
        if let Some(e) = &g.start.error {
            ui.colored_label(theme::ERROR, e);
        }
    });
}

/// The shipped challenges, a team name, and resuming a saved game.
fn challenges(ui: &mut egui::Ui, g: &mut Game) {
    let lang = g.prefs.language;
    ui.label(RichText::new(g.prefs.language.t("start.challenges")).strong());
    ui.horizontal(|ui| {
        ui.label(g.prefs.language.t("challenge.team"));
        ui.text_edit_singleline(&mut g.start.team);
    });
    let mut chosen = None;
    egui::Grid::new("challenges").striped(true).show(ui, |ui| {
        for (path, read) in &g.start.challenges {
            match read {
                Ok((title, lesson)) => {
                    if ui.button(title.get(lang)).clicked() {
                        chosen = Some(path.clone());
                    }
                    ui.label(RichText::new(lesson.get(lang)).small());
                }
                Err(e) => {
                    ui.label(path.display().to_string());
                    ui.colored_label(theme::ERROR, e);
                }
            }
            ui.end_row();
        }
    });
    if let Some(path) = chosen {
        g.challenges.hot_seat.clear();
        g.start_challenge(&path);
    }
    ui.horizontal(|ui| {
        ui.label(g.prefs.language.t("start.resume"));
        ui.text_edit_singleline(&mut g.start.resume);
        if ui.button(g.prefs.language.t("start.resume_go")).clicked() {
            g.resume_challenge();
        }
    });
}

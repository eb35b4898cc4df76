//! The start screen, as a game's: the challenges first, as cards (title, lesson, length, who
//! it is for), then continuing a saved game, then free play on a scenario chosen by its
//! title, with the split and the seed as options.

use super::*;

pub(super) fn start_screen(ui: &mut egui::Ui, g: &mut Game) {
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(16.0);
                ui.heading(RichText::new(g.prefs.language.t("app.title")).size(32.0));
                ui.label(g.prefs.language.t("app.tagline"));
                ui.add_space(8.0);
            });
            language_picker(ui, g);
            ui.separator();
            // A newcomer's way in: the reference company with a guided first quarter.
            if ui
                .button(RichText::new(g.prefs.language.t("start.tour")).size(18.0))
                .clicked()
            {
                g.start_game();
                if *g.screen == Screen::Play {
                    tour::start(g.play);
                }
            }
            ui.separator();
            challenges(ui, g);
            ui.separator();
            free_play(ui, g);
            if let Some(e) = &g.start.error {
                ui.colored_label(theme::ERROR, e);
            }
        });
    });
}

fn audience_key(a: crate::challenge::Audience) -> &'static str {
    match a {
        crate::challenge::Audience::Seller => "start.for_seller",
        crate::challenge::Audience::Marketer => "start.for_marketer",
        crate::challenge::Audience::Manager => "start.for_manager",
    }
}

/// The shipped challenges as cards, a team name, and continuing a saved game.
fn challenges(ui: &mut egui::Ui, g: &mut Game) {
    let lang = g.prefs.language;
    if !g.start.resume.is_empty() {
        let name = Path::new(&g.start.resume)
            .file_name()
            .map_or(g.start.resume.clone(), |n| n.to_string_lossy().into_owned());
        let text = format!("{} {name}", lang.t("start.continue"));
        if ui.button(RichText::new(text).size(18.0)).clicked() {
            g.resume_challenge();
        }
    }
    ui.label(
        RichText::new(lang.t("start.challenges"))
            .size(20.0)
            .strong(),
    );
    ui.label(RichText::new(lang.t("start.challenges_hint")).small());
    let mut chosen = None;
    // As many cards a row as the window holds (two on a projector, three or more wider).
    let spacing = ui.spacing().item_spacing.x + 16.0;
    let card_width = 300.0;
    let per_row =
        (((ui.available_width() + spacing) / (card_width + spacing)).floor() as usize).max(1);
    for row in g.start.challenges.chunks(per_row) {
        ui.horizontal_top(|ui| {
            for (path, read) in row {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(card_width);
                    ui.vertical(|ui| match read {
                        Ok(card) => {
                            let title = RichText::new(card.title.get(lang)).strong().size(16.0);
                            if ui.button(title).clicked() {
                                chosen = Some(path.clone());
                            }
                            ui.label(
                                RichText::new(format!(
                                    "{} · ≈ {} min",
                                    lang.t(audience_key(card.audience)),
                                    card.minutes
                                ))
                                .small(),
                            );
                            ui.label(card.lesson.get(lang));
                        }
                        Err(e) => {
                            ui.label(path.display().to_string());
                            ui.colored_label(theme::ERROR, e);
                        }
                    });
                });
            }
        });
    }
    ui.horizontal(|ui| {
        ui.label(lang.t("challenge.team"));
        ui.text_edit_singleline(&mut g.start.team);
    });
    if let Some(path) = chosen {
        g.challenges.hot_seat.clear();
        g.start_challenge(&path);
    }
    ui.horizontal(|ui| {
        ui.label(lang.t("start.resume"));
        ui.text_edit_singleline(&mut g.start.resume);
        if ui.button(lang.t("start.resume_go")).clicked() {
            g.resume_challenge();
        }
    });
}

/// Free play: a scenario by its title and description, or any file; the split and seed.
fn free_play(ui: &mut egui::Ui, g: &mut Game) {
    let lang = g.prefs.language;
    ui.label(RichText::new(lang.t("start.free_play")).size(20.0).strong());
    let files = g.start.scenarios.clone();
    for (f, titled) in files.iter().zip(g.start.scenario_titles.clone()) {
        let text = f.display().to_string();
        let file_name = f
            .file_name()
            .map_or(text.clone(), |n| n.to_string_lossy().into_owned());
        ui.horizontal_wrapped(|ui| match titled {
            Some((title, description)) => {
                ui.radio_value(&mut g.start.path, text, title.get(lang))
                    .on_hover_text(&file_name);
                ui.label(RichText::new(description.get(lang)).small());
            }
            None => {
                ui.radio_value(&mut g.start.path, text, file_name);
            }
        });
    }
    ui.collapsing(lang.t("start.options"), |ui| {
        ui.horizontal(|ui| {
            ui.label(lang.t("start.path"));
            ui.text_edit_singleline(&mut g.start.path);
        });
        ui.horizontal(|ui| {
            ui.label(lang.t("start.split"));
            let current = g
                .start
                .split
                .map_or(lang.t("start.split_scenario"), |p| lang.t(split_key(p)))
                .to_owned();
            egui::ComboBox::from_id_salt("start-split")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut g.start.split, None, lang.t("start.split_scenario"));
                    for p in Preset::ALL {
                        ui.selectable_value(&mut g.start.split, Some(p), lang.t(split_key(p)));
                    }
                });
        });
        ui.horizontal(|ui| {
            let mut own = g.start.seed.is_none();
            ui.checkbox(&mut own, lang.t("start.seed_scenario"));
            if own {
                g.start.seed = None;
            } else {
                let mut seed = g.start.seed.unwrap_or(1);
                ui.add(egui::DragValue::new(&mut seed).range(0..=u64::MAX / 2));
                g.start.seed = Some(seed);
            }
        });
    });
    ui.add_space(8.0);
    if ui
        .button(RichText::new(lang.t("start.go")).size(22.0))
        .clicked()
    {
        g.start_game();
    }
}

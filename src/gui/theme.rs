//! Colours (Okabe–Ito, safe for colour-blind viewers) and the dark and light themes.

use egui::Color32;

use crate::model::stage::{Owner, Role};

/// Okabe–Ito palette, in the order series use it.
pub const SERIES: [Color32; 8] = [
    Color32::from_rgb(0x00, 0x72, 0xB2), // blue
    Color32::from_rgb(0xE6, 0x9F, 0x00), // orange
    Color32::from_rgb(0x00, 0x9E, 0x73), // bluish green
    Color32::from_rgb(0xCC, 0x79, 0xA7), // reddish purple
    Color32::from_rgb(0x56, 0xB4, 0xE9), // sky blue
    Color32::from_rgb(0xD5, 0x5E, 0x00), // vermillion
    Color32::from_rgb(0xF0, 0xE4, 0x42), // yellow
    Color32::from_rgb(0x99, 0x99, 0x99), // grey
];
/// Reference lines (quota).
pub const REFERENCE: Color32 = Color32::from_rgb(0x99, 0x99, 0x99);
/// Lever-change markers.
pub const MARK: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);
/// Error text.
pub const ERROR: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);

/// The colour of a role (sales blue, marketing orange, SDR green).
pub fn role_colour(r: Role) -> Color32 {
    match r {
        Role::Sales => SERIES[0],
        Role::Marketing => SERIES[1],
        Role::Sdr => SERIES[2],
    }
}

/// The colour of a stage owner (shared: purple).
pub fn owner_colour(o: Owner) -> Color32 {
    match o {
        Owner::Sales => SERIES[0],
        Owner::Marketing => SERIES[1],
        Owner::Sdr => SERIES[2],
        Owner::Shared => SERIES[3],
    }
}

/// The colour of an outcome band: won sky blue, losses vermillion, nurtured yellow.
pub fn band_colour(band: usize) -> Color32 {
    match band {
        0 => SERIES[4],
        b if b + 1 == super::layout::BANDS => SERIES[6],
        _ => SERIES[5],
    }
}

/// Dark or light.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Dark background (dim rooms).
    Dark,
    /// Light background (bright rooms, printouts).
    Light,
}

impl Theme {
    /// egui's visuals.
    pub fn visuals(self) -> egui::Visuals {
        match self {
            Theme::Dark => egui::Visuals::dark(),
            Theme::Light => egui::Visuals::light(),
        }
    }

    /// Text over the funnel.
    pub fn text(self) -> Color32 {
        match self {
            Theme::Dark => Color32::from_gray(230),
            Theme::Light => Color32::from_gray(20),
        }
    }

    /// Window background behind the funnel (linear RGB components 0–1).
    pub fn background(self) -> [f32; 3] {
        match self {
            Theme::Dark => [0.07, 0.07, 0.08],
            Theme::Light => [0.96, 0.96, 0.95],
        }
    }
}

//! The guided tour of a newcomer's first quarter: one step at a time it frames a part of the
//! window (the lanes, their owners, a lever, a chart, the clock) and says what it is; it can
//! be skipped at any step, and reads in the window's language.

use super::*;

/// The tour's steps: what each frames, and its text's key.
const STEPS: [(Target, &str); 5] = [
    (Target::Lanes, "tour.lanes"),
    (Target::Owners, "tour.owners"),
    (Target::Levers, "tour.levers"),
    (Target::Charts, "tour.charts"),
    (Target::Clock, "tour.clock"),
];

/// The number of steps.
pub const STEP_COUNT: usize = STEPS.len();

/// A part of the window a step frames.
#[derive(Clone, Copy)]
enum Target {
    Lanes,
    Owners,
    Levers,
    Charts,
    Clock,
}

impl Target {
    fn rect(self, g: &Game, screen: egui::Rect) -> egui::Rect {
        let funnel = g.play.funnel_rect;
        match self {
            Target::Lanes => funnel,
            // The lanes' titles: each stage and who owns it.
            Target::Owners => egui::Rect::from_min_max(
                funnel.min - egui::vec2(0.0, 34.0),
                egui::pos2(funnel.max.x, funnel.min.y + 10.0),
            ),
            Target::Levers => g.play.panels[0],
            Target::Charts => g.play.panels[1],
            Target::Clock => {
                egui::Rect::from_min_max(screen.min, egui::pos2(screen.max.x, funnel.min.y - 34.0))
            }
        }
    }
}

/// Start the tour from its first step.
pub fn start(play: &mut Play) {
    play.tour = Some(0);
    play.playing = false;
}

pub(super) fn tour_window(ctx: &egui::Context, g: &mut Game) {
    let Some(step) = g.play.tour else { return };
    let Some(&(target, key)) = STEPS.get(step) else {
        g.play.tour = None;
        return;
    };
    let t = g.prefs.language;
    let screen = ctx.content_rect();
    let frame = target.rect(g, screen).intersect(screen);
    ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::new("tour-frame"),
    ))
    .rect_stroke(
        frame.shrink(2.0),
        6.0,
        egui::Stroke::new(3.0, theme::SERIES[1]),
        egui::StrokeKind::Inside,
    );
    // The step's card sits in the framed part, or beside it when the part is small.
    let at = if frame.height() > 200.0 {
        frame.center() - egui::vec2(170.0, 60.0)
    } else {
        egui::pos2(frame.center().x - 170.0, frame.max.y + 8.0)
    };
    let mut next = false;
    let mut skip = false;
    egui::Window::new(format!("{} {}/{}", t.t("tour.title"), step + 1, STEP_COUNT))
        .id(egui::Id::new("tour"))
        .collapsible(false)
        .resizable(false)
        .fixed_pos(at)
        .default_width(340.0)
        .show(ctx, |ui| {
            ui.label(t.t(key));
            ui.horizontal(|ui| {
                let last = step + 1 == STEP_COUNT;
                if ui
                    .button(t.t(if last { "tour.done" } else { "tour.next" }))
                    .clicked()
                {
                    next = true;
                }
                if !last && ui.button(t.t("tour.skip")).clicked() {
                    skip = true;
                }
            });
        });
    if skip {
        g.play.tour = None;
    } else if next {
        g.play.tour = (step + 1 < STEP_COUNT).then_some(step + 1);
    }
}

//! The live funnel in Bevy: a sprite per open opportunity in its stage's lane, lanes tinted
//! by their owner, ended opportunities flying to their outcome band and fading; the pointer
//! picks the opportunity under it for the hover card.

use std::collections::HashMap;

use bevy::prelude::*;
use bevy::window::PrimaryWindow;

use super::layout::{BANDS, Layout};
use super::theme;
use super::ui::{Challenges, Play, Prefs, Screen};
use crate::model::stage::Stage;
use crate::sim::state::{LostReason, OppStatus};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Funnel>()
        .add_systems(Update, (advance_clock, sync, animate, pick).chain());
}

/// What the funnel shows now.
#[derive(Resource, Default)]
struct Funnel {
    sprites: HashMap<u64, Entity>,
    backgrounds: Vec<Entity>,
    /// Day and layout the sprites were placed for.
    placed: Option<(u32, Layout, f32, Vec2)>,
    /// Each lane's slots: the item in it, if any. An item keeps its slot while it stays in
    /// the lane (nothing reshuffles when others leave); a newcomer takes the first free one.
    lanes: [Vec<Option<u64>>; 7],
    /// Lane and slot of each item.
    places: HashMap<u64, (usize, usize)>,
    cell: f32,
    /// The session the sprites show (`Play::generation`).
    generation: u64,
}

/// An open opportunity's sprite and where it heads.
#[derive(Component)]
struct Item {
    target: Vec2,
    /// A handoff under way: the new owner's colour, taken when the sprite crosses the
    /// boundary at this x (world coordinates).
    handoff: Option<(f32, Color)>,
}

/// An ended opportunity on its way to its outcome band; a leak first drops out at the
/// owner boundary it failed to cross (`via`).
#[derive(Component)]
struct Leaving {
    target: Vec2,
    via: Option<Vec2>,
    left: f32,
}

/// A short flash where an item crossed an owner boundary.
#[derive(Component)]
struct Flash {
    left: f32,
}

const LEAVE_SECONDS: f32 = 1.2;
const FLASH_SECONDS: f32 = 0.5;

/// egui points to Bevy world coordinates (origin at the window's centre, y up).
fn to_world(p: egui::Pos2, zoom: f32, window: Vec2) -> Vec2 {
    Vec2::new(p.x * zoom - window.x / 2.0, window.y / 2.0 - p.y * zoom)
}

fn colour(c: egui::Color32, alpha: f32) -> Color {
    Color::srgba_u8(c.r(), c.g(), c.b(), (alpha * 255.0) as u8)
}

fn band_of(status: OppStatus) -> Option<usize> {
    match status {
        OppStatus::Won => Some(0),
        OppStatus::Lost(reason) => Some(reason.index() + 1),
        OppStatus::Nurture => Some(BANDS - 1),
        OppStatus::Released | OppStatus::Open(_) => None,
    }
}

fn advance_clock(time: Res<Time>, mut play: ResMut<Play>, mut challenges: ResMut<Challenges>) {
    super::ui::advance(&mut play, &mut challenges, time.delta_secs());
}

fn window_size(windows: &Query<&Window, With<PrimaryWindow>>) -> Vec2 {
    windows.single().map_or(Vec2::new(1280.0, 720.0), |w| {
        Vec2::new(w.width(), w.height())
    })
}

fn sync(
    mut commands: Commands,
    prefs: Res<Prefs>,
    screen: Res<State<Screen>>,
    mut play: ResMut<Play>,
    mut funnel: ResMut<Funnel>,
    windows: Query<&Window, With<PrimaryWindow>>,
    mut items: Query<(&mut Item, &mut Sprite)>,
    others: Query<Entity, Or<(With<Item>, With<Leaving>, With<Flash>)>>,
    mut clear: ResMut<ClearColor>,
) {
    let [r, gr, b] = prefs.theme.background();
    clear.0 = Color::linear_rgb(r, gr, b);
    if funnel.generation != play.generation {
        funnel.generation = play.generation;
        for e in &others {
            commands.entity(e).despawn();
        }
        funnel.sprites.clear();
        funnel.placed = None;
        funnel.lanes = Default::default();
        funnel.places.clear();
    }
    let (zoom, window, rect) = (prefs.zoom, window_size(&windows), play.funnel_rect);
    let Some(session) = play.session.as_mut() else {
        return;
    };
    if !rect.is_positive() || *screen.get() != Screen::Play {
        for e in &funnel.backgrounds {
            commands.entity(*e).insert(Visibility::Hidden);
        }
        return;
    }
    let layout = Layout::new(rect);
    let day = session.day();
    if funnel.placed == Some((day, layout, zoom, window)) {
        return;
    }
    funnel.placed = Some((day, layout, zoom, window));

    // Lane and band backgrounds, tinted by owner and outcome.
    let owners = session.owners();
    if funnel.backgrounds.is_empty() {
        funnel.backgrounds = (0..7 + BANDS)
            .map(|_| {
                commands
                    .spawn((Sprite::default(), Transform::default()))
                    .id()
            })
            .collect();
    }
    for (i, e) in funnel.backgrounds.iter().enumerate() {
        let (r, c) = if i < 7 {
            (
                layout.lane(i),
                theme::owner_colour(owners.of(Stage::ALL[i])),
            )
        } else {
            (layout.outcome_band(i - 7), theme::band_colour(i - 7))
        };
        let centre = to_world(r.center(), zoom, window);
        commands.entity(*e).insert((
            Sprite::from_color(colour(c, 0.14), Vec2::new(r.width(), r.height()) * zoom),
            Transform::from_xyz(centre.x, centre.y, 0.0),
            Visibility::Visible,
        ));
    }

    // Open items: each keeps its slot while it stays in its lane.
    let open = session.items();
    let funnel = &mut *funnel;
    let places = assign_slots(&mut funnel.lanes, &funnel.places, &open);
    let most = funnel.lanes.iter().map(Vec::len).max().unwrap_or(0);
    let cell = layout.cell(most);
    let mut seen = HashMap::with_capacity(open.len());
    for item in &open {
        let lane = layout.lane(item.stage.index());
        let slot = places[&item.id].1;
        let target = to_world(layout.slot(lane, slot, cell), zoom, window);
        let alpha = if item.stalled { 0.35 } else { 1.0 };
        let col = colour(theme::role_colour(item.role), alpha);
        let size = Vec2::splat((cell - 1.0).max(1.0) * zoom);
        match funnel
            .sprites
            .get(&item.id)
            .and_then(|e| items.get_mut(*e).ok().map(|x| (*e, x)))
        {
            Some((e, (mut it, mut sprite))) => {
                // Written only when different: a changed sprite is extracted again.
                if it.target != target {
                    it.target = target;
                }
                let new_lane = funnel
                    .places
                    .get(&item.id)
                    .is_some_and(|(l, _)| *l != item.stage.index());
                if new_lane && sprite.color.with_alpha(1.0) != col.with_alpha(1.0) {
                    // Another role takes it: the colour changes at the boundary.
                    let boundary = to_world(lane.left_top(), zoom, window).x;
                    it.handoff = Some((boundary, col));
                } else if sprite.color != col && it.handoff.is_none() {
                    sprite.color = col;
                }
                if sprite.custom_size != Some(size) {
                    sprite.custom_size = Some(size);
                }
                seen.insert(item.id, e);
            }
            None => {
                // New contacts come in at the top of the Detection lane.
                let start = to_world(
                    layout.lane(Stage::Detection.index()).center_top(),
                    zoom,
                    window,
                );
                let e = commands
                    .spawn((
                        Sprite::from_color(col, size),
                        Transform::from_xyz(start.x, start.y, 1.0),
                        Item {
                            target,
                            handoff: None,
                        },
                    ))
                    .id();
                seen.insert(item.id, e);
            }
        }
    }

    // Ended items fly to their outcome band.
    for (id, status) in session.take_ended() {
        let band = band_of(status);
        let Some(e) = funnel.sprites.remove(&id) else {
            continue;
        };
        if seen.contains_key(&id) {
            continue;
        }
        match band {
            Some(b) => {
                let r = layout.outcome_band(b);
                // Spread arrivals over the band, by id, so they do not stack.
                let fx = ((id * 2_654_435_761) % 1000) as f32 / 1000.0;
                let fy = ((id * 40_503) % 1000) as f32 / 1000.0;
                let p = egui::pos2(
                    r.left() + 8.0 + fx * (r.width() - 16.0),
                    r.top() + 18.0 + fy * (r.height() - 22.0).max(1.0),
                );
                // A leak drops out at the right edge of the lane it was in.
                let via = (status == OppStatus::Lost(LostReason::Handoff))
                    .then(|| funnel.places.get(&id))
                    .flatten()
                    .map(|(l, _)| {
                        let lane = layout.lane(*l);
                        to_world(egui::pos2(lane.right(), lane.bottom() - 6.0), zoom, window)
                    });
                commands.entity(e).remove::<Item>().insert(Leaving {
                    target: to_world(p, zoom, window),
                    via,
                    left: if via.is_some() {
                        2.0 * LEAVE_SECONDS
                    } else {
                        LEAVE_SECONDS
                    },
                });
            }
            None => commands.entity(e).despawn(),
        }
    }
    // Anything else that vanished (a released account) goes without a flight.
    for (id, e) in funnel.sprites.drain() {
        if !seen.contains_key(&id) {
            commands.entity(e).despawn();
        }
    }
    funnel.sprites = seen;
    funnel.places = places;
    funnel.cell = cell;
}

/// Slots for `open` items: kept where an item stays in its lane, the lowest free slot
/// otherwise; slots of items gone are freed and trailing free slots dropped.
fn assign_slots(
    lanes: &mut [Vec<Option<u64>>; 7],
    before: &HashMap<u64, (usize, usize)>,
    open: &[crate::session::ItemView],
) -> HashMap<u64, (usize, usize)> {
    let mut places = HashMap::with_capacity(open.len());
    let mut staying = vec![false; open.len()];
    for lane in lanes.iter_mut() {
        for slot in lane.iter_mut() {
            *slot = None;
        }
    }
    for (i, item) in open.iter().enumerate() {
        let lane = item.stage.index();
        if let Some(&(l, s)) = before.get(&item.id)
            && l == lane
        {
            lanes[l][s] = Some(item.id);
            places.insert(item.id, (l, s));
            staying[i] = true;
        }
    }
    for (i, item) in open.iter().enumerate() {
        if staying[i] {
            continue;
        }
        let lane = &mut lanes[item.stage.index()];
        let slot = match lane.iter().position(Option::is_none) {
            Some(s) => s,
            None => {
                lane.push(None);
                lane.len() - 1
            }
        };
        lane[slot] = Some(item.id);
        places.insert(item.id, (item.stage.index(), slot));
    }
    for lane in lanes.iter_mut() {
        while lane.last() == Some(&None) {
            lane.pop();
        }
    }
    places
}

fn animate(
    mut commands: Commands,
    time: Res<Time>,
    mut moving: Query<(&mut Item, &mut Transform, &mut Sprite), Without<Leaving>>,
    mut leaving: Query<
        (Entity, &mut Leaving, &mut Transform, &mut Sprite),
        (Without<Item>, Without<Flash>),
    >,
    mut flashes: Query<(Entity, &mut Flash, &mut Sprite), (Without<Item>, Without<Leaving>)>,
) {
    let dt = time.delta_secs();
    let k = (dt * 8.0).min(1.0);
    for (mut item, mut t, mut sprite) in &mut moving {
        let p = t.translation.truncate();
        // Settled sprites are left alone, so the renderer re-extracts only moving ones.
        if p.distance_squared(item.target) > 0.01 {
            t.translation = (p + (item.target - p) * k).extend(1.0);
        }
        if let Some((boundary, colour)) = item.handoff
            && t.translation.x >= boundary
        {
            item.handoff = None;
            sprite.color = colour;
            let size = sprite.custom_size.unwrap_or(Vec2::ONE) * 1.6;
            commands.spawn((
                Sprite::from_color(Color::srgba(1.0, 1.0, 1.0, 0.6), size),
                Transform::from_translation(t.translation.with_z(0.5)),
                Flash {
                    left: FLASH_SECONDS,
                },
            ));
        }
    }
    for (e, mut l, mut t, mut sprite) in &mut leaving {
        l.left -= dt;
        if l.left <= 0.0 {
            commands.entity(e).despawn();
            continue;
        }
        let p = t.translation.truncate();
        let goal = l.via.unwrap_or(l.target);
        t.translation = (p + (goal - p) * k).extend(2.0);
        if l.via.is_some_and(|v| p.distance_squared(v) < 4.0) {
            l.via = None;
        }
        sprite
            .color
            .set_alpha((l.left / LEAVE_SECONDS).clamp(0.0, 1.0));
    }
    for (e, mut f, mut sprite) in &mut flashes {
        f.left -= dt;
        if f.left <= 0.0 {
            commands.entity(e).despawn();
        } else {
            sprite.color.set_alpha(0.6 * f.left / FLASH_SECONDS);
        }
    }
}

fn pick(mut play: ResMut<Play>, funnel: Res<Funnel>, windows: Query<&Window, With<PrimaryWindow>>) {
    let g = &mut *play;
    let cursor = windows.single().ok().and_then(Window::cursor_position);
    let hit = (|| {
        let (_, layout, zoom, _) = funnel.placed?;
        let p = cursor?;
        let p = egui::pos2(p.x / zoom, p.y / zoom);
        let lane = layout.lane_at(p)?;
        let slot = layout.slot_at(layout.lane(lane), p, funnel.cell)?;
        funnel.lanes[lane].get(slot).copied().flatten()
    })();
    let current = g.hover.as_ref().map(|d| d.id);
    if hit != current || (hit.is_some() && g.playing) {
        g.hover = match (hit, g.session.as_mut()) {
            (Some(id), Some(s)) => s.detail(id),
            _ => None,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::stage::Role;
    use crate::session::ItemView;

    fn item(id: u64, stage: Stage) -> ItemView {
        ItemView {
            id,
            stage,
            role: Role::Sales,
            stalled: false,
        }
    }

    #[test]
    fn items_keep_their_slot_and_newcomers_fill_gaps() {
        let mut lanes: [Vec<Option<u64>>; 7] = Default::default();
        let q = Stage::Qualification;
        let first = assign_slots(
            &mut lanes,
            &HashMap::new(),
            &[item(1, q), item(2, q), item(3, q)],
        );
        assert_eq!(first[&3], (q.index(), 2));
        // 1 leaves, 2 moves on, 4 arrives: 3 stays in slot 2, 4 takes slot 0.
        let d = Stage::Demonstration;
        let next = assign_slots(&mut lanes, &first, &[item(2, d), item(3, q), item(4, q)]);
        assert_eq!(next[&3], (q.index(), 2));
        assert_eq!(next[&4], (q.index(), 0));
        assert_eq!(next[&2], (d.index(), 0));
        assert_eq!(lanes[q.index()], vec![Some(4), None, Some(3)]);
    }
}

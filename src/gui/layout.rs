//! Where things go in the funnel area (egui points): seven stage lanes, an outcome column
//! split into bands, the people strip; and the grid in which a lane holds its items. Shared
//! by the egui labels and the Bevy sprites, so both agree.

use egui::{Pos2, Rect, pos2, vec2};

/// Outcome bands: won, the six losses (`LostReason::ALL` order), nurtured.
pub const BANDS: usize = 8;
const BAND_WEIGHTS: [f32; BANDS] = [3.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0];

/// The funnel's layout in a rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// Height of the lane titles above the lanes.
    pub title_height: f32,
    lanes: Rect,
    people: Rect,
}

impl Layout {
    /// The layout of `area`.
    pub fn new(area: Rect) -> Layout {
        let title_height = 34.0;
        let people_height = 70.0_f32.min(area.height() * 0.2);
        let lanes = Rect::from_min_max(
            pos2(area.left() + 6.0, area.top() + title_height + 4.0),
            pos2(area.right() - 6.0, area.bottom() - people_height - 8.0),
        );
        let people = Rect::from_min_max(
            pos2(area.left() + 6.0, area.bottom() - people_height),
            pos2(area.right() - 6.0, area.bottom() - 4.0),
        );
        Layout {
            title_height,
            lanes,
            people,
        }
    }

    /// Width units: seven lanes of 1, the outcome column of 1.6.
    fn unit(&self) -> f32 {
        self.lanes.width().max(1.0) / 8.6
    }

    /// Lane `i` of the seven stages.
    pub fn lane(&self, i: usize) -> Rect {
        let u = self.unit();
        let left = self.lanes.left() + i as f32 * u;
        Rect::from_min_max(
            pos2(left + 1.0, self.lanes.top()),
            pos2(left + u - 1.0, self.lanes.bottom()),
        )
    }

    /// The outcome column.
    pub fn outcome_column(&self) -> Rect {
        let u = self.unit();
        Rect::from_min_max(
            pos2(self.lanes.left() + 7.0 * u + 4.0, self.lanes.top()),
            pos2(self.lanes.right(), self.lanes.bottom()),
        )
    }

    /// Band `b` of the outcome column.
    pub fn outcome_band(&self, b: usize) -> Rect {
        let col = self.outcome_column();
        let total: f32 = BAND_WEIGHTS.iter().sum();
        let before: f32 = BAND_WEIGHTS[..b].iter().sum();
        let top = col.top() + col.height() * before / total;
        let h = col.height() * BAND_WEIGHTS[b] / total;
        Rect::from_min_size(pos2(col.left(), top + 1.0), vec2(col.width(), h - 2.0))
    }

    /// The people strip.
    pub fn people_strip(&self) -> Rect {
        self.people
    }

    /// Side of an item's cell so that `most` items fit in one lane (2 to 12 points).
    pub fn cell(&self, most: usize) -> f32 {
        let lane = self.lane(0);
        let area = (lane.width() - 4.0).max(1.0) * (lane.height() - 24.0).max(1.0);
        (area / most.max(1) as f32).sqrt().floor().clamp(2.0, 12.0)
    }

    /// Items per row of a lane with cells of side `cell`.
    pub fn per_row(&self, cell: f32) -> usize {
        (((self.lane(0).width() - 4.0) / cell).floor() as usize).max(1)
    }

    /// Centre of slot `slot` in `lane` (row by row from the top, below the lane's label);
    /// slots past the lane's bottom pile on its last row.
    pub fn slot(&self, lane: Rect, slot: usize, cell: f32) -> Pos2 {
        let per_row = self.per_row(cell);
        let rows = (((lane.height() - 24.0) / cell).floor() as usize).max(1);
        let row = (slot / per_row).min(rows - 1);
        let col = slot % per_row;
        pos2(
            lane.left() + 2.0 + (col as f32 + 0.5) * cell,
            lane.top() + 22.0 + (row as f32 + 0.5) * cell,
        )
    }

    /// The slot under `p` in `lane`, if any.
    pub fn slot_at(&self, lane: Rect, p: Pos2, cell: f32) -> Option<usize> {
        if !lane.contains(p) || p.y < lane.top() + 22.0 {
            return None;
        }
        let col = ((p.x - lane.left() - 2.0) / cell).floor();
        let row = ((p.y - lane.top() - 22.0) / cell).floor();
        let per_row = self.per_row(cell);
        (col >= 0.0 && (col as usize) < per_row && row >= 0.0)
            .then(|| row as usize * per_row + col as usize)
    }

    /// Which stage lane holds `p`.
    pub fn lane_at(&self, p: Pos2) -> Option<usize> {
        (0..7).find(|i| self.lane(*i).contains(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_round_trip_and_lanes_do_not_overlap() {
        let l = Layout::new(Rect::from_min_size(pos2(100.0, 50.0), vec2(900.0, 600.0)));
        for i in 0..6 {
            assert!(l.lane(i).right() <= l.lane(i + 1).left());
        }
        assert!(l.lane(6).right() <= l.outcome_column().left());
        assert!(l.outcome_band(BANDS - 1).bottom() <= l.outcome_column().bottom() + 0.5);
        let cell = l.cell(3000);
        assert!((2.0..=12.0).contains(&cell));
        let lane = l.lane(3);
        for slot in [0, 1, 17, 250] {
            let p = l.slot(lane, slot, cell);
            assert_eq!(l.slot_at(lane, p, cell), Some(slot));
            assert_eq!(l.lane_at(p), Some(3));
        }
    }
}

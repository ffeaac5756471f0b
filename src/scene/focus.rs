//! One keyboard-focus walk for both canvases (the map's markers and the network's nodes):
//! what Tab visits, in which order, and when focus leaves the canvas.
//!
//! Reading order: rows [`ROW_HEIGHT`] CSS px tall, top to bottom, then left to right within
//! a row. Rows (not exact y) so items at nearly the same height read left to right instead
//! of zig-zagging by a pixel. Only items on screen are visited. The walk does not wrap:
//! stepping past either end returns `None`, so Tab (or Shift+Tab) moves on to the page's
//! next control instead of trapping keyboard users in the canvas; from no focus, a forward
//! step enters at the first item and a backward step at the last.

use std::cmp::Ordering;

/// Height of one reading row, in CSS px.
pub const ROW_HEIGHT: f32 = 40.0;

/// Indices of the points on the `width` × `height` screen (edges included), in reading order.
/// The sort is stable, so ties keep their index order.
pub fn reading_order(points: &[[f32; 2]], width: f32, height: f32) -> Vec<usize> {
    let mut order: Vec<usize> = (0..points.len())
        .filter(|&i| {
            let [x, y] = points[i];
            x >= 0.0 && y >= 0.0 && x <= width && y <= height
        })
        .collect();
    let key = |i: usize| ((points[i][1] / ROW_HEIGHT).floor(), points[i][0]);
    crate::sort::sort_by(&mut order, |&a, &b| {
        key(a).partial_cmp(&key(b)).unwrap_or(Ordering::Equal)
    });
    order
}

/// Move focus `step` places on through `order` from the item `current` (an index into the
/// points, as `order` holds). An item not in `order` (off screen, gone) counts as no focus.
/// Returns the newly focused item, or `None` when the walk leaves the canvas.
pub fn step_through(order: &[usize], current: Option<usize>, step: i32) -> Option<usize> {
    let at = current.and_then(|c| order.iter().position(|&i| i == c));
    let next = match at {
        None if step > 0 => Some(0),
        None => order.len().checked_sub(1),
        Some(p) => usize::try_from(p as i64 + i64::from(step))
            .ok()
            .filter(|&n| n < order.len()),
    };
    next.and_then(|n| order.get(n).copied())
}

/// [`reading_order`] then [`step_through`]: the whole walk over screen points.
pub fn move_focus(
    points: &[[f32; 2]],
    width: f32,
    height: f32,
    current: Option<usize>,
    step: i32,
) -> Option<usize> {
    step_through(&reading_order(points, width, height), current, step)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_order_is_rows_then_left_to_right_on_screen_only() {
        let pts = [
            [50.0, 45.0],   // row 1
            [10.0, 50.0],   // row 1, left of it
            [300.0, 5.0],   // row 0
            [-1.0, 10.0],   // off screen
            [20.0, 39.0],   // row 0
            [100.0, 200.0], // exactly on the bottom-right corner: kept
        ];
        assert_eq!(reading_order(&pts, 100.0, 200.0), vec![4, 1, 0, 5]);
        assert_eq!(reading_order(&pts, 400.0, 300.0), vec![4, 2, 1, 0, 5]);
    }

    #[test]
    fn the_walk_enters_at_either_end_and_leaves_without_wrapping() {
        let order = [7, 3, 9];
        assert_eq!(step_through(&order, None, 1), Some(7));
        assert_eq!(step_through(&order, None, -1), Some(9));
        assert_eq!(step_through(&order, Some(7), 1), Some(3));
        assert_eq!(
            step_through(&order, Some(9), 1),
            None,
            "past the last it leaves"
        );
        assert_eq!(
            step_through(&order, Some(7), -1),
            None,
            "before the first it leaves"
        );
        assert_eq!(step_through(&order, Some(7), 2), Some(9));
        assert_eq!(
            step_through(&order, Some(42), 1),
            Some(7),
            "an unknown focus restarts"
        );
        assert_eq!(step_through(&[], None, 1), None);
        assert_eq!(step_through(&[], None, -1), None);
    }

    #[test]
    fn a_full_walk_visits_every_point_on_screen_once() {
        let pts: Vec<[f32; 2]> = (0..50)
            .map(|i| [(i * 37 % 500) as f32, (i * 53 % 420) as f32 - 10.0])
            .collect();
        let mut seen = std::collections::HashSet::new();
        let mut at = None;
        while let Some(n) = move_focus(&pts, 480.0, 400.0, at, 1) {
            assert!(seen.insert(n), "{n} visited twice");
            at = Some(n);
        }
        assert_eq!(seen.len(), reading_order(&pts, 480.0, 400.0).len());
        assert!(seen.len() < pts.len(), "some points are off screen");
    }
}

//! Fixtures shared by the map's tests, and the tests of the frame as a whole.

use super::*;
use crate::model::Precision;

/// Two farms (Pavlodar, exact, 25 MW; Karaganda) on an 800 × 600 canvas, at home.
pub(super) fn view() -> MapView {
    let mut v = MapView::new(Basemap::embedded());
    v.resize(800.0, 600.0);
    let mut a = Farm::at("a", 76.95, 52.28); // Pavlodar
    a.precision = Precision::Exact;
    a.capacity_mw = Some(25.0);
    let b = Farm::at("b", 73.1, 49.8); // Karaganda
    v.set_farms(vec![a, b]);
    v.camera = v.home_camera();
    v.frame(0.0);
    v
}

/// Forty farms on a grid (a third owned by "A"), five at one place, one alone.
pub(super) fn crowd() -> MapView {
    let mut v = MapView::new(Basemap::embedded());
    v.resize(800.0, 600.0);
    let mut farms = Vec::new();
    for i in 0..40 {
        let mut f = Farm::at(
            &format!("p{i}"),
            75.0 + (i % 8) as f64 * 0.02,
            51.5 + (i / 8) as f64 * 0.02,
        );
        f.owner = if i % 3 == 0 {
            "A".into()
        } else {
            String::new()
        };
        farms.push(f);
    }
    for i in 0..5 {
        farms.push(Farm::at(&format!("same{i}"), 70.0, 45.0)); // one place, five farms
    }
    farms.push(Farm::at("lone", 82.0, 49.0));
    v.set_farms(farms);
    v.camera = v.home_camera();
    v.frame(0.0);
    v
}

#[test]
fn the_camera_never_shows_beyond_the_basemap() {
    let mut v = view();
    v.camera.zoom = 0.0;
    v.camera.center_y = 0.05;
    v.frame(0.0);
    let (vis, f) = (v.camera.visible_world(), v.basemap().frame);
    assert!(
        vis.min_x >= f.min_x - 1e-9
            && vis.min_y >= f.min_y - 1e-9
            && vis.max_x <= f.max_x + 1e-9
            && vis.max_y <= f.max_y + 1e-9
    );
}

#[test]
fn a_flight_animates_until_it_lands() {
    let mut v = view();
    let to = Camera {
        zoom: v.camera.zoom + 1.0,
        ..v.camera
    };
    v.fly_to(to, 0.0, 100.0);
    assert!(v.frame(50.0), "mid-flight asks for another frame");
    assert!(!v.frame(100.0), "landed");
    assert!((v.camera.zoom - to.zoom).abs() < 1e-9);
}

#[test]
fn the_home_view_keeps_every_farm_clear_of_the_buttons() {
    let mut v = crowd();
    // A phone's zoom buttons: a column at the right edge, as map-pane.js reports it.
    let buttons = [700.0, 10.0, 790.0, 150.0];
    let rightmost = |v: &MapView| {
        v.farm_world
            .iter()
            .map(|p| v.camera.screen_from_world(p[0], p[1]).0)
            .fold(f64::NEG_INFINITY, f64::max)
    };
    // Without it the fit puts the lone farm under the buttons.
    assert!(rightmost(&v) > buttons[0], "{}", rightmost(&v));
    v.set_covered(buttons[0], buttons[1], buttons[2], buttons[3]);
    v.camera = v.home_camera();
    let x = rightmost(&v);
    // Clear of the column by the fit's own 40 px padding: its edge counts as the screen's.
    assert!(x <= buttons[0] - 40.0 + 1e-6, "{x}");
    // Still the whole crowd on screen, the left edge padded as before.
    for p in &v.farm_world {
        let (sx, sy) = v.camera.screen_from_world(p[0], p[1]);
        assert!(
            (40.0 - 1e-6..=800.0).contains(&sx) && (0.0..=600.0).contains(&sy),
            "{sx} {sy}"
        );
    }
    // A rectangle in the left half pads the left instead.
    v.set_covered(10.0, 10.0, 52.0, 150.0);
    v.camera = v.home_camera();
    let leftmost = v
        .farm_world
        .iter()
        .map(|p| v.camera.screen_from_world(p[0], p[1]).0)
        .fold(f64::INFINITY, f64::min);
    assert!(leftmost >= 52.0 + 40.0 - 1e-6, "{leftmost}");
}

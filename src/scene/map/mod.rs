//! The map view: camera, basemap and farms in; a [`DrawList`] and hit-tests out.
//!
//! One call to [`MapView::frame`] per animation frame builds everything on screen; nothing
//! here knows about canvases or the DOM. This file holds the view's state and the frame's
//! order of work; each layer is its own file:
//! - `basemap_layer`: sea, land, borders, water (culled by bounding box, thinned per pixel);
//! - `tiles`: the optional raster tile layer's visible tiles;
//! - `markers`: farm markers, their drawing order and batches, hit-testing;
//! - `cluster_markers`: cluster donuts, expanding and spiderfying clusters, summaries;
//! - `labels`: city, oblast and country labels placed around the markers;
//! - `farms_build`: new farms made ready in steps (positions, cluster layer), then installed;
//! - `focus`: the keyboard focus walk (the shared one in [`crate::scene::focus`]).
//!
//! What a story step asks of the map (camera, highlight) is decided in [`crate::app`].
//!
//! Spaces: farms are kept in lng/lat (`farms`) and world units (`farm_world`); markers and
//! the draw list are in screen CSS px.

mod basemap_layer;
mod cluster_markers;
mod farms_build;
mod focus;
mod labels;
mod markers;
#[cfg(test)]
mod tests;
mod tiles;

pub use cluster_markers::Spider;
pub use farms_build::{FarmsBuild, FarmsReady};
pub use markers::{Hit, Marker, MarkerItem};

use super::camera::{Camera, Flight, Insets};
use super::clusters::MapClusters;
use super::draw::DrawList;
use super::labels::Placer;
use crate::basemap::Basemap;
use crate::basemap::TileLayer;
use crate::cluster::{Aggregates, Clusters};
use crate::geometry::{union_of, WorldBounds};
use crate::i18n::Lang;
use crate::model::Farm;
use crate::scene::style::Theme;

pub struct MapView {
    pub camera: Camera,
    flight: Option<Flight>,
    basemap: Basemap,
    farms: Vec<Farm>,
    /// World position of each farm (same order as `farms`).
    farm_world: Vec<[f64; 2]>,
    /// The hovered farm (an index into `farms`).
    pub hovered: Option<usize>,
    /// The selected farm (an index into `farms`).
    pub selected: Option<usize>,
    /// When set, one flag per farm: farms not flagged are dimmed (a network selection, a
    /// chart bar, a story step).
    highlight: Option<Vec<bool>>,
    markers: Vec<Marker>,
    draw: DrawList,
    clusters: Option<MapClusters>,
    spider: Option<Spider>,
    /// Keyboard focus: an index into `markers`.
    pub focus: Option<usize>,
    /// This frame's cluster aggregates (rows as in `Marker::row`).
    agg: Aggregates,
    /// This frame's cluster query, its allocations kept from frame to frame.
    rows: Clusters,
    /// An optional raster layer under the data; `None` (the default) requests nothing.
    pub tiles: Option<TileLayer>,
    /// Light or dark ([`Theme`]): the palette every frame draws with.
    pub theme: Theme,
    /// The language of the words the map writes (badge counts, cluster summaries).
    pub lang: Lang,
    /// A screen rectangle (CSS px) the page's own controls cover (the zoom buttons): no
    /// name is placed under it ([`MapView::set_covered`]).
    covered: Option<[f32; 4]>,
}

impl MapView {
    pub fn new(basemap: Basemap) -> MapView {
        let mut view = MapView {
            camera: Camera::default(),
            flight: None,
            basemap,
            farms: Vec::new(),
            farm_world: Vec::new(),
            hovered: None,
            selected: None,
            highlight: None,
            markers: Vec::new(),
            draw: DrawList::default(),
            clusters: None,
            spider: None,
            focus: None,
            agg: Aggregates::default(),
            rows: Clusters::default(),
            tiles: None,
            theme: Theme::Light,
            lang: Lang::En,
            covered: None,
        };
        view.camera = view.camera.fitted(view.basemap.home, 16.0);
        view
    }

    /// The rectangle (x0, y0, x1, y1 in CSS px) the page's controls cover over the map, so no
    /// city, region or country name is drawn under them (markers still are: a farm's place
    /// is data); one that is not finite or has no area clears it
    /// ([`crate::scene::labels::covered_rect`]).
    pub fn set_covered(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        self.covered = crate::scene::labels::covered_rect(x0, y0, x1, y1);
    }

    /// The camera that shows `bounds` with `padding` CSS px around it, and clear of the
    /// page's controls ([`MapView::set_covered`]): the inner edge of a covered rectangle in
    /// the right half of the canvas (the zoom buttons) counts as the screen's right edge, one
    /// in the left half as its left edge, so a story step or the home view never puts its
    /// farms under a button.
    pub fn fitted(&self, bounds: WorldBounds, padding: f64) -> Camera {
        let insets = Insets::clear_of(self.covered, self.camera.width, padding);
        self.camera.fitted_within(bounds, insets)
    }

    pub fn basemap(&self) -> &Basemap {
        &self.basemap
    }

    pub fn farms(&self) -> &[Farm] {
        &self.farms
    }

    /// Replace the farms, indexing them at once ([`FarmsBuild`] does it in steps).
    pub fn set_farms(&mut self, farms: Vec<Farm>) {
        self.install(FarmsBuild::new(farms).finish());
    }

    /// World bounds of the farms, or of Kazakhstan when there are none.
    pub fn data_bounds(&self) -> WorldBounds {
        union_of(
            self.farm_world
                .iter()
                .map(|p| WorldBounds::point(p[0], p[1])),
        )
        .unwrap_or(self.basemap.home)
    }

    /// The camera that shows all farms (and at least Kazakhstan's scale, so one farm does
    /// not fill the screen).
    pub fn home_camera(&self) -> Camera {
        let data = self.fitted(self.data_bounds(), 40.0);
        let country = self.fitted(self.basemap.home, 16.0);
        if data.zoom > country.zoom + 4.0 {
            Camera {
                zoom: country.zoom + 4.0,
                ..data
            }
        } else {
            data
        }
    }

    pub fn resize(&mut self, width: f64, height: f64) {
        self.camera.resize(width, height);
    }

    pub fn fly_to(&mut self, to: Camera, now_ms: f64, duration_ms: f64) {
        self.flight = Some(Flight {
            from: self.camera,
            to,
            start_ms: now_ms,
            duration_ms,
        });
    }

    /// Stop any flight where it is (a gesture takes over).
    pub fn stop_flight(&mut self) {
        self.flight = None;
    }

    /// One flag per farm (in `farms()` order); `None`, or a mask of the wrong length,
    /// clears the highlight.
    pub fn set_highlight(&mut self, farms: Option<Vec<bool>>) {
        self.highlight = farms.filter(|h| h.len() == self.farms.len());
    }

    pub fn is_highlighted(&self, farm: usize) -> bool {
        self.highlight.as_ref().is_none_or(|h| h[farm])
    }

    /// The screen position (CSS px) of farm `i` under the current camera.
    pub fn farm_screen(&self, i: usize) -> (f64, f64) {
        let [x, y] = self.farm_world[i];
        self.camera.screen_from_world(x, y)
    }

    pub fn draw_list(&self) -> &DrawList {
        &self.draw
    }

    /// Build the frame at `now_ms`; returns whether another frame is needed (a flight).
    pub fn frame(&mut self, now_ms: f64) -> bool {
        let animating = self.advance_flight(now_ms);
        if self.tiles.is_none() {
            self.camera = self.camera.constrained(self.basemap.frame);
        }
        self.close_spider_if_zoomed();
        let focused = self.focused();
        let mut d = std::mem::take(&mut self.draw);
        d.clear();
        self.draw_basemap(&mut d);
        let mut placer = Placer::new(self.camera.width as f32, self.camera.height as f32);
        // Markers are placed first so labels avoid them, but painted last, on top.
        self.place_markers(&mut placer);
        if let Some(r) = self.covered {
            placer.block(r);
        }
        self.keep_focus_on(focused);
        self.draw_labels(&mut d, &mut placer);
        self.draw_markers(&mut d);
        self.draw = d;
        animating
    }

    /// Move the camera along the flight, if any; true while it still flies.
    fn advance_flight(&mut self, now_ms: f64) -> bool {
        let Some(f) = self.flight else {
            return false;
        };
        let (cam, done) = f.at(now_ms);
        self.camera = Camera {
            width: self.camera.width,
            height: self.camera.height,
            ..cam
        };
        if done {
            self.flight = None;
        }
        !done
    }
}

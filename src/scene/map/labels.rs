//! Place names on the map: cities (biggest first, right of the dot, else left), oblasts
//! (from zoom 4.6) and neighbouring countries.
//!
//! Placed after the markers have been blocked in the [`Placer`], so no name covers a farm,
//! and in priority order, so when space runs out the least important names are the ones
//! dropped. A city whose name does not fit still gets a small dot from zoom 6.

use super::MapView;
use crate::basemap::Place;
use crate::i18n::{self, Lang};
use crate::scene::draw::{DrawList, Label};
use crate::scene::labels::{text_width, Placer};

/// Cities at least this populous are drawn as capitals (bigger dot, bolder name).
const CAPITAL_POPULATION: f64 = 1_000_000.0;
/// Oblast names appear from this zoom.
const REGION_LABEL_ZOOM: f64 = 4.6;
/// Unlabelled cities keep a dot from this zoom.
const CITY_DOT_ZOOM: f64 = 6.0;

impl MapView {
    /// A basemap place's name in the map's language (the catalogue's `city.*`, `country.*`,
    /// `region.*`), else as the basemap writes it.
    fn place_name<'a>(&self, kind: &str, name: &'a str) -> &'a str {
        match self.lang {
            Lang::En => name,
            lang => i18n::lookup(lang, &format!("{kind}.{name}")).unwrap_or(name),
        }
    }

    pub(super) fn draw_labels(&self, d: &mut DrawList, placer: &mut Placer) {
        self.draw_city_labels(d, placer);
        self.draw_region_labels(d, placer);
        self.draw_country_labels(d, placer);
    }

    fn draw_city_labels(&self, d: &mut DrawList, placer: &mut Placer) {
        let cam = &self.camera;
        let mut cities: Vec<&Place> = self.basemap.cities.iter().collect();
        crate::sort::sort_by(&mut cities, |a, b| b.rank.total_cmp(&a.rank));
        let (mut dots, mut labels, mut capitals) = (Vec::new(), Vec::new(), Vec::new());
        for c in cities {
            let (sx, sy) = cam.screen_from_world(c.x, c.y);
            let (x, y) = (sx as f32, sy as f32);
            let capital = c.rank >= CAPITAL_POPULATION;
            if let Some(l) = city_label(placer, self.place_name("city", &c.name), x, y) {
                dots.push([x, y, if capital { 3.5 } else { 2.5 }]);
                if capital {
                    capitals.push(l);
                } else {
                    labels.push(l);
                }
            } else if cam.zoom >= CITY_DOT_ZOOM
                && x >= 0.0
                && y >= 0.0
                && x <= cam.width as f32
                && y <= cam.height as f32
            {
                dots.push([x, y, 2.0]);
            }
        }
        d.push_circles(self.theme.palette().city_dot(), &dots);
        d.push_labels(self.theme.palette().capital_text(), capitals);
        d.push_labels(self.theme.palette().city_text(), labels);
    }

    fn draw_region_labels(&self, d: &mut DrawList, placer: &mut Placer) {
        let cam = &self.camera;
        let mut regions = Vec::new();
        if cam.zoom >= REGION_LABEL_ZOOM {
            for r in &self.basemap.admin1_labels {
                let (sx, sy) = cam.screen_from_world(r.x, r.y);
                let name = self.place_name("region", &r.name).to_string();
                if let Some(l) = centred_label(placer, name, sx as f32, sy as f32, 11.0, 7.0) {
                    regions.push(l);
                }
            }
        }
        d.push_labels(self.theme.palette().region_text(), regions);
    }

    fn draw_country_labels(&self, d: &mut DrawList, placer: &mut Placer) {
        let mut countries = Vec::new();
        for c in &self.basemap.countries {
            let (sx, sy) = self.camera.screen_from_world(c.x, c.y);
            let text = self.place_name("country", &c.name).to_uppercase();
            if let Some(l) = centred_label(placer, text, sx as f32, sy as f32, 13.0, 8.0) {
                countries.push(l);
            }
        }
        d.push_labels(self.theme.palette().country_text(), countries);
    }
}

/// A city's name right of its dot at screen (x, y), else left of it, else nowhere.
fn city_label(placer: &mut Placer, name: &str, x: f32, y: f32) -> Option<Label> {
    let w = text_width(name, 12.0);
    let right = [x + 5.0, y - 8.0, x + 7.0 + w, y + 8.0];
    let left = [x - 7.0 - w, y - 8.0, x - 5.0, y + 8.0];
    let lx = if placer.try_place(right) {
        x + 6.0
    } else if placer.try_place(left) {
        x - 6.0 - w
    } else {
        return None;
    };
    Some(Label {
        x: lx,
        y: y + 4.0,
        text: name.to_string(),
    })
}

/// A name centred on screen (x, y) in a `size` px font, `half_height` px above and below,
/// if it fits.
fn centred_label(
    placer: &mut Placer,
    text: String,
    x: f32,
    y: f32,
    size: f32,
    half_height: f32,
) -> Option<Label> {
    let w = text_width(&text, size);
    placer
        .try_place([x - w / 2.0, y - half_height, x + w / 2.0, y + half_height])
        .then_some(Label {
            x,
            y: y + 4.0,
            text,
        })
}

#[cfg(test)]
mod tests {
    use super::super::tests::view;
    use super::*;
    use crate::scene::draw::Op;

    /// Each name's text box (inside the rectangle the placer took for it).
    fn name_boxes(v: &MapView) -> Vec<(String, [f32; 4])> {
        let d = v.draw_list();
        let mut boxes = Vec::new();
        for op in &d.ops {
            if let Op::Labels { labels, style } = op {
                let size = if style.font.contains("13px") {
                    13.0
                } else {
                    12.0
                };
                for l in &d.labels[labels.start as usize..labels.end as usize] {
                    let w = text_width(&l.text, size);
                    let x0 = if style.align == "center" {
                        l.x - w / 2.0
                    } else {
                        l.x
                    };
                    boxes.push((l.text.clone(), [x0, l.y - 10.0, x0 + w, l.y + 2.0]));
                }
            }
        }
        boxes
    }

    #[test]
    fn no_name_goes_under_the_maps_buttons() {
        let overlaps =
            |a: [f32; 4], b: [f32; 4]| a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
        let mut v = view();
        // The right half: where a phone's zoom buttons sit, and more.
        let covered = [400.0, 0.0, 800.0, 600.0];
        let before = name_boxes(&v);
        assert!(
            before.iter().any(|(_, b)| overlaps(*b, covered)),
            "some name lies in the right half before: {before:?}"
        );
        v.set_covered(400.0, 0.0, 800.0, 600.0);
        v.frame(0.0);
        let after = name_boxes(&v);
        assert!(!after.is_empty(), "names are still placed elsewhere");
        for (text, b) in &after {
            assert!(
                !overlaps(*b, covered),
                "{text} at {b:?} is under the buttons"
            );
        }
        // Markers are data: both farms are still drawn whatever is covered.
        assert_eq!(v.markers.len(), 2);
        // Nothing covered again: the names come back.
        v.set_covered(f64::NAN, 0.0, 1.0, 1.0);
        v.frame(0.0);
        assert_eq!(name_boxes(&v), before);
    }

    #[test]
    fn city_labels_never_overlap() {
        let mut v = view();
        for zoom in [3.0, 4.0, 5.0, 6.5, 8.0] {
            v.camera.zoom = zoom;
            v.frame(0.0);
            let rects = name_boxes(&v);
            if zoom <= 5.0 {
                assert!(rects.len() >= 3, "zoom {zoom}: {} labels", rects.len());
            }
            for i in 0..rects.len() {
                for j in i + 1..rects.len() {
                    let (a, b) = (rects[i].1, rects[j].1);
                    let overlap = a[0] < b[2] - 0.5
                        && b[0] < a[2] - 0.5
                        && a[1] < b[3] - 0.5
                        && b[1] < a[3] - 0.5;
                    assert!(
                        !overlap,
                        "zoom {zoom}: {:?} overlaps {:?}",
                        rects[i].0, rects[j].0
                    );
                }
            }
        }
    }

    #[test]
    fn every_basemap_place_has_russian_and_kazakh_names_and_the_map_uses_them() {
        let mut v = MapView::new(crate::basemap::Basemap::embedded());
        v.resize(800.0, 500.0);
        v.camera = v.camera.fitted(v.basemap().home, 16.0);
        let b = v.basemap();
        let places = [
            ("city", &b.cities),
            ("country", &b.countries),
            ("region", &b.admin1_labels),
        ];
        for (kind, list) in places {
            for p in list.iter() {
                for lang in [Lang::Ru, Lang::Kk] {
                    let key = format!("{kind}.{}", p.name);
                    assert!(i18n::lookup(lang, &key).is_some(), "{key} in {lang:?}");
                }
            }
        }
        let texts = |v: &MapView| -> Vec<String> {
            v.draw_list()
                .labels
                .iter()
                .map(|l| l.text.clone())
                .collect()
        };
        v.frame(0.0);
        let english = texts(&v);
        assert!(english.iter().any(|t| t == "UZBEKISTAN"), "{english:?}");
        v.lang = Lang::Ru;
        v.frame(0.0);
        let russian = texts(&v);
        assert!(russian.iter().any(|t| t == "УЗБЕКИСТАН"), "{russian:?}");
        assert!(
            !russian
                .iter()
                .any(|t| t.chars().any(|c| c.is_ascii_alphabetic())),
            "{russian:?}"
        );
    }
}

//! The ownership network beside the map: the graph, its layout, and the draw list for its
//! canvas. Linked to the map through farm ids (a farm node's id is the farm's id).
//!
//! (First cut: loads the story's entities and links, lays them out with ForceAtlas2 and
//! draws nodes and ties. To be grown: labels, hover, pan and zoom, linking, paths.)

use super::draw::{DrawList, Style};
use crate::import::{ImportError, Report};
use crate::model::Farm;
use crate::network::forceatlas2::{ForceAtlas2, Settings};
use crate::network::graph::Graph;
use crate::network::links_csv;
use crate::network::model::Network;
use crate::story::DataFile;

pub struct NetworkView {
    pub network: Network,
    pub graph: Graph,
    pub layout: Option<ForceAtlas2>,
    pub width: f64,
    pub height: f64,
    draw: DrawList,
}

impl NetworkView {
    /// The network of `farms` plus the story's entities and links; every bad row named.
    pub fn from_story(
        farms: &[Farm],
        entities: Option<&DataFile>,
        links: Option<&DataFile>,
    ) -> (NetworkView, Vec<ImportError>) {
        let mut network = Network::with_farms(farms);
        let mut errors = Vec::new();
        if let Some(f) = entities {
            let r: Report<_> = links_csv::parse_entities(&f.name, f.text.as_bytes(), &network);
            network.nodes.extend(r.records);
            errors.extend(r.errors);
        }
        if let Some(f) = links {
            let r = links_csv::parse_links(&f.name, f.text.as_bytes(), &network);
            network.ties.extend(r.records);
            errors.extend(r.errors);
        }
        (NetworkView::new(network), errors)
    }

    pub fn new(network: Network) -> NetworkView {
        let (graph, _dropped) = Graph::new(&network);
        let n = network.nodes.len();
        let layout = ForceAtlas2::new(
            n,
            &graph.tie_source,
            &graph.tie_target,
            None,
            Settings::default(),
        )
        .ok();
        NetworkView {
            network,
            graph,
            layout,
            width: 300.0,
            height: 300.0,
            draw: DrawList::default(),
        }
    }

    pub fn resize(&mut self, width: f64, height: f64) {
        if width > 0.0 && height > 0.0 {
            (self.width, self.height) = (width, height);
        }
    }

    /// Advance the layout a little and build the frame; true while it still moves.
    pub fn frame(&mut self, _now_ms: f64) -> bool {
        let moving = match &mut self.layout {
            Some(l) => !l.tick(5),
            None => false,
        };
        let pos = self
            .layout
            .as_ref()
            .map(|l| l.positions())
            .unwrap_or_default();
        let mut d = std::mem::take(&mut self.draw);
        d.clear();
        if pos.len() >= 2 {
            let (mut x0, mut y0, mut x1, mut y1) = (
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            );
            for p in pos.chunks_exact(2) {
                (x0, y0, x1, y1) = (x0.min(p[0]), y0.min(p[1]), x1.max(p[0]), y1.max(p[1]));
            }
            let s = ((self.width - 40.0) / (x1 - x0).max(1e-9))
                .min((self.height - 40.0) / (y1 - y0).max(1e-9));
            let to_screen = |i: usize| {
                [
                    ((pos[2 * i] - x0) * s + 20.0) as f32,
                    ((pos[2 * i + 1] - y0) * s + 20.0) as f32,
                ]
            };
            let first = d.path_count();
            for t in 0..self.graph.tie_source.len() {
                let a = to_screen(self.graph.tie_source[t] as usize);
                let b = to_screen(self.graph.tie_target[t] as usize);
                d.path_xy.extend_from_slice(&[a[0], a[1], b[0], b[1]]);
                d.end_path();
            }
            d.push_paths(Style::stroke("#999999", 1.0), first, false);
            let circles: Vec<[f32; 3]> = (0..self.network.nodes.len())
                .map(|i| {
                    let p = to_screen(i);
                    [p[0], p[1], 4.0]
                })
                .collect();
            d.push_circles(Style::fill("#2f3b52"), &circles);
        }
        self.draw = d;
        moving
    }

    pub fn draw_list(&self) -> &DrawList {
        &self.draw
    }

    /// Light up the ownership chain of a farm (by farm id), or clear with `None`.
    pub fn highlight_farm(&mut self, _farm_id: Option<&str>) {}

    /// Light up the ids a story step names (farms and entities), or clear with an empty list.
    pub fn highlight_ids(&mut self, _ids: &[String]) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::farms_csv;
    use crate::story;

    #[test]
    fn the_demo_network_loads_without_a_bad_row() {
        let s = story::demo();
        let farms =
            farms_csv::parse("farms.csv", s.farms.as_ref().unwrap().text.as_bytes()).records;
        let (mut view, errors) =
            NetworkView::from_story(&farms, s.entities.as_ref(), s.links.as_ref());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(view.network.ties.len(), 16);
        view.resize(400.0, 300.0);
        view.frame(0.0);
        assert_eq!(view.draw_list().circles.len(), view.network.nodes.len());
    }
}

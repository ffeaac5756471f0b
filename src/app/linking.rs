//! How the two views light each other: a farm selected on the map lights the people and
//! companies that may control it; a node selected in the network lights its farms on the
//! map; a path lights its farms; a chart bar lights its farms in both; clearing any of them
//! brings back the story step's highlight.

use super::Session;
use crate::charts::{from_farms, ChartKind};

impl Session {
    /// Hover a farm (`None` for none).
    pub fn set_hovered(&mut self, farm: Option<u32>) {
        self.map.hovered = farm.map(|i| i as usize).filter(|&i| i < self.farm_count());
    }

    /// Select a farm (`None` for none): the network lights its ownership chain.
    ///
    /// # Examples
    /// ```
    /// let mut session = farmmap::app::Session::new();
    /// let farm = session.farm_index("F-BN").unwrap();
    /// session.set_selected(Some(farm));
    /// assert!(session.network_highlighted().contains(&"p-bolat".to_string()));
    /// session.set_selected(None);
    /// assert!(session.network_highlighted().is_empty());
    /// ```
    pub fn set_selected(&mut self, farm: Option<u32>) {
        let farm = farm.filter(|&i| (i as usize) < self.farm_count());
        self.map.selected = farm.map(|i| i as usize);
        let id = farm.map(|i| self.farms()[i as usize].id.clone());
        self.net.highlight_farm(id.as_deref());
    }

    /// Select a network node: the network shows its chain to the farms it may control and
    /// the map lights those farms (cluster badges then count "k/n"). Returns how many farms
    /// are lit on the map (0: nothing is dimmed).
    ///
    /// # Examples
    /// ```
    /// let mut session = farmmap::app::Session::new();
    /// let bolat = session.network().node_index("p-bolat").unwrap();
    /// assert_eq!(session.network_select(bolat), 1);
    /// assert_eq!(session.highlighted_farms(), vec![session.farm_index("F-BN").unwrap()]);
    /// ```
    pub fn network_select(&mut self, node: u32) -> usize {
        let farms = self.net.select_node(node);
        self.map.selected = None;
        self.light_map_ids((!farms.is_empty()).then_some(&farms))
    }

    /// Drop a network selection or path (Escape, a click on empty space): the story step's
    /// highlight, if any, comes back in both views.
    pub fn network_clear(&mut self) {
        self.net.clear();
        self.restore_step_highlight();
    }

    /// "How is A connected to B?": light the shortest path in the network and its farms on
    /// the map, and say it. `None` (and the step's highlight again) when either id is
    /// unknown or they are not connected.
    ///
    /// # Examples
    /// ```
    /// let mut session = farmmap::app::Session::new();
    /// let text = session.network_path("F-BN", "p-nursultan").unwrap();
    /// assert!(text.contains("Nursultan"), "{text}");
    /// assert_eq!(session.highlighted_farms(), vec![session.farm_index("F-BN").unwrap()]);
    /// assert_eq!(session.network_path("F-BN", "nobody"), None);
    /// ```
    pub fn network_path(&mut self, from_id: &str, to_id: &str) -> Option<String> {
        match self.net.show_path(from_id, to_id) {
            Some(text) => {
                let farms = self.net.lit_farm_ids();
                self.light_map_ids((!farms.is_empty()).then_some(&farms));
                Some(text)
            }
            None => {
                self.network_clear();
                None
            }
        }
    }

    /// Light the farms behind a chart bar in both views (the rest are dimmed); returns how
    /// many. An unknown chart kind lights nothing and returns 0.
    ///
    /// # Examples
    /// ```
    /// let mut session = farmmap::app::Session::new();
    /// assert_eq!(session.highlight_bar("owners", "Bolat Nazarbayev"), 1);
    /// session.clear_highlight();
    /// assert_eq!(session.highlighted_farms().len(), session.farm_count());
    /// ```
    pub fn highlight_bar(&mut self, kind: &str, key: &str) -> usize {
        let Some(kind) = ChartKind::parse(kind) else {
            return 0;
        };
        let mask = from_farms::farms_of_bar(kind, key, self.farms());
        let ids: Vec<String> = self
            .farms()
            .iter()
            .zip(&mask)
            .filter(|(_, &lit)| lit)
            .map(|(f, _)| f.id.clone())
            .collect();
        self.map.set_highlight(Some(mask));
        // The same farms light up in the network (those with ties are shown there); the
        // step's ids stay, for when the bar is cleared.
        self.net.light_ids(&ids);
        ids.len()
    }

    /// Drop a chart bar's highlight: back to what the story step lights, in both views.
    pub fn clear_highlight(&mut self) {
        self.restore_step_highlight();
    }

    /// Map indices of the farms shown at full strength (all when nothing is dimmed).
    pub fn highlighted_farms(&self) -> Vec<u32> {
        (0..self.farm_count())
            .filter(|&i| self.map.is_highlighted(i))
            .map(|i| i as u32)
            .collect()
    }

    /// Ids of the nodes lit in the network (empty when nothing is).
    pub fn network_highlighted(&self) -> Vec<String> {
        self.net.lit_ids()
    }

    /// Light the farms with these ids on the map (all lit again with `None`); returns how
    /// many farms are lit.
    fn light_map_ids(&mut self, ids: Option<&Vec<String>>) -> usize {
        let Some(ids) = ids else {
            self.map.set_highlight(None);
            return 0;
        };
        let mut mask = vec![false; self.farm_count()];
        let mut lit = 0;
        for i in ids.iter().filter_map(|id| self.farm_index(id)) {
            lit += usize::from(!mask[i as usize]);
            mask[i as usize] = true;
        }
        self.map.set_highlight(Some(mask));
        lit
    }
}

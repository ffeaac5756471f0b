//! What the page shows as text or draws from data: a farm's and a node's details, the
//! story's text, legends, charts, the table view, the export, and the network pane's
//! queries and gestures.

use super::results::{
    ChartInfo, FarmInfo, FocusedNode, HiddenCounts, Legend, LegendEntry, NetworkLegendEntry,
    NodeInfo, NodeName, NodePair, NodePosition, OwnerGroup, PrecisionEntry, SourceInfo, StepInfo,
    StoryInfo, TableSentences, TieInfo,
};
use super::Session;
use crate::charts::{from_farms, BarData, ChartKind};
use crate::model::{Precision, Status};
use crate::network::model::NodeKind;
use crate::network::queries;
use crate::scene::network_view::{Line, KINDS, KIND_SHAPES};
use crate::story::file::status_key;
use crate::story::{self, table, url};

/// The key a farm file (and FarmInfo) uses for a precision.
pub(super) fn precision_key(p: Precision) -> &'static str {
    match p {
        Precision::Exact => "exact",
        Precision::City => "city",
        Precision::Region => "region",
    }
}

/// The legend's words for a precision (how the marker is drawn).
fn precision_legend(p: Precision) -> &'static str {
    match p {
        Precision::Exact => "exact site",
        Precision::City => "known to the city",
        Precision::Region => "known to the region / illustrative",
    }
}

const CLUSTER_BADGE: &str =
    "A cluster's \u{201c}k/n\u{201d} badge: k of its n farms are highlighted";

/// A source link and its host, when it is a web link.
fn link(raw: &str) -> (Option<String>, Option<String>) {
    let url = url::web_link(raw);
    let host = url.as_deref().and_then(url::host).map(str::to_string);
    (url, host)
}

impl Session {
    /// Farm `i`'s fields (plain text), or `None` when there is no farm `i`.
    pub fn farm_info(&self, i: u32) -> Option<FarmInfo> {
        let f = self.farms().get(i as usize)?;
        let (source_url, source_host) = link(&f.source_url);
        let owner = f.owner.trim();
        Some(FarmInfo {
            index: i,
            id: f.id.clone(),
            name: f.name.clone(),
            lng: f.lng,
            lat: f.lat,
            status: status_key(f.status).into(),
            status_label: f.status.label().into(),
            precision: precision_key(f.precision).into(),
            precision_label: f.precision.label().into(),
            capacity_mw: f.capacity_mw,
            owner: (!owner.is_empty()).then(|| owner.to_string()),
            source_url,
            source_host,
            illustrative: f.is_illustrative(),
            date: f.date.map(|d| d.to_string()),
            extra: f.extra.clone(),
        })
    }

    /// The story's text and steps.
    pub fn story_info(&self) -> StoryInfo {
        let s = &self.story;
        let (url, host) = link(&s.source_url);
        StoryInfo {
            title: s.title.clone(),
            dek: s.dek.clone(),
            illustrative_note: s.illustrative_note.clone(),
            source: SourceInfo {
                name: s.source_name.clone(),
                url,
                host,
            },
            steps: s
                .steps
                .iter()
                .map(|st| StepInfo {
                    id: st.id.clone(),
                    title: st.title.clone(),
                    text: st.text.clone(),
                })
                .collect(),
        }
    }

    /// Network node `node` for the tooltip, with its farm on the map when it is one.
    ///
    /// # Examples
    /// ```
    /// let session = farmmap::app::Session::new();
    /// let node = session.network().node_index("F-BN").unwrap();
    /// let info = session.node_info(node).unwrap();
    /// assert_eq!(info.farm, session.farm_index("F-BN"));
    /// assert_eq!(info.ties[0].source_host.as_deref(), Some("eurasianet.org"));
    /// ```
    pub fn node_info(&self, node: u32) -> Option<NodeInfo> {
        let n = self.net.network().nodes.get(node as usize)?;
        let ties =
            queries::tie_sentences(self.language(), self.net.network(), self.net.graph(), node)
                .into_iter()
                .map(|t| {
                    let (source_url, source_host) = link(t.source_url.as_deref().unwrap_or(""));
                    TieInfo {
                        text: t.text,
                        source_url,
                        source_host,
                        alleged: t.alleged,
                    }
                })
                .collect();
        Some(NodeInfo {
            index: node,
            id: n.id.clone(),
            name: n.name.clone(),
            kind: kind_key(n.kind).into(),
            kind_label: n.kind.label().into(),
            description: n.description.clone().unwrap_or_default(),
            farm: (n.kind == NodeKind::Farm)
                .then(|| self.farm_index(&n.id))
                .flatten(),
            ties,
        })
    }

    /// The map's legend: statuses with their colours, precisions, the owner groups the
    /// cluster donuts show now, and the badge's meaning.
    pub fn legend(&self) -> Legend {
        Legend {
            statuses: Status::ALL
                .iter()
                .map(|&s| LegendEntry {
                    key: status_key(s).into(),
                    label: s.label().into(),
                    color: self.theme().palette().status_color(s).into(),
                })
                .collect(),
            precisions: [Precision::Exact, Precision::City, Precision::Region]
                .iter()
                .map(|&p| PrecisionEntry {
                    key: precision_key(p).into(),
                    label: if self.precision_default() == Some(p) {
                        format!(
                            "{} (the file's default for rows that give none)",
                            precision_legend(p)
                        )
                    } else {
                        precision_legend(p).into()
                    },
                })
                .collect(),
            owner_groups: self
                .map
                .owner_groups()
                .into_iter()
                .map(|(name, color)| OwnerGroup {
                    name,
                    color: color.into(),
                })
                .collect(),
            cluster_badge: CLUSTER_BADGE.into(),
        }
    }

    /// The charts the story asks for (its `charts` list, in its order) that the data
    /// supports: the farms have what the chart counts (no capacities: no capacity chart; no
    /// dated shutdown: no timeline), and it has at least two bars (one bar says nothing).
    /// A story that lists no chart shows none.
    ///
    /// # Examples
    /// ```
    /// let session = farmmap::app::Session::new();
    /// let kinds: Vec<String> = session.charts().into_iter().map(|c| c.kind).collect();
    /// assert_eq!(kinds, ["owners"]); // the demo asks for the owners chart only
    /// ```
    pub fn charts(&self) -> Vec<ChartInfo> {
        self.story
            .charts
            .iter()
            .filter_map(|name| ChartKind::parse(name))
            .filter(|&k| self.chart_says_something(k))
            .map(|k| ChartInfo {
                kind: k.name().into(),
                title: from_farms::title_in(self.language(), k),
            })
            .collect()
    }

    /// Whether chart `k` has something to show: the data supports it and it has at least
    /// two bars.
    pub(super) fn chart_says_something(&self, k: ChartKind) -> bool {
        from_farms::supports(k, self.farms())
            && from_farms::chart_data(k, self.farms()).bars.len() >= 2
    }

    /// The data of chart `kind` ("owners", "capacity", "shutdowns"), or `None` for another
    /// name.
    pub fn chart_data(&self, kind: &str) -> Option<BarData> {
        ChartKind::parse(kind).map(|k| from_farms::chart_data_in(self.language(), k, self.farms()))
    }

    /// Every farm, then every tie, as a sentence with its source.
    pub fn table_sentences(&self) -> TableSentences {
        TableSentences {
            farms: table::farm_sentences(self.language(), self.farms()),
            ties: table::tie_sentences(self.language(), self.net.network()),
        }
    }

    /// The map's attribution lines (the tile layer's first when it is on).
    pub fn attribution(&self) -> Vec<String> {
        let mut lines = self.map.basemap().attribution.clone();
        if let Some(t) = &self.map.tiles {
            lines.insert(0, format!("Tiles: {}", t.attribution));
        }
        lines
    }

    /// The map as last drawn, as SVG, with its caption: the story's title above, "Source:
    /// …" and the attribution below.
    ///
    /// # Examples
    /// ```
    /// let mut session = farmmap::app::Session::new();
    /// session.frame_map(0.0);
    /// let svg = session.export_svg();
    /// assert!(svg.starts_with("<svg") && svg.contains("Source: Almaz Kumenov"));
    /// ```
    pub fn export_svg(&self) -> String {
        self.svg_titled(&self.story.title)
    }

    /// The map as last drawn, as SVG, captioned with the current step's title (the story's
    /// outside a step), "Source: …" and the attribution: a step's poster, as `farmmap
    /// render` writes it.
    ///
    /// # Examples
    /// ```
    /// let mut session = farmmap::app::Session::new();
    /// session.resize_map(700.0, 500.0);
    /// session.go_to_step(0, 0.0, 0.0);
    /// session.frame_map(0.0);
    /// assert!(session.step_svg().contains(">More than 100 illegal farms</text>"));
    /// ```
    pub fn step_svg(&self) -> String {
        let title = self
            .current_step()
            .map_or(self.story.title.as_str(), |s| &s.title);
        self.svg_titled(title)
    }

    fn svg_titled(&self, title: &str) -> String {
        let title = match title {
            "" => "farmmap",
            t => t,
        };
        let source = match self.story.source_name.as_str() {
            "" => String::new(),
            name => format!("{} {name}", crate::i18n::t(self.language(), "source", &[])),
        };
        let attribution = self.attribution().join(" \u{b7} ");
        let c = &self.map.camera;
        crate::scene::svg::to_svg(
            self.map.draw_list(),
            c.width,
            c.height,
            &crate::scene::svg::Caption {
                title,
                source: &source,
                attribution: &attribution,
                page: self.theme().palette().page,
            },
        )
    }
}

/// The key a node kind has in files (`public_body`).
fn kind_key(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Farm => "farm",
        NodeKind::Company => "company",
        NodeKind::Person => "person",
        NodeKind::PublicBody => "public_body",
        NodeKind::Organisation => "organisation",
    }
}

/// The network pane.
impl Session {
    /// The network node under (x, y) on the network canvas, within `slop` px.
    pub fn network_pick(&self, x: f64, y: f64, slop: f64) -> Option<u32> {
        self.net.pick(x, y, slop)
    }

    /// Hover a node (`None` for none); whether the hover changed.
    pub fn network_hover(&mut self, node: Option<u32>) -> bool {
        let node = node.filter(|&n| (n as usize) < self.net.network().nodes.len());
        let changed = self.net.hovered != node;
        self.net.hovered = node;
        changed
    }

    /// The shown nodes for the path finder, sorted by name.
    pub fn network_names(&self) -> Vec<NodeName> {
        let mut out: Vec<NodeName> = self
            .net
            .shown()
            .iter()
            .map(|&i| {
                let n = &self.net.network().nodes[i as usize];
                NodeName {
                    id: n.id.clone(),
                    name: n.name.clone(),
                    kind: n.kind.label().into(),
                }
            })
            .collect();
        crate::sort::sort_by_cached_key(&mut out, |a| a.name.to_lowercase());
        out
    }

    /// A farm and a person to prefill the path finder.
    pub fn network_example_pair(&self) -> Option<NodePair> {
        queries::example_pair(self.net.network(), self.net.graph())
            .map(|(from, to)| NodePair { from, to })
    }

    /// Nodes not drawn: with no tie, or left out of a very large network's reduction.
    pub fn network_hidden_counts(&self) -> HiddenCounts {
        let (farms, others) = queries::hidden_counts(self.net.network(), self.net.graph());
        HiddenCounts {
            farms,
            others,
            left_out: self.net.left_out(),
            shown: self.net.shown().len(),
        }
    }

    /// The network's legend: the kinds that are shown, with colour and shape.
    pub fn network_legend(&self) -> Vec<NetworkLegendEntry> {
        let mut shown = [false; KINDS.len()];
        for &i in self.net.shown() {
            let kind = self.net.network().nodes[i as usize].kind;
            if let Some(k) = KINDS.iter().position(|&x| x == kind) {
                shown[k] = true;
            }
        }
        KINDS
            .iter()
            .enumerate()
            .filter(|&(k, _)| shown[k])
            .map(|(k, kind)| NetworkLegendEntry {
                label: kind.label().into(),
                color: self.theme().palette().kinds[k].into(),
                shape: KIND_SHAPES[k].name().into(),
            })
            .collect()
    }

    /// The network legend's line kinds: reported, alleged, direction, and former ties and
    /// money flows only when the data has them. `shape` names the line: `solid`,
    /// `dashed`, `arrow`, `dotted`, `money`; empty when no tie is drawn.
    pub fn network_line_legend(&self) -> Vec<NetworkLegendEntry> {
        let ties = &self.net.network().ties;
        if self.net.graph().tie.is_empty() {
            return Vec::new();
        }
        let has = |line: Line| ties.iter().any(|t| Line::of(t) == line);
        let entry = |shape: &str, label: &str, color: &str| NetworkLegendEntry {
            label: label.into(),
            color: color.into(),
            shape: shape.into(),
        };
        let p = self.theme().palette();
        let mut out = vec![
            entry("solid", "reported tie", p.tie),
            entry("dashed", "alleged tie (the source hedges)", p.tie),
            entry("arrow", "direction: owns, directs, runs, pays", p.tie),
        ];
        if has(Line::Former) {
            out.push(entry(
                "dotted",
                "former tie (ended, closed or replaced)",
                p.former_tie,
            ));
        }
        if has(Line::Money) || has(Line::MoneyAlleged) {
            out.push(entry("money", "money flow (payer → payee)", p.money_flow));
        }
        out
    }

    /// Shown nodes on the network canvas as last drawn (CSS px).
    pub fn network_screen_positions(&self) -> Vec<NodePosition> {
        self.net
            .shown()
            .iter()
            .filter_map(|&node| {
                let s = self.net.node_screen(node)?;
                Some(NodePosition {
                    node,
                    x: f64::from(s[0]),
                    y: f64::from(s[1]),
                    r: f64::from(s[2]),
                })
            })
            .collect()
    }

    /// Move keyboard focus among the shown nodes; false when it leaves the network.
    pub fn network_move_focus(&mut self, step: i32) -> bool {
        self.net.move_focus(step)
    }

    /// The node with keyboard focus and where it is.
    pub fn network_focused(&self) -> Option<FocusedNode> {
        let node = self.net.focus?;
        let s = self.net.node_screen(node)?;
        Some(FocusedNode {
            node,
            x: f64::from(s[0]),
            y: f64::from(s[1]),
        })
    }

    pub fn network_clear_focus(&mut self) {
        self.net.focus = None;
    }

    pub fn network_pan_by(&mut self, dx: f64, dy: f64) {
        self.net.pan_by(dx, dy);
    }

    pub fn network_zoom_at(&mut self, x: f64, y: f64, delta: f64) {
        self.net.zoom_at(x, y, delta);
    }

    /// Fit the whole network again (and follow the layout).
    pub fn network_reset_view(&mut self) {
        self.net.reset_camera();
    }

    /// Drag a node to (x, y): it is pinned there and the others make room.
    pub fn network_drag_to(&mut self, node: u32, x: f64, y: f64) -> bool {
        self.net.drag_to(node, x, y)
    }

    /// Run the layout again from its seeded start, releasing every pin.
    pub fn network_relayout(&mut self) {
        self.net.relayout();
    }

    /// Whether the network's layout has stopped moving: its positions are what
    /// publishing would save ([`crate::app::publish::with_settled_layout`]), or where the
    /// reader dragged its nodes.
    ///
    /// # Examples
    /// ```
    /// let mut session = farmmap::app::Session::new(); // the demo, without its layout
    /// assert!(!session.network_settled());
    /// // The demo's story file, published with its settled layout:
    /// session.load_story("k.json", farmmap::story::DEMO_PUBLISHED_JSON).unwrap();
    /// assert!(session.network_settled());
    /// ```
    pub fn network_settled(&self) -> bool {
        !self.net.is_animating()
    }

    /// The layout as a story file's `layout` object.
    pub fn network_positions(&self) -> crate::json::Value {
        story::layout::to_json(&self.net.positions_by_id())
    }

    /// Apply a `layout` object written as JSON text (`setNetworkPositions`); how many nodes
    /// were placed, or why none could be.
    pub fn set_network_positions_json(&mut self, json: &str) -> Result<usize, String> {
        let layout =
            crate::json::parse(json).map_err(|e| format!("layout is not valid JSON ({e})"))?;
        self.set_network_positions(&layout)
    }

    /// Apply a `layout` object; how many nodes were placed, or why none could be.
    pub fn set_network_positions(&mut self, layout: &crate::json::Value) -> Result<usize, String> {
        story::layout::parse(layout)
            .and_then(|l| self.net.place(&l.positions))
            .map(|a| a.placed)
            .map_err(|m| format!("layout {m}"))
    }
}

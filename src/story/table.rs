//! The "table view": every farm and every tie as a plain sentence with its source, for
//! screen-reader users and for anyone who prefers reading to a map.

use crate::model::Farm;
use crate::network::graph::Graph;
use crate::network::model::{Confidence, Network};
use crate::network::paths::Step;
use crate::network::sentence::describe;
use crate::story::url::host;

fn with_source(mut s: String, url: Option<&str>) -> String {
    match url.and_then(host) {
        Some(h) => s.push_str(&format!("; source: {h}.")),
        None => s.push_str("; no source given."),
    }
    s
}

/// One sentence per farm.
pub fn farm_sentences(farms: &[Farm]) -> Vec<String> {
    farms
        .iter()
        .map(|f| {
            let mut s = format!("{}: {}", f.name, f.status.label());
            s.push_str(&format!(", location {}", f.precision.label()));
            if f.is_illustrative() {
                s.push_str(" (placed for illustration)");
            }
            if let Some(mw) = f.capacity_mw {
                s.push_str(&format!(", {mw} MW"));
            }
            if f.owner.trim().is_empty() {
                s.push_str("; owner not named by the source");
            } else {
                s.push_str(&format!("; tied to {}", f.owner.trim()));
            }
            with_source(
                s,
                Some(&f.source_url)
                    .filter(|u| !u.is_empty())
                    .map(String::as_str),
            )
        })
        .collect()
}

/// One sentence per tie, hedged when the source hedges ("is believed to be…"), with the
/// source and whether it is reported or alleged.
pub fn tie_sentences(network: &Network) -> Vec<String> {
    let (graph, _) = Graph::new(network);
    network
        .ties
        .iter()
        .enumerate()
        .filter_map(|(t, tie)| {
            let from = *graph.index.get(&tie.source)?;
            let to = *graph.index.get(&tie.target)?;
            let text = describe(network, &[Step { tie: t, from, to }])?;
            let text = text.trim_end_matches('.').to_string();
            let label = match tie.confidence {
                Confidence::Reported => " (reported)",
                Confidence::Alleged => " (alleged)",
            };
            Some(with_source(text + label, tie.source_url.as_deref()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story;

    #[test]
    fn every_demo_tie_is_a_sourced_sentence_and_hedges_stay() {
        let loaded = story::load(&story::demo());
        let (farms, network) = (loaded.farms.records, loaded.network);
        let ties = tie_sentences(&network);
        assert_eq!(ties.len(), network.ties.len());
        assert!(
            ties.iter()
                .all(|t| t.ends_with("; source: eurasianet.org.")),
            "{ties:#?}"
        );
        let marriage = ties
            .iter()
            .find(|t| t.starts_with("Kairat Sharipbayev") && t.contains("Dariga"))
            .unwrap();
        assert!(
            marriage.contains("believed") && marriage.contains("(alleged)"),
            "{marriage}"
        );
        let farms_text = farm_sentences(&farms);
        assert_eq!(farms_text.len(), farms.len());
        assert!(
            farms_text[0].contains("placed for illustration")
                && farms_text[0].contains("tied to Bolat Nazarbayev")
        );
    }
}

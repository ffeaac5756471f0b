//! The "table view": every farm and every tie as a plain sentence with its source, for
//! screen-reader users and for anyone who prefers reading to a map.

use crate::i18n::{number, t, Arg, Lang};
use crate::model::{Farm, Precision};
use crate::network::graph::Graph;
use crate::network::model::{Confidence, Network};
use crate::network::paths::Step;
use crate::network::sentence::describe_in;
use crate::story::file::status_key;
use crate::story::url::host;

fn with_source(lang: Lang, mut s: String, url: Option<&str>) -> String {
    match url.and_then(host) {
        Some(h) => s.push_str(&t(lang, "table.source", &[("host", Arg::Text(h))])),
        None => s.push_str(&t(lang, "table.noSource", &[])),
    }
    s
}

/// A farm's status and precision in `lang` (the catalogue's `status.*` and `precision.*`).
fn farm_labels(lang: Lang, f: &Farm) -> (String, String) {
    let precision = match f.precision {
        Precision::Exact => "exact",
        Precision::City => "city",
        Precision::Region => "region",
    };
    (
        t(lang, &format!("status.{}", status_key(f.status)), &[]),
        t(lang, &format!("precision.{precision}"), &[]),
    )
}

/// One sentence per farm, in `lang`.
pub fn farm_sentences(lang: Lang, farms: &[Farm]) -> Vec<String> {
    farms
        .iter()
        .map(|f| {
            let (status, precision) = farm_labels(lang, f);
            let mut s = t(
                lang,
                "table.farm",
                &[
                    ("name", Arg::Text(&f.name)),
                    ("status", Arg::Text(&status)),
                    ("precision", Arg::Text(&precision)),
                ],
            );
            if f.is_illustrative() {
                s.push_str(&t(lang, "table.illustrative", &[]));
            }
            if let Some(mw) = f.capacity_mw {
                let mw = number(lang, mw, 3);
                s.push_str(&t(lang, "table.mw", &[("mw", Arg::Text(&mw))]));
            }
            let owner = f.owner.trim();
            if owner.is_empty() {
                s.push_str(&t(lang, "table.noOwner", &[]));
            } else {
                s.push_str(&t(lang, "table.tiedTo", &[("owner", Arg::Text(owner))]));
            }
            let url = Some(&f.source_url).filter(|u| !u.is_empty());
            with_source(lang, s, url.map(String::as_str))
        })
        .collect()
}

/// One sentence per tie in `lang`, hedged when the source hedges ("is believed to be…";
/// "предположительно …"), with the source and whether it is reported or alleged.
pub fn tie_sentences(lang: Lang, network: &Network) -> Vec<String> {
    let (graph, _) = Graph::new(network);
    network
        .ties
        .iter()
        .enumerate()
        .filter_map(|(k, tie)| {
            let from = *graph.index.get(&tie.source)?;
            let to = *graph.index.get(&tie.target)?;
            let text = describe_in(lang, network, &[Step { tie: k, from, to }])?;
            let text = text.trim_end_matches('.').to_string();
            let label = match tie.confidence {
                Confidence::Reported => t(lang, "table.reported", &[]),
                Confidence::Alleged => t(lang, "table.alleged", &[]),
            };
            Some(with_source(lang, text + &label, tie.source_url.as_deref()))
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
        let ties = tie_sentences(Lang::En, &network);
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
        let farms_text = farm_sentences(Lang::En, &farms);
        assert_eq!(farms_text.len(), farms.len());
        assert!(
            farms_text[0].contains("placed for illustration")
                && farms_text[0].contains("tied to Bolat Nazarbayev")
        );
    }

    #[test]
    fn russian_and_kazakh_tables_keep_hedges_and_sources() {
        let loaded = story::load(&story::demo());
        for (lang, alleged, source) in [
            (
                Lang::Ru,
                "(предположительно)",
                "; источник: eurasianet.org.",
            ),
            (Lang::Kk, "(болжам)", "; дереккөз: eurasianet.org."),
        ] {
            let ties = tie_sentences(lang, &loaded.network);
            assert_eq!(ties.len(), loaded.network.ties.len());
            assert!(ties.iter().all(|s| s.ends_with(source)), "{ties:#?}");
            // Every alleged tie says so twice: a hedge in the words (the data's own,
            // "suspected", or "believed") and the label.
            let hedges: Vec<String> = ["believed", "suspected", "alleged", "reported", "rumoured"]
                .iter()
                .map(|h| t(lang, &format!("hedge.{h}"), &[("what", Arg::Text(""))]))
                .collect();
            for (s, tie) in ties.iter().zip(&loaded.network.ties) {
                if tie.confidence == Confidence::Alleged {
                    let hedged = hedges.iter().any(|h| s.contains(h.trim()));
                    assert!(hedged && s.contains(alleged), "{s}");
                }
            }
            let farms = farm_sentences(lang, &loaded.farms.records);
            assert!(farms.iter().all(|s| s.ends_with(source)), "{farms:#?}");
            assert!(!farms[0].contains("tied to") && !farms[0].contains("location"));
        }
    }
}

//! Saying a path in words: "Farm X is 51% owned by Company Y, whose chairman is Z, who is
//! the brother of W." Alleged ties are worded as beliefs ("is believed to be"), never as
//! fact. The result is plain text, for `textContent`, never HTML.

use super::model::{Confidence, Network, NodeKind, Tie, TieKind};
use super::paths::Step;

/// A verb phrase before the object's name, in the two shapes hedging needs.
enum Phrase {
    /// "is owned by" → hedged "is believed to be owned by".
    Be(String),
    /// "owns" / "own" → hedged "is believed to own".
    Verb(&'static str, &'static str),
    /// "whose chairman is" (the object holds a role of the subject) → hedged
    /// "whose chairman is believed to be"; at the start "Y's chairman is".
    Whose(String),
}

fn share_text(tie: &Tie) -> String {
    match tie.share {
        Some(s) if s.min == s.max => format!("{}% ", trim_number(s.min)),
        Some(s) => format!("{}–{}% ", trim_number(s.min), trim_number(s.max)),
        None => String::new(),
    }
}

fn trim_number(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn role(tie: &Tie, default: &str) -> String {
    tie.relationship
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map_or_else(|| default.to_string(), str::to_lowercase)
}

/// How the walked-from node relates to the walked-to node over `tie`.
fn phrase(tie: &Tie, forward: bool) -> Phrase {
    use Phrase::*;
    match (tie.kind, forward) {
        (TieKind::Owns, true) => match tie.share {
            Some(_) => Be(format!("the owner of {}of", share_text(tie))),
            None => Verb("owns", "own"),
        },
        (TieKind::Owns, false) => Be(format!("{}owned by", share_text(tie))),
        (TieKind::Operates, true) => Verb("operates", "operate"),
        (TieKind::Operates, false) => Be("operated by".into()),
        (TieKind::Directs, true) => Be(format!("the {} of", role(tie, "director"))),
        (TieKind::Directs, false) => Whose(role(tie, "director")),
        (TieKind::Family, true) => match &tie.relationship {
            Some(_) => Be(format!("the {} of", role(tie, "relative"))),
            None => Be("a relative of".into()),
        },
        (TieKind::Family, false) => match &tie.relationship {
            Some(_) => Whose(role(tie, "relative")),
            None => Be("a relative of".into()),
        },
        (TieKind::Associate, _) => Be("an associate of".into()),
        (TieKind::Member, true) => Be("a member of".into()),
        (TieKind::Member, false) => Whose("member".into()),
        (TieKind::Employee, true) => Verb("works for", "work for"),
        (TieKind::Employee, false) => Verb("employs", "employ"),
        (TieKind::Unknown, _) => Be("linked to".into()),
    }
}

/// The path as one sentence; `None` for an empty path (nothing to say).
pub fn describe(network: &Network, steps: &[Step]) -> Option<String> {
    if steps.is_empty() {
        return None;
    }
    let name = |i: u32| network.nodes[i as usize].name.as_str();
    let mut text = String::new();
    for (i, step) in steps.iter().enumerate() {
        let tie = &network.ties[step.tie];
        let forward = tie.source == network.nodes[step.from as usize].id;
        let hedge = tie.confidence == Confidence::Alleged;
        let object = name(step.to);
        let subject = name(step.from);
        let clause = match (phrase(tie, forward), hedge) {
            (Phrase::Be(p), false) => format!("is {p} {object}"),
            (Phrase::Be(p), true) => format!("is believed to be {p} {object}"),
            (Phrase::Verb(v, _), false) => format!("{v} {object}"),
            (Phrase::Verb(_, base), true) => format!("is believed to {base} {object}"),
            (Phrase::Whose(r), h) => {
                let be = if h { "is believed to be" } else { "is" };
                if i == 0 {
                    text.push_str(&format!("{subject}'s {r} {be} {object}"));
                } else {
                    text.push_str(&format!(", whose {r} {be} {object}"));
                }
                continue;
            }
        };
        if i == 0 {
            text.push_str(&format!("{subject} {clause}"));
        } else {
            let who = if network.nodes[step.from as usize].kind == NodeKind::Person {
                "who"
            } else {
                "which"
            };
            text.push_str(&format!(", {who} {clause}"));
        }
    }
    text.push('.');
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::graph::Graph;
    use crate::network::paths::shortest_path;
    use crate::network::paths::tests::story;

    fn say(from: u32, to: u32) -> String {
        let net = story();
        let (g, _) = Graph::new(&net);
        describe(&net, &shortest_path(&g, &net, from, to).unwrap()).unwrap()
    }

    #[test]
    fn reads_a_chain_of_ownership_direction_and_family() {
        // Farm X to Z: owned by Y, whose chairman is Z.
        assert_eq!(
            say(0, 2),
            "Farm X is 51% owned by Company Y, whose chairman is Z."
        );
        // Z to Farm X, walking the other way.
        assert_eq!(
            say(2, 0),
            "Z is the chairman of Company Y, which is the owner of 51% of Farm X."
        );
    }

    #[test]
    fn alleged_ties_are_worded_as_beliefs() {
        // Farm X to W goes through the alleged ownership of Y by W.
        assert_eq!(
            say(0, 3),
            "Farm X is 51% owned by Company Y, which is believed to be owned by W."
        );
        assert_eq!(say(4, 5), "Company V is believed to operate Farm U.");
    }

    #[test]
    fn family_and_employment_read_both_ways() {
        assert_eq!(say(3, 2), "W's brother is Z.");
        assert_eq!(say(2, 3), "Z is the brother of W.");
        assert_eq!(say(6, 1), "P works for Company Y.");
        assert_eq!(say(1, 6), "Company Y employs P.");
        let net = story();
        assert_eq!(describe(&net, &[]), None);
    }
}

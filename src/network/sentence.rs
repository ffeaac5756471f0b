//! Saying a path in words: "Farm X is 51% owned by Company Y, whose chairman is Z, who is
//! the brother of W." Alleged ties are worded as beliefs ("is believed to be"), never as
//! fact, and a hedge in the data's own words ("suspected partner") is kept ("is suspected
//! to be the partner of"). Former ties are worded in the past with their end ("was 50%
//! owned by W until 2021-04-03"); money flows say who paid whom, how much and when ("paid
//! €12,000 to Y on 2019-05-01"). Relationship words come from the data ("Family member of"
//! reads "a family member of", never "the family member of of"), and a name ending in a
//! full stop ("Beta a.s.") does not get a second one. The result is plain text, for
//! `textContent`, never HTML.

use super::model::{Confidence, Directness, InterestKind, Money, Network, NodeKind, Tie};
use super::model::{TieKind, TieNature};
use super::paths::Step;
use crate::i18n::{t, Arg, Lang};

/// A verb phrase before the object's name, in the shapes tense and hedging need.
enum Phrase {
    /// "owned by": "is owned by", "was owned by", "is believed to be owned by", "is
    /// believed to have been owned by".
    Be(String),
    /// A verb: present ("owns"), base ("own"), past ("owned"), participle ("owned").
    Verb([String; 4]),
    /// "whose chairman is" (the object holds a role of the subject); at the start
    /// "Y's chairman is".
    Whose(String),
}

fn verb(present: &str, base: &str, past: &str, participle: &str) -> Phrase {
    Phrase::Verb([
        present.to_string(),
        base.to_string(),
        past.to_string(),
        participle.to_string(),
    ])
}

fn share_text(tie: &Tie) -> String {
    match tie.share {
        Some(s) if s.min == s.max => format!("{}% ", trim_number(s.min)),
        Some(s) => format!("{}–{}% ", trim_number(s.min), trim_number(s.max)),
        None => String::new(),
    }
}

fn trim_number(v: f64) -> String {
    let s = crate::json::Fixed(v, 2).to_string();
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// "€12,000", "$1,500.50", "12,000 KZT", "12,000" (no currency).
pub fn money_text(m: &Money) -> String {
    let v = m.value.abs();
    let whole = v.trunc() as u64;
    let cents = ((v - v.trunc()) * 100.0).round() as u64;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if cents > 0 {
        grouped.push_str(&format!(".{cents:02}"));
    }
    let sign = if m.value < 0.0 { "-" } else { "" };
    match m.currency.as_deref().map(str::trim) {
        Some("EUR") => format!("{sign}€{grouped}"),
        Some("USD") => format!("{sign}${grouped}"),
        Some("GBP") => format!("{sign}£{grouped}"),
        Some(c) if !c.is_empty() => format!("{sign}{grouped} {c}"),
        _ => format!("{sign}{grouped}"),
    }
}

/// The hedge a data word carries, as the sentence says it ("is suspected to be").
fn hedge_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "suspected" => "suspected",
        "alleged" | "allegedly" => "alleged",
        "believed" | "possible" | "possibly" | "presumed" | "unconfirmed" => "believed",
        "reportedly" => "reported",
        "rumoured" | "rumored" => "rumoured",
        _ => return None,
    })
}

/// The data's relationship or role words, cleaned for a sentence: lower case, hedge words
/// taken out (and returned), a trailing "of"/"to"/"for"/"in"/"with" dropped ("Family member
/// of" → "family member"), spaces collapsed.
fn clean_words(raw: &str) -> (String, Option<&'static str>) {
    let mut hedge = None;
    let mut words: Vec<String> = Vec::new();
    for w in raw.split_whitespace() {
        let lower = w.to_lowercase();
        let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
        if let Some(h) = hedge_word(bare) {
            hedge.get_or_insert(h);
            continue;
        }
        words.push(lower);
    }
    while words
        .last()
        .is_some_and(|w| matches!(w.as_str(), "of" | "to" | "for" | "in" | "with" | "by"))
    {
        words.pop();
    }
    (words.join(" "), hedge)
}

/// Relationship words that name one of many ("a family member of", "an associate of");
/// others take "the" ("the brother of", "the chairman of").
fn article(words: &str) -> String {
    if ["a ", "an ", "the "].iter().any(|a| words.starts_with(a)) {
        return words.to_string();
    }
    let generic = [
        "family member",
        "relative",
        "associate",
        "business associate",
        "close associate",
        "member",
        "partner",
        "business partner",
        "friend",
        "colleague",
        "employee",
        "shareholder",
        "board member",
        "trustee",
        "beneficiary",
        "nominee",
        "senior managing official",
        "official",
        "leader or official",
        "director",
        "agent",
        "representative",
        "subsidiary",
        "owner",
    ];
    if generic.contains(&words) {
        let an = words.starts_with(['a', 'e', 'i', 'o', 'u']);
        format!("{} {words}", if an { "an" } else { "a" })
    } else {
        format!("the {words}")
    }
}

/// The tie's relationship words, cleaned, or `default`.
fn role(tie: &Tie, default: &str) -> (String, Option<&'static str>) {
    match tie.relationship.as_deref().map(clean_words) {
        Some((w, h)) if !w.is_empty() && tie.interests.is_empty() => (w, h),
        Some((_, h)) => (default.to_string(), h),
        None => (default.to_string(), None),
    }
}

/// How the walked-from node relates to the walked-to node over `tie`, and a hedge the
/// data's words carry.
fn phrase(tie: &Tie, forward: bool, past: bool) -> (Phrase, Option<&'static str>) {
    use Phrase::*;
    let share = share_text(tie);
    let indirect = tie.direct == Some(Directness::Indirect);
    let main = tie.main_interest().map(|i| i.kind);
    if let Some(nature) = tie.nature {
        let (_, hedge) = role(tie, "");
        let p = match (nature, forward) {
            (TieNature::Payment, true) => match &tie.amount {
                Some(m) => {
                    let a = money_text(m);
                    verb(
                        &format!("pays {a} to"),
                        &format!("pay {a} to"),
                        &format!("paid {a} to"),
                        &format!("paid {a} to"),
                    )
                }
                None => verb("pays", "pay", "paid", "paid"),
            },
            (TieNature::Payment, false) => match &tie.amount {
                Some(m) => {
                    let a = money_text(m);
                    verb(
                        &format!("receives {a} from"),
                        &format!("receive {a} from"),
                        &format!("received {a} from"),
                        &format!("received {a} from"),
                    )
                }
                None => verb(
                    "receives money from",
                    "receive money from",
                    "received money from",
                    "received money from",
                ),
            },
            (TieNature::Representation, true) => {
                verb("represents", "represent", "represented", "represented")
            }
            (TieNature::Representation, false) => Be("represented by".into()),
            (TieNature::Succession, true) => Be("succeeded by".into()),
            (TieNature::Succession, false) => verb("succeeds", "succeed", "succeeded", "succeeded"),
        };
        return (p, hedge);
    }
    let (p, hedge) = match (tie.kind, forward) {
        (TieKind::Owns, true) if main == Some(InterestKind::VotingRights) => {
            let v = format!("{share}of the voting rights in");
            let v = if share.is_empty() {
                "voting rights in".to_string()
            } else {
                v
            };
            (
                verb(
                    &format!("holds {v}"),
                    &format!("hold {v}"),
                    &format!("held {v}"),
                    &format!("held {v}"),
                ),
                None,
            )
        }
        (TieKind::Owns, false) if main == Some(InterestKind::VotingRights) => {
            let v = if share.is_empty() {
                "voting rights held by".to_string()
            } else {
                format!("{share}of its voting rights held by")
            };
            (
                verb(
                    &format!("has {v}"),
                    &format!("have {v}"),
                    &format!("had {v}"),
                    &format!("had {v}"),
                ),
                None,
            )
        }
        (TieKind::Owns, true) => {
            let how = if indirect { "indirectly " } else { "" };
            let p = match (tie.share, past) {
                (Some(_), false) if indirect => Be(format!("the indirect owner of {share}of")),
                (Some(_), false) => Be(format!("the owner of {share}of")),
                (Some(_), true) => verb(
                    &format!("{how}owns {share}of"),
                    &format!("{how}own {share}of"),
                    &format!("{how}owned {share}of"),
                    &format!("{how}owned {share}of"),
                ),
                (None, _) => verb(
                    &format!("{how}owns"),
                    &format!("{how}own"),
                    &format!("{how}owned"),
                    &format!("{how}owned"),
                ),
            };
            (p, None)
        }
        (TieKind::Owns, false) => {
            let how = if indirect { "indirectly " } else { "" };
            (Be(format!("{how}{share}owned by")), None)
        }
        (TieKind::Operates, true) => (verb("operates", "operate", "operated", "operated"), None),
        (TieKind::Operates, false) => (Be("operated by".into()), None),
        (TieKind::Directs, fwd) if main == Some(InterestKind::AppointmentOfBoard) => {
            let p = if fwd {
                verb(
                    "appoints the board of",
                    "appoint the board of",
                    "appointed the board of",
                    "appointed the board of",
                )
            } else {
                verb(
                    "has its board appointed by",
                    "have its board appointed by",
                    "had its board appointed by",
                    "had its board appointed by",
                )
            };
            (p, None)
        }
        (TieKind::Directs, fwd) => {
            let default = main.map_or("director", InterestKind::words);
            let (r, h) = role(tie, default);
            (
                if fwd {
                    Be(format!("{} of", article(&r)))
                } else {
                    Whose(r)
                },
                h,
            )
        }
        (TieKind::Family, fwd) => {
            let (r, h) = role(tie, "");
            let p = match (r.is_empty(), fwd) {
                (true, _) => Be("a relative of".into()),
                (false, true) => Be(format!("{} of", article(&r))),
                (false, false) => Whose(r),
            };
            (p, h)
        }
        (TieKind::Associate, _) => {
            let (r, h) = role(tie, "associate");
            (Be(format!("{} of", article(&r))), h)
        }
        (TieKind::Member, true) => {
            let (_, h) = role(tie, "");
            (Be("a member of".into()), h)
        }
        (TieKind::Member, false) => {
            let (_, h) = role(tie, "");
            (Whose("member".into()), h)
        }
        (TieKind::Employee, true) => {
            let (_, h) = role(tie, "");
            (verb("works for", "work for", "worked for", "worked for"), h)
        }
        (TieKind::Employee, false) => {
            let (_, h) = role(tie, "");
            (verb("employs", "employ", "employed", "employed"), h)
        }
        (TieKind::Unknown, fwd) => match main {
            Some(k @ (InterestKind::Settlor | InterestKind::BeneficiaryOfLegalArrangement)) => (
                if fwd {
                    Be(format!("{} of", article(k.words())))
                } else {
                    Whose(k.words().into())
                },
                None,
            ),
            Some(k @ (InterestKind::Nominee | InterestKind::Nominator)) => (
                if fwd {
                    Be(format!("{} in", article(k.words())))
                } else {
                    Whose(k.words().into())
                },
                None,
            ),
            Some(InterestKind::UnknownInterest | InterestKind::UnpublishedInterest) | None => {
                let (_, h) = role(tie, "");
                (Be("linked to".into()), h)
            }
            Some(k) => {
                let w = if k == InterestKind::Other {
                    tie.main_interest()
                        .map_or("an interest", |i| i.code.as_str())
                        .to_string()
                } else {
                    k.words().to_string()
                };
                if fwd {
                    (
                        verb(
                            &format!("has {w} in"),
                            &format!("have {w} in"),
                            &format!("had {w} in"),
                            &format!("had {w} in"),
                        ),
                        None,
                    )
                } else {
                    (Be(format!("subject to {w} held by")), None)
                }
            }
        },
    };
    (p, hedge)
}

/// Capitalise a sentence that starts with an article ("an unspecified owner …").
fn sentence_start(name: &str) -> String {
    for a in ["a ", "an ", "the "] {
        if let Some(rest) = name.strip_prefix(a) {
            let mut first = a.to_string();
            first[..1].make_ascii_uppercase();
            return format!("{first}{rest}");
        }
    }
    name.to_string()
}

/// The path as one sentence; `None` for an empty path (nothing to say).
///
/// # Examples
/// ```
/// use farmmap::network::model::{Confidence, Network, Node, NodeKind, Tie, TieKind};
/// use farmmap::network::paths::Step;
/// use farmmap::network::sentence::describe;
///
/// let mut net = Network::default();
/// net.nodes.push(Node::new("p", NodeKind::Person, "Ivan Petrov"));
/// net.nodes.push(Node::new("c", NodeKind::Company, "Beta a.s."));
/// let mut tie = Tie::new("p", "c", TieKind::Directs, Confidence::Reported);
/// tie.relationship = Some("Leader or official of".into());
/// tie.former = true;
/// tie.end = Some("2019".into());
/// net.ties.push(tie);
/// let step = Step { tie: 0, from: 0, to: 1 };
/// assert_eq!(
///     describe(&net, &[step]).unwrap(),
///     "Ivan Petrov was a leader or official of Beta a.s. until 2019."
/// );
/// ```
pub fn describe(network: &Network, steps: &[Step]) -> Option<String> {
    if steps.is_empty() {
        return None;
    }
    let name = |i: u32| network.nodes[i as usize].name.as_str();
    let mut text = String::new();
    for (i, step) in steps.iter().enumerate() {
        let tie = &network.ties[step.tie];
        let forward = tie.source == network.nodes[step.from as usize].id;
        let event = matches!(tie.nature, Some(TieNature::Payment | TieNature::Succession));
        let past = tie.former || event;
        let (phrase, data_hedge) = phrase(tie, forward, past);
        let hedge = data_hedge.or((tie.confidence == Confidence::Alleged).then_some("believed"));
        let object = name(step.to);
        let subject = if i == 0 {
            sentence_start(name(step.from))
        } else {
            name(step.from).to_string()
        };
        let when = match (&tie.end, &tie.date) {
            _ if tie.is_money_flow() => tie.date.as_ref().map(|d| format!(" on {d}")),
            (Some(end), _) if tie.former => Some(format!(" until {end}")),
            _ => None,
        }
        .unwrap_or_default();
        let clause = match (phrase, hedge, past) {
            (Phrase::Be(p), None, false) => format!("is {p} {object}"),
            (Phrase::Be(p), None, true) => format!("was {p} {object}"),
            (Phrase::Be(p), Some(h), false) => format!("is {h} to be {p} {object}"),
            (Phrase::Be(p), Some(h), true) => format!("is {h} to have been {p} {object}"),
            (Phrase::Verb([v, ..]), None, false) => format!("{v} {object}"),
            (Phrase::Verb([_, _, v, _]), None, true) => format!("{v} {object}"),
            (Phrase::Verb([_, v, ..]), Some(h), false) => format!("is {h} to {v} {object}"),
            (Phrase::Verb([.., v]), Some(h), true) => format!("is {h} to have {v} {object}"),
            (Phrase::Whose(r), h, past) => {
                let be = match (h, past) {
                    (None, false) => "is".to_string(),
                    (None, true) => "was".to_string(),
                    (Some(h), false) => format!("is {h} to be"),
                    (Some(h), true) => format!("is {h} to have been"),
                };
                if i == 0 {
                    text.push_str(&format!("{subject}'s {r} {be} {object}{when}"));
                } else {
                    text.push_str(&format!(", whose {r} {be} {object}{when}"));
                }
                continue;
            }
        };
        if i == 0 {
            text.push_str(&format!("{subject} {clause}{when}"));
        } else {
            let who = if network.nodes[step.from as usize].kind == NodeKind::Person {
                "who"
            } else {
                "which"
            };
            text.push_str(&format!(", {who} {clause}{when}"));
        }
    }
    if !text.ends_with('.') {
        text.push('.');
    }
    Some(text)
}

/// What `tie` is, from its source's side, in `lang`'s words (Russian and Kazakh; English
/// has [`describe`]'s grammar): the kind ("владеет 51%"), the data's own role words in
/// brackets ("руководит (chairman)"), the hedge the data or the confidence carries
/// ("предположительно …": never dropped), a former tie's end and a payment's day. The
/// words come from the catalogue (`www/i18n-strings.js`, keys `tie.*` and `hedge.*`).
///
/// # Examples
/// ```
/// use farmmap::i18n::Lang;
/// use farmmap::network::model::{Confidence, Tie, TieKind};
/// use farmmap::network::sentence::tie_words;
///
/// let mut tie = Tie::new("w", "y", TieKind::Owns, Confidence::Alleged);
/// tie.former = true;
/// tie.end = Some("2021".into());
/// assert_eq!(tie_words(Lang::Ru, &tie), "предположительно владеет (в прошлом, до 2021)");
/// ```
pub fn tie_words(lang: Lang, tie: &Tie) -> String {
    let share = match tie.share {
        Some(s) if s.min == s.max => format!("{}%", trim_number(s.min)),
        Some(s) => format!("{}–{}%", trim_number(s.min), trim_number(s.max)),
        None => String::new(),
    };
    let (role, data_hedge) = match tie.relationship.as_deref().map(clean_words) {
        Some((w, h)) => (w, h),
        None => (String::new(), None),
    };
    let main = tie.main_interest().map(|i| i.kind);
    let indirect = tie.direct == Some(Directness::Indirect);
    let say = |key: &str, args: &[(&str, Arg)]| t(lang, key, args).trim_end().to_string();
    let with_role = |key: &str, unnamed: &str| {
        if role.is_empty() {
            say(unnamed, &[])
        } else {
            say(key, &[("role", Arg::Text(&role))])
        }
    };
    let share_arg = [("share", Arg::Text(&share))];
    let what = match (tie.nature, tie.kind) {
        (Some(TieNature::Payment), _) => match &tie.amount {
            Some(m) => say("tie.pays", &[("amount", Arg::Text(&money_text(m)))]),
            None => say("tie.paysUnknown", &[]),
        },
        (Some(TieNature::Representation), _) => say("tie.represents", &[]),
        (Some(TieNature::Succession), _) => say("tie.succeededBy", &[]),
        (None, TieKind::Owns) if main == Some(InterestKind::VotingRights) => {
            say("tie.voting", &share_arg)
        }
        (None, TieKind::Owns) if indirect => say("tie.ownsIndirectly", &share_arg),
        (None, TieKind::Owns) => say("tie.owns", &share_arg),
        (None, TieKind::Operates) => say("tie.operates", &[]),
        (None, TieKind::Directs) if main == Some(InterestKind::AppointmentOfBoard) => {
            say("tie.board", &[])
        }
        (None, TieKind::Directs) => with_role("tie.directs", "tie.directsUnnamed"),
        (None, TieKind::Family) => with_role("tie.family", "tie.familyUnnamed"),
        (None, TieKind::Associate) => with_role("tie.associate", "tie.associateUnnamed"),
        (None, TieKind::Member) => say("tie.member", &[]),
        (None, TieKind::Employee) => say("tie.employee", &[]),
        (None, TieKind::Unknown) => match main {
            Some(InterestKind::UnknownInterest | InterestKind::UnpublishedInterest) | None => {
                say("tie.linked", &[])
            }
            // BODS's interest types, in its own (English) words: data, not interface.
            Some(k) => say("tie.interest", &[("role", Arg::Text(k.words()))]),
        },
    };
    let hedge = data_hedge.or((tie.confidence == Confidence::Alleged).then_some("believed"));
    let mut out = match hedge {
        Some(h) => say(&format!("hedge.{h}"), &[("what", Arg::Text(&what))]),
        None => what,
    };
    if tie.is_money_flow() {
        if let Some(d) = &tie.date {
            out.push_str(&t(lang, "tie.on", &[("date", Arg::Text(d))]));
        }
    }
    if tie.former {
        out.push_str(&match &tie.end {
            Some(end) => t(lang, "tie.formerUntil", &[("end", Arg::Text(end))]),
            None => t(lang, "tie.former", &[]),
        });
    }
    out
}

/// [`describe`] in `lang`. English is [`describe`]'s sentence; Russian and Kazakh say each
/// step as "A → B: what" (or "A ← B" when the walk goes against the tie), with
/// [`tie_words`], so names stay as the data writes them and no case ending is forced onto
/// a name; steps are joined with "; ".
///
/// # Examples
/// ```
/// use farmmap::i18n::Lang;
/// use farmmap::network::model::{Confidence, Network, Node, NodeKind, Tie, TieKind};
/// use farmmap::network::paths::Step;
/// use farmmap::network::sentence::describe_in;
///
/// let mut net = Network::default();
/// net.nodes.push(Node::new("f", NodeKind::Farm, "Ферма X"));
/// net.nodes.push(Node::new("c", NodeKind::Company, "ТОО Y"));
/// net.ties.push(Tie::new("c", "f", TieKind::Owns, Confidence::Reported));
/// let step = Step { tie: 0, from: 0, to: 1 };
/// assert_eq!(describe_in(Lang::Ru, &net, &[step]).unwrap(), "Ферма X ← ТОО Y: владеет.");
/// ```
pub fn describe_in(lang: Lang, network: &Network, steps: &[Step]) -> Option<String> {
    if lang == Lang::En || steps.is_empty() {
        return describe(network, steps);
    }
    let name = |i: u32| network.nodes[i as usize].name.as_str();
    let parts: Vec<String> = steps
        .iter()
        .map(|step| {
            let tie = &network.ties[step.tie];
            let forward = tie.source == network.nodes[step.from as usize].id;
            let key = if forward {
                "tie.forward"
            } else {
                "tie.backward"
            };
            let what = tie_words(lang, tie);
            t(
                lang,
                key,
                &[
                    ("a", Arg::Text(name(step.from))),
                    ("b", Arg::Text(name(step.to))),
                    ("what", Arg::Text(&what)),
                ],
            )
        })
        .collect();
    let mut text = parts.join(&t(lang, "tie.join", &[]));
    if !text.ends_with('.') {
        text.push('.');
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::graph::Graph;
    use crate::network::model::{Confidence, Tie, TieKind};
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
    fn russian_and_kazakh_keep_every_hedge_and_direction() {
        let net = story();
        let (g, _) = Graph::new(&net);
        let say_in = |lang, from, to| {
            describe_in(lang, &net, &shortest_path(&g, &net, from, to).unwrap()).unwrap()
        };
        // Farm X to W: owned by Y (reported), which is believed to be owned by W (alleged).
        assert_eq!(
            say_in(Lang::Ru, 0, 3),
            "Farm X ← Company Y: владеет 51%; Company Y ← W: предположительно владеет."
        );
        assert_eq!(
            say_in(Lang::Kk, 4, 5),
            "Company V → Farm U: болжам бойынша фермасын басқарады."
        );
        // The data's own hedge word is kept, translated, whatever the confidence says.
        let mut tie = Tie::new("a", "b", TieKind::Associate, Confidence::Reported);
        tie.relationship = Some("suspected partner".into());
        assert_eq!(
            tie_words(Lang::Ru, &tie),
            "по подозрениям, деловая связь (partner)"
        );
        assert_eq!(
            tie_words(Lang::Kk, &tie),
            "күдік бойынша іскерлік байланыс (partner)"
        );
        // Every hedge word has a translation in both languages (none falls back to a key).
        for h in ["believed", "suspected", "alleged", "reported", "rumoured"] {
            for lang in [Lang::Ru, Lang::Kk] {
                let said = t(lang, &format!("hedge.{h}"), &[("what", Arg::Text("X"))]);
                assert!(
                    said.contains('X') && !said.contains(h),
                    "{h} in {lang:?}: {said}"
                );
            }
        }
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

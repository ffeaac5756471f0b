//! Beneficial Ownership Data Standard statements (JSON array), 0.4 and the 0.2/0.3 names.
//!
//! Entity and person statements become nodes; a relationship statement becomes one tie
//! from interestedParty to subject: owns (with the shareholding share, exact or a
//! range) if any interest is shareholding or voting rights, directs if any is a board or
//! senior-official role, else an unknown link naming the interest types. Statements about
//! the same record keep the one with the latest statementDate, and a record whose latest
//! status is `closed` is dropped. BODS statements are declarations, so ties are reported.
//! Statements are numbered from 1 in messages.

use super::text::decode;
use super::{check_date, check_url, quote, ImportError, NetworkReport};
use crate::network::model::{Confidence, Network, Node, NodeKind, Share, Tie, TieKind};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, PartialEq)]
enum Record {
    Entity,
    Person,
    Relationship,
}

struct Statement<'a> {
    number: usize,
    record: Record,
    id: String,
    /// recordDetails (0.4) or the statement itself (0.2/0.3).
    details: &'a Value,
    statement: &'a Value,
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The record a party reference points to: 0.4 a recordId string; 0.2/0.3 an object with
/// describedByEntityStatement / describedByPersonStatement. `Err` = unspecified party.
fn party(v: Option<&Value>) -> Option<Result<String, String>> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(Ok(s.trim().to_string())),
        Value::Object(o) => {
            for key in ["describedByEntityStatement", "describedByPersonStatement"] {
                if let Some(id) = o.get(key).and_then(Value::as_str) {
                    return Some(Ok(id.to_string()));
                }
            }
            let reason = o
                .get("reason")
                .and_then(Value::as_str)
                .unwrap_or("no reason given");
            Some(Err(reason.to_string()))
        }
        _ => None,
    }
}

/// Parse a BODS file; `existing` supplies ids already in the network (farms need an
/// entity statement of their own to be linked, as BODS records have their own ids).
///
/// # Examples
/// ```
/// use farmmap::import::bods;
/// use farmmap::network::model::{Network, Share, TieKind};
///
/// let statements = br#"[
///   {"recordId": "e1", "recordType": "entity", "recordDetails": {"name": "Alpha LLP"}},
///   {"recordId": "p1", "recordType": "person",
///    "recordDetails": {"names": [{"fullName": "Ivan Petrov"}]}},
///   {"recordId": "r1", "recordType": "relationship",
///    "recordDetails": {"subject": "e1", "interestedParty": "p1",
///      "interests": [{"type": "shareholding", "share": {"minimum": 25, "maximum": 50}}]}}
/// ]"#;
/// let r = bods::parse("bods.json", statements, &Network::default());
/// assert_eq!(r.nodes.records.len(), 2);
/// let tie = &r.ties.records[0];
/// assert_eq!((tie.source.as_str(), tie.target.as_str(), tie.kind), ("p1", "e1", TieKind::Owns));
/// assert_eq!(tie.share, Some(Share { min: 25.0, max: 50.0 }));
/// ```
pub fn parse(file: &str, bytes: &[u8], existing: &Network) -> NetworkReport {
    let decoded = decode(file, bytes);
    let mut out = NetworkReport::default();
    out.nodes
        .errors
        .extend(decoded.errors.into_iter().map(|e| e.in_unit("line")));
    let at = |n: usize, field: Option<&str>, msg: String| {
        ImportError::at(file, n, field, msg).in_unit("statement")
    };
    let root: Value = match serde_json::from_str(&decoded.text) {
        Ok(v) => v,
        Err(e) => {
            out.nodes
                .errors
                .push(ImportError::file(file, format!("is not valid JSON: {e}")));
            return out;
        }
    };
    let Some(items) = root.as_array() else {
        out.nodes.errors.push(ImportError::file(
            file,
            "is not a JSON array of BODS statements",
        ));
        return out;
    };

    // Latest statement per record.
    let mut latest: HashMap<String, (String, usize)> = HashMap::new();
    let mut statements = Vec::new();
    for (i, s) in items.iter().enumerate() {
        let number = i + 1;
        let (record, id, details) = if let Some(kind) = text(s, "recordType") {
            let record = match kind {
                "entity" => Record::Entity,
                "person" => Record::Person,
                "relationship" => Record::Relationship,
                other => {
                    out.nodes.errors.push(at(
                        number,
                        Some("recordType"),
                        format!(
                            "{} is not entity, person or relationship; skipped",
                            quote(other)
                        ),
                    ));
                    out.nodes.skipped += 1;
                    continue;
                }
            };
            let Some(id) = text(s, "recordId") else {
                out.nodes
                    .errors
                    .push(at(number, Some("recordId"), "is missing".into()));
                out.nodes.skipped += 1;
                continue;
            };
            let Some(details) = s.get("recordDetails").filter(|d| d.is_object()) else {
                out.nodes
                    .errors
                    .push(at(number, Some("recordDetails"), "is missing".into()));
                out.nodes.skipped += 1;
                continue;
            };
            (record, id.to_string(), details)
        } else if let Some(kind) = text(s, "statementType") {
            let record = match kind {
                "entityStatement" => Record::Entity,
                "personStatement" => Record::Person,
                "ownershipOrControlStatement" => Record::Relationship,
                other => {
                    out.nodes.errors.push(at(
                        number,
                        Some("statementType"),
                        format!("{} is not a BODS statement type; skipped", quote(other)),
                    ));
                    out.nodes.skipped += 1;
                    continue;
                }
            };
            let Some(id) = text(s, "statementID").or_else(|| text(s, "statementId")) else {
                out.nodes
                    .errors
                    .push(at(number, Some("statementID"), "is missing".into()));
                out.nodes.skipped += 1;
                continue;
            };
            (record, id.to_string(), s)
        } else {
            out.nodes.errors.push(at(
                number,
                Some("recordType"),
                "is missing (and no 0.2/0.3 statementType either)".into(),
            ));
            out.nodes.skipped += 1;
            continue;
        };
        let date = text(s, "statementDate").unwrap_or("").to_string();
        let slot = latest
            .entry(id.clone())
            .or_insert((date.clone(), statements.len()));
        if date >= slot.0 {
            *slot = (date, statements.len());
        }
        statements.push(Statement {
            number,
            record,
            id,
            details,
            statement: s,
        });
    }
    let keep: HashSet<usize> = latest.values().map(|&(_, k)| k).collect();
    let mut ids: HashSet<String> = existing.nodes.iter().map(|n| n.id.clone()).collect();
    let is_closed = |s: &Statement| text(s.statement, "recordStatus") == Some("closed");

    for (k, s) in statements.iter().enumerate() {
        if !keep.contains(&k) || is_closed(s) || s.record == Record::Relationship {
            continue;
        }
        let d = s.details;
        let (kind, name) = match s.record {
            Record::Person => {
                let name = d.get("names").and_then(Value::as_array).and_then(|names| {
                    names.iter().find_map(|n| {
                        text(n, "fullName").map(str::to_string).or_else(|| {
                            let parts: Vec<&str> = ["givenName", "patronymicName", "familyName"]
                                .iter()
                                .filter_map(|key| text(n, key))
                                .collect();
                            (!parts.is_empty()).then(|| parts.join(" "))
                        })
                    })
                });
                (NodeKind::Person, name)
            }
            _ => {
                let entity_type = d
                    .get("entityType")
                    .map(|t| text(t, "type").or_else(|| t.as_str()).unwrap_or(""))
                    .unwrap_or("");
                let kind = match entity_type {
                    "stateBody" => NodeKind::PublicBody,
                    "arrangement" | "anonymousEntity" | "unknownEntity" => NodeKind::Organisation,
                    _ => NodeKind::Company,
                };
                (kind, text(d, "name").map(str::to_string))
            }
        };
        if !ids.insert(s.id.clone()) {
            out.nodes.errors.push(at(
                s.number,
                Some("recordId"),
                format!(
                    "{} is already the id of a farm or another node",
                    quote(&s.id)
                ),
            ));
            out.nodes.skipped += 1;
            continue;
        }
        let name_field = if s.record == Record::Person {
            "names"
        } else {
            "name"
        };
        if name.is_none() {
            out.nodes.errors.push(
                at(
                    s.number,
                    Some(name_field),
                    "is missing; the record id is shown instead".into(),
                )
                .warning(),
            );
        }
        let mut node = Node::new(&s.id, kind, name.as_deref().unwrap_or(&s.id));
        node.source_url = source_url(s.statement, s.number, file, &mut out.nodes.errors);
        if let Some(j) = d.get("jurisdiction").and_then(|j| text(j, "name")) {
            node.extra.push(("jurisdiction".into(), j.to_string()));
        }
        out.nodes.records.push(node);
    }

    for (k, s) in statements.iter().enumerate() {
        if !keep.contains(&k) || is_closed(s) || s.record != Record::Relationship {
            continue;
        }
        let d = s.details;
        let mut ends = Vec::new();
        for field in ["interestedParty", "subject"] {
            match party(d.get(field)) {
                None => out
                    .ties
                    .errors
                    .push(at(s.number, Some(field), "is missing".into())),
                Some(Err(reason)) => out.ties.errors.push(
                    at(
                        s.number,
                        Some(field),
                        format!("is unspecified ({}); the tie is not drawn", quote(&reason)),
                    )
                    .warning(),
                ),
                Some(Ok(id)) if !ids.contains(&id) => out.ties.errors.push(at(
                    s.number,
                    Some(field),
                    format!(
                        "{} is not the id of any entity or person statement",
                        quote(&id)
                    ),
                )),
                Some(Ok(id)) => ends.push(id),
            }
        }
        if ends.len() != 2 {
            out.ties.skipped += 1;
            continue;
        }
        let interests: Vec<&Value> = d
            .get("interests")
            .and_then(Value::as_array)
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        let types: Vec<&str> = interests.iter().filter_map(|i| text(i, "type")).collect();
        let owning = |t: &str| matches!(t, "shareholding" | "votingRights");
        let directing = |t: &str| {
            matches!(
                t,
                "boardMember" | "boardChair" | "seniorManagingOfficial" | "appointmentOfBoard"
            )
        };
        let kind = if types.iter().any(|t| owning(t)) {
            TieKind::Owns
        } else if types.iter().any(|t| directing(t)) {
            TieKind::Directs
        } else {
            TieKind::Unknown
        };
        let mut tie = Tie::new(&ends[0], &ends[1], kind, Confidence::Reported);
        tie.relationship = (!types.is_empty()).then(|| types.join(", "));
        tie.source_url = source_url(s.statement, s.number, file, &mut out.ties.errors);
        for (n, interest) in interests.iter().enumerate() {
            let is_share = text(interest, "type").is_some_and(owning);
            if let (true, None, Some(share)) = (is_share, tie.share, interest.get("share")) {
                match read_share(share) {
                    Ok(v) => tie.share = v,
                    Err(msg) => out.ties.errors.push(
                        at(
                            s.number,
                            Some(&format!("interests[{n}].share")),
                            format!("{msg}; left out"),
                        )
                        .warning(),
                    ),
                }
            }
            for (key, slot) in [("startDate", &mut tie.start), ("endDate", &mut tie.end)] {
                if let (None, Some(raw)) = (slot.as_ref(), text(interest, key)) {
                    match check_date(raw) {
                        Ok(date) => *slot = Some(date),
                        Err(msg) => out.ties.errors.push(
                            at(
                                s.number,
                                Some(&format!("interests[{n}].{key}")),
                                format!("{msg}; left out"),
                            )
                            .warning(),
                        ),
                    }
                }
            }
        }
        out.ties.records.push(tie);
    }
    out
}

/// share {exact} or {minimum, maximum} (0.2 also exclusiveMinimum/exclusiveMaximum).
fn read_share(share: &Value) -> Result<Option<Share>, String> {
    let num = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| share.get(*k).and_then(Value::as_f64))
    };
    let exact = num(&["exact"]);
    let min = num(&["minimum", "exclusiveMinimum"]);
    let max = num(&["maximum", "exclusiveMaximum"]);
    let (lo, hi) = match (exact, min, max) {
        (Some(e), _, _) => (e, e),
        (None, None, None) => return Ok(None),
        (None, lo, hi) => (lo.unwrap_or(0.0), hi.unwrap_or(100.0)),
    };
    if !(0.0..=100.0).contains(&lo) || !(0.0..=100.0).contains(&hi) || lo > hi {
        return Err(format!("{lo}–{hi} is not a share between 0 and 100"));
    }
    Ok(Some(Share { min: lo, max: hi }))
}

fn source_url(
    statement: &Value,
    number: usize,
    file: &str,
    errors: &mut Vec<ImportError>,
) -> Option<String> {
    let raw = statement.get("source").and_then(|s| text(s, "url"))?;
    match check_url(raw) {
        Ok(u) => Some(u),
        Err(msg) => {
            errors.push(
                ImportError::at(file, number, Some("source.url"), format!("{msg}; left out"))
                    .in_unit("statement")
                    .warning(),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(p: &NetworkReport) -> Vec<String> {
        p.nodes
            .errors
            .iter()
            .chain(&p.ties.errors)
            .map(|e| e.to_string())
            .collect()
    }

    const V04: &str = r#"[
      {"statementId":"s1","statementDate":"2024-01-01","recordId":"e1","recordType":"entity",
       "recordDetails":{"entityType":{"type":"registeredEntity"},"name":"Alpha LLP","jurisdiction":{"name":"Kazakhstan","code":"KZ"}},
       "source":{"url":"https://register.example/e1"}},
      {"statementId":"s2","statementDate":"2024-01-01","recordId":"p1","recordType":"person",
       "recordDetails":{"names":[{"type":"legal","givenName":"Ivan","familyName":"Petrov"}]}},
      {"statementId":"s3","statementDate":"2024-01-01","recordId":"r1","recordType":"relationship",
       "recordDetails":{"subject":"e1","interestedParty":"p1",
         "interests":[{"type":"shareholding","share":{"minimum":25,"maximum":50},"startDate":"2020-02-01"},{"type":"boardMember"}]}},
      {"statementId":"s4","statementDate":"2023-01-01","recordId":"e1","recordType":"entity",
       "recordDetails":{"name":"Old name"}}
    ]"#;

    #[test]
    fn reads_bods_0_4_entities_people_and_ownership_ranges() {
        let p = parse("bods.json", V04.as_bytes(), &Network::default());
        assert!(messages(&p).is_empty(), "{:?}", messages(&p));
        let names: Vec<&str> = p.nodes.records.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, vec!["Alpha LLP", "Ivan Petrov"]);
        assert_eq!(
            p.nodes.records[0].source_url.as_deref(),
            Some("https://register.example/e1")
        );
        let t = &p.ties.records[0];
        assert_eq!(
            (t.source.as_str(), t.target.as_str(), t.kind),
            ("p1", "e1", TieKind::Owns)
        );
        assert_eq!(
            t.share,
            Some(Share {
                min: 25.0,
                max: 50.0
            })
        );
        assert_eq!(t.relationship.as_deref(), Some("shareholding, boardMember"));
        assert_eq!(t.start.as_deref(), Some("2020-02-01"));
    }

    #[test]
    fn reads_bods_0_2_statement_names() {
        let v02 = r#"[
          {"statementID":"ent","statementType":"entityStatement","entityType":"registeredEntity","name":"Beta JSC"},
          {"statementID":"per","statementType":"personStatement","names":[{"fullName":"Aida K."}]},
          {"statementID":"own","statementType":"ownershipOrControlStatement",
           "subject":{"describedByEntityStatement":"ent"},
           "interestedParty":{"describedByPersonStatement":"per"},
           "interests":[{"type":"shareholding","share":{"exact":100}}]}
        ]"#;
        let p = parse("old.json", v02.as_bytes(), &Network::default());
        assert!(messages(&p).is_empty(), "{:?}", messages(&p));
        assert_eq!(p.nodes.records[1].name, "Aida K.");
        assert_eq!(
            p.ties.records[0].share,
            Some(Share {
                min: 100.0,
                max: 100.0
            })
        );
        assert_eq!(p.ties.records[0].source, "per");
    }

    #[test]
    fn names_bad_statements_by_number_and_field() {
        let bad = r#"[
          {"recordId":"e1","recordType":"entity","recordDetails":{"name":"A"}},
          {"recordId":"x","recordType":"trust","recordDetails":{}},
          {"recordType":"person","recordDetails":{}},
          {"recordId":"r1","recordType":"relationship","recordDetails":{"subject":"e1","interestedParty":"ghost"}},
          {"recordId":"r2","recordType":"relationship","recordDetails":{"subject":"e1","interestedParty":{"reason":"subjectExemptFromDisclosure"}}},
          {"recordId":"r3","recordType":"relationship","recordDetails":{"subject":"e1","interestedParty":"e0",
            "interests":[{"type":"shareholding","share":{"exact":150}}]}},
          {"recordId":"e0","recordType":"entity","recordDetails":{}},
          {"recordId":"closed","recordType":"entity","recordStatus":"closed","recordDetails":{"name":"Gone"}},
          {"statementId":"s9"}
        ]"#;
        let p = parse("b.json", bad.as_bytes(), &Network::default());
        assert_eq!(
            messages(&p),
            vec![
                "b.json statement 2, column recordType: \"trust\" is not entity, person or relationship; skipped",
                "b.json statement 3, column recordId: is missing",
                "b.json statement 9, column recordType: is missing (and no 0.2/0.3 statementType either)",
                "b.json statement 7, column name: is missing; the record id is shown instead",
                "b.json statement 4, column interestedParty: \"ghost\" is not the id of any entity or person statement",
                "b.json statement 5, column interestedParty: is unspecified (\"subjectExemptFromDisclosure\"); the tie is not drawn",
                "b.json statement 6, column interests[0].share: 150–150 is not a share between 0 and 100; left out",
            ]
        );
        assert_eq!(p.nodes.records.len(), 2);
        assert_eq!(p.ties.records.len(), 1);
        assert_eq!(p.ties.skipped, 2);
        let not_json = parse("c.json", b"{\"a\":", &Network::default());
        assert!(messages(&not_json)[0].starts_with("c.json: is not valid JSON"));
    }

    #[test]
    fn utf16_bom_twice_is_named_not_a_panic() {
        let p = parse("b.json", &[0xFF, 0xFE, 0xFF, 0xFE], &Network::default());
        assert!(p.nodes.records.is_empty());
        assert!(
            messages(&p)[0].starts_with("b.json: is not valid JSON"),
            "{:?}",
            messages(&p)
        );
    }
}

//! FollowTheMoney entities as JSON lines (OCCRP Aleph exports, `ftm` tools).
//!
//! Parties (Person, Company, Organization, PublicBody, LegalEntity) become nodes; places
//! with coordinates (RealEstate, Address) become farm nodes; interval schemata (Ownership,
//! Directorship, Family, Associate, Membership, Employment, UnknownLink) become ties.
//! Ties are resolved in a second pass, so an edge may come before the nodes it joins.
//! Other schemata are reported as warnings and skipped. FtM has no confidence field: a tie
//! counts as reported when it has a `status` that says so or a `sourceUrl`/`publisher`, and
//! as alleged otherwise (one warning lists those lines).

use super::text::decode;
use super::{check_date, check_lat_lng, check_url, parse_number, parse_percentage, quote};
use super::{ImportError, NetworkReport};
use crate::network::model::{Confidence, Network, Node, NodeKind, Share, Tie, TieKind};
use serde_json::{Map, Value};
use std::collections::HashSet;

/// (schema, source property, target property, property holding the role/relationship)
const EDGES: &[(&str, TieKind, &str, &str, &str)] = &[
    ("Ownership", TieKind::Owns, "owner", "asset", "role"),
    (
        "Directorship",
        TieKind::Directs,
        "director",
        "organization",
        "role",
    ),
    (
        "Family",
        TieKind::Family,
        "person",
        "relative",
        "relationship",
    ),
    (
        "Associate",
        TieKind::Associate,
        "person",
        "associate",
        "relationship",
    ),
    (
        "Membership",
        TieKind::Member,
        "member",
        "organization",
        "role",
    ),
    (
        "Employment",
        TieKind::Employee,
        "employee",
        "employer",
        "role",
    ),
    ("UnknownLink", TieKind::Unknown, "subject", "object", "role"),
];

/// Properties read into fields rather than kept in `extra`.
const READ: &[&str] = &[
    "name",
    "sourceUrl",
    "notes",
    "summary",
    "description",
    "latitude",
    "longitude",
    "startDate",
    "endDate",
    "percentage",
    "role",
    "relationship",
    "status",
    "firstName",
    "lastName",
    "full",
];

fn first<'a>(props: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    match props.get(key)? {
        Value::Array(values) => values.iter().find_map(|v| match v {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim()),
            Value::Object(o) => o.get("id").and_then(Value::as_str),
            _ => None,
        }),
        Value::String(s) if !s.trim().is_empty() => Some(s.trim()),
        Value::Object(o) => o.get("id").and_then(Value::as_str),
        _ => None,
    }
}

fn extra(props: &Map<String, Value>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (key, value) in props {
        if READ.contains(&key.as_str()) {
            continue;
        }
        let text = match value {
            Value::Array(vs) => vs
                .iter()
                .filter_map(|v| match v {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join("; "),
            Value::String(s) => s.clone(),
            _ => continue,
        };
        if !text.is_empty() {
            out.push((key.clone(), text));
        }
    }
    out
}

struct PendingEdge {
    line: usize,
    kind: TieKind,
    schema: &'static str,
    from: &'static str,
    to: &'static str,
    role: &'static str,
    props: Map<String, Value>,
}

/// Parse FtM JSON lines against `existing` (farms, earlier files) for id resolution.
///
/// # Examples
/// ```
/// use farmmap::import::ftm;
/// use farmmap::model::Farm;
/// use farmmap::network::model::{Network, TieKind};
///
/// let farms = Network::with_farms(&[Farm::at("F1", 75.3, 51.7)]);
/// // The tie may come before the company it names.
/// let lines = br#"{"id":"o1","schema":"Ownership","properties":{"owner":["c1"],"asset":["F1"]}}
/// {"id":"c1","schema":"Company","properties":{"name":["Alpha LLP"]}}
/// {"id":"x1","schema":"Payment","properties":{}}"#;
/// let r = ftm::parse("aleph.json", lines, &farms);
/// assert_eq!(r.nodes.records[0].name, "Alpha LLP");
/// assert_eq!((r.ties.records[0].target.as_str(), r.ties.records[0].kind), ("F1", TieKind::Owns));
/// assert!(r.nodes.errors[0].to_string().starts_with("aleph.json line 3, column schema"));
/// ```
pub fn parse(file: &str, bytes: &[u8], existing: &Network) -> NetworkReport {
    let decoded = decode(file, bytes);
    let mut out = NetworkReport::default();
    out.nodes
        .errors
        .extend(decoded.errors.into_iter().map(|e| e.in_unit("line")));
    let mut ids: HashSet<String> = existing.nodes.iter().map(|n| n.id.clone()).collect();
    let mut pending = Vec::new();
    let at = |line: usize, field: Option<&str>, msg: String| {
        ImportError::at(file, line, field, msg).in_unit("line")
    };
    for (i, text) in decoded.text.lines().enumerate() {
        let line = i + 1;
        if text.trim().is_empty() || decoded.bad_lines.contains(&line) {
            continue;
        }
        let value: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                out.nodes
                    .errors
                    .push(at(line, None, format!("is not valid JSON: {e}")));
                out.nodes.skipped += 1;
                continue;
            }
        };
        let Some(obj) = value.as_object() else {
            out.nodes
                .errors
                .push(at(line, None, "is not a JSON object".into()));
            out.nodes.skipped += 1;
            continue;
        };
        let id = obj
            .get("id")
            .and_then(Value::as_str)
            .map(str::trim)
            .unwrap_or("");
        let schema = obj.get("schema").and_then(Value::as_str).unwrap_or("");
        let empty = Map::new();
        let props = obj
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        if id.is_empty() || schema.is_empty() {
            let field = if id.is_empty() { "id" } else { "schema" };
            out.nodes
                .errors
                .push(at(line, Some(field), "is missing or empty".into()));
            out.nodes.skipped += 1;
            continue;
        }
        if let Some(&(schema, kind, from, to, role)) = EDGES.iter().find(|e| e.0 == schema) {
            pending.push(PendingEdge {
                line,
                kind,
                schema,
                from,
                to,
                role,
                props: props.clone(),
            });
            continue;
        }
        let kind = match schema {
            "Person" => NodeKind::Person,
            "Company" | "LegalEntity" => NodeKind::Company,
            "Organization" => NodeKind::Organisation,
            "PublicBody" => NodeKind::PublicBody,
            "RealEstate" | "Address" => NodeKind::Farm,
            other => {
                out.nodes.errors.push(
                    at(
                        line,
                        Some("schema"),
                        format!("{} is not shown on the network; skipped", quote(other)),
                    )
                    .warning(),
                );
                out.nodes.skipped += 1;
                continue;
            }
        };
        if !ids.insert(id.to_string()) {
            out.nodes.errors.push(at(
                line,
                Some("id"),
                format!("{} appears twice (or is already a farm id)", quote(id)),
            ));
            out.nodes.skipped += 1;
            continue;
        }
        let name = first(props, "name")
            .map(str::to_string)
            .or_else(|| {
                let parts: Vec<&str> = ["firstName", "lastName"]
                    .iter()
                    .filter_map(|k| first(props, k))
                    .collect();
                (!parts.is_empty()).then(|| parts.join(" "))
            })
            .or_else(|| first(props, "full").map(str::to_string));
        let mut node = Node::new(id, kind, name.as_deref().unwrap_or(id));
        if name.is_none() {
            out.nodes.errors.push(
                at(
                    line,
                    Some("properties.name"),
                    "is missing; the id is shown instead".into(),
                )
                .warning(),
            );
        }
        node.description = ["notes", "summary", "description"]
            .iter()
            .find_map(|k| first(props, k))
            .map(str::to_string);
        node.source_url = source_url(props, line, file, &mut out.nodes.errors);
        node.extra = extra(props);
        if kind == NodeKind::Farm {
            match coordinates(props) {
                Ok(Some((lng, lat))) => {
                    node.lng = Some(lng);
                    node.lat = Some(lat);
                }
                Ok(None) if schema == "Address" => {
                    out.nodes.errors.push(
                        at(
                            line,
                            Some("properties.latitude"),
                            "an Address without coordinates is not a site; skipped".into(),
                        )
                        .warning(),
                    );
                    ids.remove(id);
                    out.nodes.skipped += 1;
                    continue;
                }
                Ok(None) => {}
                Err((field, msg)) => {
                    out.nodes.errors.push(
                        at(
                            line,
                            Some(field),
                            format!("{msg}; the site is kept without a position"),
                        )
                        .warning(),
                    );
                }
            }
        }
        out.nodes.records.push(node);
    }

    let mut unsourced = Vec::new();
    for edge in pending {
        let p = &edge.props;
        let mut bad = false;
        for prop in [edge.from, edge.to] {
            match first(p, prop) {
                None => {
                    out.ties.errors.push(at(
                        edge.line,
                        Some(&format!("properties.{prop}")),
                        format!("is missing; a {} needs both ends", edge.schema),
                    ));
                    bad = true;
                }
                Some(id) if !ids.contains(id) => {
                    out.ties.errors.push(at(
                        edge.line,
                        Some(&format!("properties.{prop}")),
                        format!(
                            "{} is not the id of any entity in this file or a farm",
                            quote(id)
                        ),
                    ));
                    bad = true;
                }
                Some(_) => {}
            }
        }
        if bad {
            out.ties.skipped += 1;
            continue;
        }
        let url = source_url(p, edge.line, file, &mut out.ties.errors);
        let confidence = match first(p, "status").and_then(Confidence::parse) {
            Some(c) => c,
            None if url.is_some() || first(p, "publisher").is_some() => Confidence::Reported,
            None => {
                unsourced.push(edge.line);
                Confidence::Alleged
            }
        };
        let mut tie = Tie::new(
            first(p, edge.from).unwrap_or_default(),
            first(p, edge.to).unwrap_or_default(),
            edge.kind,
            confidence,
        );
        tie.source_url = url;
        tie.relationship = first(p, edge.role).map(str::to_string);
        if let Some(pct) = first(p, "percentage") {
            match parse_percentage(pct) {
                Ok(v) => tie.share = Some(Share { min: v, max: v }),
                Err(msg) => out.ties.errors.push(
                    at(
                        edge.line,
                        Some("properties.percentage"),
                        format!("{msg}; left out"),
                    )
                    .warning(),
                ),
            }
        }
        for (prop, slot) in [("startDate", &mut tie.start), ("endDate", &mut tie.end)] {
            if let Some(raw) = first(p, prop) {
                match check_date(raw) {
                    Ok(d) => *slot = Some(d),
                    Err(msg) => out.ties.errors.push(
                        at(
                            edge.line,
                            Some(&format!("properties.{prop}")),
                            format!("{msg}; left out"),
                        )
                        .warning(),
                    ),
                }
            }
        }
        out.ties.records.push(tie);
    }
    if !unsourced.is_empty() {
        let list: Vec<String> = unsourced.iter().take(10).map(usize::to_string).collect();
        let more = if unsourced.len() > 10 { ", …" } else { "" };
        out.ties.errors.push(
            ImportError::file(
                file,
                format!(
                    "{} ties have no sourceUrl, publisher or status and are shown as alleged (lines {}{more})",
                    unsourced.len(),
                    list.join(", ")
                ),
            )
            .in_unit("line")
            .warning(),
        );
    }
    out
}

fn source_url(
    props: &Map<String, Value>,
    line: usize,
    file: &str,
    errors: &mut Vec<ImportError>,
) -> Option<String> {
    let raw = first(props, "sourceUrl")?;
    match check_url(raw) {
        Ok(u) => Some(u),
        Err(msg) => {
            errors.push(
                ImportError::at(
                    file,
                    line,
                    Some("properties.sourceUrl"),
                    format!("{msg}; left out"),
                )
                .in_unit("line")
                .warning(),
            );
            None
        }
    }
}

type Field = &'static str;

fn coordinates(props: &Map<String, Value>) -> Result<Option<(f64, f64)>, (Field, String)> {
    let (Some(lat), Some(lng)) = (first(props, "latitude"), first(props, "longitude")) else {
        return Ok(None);
    };
    let lat = parse_number(lat).map_err(|m| ("properties.latitude", m))?;
    let lng = parse_number(lng).map_err(|m| ("properties.longitude", m))?;
    check_lat_lng(lat, lng).map_err(|(col, m)| {
        (
            if col == "lat" {
                "properties.latitude"
            } else {
                "properties.longitude"
            },
            m,
        )
    })?;
    Ok(Some((lng, lat)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Severity;

    fn lines(ls: &[&str]) -> Vec<u8> {
        ls.join("\n").into_bytes()
    }

    fn messages(errors: &[ImportError]) -> Vec<String> {
        errors.iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn loads_parties_sites_and_ties_even_when_ties_come_first() {
        let data = lines(&[
            r#"{"id":"own1","schema":"Ownership","properties":{"owner":["c1"],"asset":["re1"],"percentage":["75"],"sourceUrl":["https://x.org/o"],"startDate":["2021-05"]}}"#,
            r#"{"id":"dir1","schema":"Directorship","properties":{"director":["p1"],"organization":["c1"],"role":["chairman"],"publisher":["OCCRP"]}}"#,
            r#"{"id":"fam1","schema":"Family","properties":{"person":["p1"],"relative":["p2"],"relationship":["brother"]}}"#,
            r#"{"id":"c1","schema":"Company","properties":{"name":["Alpha LLP"],"jurisdiction":["kz"]}}"#,
            r#"{"id":"p1","schema":"Person","properties":{"firstName":["Ivan"],"lastName":["Petrov"]}}"#,
            r#"{"id":"p2","schema":"Person","properties":{"name":["Oleg Petrov"]}}"#,
            r#"{"id":"re1","schema":"RealEstate","properties":{"name":["Farm site"],"latitude":["51.7"],"longitude":["75.3"]}}"#,
        ]);
        let parsed = parse("aleph.json", &data, &Network::default());
        let mut net = Network::default();
        let errors = parsed.merge_into(&mut net);
        assert_eq!(
            messages(&errors),
            vec!["aleph.json: 1 ties have no sourceUrl, publisher or status and are shown as alleged (lines 3)"]
        );
        assert_eq!(net.nodes.len(), 4);
        assert_eq!(net.nodes[1].name, "Ivan Petrov");
        assert_eq!(
            net.nodes[0].extra,
            vec![("jurisdiction".to_string(), "kz".to_string())]
        );
        let site = &net.nodes[3];
        assert_eq!(
            (site.kind, site.lng, site.lat),
            (NodeKind::Farm, Some(75.3), Some(51.7))
        );
        let own = &net.ties[0];
        assert_eq!(
            (own.source.as_str(), own.target.as_str(), own.kind),
            ("c1", "re1", TieKind::Owns)
        );
        assert_eq!(
            (own.share, own.confidence),
            (
                Some(Share {
                    min: 75.0,
                    max: 75.0
                }),
                Confidence::Reported
            )
        );
        assert_eq!(own.start.as_deref(), Some("2021-05"));
        assert_eq!(net.ties[1].relationship.as_deref(), Some("chairman"));
        assert_eq!(net.ties[1].confidence, Confidence::Reported);
        assert_eq!(net.ties[2].confidence, Confidence::Alleged);
    }

    #[test]
    fn names_bad_lines_and_fields_and_keeps_the_rest() {
        let data = lines(&[
            r#"{"id":"c1","schema":"Company","properties":{"name":["Alpha"]}}"#,
            r#"{"id":"c2","schema":"Company","properties":{"name":["Beta"]"#,
            r#"{"id":"pay1","schema":"Payment","properties":{"payer":["c1"]}}"#,
            r#"{"schema":"Person","properties":{"name":["Nobody"]}}"#,
            r#"{"id":"own1","schema":"Ownership","properties":{"owner":["c1"],"asset":["ghost"],"sourceUrl":["https://x.org"]}}"#,
            r#"{"id":"own2","schema":"Ownership","properties":{"owner":["c1"],"asset":["F1"],"percentage":["1e3"],"sourceUrl":["https://x.org"]}}"#,
            r#"{"id":"own3","schema":"Ownership","properties":{"asset":["c1"]}}"#,
            r#"[1,2]"#,
            r#"{"id":"c1","schema":"Company","properties":{"name":["Again"]}}"#,
        ]);
        let farms = Network::with_farms(&[crate::model::Farm::at("F1", 75.0, 50.0)]);
        let parsed = parse("aleph.json", &data, &farms);
        let m: Vec<String> = messages(&parsed.nodes.errors)
            .into_iter()
            .chain(messages(&parsed.ties.errors))
            .collect();
        assert!(
            m[0].starts_with("aleph.json line 2: is not valid JSON"),
            "{}",
            m[0]
        );
        assert_eq!(
            m[1],
            "aleph.json line 3, column schema: \"Payment\" is not shown on the network; skipped"
        );
        assert_eq!(m[2], "aleph.json line 4, column id: is missing or empty");
        assert_eq!(m[3], "aleph.json line 8: is not a JSON object");
        assert_eq!(
            m[4],
            "aleph.json line 9, column id: \"c1\" appears twice (or is already a farm id)"
        );
        assert_eq!(m[5], "aleph.json line 5, column properties.asset: \"ghost\" is not the id of any entity in this file or a farm");
        assert_eq!(m[6], "aleph.json line 6, column properties.percentage: 1000 is not a percentage between 0 and 100; left out");
        assert_eq!(
            m[7],
            "aleph.json line 7, column properties.owner: is missing; a Ownership needs both ends"
        );
        assert_eq!(m.len(), 8);
        assert_eq!(parsed.nodes.errors[1].severity, Severity::Warning);
        assert_eq!(parsed.nodes.records.len(), 1);
        assert_eq!(parsed.ties.records.len(), 1);
        assert_eq!(parsed.ties.records[0].target, "F1");
        assert_eq!(parsed.ties.skipped, 2);
    }

    #[test]
    fn address_without_coordinates_is_skipped_and_bad_latitude_named() {
        let data = lines(&[
            r#"{"id":"a1","schema":"Address","properties":{"full":["Main st 1"]}}"#,
            r#"{"id":"re1","schema":"RealEstate","properties":{"latitude":["95"],"longitude":["75"]}}"#,
        ]);
        let parsed = parse("a.json", &data, &Network::default());
        let m = messages(&parsed.nodes.errors);
        assert!(m[0].starts_with(
            "a.json line 1, column properties.latitude: an Address without coordinates"
        ));
        assert!(m[1].starts_with("a.json line 2, column properties.name: is missing"));
        assert!(
            m[2].starts_with("a.json line 2, column properties.latitude: 95 is out of range"),
            "{}",
            m[2]
        );
        assert_eq!(parsed.nodes.records.len(), 1);
        assert_eq!(parsed.nodes.records[0].lat, None);
    }

    #[test]
    fn utf16_bom_twice_is_named_not_a_panic() {
        let parsed = parse("a.json", &[0xFF, 0xFE, 0xFF, 0xFE], &Network::default());
        assert!(parsed.nodes.records.is_empty() && parsed.ties.records.is_empty());
        assert!(parsed.nodes.errors.is_empty(), "{:?}", parsed.nodes.errors);
    }

    #[test]
    fn a_line_that_is_not_utf8_is_named_as_a_line_and_skipped() {
        let mut data = lines(&[r#"{"id":"c1","schema":"Company","properties":{"name":["A"]}}"#]);
        data.extend_from_slice(
            b"\n{\"id\":\"c2\",\"schema\":\"Company\",\"properties\":{\"name\":[\"\xcf\xe0\"]}}",
        );
        let parsed = parse("a.json", &data, &Network::default());
        assert_eq!(parsed.nodes.records.len(), 1);
        assert!(messages(&parsed.nodes.errors)[0].starts_with("a.json line 2: is not UTF-8"));
    }
}

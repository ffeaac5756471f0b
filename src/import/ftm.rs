//! FollowTheMoney entities as JSON lines (OCCRP Aleph exports, `ftm` tools, OpenSanctions);
//! a JSON array of entities is read too.
//!
//! - Parties (Person, Company, Organization, PublicBody, LegalEntity) become nodes, named by
//!   the entity's **caption** as FtM computes it: the export's own `caption` when it has
//!   one, else the first property of the schema's `caption` list that has a value (Person:
//!   name, lastName, email, phone; Address: full, summary, city, remarks; RealEstate: name,
//!   address, registrationNumber…), choosing among several names the most central one
//!   ([`pick_name`]).
//! - Places and any other entity with latitude/longitude (Address, RealEstate…) become farm
//!   nodes (sites) with coordinates; a party with coordinates keeps its kind and its position.
//! - Every interval schema that links parties becomes a tie: Ownership (owner → asset),
//!   Directorship (director → organization), Family (person → relative), Associate,
//!   Membership (member → organization), Employment (employee → employer), Representation
//!   (agent → client), UnknownLink (subject → object), Succession (predecessor →
//!   successor), each with its role or relationship as the data words it, and start/end
//!   dates (an end date makes the tie **former**); Payment (payer → beneficiary) becomes a
//!   money flow with amount, currency, date and purpose.
//!
//! Ties are resolved in a second pass, so an edge may come before the nodes it joins. Other
//! schemata are reported as warnings and skipped. FtM has no confidence field: a tie counts
//! as reported when it has a `status` that says so or a `sourceUrl`/`publisher`, and as
//! alleged otherwise (one warning lists those lines); a role or relationship that hedges
//! ("suspected partner") is alleged too.

use super::json_records::{self, Layout};
use super::text::decode;
use super::{check_date, check_lat_lng, check_url, parse_number, parse_percentage, quote};
use super::{ImportError, NetworkReport};
use crate::network::model::{
    Confidence, Money, Network, Node, NodeKind, Share, Tie, TieKind, TieNature,
};
use serde_json::{Map, Value};
use std::collections::HashSet;

/// An edge schema: its tie kind (and nature, for those no kind says), the properties
/// holding source and target, and the one holding the role or relationship.
struct EdgeSchema {
    schema: &'static str,
    kind: TieKind,
    nature: Option<TieNature>,
    from: &'static str,
    to: &'static str,
    role: &'static str,
}

const fn edge(
    schema: &'static str,
    kind: TieKind,
    nature: Option<TieNature>,
    from: &'static str,
    to: &'static str,
    role: &'static str,
) -> EdgeSchema {
    EdgeSchema {
        schema,
        kind,
        nature,
        from,
        to,
        role,
    }
}

/// FtM's edge schemata that link parties (followthemoney/schema/*.yaml, `edge:`).
const EDGES: &[EdgeSchema] = &[
    edge("Ownership", TieKind::Owns, None, "owner", "asset", "role"),
    edge(
        "Directorship",
        TieKind::Directs,
        None,
        "director",
        "organization",
        "role",
    ),
    edge(
        "Family",
        TieKind::Family,
        None,
        "person",
        "relative",
        "relationship",
    ),
    edge(
        "Associate",
        TieKind::Associate,
        None,
        "person",
        "associate",
        "relationship",
    ),
    edge(
        "Membership",
        TieKind::Member,
        None,
        "member",
        "organization",
        "role",
    ),
    edge(
        "Employment",
        TieKind::Employee,
        None,
        "employee",
        "employer",
        "role",
    ),
    edge(
        "UnknownLink",
        TieKind::Unknown,
        None,
        "subject",
        "object",
        "role",
    ),
    edge(
        "Representation",
        TieKind::Unknown,
        Some(TieNature::Representation),
        "agent",
        "client",
        "role",
    ),
    edge(
        "Succession",
        TieKind::Unknown,
        Some(TieNature::Succession),
        "predecessor",
        "successor",
        "role",
    ),
    edge(
        "Payment",
        TieKind::Unknown,
        Some(TieNature::Payment),
        "payer",
        "beneficiary",
        "purpose",
    ),
];

/// Each node schema's `caption` properties, in order (followthemoney/schema/*.yaml); a
/// schema not listed uses `name`.
const CAPTIONS: &[(&str, &[&str])] = &[
    ("Person", &["name", "lastName", "email", "phone"]),
    (
        "LegalEntity",
        &["name", "email", "phone", "registrationNumber"],
    ),
    ("Company", &["name"]),
    ("Organization", &["name"]),
    ("PublicBody", &["name"]),
    ("Address", &["full", "summary", "city", "remarks"]),
    ("RealEstate", &["name", "address", "registrationNumber"]),
    ("Airplane", &["name", "registrationNumber"]),
    ("Vessel", &["name", "imoNumber"]),
    ("Vehicle", &["name", "registrationNumber"]),
    ("Security", &["name", "isin", "registrationNumber"]),
    ("BankAccount", &["name", "iban", "accountNumber"]),
    ("CryptoWallet", &["publicKey", "name", "summary"]),
];

/// Words that mark a role or relationship as unconfirmed.
pub(crate) const HEDGES: &[&str] = &[
    "suspected",
    "alleged",
    "allegedly",
    "believed",
    "reportedly",
    "presumed",
    "possible",
    "possibly",
    "rumoured",
    "rumored",
    "unconfirmed",
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
    "amount",
    "currency",
    "date",
    "purpose",
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

/// Every non-empty string value of a property.
fn all<'a>(props: &'a Map<String, Value>, key: &str) -> Vec<&'a str> {
    match props.get(key) {
        Some(Value::Array(values)) => values
            .iter()
            .filter_map(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim()],
        _ => Vec::new(),
    }
}

/// Of several names for one entity, the one to show: the most central (the smallest total
/// edit distance to the others, case-folded), weighted towards names in Latin script, ties
/// going to the first in sorted order — the approach of FtM's `registry.name.pick`
/// (rigour's `pick_name`). One name is returned as it is.
///
/// # Examples
/// ```
/// use farmmap::import::ftm::pick_name;
/// assert_eq!(pick_name(&["IRGC", "Iranian Revolutionary Guard Corps"]), Some("IRGC"));
/// assert_eq!(
///     pick_name(&["Ivan Petrov", "Иван Петров", "Ivan Petrov Jr."]),
///     Some("Ivan Petrov")
/// );
/// assert_eq!(pick_name(&[]), None);
/// ```
pub fn pick_name<'a>(names: &[&'a str]) -> Option<&'a str> {
    let mut names: Vec<&str> = names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    crate::sort::sort(&mut names);
    names.dedup();
    if names.len() < 2 {
        return names.first().copied();
    }
    let forms: Vec<(Vec<char>, f64)> = names
        .iter()
        .map(|n| {
            let letters = n.chars().filter(|c| c.is_alphabetic()).count().max(1);
            let latin = n
                .chars()
                .filter(|c| c.is_alphabetic() && (*c as u32) < 0x250)
                .count();
            (
                n.to_lowercase().chars().collect(),
                latin as f64 / letters as f64,
            )
        })
        .collect();
    let mut cost = vec![0.0f64; names.len()];
    for i in 0..names.len() {
        for j in i + 1..names.len() {
            let d = levenshtein(&forms[i].0, &forms[j].0) as f64;
            cost[i] += d * (2.0 - forms[i].1);
            cost[j] += d * (2.0 - forms[j].1);
        }
    }
    let best = (0..names.len())
        .min_by(|&a, &b| cost[a].total_cmp(&cost[b]).then(a.cmp(&b)))
        .unwrap_or(0);
    Some(names[best])
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j + 1] + 1)
                .min(cur[j] + 1)
                .min(prev[j] + usize::from(ca != cb));
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The entity's caption: the export's own `caption`, else FtM's rule for its schema.
fn caption(obj: &Map<String, Value>, schema: &str, props: &Map<String, Value>) -> Option<String> {
    if let Some(c) = obj.get("caption").and_then(Value::as_str).map(str::trim) {
        if !c.is_empty() {
            return Some(c.to_string());
        }
    }
    let list: &[&str] = CAPTIONS
        .iter()
        .find(|(s, _)| *s == schema)
        .map_or(&["name"], |(_, l)| l);
    for prop in list {
        if schema == "Person" && *prop == "lastName" {
            // FtM requires a Person's name; without one, first and last name together say
            // more than the last name alone.
            let parts: Vec<&str> = ["firstName", "lastName"]
                .iter()
                .filter_map(|k| first(props, k))
                .collect();
            if parts.len() == 2 {
                return Some(parts.join(" "));
            }
        }
        let values = all(props, prop);
        if values.len() > 1 && *prop == "name" {
            return pick_name(&values).map(str::to_string);
        }
        if let Some(v) = values.first() {
            return Some(v.to_string());
        }
    }
    None
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
    edge: &'static EdgeSchema,
    props: Map<String, Value>,
}

/// Parse FtM JSON lines (or a JSON array of entities) against `existing` (farms, earlier
/// files) for id resolution.
///
/// # Examples
/// ```
/// use farmmap::import::ftm;
/// use farmmap::model::Farm;
/// use farmmap::network::model::{Network, TieKind, TieNature};
///
/// let farms = Network::with_farms(&[Farm::at("F1", 75.3, 51.7)]);
/// // The tie may come before the company it names.
/// let lines = br#"{"id":"o1","schema":"Ownership","properties":{"owner":["c1"],"asset":["F1"]}}
/// {"id":"c1","schema":"Company","properties":{"name":["Alpha LLP"]}}
/// {"id":"x1","schema":"Payment","properties":{"payer":["c1"],"beneficiary":["F1"],"amount":["12000"],"currency":["EUR"],"date":["2019-05-01"]}}
/// {"id":"s1","schema":"Sanction","properties":{"entity":["c1"]}}"#;
/// let r = ftm::parse("aleph.json", lines, &farms);
/// assert_eq!(r.nodes.records[0].name, "Alpha LLP");
/// assert_eq!((r.ties.records[0].target.as_str(), r.ties.records[0].kind), ("F1", TieKind::Owns));
/// let paid = &r.ties.records[1];
/// assert_eq!(paid.nature, Some(TieNature::Payment));
/// assert_eq!(paid.amount.as_ref().map(|m| m.value), Some(12000.0));
/// assert!(r.nodes.errors[0].to_string().starts_with("aleph.json line 4, column schema"));
/// ```
pub fn parse(file: &str, bytes: &[u8], existing: &Network) -> NetworkReport {
    let decoded = decode(file, bytes);
    let mut out = NetworkReport::default();
    out.nodes
        .errors
        .extend(decoded.errors.into_iter().map(|e| e.in_unit("line")));
    let mut ids: HashSet<String> = existing.nodes.iter().map(|n| n.id.clone()).collect();
    let mut pending = Vec::new();
    let unit = match json_records::sniff(&decoded.text) {
        Layout::Lines => "line",
        _ => "entity",
    };
    let at = |line: usize, field: Option<&str>, msg: String| {
        ImportError::at(file, line, field, msg).in_unit(unit)
    };
    let read = json_records::read(&decoded.text, &decoded.bad_lines, |item| {
        let line = item.number;
        let value = match item.value {
            Ok(v) => v,
            Err(msg) => {
                out.nodes.errors.push(at(line, None, msg));
                out.nodes.skipped += 1;
                return;
            }
        };
        let Some(obj) = value.as_object() else {
            out.nodes
                .errors
                .push(at(line, None, "is not a JSON object".into()));
            out.nodes.skipped += 1;
            return;
        };
        entity(obj, line, &at, &mut ids, &mut pending, &mut out);
    });
    if let Err(stop) = read {
        if !stop.message.starts_with("is empty") {
            out.nodes
                .errors
                .push(ImportError::file(file, stop.message).in_unit(unit));
        }
    }

    let mut unsourced = Vec::new();
    for pend in pending {
        if let Some(tie) = edge_tie(&pend, &ids, file, &at, &mut unsourced, &mut out) {
            out.ties.records.push(tie);
        } else {
            out.ties.skipped += 1;
        }
    }
    if !unsourced.is_empty() {
        let list: Vec<String> = unsourced.iter().take(10).map(usize::to_string).collect();
        let more = if unsourced.len() > 10 { ", …" } else { "" };
        let units = if unit == "line" { "lines" } else { "entities" };
        out.ties.errors.push(
            ImportError::file(
                file,
                format!(
                    "{} ties have no sourceUrl, publisher or status and are shown as alleged ({units} {}{more})",
                    unsourced.len(),
                    list.join(", ")
                ),
            )
            .in_unit(unit)
            .warning(),
        );
    }
    out
}

type At<'a> = dyn Fn(usize, Option<&str>, String) -> ImportError + 'a;

/// One entity: a node now, or an edge kept for the second pass.
fn entity(
    obj: &Map<String, Value>,
    line: usize,
    at: &At,
    ids: &mut HashSet<String>,
    pending: &mut Vec<PendingEdge>,
    out: &mut NetworkReport,
) {
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
        return;
    }
    if let Some(edge) = EDGES.iter().find(|e| e.schema == schema) {
        pending.push(PendingEdge {
            line,
            edge,
            props: props.clone(),
        });
        return;
    }
    let located = first(props, "latitude").is_some() || first(props, "longitude").is_some();
    let kind = match schema {
        "Person" => NodeKind::Person,
        "Company" | "LegalEntity" => NodeKind::Company,
        "Organization" => NodeKind::Organisation,
        "PublicBody" => NodeKind::PublicBody,
        "RealEstate" | "Address" => NodeKind::Farm,
        _ if located => NodeKind::Farm,
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
            return;
        }
    };
    if !ids.insert(id.to_string()) {
        out.nodes.errors.push(at(
            line,
            Some("id"),
            format!("{} appears twice (or is already a farm id)", quote(id)),
        ));
        out.nodes.skipped += 1;
        return;
    }
    let name = caption(obj, schema, props).or_else(|| {
        let parts: Vec<&str> = ["firstName", "lastName"]
            .iter()
            .filter_map(|k| first(props, k))
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    });
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
    node.source_url = source_url(props, line, at, &mut out.nodes.errors);
    node.extra = extra(props);
    if kind == NodeKind::Farm || located {
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
                return;
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

/// Whether the data's own words hedge ("suspected partner").
fn hedged(words: &str) -> bool {
    let lower = words.to_lowercase();
    lower
        .split(|c: char| !c.is_alphabetic())
        .any(|w| HEDGES.contains(&w))
}

/// A money amount as FtM writes it ("12000", "12000.50", "12,000.50").
fn parse_amount(raw: &str) -> Option<f64> {
    let t = raw.trim();
    if let Ok(v) = t.parse::<f64>() {
        return v.is_finite().then_some(v);
    }
    // Thousands commas only in the 1,234,567.89 shape.
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let groups: Vec<&str> = int.trim_start_matches('-').split(',').collect();
    let shaped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && frac.bytes().all(|b| b.is_ascii_digit());
    if shaped {
        t.replace(',', "").parse().ok()
    } else {
        None
    }
}

fn edge_tie(
    pend: &PendingEdge,
    ids: &HashSet<String>,
    file: &str,
    at: &At,
    unsourced: &mut Vec<usize>,
    out: &mut NetworkReport,
) -> Option<Tie> {
    let _ = file;
    let (edge, p, line) = (pend.edge, &pend.props, pend.line);
    let mut bad = false;
    for prop in [edge.from, edge.to] {
        match first(p, prop) {
            None => {
                out.ties.errors.push(at(
                    line,
                    Some(&format!("properties.{prop}")),
                    format!("is missing; a {} needs both ends", edge.schema),
                ));
                bad = true;
            }
            Some(id) if !ids.contains(id) => {
                out.ties.errors.push(at(
                    line,
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
        return None;
    }
    let url = source_url(p, line, at, &mut out.ties.errors);
    let role = first(p, edge.role).map(str::to_string);
    let confidence = match first(p, "status").and_then(Confidence::parse) {
        Some(c) => c,
        None if role.as_deref().is_some_and(hedged) => Confidence::Alleged,
        None if url.is_some() || first(p, "publisher").is_some() => Confidence::Reported,
        None => {
            unsourced.push(line);
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
    tie.nature = edge.nature;
    tie.relationship = role;
    if let Some(pct) = first(p, "percentage") {
        match parse_percentage(pct) {
            Ok(v) => tie.share = Some(Share { min: v, max: v }),
            Err(msg) => out.ties.errors.push(
                at(
                    line,
                    Some("properties.percentage"),
                    format!("{msg}; left out"),
                )
                .warning(),
            ),
        }
    }
    for (prop, slot) in [
        ("startDate", &mut tie.start),
        ("endDate", &mut tie.end),
        ("date", &mut tie.date),
    ] {
        if let Some(raw) = first(p, prop) {
            match check_date(raw) {
                Ok(d) => *slot = Some(d),
                Err(msg) => out.ties.errors.push(
                    at(
                        line,
                        Some(&format!("properties.{prop}")),
                        format!("{msg}; left out"),
                    )
                    .warning(),
                ),
            }
        }
    }
    if edge.nature == Some(TieNature::Payment) {
        // A payment is an event: its day, not a span that ended.
        if tie.date.is_none() {
            tie.date = tie.start.clone().or_else(|| tie.end.clone());
        }
        if let Some(raw) = first(p, "amount") {
            match parse_amount(raw) {
                Some(value) => {
                    tie.amount = Some(Money {
                        value,
                        currency: first(p, "currency").map(|c| c.to_uppercase()),
                    })
                }
                None => out.ties.errors.push(
                    at(
                        line,
                        Some("properties.amount"),
                        format!("{} is not an amount; left out", quote(raw)),
                    )
                    .warning(),
                ),
            }
        }
    } else {
        tie.former = tie.end.is_some();
    }
    Some(tie)
}

fn source_url(
    props: &Map<String, Value>,
    line: usize,
    at: &At,
    errors: &mut Vec<ImportError>,
) -> Option<String> {
    let raw = first(props, "sourceUrl")?;
    match check_url(raw) {
        Ok(u) => Some(u),
        Err(msg) => {
            errors.push(
                at(
                    line,
                    Some("properties.sourceUrl"),
                    format!("{msg}; left out"),
                )
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
            // A Payment is a money flow now (issue 9); a Sanction is still not drawn.
            r#"{"id":"san1","schema":"Sanction","properties":{"entity":["c1"]}}"#,
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
            "aleph.json line 3, column schema: \"Sanction\" is not shown on the network; skipped"
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

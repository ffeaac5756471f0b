//! Beneficial Ownership Data Standard statements: 0.4 (`recordId`, `recordType`,
//! `recordDetails`) and 0.2/0.3 (`statementID`, `statementType`), as a JSON array, JSON
//! Lines (how Open Ownership's register publishes), or a single statement object. The file
//! is read one statement at a time ([`super::json_records`]).
//!
//! - Entity and person statements become nodes (the latest statement of each record wins;
//!   a closed record is kept, so its former ties can still be drawn). An unspecified person
//!   or entity (`unspecifiedPersonDetails`, `unspecifiedEntityDetails`) and an unspecified
//!   interested party read as "an unspecified owner (reason: …)", with the reason given.
//! - A relationship becomes a tie interestedParty → subject carrying every interest, each
//!   with its code, share range (exact, minimum/maximum, exclusive bounds), direct or
//!   indirect, and dates. The tie's kind comes from its interests
//!   ([`InterestKind::tie_kind`]): owns for shares and votes, directs for board seats and
//!   senior management, else an unknown link with the interests' words. Every code of the
//!   0.2 (hyphenated), 0.3 and 0.4 codelists is read.
//! - History is kept: a closed record (0.4 `recordStatus: closed`), an interest with an
//!   `endDate`, and an interest that a later statement of the same record (0.4 `recordId`,
//!   0.2 `replacesStatements`) no longer states become **former** ties, with the end date
//!   (the interest's own, else the date of the statement that ended it).
//! - A repeated statementID is named, with both positions.
//!
//! BODS statements are declarations, so ties are reported. Statements are numbered from 1
//! in messages (in JSON Lines, by line).

use super::json_records::{self, Layout};
use super::text::decode;
use super::{check_date, check_url, quote, ImportError, NetworkReport};
use crate::network::model::{
    Confidence, Directness, Interest, InterestKind, Network, Node, NodeKind, ShareRange, Tie,
    TieKind,
};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, PartialEq)]
enum Record {
    Entity,
    Person,
    Relationship,
}

/// Who a relationship names: a record, or an unspecified party with its reason.
#[derive(Clone)]
enum Party {
    Id(String),
    Unspecified {
        reason: Option<String>,
        description: Option<String>,
    },
}

/// What farmmap keeps of one statement (the JSON is dropped as soon as this is read).
struct Stmt {
    number: usize,
    statement_id: Option<String>,
    /// 0.4 recordId; 0.2/0.3 the statementID.
    record_id: String,
    /// 0.2/0.3 (statement-based) rather than 0.4 (record-based).
    old_style: bool,
    record: Record,
    date: String,
    closed: bool,
    replaces: Vec<String>,
    source_url: Option<String>,
    kind: NodeKind,
    name: Option<String>,
    unspecified: Option<(Option<String>, Option<String>)>,
    jurisdiction: Option<String>,
    subject: Option<Party>,
    party: Option<Party>,
    interests: Vec<Interest>,
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The reason of an unspecified party in words: the codelist's title
/// (`subject-exempt-from-disclosure`, `subjectExemptFromDisclosure` → "subject exempt from
/// disclosure"); an unknown code is split into words the same way.
pub(crate) fn reason_words(code: &str) -> String {
    let mut out = String::new();
    for c in code.trim().chars() {
        if c == '-' || c == '_' {
            out.push(' ');
        } else if c.is_ascii_uppercase() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    match out.as_str() {
        "unknown" => "unknown reason".into(),
        _ => out,
    }
}

/// "an unspecified owner (reason: subject exempt from disclosure)".
fn unspecified_name(reason: Option<&str>) -> String {
    match reason {
        Some(r) => format!("an unspecified owner (reason: {})", reason_words(r)),
        None => "an unspecified owner (no reason given)".into(),
    }
}

/// A party reference: 0.4 a recordId string or an unspecified-record object
/// `{reason, description}`; 0.2/0.3 `{describedByEntityStatement}`,
/// `{describedByPersonStatement}` or `{unspecified: {reason, description}}`.
fn party(v: Option<&Value>) -> Option<Party> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(Party::Id(s.trim().to_string())),
        Value::Object(o) => {
            for key in ["describedByEntityStatement", "describedByPersonStatement"] {
                if let Some(id) = o.get(key).and_then(Value::as_str) {
                    return Some(Party::Id(id.trim().to_string()));
                }
            }
            let u = o.get("unspecified").filter(|u| u.is_object()).unwrap_or(v?);
            Some(Party::Unspecified {
                reason: text(u, "reason").map(str::to_string),
                description: text(u, "description").map(str::to_string),
            })
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
///
/// // JSON Lines, and a relationship that was closed: a former tie, with its end date.
/// let lines = br#"{"recordId": "e1", "recordType": "entity", "recordDetails": {"name": "Alpha LLP"}}
/// {"recordId": "p1", "recordType": "person", "recordDetails": {"names": [{"fullName": "Ivan Petrov"}]}}
/// {"recordId": "r1", "recordType": "relationship", "recordStatus": "closed", "statementDate": "2019-05-01", "recordDetails": {"subject": "e1", "interestedParty": "p1", "interests": [{"type": "voting-rights"}]}}"#;
/// let r = bods::parse("bods.jsonl", lines, &Network::default());
/// let tie = &r.ties.records[0];
/// assert!(tie.former);
/// assert_eq!(tie.end.as_deref(), Some("2019-05-01"));
/// ```
pub fn parse(file: &str, bytes: &[u8], existing: &Network) -> NetworkReport {
    let decoded = decode(file, bytes);
    let mut out = NetworkReport::default();
    out.nodes
        .errors
        .extend(decoded.errors.into_iter().map(|e| e.in_unit("line")));

    let unit = match json_records::sniff(&decoded.text) {
        Layout::Lines => "line",
        _ => "statement",
    };
    let at = |n: usize, field: Option<&str>, msg: String| {
        ImportError::at(file, n, field, msg).in_unit(unit)
    };
    // Each statement becomes a compact `Stmt` as soon as it is read; its JSON is dropped.
    let mut stmts = Vec::new();
    let layout = json_records::read(&decoded.text, &decoded.bad_lines, |item| match item.value {
        Ok(v) => {
            if let Some(s) = read_statement(item.number, &v, &mut out, &at) {
                stmts.push(s);
            }
        }
        Err(msg) => {
            out.nodes.errors.push(at(item.number, None, msg));
            out.nodes.skipped += 1;
        }
    });
    if let Err(stop) = layout {
        let message = if stmts.is_empty() && !stop.message.starts_with("is empty") {
            format!(
                "{}; expected a JSON array of BODS statements or JSON Lines",
                stop.message
            )
        } else {
            stop.message
        };
        out.nodes.errors.push(ImportError::file(file, message));
    }
    build(file, stmts, existing, &at, &mut out);
    out
}

/// Parse BODS from a reader line by line (JSON Lines of any size): the text is never held
/// whole. Lines that are not valid UTF-8 are named and skipped.
///
/// # Examples
/// ```
/// use farmmap::import::bods;
/// use farmmap::network::model::Network;
///
/// let lines = "{\"recordId\":\"e1\",\"recordType\":\"entity\",\"recordDetails\":{\"name\":\"Alpha\"}}\n\n";
/// let r = bods::parse_lines("big.jsonl", lines.as_bytes(), &Network::default()).unwrap();
/// assert_eq!(r.nodes.records[0].name, "Alpha");
/// ```
pub fn parse_lines(
    file: &str,
    reader: impl std::io::BufRead,
    existing: &Network,
) -> std::io::Result<NetworkReport> {
    let mut out = NetworkReport::default();
    let at = |n: usize, field: Option<&str>, msg: String| {
        ImportError::at(file, n, field, msg).in_unit("line")
    };
    let mut stmts = Vec::new();
    for (i, line) in reader.split(b'\n').enumerate() {
        let number = i + 1;
        let line = line?;
        let Ok(text) = std::str::from_utf8(&line) else {
            out.nodes
                .errors
                .push(at(number, None, "is not UTF-8 text; skipped".into()));
            out.nodes.skipped += 1;
            continue;
        };
        let text = text.trim_start_matches('\u{feff}');
        if text.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(text) {
            Ok(v) => {
                if let Some(s) = read_statement(number, &v, &mut out, &at) {
                    stmts.push(s);
                }
            }
            Err(e) => {
                out.nodes
                    .errors
                    .push(at(number, None, format!("is not valid JSON: {e}")));
                out.nodes.skipped += 1;
            }
        }
    }
    build(file, stmts, existing, &at, &mut out);
    Ok(out)
}

type At<'a> = dyn Fn(usize, Option<&str>, String) -> ImportError + 'a;

fn read_statement(number: usize, s: &Value, out: &mut NetworkReport, at: &At) -> Option<Stmt> {
    let mut skip = |field: &str, msg: String| {
        out.nodes.errors.push(at(number, Some(field), msg));
        out.nodes.skipped += 1;
        None
    };
    if !s.is_object() {
        return skip(
            "statementId",
            "is not a BODS statement (not a JSON object)".into(),
        );
    }
    let statement_id = text(s, "statementId")
        .or_else(|| text(s, "statementID"))
        .map(str::to_string);
    let (record, record_id, details, old_style) = if let Some(kind) = text(s, "recordType") {
        let record = match kind {
            "entity" => Record::Entity,
            "person" => Record::Person,
            "relationship" => Record::Relationship,
            other => {
                return skip(
                    "recordType",
                    format!(
                        "{} is not entity, person or relationship; skipped",
                        quote(other)
                    ),
                )
            }
        };
        let Some(id) = text(s, "recordId") else {
            return skip("recordId", "is missing".into());
        };
        let Some(details) = s.get("recordDetails").filter(|d| d.is_object()) else {
            return skip("recordDetails", "is missing".into());
        };
        (record, id.to_string(), details, false)
    } else if let Some(kind) = text(s, "statementType") {
        let record = match kind {
            "entityStatement" => Record::Entity,
            "personStatement" => Record::Person,
            "ownershipOrControlStatement" => Record::Relationship,
            other => {
                return skip(
                    "statementType",
                    format!("{} is not a BODS statement type; skipped", quote(other)),
                )
            }
        };
        let Some(id) = statement_id.clone() else {
            return skip("statementID", "is missing".into());
        };
        (record, id, s, true)
    } else {
        return skip(
            "recordType",
            "is missing (and no 0.2/0.3 statementType either)".into(),
        );
    };
    let mut st = Stmt {
        number,
        statement_id,
        record_id,
        old_style,
        record,
        date: text(s, "statementDate").unwrap_or("").to_string(),
        closed: text(s, "recordStatus") == Some("closed"),
        replaces: s
            .get("replacesStatements")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(|x| x.trim().to_string())
                    .collect()
            })
            .unwrap_or_default(),
        source_url: None,
        kind: NodeKind::Company,
        name: None,
        unspecified: None,
        jurisdiction: None,
        subject: None,
        party: None,
        interests: Vec::new(),
    };
    let errors = if record == Record::Relationship {
        &mut out.ties.errors
    } else {
        &mut out.nodes.errors
    };
    if let Some(raw) = s.get("source").and_then(|src| text(src, "url")) {
        match check_url(raw) {
            Ok(u) => st.source_url = Some(u),
            Err(msg) => {
                errors.push(at(number, Some("source.url"), format!("{msg}; left out")).warning())
            }
        }
    }
    let d = details;
    match record {
        Record::Person => {
            st.kind = NodeKind::Person;
            st.name = d.get("names").and_then(Value::as_array).and_then(|names| {
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
            st.unspecified = unspecified_details(d.get("unspecifiedPersonDetails"));
        }
        Record::Entity => {
            let entity_type = d
                .get("entityType")
                .map(|t| text(t, "type").or_else(|| t.as_str()).unwrap_or(""))
                .unwrap_or("");
            st.kind = match entity_type {
                "stateBody" | "state" => NodeKind::PublicBody,
                "arrangement" | "anonymousEntity" | "unknownEntity" => NodeKind::Organisation,
                _ => NodeKind::Company,
            };
            st.name = text(d, "name").map(str::to_string);
            st.unspecified = unspecified_details(d.get("unspecifiedEntityDetails"));
            st.jurisdiction = d
                .get("jurisdiction")
                .or_else(|| d.get("incorporatedInJurisdiction"))
                .and_then(|j| text(j, "name").or_else(|| text(j, "code")))
                .map(str::to_string);
        }
        Record::Relationship => {
            st.subject = party(d.get("subject"));
            st.party = party(d.get("interestedParty"));
            let list = d.get("interests").and_then(Value::as_array);
            for (n, raw) in list.into_iter().flatten().enumerate() {
                st.interests
                    .push(read_interest(raw, n, number, &mut out.ties.errors, at));
            }
        }
    }
    Some(st)
}

fn unspecified_details(v: Option<&Value>) -> Option<(Option<String>, Option<String>)> {
    let v = v.filter(|v| v.is_object())?;
    Some((
        text(v, "reason").map(str::to_string),
        text(v, "description").map(str::to_string),
    ))
}

fn read_interest(
    raw: &Value,
    n: usize,
    number: usize,
    errors: &mut Vec<ImportError>,
    at: &At,
) -> Interest {
    let code = text(raw, "type").unwrap_or("");
    let mut interest = Interest::new(if code.is_empty() {
        InterestKind::UnknownInterest
    } else {
        InterestKind::parse(code)
    });
    interest.code = code.to_string();
    interest.direct = text(raw, "directOrIndirect")
        .or_else(|| text(raw, "interestLevel"))
        .and_then(Directness::parse);
    interest.beneficial = raw
        .get("beneficialOwnershipOrControl")
        .and_then(Value::as_bool);
    interest.details = text(raw, "details").map(str::to_string);
    if let Some(share) = raw.get("share") {
        match read_share(share) {
            Ok(v) => interest.share = v,
            Err(msg) => errors.push(
                at(
                    number,
                    Some(&format!("interests[{n}].share")),
                    format!("{msg}; left out"),
                )
                .warning(),
            ),
        }
    }
    for (key, slot) in [
        ("startDate", &mut interest.start),
        ("endDate", &mut interest.end),
    ] {
        if let Some(raw) = text(raw, key) {
            match check_date(raw) {
                Ok(date) => *slot = Some(date),
                Err(msg) => errors.push(
                    at(
                        number,
                        Some(&format!("interests[{n}].{key}")),
                        format!("{msg}; left out"),
                    )
                    .warning(),
                ),
            }
        }
    }
    interest
}

/// share {exact} or {minimum, maximum} and/or {exclusiveMinimum, exclusiveMaximum}
/// (numbers, in every version).
fn read_share(share: &Value) -> Result<Option<ShareRange>, String> {
    let num = |k: &str| share.get(k).and_then(Value::as_f64);
    let mut r = ShareRange {
        exact: num("exact"),
        min: num("minimum"),
        max: num("maximum"),
        ..ShareRange::default()
    };
    if r.min.is_none() {
        r.min = num("exclusiveMinimum");
        r.exclusive_min = r.min.is_some();
    }
    if r.max.is_none() {
        r.max = num("exclusiveMaximum");
        r.exclusive_max = r.max.is_some();
    }
    if r.exact.is_none() && r.min.is_none() && r.max.is_none() {
        return Ok(None);
    }
    let b = r.bounds();
    let ok = |v: f64| (0.0..=100.0).contains(&v);
    if !ok(b.min) || !ok(b.max) || b.min > b.max {
        return Err(format!(
            "{}–{} is not a share between 0 and 100",
            b.min, b.max
        ));
    }
    Ok(Some(r))
}

fn day(date: &str) -> Option<String> {
    let d = date.split('T').next().unwrap_or("").trim();
    check_date(d).ok()
}

/// The id a 0.2 statement reference ends at, following `replacesStatements` forward.
fn resolve<'a>(alias: &'a HashMap<String, String>, mut id: &'a str) -> &'a str {
    for _ in 0..64 {
        match alias.get(id) {
            Some(next) if next != id => id = next,
            _ => break,
        }
    }
    id
}

fn build(file: &str, mut stmts: Vec<Stmt>, existing: &Network, at: &At, out: &mut NetworkReport) {
    let _ = file;
    // A repeated statementID: named with both positions. Relationship statements are both
    // kept (each says something); of two node statements the later is used.
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    for s in &mut stmts {
        let Some(id) = s.statement_id.clone() else {
            continue;
        };
        if let Some(&earlier) = first_seen.get(&id) {
            let field = if s.old_style {
                "statementID"
            } else {
                "statementId"
            };
            let what = if s.record == Record::Relationship {
                "both are kept"
            } else if s.old_style {
                "the later one is used"
            } else {
                "both are read as versions of their record"
            };
            let errors = if s.record == Record::Relationship {
                &mut out.ties.errors
            } else {
                &mut out.nodes.errors
            };
            errors.push(
                at(
                    s.number,
                    Some(field),
                    format!(
                        "{} repeats the statement id of statement {earlier}; {what}",
                        quote(&id)
                    ),
                )
                .warning(),
            );
            if s.old_style && s.record == Record::Relationship {
                s.record_id = format!("{id}#{}", s.number);
            }
        } else {
            first_seen.insert(id, s.number);
        }
    }
    // 0.2/0.3: a statement that replaces others continues their record.
    let mut alias: HashMap<String, String> = HashMap::new();
    let kind_of: HashMap<&str, Record> = stmts
        .iter()
        .map(|s| (s.record_id.as_str(), s.record))
        .collect();
    for s in stmts.iter().filter(|s| s.old_style) {
        for old in &s.replaces {
            if kind_of.get(old.as_str()).is_none_or(|&r| r == s.record) && *old != s.record_id {
                alias.insert(old.clone(), s.record_id.clone());
            }
        }
    }
    // Group statements by record, in the order records first appear.
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, s) in stmts.iter().enumerate() {
        let key = resolve(&alias, &s.record_id).to_string();
        groups
            .entry(key.clone())
            .or_insert_with(|| {
                order.push(key.clone());
                Vec::new()
            })
            .push(k);
    }
    for versions in groups.values_mut() {
        crate::sort::sort_by(versions, |&a, &b| {
            (stmts[a].date.as_str(), stmts[a].number)
                .cmp(&(stmts[b].date.as_str(), stmts[b].number))
        });
    }

    let mut ids: HashSet<String> = existing.nodes.iter().map(|n| n.id.clone()).collect();
    let mut node_ids: HashSet<String> = HashSet::new();
    for key in &order {
        let versions = &groups[key];
        let s = &stmts[*versions.last().expect("a group has a statement")];
        if s.record == Record::Relationship {
            continue;
        }
        if !ids.insert(key.clone()) {
            out.nodes.errors.push(at(
                s.number,
                Some(if s.old_style {
                    "statementID"
                } else {
                    "recordId"
                }),
                format!("{} is already the id of a farm or another node", quote(key)),
            ));
            out.nodes.skipped += 1;
            continue;
        }
        let name = match (&s.name, &s.unspecified) {
            (Some(n), _) => n.clone(),
            (None, Some((reason, _))) => unspecified_name(reason.as_deref()),
            (None, None) => {
                let field = if s.record == Record::Person {
                    "names"
                } else {
                    "name"
                };
                out.nodes.errors.push(
                    at(
                        s.number,
                        Some(field),
                        "is missing; the record id is shown instead".into(),
                    )
                    .warning(),
                );
                key.clone()
            }
        };
        let mut node = Node::new(key, s.kind, &name);
        node.source_url = s.source_url.clone();
        if let Some((_, Some(desc))) = &s.unspecified {
            node.description = Some(desc.clone());
        }
        if let Some(j) = &s.jurisdiction {
            node.extra.push(("jurisdiction".into(), j.clone()));
        }
        if s.closed {
            node.extra.push(("record status".into(), "closed".into()));
        }
        node_ids.insert(key.clone());
        out.nodes.records.push(node);
    }

    for key in &order {
        let versions = &groups[key];
        if stmts[versions[0]].record != Record::Relationship {
            continue;
        }
        relationship_ties(key, versions, &stmts, &alias, &node_ids, &ids, at, out);
    }
}

/// A tie-to-be: its ends (as stated), interests, and whether (and when) it ended.
struct Draft<'a> {
    stmt: &'a Stmt,
    interests: Vec<Interest>,
    former: bool,
    end: Option<String>,
}

fn interest_key(i: &Interest) -> String {
    format!("{:?}|{}|{:?}|{:?}", i.kind, i.code, i.share, i.direct)
}

#[allow(clippy::too_many_arguments)]
fn relationship_ties<'a>(
    key: &str,
    versions: &[usize],
    stmts: &'a [Stmt],
    alias: &HashMap<String, String>,
    node_ids: &HashSet<String>,
    ids: &HashSet<String>,
    at: &At,
    out: &mut NetworkReport,
) {
    let mut drafts: Vec<Draft<'a>> = Vec::new();
    let mut former_seen: HashSet<String> = HashSet::new();
    let mut push_former =
        |drafts: &mut Vec<Draft<'a>>, stmt: &'a Stmt, interest: Interest, end: Option<String>| {
            let k = format!("{}|{:?}|{}", interest_key(&interest), end, stmt_ends(stmt));
            if !former_seen.insert(k) {
                return;
            }
            match drafts
                .iter_mut()
                .find(|d| d.former && d.end == end && stmt_ends(d.stmt) == stmt_ends(stmt))
            {
                Some(d) => d.interests.push(interest),
                None => drafts.push(Draft {
                    stmt,
                    interests: vec![interest],
                    former: true,
                    end,
                }),
            }
        };
    // Interests a later statement of the record no longer states ended with it.
    for pair in versions.windows(2) {
        let (old, new) = (&stmts[pair[0]], &stmts[pair[1]]);
        let kept: HashSet<String> = new.interests.iter().map(interest_key).collect();
        for i in &old.interests {
            if i.end.is_none() && !kept.contains(&interest_key(i)) {
                let mut i = i.clone();
                i.end = day(&new.date);
                let end = i.end.clone();
                push_former(&mut drafts, old, i, end);
            }
        }
    }
    let last = &stmts[*versions.last().expect("a group has a statement")];
    let mut current = Vec::new();
    for i in &last.interests {
        if last.closed || i.end.is_some() {
            let mut i = i.clone();
            if i.end.is_none() {
                i.end = day(&last.date);
            }
            let end = i.end.clone();
            push_former(&mut drafts, last, i, end);
        } else {
            current.push(i.clone());
        }
    }
    if last.closed && last.interests.is_empty() {
        drafts.push(Draft {
            stmt: last,
            interests: Vec::new(),
            former: true,
            end: day(&last.date),
        });
    }
    if !current.is_empty() || (!last.closed && last.interests.is_empty()) {
        drafts.insert(
            0,
            Draft {
                stmt: last,
                interests: current,
                former: false,
                end: None,
            },
        );
    }

    // Placeholder ids are per relationship record, so only this record's drafts can repeat
    // one (no scan of all nodes: registers list many exempt owners).
    let mut made: HashSet<String> = HashSet::new();
    for draft in drafts {
        let s = draft.stmt;
        let mut ends = Vec::new();
        for (field, p) in [("interestedParty", &s.party), ("subject", &s.subject)] {
            match p {
                None => out
                    .ties
                    .errors
                    .push(at(s.number, Some(field), "is missing".into())),
                Some(Party::Unspecified {
                    reason,
                    description,
                }) => {
                    // One node per relationship record for the party nobody named.
                    let id = format!("{key}/unspecified-{field}");
                    if made.insert(id.clone()) {
                        let mut node = Node::new(
                            &id,
                            NodeKind::Organisation,
                            &unspecified_name(reason.as_deref()),
                        );
                        node.description = description.clone();
                        out.nodes.records.push(node);
                    }
                    ends.push(id);
                }
                Some(Party::Id(raw)) => {
                    let id = resolve(alias, raw);
                    if node_ids.contains(id) || ids.contains(id) {
                        ends.push(id.to_string());
                    } else {
                        out.ties.errors.push(at(
                            s.number,
                            Some(field),
                            format!(
                                "{} is not the id of any entity or person statement",
                                quote(raw)
                            ),
                        ));
                    }
                }
            }
        }
        if ends.len() != 2 {
            out.ties.skipped += 1;
            continue;
        }
        out.ties
            .records
            .push(make_tie(&ends[0], &ends[1], draft, s.source_url.clone()));
    }
}

fn stmt_ends(s: &Stmt) -> String {
    let id = |p: &Option<Party>| match p {
        Some(Party::Id(x)) => x.clone(),
        Some(Party::Unspecified { .. }) => "?".into(),
        None => String::new(),
    };
    format!("{}→{}", id(&s.party), id(&s.subject))
}

fn make_tie(from: &str, to: &str, draft: Draft, source_url: Option<String>) -> Tie {
    let mut interests = draft.interests;
    crate::sort::sort_by_key(&mut interests, |i| i.kind.rank());
    let rank = |k: TieKind| match k {
        TieKind::Owns => 0,
        TieKind::Directs => 1,
        _ => 2,
    };
    let kind = interests
        .iter()
        .map(|i| i.kind.tie_kind())
        .min_by_key(|&k| rank(k))
        .unwrap_or(TieKind::Unknown);
    let mut tie = Tie::new(from, to, kind, Confidence::Reported);
    let mut words: Vec<&str> = Vec::new();
    for i in &interests {
        let w = if i.kind == InterestKind::Other {
            i.code.as_str()
        } else {
            i.kind.words()
        };
        if !words.contains(&w) {
            words.push(w);
        }
    }
    tie.relationship = (!words.is_empty()).then(|| words.join(", "));
    tie.share = [InterestKind::Shareholding, InterestKind::VotingRights]
        .iter()
        .find_map(|k| {
            interests
                .iter()
                .find(|i| i.kind == *k)
                .and_then(|i| i.share)
                .map(|s| s.bounds())
        });
    tie.start = interests.iter().filter_map(|i| i.start.clone()).min();
    tie.former = draft.former;
    tie.end = draft.end;
    let first = interests.first().and_then(|i| i.direct);
    tie.direct = first.filter(|d| interests.iter().all(|i| i.direct == Some(*d)));
    tie.source_url = source_url;
    tie.interests = interests;
    tie
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::model::Share;

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
        // The interests' words, not their raw codes (issue 9).
        assert_eq!(
            t.relationship.as_deref(),
            Some("shareholding, board member")
        );
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
                "b.json statement 6, column interests[0].share: 150–150 is not a share between 0 and 100; left out",
                "b.json statement 4, column interestedParty: \"ghost\" is not the id of any entity or person statement",
            ]
        );
        // Issue 9: the closed record is kept (its former ties need it) and the unspecified
        // party of statement 5 is drawn as "an unspecified owner (reason: …)" rather than
        // dropped with a warning.
        let names: Vec<&str> = p.nodes.records.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "A",
                "e0",
                "Gone",
                "an unspecified owner (reason: subject exempt from disclosure)"
            ]
        );
        assert_eq!(p.ties.records.len(), 2);
        assert_eq!(p.ties.skipped, 1);
        let not_json = parse("c.json", b"{\"a\":", &Network::default());
        assert!(messages(&not_json)[0].starts_with("c.json: is not valid JSON"));
    }

    #[test]
    fn utf16_bom_twice_is_named_not_a_panic() {
        let p = parse("b.json", &[0xFF, 0xFE, 0xFF, 0xFE], &Network::default());
        assert!(p.nodes.records.is_empty());
        assert!(
            messages(&p)[0].starts_with("b.json: is empty"),
            "{:?}",
            messages(&p)
        );
    }
}

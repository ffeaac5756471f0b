//! The real BODS and FollowTheMoney files (tests/fixtures/realworld/, copied byte for byte from
//! the project's shared data with their licences; issue 9), loaded as
//! they are: counts, former ties with their dates, interests, named problems, sentences.
//! Set FARMMAP_REALWORLD to another copy of that folder; without one the file tests say so
//! and pass (the synthetic tests below always run).

use farmmap::import::{bods, ftm, Severity};
use farmmap::network::model::{
    Confidence, Directness, InterestKind, Network, Node, NodeKind, Tie, TieKind, TieNature,
};
use farmmap::network::paths::Step;
use farmmap::network::sentence::describe;
use std::path::PathBuf;

fn root() -> Option<PathBuf> {
    // The committed copy (tests/fixtures/realworld, byte for byte, with its licences), or
    // another folder of the same layout named by FARMMAP_REALWORLD. A missing folder fails.
    let dir = std::env::var("FARMMAP_REALWORLD")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/realworld"
            ))
        });
    assert!(dir.is_dir(), "{} is missing", dir.display());
    Some(dir)
}

fn load(rel: &str) -> (Network, Vec<farmmap::import::ImportError>) {
    let dir = root().expect("checked by the caller");
    let bytes = std::fs::read(dir.join(rel)).unwrap();
    let name = rel.rsplit('/').next().unwrap();
    let report = if rel.starts_with("ftm/") {
        ftm::parse(name, &bytes, &Network::default())
    } else {
        bods::parse(name, &bytes, &Network::default())
    };
    let mut net = Network::default();
    let errors = report.merge_into(&mut net);
    (net, errors)
}

fn node<'a>(net: &'a Network, name: &str) -> &'a Node {
    net.nodes
        .iter()
        .find(|n| n.name == name)
        .unwrap_or_else(|| panic!("no node {name}"))
}

/// One tie in words, walked from its source (or target).
fn say(net: &Network, k: usize, forward: bool) -> String {
    let t = &net.ties[k];
    let idx = |id: &str| net.nodes.iter().position(|n| n.id == id).unwrap() as u32;
    let (s, g) = (idx(&t.source), idx(&t.target));
    let (from, to) = if forward { (s, g) } else { (g, s) };
    describe(net, &[Step { tie: k, from, to }]).unwrap()
}

fn counts(net: &Network) -> (usize, usize, usize) {
    (
        net.nodes.len(),
        net.ties.len(),
        net.ties.iter().filter(|t| t.former).count(),
    )
}

#[test]
fn every_real_file_loads_with_counts() {
    let Some(dir) = root() else { return };
    // (file, nodes, ties, former ties, errors)
    let expected: &[(&str, usize, usize, usize, usize)] = &[
        ("bods/0.4/fermcat.json", 4, 4, 3, 0),
        ("bods/0.4/tecido.json", 3, 6, 5, 0),
        ("bods/0.4/joint-ownership.json", 4, 3, 0, 0),
        ("bods/0.4/indirect-ownership.json", 3, 3, 0, 0),
        ("bods/0.4/levent.json", 4, 3, 0, 0),
        ("bods/0.4/nomination.json", 4, 4, 0, 0),
        (
            "bods/0.4/listed-company-exempt-from-disclosure.json",
            2,
            1,
            0,
            0,
        ),
        ("bods/0.2/2-single-update.json", 3, 2, 0, 0),
        ("bods/0.2/3-joint-ownership.json", 4, 3, 0, 0),
        ("bods/0.2/4a-simple-pep-declaration.json", 2, 1, 0, 0),
        ("bods/0.2/missing-data_os-17-dr-02-dc-06.json", 2, 1, 0, 0),
        (
            "bods/0.2/flat-serialisation_gb-coh-entity-statement.json",
            1,
            0,
            0,
            0,
        ),
        ("ftm/ftm-yente-zala.ftm.json", 17, 21, 11, 0),
        ("ftm/ftm-yente-t1.ftm.json", 6, 0, 0, 0),
    ];
    for &(file, nodes, ties, former, errors) in expected {
        let (net, problems) = load(file);
        let errs = problems
            .iter()
            .filter(|e| e.severity == Severity::Error)
            .count();
        assert_eq!(
            (counts(&net), errs),
            ((nodes, ties, former), errors),
            "{file}: {problems:?}"
        );
    }
    // Every file in both folders loads without a panic and with no file-level error.
    for sub in ["bods/0.2", "bods/0.4", "ftm"] {
        for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            let rel = format!("{sub}/{}", path.file_name().unwrap().to_string_lossy());
            let (_, problems) = load(&rel);
            assert!(
                problems
                    .iter()
                    .all(|e| e.row.is_some() || e.severity == Severity::Warning),
                "{rel}: {problems:?}"
            );
        }
    }
}

#[test]
fn fermcat_keeps_its_former_owners_with_their_end_dates() {
    if root().is_none() {
        return;
    }
    let (net, _) = load("bods/0.4/fermcat.json");
    let riyadh = node(&net, "Riyadh Byrne-Amin");
    let k = net.ties.iter().position(|t| t.source == riyadh.id).unwrap();
    let t = &net.ties[k];
    assert!(t.former);
    assert_eq!(t.end.as_deref(), Some("2021-04-03"));
    assert_eq!(t.direct, Some(Directness::Direct));
    assert_eq!(
        t.interests.len(),
        2,
        "shareholding and board seat both kept"
    );
    assert_eq!(
        say(&net, k, false),
        "Fermcat Ltd was 50% owned by Riyadh Byrne-Amin until 2021-04-03."
    );
    assert_eq!(
        say(&net, k, true),
        "Riyadh Byrne-Amin owned 50% of Fermcat Ltd until 2021-04-03."
    );
    // Patrick: 50% until the 2022 statement, 100% now.
    let patrick = node(&net, "Patrick O'Donohue");
    let mine: Vec<&Tie> = net.ties.iter().filter(|t| t.source == patrick.id).collect();
    assert_eq!(mine.len(), 2);
    assert!(mine
        .iter()
        .any(|t| !t.former && t.share.map(|s| s.min) == Some(100.0)));
    assert!(mine
        .iter()
        .any(|t| t.former && t.end.as_deref() == Some("2022-01-21")));
}

#[test]
fn bods_0_2_voting_rights_repeated_ids_and_unspecified_owners() {
    if root().is_none() {
        return;
    }
    let (net, _) = load("bods/0.2/4a-simple-pep-declaration.json");
    let t = &net.ties[0];
    assert_eq!(t.kind, TieKind::Owns);
    let voting = t
        .interests
        .iter()
        .find(|i| i.kind == InterestKind::VotingRights)
        .unwrap();
    assert_eq!(voting.code, "voting-rights");
    assert!(t.relationship.as_deref().unwrap().contains("voting rights"));

    let (net, problems) = load("bods/0.2/3-joint-ownership.json");
    let repeat = problems
        .iter()
        .find(|e| e.message.contains("repeats the statement id"))
        .unwrap();
    assert_eq!(
        repeat.to_string(),
        "3-joint-ownership.json statement 7, column statementID: \"c222fe05-2bf3-4cc0-b126-f665109d7211\" repeats the statement id of statement 6; both are kept"
    );
    assert_eq!(repeat.severity, Severity::Warning);
    assert!(net
        .ties
        .iter()
        .any(|t| t.source == node(&net, "Roberto López").id));
    assert!(net
        .ties
        .iter()
        .any(|t| t.source == node(&net, "Natalie Coleman").id));

    let (net, _) = load("bods/0.2/2-single-update.json");
    let who = node(
        &net,
        "an unspecified owner (reason: interested party has not provided information)",
    );
    assert!(who
        .description
        .as_deref()
        .unwrap()
        .starts_with("The new owner of shares"));
    let k = net.ties.iter().position(|t| t.source == who.id).unwrap();
    assert_eq!(
        say(&net, k, true),
        "An unspecified owner (reason: interested party has not provided information) is the owner of 50% of CHRINON LTD."
    );
    for file in [
        "bods/0.2/missing-data_os-01-dr-02-dc-05.json",
        "bods/0.4/listed-company-exempt-from-disclosure.json",
    ] {
        let (net, _) = load(file);
        assert!(
            net.nodes
                .iter()
                .any(|n| n.name.starts_with("an unspecified owner (reason: ")
                    && n.name.contains("exempt from disclosure")),
            "{file}"
        );
        assert!(net
            .nodes
            .iter()
            .all(|n| !n.name.contains("no reason given")));
    }
}

#[test]
fn indirect_holdings_stay_indirect() {
    if root().is_none() {
        return;
    }
    let (net, _) = load("bods/0.4/indirect-ownership.json");
    let k = net
        .ties
        .iter()
        .position(|t| t.direct == Some(Directness::Indirect))
        .unwrap();
    assert_eq!(
        say(&net, k, false),
        "Company A is indirectly 30% owned by Person 1."
    );
}

#[test]
fn json_lines_read_the_same_as_the_array() {
    let Some(dir) = root() else { return };
    let bytes = std::fs::read(dir.join("bods/0.4/fermcat.json")).unwrap();
    let all: Vec<serde_json::Value> = serde_json::from_slice(&bytes).unwrap();
    let mut jsonl = String::new();
    for (i, s) in all.iter().enumerate() {
        jsonl.push_str(&serde_json::to_string(s).unwrap());
        jsonl.push('\n');
        if i == 3 {
            jsonl.push('\n'); // a blank line is fine
        }
    }
    let from_lines = bods::parse("fermcat.jsonl", jsonl.as_bytes(), &Network::default());
    let streamed =
        bods::parse_lines("fermcat.jsonl", jsonl.as_bytes(), &Network::default()).unwrap();
    let (array, _) = load("bods/0.4/fermcat.json");
    for r in [from_lines, streamed] {
        let mut net = Network::default();
        assert!(r.merge_into(&mut net).is_empty());
        assert_eq!(net, array);
    }
    // A broken line is named by its line number; the rest loads.
    let broken = jsonl
        .replacen("{\"", "{\"oops", 1)
        .replacen("\n", "\nnot json\n", 1);
    let r = bods::parse("f.jsonl", broken.as_bytes(), &Network::default());
    assert!(r.nodes.errors.iter().any(|e| e
        .to_string()
        .starts_with("f.jsonl line 2: is not valid JSON")));
}

#[test]
fn ftm_captions_and_former_ownerships() {
    if root().is_none() {
        return;
    }
    let (net, _) = load("ftm/ftm-yente-zala.ftm.json");
    // The export's caption, not the first of 30 names.
    assert!(net
        .nodes
        .iter()
        .any(|n| n.name == "JSC Kalashnikov Concern"));
    assert!(!net.nodes.iter().any(|n| n.name == "JSC NPO IZHMASH"));
    let fam = net
        .ties
        .iter()
        .position(|t| t.kind == TieKind::Family)
        .unwrap();
    let s = say(&net, fam, true);
    assert!(s.contains("is believed to be a family member of "), "{s}");
    assert!(!s.contains("of of"));
    let ended = net
        .ties
        .iter()
        .filter(|t| t.former && t.end.is_some())
        .count();
    assert_eq!(ended, 11);
}

fn two(a: &str, b: &str, mut tie: Tie) -> Network {
    tie.source = "a".into();
    tie.target = "b".into();
    Network {
        nodes: vec![
            Node::new("a", NodeKind::Person, a),
            Node::new("b", NodeKind::Company, b),
        ],
        ties: vec![tie],
    }
}

#[test]
fn hostile_names_and_data_words_read_cleanly() {
    let mut fam = Tie::new("a", "b", TieKind::Family, Confidence::Alleged);
    fam.relationship = Some("Family member of".into());
    let net = two("Ivan of Kent", "Beta a.s.", fam);
    assert_eq!(
        say(&net, 0, true),
        "Ivan of Kent is believed to be a family member of Beta a.s."
    );
    assert_eq!(
        say(&net, 0, false),
        "Beta a.s.'s family member is believed to be Ivan of Kent."
    );

    let mut sus = Tie::new("a", "b", TieKind::Associate, Confidence::Reported);
    sus.relationship = Some("suspected business partner".into());
    let net = two("A. B. Jr.", "Office of the Mayor", sus);
    assert_eq!(
        say(&net, 0, true),
        "A. B. Jr. is suspected to be a business partner of Office of the Mayor."
    );

    let mut pay = Tie::new("a", "b", TieKind::Unknown, Confidence::Reported);
    pay.nature = Some(TieNature::Payment);
    pay.amount = Some(farmmap::network::model::Money {
        value: 12000.0,
        currency: Some("EUR".into()),
    });
    pay.date = Some("2019-05-01".into());
    let net = two("Donor Ltd.", "Party of Farmers", pay);
    assert_eq!(
        say(&net, 0, true),
        "Donor Ltd. paid €12,000 to Party of Farmers on 2019-05-01."
    );
    assert_eq!(
        say(&net, 0, false),
        "Party of Farmers received €12,000 from Donor Ltd. on 2019-05-01."
    );
}

#[test]
fn ftm_payments_are_money_flows_and_located_things_are_sites() {
    let lines = br#"{"id":"p1","schema":"Person","properties":{"name":["Ivan Petrov"],"sourceUrl":["https://x.org"]}}
{"id":"o1","schema":"Organization","properties":{"name":["Party of Farmers"]}}
{"id":"pay1","schema":"Payment","properties":{"payer":["p1"],"beneficiary":["o1"],"amount":["12,000.50"],"currency":["eur"],"date":["2019-05-01"],"purpose":["Donation"],"publisher":["Electoral Commission"]}}
{"id":"rep1","schema":"Representation","properties":{"agent":["p1"],"client":["o1"],"role":["lawyer"],"publisher":["x"]}}
{"id":"suc1","schema":"Succession","properties":{"predecessor":["o1"],"successor":["o2"],"publisher":["x"]}}
{"id":"o2","schema":"Organization","properties":{"name":["New Party"]}}
{"id":"v1","schema":"Vessel","properties":{"name":["Farm barge"],"latitude":["51.7"],"longitude":["75.3"]}}
{"id":"emp1","schema":"Employment","properties":{"employee":["p1"],"employer":["o1"],"endDate":["2020"],"publisher":["x"]}}"#;
    let r = ftm::parse("donations.json", lines, &Network::default());
    let mut net = Network::default();
    let errors = r.merge_into(&mut net);
    assert!(errors.is_empty(), "{errors:?}");
    let pay = &net.ties[0];
    assert!(pay.is_money_flow() && pay.is_directed() && !pay.former);
    assert_eq!(pay.amount.as_ref().unwrap().value, 12000.5);
    assert_eq!(pay.relationship.as_deref(), Some("Donation"));
    assert_eq!(net.ties[1].nature, Some(TieNature::Representation));
    assert_eq!(net.ties[2].nature, Some(TieNature::Succession));
    assert!(net.ties[3].former);
    let barge = node(&net, "Farm barge");
    assert_eq!((barge.kind, barge.lat), (NodeKind::Farm, Some(51.7)));
    assert_eq!(
        say(&net, 0, true),
        "Ivan Petrov paid €12,000.50 to Party of Farmers on 2019-05-01."
    );
    assert_eq!(
        say(&net, 1, true),
        "Ivan Petrov represents Party of Farmers."
    );
    assert_eq!(
        say(&net, 3, true),
        "Ivan Petrov worked for Party of Farmers until 2020."
    );
}

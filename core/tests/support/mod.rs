//! Strategies shared by the property tests: arbitrary JSON, valid request bodies, and
//! mutations of them. Runs are seeded (`PROPTEST_RNG_SEED` overrides the fixed seed) and
//! bounded (`PROPTEST_CASES` overrides each test's case count).
#![allow(dead_code)]

use labs_core::time::Timestamp;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use serde_json::{Map, Value, json};

/// The fixed seed of every property test, so CI runs the same cases each time.
pub const SEED: u64 = 0x1ab5_5eed;

/// A seeded config running `cases` cases, without a persistence file.
pub fn config(cases: u32) -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    if matches!(config.rng_seed, RngSeed::Random) {
        config.rng_seed = RngSeed::Fixed(SEED);
    }
    config.failure_persistence = None;
    config
}

/// Every field name a create or update body may hold, plus nested ones' names.
pub const FIELD_NAMES: &[&str] = &[
    "id",
    "labId",
    "labTitle",
    "labGroupID",
    "moduleID",
    "duration",
    "activatedAt",
    "counterID",
    "configId",
    "workerConfigId",
    "lab_request_id",
    "user_id",
    "terminal_url",
    "validation",
    "vm",
    "vscode_domain",
    "puku_domain",
    "worker_nodes",
    "loadBalancers",
    "name",
    "network_id",
    "netbird_ip",
    "worker_lab_request_id",
    "domain",
    "port",
    "scope",
    "expires_in_days",
];

/// An object key: a known field name most of the time, anything otherwise.
pub fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(FIELD_NAMES).prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

/// Any JSON value, up to a few levels deep, with keys that often name real fields.
pub fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(|f| json!(f)),
        any::<String>().prop_map(Value::from),
        Just(json!("")),
        Just(json!(0)),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((key(), inner), 0..8)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Text of 1 to `max` characters, none of them a control character: ASCII, `/`, `%`,
/// quotes, spaces, SQL metacharacters and non-ASCII letters, at most `max` bytes.
pub fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 ./%'\"_;:-]{1,24}",
        2 => "[a-zé日ü\u{1F600} /]{1,12}",
        1 => Just("x".repeat(max)),
    ]
    .prop_filter("fits the byte limit", move |s| s.len() <= max)
}

/// Text that may be empty (the members of `vm`, worker nodes and load balancers).
pub fn text_or_empty(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![5 => text(max), 1 => Just(String::new())]
}

/// An instant the service can store, as an RFC 3339 timestamp: the fixed-width UTC form,
/// or the same instant written with another offset.
pub fn timestamp_text() -> impl Strategy<Value = String> {
    (0_i64..=253_402_300_799_999, -1439_i32..=1439, any::<bool>()).prop_filter_map(
        "stays within years 1970..=9999 once the offset is applied",
        |(ms, offset_minutes, plain)| {
            let t = Timestamp::from_millis(ms)?;
            if plain {
                return Some(t.to_iso());
            }
            let offset = chrono::FixedOffset::east_opt(offset_minutes * 60)?;
            let at = chrono::DateTime::from_timestamp_millis(ms)?.with_timezone(&offset);
            let text = at.to_rfc3339_opts(chrono::SecondsFormat::Millis, false);
            // The local form must still have a four-digit year.
            (text.len() == 29).then_some(text)
        },
    )
}

fn worker_node() -> impl Strategy<Value = Value> {
    (
        text_or_empty(256),
        text(256),
        text_or_empty(256),
        text_or_empty(256),
    )
        .prop_map(|(name, request_id, network, ip)| {
            json!({ "name": name, "worker_lab_request_id": request_id, "network_id": network, "netbird_ip": ip })
        })
}

fn load_balancer() -> impl Strategy<Value = Value> {
    (text_or_empty(256), text_or_empty(2048), text_or_empty(256))
        .prop_map(|(id, domain, port)| json!({ "id": id, "domain": domain, "port": port }))
}

/// An optional domain: absent, `null`, or text.
fn optional_domain() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None),
        Just(Some(Value::Null)),
        text_or_empty(2048).prop_map(|t| Some(json!(t))),
    ]
}

/// A create body that `validation::parse_new_session` must accept.
pub fn valid_create_body() -> impl Strategy<Value = Value> {
    let ids = (
        prop_oneof![
            Just(None),
            Just(Some(Value::Null)),
            text(256).prop_map(|t| Some(json!(t)))
        ],
        text(256),
        text(2048),
        text(256),
        text(256),
        text(256),
        text(256),
        text(256),
        text(256),
        text(256),
        text(2048),
    );
    let rest = (
        1_u32..=525_600,
        timestamp_text(),
        0_i64..=i64::MAX,
        (text_or_empty(256), text_or_empty(256), text_or_empty(256)),
        optional_domain(),
        optional_domain(),
        prop_oneof![
            Just(None),
            Just(Some(Value::Null)),
            proptest::collection::vec(worker_node(), 0..4).prop_map(|v| Some(Value::Array(v)))
        ],
        prop_oneof![
            Just(None),
            Just(Some(Value::Null)),
            proptest::collection::vec(load_balancer(), 0..3).prop_map(|v| Some(Value::Array(v)))
        ],
    );
    (ids, rest).prop_map(
        |(
            (
                id,
                lab,
                title,
                group,
                module,
                counter,
                config,
                worker_config,
                request,
                user,
                terminal,
            ),
            (duration, activated, validation, (vm_name, vm_net, vm_ip), vscode, puku, nodes, lbs),
        )| {
            let mut body = json!({
                "labId": lab, "labTitle": title, "labGroupID": group, "moduleID": module,
                "duration": duration, "activatedAt": activated, "counterID": counter,
                "configId": config, "workerConfigId": worker_config, "lab_request_id": request,
                "user_id": user, "terminal_url": terminal, "validation": validation,
                "vm": { "name": vm_name, "network_id": vm_net, "netbird_ip": vm_ip },
            });
            for (name, value) in [
                ("id", id),
                ("vscode_domain", vscode),
                ("puku_domain", puku),
                ("worker_nodes", nodes),
                ("loadBalancers", lbs),
            ] {
                if let Some(value) = value {
                    body[name] = value;
                }
            }
            body
        },
    )
}

/// An update body that `validation::parse_update` must accept: one or more updatable fields.
pub fn valid_update_body() -> impl Strategy<Value = Value> {
    (
        proptest::option::of(proptest::collection::vec(worker_node(), 0..4)),
        proptest::option::of(proptest::collection::vec(load_balancer(), 0..3)),
        optional_domain(),
        optional_domain(),
        proptest::option::of(text_or_empty(2048)),
        proptest::option::of(1_u32..=525_600),
        proptest::option::of(json_value()),
    )
        .prop_filter_map(
            "names at least one updatable field",
            |(nodes, lbs, vscode, puku, terminal, duration, extra)| {
                let mut body = Map::new();
                if let Some(nodes) = nodes {
                    body.insert("worker_nodes".into(), json!(nodes));
                }
                if let Some(lbs) = lbs {
                    body.insert("loadBalancers".into(), json!(lbs));
                }
                if let Some(v) = vscode {
                    body.insert("vscode_domain".into(), v);
                }
                if let Some(v) = puku {
                    body.insert("puku_domain".into(), v);
                }
                if let Some(t) = terminal {
                    body.insert("terminal_url".into(), json!(t));
                }
                if let Some(d) = duration {
                    body.insert("duration".into(), json!(d));
                }
                if body.is_empty() {
                    return None;
                }
                if let Some(extra) = extra {
                    body.insert("an_unknown_field".into(), extra);
                }
                Some(Value::Object(body))
            },
        )
}

/// A change to a body that may make it invalid, or not.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// Remove the field at this path.
    Remove(Vec<String>),
    /// Put this value at this path (creating the field).
    Set(Vec<String>, Value),
}

/// The paths a mutation aims at: top-level fields, `vm`'s members, the first worker node's
/// and load balancer's members.
fn target() -> impl Strategy<Value = Vec<String>> {
    let top = proptest::sample::select(&FIELD_NAMES[..19]).prop_map(|f| vec![f.to_owned()]);
    let vm = proptest::sample::select(&["name", "network_id", "netbird_ip"][..])
        .prop_map(|f| vec!["vm".to_owned(), f.to_owned()]);
    let node = proptest::sample::select(
        &["name", "worker_lab_request_id", "network_id", "netbird_ip"][..],
    )
    .prop_map(|f| vec!["worker_nodes".to_owned(), "0".to_owned(), f.to_owned()]);
    let lb = proptest::sample::select(&["id", "domain", "port"][..])
        .prop_map(|f| vec!["loadBalancers".to_owned(), "0".to_owned(), f.to_owned()]);
    prop_oneof![4 => top, 1 => vm, 1 => node, 1 => lb]
}

/// Values that sit on or just past a rule's edge, and arbitrary ones.
fn edge_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(json!("")),
        Just(json!("x".repeat(256))),
        Just(json!("x".repeat(257))),
        Just(json!("é".repeat(129))),
        Just(json!("x".repeat(2049))),
        Just(json!("a\u{0}b")),
        Just(json!("a\u{85}b")),
        Just(json!(0)),
        Just(json!(-1)),
        Just(json!(1.5)),
        Just(json!(60.0)),
        Just(json!(525_600)),
        Just(json!(525_601)),
        Just(json!(u64::MAX)),
        Just(json!("60")),
        Just(json!([])),
        Just(json!({})),
        Just(json!(true)),
        json_value(),
    ]
}

/// A mutation of some body.
pub fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => target().prop_map(Mutation::Remove),
        4 => (target(), edge_value()).prop_map(|(t, v)| Mutation::Set(t, v)),
    ]
}

impl Mutation {
    /// `body` with this mutation applied (a path through a missing or non-object parent is
    /// left alone).
    pub fn apply(&self, mut body: Value) -> Value {
        let (path, value) = match self {
            Mutation::Remove(path) => (path, None),
            Mutation::Set(path, value) => (path, Some(value.clone())),
        };
        let (last, parents) = path.split_last().expect("a path");
        let mut at = &mut body;
        for step in parents {
            let next = match at {
                Value::Object(obj) => obj.get_mut(step),
                Value::Array(items) => step.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
                _ => None,
            };
            match next {
                Some(next) => at = next,
                None => return body,
            }
        }
        if let Value::Object(obj) = at {
            match value {
                Some(v) => {
                    obj.insert(last.clone(), v);
                }
                None => {
                    obj.remove(last);
                }
            }
        }
        body
    }
}

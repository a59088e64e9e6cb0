//! The classified diff between two versions of a service, each version a
//! real `#[wire_rpc]` trait (in its own module, pinned to one service name).

mod levels;
#[allow(dead_code, reason = "the versions are declared for their contracts only: never implemented")]
mod values;
#[allow(dead_code, reason = "the versions are declared for their contracts only: never implemented nor built")]
mod versions;

/// What the test binaries share: the parts this one uses.
#[path = "../support"]
mod support {
    pub mod contract;
}

use support::contract::doc;
use versions::{v1, v2};
use wire_core::Handler;
use wire_golden::diff::{Aspect, Finding, Severity, diff};

fn findings() -> Vec<Finding> {
    let old = doc(v1::MasterRpc::HANDLERS);
    let mut new: Vec<&'static Handler> = v2::MasterRpc::HANDLERS.to_vec();
    new.extend(v2::TenantServiceRpc::HANDLERS);
    diff(&old, &doc(&new))
}

fn find<'a>(f: &'a [Finding], subject: &str, aspect: Aspect) -> &'a Finding {
    f.iter().find(|x| x.subject == subject && x.aspect == aspect).unwrap_or_else(|| {
        let all: Vec<String> = f.iter().map(|x| x.to_string()).collect();
        panic!("no {aspect:?} finding for {subject} in\n{}", all.join("\n"))
    })
}

/// One line per finding, as reports print them.
fn lines(f: &[Finding]) -> String {
    f.iter().map(|x| format!("{x}\n")).collect()
}

#[test]
fn identical_contracts_have_no_findings() {
    let a = doc(v1::MasterRpc::HANDLERS);
    assert_eq!(diff(&a, &a), []);
}

#[test]
fn trailing_argument_is_breaking_and_named() {
    let f = findings();
    let put_end = find(&f, "MasterService::put_end", Aspect::Args);
    assert_eq!(put_end.severity, Severity::Breaking);
    assert_eq!(put_end.old, Some(v1::MasterRpc::put_end.args_code));
    assert_eq!(put_end.new, Some(v2::MasterRpc::put_end.args_code));
    assert_eq!(put_end.unchanged_id, Some(v1::MasterRpc::put_end.function_id));
    assert_eq!(put_end.why, "argument 2 `tenant_id: String` appended");
    let line = put_end.to_string();
    assert!(
        line.starts_with(&format!(
            "BREAKING MasterService::put_end args {:#010x} -> {:#010x} (function id {:#010x} unchanged): argument 2",
            v1::MasterRpc::put_end.args_code,
            v2::MasterRpc::put_end.args_code,
            v1::MasterRpc::put_end.function_id
        )),
        "{line}"
    );
}

#[test]
fn an_inserted_argument_is_found_by_its_name_among_arguments_of_its_type() {
    // `tenant_id: String` put before `key: String`: the types alone would
    // allow "argument 1 `key: String` inserted"; the names say which is new.
    let f = findings();
    let evict = find(&f, "MasterService::evict", Aspect::Args);
    assert_eq!(evict.severity, Severity::Breaking);
    assert_eq!(evict.why, "argument 0 `tenant_id: String` inserted");
}

#[test]
fn nested_change_gives_the_schema_path() {
    let f = findings();
    let put_start = find(&f, "MasterService::put_start", Aspect::Args);
    assert_eq!(put_start.why, "at arg 1 `replica` → Replica.segs → Vec<u64>: `String` -> `u64`");
}

#[test]
fn enum_variant_appended() {
    let f = findings();
    let remove = find(&f, "MasterService::remove", Aspect::Return);
    assert_eq!(remove.severity, Severity::Breaking);
    assert_eq!(remove.why, "at Result<(), ErrorCode>: variant 3 `Throttled` appended to `ErrorCode`");
}

#[test]
fn added_removed_and_renamed_handlers() {
    let f = findings();
    let usage = find(&f, "MasterService::get_tenant_usage", Aspect::Added);
    assert_eq!(usage.severity, Severity::Additive);
    assert!(
        usage.why.starts_with("new handler: MasterService.get_tenant_usage(tenant: String) -> u64"),
        "{}",
        usage.why
    );
    let quota = find(&f, "TenantService::quota", Aspect::Added);
    assert!(quota.why.contains("new service `TenantService`"), "{}", quota.why);
    let ping = find(&f, "MasterService::ping", Aspect::FunctionId);
    assert_eq!(ping.severity, Severity::Breaking);
    assert!(ping.why.contains("renamed to `MasterService::ping_v2`"), "{}", ping.why);
    assert!(ping.advice.contains("#[wire(name = \"MasterService::ping\")]"), "{}", ping.advice);
    assert!(f.iter().all(|x| x.subject != "MasterService::ping_v2"), "a rename is one finding, not an add");
}

#[test]
fn names_only_changes_are_cosmetic() {
    let f = findings();
    let exist = find(&f, "MasterService::exist_key", Aspect::Names);
    assert_eq!(exist.severity, Severity::Cosmetic);
    assert_eq!(exist.why, "renamed only: argument 0 `key` -> `name` (codes unchanged)");
    let replica = find(&f, "type Replica2", Aspect::Names);
    assert!(replica.why.contains("field `Replica2.addr` renamed to `address`"), "{}", replica.why);
    assert!(f.iter().all(|x| x.subject != "MasterService::get_replica_list" || x.severity == Severity::Cosmetic));
}

#[test]
fn most_severe_first() {
    let f = findings();
    let severities: Vec<Severity> = f.iter().map(|x| x.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort();
    assert_eq!(severities, sorted);
    assert_eq!(f[0].severity, Severity::Breaking);
}

#[test]
#[ignore = "prints the report"]
fn print() {
    for f in findings() {
        println!("{f}");
    }
}

//! The classified diff between two versions of a service, each version a
//! real `#[wire_rpc]` trait (in its own module, pinned to one service name).

#![allow(dead_code)]

use wire_core::Handler;
use wire_golden::ContractDoc;
use wire_golden::diff::{Aspect, Finding, Severity, diff};

mod v1 {
    use wire_core::{Wire, wire_rpc};

    #[derive(Wire)]
    pub struct Replica {
        pub addr: String,
        pub segs: Vec<String>,
    }

    #[derive(Wire)]
    pub enum ErrorCode {
        NotFound,
        NoSpace { requested: u64 },
        Internal(String),
    }

    #[wire_rpc(codes_only)]
    #[wire(name = "MasterService")]
    pub trait Master {
        fn put_end(&self, key: String, size: u64) -> Result<(), ErrorCode>;
        fn put_start(&self, key: String, replica: Replica) -> Result<Vec<Replica>, ErrorCode>;
        fn remove(&self, key: String) -> Result<(), ErrorCode>;
        fn ping(&self) -> u64;
        fn exist_key(&self, key: String) -> bool;
        fn get_replica_list(&self, key: String) -> Vec<Replica>;
    }
}

mod v2 {
    use wire_core::{Wire, wire_rpc};

    #[derive(Wire)]
    pub struct Replica {
        pub address: String,
        pub segs: Vec<u64>,
    }

    /// Same layout as v1's `Replica`, field renamed: a cosmetic change.
    #[derive(Wire)]
    pub struct Replica2 {
        pub address: String,
        pub segs: Vec<String>,
    }

    #[derive(Wire)]
    pub enum ErrorCode {
        NotFound,
        NoSpace { requested: u64 },
        Internal(String),
        Throttled,
    }

    #[derive(Wire)]
    pub enum ErrorCode1 {
        NotFound,
        NoSpace { requested: u64 },
        Internal(String),
    }

    #[wire_rpc(codes_only)]
    #[wire(name = "MasterService")]
    pub trait Master {
        fn put_end(&self, key: String, size: u64, tenant_id: String) -> Result<(), ErrorCode1>;
        fn put_start(&self, key: String, replica: Replica) -> Result<Vec<Replica2>, ErrorCode1>;
        fn remove(&self, key: String) -> Result<(), ErrorCode>;
        fn ping_v2(&self) -> u64;
        fn exist_key(&self, name: String) -> bool;
        fn get_replica_list(&self, key: String) -> Vec<Replica2>;
        fn get_tenant_usage(&self, tenant: String) -> u64;
    }

    #[wire_rpc(codes_only)]
    pub trait TenantService {
        fn quota(&self, tenant: String) -> u64;
    }
}

fn doc(handlers: &[&'static Handler]) -> ContractDoc {
    ContractDoc::from_handlers(handlers.iter().copied())
}

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

// ------------------------------------------------------- extension levels

/// Release 1 of a `put_end`, and what later releases make of it; every
/// version pins the wire name `Store`.
mod put_v1 {
    #[wire_core::wire_rpc(codes_only)]
    #[wire(name = "Store")]
    pub trait Store {
        fn put_end(&self, key: String, replica_type: u8) -> Result<(), String>;
    }
}

/// The tenant as a bare appended argument: a new args code.
mod put_v2_bare {
    #[wire_core::wire_rpc(codes_only)]
    #[wire(name = "Store")]
    pub trait Store {
        fn put_end(&self, key: String, replica_type: u8, tenant_id: String) -> Result<(), String>;
    }
}

/// The tenant as extension level 2: the args code stays.
mod put_v3 {
    #[wire_core::wire_rpc(codes_only)]
    #[wire(name = "Store")]
    pub trait Store {
        fn put_end(
            &self,
            key: String,
            replica_type: u8,
            #[wire(since = 2)] tenant_id: Option<String>,
        ) -> Result<(), String>;
    }
}

/// Level 2's parameter renamed: the same code.
mod put_v3_renamed {
    #[wire_core::wire_rpc(codes_only)]
    #[wire(name = "Store")]
    pub trait Store {
        fn put_end(
            &self,
            key: String,
            replica_type: u8,
            #[wire(since = 2)] tenant: Option<String>,
        ) -> Result<(), String>;
    }
}

/// Level 2 retyped after its release: the level's code changes.
mod put_v3_retyped {
    #[wire_core::wire_rpc(codes_only)]
    #[wire(name = "Store")]
    pub trait Store {
        fn put_end(
            &self,
            key: String,
            replica_type: u8,
            #[wire(since = 2)] tenant_id: Option<u64>,
        ) -> Result<(), String>;
    }
}

/// The level-2 parameter moved into the base arguments.
mod put_v4_moved {
    #[wire_core::wire_rpc(codes_only)]
    #[wire(name = "Store")]
    pub trait Store {
        fn put_end(&self, key: String, replica_type: u8, tenant_id: Option<String>) -> Result<(), String>;
    }
}

/// Level 3 added on top of level 2, with a named type.
mod put_v5 {
    use wire_core::Wire;

    #[derive(Wire)]
    pub struct Placement {
        pub zone: String,
        pub copies: u8,
    }

    #[wire_core::wire_rpc(codes_only)]
    #[wire(name = "Store")]
    pub trait Store {
        fn put_end(
            &self,
            key: String,
            replica_type: u8,
            #[wire(since = 2)] tenant_id: Option<String>,
            #[wire(since = 3)] placement: Option<Placement>,
            #[wire(since = 3)] ttl: u32,
        ) -> Result<(), String>;
    }
}

fn lines(f: &[Finding]) -> String {
    f.iter().map(|x| format!("{x}\n")).collect()
}

#[test]
fn a_since_parameter_is_one_additive_finding() {
    let f = diff(&doc(put_v1::StoreRpc::HANDLERS), &doc(put_v3::StoreRpc::HANDLERS));
    let (args, level) = (put_v1::StoreRpc::put_end.args_code, put_v3::StoreRpc::put_end.ext[0].code);
    assert_eq!(args, put_v3::StoreRpc::put_end.args_code);
    assert_eq!(
        lines(&f),
        format!(
            "ADDITIVE Store::put_end extension level 2 {level:#010x}: added `tenant_id: Option<String>` (since \
             release 2), args code {args:#010x} unchanged; older peers skip it, newer servers default it for older \
             clients; safe to bless\n"
        )
    );
    assert_eq!((f[0].aspect, f[0].old, f[0].new), (Aspect::Ext(2), None, Some(level)));
}

#[test]
fn a_bare_appended_argument_stays_breaking() {
    let f = diff(&doc(put_v1::StoreRpc::HANDLERS), &doc(put_v2_bare::StoreRpc::HANDLERS));
    assert_eq!(f.len(), 1, "{}", lines(&f));
    let args = find(&f, "Store::put_end", Aspect::Args);
    assert_eq!(args.severity, Severity::Breaking);
    assert_eq!(args.why, "argument 2 `tenant_id: String` appended");
}

#[test]
fn a_removed_level_is_breaking() {
    let f = diff(&doc(put_v3::StoreRpc::HANDLERS), &doc(put_v1::StoreRpc::HANDLERS));
    assert_eq!(f.len(), 1, "{}", lines(&f));
    let level = put_v3::StoreRpc::put_end.ext[0].code;
    assert_eq!(
        f[0].to_string(),
        format!(
            "BREAKING Store::put_end extension level 2 {level:#010x}: removed `tenant_id: Option<String>`: clients \
             built on the frozen contract still send it and it would be dropped silently; keep the parameter with \
             #[wire(since = 2)] (the implementation may ignore it)"
        )
    );
}

#[test]
fn a_changed_level_is_breaking_with_the_path() {
    let f = diff(&doc(put_v3::StoreRpc::HANDLERS), &doc(put_v3_retyped::StoreRpc::HANDLERS));
    assert_eq!(f.len(), 1, "{}", lines(&f));
    let (old, new) = (put_v3::StoreRpc::put_end.ext[0].code, put_v3_retyped::StoreRpc::put_end.ext[0].code);
    let id = put_v3::StoreRpc::put_end.function_id;
    assert_eq!(
        (f[0].severity, f[0].aspect, f[0].old, f[0].new),
        (Severity::Breaking, Aspect::Ext(2), Some(old), Some(new))
    );
    assert_eq!(
        f[0].to_string(),
        format!(
            "BREAKING Store::put_end extension level 2 {old:#010x} -> {new:#010x} (function id {id:#010x} \
             unchanged): at parameter 0 `tenant_id` → Option<u64>: `String` -> `u64`; a released level is frozen: \
             put the change in a new level (since = 3) and keep level 2 as it was"
        )
    );
}

#[test]
fn a_renamed_level_parameter_is_cosmetic() {
    let f = diff(&doc(put_v3::StoreRpc::HANDLERS), &doc(put_v3_renamed::StoreRpc::HANDLERS));
    assert_eq!(f.len(), 1, "{}", lines(&f));
    assert_eq!(
        f[0].to_string(),
        "COSMETIC Store::put_end: renamed only: extension level 2 parameter 0 `tenant_id` -> `tenant` (codes \
         unchanged); safe to bless"
    );
}

#[test]
fn a_parameter_moved_between_a_level_and_the_base_says_so() {
    // Into the base arguments: the args code changes and level 2 is gone.
    let f = diff(&doc(put_v3::StoreRpc::HANDLERS), &doc(put_v4_moved::StoreRpc::HANDLERS));
    assert_eq!(f.len(), 2, "{}", lines(&f));
    let args = find(&f, "Store::put_end", Aspect::Args);
    assert_eq!(args.severity, Severity::Breaking);
    assert_eq!(
        args.why,
        "argument 2 `tenant_id: Option<String>` appended (it was `#[wire(since = 2)]`: keep it there)"
    );
    let level = find(&f, "Store::put_end", Aspect::Ext(2));
    assert_eq!(level.severity, Severity::Breaking);
    assert!(level.why.ends_with("(moved into the base arguments: see the args finding)"), "{}", level.why);
    // Out of the base arguments into a level.
    let f = diff(&doc(put_v4_moved::StoreRpc::HANDLERS), &doc(put_v3::StoreRpc::HANDLERS));
    let args = find(&f, "Store::put_end", Aspect::Args);
    assert_eq!(
        args.why,
        "argument 2 `tenant_id: Option<String>` removed (it is now `#[wire(since = 2)]`: keep it a base argument)"
    );
    let level = find(&f, "Store::put_end", Aspect::Ext(2));
    assert_eq!(level.severity, Severity::Additive);
    assert!(level.why.ends_with("(moved out of the base arguments: see the args finding)"), "{}", level.why);
    assert_eq!(f.iter().filter(|x| x.severity == Severity::Breaking).count(), 1, "{}", lines(&f));
}

#[test]
fn each_new_level_is_its_own_finding() {
    let v1 = doc(put_v1::StoreRpc::HANDLERS);
    let v3 = doc(put_v3::StoreRpc::HANDLERS);
    let v5 = doc(put_v5::StoreRpc::HANDLERS);
    let f = diff(&v3, &v5);
    assert_eq!(f.len(), 1, "{}", lines(&f));
    assert_eq!(f[0].aspect, Aspect::Ext(3));
    assert!(f[0].why.starts_with("added `placement: Option<Placement>`, `ttl: u32` (since release 3)"), "{}", f[0].why);
    let f = diff(&v1, &v5);
    let aspects: Vec<(Severity, Aspect)> = f.iter().map(|x| (x.severity, x.aspect)).collect();
    assert_eq!(aspects, [(Severity::Additive, Aspect::Ext(2)), (Severity::Additive, Aspect::Ext(3))]);
    // Removing both: one BREAKING finding per level.
    let f = diff(&v5, &v1);
    assert_eq!(f.iter().filter(|x| x.severity == Severity::Breaking).count(), 2, "{}", lines(&f));
    assert!(f[1].why.starts_with("removed `placement: Option<Placement>`, `ttl: u32`: clients"), "{}", f[1].why);
    assert!(f[1].advice.starts_with("keep the parameters with #[wire(since = 3)]"), "{}", f[1].advice);
    assert_eq!(diff(&v5, &v5), []);
}

#[test]
fn json_and_github_carry_level_findings() {
    let f = diff(&doc(put_v1::StoreRpc::HANDLERS), &doc(put_v3::StoreRpc::HANDLERS));
    let json = wire_golden::report::json(&f);
    assert!(
        json.contains("\"severity\": \"ADDITIVE\", \"subject\": \"Store::put_end\", \"aspect\": \"extension level 2\""),
        "{json}"
    );
    assert!(json.contains("added `tenant_id: Option<String>` (since release 2)"), "{json}");
    let github = wire_golden::report::github(&f, "old.wire", "new.wire");
    assert!(github.starts_with("::warning file=new.wire,line=1,title=ADDITIVE Store%3A%3Aput_end::ADDITIVE Store::put_end extension level 2 "), "{github}");
    let f = diff(&doc(put_v3::StoreRpc::HANDLERS), &doc(put_v1::StoreRpc::HANDLERS));
    assert!(wire_golden::report::github(&f, "old.wire", "new.wire").starts_with("::error "));
}

#[test]
#[ignore = "prints the report"]
fn print() {
    for f in findings() {
        println!("{f}");
    }
}

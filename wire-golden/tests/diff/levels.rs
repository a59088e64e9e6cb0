//! Extension levels: a `#[wire(since = N)]` parameter added, removed, changed,
//! renamed or moved, each level its own finding.

use crate::support::contract::doc;
use crate::versions::{put_v1, put_v2_bare, put_v3, put_v3_renamed, put_v3_retyped, put_v4_moved, put_v5};
use crate::{find, lines};
use wire_golden::diff::{Aspect, Severity, diff};

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

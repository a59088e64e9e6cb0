//! The gate's view of the two ways to add put_end's tenant: against the
//! frozen v1 contract of the example master (and its v0.1 release), v3's
//! `#[wire(since = 2)] tenant_id` is one ADDITIVE finding naming release 2
//! and no BREAKING one; v2's bare `tenant_id: String` is BREAKING.

use wire_golden::{ContractDoc, Finding, Severity};

const FROZEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/master/contracts/master.wire");
const RELEASE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/master/contracts/releases/v0.1.wire");

fn findings(file: &str, live: &[&'static wire_core::Handler]) -> Vec<Finding> {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let frozen = wire_golden::parse(&text, file).unwrap_or_else(|e| panic!("{e}"));
    wire_golden::diff::diff(&frozen, &ContractDoc::from_handlers(live.iter().copied()))
}

fn report(findings: &[Finding]) -> String {
    findings.iter().map(|f| format!("{f}\n")).collect()
}

#[test]
fn v3_adds_the_tenant_without_breaking_v1() {
    for file in [FROZEN, RELEASE] {
        let found = findings(file, master_example_v3::MasterServiceRpc::HANDLERS);
        let report = report(&found);
        assert!(found.iter().all(|f| f.severity != Severity::Breaking), "{file}:\n{report}");
        let additive: Vec<&Finding> = found.iter().filter(|f| f.severity == Severity::Additive).collect();
        assert_eq!(additive.len(), 1, "{file}:\n{report}");
        let line = additive[0].to_string();
        assert!(line.starts_with("ADDITIVE MasterService::put_end extension level 2"), "{line}");
        assert!(line.contains("`tenant_id: Option<String>` (since release 2)"), "{line}");
    }
}

#[test]
fn v2_bare_tenant_is_breaking() {
    let found = findings(FROZEN, master_example_v2::MasterServiceRpc::HANDLERS);
    let breaking: Vec<String> =
        found.iter().filter(|f| f.severity == Severity::Breaking).map(|f| f.to_string()).collect();
    assert_eq!(breaking.len(), 1, "{}", report(&found));
    assert!(breaking[0].starts_with("BREAKING MasterService::put_end args"), "{}", breaking[0]);
}

#[test]
fn v1_matches_its_frozen_contract() {
    assert!(findings(FROZEN, master_example::MasterServiceRpc::HANDLERS).is_empty());
}

//! Handlers on one side only: removed (BREAKING), renamed (BREAKING: the
//! function id moved) or added (ADDITIVE).

use super::{Aspect, Finding};
use crate::file::signature;
use crate::model::{ContractDoc, HandlerDef};
use std::collections::HashSet;

/// The findings about handlers whose wire name is on one side only.
pub(super) fn on_one_side(old: &ContractDoc, new: &ContractDoc) -> Vec<Finding> {
    let only_old: Vec<&HandlerDef> = old.handlers.iter().filter(|h| new.handler(&h.name).is_none()).collect();
    let only_new: Vec<&HandlerDef> = new.handlers.iter().filter(|h| old.handler(&h.name).is_none()).collect();
    let mut findings = Vec::new();
    let mut renamed_to: HashSet<&str> = HashSet::new();
    for o in &only_old {
        match rename_of(o, &only_old, &only_new) {
            Some(n) => {
                renamed_to.insert(&n.name);
                findings.push(renamed(o, n));
            }
            None => findings.push(removed(o, new)),
        }
    }
    for n in only_new.iter().filter(|n| !renamed_to.contains(n.name.as_str())) {
        findings.push(added(n, old));
    }
    findings
}

/// Same service and the same codes: what a rename leaves unchanged.
fn same_codes(o: &HandlerDef, n: &HandlerDef) -> bool {
    n.service == o.service
        && n.args_code == o.args_code
        && n.return_code == o.return_code
        && n.ext_codes() == o.ext_codes()
}

/// The added handler `o` was renamed to: the only one with its codes, and
/// `o` the only removed one with them (two removed handlers matching one
/// added handler are not both renamed to it).
fn rename_of<'a>(o: &HandlerDef, only_old: &[&HandlerDef], only_new: &[&'a HandlerDef]) -> Option<&'a HandlerDef> {
    let mut candidates = only_new.iter().filter(|n| same_codes(o, n));
    match (candidates.next(), candidates.next()) {
        (Some(n), None) if only_old.iter().filter(|r| same_codes(r, n)).count() == 1 => Some(n),
        _ => None,
    }
}

fn renamed(o: &HandlerDef, n: &HandlerDef) -> Finding {
    Finding::breaking(
        &o.name,
        Aspect::FunctionId,
        format!("renamed to `{}` with every type-code unchanged, so the function id moved", n.name),
        format!(
            "old peers still call {:#010x}: pin the old name with #[wire(name = \"{}\")] on `{}`",
            o.function_id, o.name, n.method
        ),
    )
    .codes(Some(o.function_id), Some(n.function_id))
    .lines(o.line, n.line)
}

fn removed(o: &HandlerDef, new: &ContractDoc) -> Finding {
    let service_gone = !new.handlers.iter().any(|n| n.service == o.service);
    let why = if service_gone {
        format!(
            "handler removed, and with it every handler of service `{}` (if the service still exists, \
             its crate is not linked into this binary: reference it, e.g. `use the_crate as _;`)",
            o.service
        )
    } else {
        "handler removed".to_owned()
    };
    let advice = "old peers calling it get FunctionNotRegistered: keep it until no peer calls it";
    Finding::breaking(&o.name, Aspect::Removed, why, advice).codes(Some(o.function_id), None).lines(o.line, 0)
}

fn added(n: &HandlerDef, old: &ContractDoc) -> Finding {
    let new_service = !old.handlers.iter().any(|o| o.service == n.service);
    let why = if new_service {
        format!("new handler of the new service `{}`: {}", n.service, signature(n))
    } else {
        format!("new handler: {}", signature(n))
    };
    Finding::additive(&n.name, Aspect::Added, why, "old peers are unaffected; safe to bless")
        .codes(None, Some(n.function_id))
        .lines(0, n.line)
}

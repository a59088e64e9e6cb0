//! C-like enums (`#[wire(c_enum)]`) on both sides: their values, which no
//! code covers (a C-like enum's literal is its integer's). A value that now
//! means another variant is a peer misreading; a new value is one an old
//! Rust peer cannot read (a C++ peer takes any integer); a removed one, one
//! an old peer may still send.

use super::{Aspect, Finding};
use crate::model::{Body, CVariantDef, ContractDoc};

/// One finding per value added, removed or moved, for every C-like enum
/// both documents define under the same key.
pub(super) fn c_enum_values(old: &ContractDoc, new: &ContractDoc) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (key, o) in &old.types {
        let Some(n) = new.types.get(key) else { continue };
        let (Body::CEnum { repr: ro, variants: vo }, Body::CEnum { repr: rn, variants: vn }) = (&o.body, &n.body)
        else {
            continue;
        };
        if ro != rn {
            // Another integer is another code: the handlers that use it report it.
            continue;
        }
        let subject = format!("type {}", n.name);
        let lines = |f: Finding| f.lines(o.line, n.line);
        let by_name = |vs: &'_ [CVariantDef], name: &str| vs.iter().find(|v| v.name == name).map(|v| v.value);
        let by_value = |vs: &'_ [CVariantDef], value: i64| vs.iter().find(|v| v.value == value).map(|v| v.name.clone());
        for v in vo {
            match (by_name(vn, &v.name), by_value(vn, v.value)) {
                (Some(value), _) if value != v.value => findings.push(lines(Finding::breaking(
                    &subject,
                    Aspect::Values,
                    format!(
                        "`{}::{}` = {} -> {value}: the peers read each other's values as other variants",
                        n.name, v.name, v.value
                    ),
                    "restore the old value and give the variant a new one",
                ))),
                (None, None) => findings.push(lines(Finding::breaking(
                    &subject,
                    Aspect::Values,
                    format!("value {} `{}::{}` removed: an old peer may still send it", v.value, n.name, v.name),
                    "keep the variant until no peer sends it",
                ))),
                (None, Some(name)) => findings.push(lines(Finding::cosmetic(
                    &subject,
                    format!("variant `{}::{}` renamed to `{name}` (value {} unchanged)", n.name, v.name, v.value),
                ))),
                _ => {}
            }
        }
        for v in vn {
            if by_name(vo, &v.name).is_none() && by_value(vo, v.value).is_none() {
                findings.push(lines(Finding::additive(
                    &subject,
                    Aspect::Values,
                    format!("value {} `{}::{}` added", v.value, n.name, v.name),
                    "an old Rust peer cannot read it (a C++ peer takes any integer): send it only once every peer knows it",
                )));
            }
        }
    }
    findings
}

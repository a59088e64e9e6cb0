//! A handler on both sides: each code that changed (BREAKING, explained by
//! the types), each extension level added (ADDITIVE), removed or changed
//! (BREAKING), and the names that changed with every code the same (COSMETIC).

use super::types::{Cmp, Label, display};
use super::{Aspect, Finding};
use crate::model::{ContractDoc, ExtLevelDef, HandlerDef};
use std::collections::BTreeSet;

/// Name-only differences of types: (subject, description).
pub(super) type TypeNames = BTreeSet<(String, String)>;

/// One handler on both sides, and the documents they are in.
pub(super) struct Pair<'a> {
    pub(super) old: &'a ContractDoc,
    pub(super) new: &'a ContractDoc,
    /// The handler in `old`.
    pub(super) o: &'a HandlerDef,
    /// The handler of the same wire name in `new`.
    pub(super) n: &'a HandlerDef,
}

impl Pair<'_> {
    /// Every finding about the handler; name-only differences of the types it
    /// uses go to `types` (one finding per type, however many handlers use it).
    pub(super) fn findings(&self, types: &mut TypeNames) -> Vec<Finding> {
        // One comparison for the arguments and the return type: a pair of
        // types found equal in one is not compared again in the other.
        let mut cmp = Cmp::new(self.old, self.new);
        let mut findings: Vec<Finding> =
            [self.function_id(), self.args(&mut cmp), self.returns(&mut cmp)].into_iter().flatten().collect();
        let mut renames = Vec::new();
        let levels: BTreeSet<u16> = self.o.ext.iter().chain(&self.n.ext).map(|l| l.since).collect();
        let next = levels.last().map_or(1, |s| s + 1);
        for since in levels {
            findings.extend(self.level(since, next, &mut renames, types));
        }
        if self.o.args_code == self.n.args_code && self.o.return_code == self.n.return_code {
            self.renames(&mut cmp, &mut renames);
            types.append(&mut cmp.names);
        }
        if !renames.is_empty() {
            let why = format!("renamed only: {} (codes unchanged)", renames.join(", "));
            findings.push(Finding::cosmetic(&self.o.name, why).lines(self.o.line, self.n.line));
        }
        findings
    }

    /// A BREAKING change of one of the handler's codes.
    fn breaking(&self, aspect: Aspect, old: u32, new: u32, why: String, advice: &str) -> Finding {
        let same_id = self.o.function_id == self.n.function_id && aspect != Aspect::FunctionId;
        Finding::breaking(&self.o.name, aspect, why, advice)
            .codes(Some(old), Some(new))
            .with_unchanged_id(same_id.then_some(self.o.function_id))
            .lines(self.o.line, self.n.line)
    }

    /// The function id of an unchanged wire name: only a hand edit moves it.
    fn function_id(&self) -> Option<Finding> {
        let (o, n) = (self.o, self.n);
        (o.function_id != n.function_id).then(|| {
            let why = "the function id of an unchanged name changed: the old file was edited by hand";
            self.breaking(
                Aspect::FunctionId,
                o.function_id,
                n.function_id,
                why.into(),
                "restore the file from version control",
            )
        })
    }

    /// The base arguments' code: the first difference, and the parameters
    /// moved between the base arguments and a level.
    fn args(&self, cmp: &mut Cmp) -> Option<Finding> {
        let (o, n) = (self.o, self.n);
        if o.args_code == n.args_code {
            return None;
        }
        let why = cmp.fields(&o.args, &n.args, &Label::Arg).unwrap_or_else(|| UNEXPLAINED.into()) + &moved_notes(o, n);
        let advice = "every peer on the other layout rejects this call: restore the old arguments and add the new \
                      layout as a new handler (e.g. `_v2`), or roll out both sides together";
        Some(self.breaking(Aspect::Args, o.args_code, n.args_code, why, advice))
    }

    /// The return type's code: the first difference.
    fn returns(&self, cmp: &mut Cmp) -> Option<Finding> {
        let (o, n) = (self.o, self.n);
        if o.return_code == n.return_code {
            return None;
        }
        let why = cmp.ty(&o.returns, &n.returns, &mut Vec::new()).unwrap_or_else(|| UNEXPLAINED.into());
        let advice = "callers on the other layout reject the reply: restore the old return type and add the new one \
                      as a new handler, or roll out both sides together";
        Some(self.breaking(Aspect::Return, o.return_code, n.return_code, why, advice))
    }

    /// Names changed while both codes stayed: the method's, the service's and
    /// the arguments' to `renames`, the types' to `cmp`.
    fn renames(&self, cmp: &mut Cmp, renames: &mut Vec<String>) {
        let (o, n) = (self.o, self.n);
        if o.method != n.method {
            renames.push(format!("Rust method `{}` -> `{}` (wire name pinned)", o.method, n.method));
        }
        if o.service != n.service {
            renames.push(format!("service `{}` -> `{}` (wire name pinned)", o.service, n.service));
        }
        for (i, (a, b)) in o.args.iter().zip(&n.args).enumerate() {
            if a.name != b.name {
                renames.push(format!("argument {i} `{}` -> `{}`", a.name, b.name));
            }
        }
        cmp.fields(&o.args, &n.args, &Label::Arg);
        cmp.ty(&o.returns, &n.returns, &mut Vec::new());
    }

    /// Extension level `since` on both sides (`next` is the first level no
    /// side has): added, removed, changed, or at most renamed.
    fn level(&self, since: u16, next: u16, renames: &mut Vec<String>, types: &mut TypeNames) -> Option<Finding> {
        match (self.o.level(since), self.n.level(since)) {
            (None, Some(l)) => Some(self.level_added(since, l)),
            (Some(l), None) => Some(self.level_removed(since, l)),
            (Some(a), Some(b)) if a.code != b.code => Some(self.level_changed(since, next, a, b)),
            (Some(a), Some(b)) => {
                self.level_renamed(since, a, b, renames, types);
                None
            }
            (None, None) => None,
        }
    }

    /// A new level: older peers skip it (ADDITIVE).
    fn level_added(&self, s: u16, l: &ExtLevelDef) -> Finding {
        let (o, n) = (self.o, self.n);
        let mut why = format!("added {} (since release {s})", params(l, self.new));
        if o.args_code == n.args_code {
            why += &format!(", args code {:#010x} unchanged", n.args_code);
        } else if in_base(l, o) {
            why += " (moved out of the base arguments: see the args finding)";
        }
        let advice = "older peers skip it, newer servers default it for older clients; safe to bless";
        Finding::additive(&o.name, Aspect::Ext(s), why, advice).codes(None, Some(l.code)).lines(o.line, n.line)
    }

    /// A level gone: what its clients send would be dropped (BREAKING).
    fn level_removed(&self, s: u16, l: &ExtLevelDef) -> Finding {
        let (o, n) = (self.o, self.n);
        let (it, them) = if l.args.len() == 1 { ("it", "the parameter") } else { ("them", "the parameters") };
        let mut why = format!(
            "removed {}: clients built on the frozen contract still send {it} and {it} would be dropped silently",
            params(l, self.old)
        );
        if in_base(l, n) {
            why += " (moved into the base arguments: see the args finding)";
        }
        let advice = format!("keep {them} with #[wire(since = {s})] (the implementation may ignore {it})");
        Finding::breaking(&o.name, Aspect::Ext(s), why, advice).codes(Some(l.code), None).lines(o.line, n.line)
    }

    /// A released level changed (BREAKING): the first difference.
    fn level_changed(&self, s: u16, next: u16, a: &ExtLevelDef, b: &ExtLevelDef) -> Finding {
        let why = Cmp::new(self.old, self.new).fields(&a.args, &b.args, &Label::Param);
        let advice = format!(
            "a released level is frozen: put the change in a new level (since = {next}) and keep level {s} as it was"
        );
        self.breaking(Aspect::Ext(s), a.code, b.code, why.unwrap_or_else(|| UNEXPLAINED.into()), &advice)
    }

    /// A level with its code unchanged: the parameters' names to `renames`, the types' to `types`.
    fn level_renamed(
        &self,
        s: u16,
        a: &ExtLevelDef,
        b: &ExtLevelDef,
        renames: &mut Vec<String>,
        types: &mut TypeNames,
    ) {
        for (i, (x, y)) in a.args.iter().zip(&b.args).enumerate() {
            if x.name != y.name {
                renames.push(format!("extension level {s} parameter {i} `{}` -> `{}`", x.name, y.name));
            }
        }
        let mut cmp = Cmp::new(self.old, self.new);
        cmp.fields(&a.args, &b.args, &Label::Param);
        types.append(&mut cmp.names);
    }
}

/// A level's parameters as findings list them: `` `name: Type` ``, types by name.
fn params(l: &ExtLevelDef, doc: &ContractDoc) -> String {
    let p: Vec<String> = l.args.iter().map(|a| format!("`{}: {}`", a.name, display(&a.ty, doc))).collect();
    p.join(", ")
}

/// Whether a level's parameters are all base arguments of `h` (by name).
fn in_base(l: &ExtLevelDef, h: &HandlerDef) -> bool {
    l.args.iter().all(|a| h.args.iter().any(|b| b.name == a.name))
}

/// Why a base args code changed, when the change is a parameter moved
/// between the base arguments and an extension level: ` (it was …: keep it there)`.
fn moved_notes(o: &HandlerDef, n: &HandlerDef) -> String {
    let level_of =
        |h: &HandlerDef, name: &str| h.ext.iter().find(|l| l.args.iter().any(|a| a.name == name)).map(|l| l.since);
    let moved = |from: &HandlerDef, to: &HandlerDef| -> Vec<(String, u16)> {
        to.args
            .iter()
            .filter(|a| from.args.iter().all(|b| b.name != a.name))
            .filter_map(|a| Some((a.name.clone(), level_of(from, &a.name)?)))
            .collect()
    };
    // (moved, how the level is named, what to keep for one, for several)
    let directions = [
        (moved(o, n), "was", "keep it there", "keep them there"),
        (moved(n, o), "is now", "keep it a base argument", "keep them base arguments"),
    ];
    let mut notes = Vec::new();
    for (list, was, one, several) in directions {
        let note = match list.as_slice() {
            [] => continue,
            [(_, since)] => format!("it {was} `#[wire(since = {since})]`: {one}"),
            many => {
                let each: Vec<String> =
                    many.iter().map(|(name, since)| format!("`{name}` {was} `#[wire(since = {since})]`")).collect();
                format!("{}: {several}", each.join(", "))
            }
        };
        notes.push(note);
    }
    if notes.is_empty() { String::new() } else { format!(" ({})", notes.join("; ")) }
}

/// Why a code changed, when the recorded schemas do not tell.
const UNEXPLAINED: &str = "the layout changed, but the recorded schemas show no structural difference \
                           (the old file may have been edited by hand)";

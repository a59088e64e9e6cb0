//! Classified differences between two contracts.
//!
//! Codes decide the severity (a changed code is a peer that rejects the
//! call); the schema trees only explain it: the path to the first difference,
//! or the names that changed while every code stayed the same.

use crate::model::{Body, ContractDoc, ExtLevelDef, FieldDef, HandlerDef, Ty, VariantDef};
use std::collections::{BTreeSet, HashSet};
use std::fmt;
use std::mem::{Discriminant, discriminant};
use wire_core::{Shape, Style};

/// How a difference affects peers, most severe first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A peer on the other side rejects or misreads: a code changed, a handler is gone.
    Breaking,
    /// New handlers, services or extension levels: old peers are unaffected.
    Additive,
    /// Names only: every code is identical.
    Cosmetic,
}

impl Severity {
    /// `BREAKING`, `ADDITIVE` or `COSMETIC`.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Breaking => "BREAKING",
            Severity::Additive => "ADDITIVE",
            Severity::Cosmetic => "COSMETIC",
        }
    }
}

/// Which part of a handler changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Aspect {
    /// The function id (the wire name).
    FunctionId,
    /// The args code.
    Args,
    /// The return code.
    Return,
    /// One `#[wire(since = N)]` level: added, removed or changed.
    Ext(u16),
    /// The handler is gone.
    Removed,
    /// The handler is new.
    Added,
    /// Names only (of arguments, fields, variants or types): every code is the same.
    Names,
}

impl Aspect {
    /// The kind of aspect (`extension level` without its number).
    pub fn label(self) -> &'static str {
        match self {
            Aspect::FunctionId => "function id",
            Aspect::Args => "args",
            Aspect::Return => "return",
            Aspect::Ext(_) => "extension level",
            Aspect::Removed => "removed",
            Aspect::Added => "added",
            Aspect::Names => "names",
        }
    }
}

impl fmt::Display for Aspect {
    /// The label, with the level for [`Aspect::Ext`]: `extension level 2`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Aspect::Ext(since) => write!(f, "extension level {since}"),
            other => f.write_str(other.label()),
        }
    }
}

/// One difference, ready to print on one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// How the difference affects deployed peers.
    pub severity: Severity,
    /// The handler's wire name, or `type Name` for a renamed type.
    pub subject: String,
    /// Which part of the subject changed.
    pub aspect: Aspect,
    /// The old and new code of the aspect (function id for added/removed handlers).
    pub old: Option<u32>,
    /// See `old`.
    pub new: Option<u32>,
    /// The function id, when it did not change but a type-code did.
    pub unchanged_id: Option<u32>,
    /// What changed, with the schema path of the first difference.
    pub why: String,
    /// What to do about it.
    pub advice: String,
    /// Where the subject is in the old and new file (0 when not from a file).
    pub old_line: usize,
    /// See `old_line`.
    pub new_line: usize,
}

impl fmt::Display for Finding {
    /// `BREAKING Svc::m args 0x… -> 0x… (function id 0x… unchanged): why; advice`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.severity.label(), self.subject)?;
        if self.aspect != Aspect::Names {
            write!(f, " {}", self.aspect)?;
        }
        match (self.old, self.new) {
            (Some(o), Some(n)) => write!(f, " {o:#010x} -> {n:#010x}")?,
            (Some(c), None) | (None, Some(c)) => write!(f, " {c:#010x}")?,
            (None, None) => {}
        }
        if let Some(id) = self.unchanged_id {
            write!(f, " (function id {id:#010x} unchanged)")?;
        }
        write!(f, ": {}; {}", self.why, self.advice)
    }
}

/// Every difference between `old` and `new`, most severe first.
pub fn diff(old: &ContractDoc, new: &ContractDoc) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut cosmetic = BTreeSet::new();
    let removed: Vec<&HandlerDef> = old.handlers.iter().filter(|h| new.handler(&h.name).is_none()).collect();
    let added: Vec<&HandlerDef> = new.handlers.iter().filter(|h| old.handler(&h.name).is_none()).collect();
    let mut renamed_to: HashSet<&str> = HashSet::new();

    let same_codes = |o: &HandlerDef, n: &HandlerDef| {
        n.service == o.service
            && n.args_code == o.args_code
            && n.return_code == o.return_code
            && n.ext_codes() == o.ext_codes()
    };
    for o in &removed {
        // A rename: same service, same codes, and the only such candidate both ways
        // (two removed handlers matching one added handler are not both renamed to it).
        let mut candidates = added.iter().filter(|n| same_codes(o, n));
        if let (Some(n), None) = (candidates.next(), candidates.next())
            && removed.iter().filter(|r| same_codes(r, n)).count() == 1
        {
            renamed_to.insert(&n.name);
            findings.push(Finding {
                severity: Severity::Breaking,
                subject: o.name.clone(),
                aspect: Aspect::FunctionId,
                old: Some(o.function_id),
                new: Some(n.function_id),
                unchanged_id: None,
                why: format!("renamed to `{}` with every type-code unchanged, so the function id moved", n.name),
                advice: format!(
                    "old peers still call {:#010x}: pin the old name with #[wire(name = \"{}\")] on `{}`",
                    o.function_id, o.name, n.method
                ),
                old_line: o.line,
                new_line: n.line,
            });
            continue;
        }
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
        findings.push(Finding {
            severity: Severity::Breaking,
            subject: o.name.clone(),
            aspect: Aspect::Removed,
            old: Some(o.function_id),
            new: None,
            unchanged_id: None,
            why,
            advice: "old peers calling it get FunctionNotRegistered: keep it until no peer calls it".into(),
            old_line: o.line,
            new_line: 0,
        });
    }

    for n in added.iter().filter(|n| !renamed_to.contains(n.name.as_str())) {
        let new_service = !old.handlers.iter().any(|o| o.service == n.service);
        findings.push(Finding {
            severity: Severity::Additive,
            subject: n.name.clone(),
            aspect: Aspect::Added,
            old: None,
            new: Some(n.function_id),
            unchanged_id: None,
            why: if new_service {
                format!("new handler of the new service `{}`: {}", n.service, crate::file::signature(n))
            } else {
                format!("new handler: {}", crate::file::signature(n))
            },
            advice: "old peers are unaffected; safe to bless".into(),
            old_line: 0,
            new_line: n.line,
        });
    }

    for o in &old.handlers {
        let Some(n) = new.handler(&o.name) else { continue };
        let mut cmp = Cmp::new(old, new);
        let same_id = (o.function_id == n.function_id).then_some(o.function_id);
        let mut breaking = |aspect, old_code: u32, new_code: u32, why: String, advice: &str| {
            findings.push(Finding {
                severity: Severity::Breaking,
                subject: o.name.clone(),
                aspect,
                old: Some(old_code),
                new: Some(new_code),
                unchanged_id: same_id.filter(|_| aspect != Aspect::FunctionId),
                why,
                advice: advice.to_owned(),
                old_line: o.line,
                new_line: n.line,
            });
        };
        if o.function_id != n.function_id {
            breaking(
                Aspect::FunctionId,
                o.function_id,
                n.function_id,
                "the function id of an unchanged name changed: the old file was edited by hand".into(),
                "restore the file from version control",
            );
        }
        if o.args_code != n.args_code {
            let why = cmp.items(&elems(&o.args), &elems(&n.args), &Label::Arg, &mut Vec::new());
            breaking(
                Aspect::Args,
                o.args_code,
                n.args_code,
                why.unwrap_or_else(|| UNEXPLAINED.into()) + &moved_notes(o, n),
                "every peer on the other layout rejects this call: restore the old arguments and add the new \
                 layout as a new handler (e.g. `_v2`), or roll out both sides together",
            );
        }
        if o.return_code != n.return_code {
            let why = cmp.ty(&o.returns, &n.returns, &mut Vec::new());
            breaking(
                Aspect::Return,
                o.return_code,
                n.return_code,
                why.unwrap_or_else(|| UNEXPLAINED.into()),
                "callers on the other layout reject the reply: restore the old return type and add the new one \
                 as a new handler, or roll out both sides together",
            );
        }
        let mut renames = Vec::new();
        ext_levels(old, new, o, n, &mut findings, &mut renames, &mut cosmetic);
        if o.args_code == n.args_code && o.return_code == n.return_code {
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
            cmp.items(&elems(&o.args), &elems(&n.args), &Label::Arg, &mut Vec::new());
            cmp.ty(&o.returns, &n.returns, &mut Vec::new());
            cosmetic.append(&mut cmp.names);
        }
        if !renames.is_empty() {
            findings.push(Finding {
                severity: Severity::Cosmetic,
                subject: o.name.clone(),
                aspect: Aspect::Names,
                old: None,
                new: None,
                unchanged_id: None,
                why: format!("renamed only: {} (codes unchanged)", renames.join(", ")),
                advice: "safe to bless".into(),
                old_line: o.line,
                new_line: n.line,
            });
        }
    }

    for (subject, why) in cosmetic {
        findings.push(Finding {
            severity: Severity::Cosmetic,
            subject,
            aspect: Aspect::Names,
            old: None,
            new: None,
            unchanged_id: None,
            why: format!("{why} (codes unchanged)"),
            advice: "safe to bless".into(),
            old_line: 0,
            new_line: 0,
        });
    }
    findings.sort_by(|a, b| (a.severity, &a.subject, a.aspect).cmp(&(b.severity, &b.subject, b.aspect)));
    findings
}

/// The `#[wire(since = N)]` levels of a handler on both sides: one finding
/// per level added (ADDITIVE), removed or changed (BREAKING); parameter
/// renames of an unchanged level go to `renames`, type renames to `cosmetic`.
fn ext_levels(
    old: &ContractDoc,
    new: &ContractDoc,
    o: &HandlerDef,
    n: &HandlerDef,
    findings: &mut Vec<Finding>,
    renames: &mut Vec<String>,
    cosmetic: &mut BTreeSet<(String, String)>,
) {
    let since: BTreeSet<u16> = o.ext.iter().chain(&n.ext).map(|l| l.since).collect();
    let next = since.last().map_or(1, |s| s + 1);
    let params = |l: &ExtLevelDef, doc: &ContractDoc| {
        let p: Vec<String> = l.args.iter().map(|a| format!("`{}: {}`", a.name, display(&a.ty, doc))).collect();
        p.join(", ")
    };
    let in_base = |l: &ExtLevelDef, h: &HandlerDef| l.args.iter().all(|a| h.args.iter().any(|b| b.name == a.name));
    for s in since {
        let finding = |severity, old_code, new_code, why: String, advice: String| Finding {
            severity,
            subject: o.name.clone(),
            aspect: Aspect::Ext(s),
            old: old_code,
            new: new_code,
            unchanged_id: None,
            why,
            advice,
            old_line: o.line,
            new_line: n.line,
        };
        match (o.level(s), n.level(s)) {
            (None, Some(l)) => {
                let mut why = format!("added {} (since release {s})", params(l, new));
                if o.args_code == n.args_code {
                    why += &format!(", args code {:#010x} unchanged", n.args_code);
                } else if in_base(l, o) {
                    why += " (moved out of the base arguments: see the args finding)";
                }
                let advice = "older peers skip it, newer servers default it for older clients; safe to bless";
                findings.push(finding(Severity::Additive, None, Some(l.code), why, advice.into()));
            }
            (Some(l), None) => {
                let (it, them) = if l.args.len() == 1 { ("it", "the parameter") } else { ("them", "the parameters") };
                let mut why = format!(
                    "removed {}: clients built on the frozen contract still send {it} and {it} would be dropped silently",
                    params(l, old)
                );
                if in_base(l, n) {
                    why += " (moved into the base arguments: see the args finding)";
                }
                let advice = format!("keep {them} with #[wire(since = {s})] (the implementation may ignore {it})");
                findings.push(finding(Severity::Breaking, Some(l.code), None, why, advice));
            }
            (Some(a), Some(b)) if a.code != b.code => {
                let why = Cmp::new(old, new).items(&elems(&a.args), &elems(&b.args), &Label::Param, &mut Vec::new());
                let advice = format!(
                    "a released level is frozen: put the change in a new level (since = {next}) and keep level {s} \
                     as it was"
                );
                let mut f =
                    finding(Severity::Breaking, Some(a.code), Some(b.code), why.unwrap_or(UNEXPLAINED.into()), advice);
                f.unchanged_id = (o.function_id == n.function_id).then_some(o.function_id);
                findings.push(f);
            }
            (Some(a), Some(b)) => {
                for (i, (x, y)) in a.args.iter().zip(&b.args).enumerate() {
                    if x.name != y.name {
                        renames.push(format!("extension level {s} parameter {i} `{}` -> `{}`", x.name, y.name));
                    }
                }
                let mut cmp = Cmp::new(old, new);
                cmp.items(&elems(&a.args), &elems(&b.args), &Label::Param, &mut Vec::new());
                cosmetic.append(&mut cmp.names);
            }
            (None, None) => {}
        }
    }
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

const UNEXPLAINED: &str = "the layout changed, but the recorded schemas show no structural difference \
                           (the old file may have been edited by hand)";

/// A type as people read it: type names, not file keys.
pub fn display(ty: &Ty, doc: &ContractDoc) -> String {
    ty.naming(&|key: &str| doc.types.get(key).map_or_else(|| key.to_owned(), |t| t.name.clone())).to_string()
}

/// One element of a list being compared: an argument, a field, a tuple element.
#[derive(Clone, Copy)]
struct Elem<'t> {
    /// `None` for positional elements.
    name: Option<&'t str>,
    ty: &'t Ty,
}

fn elems(fields: &[FieldDef]) -> Vec<Elem<'_>> {
    fields
        .iter()
        .map(|f| Elem { name: (f.name.parse::<usize>().is_err()).then_some(f.name.as_str()), ty: &f.ty })
        .collect()
}

/// The literal-level layout of a type: two types have one code only if their layouts match.
enum Layout<'t> {
    /// A scalar, a string, a unit, an opaque or a C-like enum: its text.
    Leaf(String),
    /// A shape of children only: which one, and its children.
    Wrap(Discriminant<Shape<Ty, String>>, Vec<&'t Ty>),
    Array(&'t Ty, usize),
    /// Struct (named or tuple) or tuple: `FD … FF`. The owner is (key, name) for structs.
    Fields(Option<(&'t str, &'t str)>, Vec<Elem<'t>>),
    Enum(&'t str, &'t str, &'t [VariantDef]),
}

enum Label {
    Arg,
    /// A parameter of one extension level.
    Param,
    Field(String),
    Element,
}

impl Label {
    fn item(&self) -> &'static str {
        match self {
            Label::Arg => "argument",
            Label::Param => "parameter",
            Label::Field(_) => "field",
            Label::Element => "element",
        }
    }

    fn segment(&self, i: usize, name: Option<&str>) -> String {
        match (self, name) {
            (Label::Arg, Some(name)) => format!("arg {i} `{name}`"),
            (Label::Arg, None) => format!("arg {i}"),
            (Label::Param, Some(name)) => format!("parameter {i} `{name}`"),
            (Label::Param, None) => format!("parameter {i}"),
            (Label::Field(owner), Some(name)) => format!("{owner}.{name}"),
            (Label::Field(owner), None) => format!("{owner}.{i}"),
            (Label::Element, _) => format!("element {i}"),
        }
    }
}

fn at(path: &[String]) -> String {
    if path.is_empty() { String::new() } else { format!("at {}: ", path.join(" → ")) }
}

/// Compares an old and a new type structurally (names ignored), noting
/// name-only differences on the way.
struct Cmp<'a> {
    old: &'a ContractDoc,
    new: &'a ContractDoc,
    /// Pairs of named types being compared: recursion stops here.
    visiting: HashSet<(String, String)>,
    /// Pairs of named types found to have the same layout.
    equal: HashSet<(String, String)>,
    /// Name-only differences: (subject, description).
    names: BTreeSet<(String, String)>,
}

impl<'a> Cmp<'a> {
    fn new(old: &'a ContractDoc, new: &'a ContractDoc) -> Cmp<'a> {
        Cmp { old, new, visiting: HashSet::new(), equal: HashSet::new(), names: BTreeSet::new() }
    }

    /// Whether two types have the same layout (a probe: notes nothing).
    fn same(&self, o: &Ty, n: &Ty) -> bool {
        let mut probe = Cmp {
            old: self.old,
            new: self.new,
            visiting: self.visiting.clone(),
            equal: self.equal.clone(),
            names: BTreeSet::new(),
        };
        probe.ty(o, n, &mut Vec::new()).is_none()
    }

    /// Newtypes are transparent: look through them.
    fn resolve<'t>(doc: &'t ContractDoc, mut ty: &'t Ty) -> &'t Ty {
        for _ in 0..64 {
            let Shape::Named(key) = ty.shape() else { break };
            let Some(Body::Newtype(inner)) = doc.types.get(key).map(|t| &t.body) else { break };
            ty = inner;
        }
        ty
    }

    fn layout<'t>(doc: &'t ContractDoc, ty: &'t Ty) -> Layout<'t> {
        let ty = Self::resolve(doc, ty);
        match ty.shape() {
            Shape::Prim(_) | Shape::Str | Shape::Unit | Shape::Opaque(_) => Layout::Leaf(ty.to_string()),
            shape @ (Shape::Seq(_) | Shape::Set(_) | Shape::Option(_) | Shape::Map(..) | Shape::Result(..)) => {
                Layout::Wrap(discriminant(shape), shape.children().collect())
            }
            Shape::Array(t, n) => Layout::Array(t, *n),
            Shape::Tuple(items) => Layout::Fields(None, items.iter().map(|ty| Elem { name: None, ty }).collect()),
            Shape::Named(k) => match doc.types.get(k) {
                Some(def) => match &def.body {
                    Body::Struct { style: Style::Unit, .. } => Layout::Leaf("()".into()),
                    Body::Struct { fields, .. } => Layout::Fields(Some((k, &def.name)), elems(fields)),
                    Body::Enum { variants } => Layout::Enum(k, &def.name, variants),
                    Body::CEnum { repr, .. } => Layout::Leaf(format!("c_enum {}", repr.name())),
                    Body::Newtype(_) => Layout::Leaf(format!("recursive newtype {}", def.name)),
                },
                None => Layout::Leaf(format!("undefined type {k}")),
            },
        }
    }

    /// The first structural difference, as `at path: what`.
    fn ty(&mut self, o: &Ty, n: &Ty, path: &mut Vec<String>) -> Option<String> {
        let (od, nd) = (self.old, self.new);
        let changed = || format!("{}`{}` -> `{}`", at(path), display(o, od), display(n, nd));
        match (Self::layout(od, o), Self::layout(nd, n)) {
            (Layout::Leaf(a), Layout::Leaf(b)) => (a != b).then(changed),
            (Layout::Wrap(a, xs), Layout::Wrap(b, ys)) if a == b => {
                path.push(display(n, nd));
                let r = xs.iter().zip(&ys).find_map(|(x, y)| self.ty(x, y, path));
                path.pop();
                r
            }
            (Layout::Array(x, a), Layout::Array(y, b)) => {
                if a != b {
                    return Some(format!("{}array length {a} -> {b}", at(path)));
                }
                path.push(display(n, nd));
                let r = self.ty(x, y, path);
                path.pop();
                r
            }
            (Layout::Fields(a, xs), Layout::Fields(b, ys)) => match (a, b) {
                (Some((ka, na)), Some((kb, nb))) => self.named(ka, kb, |cmp| {
                    cmp.renamed_type(na, nb);
                    if xs.len() == ys.len() {
                        for (x, y) in xs.iter().zip(&ys) {
                            if let (Some(x), Some(y)) = (x.name, y.name)
                                && x != y
                            {
                                cmp.names.insert((format!("type {nb}"), format!("field `{nb}.{x}` renamed to `{y}`")));
                            }
                        }
                    }
                    cmp.items(&xs, &ys, &Label::Field(nb.to_owned()), path)
                }),
                (_, Some((_, nb))) => self.items(&xs, &ys, &Label::Field(nb.to_owned()), path),
                _ => {
                    path.push(display(n, nd));
                    let r = self.items(&xs, &ys, &Label::Element, path);
                    path.pop();
                    r
                }
            },
            (Layout::Enum(ka, na, xs), Layout::Enum(kb, nb, ys)) => self.named(ka, kb, |cmp| {
                cmp.renamed_type(na, nb);
                cmp.variants(nb, xs, ys, path)
            }),
            _ => Some(changed()),
        }
    }

    /// Compares two named types once per pair: a pair met again inside
    /// itself (a recursive type) is assumed equal there, and a pair found
    /// equal is not compared again.
    fn named(&mut self, old: &str, new: &str, compare: impl FnOnce(&mut Self) -> Option<String>) -> Option<String> {
        let pair = (old.to_owned(), new.to_owned());
        if self.equal.contains(&pair) || !self.visiting.insert(pair.clone()) {
            return None;
        }
        let r = compare(self);
        self.visiting.remove(&pair);
        if r.is_none() {
            self.equal.insert(pair);
        }
        r
    }

    fn renamed_type(&mut self, old: &str, new: &str) {
        if old != new {
            self.names.insert((format!("type {new}"), format!("type renamed `{old}` -> `{new}`")));
        }
    }

    /// Lists: a run inserted or removed, else the first element that differs.
    fn items(&mut self, xs: &[Elem], ys: &[Elem], label: &Label, path: &mut Vec<String>) -> Option<String> {
        let item = label.item();
        let show = |e: &Elem, doc: &ContractDoc| match e.name {
            Some(name) => format!("`{name}: {}`", display(e.ty, doc)),
            None => format!("`{}`", display(e.ty, doc)),
        };
        if xs.len() != ys.len() {
            let grew = xs.len() < ys.len();
            let (short, long, doc) = if grew { (xs, ys, self.new) } else { (ys, xs, self.old) };
            let d = long.len() - short.len();
            let same = |s: &Elem, l: &Elem| if grew { self.same(s.ty, l.ty) } else { self.same(l.ty, s.ty) };
            let cut = (0..=short.len()).rev().find(|&k| {
                (0..k).all(|i| same(&short[i], &long[i])) && (k..short.len()).all(|i| same(&short[i], &long[i + d]))
            });
            if let Some(k) = cut {
                let verb = match (grew, k == short.len()) {
                    (true, true) => "appended",
                    (true, false) => "inserted",
                    (false, _) => "removed",
                };
                let what: Vec<String> = long[k..k + d].iter().map(|e| show(e, doc)).collect();
                let which = if d == 1 { format!("{item} {k}") } else { format!("{item}s {k}..{}", k + d - 1) };
                // A field names its type: inside a cycle the path alone may not.
                let owner = match label {
                    Label::Field(owner) => {
                        let preposition = match verb {
                            "appended" => "to",
                            "inserted" => "into",
                            _ => "from",
                        };
                        format!(" {preposition} `{owner}`")
                    }
                    _ => String::new(),
                };
                return Some(format!("{}{which} {} {verb}{owner}", at(path), what.join(", ")));
            }
        }
        for (i, (x, y)) in xs.iter().zip(ys).enumerate() {
            path.push(label.segment(i, y.name));
            let r = self.ty(x.ty, y.ty, path);
            path.pop();
            if r.is_some() {
                return r;
            }
        }
        (xs.len() != ys.len()).then(|| format!("{}{item} count {} -> {}", at(path), xs.len(), ys.len()))
    }

    fn variants(
        &mut self,
        owner: &str,
        xs: &[VariantDef],
        ys: &[VariantDef],
        path: &mut Vec<String>,
    ) -> Option<String> {
        for (i, (x, y)) in xs.iter().zip(ys).enumerate() {
            if x.name != y.name {
                self.names.insert((
                    format!("type {owner}"),
                    format!("variant `{owner}::{}` renamed to `{}`", x.name, y.name),
                ));
            }
            let reshaped = || {
                Some(format!("{}variant {i} `{}` -> `{}`", at(path), crate::file::variant(x), crate::file::variant(y)))
            };
            let r = match (x.style, y.style) {
                (Style::Unit, Style::Unit) => None,
                (Style::Unit, _) | (_, Style::Unit) => reshaped(),
                (Style::Newtype, Style::Newtype) => {
                    path.push(format!("{owner}::{}", y.name));
                    let r = self.ty(&x.fields[0].ty, &y.fields[0].ty, path);
                    path.pop();
                    r
                }
                (Style::Newtype, _) | (_, Style::Newtype) => reshaped(),
                _ => {
                    let (xe, ye) = (elems(&x.fields), elems(&y.fields));
                    self.items(&xe, &ye, &Label::Field(format!("{owner}::{}", y.name)), path)
                }
            };
            if r.is_some() {
                return r;
            }
        }
        let show = |v: &[VariantDef]| v.iter().map(|v| format!("`{}`", v.name)).collect::<Vec<_>>().join(", ");
        let (k, what, verb, list) = match xs.len().cmp(&ys.len()) {
            std::cmp::Ordering::Less => (xs.len(), ys.len() - xs.len(), "appended to", show(&ys[xs.len()..])),
            std::cmp::Ordering::Greater => (ys.len(), xs.len() - ys.len(), "removed from", show(&xs[ys.len()..])),
            std::cmp::Ordering::Equal => return None,
        };
        let noun = if what == 1 { "variant" } else { "variants" };
        Some(format!("{}{noun} {k} {list} {verb} `{owner}`", at(path)))
    }
}

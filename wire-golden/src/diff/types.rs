//! The structural comparison of two types: the path to the first
//! difference that changes a code, and the names that changed on the way.

use crate::model::{Body, ContractDoc, FieldDef, Ty, VariantDef};
use std::collections::{BTreeSet, HashSet};
use std::mem::{Discriminant, discriminant};
use wire_core::{Shape, Style};

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
    /// An array and its length.
    Array(&'t Ty, usize),
    /// Struct (named or tuple) or tuple: `FD … FF`. The owner is (key, name) for structs.
    Fields(Option<(&'t str, &'t str)>, Vec<Elem<'t>>),
    /// An enum: its key, name and variants.
    Enum(&'t str, &'t str, &'t [VariantDef]),
}

/// What the items of a compared list are, as a path names them.
pub(super) enum Label {
    /// A base argument of a handler.
    Arg,
    /// A parameter of one extension level.
    Param,
    /// A field of this type or variant.
    Field(String),
    /// An element of a tuple.
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

/// `at a → b: ` before a difference inside, nothing at the top.
fn at(path: &[String]) -> String {
    if path.is_empty() { String::new() } else { format!("at {}: ", path.join(" → ")) }
}

/// Compares an old and a new type structurally (names ignored), noting
/// name-only differences on the way.
pub(super) struct Cmp<'a> {
    old: &'a ContractDoc,
    new: &'a ContractDoc,
    /// Pairs of named types being compared: recursion stops here.
    visiting: HashSet<(String, String)>,
    /// Pairs of named types found to have the same layout.
    equal: HashSet<(String, String)>,
    /// Name-only differences: (subject, description).
    pub(super) names: BTreeSet<(String, String)>,
}

impl<'a> Cmp<'a> {
    pub(super) fn new(old: &'a ContractDoc, new: &'a ContractDoc) -> Cmp<'a> {
        Cmp { old, new, visiting: HashSet::new(), equal: HashSet::new(), names: BTreeSet::new() }
    }

    /// Two lists of arguments or parameters: the first difference.
    pub(super) fn fields(&mut self, xs: &[FieldDef], ys: &[FieldDef], label: &Label) -> Option<String> {
        self.items(&elems(xs), &elems(ys), label, &mut Vec::new())
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
    pub(super) fn ty(&mut self, o: &Ty, n: &Ty, path: &mut Vec<String>) -> Option<String> {
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
            let kept = |k: usize, eq: &dyn Fn(&Elem, &Elem) -> bool| {
                (0..k).all(|i| eq(&short[i], &long[i])) && (k..short.len()).all(|i| eq(&short[i], &long[i + d]))
            };
            // Where the items differ: the last place their types allow, unless
            // the names say which ones are new (`tenant_id: String` put before
            // `key: String` was inserted, not `key` appended).
            let cuts: Vec<usize> = (0..=short.len()).rev().filter(|&k| kept(k, &same)).collect();
            let named = cuts.iter().copied().find(|&k| kept(k, &|s: &Elem, l: &Elem| s.name == l.name));
            let cut = named.or(cuts.first().copied());
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

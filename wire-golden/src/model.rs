//! The contract as owned data: what a contract file holds, and what the live
//! registry is turned into before it is compared or written.
//!
//! The live side is derived from the schema trees; the file side is parsed
//! and then checked by turning it back into schema trees, so the codes a file
//! records are recomputed by the same walk that computed them (`wire_core`).

use std::collections::{BTreeMap, HashMap};
use wire_core::{Contract, DefRef, Field, Handler, Prim, Schema, Style};

/// A type expression. Named types are references into [`ContractDoc::types`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Ty {
    /// A primitive scalar.
    Prim(Prim),
    /// A string: `String`.
    Str,
    /// A sequence: `Vec<T>`.
    Seq(Box<Ty>),
    /// A set: `Set<T>`.
    Set(Box<Ty>),
    /// A map: `Map<K, V>`.
    Map(Box<Ty>, Box<Ty>),
    /// An array `[T; N]`.
    Array(Box<Ty>, usize),
    /// `Option<T>`.
    Option(Box<Ty>),
    /// `Result<T, E>`.
    Result(Box<Ty>, Box<Ty>),
    /// A tuple: `(A,)`, `(A, B, …)`.
    Tuple(Vec<Ty>),
    /// A monostate: `()`.
    Unit,
    /// A struct, enum or newtype, by key.
    Named(String),
    /// A hand-serialized type, by declared name.
    Opaque(String),
}

/// A named type's definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeDef {
    /// Its key in the file: the name and type arguments (`Page<u32>`), the
    /// name being `name~xxxxxxxx` when the text alone would be ambiguous.
    pub key: String,
    /// The serialized name.
    pub name: String,
    /// The type arguments of a generic type's instantiation, as in the key.
    pub type_args: Vec<Ty>,
    /// What it is made of.
    pub body: Body,
    /// Line of the definition in its file (0 for the live registry).
    pub line: usize,
}

/// The body of a named type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// A struct: `FD … FF`, or `FA` for a unit struct. Never [`Style::Newtype`].
    Struct {
        /// Named, tuple or unit.
        style: Style,
        /// `#[wire(trivial)]`: C layout in struct_pack, alignment in the literal.
        trivial: bool,
        /// The fields on the wire, in order (tuple fields are named `0`, `1`, …).
        fields: Vec<FieldDef>,
    },
    /// A C-like enum carried as its integer (`#[wire(c_enum)]`).
    CEnum {
        /// The integer on the wire.
        repr: Prim,
        /// The variants and their integers, in declaration order.
        variants: Vec<CVariantDef>,
    },
    /// An enum: `86 … FF`.
    Enum {
        /// The variants, in declaration order.
        variants: Vec<VariantDef>,
    },
    /// A transparent wrapper: its one member's literal.
    Newtype(Ty),
}

/// A named field, argument or element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDef {
    /// Its name (the position for a tuple element).
    pub name: String,
    /// Its type.
    pub ty: Ty,
}

/// One variant of a C-like enum and its integer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CVariantDef {
    /// Its name.
    pub name: String,
    /// Its integer.
    pub value: i64,
}

/// An enum variant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariantDef {
    /// Its name.
    pub name: String,
    /// Unit, newtype, tuple or struct variant.
    pub style: Style,
    /// Its fields on the wire, in order.
    pub fields: Vec<FieldDef>,
}

/// One handler line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandlerDef {
    /// The wire name.
    pub name: String,
    /// The service (the trait, or its `#[wire(name)]`).
    pub service: String,
    /// The Rust method.
    pub method: String,
    /// `md5_32(name)`.
    pub function_id: u32,
    /// The code of the base argument tuple.
    pub args_code: u32,
    /// The code of the return type.
    pub return_code: u32,
    /// The base arguments, in order.
    pub args: Vec<FieldDef>,
    /// The `#[wire(since = N)]` levels, ascending (empty: none).
    pub ext: Vec<ExtLevelDef>,
    /// The return type.
    pub returns: Ty,
    /// The defining crate, when known (the live registry).
    pub krate: Option<String>,
    /// Line in its file (0 for the live registry).
    pub line: usize,
}

/// One extension level of a handler: its `#[wire(since = N)]` parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtLevelDef {
    /// The release that introduced them; at least 1.
    pub since: u16,
    /// The args code of the level's parameters.
    pub code: u32,
    /// The level's parameters, in order.
    pub args: Vec<FieldDef>,
}

impl HandlerDef {
    /// The levels as `(since, code)`: what peers must agree on beyond the base codes.
    pub fn ext_codes(&self) -> Vec<(u16, u32)> {
        self.ext.iter().map(|l| (l.since, l.code)).collect()
    }

    /// The level introduced in release `since`.
    pub fn level(&self, since: u16) -> Option<&ExtLevelDef> {
        self.ext.iter().find(|l| l.since == since)
    }
}

/// A whole contract: handlers sorted by name, and the named types they use.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContractDoc {
    /// The handlers, sorted by wire name.
    pub handlers: Vec<HandlerDef>,
    /// The named types, by key.
    pub types: BTreeMap<String, TypeDef>,
}

impl ContractDoc {
    /// The handler with this wire name.
    pub fn handler(&self, name: &str) -> Option<&HandlerDef> {
        self.handlers.binary_search_by(|h| h.name.as_str().cmp(name)).ok().map(|i| &self.handlers[i])
    }

    /// The model of some registered handlers.
    pub fn from_handlers<'a>(handlers: impl IntoIterator<Item = &'a Handler>) -> ContractDoc {
        let handlers: Vec<&Handler> = handlers.into_iter().collect();
        let mut keys = Keys::default();
        for h in &handlers {
            for a in h.args.iter().chain(h.ext.iter().flat_map(|g| g.args)) {
                keys.collect(a.schema, &mut Vec::new());
            }
            keys.collect(h.returns, &mut Vec::new());
        }
        let keys = keys.assign();
        let mut doc = ContractDoc::default();
        let mut cx = Lower { keys: &keys, types: &mut doc.types };
        for h in handlers {
            let args = h.args.iter().map(|a| cx.field(a, &mut Vec::new())).collect();
            let ext = h
                .ext
                .iter()
                .map(|g| ExtLevelDef {
                    since: g.since,
                    code: g.code,
                    args: g.args.iter().map(|a| cx.field(a, &mut Vec::new())).collect(),
                })
                .collect();
            let returns = cx.ty(h.returns, &mut Vec::new());
            doc.handlers.push(HandlerDef {
                name: h.name.to_owned(),
                service: h.service.to_owned(),
                method: h.method.to_owned(),
                function_id: h.function_id,
                args_code: h.args_code,
                return_code: h.return_code,
                args,
                ext,
                returns,
                krate: Some(h.location.krate.to_owned()),
                line: 0,
            });
        }
        doc.handlers.sort_by(|a, b| a.name.cmp(&b.name));
        doc
    }

    /// The document without where it came from (file lines, defining crate):
    /// what two documents of one contract, read from different places, share.
    pub fn without_locations(mut self) -> ContractDoc {
        for h in &mut self.handlers {
            h.line = 0;
            h.krate = None;
        }
        for t in self.types.values_mut() {
            t.line = 0;
        }
        self
    }

    /// The model of a whole registry.
    pub fn from_contract(contract: &Contract) -> ContractDoc {
        ContractDoc::from_handlers(contract.handlers().iter().copied())
    }
}

/// A live node as a [`Ty`]: its shape, with each named type (and
/// self-reference) mapped by `named`.
fn shape(s: &'static Schema, named: &mut dyn FnMut(&'static Schema) -> Ty) -> Ty {
    let b = Box::new;
    match s {
        Schema::Prim(p) => Ty::Prim(*p),
        Schema::Str => Ty::Str,
        Schema::Unit => Ty::Unit,
        Schema::Seq(t) => Ty::Seq(b(shape(t, named))),
        Schema::Set(t) => Ty::Set(b(shape(t, named))),
        Schema::Option(t) => Ty::Option(b(shape(t, named))),
        Schema::Array(t, n) => Ty::Array(b(shape(t, named)), *n),
        Schema::Map(k, v) => Ty::Map(b(shape(k, named)), b(shape(v, named))),
        Schema::Result(t, e) => Ty::Result(b(shape(t, named)), b(shape(e, named))),
        Schema::Tuple(items) => Ty::Tuple(items.iter().map(|t| shape(t, named)).collect()),
        Schema::Opaque(name) => Ty::Opaque((*name).to_owned()),
        Schema::Struct(_) | Schema::Enum(_) | Schema::Newtype(_) | Schema::CEnum(_) | Schema::SelfRef(_) => named(s),
    }
}

/// A named live node's name, path and type arguments.
fn named_parts(s: &Schema) -> Option<(&'static str, &'static str, &'static [&'static Schema])> {
    match s {
        Schema::Struct(d) => Some((d.name, d.path, d.type_args)),
        Schema::Enum(d) => Some((d.name, d.path, d.type_args)),
        Schema::Newtype(d) => Some((d.name, d.path, d.type_args)),
        Schema::CEnum(d) => Some((d.name, d.path, &[])),
        _ => None,
    }
}

/// The fields of a named live node: a struct's, every variant's in order, a newtype's inner type.
fn named_children(s: &Schema) -> Vec<&'static Schema> {
    match s {
        Schema::Struct(d) => d.fields.iter().map(|f| f.schema).collect(),
        Schema::Enum(d) => d.variants.iter().flat_map(|v| v.fields).map(|f| f.schema).collect(),
        Schema::Newtype(d) => vec![d.inner],
        _ => Vec::new(),
    }
}

/// Names a live named node unambiguously: its full structural signature
/// (path, type arguments, names and shapes of everything inside; two types
/// meet again inside themselves as a bare reference).
fn signature(s: &'static Schema, stack: &mut Vec<&'static str>) -> String {
    let ty_sig = |t: &'static Schema, stack: &mut Vec<&'static str>| {
        crate::text::ty(&shape(t, &mut |n| Ty::Named(signature(n, stack))))
    };
    if let Schema::SelfRef(path) = s {
        return format!("self {path}");
    }
    let (name, path, type_args) = named_parts(s).expect("a named node");
    let args: Vec<String> = type_args.iter().map(|t| ty_sig(t, stack)).collect();
    let head = format!("{path}<{}> {name}", args.join(","));
    if stack.contains(&path) {
        return format!("[{head}]");
    }
    stack.push(path);
    let fields = |fs: &'static [Field], stack: &mut Vec<&'static str>| -> String {
        fs.iter().map(|f| format!("{}:{}", f.name, ty_sig(f.schema, stack))).collect::<Vec<_>>().join(",")
    };
    let body = match s {
        Schema::Struct(d) => format!("struct {:?} {} {{{}}}", d.style, d.trivial, fields(d.fields, stack)),
        Schema::CEnum(d) => {
            let v: Vec<String> = d.variants.iter().map(|v| format!("{}={}", v.name, v.value)).collect();
            format!("c_enum {} {{{}}}", d.repr.name(), v.join(","))
        }
        Schema::Enum(d) => {
            let v: Vec<String> =
                d.variants.iter().map(|v| format!("{} {:?}({})", v.name, v.style, fields(v.fields, stack))).collect();
            format!("enum {{{}}}", v.join(","))
        }
        Schema::Newtype(d) => format!("newtype ({})", ty_sig(d.inner, stack)),
        _ => unreachable!("named_parts matched"),
    };
    stack.pop();
    format!("{head} {body}")
}

/// Signature -> key, for every named node reachable from the handlers.
#[derive(Default)]
struct Keys {
    /// signature -> the node
    seen: BTreeMap<String, &'static Schema>,
}

const RESERVED: &[&str] = &[
    "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "i128", "u128", "bool", "char", "f32", "f64", "String",
    "Vec", "Set", "Map", "Option", "Result", "opaque",
];

impl Keys {
    fn collect(&mut self, s: &'static Schema, stack: &mut Vec<&'static str>) {
        let Some((_, path, type_args)) = named_parts(s) else {
            if !matches!(s, Schema::SelfRef(_)) {
                // A shape: the named types in it.
                shape(s, &mut |n| {
                    self.collect(n, stack);
                    Ty::Unit
                });
            }
            return;
        };
        if stack.contains(&path) {
            return;
        }
        let sig = signature(s, &mut Vec::new());
        if self.seen.insert(sig, s).is_some() {
            return;
        }
        stack.push(path);
        for t in type_args.iter().copied().chain(named_children(s)) {
            self.collect(t, stack);
        }
        stack.pop();
    }

    /// A type's key is its name and type arguments (`Page<u32>`) when its
    /// name is an identifier, not reserved, and that text stands for one
    /// type only; otherwise the name made an identifier, `~` and 8 hex
    /// digits of its signature's MD5, then the type arguments.
    fn assign(self) -> HashMap<String, String> {
        let sigs: HashMap<&str, &'static Schema> = self.seen.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        // The text each type would have as a plain key, to find the ambiguous ones.
        let mut display: HashMap<&str, String> = HashMap::new();
        for sig in sigs.keys() {
            Keys::text(sig, &sigs, &mut display, &|name, _| name.to_owned());
        }
        let mut count: HashMap<&str, usize> = HashMap::new();
        for text in display.values() {
            *count.entry(text.as_str()).or_default() += 1;
        }
        let plain =
            |name: &str, sig: &str| count[display[sig].as_str()] == 1 && is_ident(name) && !RESERVED.contains(&name);
        let base = |name: &str, sig: &str| -> String {
            if plain(name, sig) {
                return name.to_owned();
            }
            let base: String =
                name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
            let base = if base.starts_with(|c: char| c.is_ascii_digit()) || base.is_empty() {
                format!("T{base}")
            } else {
                base
            };
            format!("{base}~{:08x}", wire_core::md5_32(sig.as_bytes()))
        };
        let mut keys: HashMap<&str, String> = HashMap::new();
        for sig in sigs.keys() {
            Keys::text(sig, &sigs, &mut keys, &base);
        }
        keys.into_iter().map(|(sig, key)| (sig.to_owned(), key)).collect()
    }

    /// `base(name, sig)` followed by the type arguments, each named type in
    /// them written the same way (memoized in `out`).
    fn text<'s>(
        sig: &'s str,
        sigs: &HashMap<&'s str, &'static Schema>,
        out: &mut HashMap<&'s str, String>,
        base: &dyn Fn(&str, &str) -> String,
    ) -> String {
        if let Some(text) = out.get(sig) {
            return text.clone();
        }
        let s = sigs[sig];
        let (name, _, type_args) = named_parts(s).expect("a named node");
        let mut text = base(name, sig);
        if !type_args.is_empty() {
            let args: Vec<String> = type_args
                .iter()
                .map(|t| {
                    crate::text::ty(&shape(t, &mut |n| {
                        let sig = signature(n, &mut Vec::new());
                        let (sig, _) = sigs.get_key_value(sig.as_str()).expect("collected");
                        Ty::Named(Keys::text(sig, sigs, out, base))
                    }))
                })
                .collect();
            text = format!("{text}<{}>", args.join(", "));
        }
        out.insert(sig, text.clone());
        text
    }
}

/// `[A-Za-z_][A-Za-z0-9_]*`
pub fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Live schema -> model.
struct Lower<'a> {
    keys: &'a HashMap<String, String>,
    types: &'a mut BTreeMap<String, TypeDef>,
}

impl Lower<'_> {
    fn field(&mut self, f: &Field, stack: &mut Vec<(&'static str, String)>) -> FieldDef {
        FieldDef { name: f.name.to_owned(), ty: self.ty(f.schema, stack) }
    }

    /// `stack`: (path, key) of the enclosing named types, innermost last.
    fn ty(&mut self, s: &'static Schema, stack: &mut Vec<(&'static str, String)>) -> Ty {
        shape(s, &mut |n| self.named(n, stack))
    }

    fn named(&mut self, s: &'static Schema, stack: &mut Vec<(&'static str, String)>) -> Ty {
        if let Schema::SelfRef(path) = s {
            return match stack.iter().rev().find(|(p, _)| p == path) {
                Some((_, key)) => Ty::Named(key.clone()),
                // Unreachable for derived types (their CODE would not compile).
                None => Ty::Opaque(format!("dangling self-reference to {path}")),
            };
        }
        let key = self.keys[&signature(s, &mut Vec::new())].clone();
        if self.types.contains_key(&key) || stack.iter().any(|(_, k)| *k == key) {
            return Ty::Named(key);
        }
        let (name, path, type_args) = named_parts(s).expect("a named node");
        stack.push((path, key.clone()));
        let type_args = type_args.iter().map(|t| self.ty(t, stack)).collect();
        let body = match s {
            Schema::Struct(d) => {
                let fields = d.fields.iter().map(|f| self.field(f, stack)).collect();
                Body::Struct { style: d.style, trivial: d.trivial, fields }
            }
            Schema::CEnum(d) => Body::CEnum {
                repr: d.repr,
                variants: d.variants.iter().map(|v| CVariantDef { name: v.name.to_owned(), value: v.value }).collect(),
            },
            Schema::Enum(d) => {
                let variants = d
                    .variants
                    .iter()
                    .map(|v| VariantDef {
                        name: v.name.to_owned(),
                        style: v.style,
                        fields: v.fields.iter().map(|f| self.field(f, stack)).collect(),
                    })
                    .collect();
                Body::Enum { variants }
            }
            Schema::Newtype(d) => Body::Newtype(self.ty(d.inner, stack)),
            _ => unreachable!("named_parts matched"),
        };
        stack.pop();
        self.types.insert(key.clone(), TypeDef { key: key.clone(), name: name.to_owned(), type_args, body, line: 0 });
        Ty::Named(key)
    }
}

/// Model -> schema tree, so the codes a file records are recomputed by
/// `wire_core`'s own walk. The trees are leaked: a contract is small and
/// checked a few times per process.
pub(crate) struct Raise<'a> {
    types: &'a BTreeMap<String, TypeDef>,
    /// Named types already raised whose schema holds no self-reference, so
    /// it is the same wherever they are used: a type used twice is raised once.
    memo: std::cell::RefCell<HashMap<&'a str, &'static Schema>>,
    /// Whether the node being raised produced a self-reference.
    saw_self_ref: std::cell::Cell<bool>,
    /// Schema nodes left to raise for this file.
    budget: std::cell::Cell<usize>,
    /// Nesting of the node being raised, through named types included.
    depth: std::cell::Cell<usize>,
}

/// How deeply a handler's schema may nest, named types included: real types
/// stay far below; it bounds the recursion of everything that walks a schema.
pub(crate) const MAX_SCHEMA_DEPTH: usize = 256;

/// Schema nodes one contract file may raise: far above any real contract
/// (with shared types raised once), far below what a hostile file that
/// reuses types exponentially would need.
pub(crate) const RAISE_BUDGET: usize = 1 << 21;

fn leak<T>(t: T) -> &'static T {
    Box::leak(Box::new(t))
}

fn leak_str(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

impl<'a> Raise<'a> {
    pub fn new(types: &'a BTreeMap<String, TypeDef>) -> Raise<'a> {
        Raise {
            types,
            memo: Default::default(),
            saw_self_ref: Default::default(),
            budget: std::cell::Cell::new(RAISE_BUDGET),
            depth: std::cell::Cell::new(0),
        }
    }

    pub fn fields(&self, fields: &[FieldDef], stack: &mut Vec<String>) -> Result<&'static [Field], String> {
        let fields: Result<Vec<Field>, String> =
            fields.iter().map(|f| Ok(Field { name: leak_str(&f.name), schema: self.ty(&f.ty, stack)? })).collect();
        Ok(Box::leak(fields?.into_boxed_slice()))
    }

    pub fn ty(&self, ty: &Ty, stack: &mut Vec<String>) -> Result<&'static Schema, String> {
        if self.depth.get() >= MAX_SCHEMA_DEPTH {
            return Err(format!(
                "the types nest more than {MAX_SCHEMA_DEPTH} levels deep (named types included): \
                 no real contract does"
            ));
        }
        self.depth.set(self.depth.get() + 1);
        let raised = self.ty_here(ty, stack);
        self.depth.set(self.depth.get() - 1);
        raised
    }

    fn ty_here(&self, ty: &Ty, stack: &mut Vec<String>) -> Result<&'static Schema, String> {
        let Some(left) = self.budget.get().checked_sub(1) else {
            return Err(format!(
                "the types of this file expand to more than {RAISE_BUDGET} schema nodes: a type graph that \
                 reuses types this much has no literal of a sane size"
            ));
        };
        self.budget.set(left);
        if let Ty::Named(key) = ty
            && !stack.contains(key)
            && let Some(schema) = self.memo.borrow().get(key.as_str())
        {
            return Ok(schema);
        }
        Ok(leak(match ty {
            Ty::Prim(p) => Schema::Prim(*p),
            Ty::Str => Schema::Str,
            Ty::Unit => Schema::Unit,
            Ty::Seq(t) => Schema::Seq(self.ty(t, stack)?),
            Ty::Set(t) => Schema::Set(self.ty(t, stack)?),
            Ty::Option(t) => Schema::Option(self.ty(t, stack)?),
            Ty::Array(t, n) => Schema::Array(self.ty(t, stack)?, *n),
            Ty::Map(k, v) => Schema::Map(self.ty(k, stack)?, self.ty(v, stack)?),
            Ty::Result(t, e) => Schema::Result(self.ty(t, stack)?, self.ty(e, stack)?),
            Ty::Tuple(items) => {
                let items: Result<Vec<&'static Schema>, String> = items.iter().map(|t| self.ty(t, stack)).collect();
                Schema::Tuple(Box::leak(items?.into_boxed_slice()))
            }
            Ty::Opaque(name) => Schema::Opaque(leak_str(name)),
            Ty::Named(key) if stack.contains(key) => {
                self.saw_self_ref.set(true);
                Schema::SelfRef(leak_str(key))
            }
            Ty::Named(key) => {
                let (key, def) =
                    self.types.get_key_value(key).ok_or_else(|| format!("type `{key}` is used but not defined"))?;
                let outer_saw_self_ref = self.saw_self_ref.replace(false);
                let path = leak_str(key);
                let name = leak_str(&def.name);
                stack.push(key.clone());
                let type_args: Result<Vec<&'static Schema>, String> =
                    def.type_args.iter().map(|t| self.ty(t, stack)).collect();
                let type_args: &'static [&'static Schema] = Box::leak(type_args?.into_boxed_slice());
                let schema = match &def.body {
                    Body::Struct { style, trivial, fields } => {
                        Schema::Struct(DefRef::new(leak(wire_core::StructDef {
                            name,
                            path,
                            type_args,
                            style: *style,
                            trivial: *trivial,
                            fields: self.fields(fields, stack)?,
                        })))
                    }
                    Body::Enum { variants } => {
                        let variants: Result<Vec<wire_core::Variant>, String> = variants
                            .iter()
                            .map(|v| {
                                Ok(wire_core::Variant {
                                    name: leak_str(&v.name),
                                    style: v.style,
                                    fields: self.fields(&v.fields, stack)?,
                                })
                            })
                            .collect();
                        Schema::Enum(DefRef::new(leak(wire_core::EnumDef {
                            name,
                            path,
                            type_args,
                            variants: Box::leak(variants?.into_boxed_slice()),
                        })))
                    }
                    Body::CEnum { repr, variants } => {
                        let variants: Vec<wire_core::CVariant> = variants
                            .iter()
                            .map(|v| wire_core::CVariant { name: leak_str(&v.name), value: v.value })
                            .collect();
                        Schema::CEnum(DefRef::new(leak(wire_core::CEnumDef {
                            name,
                            path,
                            repr: *repr,
                            variants: Box::leak(variants.into_boxed_slice()),
                        })))
                    }
                    Body::Newtype(inner) => Schema::Newtype(DefRef::new(leak(wire_core::NewtypeDef {
                        name,
                        path,
                        type_args,
                        inner: self.ty(inner, stack)?,
                    }))),
                };
                stack.pop();
                let schema = leak(schema);
                if !self.saw_self_ref.get() {
                    self.memo.borrow_mut().insert(key, schema);
                }
                self.saw_self_ref.set(outer_saw_self_ref || self.saw_self_ref.get());
                return Ok(schema);
            }
        }))
    }
}

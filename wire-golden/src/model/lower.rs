//! The live registry as a model: every named type reachable from the
//! handlers gets a key, and each schema tree becomes owned data.

use super::{Body, CVariantDef, ContractDoc, ExtLevelDef, FieldDef, HandlerDef, Ty, TypeDef, VariantDef, is_ident};
use std::collections::{BTreeMap, HashMap};
use wire_core::{Contract, Field, Handler, Schema};

impl ContractDoc {
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
        crate::file::ty(&shape(t, &mut |n| Ty::Named(signature(n, stack))))
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
                    crate::file::ty(&shape(t, &mut |n| {
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

//! The live registry as a model: every named type reachable from the
//! handlers gets a key, and each schema tree becomes owned data.

use super::{Body, CVariantDef, ContractDoc, ExtLevelDef, FieldDef, HandlerDef, Ty, TypeDef, VariantDef, is_ident};
use std::collections::{BTreeMap, HashMap};
use wire_core::{CEnumDef, Contract, EnumDef, Field, Handler, NewtypeDef, Schema, Shape, StructDef};

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
        let mut cx = Lower { keys: &keys, types: &mut doc.types, stack: Vec::new() };
        for h in handlers {
            let args = cx.fields(h.args);
            let ext =
                h.ext.iter().map(|g| ExtLevelDef { since: g.since, code: g.code, args: cx.fields(g.args) }).collect();
            let returns = cx.ty(h.returns);
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

/// A named live node: what [`Schema::shape`] gives as [`Shape::Named`].
enum Named {
    /// A definition.
    Def(Def),
    /// A reference back to the enclosing type of this path.
    Back(&'static str),
}

impl Named {
    fn of(n: &'static Schema) -> Named {
        match n {
            Schema::Struct(d) => Named::Def(Def::Struct(d.get())),
            Schema::Enum(d) => Named::Def(Def::Enum(d.get())),
            Schema::Newtype(d) => Named::Def(Def::Newtype(d.get())),
            Schema::CEnum(d) => Named::Def(Def::CEnum(d.get())),
            Schema::SelfRef(path) => Named::Back(path),
            Schema::Prim(_)
            | Schema::Str
            | Schema::Unit
            | Schema::Seq(_)
            | Schema::Set(_)
            | Schema::Option(_)
            | Schema::Array(..)
            | Schema::Map(..)
            | Schema::Result(..)
            | Schema::Tuple(_)
            | Schema::Opaque(_) => unreachable!("`Schema::shape` names only named types"),
        }
    }
}

/// A named type's definition.
#[derive(Clone, Copy)]
enum Def {
    Struct(&'static StructDef),
    Enum(&'static EnumDef),
    Newtype(&'static NewtypeDef),
    CEnum(&'static CEnumDef),
}

impl Def {
    /// Its name, path and type arguments.
    fn head(self) -> (&'static str, &'static str, &'static [&'static Schema]) {
        match self {
            Def::Struct(d) => (d.name, d.path, d.type_args),
            Def::Enum(d) => (d.name, d.path, d.type_args),
            Def::Newtype(d) => (d.name, d.path, d.type_args),
            Def::CEnum(d) => (d.name, d.path, &[]),
        }
    }

    /// What it is made of: a struct's fields, every variant's in order, a newtype's inner type.
    fn members(self) -> Vec<&'static Schema> {
        match self {
            Def::Struct(d) => d.fields.iter().map(|f| f.schema).collect(),
            Def::Enum(d) => d.variants.iter().flat_map(|v| v.fields).map(|f| f.schema).collect(),
            Def::Newtype(d) => vec![d.inner],
            Def::CEnum(_) => Vec::new(),
        }
    }
}

/// Names a live named node unambiguously: its full structural signature
/// (path, type arguments, names and shapes of everything inside; two types
/// meet again inside themselves as a bare reference).
fn signature(n: &'static Schema, stack: &mut Vec<&'static str>) -> String {
    let def = match Named::of(n) {
        Named::Def(def) => def,
        Named::Back(path) => return format!("self {path}"),
    };
    let (name, path, type_args) = def.head();
    let args: Vec<String> = type_args.iter().map(|t| signature_text(t, stack)).collect();
    let head = format!("{path}<{}> {name}", args.join(","));
    if stack.contains(&path) {
        return format!("[{head}]");
    }
    stack.push(path);
    let fields = |fs: &'static [Field], stack: &mut Vec<&'static str>| -> String {
        fs.iter().map(|f| format!("{}:{}", f.name, signature_text(f.schema, stack))).collect::<Vec<_>>().join(",")
    };
    let body = match def {
        Def::Struct(d) => format!("struct {:?} {} {{{}}}", d.style, d.trivial, fields(d.fields, stack)),
        Def::CEnum(d) => {
            let v: Vec<String> = d.variants.iter().map(|v| format!("{}={}", v.name, v.value)).collect();
            format!("c_enum {} {{{}}}", d.repr.name(), v.join(","))
        }
        Def::Enum(d) => {
            let v: Vec<String> =
                d.variants.iter().map(|v| format!("{} {:?}({})", v.name, v.style, fields(v.fields, stack))).collect();
            format!("enum {{{}}}", v.join(","))
        }
        Def::Newtype(d) => format!("newtype ({})", signature_text(d.inner, stack)),
    };
    stack.pop();
    format!("{head} {body}")
}

/// A type's text with each named type in it written as its [`signature`].
fn signature_text(s: &'static Schema, stack: &mut Vec<&'static str>) -> String {
    s.shape().map_with(stack, |stack, c| signature_text(c, stack), |stack, n| signature(n, stack)).to_string()
}

/// Signature -> key, for every named node reachable from the handlers.
#[derive(Default)]
struct Keys {
    /// signature -> the definition
    seen: BTreeMap<String, Def>,
}

impl Keys {
    fn collect(&mut self, s: &'static Schema, stack: &mut Vec<&'static str>) {
        let shape = s.shape();
        for &c in shape.children() {
            self.collect(c, stack);
        }
        // A reference back is to a type met already.
        let Shape::Named(n) = shape else { return };
        let Named::Def(def) = Named::of(n) else { return };
        let (_, path, type_args) = def.head();
        if stack.contains(&path) {
            return;
        }
        let sig = signature(n, &mut Vec::new());
        if self.seen.insert(sig, def).is_some() {
            return;
        }
        stack.push(path);
        for t in type_args.iter().copied().chain(def.members()) {
            self.collect(t, stack);
        }
        stack.pop();
    }

    /// A type's key is its name and type arguments (`Page<u32>`) when its
    /// name is an identifier, not reserved, and that text stands for one
    /// type only; otherwise the name made an identifier, `~` and 8 hex
    /// digits of its signature's MD5, then the type arguments.
    fn assign(self) -> HashMap<String, String> {
        let sigs: HashMap<&str, Def> = self.seen.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        // The text each type would have as a plain key, to find the ambiguous ones.
        let display = Spelling { sigs: &sigs, base: &|name, _| name.to_owned() }.all();
        let mut count: HashMap<&str, usize> = HashMap::new();
        for text in display.values() {
            *count.entry(text.as_str()).or_default() += 1;
        }
        let reserved = Shape::<Ty, String>::RESERVED;
        let plain =
            |name: &str, sig: &str| count[display[sig].as_str()] == 1 && is_ident(name) && !reserved.contains(&name);
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
        let keys = Spelling { sigs: &sigs, base: &base }.all();
        keys.into_iter().map(|(sig, key)| (sig.to_owned(), key)).collect()
    }
}

/// The text of each collected type: `base(name, signature)`, then its type
/// arguments, each named type in them written the same way.
struct Spelling<'a, 's> {
    /// signature -> the definition
    sigs: &'a HashMap<&'s str, Def>,
    base: &'a dyn Fn(&str, &str) -> String,
}

impl<'s> Spelling<'_, 's> {
    /// Every type's text, by signature.
    fn all(&self) -> HashMap<&'s str, String> {
        let mut out = HashMap::new();
        for &sig in self.sigs.keys() {
            self.text(sig, &mut out);
        }
        out
    }

    /// One type's text (memoized in `out`).
    fn text(&self, sig: &'s str, out: &mut HashMap<&'s str, String>) -> String {
        if let Some(text) = out.get(sig) {
            return text.clone();
        }
        let (name, _, type_args) = self.sigs[sig].head();
        let mut text = (self.base)(name, sig);
        if !type_args.is_empty() {
            let args: Vec<String> = type_args.iter().map(|t| self.type_arg(t, out)).collect();
            text = format!("{text}<{}>", args.join(", "));
        }
        out.insert(sig, text.clone());
        text
    }

    /// A type argument's text.
    fn type_arg(&self, t: &'static Schema, out: &mut HashMap<&'s str, String>) -> String {
        let named = |out: &mut HashMap<&'s str, String>, n| {
            let sig = signature(n, &mut Vec::new());
            let (&sig, _) = self.sigs.get_key_value(sig.as_str()).expect("collected");
            self.text(sig, out)
        };
        t.shape().map_with(out, |out, c| self.type_arg(c, out), named).to_string()
    }
}

/// Live schema -> model: each named type defined once, under its key.
struct Lower<'a> {
    keys: &'a HashMap<String, String>,
    types: &'a mut BTreeMap<String, TypeDef>,
    /// (path, key) of the enclosing named types, innermost last.
    stack: Vec<(&'static str, String)>,
}

impl Lower<'_> {
    fn fields(&mut self, fields: &[Field]) -> Vec<FieldDef> {
        fields.iter().map(|f| FieldDef { name: f.name.to_owned(), ty: self.ty(f.schema) }).collect()
    }

    fn ty(&mut self, s: &'static Schema) -> Ty {
        if let Schema::SelfRef(path) = s
            && self.enclosing(path).is_none()
        {
            // Unreachable for derived types (their CODE would not compile).
            return Ty::new(Shape::Opaque(format!("dangling self-reference to {path}")));
        }
        Ty::new(s.shape().map_with(self, |cx, c| cx.ty(c), |cx, n| cx.key(n)))
    }

    /// The key of a named node: its definition's, which is lowered the
    /// first time it is met, or that of the enclosing type it refers back to.
    fn key(&mut self, n: &'static Schema) -> String {
        let def = match Named::of(n) {
            Named::Def(def) => def,
            Named::Back(path) => return self.enclosing(path).expect("`ty` lowers a dangling one").to_owned(),
        };
        let key = self.keys[&signature(n, &mut Vec::new())].clone();
        if self.types.contains_key(&key) || self.stack.iter().any(|(_, k)| *k == key) {
            return key;
        }
        let (name, path, type_args) = def.head();
        self.stack.push((path, key.clone()));
        let type_args = type_args.iter().map(|t| self.ty(t)).collect();
        let body = match def {
            Def::Struct(d) => Body::Struct { style: d.style, trivial: d.trivial, fields: self.fields(d.fields) },
            Def::CEnum(d) => Body::CEnum {
                repr: d.repr,
                variants: d.variants.iter().map(|v| CVariantDef { name: v.name.to_owned(), value: v.value }).collect(),
            },
            Def::Enum(d) => Body::Enum {
                variants: d
                    .variants
                    .iter()
                    .map(|v| VariantDef { name: v.name.to_owned(), style: v.style, fields: self.fields(v.fields) })
                    .collect(),
            },
            Def::Newtype(d) => Body::Newtype(self.ty(d.inner)),
        };
        self.stack.pop();
        self.types.insert(key.clone(), TypeDef { key: key.clone(), name: name.to_owned(), type_args, body, line: 0 });
        key
    }

    /// The key of the innermost enclosing type of this path.
    fn enclosing(&self, path: &str) -> Option<&str> {
        self.stack.iter().rev().find(|(p, _)| *p == path).map(|(_, key)| key.as_str())
    }
}

//! Every attribute the macros read, in one place: serde's (to mirror what
//! serde puts on the wire), `#[repr]` and our own `#[wire(...)]` on a
//! derive input, and `#[wire(...)]` on a `#[wire_rpc]` trait.
//!
//! Reading only: whether a key may be used is decided in `derive::check` and
//! `rpc::check`. Each key that matters is recorded with its tokens, for those
//! to point at; what cannot be read at all (malformed syntax, a key that is
//! not ours to read here) is recorded as a problem, which check reports in
//! its place among its own errors. A problem ends the attribute it is in.

use crate::case::RenameRule;
use proc_macro2::TokenStream;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitStr, Path, Token};

/// How a type's or field's wire shape is stated instead of read off its type.
pub enum Repr {
    /// `#[wire(as = Type)]`: the bytes are those of `Type`.
    As(Box<syn::Type>),
    /// `#[wire(opaque = "Name")]`: a hand-written serialization, named.
    Opaque(LitStr),
}

/// One `as = Type` or `opaque = "Name"`, with its key.
pub struct Stated {
    pub key: Path,
    pub repr: Repr,
}

#[derive(Default)]
pub struct Container {
    pub rename: Option<String>,
    pub rename_all: Option<RenameRule>,
    pub rename_all_fields: Option<RenameRule>,
    pub transparent: bool,
    /// Every `#[wire(as = ..)]` / `#[wire(opaque = ..)]`, in order.
    pub stated: Vec<Stated>,
    /// `#[wire(c_enum)]`: a C-like enum carried as its integer.
    pub c_enum: Option<Path>,
    /// `#[wire(trivial)]`: a trivially copyable struct (C layout in struct_pack).
    pub trivial: Option<Path>,
    /// The integer of `#[repr(u8)]` etc., if any.
    pub int_repr: Option<syn::Ident>,
    /// The serde keys not read above (`tag`, `from`, `bound`, ...), in order.
    pub other: Vec<Path>,
    pub problems: Vec<syn::Error>,
}

/// The integers a `#[repr(..)]` may name for `#[wire(c_enum)]`, and their `Prim`.
pub const INT_REPRS: [(&str, &str); 8] = [
    ("i8", "I8"),
    ("u8", "U8"),
    ("i16", "I16"),
    ("u16", "U16"),
    ("i32", "I32"),
    ("u32", "U32"),
    ("i64", "I64"),
    ("u64", "U64"),
];

#[derive(Default)]
pub struct Variant {
    pub rename: Option<String>,
    pub rename_all: Option<RenameRule>,
    /// `#[wire(...)]` attributes, which variants do not take.
    pub wire: Vec<Attribute>,
    /// The serde keys not read above (`skip`, `with`, ...), in order.
    pub other: Vec<Path>,
    pub problems: Vec<syn::Error>,
}

#[derive(Default)]
pub struct Field {
    pub rename: Option<String>,
    /// `#[serde(skip)]`, or both one-sided skips.
    pub skip: bool,
    pub skip_serializing: Option<Path>,
    pub skip_deserializing: Option<Path>,
    /// Every `#[wire(as = ..)]` / `#[wire(opaque = ..)]`, in order.
    pub stated: Vec<Stated>,
    /// The serde keys not read above (`with`, `flatten`, `default`, ...), in order.
    pub other: Vec<Path>,
    pub problems: Vec<syn::Error>,
}

/// Whose attribute a key is in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ns {
    Serde,
    Wire,
}

/// The loop every reader shares: each key of each `#[serde(...)]` and
/// `#[wire(...)]` in `attrs`, in order, goes to `key`, which may record
/// problems; an error it returns ends that attribute and is a problem too.
fn read_keys<'a>(
    attrs: impl IntoIterator<Item = &'a Attribute>,
    problems: &mut Vec<syn::Error>,
    mut key: impl FnMut(Ns, &ParseNestedMeta, &mut Vec<syn::Error>) -> syn::Result<()>,
) {
    for attr in attrs {
        let ns = if is(attr, "serde") {
            Ns::Serde
        } else if is(attr, "wire") {
            Ns::Wire
        } else {
            continue;
        };
        if let Err(e) = attr.parse_nested_meta(|meta| key(ns, &meta, problems)) {
            problems.push(e);
        }
    }
}

fn is(attr: &Attribute, name: &str) -> bool {
    attr.path().is_ident(name)
}

/// Consumes the value of a key we do not interpret (`= expr` or `(...)`).
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let _content;
        syn::parenthesized!(_content in meta.input);
    }
    Ok(())
}

fn lit_str(meta: &ParseNestedMeta) -> syn::Result<LitStr> {
    meta.value()?.parse()
}

/// `rename = "x"` or `rename(serialize = "x", deserialize = "y")`: the serialized name.
fn serialize_name(meta: &ParseNestedMeta) -> syn::Result<Option<String>> {
    if meta.input.peek(Token![=]) {
        return Ok(Some(lit_str(meta)?.value()));
    }
    let mut name = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("serialize") {
            name = Some(lit_str(&inner)?.value());
            Ok(())
        } else {
            skip_value(&inner)
        }
    })?;
    Ok(name)
}

/// `rename_all = "rule"` or `rename_all(serialize = "rule", ...)`; an unknown
/// rule is a problem, and no rule.
fn rename_rule(meta: &ParseNestedMeta, problems: &mut Vec<syn::Error>) -> syn::Result<Option<RenameRule>> {
    let mut rule = None;
    let mut read = |lit: LitStr| match RenameRule::parse(&lit) {
        Ok(r) => rule = Some(r),
        Err(e) => {
            rule = None;
            problems.push(e);
        }
    };
    if meta.input.peek(Token![=]) {
        read(lit_str(meta)?);
    } else {
        meta.parse_nested_meta(|inner| {
            if inner.path.is_ident("serialize") {
                read(lit_str(&inner)?);
                Ok(())
            } else {
                skip_value(&inner)
            }
        })?;
    }
    Ok(rule)
}

/// `as = Type` / `opaque = "Name"`, recorded in `stated`; false if `meta` is neither.
fn stated(meta: &ParseNestedMeta, stated: &mut Vec<Stated>) -> syn::Result<bool> {
    let repr = if meta.path.is_ident("as") {
        Repr::As(Box::new(meta.value()?.parse()?))
    } else if meta.path.is_ident("opaque") {
        Repr::Opaque(lit_str(meta)?)
    } else {
        return Ok(false);
    };
    stated.push(Stated { key: meta.path.clone(), repr });
    Ok(true)
}

fn unknown_wire_key(meta: &ParseNestedMeta, expected: &str) -> syn::Error {
    let key = meta.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
    meta.error(format!("unknown wire attribute `{key}`, expected {expected}"))
}

impl Container {
    pub fn from_attrs(attrs: &[Attribute]) -> Container {
        let mut c = Container { int_repr: int_repr(attrs), ..Container::default() };
        let mut problems = Vec::new();
        read_keys(attrs, &mut problems, |ns, meta, problems| {
            let p = &meta.path;
            match ns {
                Ns::Serde if p.is_ident("rename") => c.rename = serialize_name(meta)?,
                Ns::Serde if p.is_ident("rename_all") => c.rename_all = rename_rule(meta, problems)?,
                Ns::Serde if p.is_ident("rename_all_fields") => c.rename_all_fields = rename_rule(meta, problems)?,
                Ns::Serde if p.is_ident("transparent") => c.transparent = true,
                Ns::Serde => {
                    c.other.push(p.clone());
                    skip_value(meta)?;
                }
                Ns::Wire if p.is_ident("c_enum") => c.c_enum = Some(p.clone()),
                Ns::Wire if p.is_ident("trivial") => c.trivial = Some(p.clone()),
                Ns::Wire if stated(meta, &mut c.stated)? => {}
                Ns::Wire => {
                    return Err(unknown_wire_key(meta, "`as = Type`, `opaque = \"Name\"`, `c_enum` or `trivial`"));
                }
            }
            Ok(())
        });
        c.problems = problems;
        c
    }

    /// The shape stated with `as` or `opaque`: the last one, if several.
    pub fn repr(&self) -> Option<&Repr> {
        self.stated.last().map(|s| &s.repr)
    }
}

/// The integer of `#[repr(u8)]` and the like. Only the integer matters here;
/// `C`, `align(..)` and errors in `#[repr]` are left to rustc.
fn int_repr(attrs: &[Attribute]) -> Option<syn::Ident> {
    let mut int = None;
    for attr in attrs.iter().filter(|a| is(a, "repr")) {
        let _ = attr.parse_nested_meta(|meta| {
            if let Some(ident) = meta.path.get_ident()
                && INT_REPRS.iter().any(|(name, _)| ident == name)
            {
                int = Some(ident.clone());
            }
            if meta.input.peek(syn::token::Paren) {
                let _content;
                syn::parenthesized!(_content in meta.input);
            }
            Ok(())
        });
    }
    int
}

impl Variant {
    pub fn from_attrs(attrs: &[Attribute]) -> Variant {
        let mut v = Variant { wire: attrs.iter().filter(|a| is(a, "wire")).cloned().collect(), ..Variant::default() };
        let mut problems = Vec::new();
        let serde = attrs.iter().filter(|a| is(a, "serde"));
        read_keys(serde, &mut problems, |_, meta, problems| {
            let p = &meta.path;
            if p.is_ident("rename") {
                v.rename = serialize_name(meta)?;
            } else if p.is_ident("rename_all") {
                v.rename_all = rename_rule(meta, problems)?;
            } else {
                v.other.push(p.clone());
                skip_value(meta)?;
            }
            Ok(())
        });
        v.problems = problems;
        v
    }
}

impl Field {
    pub fn from_attrs(attrs: &[Attribute]) -> Field {
        let mut f = Field::default();
        let mut problems = Vec::new();
        read_keys(attrs, &mut problems, |ns, meta, _| {
            let p = &meta.path;
            match ns {
                Ns::Serde if p.is_ident("rename") => f.rename = serialize_name(meta)?,
                Ns::Serde if p.is_ident("skip") => f.skip = true,
                Ns::Serde if p.is_ident("skip_serializing") => f.skip_serializing = Some(p.clone()),
                Ns::Serde if p.is_ident("skip_deserializing") => f.skip_deserializing = Some(p.clone()),
                // with, flatten, alias, default, borrow, bound, getter, ...
                Ns::Serde => {
                    f.other.push(p.clone());
                    skip_value(meta)?;
                }
                Ns::Wire if stated(meta, &mut f.stated)? => {}
                Ns::Wire if p.is_ident("since") => {
                    return Err(meta.error(
                        "`#[wire(since = N)]` goes on handler parameters, not on fields: serde codecs \
                         write fields inline with no length, so an older peer cannot skip a field it \
                         does not know; add the value as a `#[wire(since = N)]` parameter of the handler",
                    ));
                }
                Ns::Wire => return Err(unknown_wire_key(meta, "`as = Type` or `opaque = \"Name\"`")),
            }
            Ok(())
        });
        f.problems = problems;
        f.skip |= f.skip_serializing.is_some() && f.skip_deserializing.is_some();
        f
    }

    /// The shape stated with `as` or `opaque`: the last one, if several.
    pub fn repr(&self) -> Option<&Repr> {
        self.stated.last().map(|s| &s.repr)
    }
}

/// `#[wire_rpc(...)]`'s own arguments.
pub struct RpcArgs {
    /// `codes_only`: the codes and the registration, no server or client.
    pub codes_only: bool,
    pub problems: Vec<syn::Error>,
}

impl RpcArgs {
    pub fn parse(args: TokenStream) -> RpcArgs {
        let mut codes_only = false;
        let mut problems = Vec::new();
        if !args.is_empty() {
            let parser = syn::meta::parser(|meta| {
                if meta.path.is_ident("codes_only") {
                    codes_only = true;
                    Ok(())
                } else {
                    Err(meta.error(
                        "#[wire_rpc] takes only `codes_only`; name the service with #[wire(name = \"...\")] on the trait",
                    ))
                }
            });
            if let Err(e) = syn::parse::Parser::parse2(parser, args) {
                problems.push(e);
            }
        }
        RpcArgs { codes_only, problems }
    }
}

/// The `#[wire(key = value)]` attributes taken off a trait, a method or a
/// parameter: each value with its key, in order.
pub struct WireKeys<T> {
    pub values: Vec<(Path, T)>,
    pub problems: Vec<syn::Error>,
}

impl<T: syn::parse::Parse> WireKeys<T> {
    /// Removes the `#[wire(...)]` attributes from `attrs` and reads them:
    /// `key = T` only (any other key is a problem, `expected` says what
    /// would be right).
    fn take(attrs: &mut Vec<Attribute>, key: &str, expected: &str) -> WireKeys<T> {
        let (wire, kept) = std::mem::take(attrs).into_iter().partition(|a| is(a, "wire"));
        *attrs = kept;
        let mut keys = WireKeys { values: Vec::new(), problems: Vec::new() };
        read_keys(&wire, &mut keys.problems, |_, meta, _| {
            if !meta.path.is_ident(key) {
                return Err(unknown_wire_key(meta, expected));
            }
            keys.values.push((meta.path.clone(), meta.value()?.parse()?));
            Ok(())
        });
        keys
    }
}

/// `#[wire(name = "...")]` on a trait (`expected`: `name = "Service"`) or a
/// method (`name = "Service::method"`), taken off `attrs`.
pub fn take_wire_name(attrs: &mut Vec<Attribute>, expected: &str) -> WireKeys<LitStr> {
    WireKeys::take(attrs, "name", expected)
}

/// `#[wire(since = N)]` on a handler parameter, taken off `attrs`.
pub fn take_since(attrs: &mut Vec<Attribute>) -> WireKeys<syn::LitInt> {
    WireKeys::take(attrs, "since", "`since = N` on a handler parameter")
}

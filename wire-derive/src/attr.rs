//! Every attribute the macros read, in one place: serde's (to mirror what
//! serde puts on the wire) and our own `#[wire(...)]`.

use crate::case::RenameRule;
use crate::errors::Errors;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitStr, Token};

/// How a type's or field's wire shape is stated instead of read off its type.
pub enum Repr {
    /// `#[wire(as = Type)]`: the bytes are those of `Type`.
    As(Box<syn::Type>),
    /// `#[wire(opaque = "Name")]`: a hand-written serialization, named.
    Opaque(LitStr),
}

#[derive(Default)]
pub struct Container {
    pub rename: Option<String>,
    pub rename_all: Option<RenameRule>,
    pub rename_all_fields: Option<RenameRule>,
    pub transparent: bool,
    pub repr: Option<Repr>,
    /// `#[wire(c_enum)]`: a C-like enum carried as its integer.
    pub c_enum: Option<syn::Path>,
    /// `#[wire(trivial)]`: a trivially copyable struct (C layout in struct_pack).
    pub trivial: Option<syn::Path>,
    /// The integer of `#[repr(u8)]` etc., if any.
    pub int_repr: Option<syn::Ident>,
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
}

#[derive(Default)]
pub struct Field {
    pub rename: Option<String>,
    pub skip: bool,
    pub repr: Option<Repr>,
}

/// Why serde attributes that change the bytes are refused (wire spec: the
/// codecs are not self-describing).
mod why {
    pub const SKIP_SERIALIZING_IF: &str = "`skip_serializing_if` cannot be used on a wire type: \
        a non-self-describing codec has no field markers, so an omitted field shifts every later \
        byte and the peer misreads the message; remove it (an `Option<T>` field is always written)";
    pub const FLATTEN: &str = "`flatten` cannot be used on a wire type: serde writes a flattened \
        struct as a map of unknown length, which a non-self-describing codec cannot read back; \
        nest the struct as an ordinary field";
    pub const TAG: &str = "internally and adjacently tagged enums (`tag`, `content`) cannot be \
        used on a wire type: serde reads them back through `deserialize_any`, which a \
        non-self-describing codec rejects; remove it to use serde's default external tagging";
    pub const UNTAGGED: &str = "`untagged` cannot be used on a wire type: serde decodes untagged \
        enums by trial through `deserialize_any`, which a non-self-describing codec rejects; \
        remove it";
    pub const WITH: &str = "`with`, `serialize_with` and `deserialize_with` replace serde's \
        representation, so the wire shape cannot be read off the type; state it with \
        `#[wire(as = Type)]` (the type the functions really write) or `#[wire(opaque = \"Name\")]`";
    pub const CONVERT: &str = "`from`, `try_from` and `into` put another type on the wire; state \
        it with `#[wire(as = Type)]` or `#[wire(opaque = \"Name\")]` on the container";
    pub const HALF_SKIP: &str = "skipping a field on one side only makes the reader expect bytes \
        the writer never sent (or the reverse); use `#[serde(skip)]` to skip it on both";
    pub const SKIP_VARIANT: &str = "a skipped variant keeps its index but can never be sent, \
        so the variant list would not match the wire; remove the variant or stop skipping it";
    pub const VARIANT_WITH: &str = "`with` on a variant replaces serde's representation of the \
        variant; declare the whole enum `#[wire(opaque = \"Name\")]` instead";
}

fn is(attr: &Attribute, name: &str) -> bool {
    attr.path().is_ident(name)
}

/// Consumes the value of a serde key we do not interpret (`= expr` or `(...)`).
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

fn rename_rule(meta: &ParseNestedMeta, errors: &Errors) -> syn::Result<Option<RenameRule>> {
    if meta.input.peek(Token![=]) {
        return Ok(RenameRule::parse(&lit_str(meta)?, errors));
    }
    let mut rule = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("serialize") {
            rule = RenameRule::parse(&lit_str(&inner)?, errors);
            Ok(())
        } else {
            skip_value(&inner)
        }
    })?;
    Ok(rule)
}

/// `#[wire(as = Type)]` / `#[wire(opaque = "Name")]`; true if `meta` was one of them.
fn repr(meta: &ParseNestedMeta, slot: &mut Option<Repr>, errors: &Errors) -> syn::Result<bool> {
    let new = if meta.path.is_ident("as") {
        Repr::As(Box::new(meta.value()?.parse()?))
    } else if meta.path.is_ident("opaque") {
        let name = lit_str(meta)?;
        if name.value().is_empty() {
            errors.error(&name, "an opaque type needs a non-empty name: it is part of the type literal");
        }
        Repr::Opaque(name)
    } else {
        return Ok(false);
    };
    if slot.is_some() {
        errors.error(&meta.path, "the wire shape is already stated: use one of `as` or `opaque`, once");
    }
    *slot = Some(new);
    Ok(true)
}

fn unknown_wire_key(meta: &ParseNestedMeta, expected: &str) -> syn::Error {
    let key = meta.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
    meta.error(format!("unknown wire attribute `{key}`, expected {expected}"))
}

impl Container {
    pub fn from_attrs(attrs: &[Attribute], errors: &Errors) -> Container {
        let mut c = Container::default();
        let mut convert = None;
        for attr in attrs {
            let result = if is(attr, "serde") {
                attr.parse_nested_meta(|meta| {
                    let p = &meta.path;
                    if p.is_ident("rename") {
                        c.rename = serialize_name(&meta)?;
                    } else if p.is_ident("rename_all") {
                        c.rename_all = rename_rule(&meta, errors)?;
                    } else if p.is_ident("rename_all_fields") {
                        c.rename_all_fields = rename_rule(&meta, errors)?;
                    } else if p.is_ident("transparent") {
                        c.transparent = true;
                    } else if p.is_ident("tag") || p.is_ident("content") {
                        errors.error(p, why::TAG);
                        skip_value(&meta)?;
                    } else if p.is_ident("untagged") {
                        errors.error(p, why::UNTAGGED);
                    } else if p.is_ident("from") || p.is_ident("try_from") || p.is_ident("into") {
                        convert.get_or_insert(p.clone());
                        skip_value(&meta)?;
                    } else {
                        skip_value(&meta)?;
                    }
                    Ok(())
                })
            } else if is(attr, "wire") {
                attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident("c_enum") {
                        c.c_enum = Some(meta.path.clone());
                        Ok(())
                    } else if meta.path.is_ident("trivial") {
                        c.trivial = Some(meta.path.clone());
                        Ok(())
                    } else if repr(&meta, &mut c.repr, errors)? {
                        Ok(())
                    } else {
                        Err(unknown_wire_key(&meta, "`as = Type`, `opaque = \"Name\"`, `c_enum` or `trivial`"))
                    }
                })
            } else if is(attr, "repr") {
                // Only the integer matters here; `C`, `align(..)` and the like are left to rustc.
                let _ = attr.parse_nested_meta(|meta| {
                    if let Some(ident) = meta.path.get_ident()
                        && INT_REPRS.iter().any(|(int, _)| ident == int)
                    {
                        c.int_repr = Some(ident.clone());
                    }
                    if meta.input.peek(syn::token::Paren) {
                        let _content;
                        syn::parenthesized!(_content in meta.input);
                    }
                    Ok(())
                });
                Ok(())
            } else {
                Ok(())
            };
            if let Err(e) = result {
                errors.push(e);
            }
        }
        if let (Some(path), None) = (convert, &c.repr) {
            errors.error(path, why::CONVERT);
        }
        c
    }
}

impl Variant {
    pub fn from_attrs(attrs: &[Attribute], errors: &Errors) -> Variant {
        let mut v = Variant::default();
        for attr in attrs {
            let result = if is(attr, "serde") {
                attr.parse_nested_meta(|meta| {
                    let p = &meta.path;
                    if p.is_ident("rename") {
                        v.rename = serialize_name(&meta)?;
                    } else if p.is_ident("rename_all") {
                        v.rename_all = rename_rule(&meta, errors)?;
                    } else if p.is_ident("skip") || p.is_ident("skip_serializing") || p.is_ident("skip_deserializing") {
                        errors.error(p, why::SKIP_VARIANT);
                    } else if p.is_ident("untagged") {
                        errors.error(p, why::UNTAGGED);
                    } else if p.is_ident("with") || p.is_ident("serialize_with") || p.is_ident("deserialize_with") {
                        errors.error(p, why::VARIANT_WITH);
                        skip_value(&meta)?;
                    } else {
                        skip_value(&meta)?;
                    }
                    Ok(())
                })
            } else if is(attr, "wire") {
                Err(syn::Error::new_spanned(
                    attr,
                    "`#[wire(...)]` is not used on variants: put `as`/`opaque` on the variant's fields",
                ))
            } else {
                Ok(())
            };
            if let Err(e) = result {
                errors.push(e);
            }
        }
        v
    }
}

impl Field {
    pub fn from_attrs(attrs: &[Attribute], errors: &Errors) -> Field {
        let mut f = Field::default();
        let (mut skip_ser, mut skip_de) = (None, None);
        let mut with = None;
        for attr in attrs {
            let result = if is(attr, "serde") {
                attr.parse_nested_meta(|meta| {
                    let p = &meta.path;
                    if p.is_ident("rename") {
                        f.rename = serialize_name(&meta)?;
                    } else if p.is_ident("skip") {
                        f.skip = true;
                    } else if p.is_ident("skip_serializing") {
                        skip_ser = Some(p.clone());
                    } else if p.is_ident("skip_deserializing") {
                        skip_de = Some(p.clone());
                    } else if p.is_ident("skip_serializing_if") {
                        errors.error(p, why::SKIP_SERIALIZING_IF);
                        skip_value(&meta)?;
                    } else if p.is_ident("flatten") {
                        errors.error(p, why::FLATTEN);
                    } else if p.is_ident("with") || p.is_ident("serialize_with") || p.is_ident("deserialize_with") {
                        with.get_or_insert(p.clone());
                        skip_value(&meta)?;
                    } else {
                        // alias, default, borrow, bound, getter: no effect on the bytes.
                        skip_value(&meta)?;
                    }
                    Ok(())
                })
            } else if is(attr, "wire") {
                attr.parse_nested_meta(|meta| {
                    if repr(&meta, &mut f.repr, errors)? {
                        Ok(())
                    } else if meta.path.is_ident("since") {
                        Err(meta.error(
                            "`#[wire(since = N)]` goes on handler parameters, not on fields: serde codecs \
                             write fields inline with no length, so an older peer cannot skip a field it \
                             does not know; add the value as a `#[wire(since = N)]` parameter of the handler",
                        ))
                    } else {
                        Err(unknown_wire_key(&meta, "`as = Type` or `opaque = \"Name\"`"))
                    }
                })
            } else {
                Ok(())
            };
            if let Err(e) = result {
                errors.push(e);
            }
        }
        match (skip_ser, skip_de) {
            (Some(_), Some(_)) => f.skip = true,
            (Some(p), None) | (None, Some(p)) if !f.skip => errors.error(p, why::HALF_SKIP),
            _ => {}
        }
        if let (Some(path), None, false) = (with, &f.repr, f.skip) {
            errors.error(path, why::WITH);
        }
        f
    }
}

/// `#[wire(name = "...")]` on a trait or a trait method; `None` if absent.
/// Other keys are errors; the attributes are removed from `attrs`.
pub fn take_wire_name(attrs: &mut Vec<Attribute>, errors: &Errors, expected: &str) -> Option<LitStr> {
    let mut name = None;
    attrs.retain(|attr| {
        if !is(attr, "wire") {
            return true;
        }
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("name") {
                let lit = lit_str(&meta)?;
                let value = lit.value();
                if value.is_empty() {
                    errors.error(&lit, "a wire name cannot be empty: it is hashed into the function id");
                } else if let Some(c) =
                    value.chars().find(|c| c.is_whitespace() || c.is_control() || "\"()".contains(*c))
                {
                    errors.error(
                        &lit,
                        format!(
                            "a wire name cannot contain {c:?}: names are written unquoted in the frozen \
                             contract file (e.g. \"ns::Class::Method\")"
                        ),
                    );
                }
                if name.is_some() {
                    errors.error(&meta.path, "the wire name is given twice: a handler has one name, hashed into one function id; keep one `name = ...`");
                }
                name = Some(lit);
                Ok(())
            } else {
                Err(unknown_wire_key(&meta, expected))
            }
        });
        if let Err(e) = result {
            errors.push(e);
        }
        false
    });
    name
}

/// Takes `#[wire(since = N)]` off a handler parameter: the extension level
/// that introduced it, with the literal for error spans.
pub fn take_since(attrs: &mut Vec<Attribute>, errors: &Errors) -> Option<(u16, syn::LitInt)> {
    let mut since = None;
    attrs.retain(|attr| {
        if !is(attr, "wire") {
            return true;
        }
        let result = attr.parse_nested_meta(|meta| {
            if !meta.path.is_ident("since") {
                return Err(unknown_wire_key(&meta, "`since = N` on a handler parameter"));
            }
            let lit: syn::LitInt = meta.value()?.parse()?;
            match lit.base10_parse::<u16>() {
                Ok(0) => errors.error(
                    &lit,
                    "`since = 0` is the base argument list: extension levels start at 1 \
                     (the release that introduced the parameter)",
                ),
                Ok(n) if since.is_some() => {
                    errors.error(&meta.path, format!("`since` is given twice (again as {n}): keep one"))
                }
                Ok(n) => since = Some((n, lit)),
                Err(_) => errors.error(&lit, "`since` is an extension level from 1 to 65535"),
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.push(e);
        }
        false
    });
    since
}

//! Every rule a derive input must meet, with every error collected, in
//! three groups: the attributes (what a key means for the wire), then the
//! C++ opt-ins `c_enum` and `trivial`, then `transparent`. Each group
//! assumes the ones before it hold, so the user sees the errors of the first
//! group that fails, all of them, and no error that follows from another.

use super::ast::{Data, Input, Style};
use crate::attr::{self, Repr};
use crate::errors::Errors;
use syn::Member;
use syn::spanned::Spanned;

pub fn check(input: &Input) -> syn::Result<()> {
    let groups: [fn(&Input, &Errors); 3] = [attributes, cpp, transparent];
    for group in groups {
        let errors = Errors::default();
        group(input, &errors);
        errors.check()?;
    }
    Ok(())
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
    pub const WIRE_ON_VARIANT: &str =
        "`#[wire(...)]` is not used on variants: put `as`/`opaque` on the variant's fields";
}

/// serde keys that share a meaning.
const SKIP_KEYS: &[&str] = &["skip", "skip_serializing", "skip_deserializing"];
const WITH_KEYS: &[&str] = &["with", "serialize_with", "deserialize_with"];
const CONVERT_KEYS: &[&str] = &["from", "try_from", "into"];

/// The serde keys refused outright, where they are, and why.
const CONTAINER_REFUSED: &[(&[&str], &str)] = &[(&["tag", "content"], why::TAG), (&["untagged"], why::UNTAGGED)];
const VARIANT_REFUSED: &[(&[&str], &str)] =
    &[(SKIP_KEYS, why::SKIP_VARIANT), (&["untagged"], why::UNTAGGED), (WITH_KEYS, why::VARIANT_WITH)];
const FIELD_REFUSED: &[(&[&str], &str)] =
    &[(&["skip_serializing_if"], why::SKIP_SERIALIZING_IF), (&["flatten"], why::FLATTEN)];

/// Each element in turn (a variant's fields before the variant): what its
/// attributes could not read, then the rules on what they say.
fn attributes(input: &Input, errors: &Errors) {
    container(&input.attrs, errors);
    match &input.data {
        Data::Struct(_, fields) => fields.iter().for_each(|f| field(&f.attrs, errors)),
        Data::Enum(variants) => {
            for v in variants {
                v.fields.iter().for_each(|f| field(&f.attrs, errors));
                variant(&v.attrs, errors);
            }
        }
        Data::Union(token) => {
            errors.error(token, "`Wire` cannot be derived for a union: serde has no representation for it")
        }
    }
}

fn container(attrs: &attr::Container, errors: &Errors) {
    problems(&attrs.problems, errors);
    refused(&attrs.other, CONTAINER_REFUSED, errors);
    stated(&attrs.stated, errors);
    // Allowed only with the shape stated by `#[wire(as/opaque)]`.
    if let (Some(key), None) = (first_of(&attrs.other, CONVERT_KEYS), attrs.repr()) {
        errors.error(key, why::CONVERT);
    }
}

fn variant(attrs: &attr::Variant, errors: &Errors) {
    problems(&attrs.problems, errors);
    for wire in &attrs.wire {
        errors.error(wire, why::WIRE_ON_VARIANT);
    }
    refused(&attrs.other, VARIANT_REFUSED, errors);
}

fn field(attrs: &attr::Field, errors: &Errors) {
    problems(&attrs.problems, errors);
    refused(&attrs.other, FIELD_REFUSED, errors);
    stated(&attrs.stated, errors);
    match (&attrs.skip_serializing, &attrs.skip_deserializing) {
        (Some(key), None) | (None, Some(key)) if !attrs.skip => errors.error(key, why::HALF_SKIP),
        _ => {}
    }
    if let (Some(key), None, false) = (first_of(&attrs.other, WITH_KEYS), attrs.repr(), attrs.skip) {
        errors.error(key, why::WITH);
    }
}

/// What the attribute reader could not read.
fn problems(problems: &[syn::Error], errors: &Errors) {
    problems.iter().for_each(|e| errors.push(e.clone()));
}

fn refused(keys: &[syn::Path], refused: &[(&[&str], &str)], errors: &Errors) {
    for key in keys {
        if let Some((_, why)) = refused.iter().find(|(names, _)| is_one_of(key, names)) {
            errors.error(key, why);
        }
    }
}

fn first_of<'a>(keys: &'a [syn::Path], names: &[&str]) -> Option<&'a syn::Path> {
    keys.iter().find(|key| is_one_of(key, names))
}

fn is_one_of(key: &syn::Path, names: &[&str]) -> bool {
    names.iter().any(|name| key.is_ident(name))
}

/// `as` / `opaque`: a non-empty opaque name, and one of them at most.
fn stated(stated: &[attr::Stated], errors: &Errors) {
    for (i, s) in stated.iter().enumerate() {
        if let Repr::Opaque(name) = &s.repr
            && name.value().is_empty()
        {
            errors.error(name, "an opaque type needs a non-empty name: it is part of the type literal");
        }
        if i > 0 {
            errors.error(&s.key, "the wire shape is already stated: use one of `as` or `opaque`, once");
        }
    }
}

/// `#[wire(c_enum)]` and `#[wire(trivial)]` against the item.
fn cpp(input: &Input, errors: &Errors) {
    let attrs = &input.attrs;
    if let (Some(c_enum), Some(_)) = (&attrs.c_enum, &attrs.trivial) {
        errors.error(c_enum, "`c_enum` and `trivial` exclude each other: one is for enums, the other for structs");
        return;
    }
    let generics = (!input.generics.params.is_empty()).then_some(&input.generics.params);
    if let Some(c_enum) = &attrs.c_enum {
        match &input.data {
            Data::Struct(..) | Data::Union(_) => {
                errors.error(c_enum, "`c_enum` is for C-like enums; on a struct, see `trivial`")
            }
            Data::Enum(variants) => {
                for v in variants.iter().filter(|v| v.style != Style::Unit) {
                    errors.error(
                        v.fields[0].ty,
                        "a `#[wire(c_enum)]` enum is carried as its integer: its variants cannot have fields",
                    );
                }
                if attrs.int_repr.is_none() {
                    errors.error(
                        c_enum,
                        "`#[wire(c_enum)]` needs `#[repr(i32)]` (or another integer: i8, u8, i16, u16, u32, \
                         i64, u64) to say which integer goes on the wire, as the C++ enum's underlying type",
                    );
                }
            }
        }
        if let Some(params) = generics {
            errors.error(params, "a `#[wire(c_enum)]` enum cannot be generic");
        }
    }
    if let Some(trivial) = &attrs.trivial {
        match &input.data {
            Data::Enum(_) | Data::Union(_) => {
                errors.error(trivial, "`trivial` is for structs; a C-like enum is `c_enum`")
            }
            Data::Struct(Style::Unit, _) => errors.error(
                trivial,
                "a `#[wire(trivial)]` struct needs at least one field: C++ has no empty trivially copyable struct \
                 on the wire",
            ),
            Data::Struct(_, fields) => {
                if let Some(f) = fields.iter().find(|f| f.attrs.skip) {
                    errors.error(f.ty, "a `#[wire(trivial)]` struct is copied whole: no field can be skipped");
                }
            }
        }
        if attrs.transparent {
            errors.error(trivial, "`trivial` and `#[serde(transparent)]` exclude each other");
        }
        if let Some(params) = generics {
            errors.error(params, "a `#[wire(trivial)]` struct cannot be generic");
        }
    }
    if (attrs.c_enum.is_some() || attrs.trivial.is_some())
        && let Some(repr) = attrs.repr()
    {
        let at = match repr {
            Repr::As(ty) => ty.span(),
            Repr::Opaque(name) => name.span(),
        };
        errors.push(syn::Error::new(at, "`as`/`opaque` state another shape; they exclude `c_enum` and `trivial`"));
    }
}

/// `#[serde(transparent)]` on a struct whose shape is not stated otherwise:
/// exactly one field on the wire, which serde writes in place of the struct.
fn transparent(input: &Input, errors: &Errors) {
    let Data::Struct(_, fields) = &input.data else { return };
    if !input.attrs.transparent || input.attrs.repr().is_some() {
        return;
    }
    let mut on_wire = fields.iter().filter(|f| !f.attrs.skip);
    match (on_wire.next(), on_wire.next()) {
        (Some(_), None) => {}
        (None, _) => errors.error(
            input.ident,
            "`#[serde(transparent)]` needs exactly one field that is not skipped, and this struct has \
             none: serde writes a transparent struct as that one field",
        ),
        (Some(_), Some(second)) => {
            // Point at the first field too many: the name, or the type of a tuple field.
            let at: &dyn quote::ToTokens = match &second.member {
                Member::Named(ident) => ident,
                Member::Unnamed(_) => second.ty,
            };
            errors.error(
                at,
                "`#[serde(transparent)]` needs exactly one field that is not skipped, and this is a second \
                 one: serde writes a transparent struct as that one field; mark the others \
                 `#[serde(skip)]` or remove `transparent`",
            );
        }
    }
}

//! The two C++ shapes that need an explicit opt-in: `#[wire(c_enum)]` (a
//! C-like enum carried as its integer, as C++ enums are) and
//! `#[wire(trivial)]` (a struct C++ would memcpy: C layout on the wire and
//! its alignment in the literal).

use super::ast::{Data, Input, Style};
use crate::attr::INT_REPRS;
use crate::errors::Errors;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

/// Checks `#[wire(c_enum)]` and `#[wire(trivial)]` against the item.
pub fn check(input: &Input, errors: &Errors) {
    let attrs = &input.attrs;
    if let (Some(c_enum), Some(_)) = (&attrs.c_enum, &attrs.trivial) {
        errors.error(c_enum, "`c_enum` and `trivial` exclude each other: one is for enums, the other for structs");
        return;
    }
    let generics = (!input.generics.params.is_empty()).then_some(&input.generics.params);
    if let Some(c_enum) = &attrs.c_enum {
        match &input.data {
            Data::Struct(..) => errors.error(c_enum, "`c_enum` is for C-like enums; on a struct, see `trivial`"),
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
            Data::Enum(_) => errors.error(trivial, "`trivial` is for structs; a C-like enum is `c_enum`"),
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
        if input.attrs.transparent {
            errors.error(trivial, "`trivial` and `#[serde(transparent)]` exclude each other");
        }
        if let Some(params) = generics {
            errors.error(params, "a `#[wire(trivial)]` struct cannot be generic");
        }
    }
    if (attrs.c_enum.is_some() || attrs.trivial.is_some())
        && let Some(repr) = &attrs.repr
    {
        let at = match repr {
            crate::attr::Repr::As(ty) => ty.span(),
            crate::attr::Repr::Opaque(name) => name.span(),
        };
        errors.push(syn::Error::new(at, "`as`/`opaque` state another shape; they exclude `c_enum` and `trivial`"));
    }
}

/// `Schema::CEnum` of a C-like enum, and its serde impls (the integer).
pub fn c_enum(input: &Input) -> TokenStream {
    let ident = input.ident;
    let Data::Enum(variants) = &input.data else { unreachable!("checked") };
    let int = input.attrs.int_repr.as_ref().expect("checked");
    let prim = INT_REPRS.iter().find(|(name, _)| int == name).map(|(_, p)| format_ident!("{p}")).expect("checked");
    let name = input.attrs.rename.clone().unwrap_or_else(|| ident.to_string());
    let path = format!("::{ident}");
    let idents: Vec<&syn::Ident> = variants.iter().map(|v| v.ident).collect();
    let names: Vec<String> = variants.iter().map(|v| v.ident.to_string()).collect();
    let expecting = format!("a value of the C-like enum `{ident}` ({int})");
    let deserialize = format_ident!("deserialize_{int}");
    let visit = format_ident!("visit_{int}");
    let serialize = format_ident!("serialize_{int}");
    quote! {
        const _: () = {
            static __WIRE_DEF: ::wire_core::CEnumDef = ::wire_core::CEnumDef {
                name: #name,
                path: ::core::concat!(::core::module_path!(), #path),
                repr: ::wire_core::Prim::#prim,
                variants: &[#(::wire_core::CVariant { name: #names, value: #ident::#idents as i64 }),*],
            };
            #[automatically_derived]
            impl ::wire_core::Wire for #ident {
                const SCHEMA: &'static ::wire_core::Schema =
                    &::wire_core::Schema::CEnum(::wire_core::DefRef::new(&__WIRE_DEF));
            }
            #[automatically_derived]
            impl ::wire_core::__private::serde::Serialize for #ident {
                fn serialize<S: ::wire_core::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                    s.#serialize(match self { #(Self::#idents => Self::#idents as #int,)* })
                }
            }
            #[automatically_derived]
            impl<'de> ::wire_core::__private::serde::Deserialize<'de> for #ident {
                fn deserialize<D: ::wire_core::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                    struct __Visitor;
                    impl<'de> ::wire_core::__private::serde::de::Visitor<'de> for __Visitor {
                        type Value = #ident;
                        fn expecting(&self, f: &mut ::core::fmt::Formatter) -> ::core::fmt::Result {
                            f.write_str(#expecting)
                        }
                        fn #visit<E: ::wire_core::__private::serde::de::Error>(self, v: #int) -> ::core::result::Result<#ident, E> {
                            #(if v == #ident::#idents as #int { return ::core::result::Result::Ok(#ident::#idents); })*
                            ::core::result::Result::Err(E::invalid_value(
                                ::wire_core::__private::serde::de::Unexpected::Signed(v as i64),
                                &self,
                            ))
                        }
                    }
                    d.#deserialize(__Visitor)
                }
            }
        };
    }
}

/// For each field of a `#[wire(trivial)]` struct, a compile-time check that
/// it is trivially copyable, pointing at the field's type.
pub fn trivial_fields(input: &Input) -> TokenStream {
    let (Some(_), Data::Struct(_, fields)) = (&input.attrs.trivial, &input.data) else {
        return TokenStream::new();
    };
    let checks = fields.iter().map(|f| {
        let ty = f.ty;
        quote_spanned! {ty.span()=>
            const _: () = ::core::assert!(
                <#ty as ::wire_core::Wire>::SCHEMA.c_layout().is_some(),
                "a field of a #[wire(trivial)] struct must be trivially copyable: a number, a \
                 #[wire(c_enum)] enum, an array of them or a #[wire(trivial)] struct"
            );
        }
    });
    quote!(#(#checks)*)
}

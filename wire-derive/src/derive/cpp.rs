//! The two C++ shapes that need an explicit opt-in: `#[wire(c_enum)]` (a
//! C-like enum carried as its integer, as C++ enums are) and
//! `#[wire(trivial)]` (a struct C++ would memcpy: C layout on the wire and
//! its alignment in the literal).

use super::ast::{Data, Input};
use crate::attr::INT_REPRS;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

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

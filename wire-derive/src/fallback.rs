//! What the macros still emit when they report an error, so that the one
//! real error is all the user sees: the item keeps existing, and uses of it
//! elsewhere do not cascade into `cannot find trait` or `does not implement
//! Wire` errors.

use proc_macro2::TokenStream;
use quote::quote;

/// `impl Wire for T` with an opaque schema named after the type: for a
/// derive that reported an error. Never compiled into a binary (the crate
/// has the error), it only keeps the rest of the crate type-checking.
pub fn wire_impl(input: &syn::DeriveInput) -> TokenStream {
    let ident = &input.ident;
    let name = ident.to_string();
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics ::wire_core::Wire for #ident #ty_generics #where_clause {
            const SCHEMA: &'static ::wire_core::Schema = &::wire_core::Schema::Opaque(#name);
        }
    }
}

/// The trait as written (its `#[wire(...)]` attributes removed) and a
/// `<Trait>Rpc` with the service name and no handler: for a `#[wire_rpc]`
/// trait that reported an error.
pub fn rpc_trait(item: &syn::ItemTrait, service: &str) -> TokenStream {
    let vis = &item.vis;
    let rpc = quote::format_ident!("{}Rpc", item.ident);
    quote! {
        #item

        /// Written by `#[wire_rpc]` in place of the handlers, because of the error it reported.
        #[allow(dead_code)]
        #vis struct #rpc;

        #[allow(dead_code)]
        impl #rpc {
            /// The service name.
            pub const SERVICE: &'static str = #service;
            /// No handler: see the error `#[wire_rpc]` reported.
            pub const HANDLERS: &'static [&'static ::wire_core::Handler] = &[];
        }
    }
}

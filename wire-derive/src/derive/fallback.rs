//! What the derive still emits when it reports an error, so that the one
//! real error is all the user sees: uses of the type elsewhere do not
//! cascade into `does not implement Wire` errors.

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

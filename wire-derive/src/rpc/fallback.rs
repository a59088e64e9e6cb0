//! What `#[wire_rpc]` still emits when it reports an error, so that the one
//! real error is all the user sees: the trait keeps existing, and uses of
//! it elsewhere do not cascade into `cannot find trait` errors.

use super::ast::Service;
use super::expand::send_futures;
use proc_macro2::TokenStream;
use quote::quote;

/// The trait as written (its `#[wire(...)]` attributes removed) and a
/// `<Trait>Rpc` with the service name and no handler: for a `#[wire_rpc]`
/// trait that reported an error.
pub fn rpc_trait(service: &Service) -> TokenStream {
    let item = send_futures(service.item.clone());
    let (vis, rpc, name) = (&item.vis, &service.rpc, &service.name);
    quote! {
        #item

        /// Written by `#[wire_rpc]` in place of the handlers, because of the error it reported.
        #[allow(dead_code)]
        #vis struct #rpc;

        #[allow(dead_code)]
        impl #rpc {
            /// The service name.
            pub const SERVICE: &'static str = #name;
            /// No handler: see the error `#[wire_rpc]` reported.
            pub const HANDLERS: &'static [&'static ::wire_core::Handler] = &[];
        }
    }
}

//! `#[wire_rpc]`'s code, from a checked service: the trait (its `async fn`s
//! made `Send`), `<Trait>Rpc` with one const `wire_core::Handler` per method
//! ([`rpc_consts`]) and their registration, a server ([`server`]) and a
//! client ([`client`]), and the pieces of a `#[wire(since)]` level they share.

mod client;
mod rpc_consts;
mod server;

use super::ast::{Level, Service};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

pub fn expand(service: &Service) -> TokenStream {
    let item = send_futures(service.item.clone());
    let rpc = &service.rpc;
    let server = service.has_server().then(|| server::server(service));
    let client = (!service.args.codes_only).then(|| client::client(service));
    let consts = rpc_consts::rpc_consts(service, server.is_some() || client.is_some());
    // Each `#[wire(since)]` type must have a default. A server checks that
    // where it defaults the parameter; without one, a const does.
    let since_checks = (server.is_none()).then(|| rpc_consts::since_defaults(service));
    quote! {
        #item

        #consts

        #since_checks

        // One registration for the whole trait (see `HandlerSet`).
        ::wire_core::__private::inventory::submit! { ::wire_core::__private::HandlerSet(#rpc::HANDLERS) }

        #server
        #client
    }
}

/// `async fn m(..) -> R` becomes `fn m(..) -> impl Future<Output = R> + Send`
/// (what `trait_variant` does), so a server can run handlers on a
/// multi-threaded runtime; implementations still write `async fn`.
pub fn send_futures(mut item: syn::ItemTrait) -> syn::ItemTrait {
    for trait_item in &mut item.items {
        let syn::TraitItem::Fn(f) = trait_item else { continue };
        let Some(async_token) = f.sig.asyncness.take() else { continue };
        let span = async_token.span;
        let output = match &f.sig.output {
            syn::ReturnType::Default => quote_spanned!(span=> ()),
            syn::ReturnType::Type(_, ty) => quote!(#ty),
        };
        f.sig.output = syn::parse_quote_spanned! {span=>
            -> impl ::core::future::Future<Output = #output> + ::core::marker::Send
        };
        if let Some(block) = f.default.take() {
            f.default = Some(syn::parse_quote_spanned!(span=> { async move #block }));
        }
    }
    item
}

/// The `#[cfg]` under which a level exists: while any of its parameters
/// does (none when one of them is unconditional).
fn level_cfg(level: &Level) -> Option<TokenStream> {
    if level.args.iter().any(|a| a.cfgs.is_empty()) {
        return None;
    }
    let each = level.args.iter().map(|a| {
        let preds = a.cfgs.iter().map(|c| match &c.meta {
            syn::Meta::List(list) => list.tokens.clone(),
            other => quote!(#other),
        });
        quote!(all(#(#preds),*))
    });
    Some(quote!(#[cfg(any(#(#each),*))]))
}

/// `__ExtN`, the type of level N's value.
fn level_ident(level: &Level) -> syn::Ident {
    format_ident!("__Ext{}", level.since)
}

/// `struct __ExtN { params }`, the level's parameters as one value: serde's
/// codecs encode a struct like the tuple of its fields, and unlike a tuple
/// type, a struct can leave out a `#[cfg]`'d parameter.
fn level_struct(level: &Level, derive: TokenStream) -> TokenStream {
    let ident = level_ident(level);
    let cfg = level_cfg(level);
    let fields = level.args.iter().map(|a| {
        let (cfgs, name, ty) = (&a.cfgs, &a.ident, &a.ty);
        quote!(#(#cfgs)* #name: #ty)
    });
    quote! {
        #cfg
        #[derive(#derive)]
        #[serde(crate = "::wire_core::__private::serde")]
        struct #ident { #(#fields),* }
    }
}

/// `__ExtN { a, b }`: the level's value (or pattern) from its parameters.
fn level_value(level: &Level) -> TokenStream {
    let ident = level_ident(level);
    let names = level.args.iter().map(|a| {
        let (cfgs, name) = (&a.cfgs, &a.ident);
        quote!(#(#cfgs)* #name)
    });
    quote!(#ident { #(#names),* })
}

//! `<Trait>Server<S>`: dispatches a checked request to `S: Trait`.
//!
//! `call` is a sync `match` on the function id. Each arm holds only what is
//! specific to its method: the method itself, passed to `serve_N` (up to 6
//! plain parameters), or a closure taking the argument tuple and calling
//! it; decoding, encoding and the `async` state machine are `wire_core`'s
//! generic `serve`, compiled once. (One `async` block with a branch per
//! method costs far more to type- and borrow-check, that is superlinear in a
//! body's size; a fn item and a `Deserialize` impl per arm cost more than
//! the closure.)

use super::{level_cfg, level_ident, level_struct, level_value};
use crate::rpc::ast::{Arg, Level, Method, Service};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

pub fn server(service: &Service) -> TokenStream {
    let (vis, trait_ident, rpc, server) = (&service.item.vis, &service.item.ident, &service.rpc, &service.server);
    let arms = service.methods.iter().map(|m| arm(m, trait_ident));
    let doc = format!(
        "Serves a [`{trait_ident}`] implementation: add it to a server with \
         [`Server::add_service`](::wire_core::rpc::Server::add_service). Written by `#[wire_rpc]`."
    );
    quote! {
        #[doc = #doc]
        #vis struct #server<__S>(pub ::std::sync::Arc<__S>);

        impl<__S> #server<__S> {
            /// Serves `service`.
            pub fn new(service: __S) -> Self {
                #server(::std::sync::Arc::new(service))
            }
        }

        impl<__S, __C> ::wire_core::rpc::Service<__C> for #server<__S>
        where
            __S: #trait_ident + ::core::marker::Send + ::core::marker::Sync + 'static,
            __C: ::wire_core::codec::Codec,
        {
            fn handlers(&self) -> &'static [&'static ::wire_core::Handler] {
                #rpc::__handlers()
            }

            fn call<'a>(
                &'a self,
                codec: &'a __C,
                handler: &'static ::wire_core::Handler,
                body: &'a [u8],
                #[allow(unused_variables)] ext: &'a ::wire_core::__private::ExtSection<'a>,
            ) -> ::wire_core::rpc::BoxFuture<'a, ::core::result::Result<::std::vec::Vec<u8>, ::wire_core::rpc::HandlerError>> {
                // Two ids are equal only through an MD5 collision, which
                // `Server::add_service` reports; the first method wins here.
                #[allow(unreachable_patterns)]
                match handler.function_id {
                    #(#arms)*
                    _ => ::wire_core::__private::failed(::wire_core::codec::CodecError::new(
                        <__C as ::wire_core::codec::Codec>::NAME,
                        ::std::format!("`{}` is not a handler of this service", handler.name),
                    )),
                }
            }
        }
    }
}

/// The `match` arm of one method: direct when it can be, else a closure.
fn arm(m: &Method, trait_ident: &syn::Ident) -> TokenStream {
    let (cfgs, id) = (&m.cfgs, &m.function_id);
    let body = direct(m, trait_ident).unwrap_or_else(|| closure(m));
    quote! {
        #(#cfgs)*
        #id => #body
    }
}

/// Plain parameters (no `#[cfg]`, no levels), at most 6: the method itself
/// goes to `serve_N`, which takes the tuple apart; nothing of the arm's own
/// to type-check but the call.
fn direct(m: &Method, trait_ident: &syn::Ident) -> Option<TokenStream> {
    let plain = m.args.iter().all(|a| a.since.is_none() && a.cfgs.is_empty());
    if !plain || m.args.len() > 6 {
        return None;
    }
    let serve = format_ident!("{}{}", serve(m).to_string(), m.args.len());
    let ident = &m.ident;
    Some(quote!(::wire_core::__private::#serve(&*self.0, codec, handler, body, <__S as #trait_ident>::#ident),))
}

/// `serve` or `serve_async`.
fn serve(m: &Method) -> TokenStream {
    if m.is_async { quote!(serve_async) } else { quote!(serve) }
}

/// A closure, not a fn item per method: it is checked with `call`, which
/// costs less than a generic item of its own. The `#[wire(since)]` levels
/// are each decoded into their `__ExtN` before the handler runs (defaulted
/// when the caller did not send them), then taken apart inside the closure.
fn closure(m: &Method) -> TokenStream {
    let base: Vec<&Arg> = m.base_args().collect();
    let (args_item, args_ty, args_pat) = base_args(&base);
    let levels = m.levels();
    let level_items = levels.iter().map(level_items);
    let decode = levels.iter().map(decode_level);
    let unpack = levels.iter().map(|level| {
        let (cfg, pat, value) = (level_cfg(level), level_value(level), format_ident!("__ext{}", level.since));
        quote!(#cfg let #pat = #value;)
    });
    let serve = serve(m);
    let ident = &m.ident;
    let all_names = m.args.iter().map(|a| &a.ident);
    let all_cfgs = m.args.iter().map(|a| &a.cfgs);
    let call = quote!(__service.#ident(#(#(#all_cfgs)* #all_names),*));
    quote! {{
        #args_item
        #(#level_items)*
        #(#decode)*
        ::wire_core::__private::#serve(&*self.0, codec, handler, body, move |__service: &'a __S, #args_pat: #args_ty| {
            #(#unpack)*
            #call
        })
    }}
}

/// How the base arguments are decoded: (an item to declare, the type, the
/// pattern). They arrive as the client's tuple and are decoded as that tuple
/// (serde implements it). With `#[cfg]`'d parameters (no tuple type can drop
/// an element) they are a derived struct, which serde's non-self-describing
/// codecs read like the tuple.
fn base_args(base: &[&Arg]) -> (Option<TokenStream>, TokenStream, TokenStream) {
    let names: Vec<_> = base.iter().map(|a| &a.ident).collect();
    let tys: Vec<_> = base.iter().map(|a| &a.ty).collect();
    let cfgs: Vec<_> = base.iter().map(|a| &a.cfgs).collect();
    if cfgs.iter().all(|c| c.is_empty()) {
        return (None, quote!((#(#tys,)*)), quote!((#(#names,)*)));
    }
    let item = quote! {
        #[derive(::wire_core::__private::serde::Deserialize)]
        #[serde(crate = "::wire_core::__private::serde")]
        struct __Args { #(#(#cfgs)* #names: #tys),* }
    };
    (Some(item), quote!(__Args), quote!(__Args { #(#(#cfgs)* #names),* }))
}

/// `struct __ExtN` and its `Default`: each parameter's default, which a
/// server uses when the caller did not send the level.
fn level_items(level: &Level) -> TokenStream {
    let st = level_struct(level, quote!(::wire_core::__private::serde::Deserialize));
    let (ident, cfg) = (level_ident(level), level_cfg(level));
    let defaults = level.args.iter().map(|a| {
        let (cfgs, name, ty) = (&a.cfgs, &a.ident, &a.ty);
        let default = quote_spanned!(ty.span()=> ::wire_core::__private::since_default::<#ty>());
        quote!(#(#cfgs)* #name: #default)
    });
    quote! {
        #st
        #cfg
        impl ::core::default::Default for #ident {
            fn default() -> Self {
                #ident { #(#defaults),* }
            }
        }
    }
}

/// `let __extN: __ExtN = ...;`: the level decoded from the extension section.
fn decode_level(level: &Level) -> TokenStream {
    let (cfg, since) = (level_cfg(level), level.since);
    let (ident, value) = (level_ident(level), format_ident!("__ext{}", since));
    quote! {
        #cfg
        let #value: #ident = match ::wire_core::__private::decode_level(codec, handler, #since, ext) {
            ::core::result::Result::Ok(value) => value,
            ::core::result::Result::Err(e) => return ::wire_core::__private::failed(e),
        };
    }
}

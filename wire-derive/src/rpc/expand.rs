//! `#[wire_rpc]`: the trait unchanged, plus `<Trait>Rpc` with one const
//! [`Handler`] per method, each submitted to the registry.

use super::ast::{Method, Service};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

pub fn expand(service: &Service) -> TokenStream {
    let item = &send_futures(service.item.clone());
    let vis = &item.vis;
    let trait_ident = &item.ident;
    let rpc = format_ident!("{}Rpc", trait_ident);
    let service_name = &service.name;
    let consts = service.methods.iter().map(|m| handler_const(m, trait_ident));
    let idents: Vec<_> = service.methods.iter().map(|m| &m.ident).collect();
    let doc = format!(
        "Wire descriptors of [`{trait_ident}`]'s handlers: one [`Handler`](::wire_core::Handler) \
         const per method, named after it. Written by `#[wire_rpc]`."
    );
    quote! {
        #item

        #[doc = #doc]
        #[derive(Clone, Copy, Debug)]
        #vis struct #rpc;

        #[allow(non_upper_case_globals)]
        impl #rpc {
            /// The service name.
            pub const SERVICE: &'static str = #service_name;
            #(#consts)*
            /// Every handler of the service, in declaration order.
            pub const HANDLERS: &'static [&'static ::wire_core::Handler] = &[#(&Self::#idents),*];
        }

        const _: () = {
            #(::wire_core::__private::inventory::submit! { #rpc::#idents })*
        };
    }
}

fn handler_const(m: &Method, trait_ident: &syn::Ident) -> TokenStream {
    let ident = &m.ident;
    let method = ident.to_string().trim_start_matches("r#").to_owned();
    let wire_name = &m.wire_name;
    let args = m.args.iter().map(|a| {
        let name = &a.name;
        let ty = &a.ty;
        let schema = quote_spanned!(ty.span()=> <#ty as ::wire_core::Wire>::SCHEMA);
        quote!(::wire_core::Field { name: #name, schema: #schema })
    });
    let returns = match &m.output {
        Some(ty) => quote_spanned!(ty.span()=> <#ty as ::wire_core::Wire>::SCHEMA),
        None => quote!(<() as ::wire_core::Wire>::SCHEMA),
    };
    let is_async = m.is_async;
    let line = if m.line > 0 {
        let line = m.line as u32;
        quote!(#line)
    } else {
        quote_spanned!(ident.span()=> ::core::line!())
    };
    let doc = format!("`{wire_name}`: the wire descriptor of [`{trait_ident}::{method}`].");
    quote! {
        #[doc = #doc]
        pub const #ident: ::wire_core::Handler = ::wire_core::Handler::new(
            Self::SERVICE,
            #method,
            #wire_name,
            &[#(#args),*],
            #returns,
            #is_async,
            ::wire_core::Location {
                krate: ::core::env!("CARGO_PKG_NAME"),
                module: ::core::module_path!(),
                file: ::core::file!(),
                line: #line,
            },
        );
    }
}

/// `async fn m(..) -> R` becomes `fn m(..) -> impl Future<Output = R> + Send`
/// (what `trait_variant` does), so a server can run handlers on a
/// multi-threaded runtime; implementations still write `async fn`.
fn send_futures(mut item: syn::ItemTrait) -> syn::ItemTrait {
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

//! `<Trait>Rpc`: the service name and one const `wire_core::Handler` per
//! method (its codes, schemas, `since` levels and location), all constants.

use super::level_cfg;
use crate::rpc::ast::{Arg, Method, Service};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

/// The struct and its consts; `handlers_fn` adds `__handlers()`, for a
/// generated server or client.
pub fn rpc_consts(service: &Service, handlers_fn: bool) -> TokenStream {
    let (vis, trait_ident, rpc) = (&service.item.vis, &service.item.ident, &service.rpc);
    let service_name = &service.name;
    let consts = service.methods.iter().map(|m| handler_const(m, trait_ident));
    let idents = service.methods.iter().map(|m| &m.ident);
    let method_cfgs = service.methods.iter().map(|m| &m.cfgs);
    let doc = format!(
        "Wire descriptors of [`{trait_ident}`]'s handlers: one [`Handler`](::wire_core::Handler) \
         const per method, named after it. Written by `#[wire_rpc]`."
    );
    let handlers_fn = handlers_fn.then(|| {
        quote! {
            /// [`HANDLERS`](Self::HANDLERS) through a static, for generic code:
            /// a const named in a generic body is evaluated again for that
            /// context (rustc keys const evaluation by it), codes included.
            #[doc(hidden)]
            pub fn __handlers() -> &'static [&'static ::wire_core::Handler] {
                static HANDLERS: &[&::wire_core::Handler] = #rpc::HANDLERS;
                HANDLERS
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Copy, Debug)]
        #vis struct #rpc;

        #[allow(non_upper_case_globals)]
        impl #rpc {
            /// The service name.
            pub const SERVICE: &'static str = #service_name;
            #(#consts)*
            /// Every handler of the service, in declaration order.
            pub const HANDLERS: &'static [&'static ::wire_core::Handler] = &[#(#(#method_cfgs)* &Self::#idents),*];

            #handlers_fn
        }
    }
}

/// For a trait without a server, which would check it where it defaults
/// the parameter: that each `#[wire(since)]` type has a default, once per
/// parameter.
pub fn since_defaults(service: &Service) -> TokenStream {
    let checks = service.methods.iter().flat_map(|m| {
        let method_cfgs = &m.cfgs;
        m.args.iter().filter(|a| a.since.is_some()).map(move |a| {
            let (ty, cfgs) = (&a.ty, &a.cfgs);
            let check = quote_spanned!(ty.span()=> ::wire_core::__private::assert_since_param::<#ty>());
            quote!(#(#method_cfgs)* #(#cfgs)* const _: () = #check;)
        })
    });
    quote!(#(#checks)*)
}

fn handler_const(m: &Method, trait_ident: &syn::Ident) -> TokenStream {
    let (ident, method, wire_name, function_id) = (&m.ident, &m.name, &m.wire_name, &m.function_id);
    let base: Vec<&Arg> = m.base_args().collect();
    let args = fields(&base);
    let (returns, return_code) = match &m.output {
        Some(ty) => (
            quote_spanned!(ty.span()=> <#ty as ::wire_core::Wire>::SCHEMA),
            quote_spanned!(ty.span()=> <#ty as ::wire_core::Wire>::CODE),
        ),
        None => (quote!(<() as ::wire_core::Wire>::SCHEMA), quote!(<() as ::wire_core::Wire>::CODE)),
    };
    let base_code = args_code(&base);
    let ext = m.levels().into_iter().map(|level| {
        let cfg = level_cfg(&level);
        let since = level.since;
        let args = fields(&level.args);
        let code = args_code(&level.args);
        quote!(#cfg ::wire_core::ExtGroup { since: #since, args: &[#(#args),*], code: #code })
    });
    let is_async = m.is_async;
    let line = if m.line > 0 {
        let line = m.line as u32;
        quote!(#line)
    } else {
        quote_spanned!(ident.span()=> ::core::line!())
    };
    let doc = format!("`{wire_name}`: the wire descriptor of [`{trait_ident}::{method}`].");
    let cfgs = &m.cfgs;
    quote! {
        #(#cfgs)*
        #[doc = #doc]
        pub const #ident: ::wire_core::Handler = ::wire_core::Handler {
            service: Self::SERVICE,
            method: #method,
            name: #wire_name,
            function_id: #function_id,
            args_code: #base_code,
            return_code: #return_code,
            args: &[#(#args),*],
            ext: &[#(#ext),*],
            returns: #returns,
            is_async: #is_async,
            location: ::wire_core::Location {
                krate: ::core::env!("CARGO_PKG_NAME"),
                module: ::core::module_path!(),
                file: ::core::file!(),
                line: #line,
            },
        };
    }
}

/// `Field`s of some arguments, each under its parameter's `#[cfg]`s.
fn fields(args: &[&Arg]) -> Vec<TokenStream> {
    args.iter()
        .map(|a| {
            let name = &a.name;
            let ty = &a.ty;
            let cfgs = &a.cfgs;
            let schema = quote_spanned!(ty.span()=> <#ty as ::wire_core::Wire>::SCHEMA);
            quote!(#(#cfgs)* ::wire_core::Field { name: #name, schema: #schema })
        })
        .collect()
}

/// The code of an argument tuple. Codes of single types are the types' own
/// `CODE` consts, which the compiler evaluates once per type however many
/// handlers use them; only tuples of two or more (or with `#[cfg]`'d
/// parameters) are hashed here.
fn args_code(args: &[&Arg]) -> TokenStream {
    match args {
        [] => quote!(::wire_core::EMPTY_ARGS_CODE),
        [one] if one.cfgs.is_empty() => {
            let ty = &one.ty;
            quote_spanned!(ty.span()=> <#ty as ::wire_core::Wire>::CODE)
        }
        _ => {
            let fields = fields(args);
            quote!(::wire_core::args_code(&[#(#fields),*]))
        }
    }
}

//! `<Trait>Client<T>`: typed calls through a transport.
//!
//! Each method returns `wire_core`'s generic call future rather than being
//! an `async fn` of its own (one `async` body per method is what costs at
//! compile time); it is awaited the same way and does nothing until polled.

use super::{level_cfg, level_struct, level_value};
use crate::rpc::ast::{Arg, Method, Service};
use proc_macro2::TokenStream;
use quote::quote;

pub fn client(service: &Service) -> TokenStream {
    let (vis, trait_ident, client, rpc) = (&service.item.vis, &service.item.ident, &service.client, &service.rpc);
    let methods = service.methods.iter().map(|m| method(m, &service.rpc));
    let doc = format!("A typed client of [`{trait_ident}`] over any transport. Written by `#[wire_rpc]`.");
    let connect_doc = format!(
        "Connects to `addr` with the defaults (bincode, a 30 s deadline per call, \
         reconnecting; feature `net` of wire-core): \
         `let client = {client}::connect(\"127.0.0.1:7070\").await?;`. \
         `wire_core::rpc::net::Client::builder()` sets the rest."
    );
    quote! {
        #[doc = #doc]
        #vis struct #client<__T> {
            /// How calls reach the server.
            pub transport: __T,
        }

        #[allow(clippy::too_many_arguments)]
        impl<__T: ::wire_core::rpc::Transport> #client<__T> {
            /// A client over `transport`.
            pub fn new(transport: __T) -> Self {
                #client { transport }
            }

            #(#methods)*
        }

        impl<__T: ::wire_core::rpc::Transport> #client<__T> {
            #[doc = #connect_doc]
            pub async fn connect<__A>(addr: __A) -> ::core::result::Result<Self, ::wire_core::rpc::CallError>
            where
                __T: ::wire_core::rpc::Connect<__A>,
            {
                ::core::result::Result::Ok(#client {
                    transport: <__T as ::wire_core::rpc::Connect<__A>>::connect(addr, #rpc::HANDLERS).await?,
                })
            }
        }

        impl<__T: ::wire_core::rpc::Transport> ::wire_core::rpc::ServiceClient<__T> for #client<__T> {
            const HANDLERS: &'static [&'static ::wire_core::Handler] = #rpc::HANDLERS;

            fn from_transport(transport: __T) -> Self {
                #client { transport }
            }
        }
    }
}

fn method(m: &Method, rpc: &syn::Ident) -> TokenStream {
    let (ident, cfgs, id) = (&m.ident, &m.cfgs, &m.function_id);
    let names = m.args.iter().map(|a| &a.ident);
    let tys = m.args.iter().map(|a| &a.ty);
    let arg_cfgs = m.args.iter().map(|a| &a.cfgs);
    let ret = match &m.output {
        Some(ty) => quote!(#ty),
        None => quote!(()),
    };
    let doc = format!("Calls `{}` on the server.", m.wire_name);
    let call = call(m);
    quote! {
        #(#cfgs)*
        #[doc = #doc]
        pub fn #ident(&self, #(#(#arg_cfgs)* #names: #tys),*)
            -> impl ::core::future::Future<Output = ::core::result::Result<#ret, ::wire_core::rpc::CallError>> + '_
        {
            // Found by id in `__handlers()`, not named as `&#rpc::#ident`
            // (see there): no item per method to compile.
            let __handler = ::wire_core::__private::handler(#rpc::__handlers(), #id);
            #call
        }
    }
}

/// The call: the base arguments as a tuple, and the `#[wire(since)]` levels
/// in the extension section, each as its `__ExtN` (encoded like the tuple of
/// its parameters).
fn call(m: &Method) -> TokenStream {
    let base: Vec<&Arg> = m.base_args().collect();
    let base_names = base.iter().map(|a| &a.ident);
    let base_cfgs = base.iter().map(|a| &a.cfgs);
    let base = quote!((#(#(#base_cfgs)* #base_names,)*));
    let levels = m.levels();
    if levels.is_empty() {
        return quote!(::wire_core::__private::call(&self.transport, __handler, #base));
    }
    let structs = levels.iter().map(|level| level_struct(level, quote!(::wire_core::__private::serde::Serialize)));
    let writes = levels.iter().map(|level| {
        let (cfg, since, value) = (level_cfg(level), level.since, level_value(level));
        quote!(#cfg __ext.level(#since, &#value);)
    });
    quote! {
        #(#structs)*
        let mut __ext = ::wire_core::__private::ExtWriter::new(::wire_core::rpc::Transport::codec(&self.transport), __handler);
        #(#writes)*
        ::wire_core::__private::call_ext(&self.transport, __handler, #base, __ext.finish())
    }
}

//! `#[wire_rpc]`: the trait unchanged, plus `<Trait>Rpc` with one const
//! [`Handler`] per method, each submitted to the registry.

use super::ast::{Arg, Level, Method, Service};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

pub fn expand(service: &Service) -> TokenStream {
    let item = &send_futures(service.item.clone());
    let vis = &item.vis;
    let trait_ident = &item.ident;
    let rpc = &service.rpc;
    let service_name = &service.name;
    let consts = service.methods.iter().map(|m| handler_const(m, trait_ident));
    let idents: Vec<_> = service.methods.iter().map(|m| &m.ident).collect();
    let method_cfgs: Vec<_> = service.methods.iter().map(|m| &m.cfgs).collect();
    // A trait that borrows is `codes_only` (see `check`).
    let server = service.has_server().then(|| server(service));
    let client = (!service.args.codes_only).then(|| client(service));
    // Each `#[wire(since)]` type must have a default. A server checks that
    // where it defaults the parameter; without one, a const does (once, so
    // the user sees one error per parameter).
    let since_checks = service.methods.iter().filter(|_| server.is_none()).flat_map(|m| {
        let method_cfgs = &m.cfgs;
        m.args.iter().filter(|a| a.since.is_some()).map(move |a| {
            let (ty, cfgs) = (&a.ty, &a.cfgs);
            let check = quote_spanned!(ty.span()=> ::wire_core::__private::assert_since_param::<#ty>());
            quote!(#(#method_cfgs)* #(#cfgs)* const _: () = #check;)
        })
    });
    let doc = format!(
        "Wire descriptors of [`{trait_ident}`]'s handlers: one [`Handler`](::wire_core::Handler) \
         const per method, named after it. Written by `#[wire_rpc]`."
    );
    // For the generated server and client only.
    let handlers_fn = (server.is_some() || client.is_some()).then(|| {
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
            pub const HANDLERS: &'static [&'static ::wire_core::Handler] = &[#(#(#method_cfgs)* &Self::#idents),*];

            #handlers_fn
        }

        #(#since_checks)*

        // One registration for the whole trait (see `HandlerSet`).
        ::wire_core::__private::inventory::submit! { ::wire_core::__private::HandlerSet(#rpc::HANDLERS) }

        #server
        #client
    }
}

fn handler_const(m: &Method, trait_ident: &syn::Ident) -> TokenStream {
    let ident = &m.ident;
    let method = &m.name;
    let wire_name = &m.wire_name;
    let base: Vec<&Arg> = m.base_args().collect();
    let args = fields(&base);
    let (returns, return_code) = match &m.output {
        Some(ty) => (
            quote_spanned!(ty.span()=> <#ty as ::wire_core::Wire>::SCHEMA),
            quote_spanned!(ty.span()=> <#ty as ::wire_core::Wire>::CODE),
        ),
        None => (quote!(<() as ::wire_core::Wire>::SCHEMA), quote!(<() as ::wire_core::Wire>::CODE)),
    };
    // Codes of single types are the types' own `CODE` consts, which the
    // compiler evaluates once per type however many handlers use them; only
    // argument tuples of two or more (or with `#[cfg]`'d parameters) are hashed here.
    let base_code = args_code(&base);
    let ext = m.levels().into_iter().map(|level| {
        let cfg = level_cfg(&level);
        let since = level.since;
        let args = fields(&level.args);
        let code = args_code(&level.args);
        quote!(#cfg ::wire_core::ext::ExtGroup { since: #since, args: &[#(#args),*], code: #code })
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
    let function_id = &m.function_id;
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

/// `struct __ExtN { params }`, the level's parameters as one value: serde's
/// codecs encode a struct like the tuple of its fields, and unlike a tuple
/// type, a struct can leave out a `#[cfg]`'d parameter.
fn level_struct(level: &Level, derive: TokenStream) -> TokenStream {
    let ident = format_ident!("__Ext{}", level.since);
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
    let ident = format_ident!("__Ext{}", level.since);
    let names = level.args.iter().map(|a| {
        let (cfgs, name) = (&a.cfgs, &a.ident);
        quote!(#(#cfgs)* #name)
    });
    quote!(#ident { #(#names),* })
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

fn returns(m: &Method) -> TokenStream {
    match &m.output {
        Some(ty) => quote!(#ty),
        None => quote!(()),
    }
}

/// `<Trait>Server<S>`: dispatches a checked request to `S: Trait`.
///
/// `call` is a sync `match` on the function id. Each arm holds only what
/// is specific to its method: the method itself, passed to `serve_N` (up to
/// 6 plain parameters), or a closure taking the argument tuple and calling
/// it; decoding, encoding and the `async` state machine are `wire_core`'s
/// generic [`serve`](wire_core::__private::serve), compiled once. (One `async` block with a branch per method costs far more to
/// type- and borrow-check, that is superlinear in a body's size; a fn item
/// and a `Deserialize` impl per arm cost more than the closure.)
fn server(service: &Service) -> TokenStream {
    let item = &service.item;
    let vis = &item.vis;
    let trait_ident = &item.ident;
    let (rpc, server) = (&service.rpc, &service.server);
    let serde = quote!(::wire_core::__private::serde);
    let arms = service.methods.iter().map(|m| {
        let ident = &m.ident;
        let cfgs = &m.cfgs;
        let id = &m.function_id;
        let base: Vec<&Arg> = m.base_args().collect();
        let names: Vec<_> = base.iter().map(|a| &a.ident).collect();
        let tys: Vec<_> = base.iter().map(|a| &a.ty).collect();
        let arg_cfgs: Vec<_> = base.iter().map(|a| &a.cfgs).collect();
        // The arguments arrive as the client's tuple and are decoded as that
        // tuple (serde implements it). With `#[cfg]`'d parameters (no tuple
        // type can drop an element) they are a derived struct, which serde's
        // non-self-describing codecs read like the tuple.
        let (args_item, args_ty, args_pat) = if arg_cfgs.iter().all(|c| c.is_empty()) {
            (None, quote!((#(#tys,)*)), quote!((#(#names,)*)))
        } else {
            let item = quote! {
                #[derive(#serde::Deserialize)]
                #[serde(crate = "::wire_core::__private::serde")]
                struct __Args { #(#(#arg_cfgs)* #names: #tys),* }
            };
            (Some(item), quote!(__Args), quote!(__Args { #(#(#arg_cfgs)* #names),* }))
        };
        let all_names = m.args.iter().map(|a| &a.ident);
        let all_cfgs = m.args.iter().map(|a| &a.cfgs);
        let call = quote!(__service.#ident(#(#(#all_cfgs)* #all_names),*));
        // `#[wire(since)]` levels: each decoded into its `__ExtN` before the
        // handler runs (defaulted when the caller did not send it), then
        // taken apart inside the closure.
        let levels = m.levels();
        let level_items = levels.iter().map(|level| {
            let st = level_struct(level, quote!(#serde::Deserialize));
            let ident = format_ident!("__Ext{}", level.since);
            let cfg = level_cfg(level);
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
        });
        let decode = levels.iter().map(|level| {
            let (cfg, since) = (level_cfg(level), level.since);
            let (ident, value) = (format_ident!("__Ext{}", since), format_ident!("__ext{}", since));
            quote! {
                #cfg
                let #value: #ident = match ::wire_core::ext::decode_level(codec, #since, ext) {
                    ::core::result::Result::Ok(value) => value,
                    ::core::result::Result::Err(e) => return ::wire_core::__private::failed(e),
                };
            }
        });
        let unpack = levels.iter().map(|level| {
            let (cfg, pat, value) = (level_cfg(level), level_value(level), format_ident!("__ext{}", level.since));
            quote!(#cfg let #pat = #value;)
        });
        let serve = if m.is_async { quote!(serve_async) } else { quote!(serve) };
        // Plain parameters (no `#[cfg]`, no levels), at most 6: the method
        // itself goes to `serve_N`, which takes the tuple apart; nothing of
        // the arm's own to type-check but the call.
        if levels.is_empty() && args_item.is_none() && base.len() == m.args.len() && base.len() <= 6 {
            let serve_n = format_ident!("{}{}", serve.to_string(), base.len());
            return quote! {
                #(#cfgs)*
                #id => ::wire_core::__private::#serve_n(&*self.0, codec, body, <__S as #trait_ident>::#ident),
            };
        }
        // Otherwise a closure, not a fn item per method: it is checked with
        // `call`, which costs less than a generic item of its own.
        let body = quote! {
            #(#decode)*
            ::wire_core::__private::#serve(&*self.0, codec, body, move |__service: &'a __S, #args_pat: #args_ty| {
                #(#unpack)*
                #call
            })
        };
        quote! {
            #(#cfgs)*
            #id => {
                #args_item
                #(#level_items)*
                #body
            }
        }
    });
    let doc = format!(
        "Serves a [`{trait_ident}`] implementation: register it with \
         [`Server::serve`](::wire_core::rpc::Server::serve). Written by `#[wire_rpc]`."
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
                #[allow(unused_variables)] ext: &'a ::wire_core::ext::ExtSection<'a>,
            ) -> ::wire_core::rpc::BoxFuture<'a, ::core::result::Result<::std::vec::Vec<u8>, ::wire_core::codec::CodecError>> {
                // Two ids are equal only through an MD5 collision, which
                // `Server::serve` reports; the first method wins here.
                #[allow(unreachable_patterns)]
                match handler.function_id {
                    #(#arms)*
                    _ => ::std::boxed::Box::pin(::core::future::ready(::core::result::Result::Err(
                        ::wire_core::codec::CodecError {
                            codec: <__C as ::wire_core::codec::Codec>::NAME,
                            message: ::std::format!("`{}` is not a handler of this service", handler.name),
                        },
                    ))),
                }
            }
        }
    }
}

/// `<Trait>Client<T>`: typed calls through a transport.
///
/// Each method returns `wire_core`'s generic call future rather than being
/// an `async fn` of its own (one `async` body per method is what costs at
/// compile time); it is awaited the same way and does nothing until polled.
fn client(service: &Service) -> TokenStream {
    let item = &service.item;
    let vis = &item.vis;
    let trait_ident = &item.ident;
    let (rpc, client) = (&service.rpc, &service.client);
    let serde = quote!(::wire_core::__private::serde);
    let methods = service.methods.iter().map(|m| {
        let ident = &m.ident;
        let cfgs = &m.cfgs;
        let id = &m.function_id;
        let names: Vec<_> = m.args.iter().map(|a| &a.ident).collect();
        let tys: Vec<_> = m.args.iter().map(|a| &a.ty).collect();
        let arg_cfgs: Vec<_> = m.args.iter().map(|a| &a.cfgs).collect();
        let ret = returns(m);
        let doc = format!("Calls `{}` on the server.", m.wire_name);
        let base: Vec<&Arg> = m.base_args().collect();
        let base_names = base.iter().map(|a| &a.ident);
        let base_cfgs = base.iter().map(|a| &a.cfgs);
        let base = quote!((#(#(#base_cfgs)* #base_names,)*));
        let levels = m.levels();
        let call = if levels.is_empty() {
            quote!(::wire_core::__private::call(&self.transport, __handler, #base))
        } else {
            // The `#[wire(since)]` levels go to the extension section, each as
            // its `__ExtN` (encoded like the tuple of its parameters).
            let structs = levels.iter().map(|level| level_struct(level, quote!(#serde::Serialize)));
            let writes = levels.iter().map(|level| {
                let (cfg, since, value) = (level_cfg(level), level.since, level_value(level));
                quote!(#cfg __ext.level(#since, &#value);)
            });
            quote! {
                #(#structs)*
                let mut __ext = ::wire_core::ext::ExtWriter::new(::wire_core::rpc::Transport::codec(&self.transport), __handler);
                #(#writes)*
                ::wire_core::__private::call_ext(&self.transport, __handler, #base, __ext.finish())
            }
        };
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
    });
    let doc = format!("A typed client of [`{trait_ident}`] over any transport. Written by `#[wire_rpc]`.");
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
    }
}

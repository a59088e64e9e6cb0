//! Procedural macros of `wire-core`: `#[derive(Wire)]` and `#[wire_rpc]`.
//!
//! Use them through `wire_core`, which re-exports both; the generated code
//! names `::wire_core` by absolute path.

#![deny(missing_docs)]

mod ast;
mod attr;
mod case;
mod errors;
mod expand;
mod md5;
mod rpc;
mod types;

use proc_macro::TokenStream;

/// Derives `wire_core::Wire`: the const schema tree of a struct or enum,
/// mirroring what serde's derive puts on the wire.
///
/// Honours serde's `skip`, `rename`, `rename_all`, `rename_all_fields`,
/// `default`, `alias` and `transparent`; rejects the attributes that a
/// non-self-describing codec cannot carry (`skip_serializing_if`, `flatten`,
/// `tag`, `content`, `untagged`); `with`/`serialize_with`/`deserialize_with`
/// need `#[wire(as = Type)]` or `#[wire(opaque = "Name")]`.
#[proc_macro_derive(Wire, attributes(wire, serde))]
pub fn derive_wire(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).unwrap_or_else(syn::Error::into_compile_error).into()
}

/// Computes every method's function id and codes and registers the handlers.
///
/// Generates `<Trait>Rpc` with one `wire_core::Handler` const per method
/// (named after the method) and submits each to the registry. Name the service
/// or a method with `#[wire(name = "...")]` placed after `#[wire_rpc]`.
#[proc_macro_attribute]
pub fn wire_rpc(args: TokenStream, input: TokenStream) -> TokenStream {
    rpc::wire_rpc(args.into(), input.into()).unwrap_or_else(syn::Error::into_compile_error).into()
}

//! Procedural macros of `wire-core`: `#[derive(Wire)]` and `#[wire_rpc]`.
//!
//! Use them through `wire_core`, which re-exports both; the generated code
//! names `::wire_core` by absolute path.

mod ast;
mod attr;
mod case;
mod errors;
mod expand;
mod fallback;
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
///
/// On an error, the type still gets a (placeholder) `Wire` impl, so its uses
/// do not add `does not implement Wire` errors of their own.
#[proc_macro_derive(Wire, attributes(wire, serde))]
pub fn derive_wire(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    match expand::derive(&input) {
        Ok(tokens) => tokens.into(),
        // The error, and an impl that keeps uses of the type from cascading.
        Err(e) => {
            let mut tokens = e.into_compile_error();
            tokens.extend(fallback::wire_impl(&input));
            tokens.into()
        }
    }
}

/// Computes every method's function id and codes and registers the handlers.
///
/// Generates `<Trait>Rpc` with one `wire_core::Handler` const per method
/// (named after the method) and submits each to the registry. Name the service
/// or a method with `#[wire(name = "...")]` placed after `#[wire_rpc]`.
///
/// Also generates `<Trait>Server` and `<Trait>Client`, except with
/// `#[wire_rpc(codes_only)]`. Borrowed argument or return types (`&str`,
/// `Cow<'a, str>`) have codes but cannot be decoded into, so only a
/// `codes_only` trait may have them; elsewhere they are an error that names
/// the owned type with the same code (`String`).
///
/// On an error, the trait is still emitted as written, so its uses do not
/// add errors of their own.
#[proc_macro_attribute]
pub fn wire_rpc(args: TokenStream, input: TokenStream) -> TokenStream {
    rpc::wire_rpc(args.into(), input.into()).into()
}

//! Procedural macros of `wire-core`: `#[derive(Wire)]` and `#[wire_rpc]`.
//!
//! Use them through `wire_core`, which re-exports both; the generated code
//! names `::wire_core` by absolute path.
//!
//! # How the macros are built
//!
//! Each macro is one pipeline, as in `serde_derive` and `thiserror-impl`:
//!
//! 1. **parse**: `syn` parses the input;
//! 2. **ast**: a small model of it, its attributes read once, in `attr.rs`.
//!    Reading never fails: what cannot be read is kept as a problem;
//! 3. **check**: every rule, every error collected (problems included) in
//!    source order, in one collector that panics if dropped unchecked;
//! 4. **expand**: generation only, from a checked model. On an error the
//!    fallback still emits the item, so the user sees the real error and no
//!    cascade.
//!
//! ```text
//! src/
//!   lib.rs           the two entry points
//!   attr.rs          every attribute read: serde's, #[repr], #[wire(..)], #[wire_rpc(..)]
//!   errors.rs        the error collector
//!   case.rs          serde's rename_all rules
//!   md5.rs           md5_32, for function ids
//!   derive/          #[derive(Wire)]
//!     mod.rs           the pipeline
//!     ast.rs           the input: container, variants, fields
//!     check.rs         refused serde keys, c_enum and trivial, transparent
//!     expand.rs        the const schema tree and the Wire impl
//!     cpp.rs           the c_enum impls and the trivial field checks
//!     types.rs         Self and recursion in field types, Wire bounds
//!     fallback.rs      the placeholder impl emitted with an error
//!   rpc/             #[wire_rpc]
//!     mod.rs           the pipeline
//!     ast.rs           the service and its methods, every name computed once
//!     check.rs         names, since levels, receivers, generics, argument types
//!     expand/          mod.rs: the assembly and since levels; rpc_consts.rs:
//!                      <Trait>Rpc and its Handler consts; server.rs; client.rs
//!     fallback.rs      the trait emitted with an error
//! ```

#![deny(missing_docs)]

mod attr;
mod case;
mod derive;
mod errors;
mod md5;
mod rpc;

use proc_macro::TokenStream;

/// Derives `wire_core::Wire`: the const schema tree of a struct or enum,
/// mirroring what serde's derive puts on the wire, from which the type's
/// struct_pack literal and type-code are computed.
///
/// Re-exported as `wire_core::Wire`, where an example shows it in use.
///
/// - Structs with named fields, tuple structs, unit structs, newtype structs
///   (transparent: the inner type's literal) and enums of every variant kind;
///   generic types, where each type parameter gets a `Wire` bound unless it
///   only appears in `PhantomData`; direct self-recursion.
/// - serde attributes: `skip` (or `skip_serializing` + `skip_deserializing`)
///   removes a field from the literal; `rename`, `rename_all`,
///   `rename_all_fields`, `alias` and `default` change names only;
///   `transparent` makes the struct its one field's literal.
/// - Rejected with a compile error on the attribute: `skip_serializing_if`,
///   `flatten`, `tag`, `content`, `untagged`, one-sided `skip_serializing` /
///   `skip_deserializing`, `skip` on a variant (a non-self-describing codec
///   would lose or misread bytes).
/// - `with`, `serialize_with`, `deserialize_with` on a field, and `from`,
///   `into`, `try_from` on the container, need the shape stated:
///   `#[wire(as = Type)]` (the literal of `Type`) or
///   `#[wire(opaque = "Name")]` (`F9` + the name + `FF`).
/// - `#[wire(opaque = "Name")]` on the type itself describes a hand-written
///   `Serialize`.
///
/// On an error, the type still gets a (placeholder) `Wire` impl, so its uses
/// do not add `does not implement Wire` errors of their own.
#[proc_macro_derive(Wire, attributes(wire, serde))]
pub fn derive_wire(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    derive::derive(&input).into()
}

/// Turns a trait of handlers into a wire service: computes every method's
/// function id and type-codes at compile time, registers the handlers, and
/// writes a server and a client.
///
/// Re-exported as `wire_core::wire_rpc`, where a compiled example shows it
/// in use; the generated code names `::wire_core` by absolute path.
///
/// # What it generates
///
/// For `#[wire_rpc] pub trait Store { fn get(&self, key: String) -> Option<Vec<u8>>; }`:
///
/// - **The trait**, with the `#[wire(...)]` attributes removed, and every
///   `async fn m(..) -> T` rewritten to `fn m(..) -> impl Future<Output = T> + Send`
///   so a server can run it on a multi-threaded runtime (implementations
///   still write `async fn`).
/// - **`StoreRpc`**, a unit struct (same visibility as the trait) with
///   associated consts:
///   - one `wire_core::Handler` per method, named after the method
///     (`StoreRpc::get`): service, method and wire name, `function_id`,
///     `args_code`, `return_code`, the argument names and schemas, the return
///     schema, the `#[wire(since)]` levels (`ext`), `is_async`, and the
///     defining crate, module, file and line. All are constants;
///   - `SERVICE: &str`: the service name;
///   - `HANDLERS: &[&Handler]`: every handler, in declaration order.
/// - **A registration** of `HANDLERS` in the process-wide registry
///   (through `inventory`), read by `wire_core::Contract::current()`, the
///   `wire-golden` gate and `ServiceReady::current()`.
/// - **`StoreServer<S>`**, a tuple struct over `Arc<S>` (`StoreServer::new(s)`),
///   implementing `wire_core::rpc::Service<C>` for every
///   `S: Store + Send + Sync + 'static` and every codec `C`: add it to a server
///   with `wire_core::rpc::Server::add_service`. Each call's arguments are decoded (its
///   `since` parameters from the extension section, defaulted when not
///   sent), the method runs (sync or `async`), the result is encoded.
/// - **`StoreClient<T>`** (`StoreClient::new(transport)`, public field
///   `transport`) over any `wire_core::rpc::Transport`: one method per
///   handler, with the handler's parameters, returning a future of
///   `Result<R, wire_core::rpc::CallError>`. `since` parameters travel in the
///   extension section. It implements `wire_core::rpc::ServiceClient`, so
///   `wire_core::rpc::net::Client::builder().connect_service::<StoreClient<_>>(addr)`
///   connects one in a line.
///
/// No server is generated when a method takes `&mut self`. Borrowed argument
/// or return types (`&str`, `Cow<'a, str>`) have codes but cannot be decoded
/// into, so only a `codes_only` trait may have them; elsewhere they are an
/// error that names the owned type with the same code (`String`).
///
/// On an error, the trait is still emitted as written, so its uses do not
/// add errors of their own.
///
/// # Options
///
/// - `#[wire_rpc(codes_only)]`: the trait, `<Trait>Rpc` and the registration
///   only, no server and no client, so argument and return types need `Wire`
///   but no serde impls (for a contract-only crate, or a peer's handlers).
/// - `#[wire(name = "Service")]` on the trait, after `#[wire_rpc]`: the
///   service name in every default wire name (default: the trait's name).
/// - `#[wire(name = "ns::Class::Method")]` on a method: its whole wire name,
///   hence its function id (default: `"Service::method"`); keeps an id across
///   a Rust rename, or matches a C++ peer.
/// - `#[wire(since = N)]` on a parameter, N ≥ 1: a parameter added in release
///   N. It stays out of the args code and travels in the call's extension
///   section, so peers built before and after it keep calling each other. Its
///   type must be `Option<T>` or `T: Default` (what a server uses when an
///   older client did not send it); `since` parameters come after every base
///   parameter, in non-decreasing levels.
/// - `#[cfg(...)]` on methods and parameters applies to everything generated
///   for them.
///
/// # Codes
///
/// The function id is `md5_32(wire name)`. The args code is the type-code of
/// the base argument tuple (no argument: the empty literal; one: that
/// argument's literal; more: `FD`, each literal, `FF`), the return code that
/// of the return type (the future's output for `async fn`; `()` when
/// omitted), each `since` level's code that of its parameters' tuple.
///
/// # Errors
///
/// Compile errors point at the offending tokens: a method without `&self` or
/// `&mut self`, a generic method or trait, `impl Trait` or `Self` in an
/// argument or return type, an argument type without `Wire` (the error names
/// the type), two methods with one wire name, a malformed or misplaced
/// `#[wire(...)]`.
#[proc_macro_attribute]
pub fn wire_rpc(args: TokenStream, input: TokenStream) -> TokenStream {
    rpc::wire_rpc(args.into(), input.into()).into()
}

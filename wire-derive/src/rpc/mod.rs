//! `#[wire_rpc]` on a handler trait: [`attr`](crate::attr) reads
//! `#[wire_rpc(...)]`, [`ast`] the trait into a service and its methods,
//! [`check`] applies every rule, [`expand`] writes the code, or on an error
//! [`fallback`] keeps the trait.

mod ast;
mod check;
mod expand;
mod fallback;

use crate::attr::RpcArgs;
use proc_macro2::TokenStream;

/// The expansion, or every error found together with the item as written
/// (see [`fallback`]), never the errors alone.
pub fn wire_rpc(args: TokenStream, input: TokenStream) -> TokenStream {
    let args = RpcArgs::parse(args);
    let item: syn::ItemTrait = match syn::parse2(input.clone()) {
        Ok(item) => item,
        Err(e) => {
            // Not a trait: the item as it was, so its uses still resolve.
            let mut tokens = check::not_a_trait(&args, &e).into_compile_error();
            tokens.extend(input);
            return tokens;
        }
    };
    let service = ast::Service::from_syn(item, args);
    match check::check(&service) {
        Ok(()) => expand::expand(&service),
        Err(e) => {
            let mut tokens = e.into_compile_error();
            tokens.extend(fallback::rpc_trait(&service));
            tokens
        }
    }
}

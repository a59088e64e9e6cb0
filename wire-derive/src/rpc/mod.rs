//! `#[wire_rpc]` on a handler trait.

mod ast;
mod expand;

use crate::errors::Errors;
use proc_macro2::TokenStream;

pub fn wire_rpc(args: TokenStream, input: TokenStream) -> syn::Result<TokenStream> {
    if !args.is_empty() {
        return Err(syn::Error::new_spanned(
            args,
            "#[wire_rpc] takes no arguments; name the service with #[wire(name = \"...\")] on the trait",
        ));
    }
    let item: syn::ItemTrait = syn::parse2(input).map_err(|e| {
        syn::Error::new(
            e.span(),
            "#[wire_rpc] applies to a trait of handlers (`trait Service { fn m(&self, ...) -> R; }`)",
        )
    })?;
    let errors = Errors::default();
    let service = ast::Service::from_syn(item, &errors);
    errors.check()?;
    Ok(expand::expand(&service))
}

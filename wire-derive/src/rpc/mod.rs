//! `#[wire_rpc]` on a handler trait.

mod ast;
mod expand;

use crate::errors::Errors;
use proc_macro2::TokenStream;

pub fn wire_rpc(args: TokenStream, input: TokenStream) -> syn::Result<TokenStream> {
    let mut codes_only = false;
    if !args.is_empty() {
        let parser = syn::meta::parser(|meta| {
            if meta.path.is_ident("codes_only") {
                codes_only = true;
                Ok(())
            } else {
                Err(meta.error(
                    "#[wire_rpc] takes only `codes_only`; name the service with #[wire(name = \"...\")] on the trait",
                ))
            }
        });
        syn::parse::Parser::parse2(parser, args)?;
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
    Ok(expand::expand(&service, codes_only))
}

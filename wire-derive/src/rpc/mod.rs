//! `#[wire_rpc]` on a handler trait.

mod ast;
mod expand;
mod fallback;

use crate::errors::Errors;
use proc_macro2::TokenStream;

/// The expansion, or every error found together with the item as written
/// (see [`fallback`]), never the errors alone.
pub fn wire_rpc(args: TokenStream, input: TokenStream) -> TokenStream {
    let errors = Errors::default();
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
        if let Err(e) = syn::parse::Parser::parse2(parser, args) {
            errors.push(e);
        }
    }
    let item: syn::ItemTrait = match syn::parse2(input.clone()) {
        Ok(item) => item,
        Err(e) => {
            errors.push(syn::Error::new(
                e.span(),
                "#[wire_rpc] applies to a trait of handlers (`trait Service { fn m(&self, ...) -> R; }`)",
            ));
            // Not a trait: the item as it was, so its uses still resolve.
            let mut tokens = errors.check().err().map(syn::Error::into_compile_error).unwrap_or_default();
            tokens.extend(input);
            return tokens;
        }
    };
    let service = ast::Service::from_syn(item, codes_only, &errors);
    match errors.check() {
        Ok(()) => expand::expand(&service, codes_only),
        Err(e) => {
            let mut tokens = e.into_compile_error();
            tokens.extend(fallback::rpc_trait(&expand::send_futures(service.item.clone()), &service.name));
            tokens
        }
    }
}

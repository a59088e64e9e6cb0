//! `#[derive(Wire)]`: the const schema tree of a struct or enum.

mod ast;
mod check;
mod cpp;
mod expand;
mod fallback;
mod types;

use proc_macro2::TokenStream;

/// The expansion, or the errors together with a placeholder impl (see
/// [`fallback`]), never the errors alone.
pub fn derive(input: &syn::DeriveInput) -> TokenStream {
    let model = ast::Input::from_syn(input);
    match check::check(&model) {
        Ok(()) => expand::derive(&model),
        // The error, and an impl that keeps uses of the type from cascading.
        Err(e) => {
            let mut tokens = e.into_compile_error();
            tokens.extend(fallback::wire_impl(input));
            tokens
        }
    }
}

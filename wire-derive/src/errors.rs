//! Collects every error of one macro input, so a user sees them all at once.

use std::cell::RefCell;

#[derive(Default)]
pub struct Errors {
    errors: RefCell<Option<syn::Error>>,
}

impl Errors {
    pub fn push(&self, error: syn::Error) {
        let mut slot = self.errors.borrow_mut();
        match slot.as_mut() {
            Some(e) => e.combine(error),
            None => *slot = Some(error),
        }
    }

    pub fn error(&self, tokens: impl quote::ToTokens, message: impl std::fmt::Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    pub fn check(self) -> syn::Result<()> {
        match self.errors.into_inner() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

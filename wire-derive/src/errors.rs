//! Collects every error of one macro input, so a user sees them all at once.
//!
//! Like serde_derive's `Ctxt`, the collector must be [`check`](Errors::check)ed:
//! dropping it unchecked is a bug in the macro (its errors would be lost),
//! and panics, so that a test finds it.

use std::cell::RefCell;

pub struct Errors {
    /// The errors so far; `None` once checked.
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Default for Errors {
    fn default() -> Errors {
        Errors { errors: RefCell::new(Some(Vec::new())) }
    }
}

impl Errors {
    pub fn push(&self, error: syn::Error) {
        self.errors.borrow_mut().as_mut().expect("wire-derive: errors pushed after check()").push(error);
    }

    pub fn error(&self, tokens: impl quote::ToTokens, message: impl std::fmt::Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// Every error pushed, combined in order; the collector is spent.
    pub fn check(self) -> syn::Result<()> {
        let errors = self.errors.borrow_mut().take().unwrap_or_default();
        let mut errors = errors.into_iter();
        match errors.next() {
            None => Ok(()),
            Some(mut first) => {
                errors.for_each(|e| first.combine(e));
                Err(first)
            }
        }
    }
}

impl Drop for Errors {
    fn drop(&mut self) {
        if self.errors.get_mut().is_some() && !std::thread::panicking() {
            panic!("wire-derive: an error collector was dropped without check(): its errors would be lost");
        }
    }
}

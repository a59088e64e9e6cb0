//! Contracts of handlers declared in the tests.

use wire_core::Handler;
use wire_golden::ContractDoc;

/// The model of these handlers, as the gate sees them.
pub fn doc(handlers: &[&'static Handler]) -> ContractDoc {
    ContractDoc::from_handlers(handlers.iter().copied())
}

//! The frozen wire contract gate.

pub mod diff;
pub mod model;
pub mod text;

pub use model::ContractDoc;
pub use text::{ParseError, parse, render};

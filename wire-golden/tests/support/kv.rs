//! The key-value service's entry, the same in each version of the service
//! that the test binaries declare (each links its own handlers).

use serde::{Deserialize, Serialize};
use wire_core::Wire;

/// A stored value.
#[derive(Serialize, Deserialize, Wire)]
pub struct Entry {
    pub value: Vec<u8>,
    pub version: u64,
}

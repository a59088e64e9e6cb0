use std::time::Duration;
use wire_core::wire_rpc;

// `Duration` has a default but no wire shape: the error names `Wire`.
#[wire_rpc]
pub trait Store {
    fn put(&self, key: String, #[wire(since = 2)] ttl: Duration);
}

fn main() {}

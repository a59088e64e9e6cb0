use serde::{Deserialize, Serialize};
use wire_core::{Wire, wire_rpc};

#[derive(Serialize, Deserialize, Wire)]
pub struct Inner {
    x: u32,
}

#[derive(Serialize, Deserialize, Wire)]
pub struct S {
    #[serde(flatten)]
    inner: Inner,
}

// `S` is used where `Wire` is needed: the flatten error is the only one.
#[wire_rpc]
pub trait Store {
    fn put(&self, s: S) -> Vec<S>;
}

fn main() {}

use std::borrow::Cow;
use wire_core::wire_rpc;

#[derive(serde::Serialize, serde::Deserialize, wire_core::Wire)]
pub struct Entry {
    pub value: Vec<u8>,
}

// A server decodes owned values: borrowed arguments and returns are refused
// (a `codes_only` trait may have them), each with the owned type to use.
#[wire_rpc]
pub trait Store {
    fn put(&self, key: &str, data: &[u8], entry: &Entry) -> u64;
    fn name(&self) -> &'static str;
    fn tag<'a>(&self, tag: Cow<'a, str>);
}

struct Memory;

impl Store for Memory {
    fn put(&self, key: &str, data: &[u8], _entry: &Entry) -> u64 {
        (key.len() + data.len()) as u64
    }
    fn name(&self) -> &'static str {
        "memory"
    }
    fn tag<'a>(&self, _tag: Cow<'a, str>) {}
}

fn main() {
    let _ = Memory.name();
}

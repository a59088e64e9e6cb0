// A `#[wire_rpc]` trait with errors is still emitted as written, so code
// that implements and calls it adds no error of its own.
use wire_core::wire_rpc;

#[wire_rpc]
#[wire(name = "Kv")]
pub trait Store {
    fn get(&self, key: String) -> Option<String>;
    fn ping(n: u32) -> u32;
    fn put(&self, key: String, #[wire(since = 0)] ttl: Option<u32>);
}

struct Memory;

impl Store for Memory {
    fn get(&self, key: String) -> Option<String> {
        Some(key)
    }
    fn ping(n: u32) -> u32 {
        n
    }
    fn put(&self, _key: String, _ttl: Option<u32>) {}
}

fn call(store: &dyn Fn(String) -> Option<String>) -> usize {
    store("k".into()).map_or(0, |v| v.len()) + StoreRpc::HANDLERS.len() + StoreRpc::SERVICE.len()
}

fn main() {
    let _ = call(&|k| Memory.get(k)) + <Memory as Store>::ping(1) as usize;
}

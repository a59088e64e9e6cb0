use wire_core::wire_rpc;

#[wire_rpc]
trait Store {
    fn put(&self, key: String, #[wire(since = 2)] tenant: Option<String>, value: Vec<u8>);
}

fn main() {}

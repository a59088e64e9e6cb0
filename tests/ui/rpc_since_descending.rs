use wire_core::wire_rpc;

#[wire_rpc]
trait Store {
    fn put(&self, key: String, #[wire(since = 3)] shard: u32, #[wire(since = 2)] tenant: Option<String>);
}

fn main() {}

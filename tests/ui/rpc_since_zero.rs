use wire_core::wire_rpc;

#[wire_rpc]
trait Store {
    fn put(&self, key: String, #[wire(since = 0)] tenant: Option<String>);
    fn get(&self, key: String, #[wire(since = "2")] tenant: Option<String>);
    fn del(&self, key: String, #[wire(sinse = 2)] tenant: Option<String>);
}

fn main() {}

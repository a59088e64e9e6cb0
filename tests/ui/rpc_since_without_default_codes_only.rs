use wire_core::{Wire, wire_rpc};

#[derive(Wire, serde::Serialize, serde::Deserialize)]
pub struct Tenant {
    pub id: u64,
}

#[wire_rpc(codes_only)]
pub trait Store {
    fn put(&self, key: String, #[wire(since = 2)] tenant: Tenant);
}

fn main() {}

use wire_core::wire_rpc;

#[wire_rpc]
trait Service {
    fn f(&self, key: String) -> impl Iterator<Item = u32>;
}

fn main() {}

use wire_core::wire_rpc;

#[wire_rpc]
trait Service {
    type Key;
    fn f(&self, key: Vec<Self::Key>) -> u32;
}

fn main() {}

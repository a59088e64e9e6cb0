use wire_core::wire_rpc;

struct NotWire;

#[wire_rpc]
trait Service {
    fn f(&self, key: String) -> NotWire;
}

fn main() {}

use wire_core::wire_rpc;

struct NotWire;

#[wire_rpc]
trait Service {
    fn f(&self, key: String, value: NotWire) -> u32;
}

fn main() {}

use wire_core::wire_rpc;

#[wire_rpc]
#[wire(version = 2)]
trait Service {
    fn ping(&self) -> u32;
}

fn main() {}

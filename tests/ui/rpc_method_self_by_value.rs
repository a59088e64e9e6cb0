use wire_core::wire_rpc;

#[wire_rpc]
trait Service {
    fn ping(self, n: u32) -> u32;
}

fn main() {}

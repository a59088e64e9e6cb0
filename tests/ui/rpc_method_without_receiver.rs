use wire_core::wire_rpc;

#[wire_rpc]
trait Service {
    fn ping(n: u32) -> u32;
}

fn main() {}

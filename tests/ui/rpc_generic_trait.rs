use wire_core::wire_rpc;

#[wire_rpc]
trait Service<T> {
    fn ping(&self, t: T) -> u32;
}

fn main() {}

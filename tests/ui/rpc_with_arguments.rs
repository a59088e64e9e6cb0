use wire_core::wire_rpc;

#[wire_rpc(arg)]
trait Service {
    fn ping(&self) -> u32;
}

fn main() {}

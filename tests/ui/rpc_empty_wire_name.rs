use wire_core::wire_rpc;

#[wire_rpc]
trait Service {
    #[wire(name = "")]
    fn ping(&self) -> u32;
}

fn main() {}

use wire_core::wire_rpc;

#[wire_rpc]
trait Service {
    #[wire(id = 7)]
    fn ping(&self) -> u32;
}

fn main() {}

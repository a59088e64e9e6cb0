use wire_core::wire_rpc;

#[wire_rpc]
trait Service {
    #[wire(name = "Service::a", name = "Service::b")]
    fn ping(&self) -> u32;
}

fn main() {}

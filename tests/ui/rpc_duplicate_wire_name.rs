use wire_core::wire_rpc;

#[wire_rpc]
trait Service {
    #[wire(name = "Service::ping")]
    fn ping_v1(&self) -> u32;
    #[wire(name = "Service::ping")]
    fn ping_v2(&self) -> u64;
}

fn main() {}

use wire_core::wire_rpc;

#[wire_rpc(arg)]
trait Service {
    fn ping(&self) -> u32;
}

// The trait is still there: no second error.
struct Pong;

impl Service for Pong {
    fn ping(&self) -> u32 {
        1
    }
}

fn main() {
    let _ = Pong.ping();
}

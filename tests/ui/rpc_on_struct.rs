use wire_core::wire_rpc;

#[wire_rpc]
struct Service {
    a: u32,
}

fn main() {}

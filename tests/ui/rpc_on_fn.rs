use wire_core::wire_rpc;

#[wire_rpc]
fn ping(n: u32) -> u32 {
    n
}

fn main() {
    // The function is still there: no second error.
    let _ = ping(1);
}

use serde::Serialize;
use wire_core::Wire;

#[derive(Serialize, Wire)]
#[wire(trivial)]
struct Header {
    len: u32,
    name: String,
    flags: [u8; 4],
}

fn main() {
    let _ = <Header as Wire>::SCHEMA;
}

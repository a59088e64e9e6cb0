use wire_core::Wire;

struct NotWire;

#[derive(Wire)]
struct S {
    a: u32,
    b: NotWire,
}

fn main() {}

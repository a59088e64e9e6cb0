use wire_core::Wire;

struct NotWire;

#[derive(Wire)]
struct S {
    items: Vec<NotWire>,
}

fn main() {}

use wire_core::Wire;

#[derive(Wire)]
#[wire(name = "S")]
struct S {
    a: u32,
}

fn main() {}

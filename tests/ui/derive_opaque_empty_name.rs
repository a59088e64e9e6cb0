use wire_core::Wire;

#[derive(Wire)]
struct S {
    #[wire(opaque = "")]
    a: u32,
}

fn main() {}

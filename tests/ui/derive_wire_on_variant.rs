use wire_core::Wire;

#[derive(Wire)]
enum E {
    #[wire(opaque = "A")]
    A(u32),
    B,
}

fn main() {}

use wire_core::Wire;

#[derive(Wire)]
struct S {
    #[wire(as = u64, opaque = "A")]
    a: u32,
}

fn main() {}

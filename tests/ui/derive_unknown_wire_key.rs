use wire_core::Wire;

#[derive(Wire)]
struct S {
    #[wire(foo)]
    a: u32,
}

fn main() {}

use wire_core::Wire;

#[derive(Wire)]
#[serde(transparent)]
struct S {
    a: u32,
    b: u32,
}

fn main() {}

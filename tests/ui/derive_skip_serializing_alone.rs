use wire_core::Wire;

#[derive(Wire)]
struct S {
    #[serde(skip_serializing)]
    a: u32,
    b: u32,
}

fn main() {}

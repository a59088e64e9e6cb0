use wire_core::Wire;

#[derive(Wire)]
struct S {
    a: u32,
    #[serde(skip_deserializing)]
    b: u32,
}

fn main() {}

use wire_core::Wire;

#[derive(Wire)]
struct S {
    #[serde(serialize_with = "f")]
    a: u32,
}

fn main() {}

use wire_core::Wire;

#[derive(Wire)]
struct S {
    #[serde(with = "m")]
    a: u32,
}

fn main() {}

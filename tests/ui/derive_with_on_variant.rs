use wire_core::Wire;

#[derive(Wire)]
enum E {
    #[serde(with = "m")]
    A(u32),
    B,
}

fn main() {}

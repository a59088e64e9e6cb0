use wire_core::Wire;

#[derive(Wire)]
enum E {
    A,
    #[serde(skip)]
    B,
}

fn main() {}

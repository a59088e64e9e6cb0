use wire_core::Wire;

#[derive(Wire)]
#[serde(tag = "t")]
enum E {
    A { x: u32 },
    B,
}

fn main() {}

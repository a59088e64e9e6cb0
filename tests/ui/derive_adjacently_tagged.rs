use wire_core::Wire;

#[derive(Wire)]
#[serde(tag = "t", content = "c")]
enum E {
    A(u32),
    B,
}

fn main() {}

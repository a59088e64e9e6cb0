use wire_core::Wire;

#[derive(Wire)]
#[serde(untagged)]
enum E {
    A(u32),
    B(String),
}

fn main() {}

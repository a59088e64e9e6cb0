use wire_core::Wire;

#[derive(Wire)]
enum E {
    A(u32),
    #[serde(untagged)]
    B(String),
}

fn main() {}

use wire_core::Wire;

#[derive(Wire)]
struct S {
    #[serde(skip_serializing_if = "Option::is_none")]
    a: Option<u32>,
}

fn main() {}

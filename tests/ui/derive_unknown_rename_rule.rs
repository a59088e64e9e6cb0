use wire_core::Wire;

#[derive(Wire)]
#[serde(rename_all = "Title Case")]
struct S {
    a: u32,
}

fn main() {}

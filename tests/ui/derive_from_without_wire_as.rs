use wire_core::Wire;

#[derive(Wire)]
#[serde(from = "u64")]
struct S {
    a: u32,
}

fn main() {}

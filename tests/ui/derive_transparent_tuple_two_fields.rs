use wire_core::Wire;

#[derive(Wire)]
#[serde(transparent)]
struct S(u32, String);

fn main() {}

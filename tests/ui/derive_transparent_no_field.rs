use wire_core::Wire;

#[derive(Wire)]
#[serde(transparent)]
struct S {
    #[serde(skip)]
    a: u32,
}

fn main() {}

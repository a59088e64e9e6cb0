use wire_core::Wire;

#[derive(Wire)]
struct Inner {
    x: u32,
}

#[derive(Wire)]
struct S {
    #[serde(flatten)]
    inner: Inner,
}

fn main() {}

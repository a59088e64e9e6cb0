use wire_core::Wire;

#[derive(Wire)]
#[serde(untagged)]
enum E {
    A {
        #[serde(skip_serializing_if = "Option::is_none")]
        a: Option<u32>,
        #[serde(flatten)]
        b: u32,
    },
    #[serde(skip)]
    B,
    C(#[wire(foo)] u32),
}

fn main() {}

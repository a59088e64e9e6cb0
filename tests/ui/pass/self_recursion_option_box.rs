use wire_core::Wire;

#[derive(Wire)]
struct Node {
    next: Option<Box<Node>>,
}

fn main() {
    let _ = <Node as Wire>::CODE;
    // `Box` is transparent: the inner `Node` is at distance 2 (`Option` is 1).
    assert_eq!(wire_core::literal::<Node>(), [0xFD, 0x85, 0xFB, 0x81, 0xFF]);
}

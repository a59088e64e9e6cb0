use wire_core::Wire;

#[derive(Wire)]
struct List {
    items: Vec<Self>,
}

fn main() {
    let _ = <List as Wire>::CODE;
    // The inner `List` is at distance 2 (`Vec` is 1): FB + size(0).
    assert_eq!(wire_core::literal::<List>(), [0xFD, 0x84, 0xFB, 0x81, 0xFF]);
}

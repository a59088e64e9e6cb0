use wire_core::Wire;

#[derive(Wire)]
struct Tree<T> {
    v: T,
    kids: Vec<Tree<T>>,
}

fn main() {
    let _ = <Tree<u32> as Wire>::CODE;
    assert_eq!(wire_core::literal::<Tree<u32>>(), [0xFD, 0x02, 0x84, 0xFB, 0x81, 0xFF]);
    assert_eq!(wire_core::literal::<Tree<String>>(), [0xFD, 0x80, 0x0C, 0x84, 0xFB, 0x81, 0xFF]);
}

use wire_core::Wire;

#[derive(Wire)]
struct A {
    b: Vec<B>,
}

#[derive(Wire)]
struct B {
    #[wire(opaque = "A")]
    a: Option<Box<A>>,
}

fn main() {
    let _ = <A as Wire>::CODE;
    // B = struct { opaque "A" }; A = struct { Vec<B> }.
    assert_eq!(wire_core::literal::<B>(), [0xFD, 0xF9, b'A', 0xFF, 0xFF]);
    assert_eq!(wire_core::literal::<A>(), [0xFD, 0x84, 0xFD, 0xF9, b'A', 0xFF, 0xFF, 0xFF]);
}

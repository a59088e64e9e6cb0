use wire_core::Wire;

// Mutually recursive types need no annotation: each non-generic type's
// definition is a static, and the two statics point at each other.
#[derive(Wire)]
struct A {
    b: Vec<B>,
}

#[derive(Wire)]
struct B {
    a: Option<Box<A>>,
}

fn main() {
    // A = FD 84 FD 85 FB 83 FF FF: the inner A is 4 shapes out (Option, B, Vec, A).
    assert_eq!(wire_core::literal::<A>(), [0xFD, 0x84, 0xFD, 0x85, 0xFB, 0x83, 0xFF, 0xFF]);
    assert_eq!(<A as Wire>::CODE, wire_core::type_code(&wire_core::literal::<A>()));
}

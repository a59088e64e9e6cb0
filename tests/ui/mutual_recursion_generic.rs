use wire_core::Wire;

// Generic types cannot keep their definition in a static, so a cycle made of
// generic types only is a cycle in constant evaluation.
#[derive(Wire)]
struct A<T> {
    t: T,
    b: Vec<B<T>>,
}

#[derive(Wire)]
struct B<T> {
    a: Option<Box<A<T>>>,
}

fn main() {
    let _ = <A<u8> as Wire>::CODE;
}

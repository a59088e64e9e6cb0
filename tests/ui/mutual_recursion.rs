use wire_core::Wire;

#[derive(Wire)]
struct A {
    b: Vec<B>,
}

#[derive(Wire)]
struct B {
    a: Option<Box<A>>,
}

fn main() {
    let _ = <A as Wire>::CODE;
}

use wire_core::Wire;

#[derive(Wire)]
#[wire(trivial)]
enum Mode {
    A,
}

#[derive(Wire)]
#[wire(trivial)]
struct Nothing;

#[derive(Wire)]
#[wire(trivial, c_enum)]
struct Both {
    a: u8,
}

fn main() {}

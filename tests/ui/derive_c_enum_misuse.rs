use wire_core::Wire;

// No #[repr(..)]: which integer goes on the wire is not stated.
#[derive(Wire)]
#[wire(c_enum)]
enum NoRepr {
    A,
}

// A variant with a field has no integer to be.
#[derive(Wire)]
#[wire(c_enum)]
#[repr(u8)]
enum WithData {
    A,
    B(u32),
}

// On a struct.
#[derive(Wire)]
#[wire(c_enum)]
struct NotAnEnum {
    a: u8,
}

fn main() {}

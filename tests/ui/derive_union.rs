use wire_core::Wire;

#[derive(Wire)]
union U {
    a: u32,
    b: f32,
}

fn main() {}

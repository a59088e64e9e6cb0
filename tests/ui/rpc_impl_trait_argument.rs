use wire_core::wire_rpc;

#[wire_rpc]
trait Service {
    fn f(&self, key: impl AsRef<str>) -> u32;
}

fn main() {}

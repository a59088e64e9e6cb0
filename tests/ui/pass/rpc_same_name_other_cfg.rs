// One method, two shapes, chosen by a feature: the same wire name under
// different `#[cfg]`s is one handler per build, not a duplicate.
#[wire_core::wire_rpc(codes_only)]
pub trait Store {
    #[cfg(feature = "never-on")]
    #[wire(name = "Store::get")]
    fn get(&self, key: String) -> u64;
    #[cfg(not(feature = "never-on"))]
    #[wire(name = "Store::get")]
    fn get(&self, key: String) -> String;
}

fn main() {
    assert_eq!(StoreRpc::get.return_code, <String as wire_core::Wire>::CODE);
}

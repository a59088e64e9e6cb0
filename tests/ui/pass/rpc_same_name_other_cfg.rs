// One method, two shapes, chosen by a cfg (`any()` is never on, like a
// feature left off): the same wire name under different `#[cfg]`s is one
// handler per build, not a duplicate.
#[wire_core::wire_rpc(codes_only)]
pub trait Store {
    #[cfg(any())]
    #[wire(name = "Store::get")]
    fn get(&self, key: String) -> u64;
    #[cfg(not(any()))]
    #[wire(name = "Store::get")]
    fn get(&self, key: String) -> String;
}

fn main() {
    assert_eq!(StoreRpc::get.return_code, <String as wire_core::Wire>::CODE);
}

use wire_core::wire_rpc;

#[wire_rpc]
trait Service {
    fn f<T>(&self, t: T);
}

fn main() {}

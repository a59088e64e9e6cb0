// A `codes_only` trait may borrow: it only computes codes, which are those
// of the owned types. `'static` data needs no borrow: `Cow<'static, str>`
// gets a server and a client.
use std::borrow::Cow;
use wire_core::wire_rpc;

#[wire_rpc(codes_only)]
#[wire(name = "Store")]
pub trait Borrowing {
    fn put<'a>(&self, key: &str, data: &[u8], tag: Cow<'a, str>) -> &'static str;
}

#[wire_rpc(codes_only)]
#[wire(name = "Store")]
pub trait Owning {
    fn put(&self, key: String, data: Vec<u8>, tag: String) -> String;
}

#[wire_rpc]
pub trait Tags {
    fn tag(&self, tag: Cow<'static, str>) -> Cow<'static, str>;
}

struct Echo;

impl Tags for Echo {
    fn tag(&self, tag: Cow<'static, str>) -> Cow<'static, str> {
        tag
    }
}

const _: () = assert!(BorrowingRpc::put.args_code == OwningRpc::put.args_code);
const _: () = assert!(BorrowingRpc::put.return_code == OwningRpc::put.return_code);

fn client<T: wire_core::rpc::Transport>(transport: T) -> TagsClient<T> {
    TagsClient::new(transport)
}

fn main() {
    let _server = TagsServer::new(Echo);
    let _ = client::<wire_core::rpc::Local<wire_core::codec::Bincode>>;
}

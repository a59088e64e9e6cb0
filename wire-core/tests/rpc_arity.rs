//! Every parameter count reaches the method with its arguments in order:
//! up to 6 plain parameters the server passes the method itself to
//! `serve_N`, past that (and with `#[cfg]` or `#[wire(since)]` parameters)
//! it writes a closure; both paths, sync and `async`, are called here.

#![allow(clippy::too_many_arguments)]

use std::sync::Arc;
use wire_core::codec::{Bincode, StructPack};
use wire_core::rpc::{Local, Server};
use wire_core::wire_rpc;

#[wire_rpc]
pub trait Arity {
    fn zero(&self) -> Vec<u32>;
    fn one(&self, a: u32) -> Vec<u32>;
    fn six(&self, a: u32, b: u32, c: u32, d: u32, e: u32, f: u32) -> Vec<u32>;
    fn seven(&self, a: u32, b: u32, c: u32, d: u32, e: u32, f: u32, g: u32) -> Vec<u32>;
    async fn three_async(&self, a: u32, b: String, c: u32) -> (u32, String, u32);
    async fn eight_async(&self, a: u32, b: u32, c: u32, d: u32, e: u32, f: u32, g: u32, h: u32) -> Vec<u32>;
    fn with_cfg(&self, a: u32, #[cfg(test)] b: u32, #[cfg(not(test))] c: u32) -> Vec<u32>;
}

struct Echo;

impl Arity for Echo {
    fn zero(&self) -> Vec<u32> {
        vec![]
    }

    fn one(&self, a: u32) -> Vec<u32> {
        vec![a]
    }

    fn six(&self, a: u32, b: u32, c: u32, d: u32, e: u32, f: u32) -> Vec<u32> {
        vec![a, b, c, d, e, f]
    }

    fn seven(&self, a: u32, b: u32, c: u32, d: u32, e: u32, f: u32, g: u32) -> Vec<u32> {
        vec![a, b, c, d, e, f, g]
    }

    async fn three_async(&self, a: u32, b: String, c: u32) -> (u32, String, u32) {
        (a, b, c)
    }

    async fn eight_async(&self, a: u32, b: u32, c: u32, d: u32, e: u32, f: u32, g: u32, h: u32) -> Vec<u32> {
        vec![a, b, c, d, e, f, g, h]
    }

    fn with_cfg(&self, a: u32, #[cfg(test)] b: u32, #[cfg(not(test))] c: u32) -> Vec<u32> {
        vec![a, b]
    }
}

/// Every method through `client`, checking the arguments come back in order.
async fn every_arity<T: wire_core::rpc::Transport>(client: ArityClient<T>) {
    assert_eq!(client.zero().await.unwrap(), Vec::<u32>::new());
    assert_eq!(client.one(1).await.unwrap(), [1]);
    assert_eq!(client.six(1, 2, 3, 4, 5, 6).await.unwrap(), [1, 2, 3, 4, 5, 6]);
    assert_eq!(client.seven(1, 2, 3, 4, 5, 6, 7).await.unwrap(), [1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(client.three_async(1, "b".into(), 3).await.unwrap(), (1, "b".to_owned(), 3));
    assert_eq!(client.eight_async(1, 2, 3, 4, 5, 6, 7, 8).await.unwrap(), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(client.with_cfg(1, 2).await.unwrap(), [1, 2]);
}

#[tokio::test]
async fn every_arity_reaches_the_method_with_its_arguments_in_order() {
    let server = Arc::new(Server::new(Bincode).add_service(ArityServer::new(Echo)).unwrap());
    every_arity(ArityClient::new(Local::new(server))).await;
}

/// The same through struct_pack, whose payload of several arguments is
/// their tuple's and of none is empty (as coro_rpc writes them).
#[tokio::test]
async fn every_arity_over_struct_pack() {
    let server = Arc::new(Server::new(StructPack::default()).add_service(ArityServer::new(Echo)).unwrap());
    every_arity(ArityClient::new(Local::new(server))).await;
    let server = Arc::new(Server::new(StructPack::with_literal()).add_service(ArityServer::new(Echo)).unwrap());
    every_arity(ArityClient::new(Local::new(server))).await;
}

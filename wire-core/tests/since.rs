//! `#[wire(since = N)]` parameters: outside the args code, carried in the
//! extension section, skipped by older servers, defaulted for older clients.
//! Three versions of one service talk to each other over `rpc::Local`.

use std::sync::Arc;
use wire_core::codec::{Bincode, Codec, Payload, StructPack};
use wire_core::protocol::ext::{ExtSection, ExtWriter, write_group};
use wire_core::protocol::frame::{RequestHeader, Status};
use wire_core::protocol::handshake::{Compat, MethodStatus, ServiceReady};
use wire_core::rpc::{CallError, Incoming, Local, Reply, Server};
use wire_core::{Handler, Wire, wire_rpc};

/// Release 1.
#[wire_rpc]
#[wire(name = "Store")]
pub trait StoreV1 {
    fn put(&self, key: String, value: Vec<u8>) -> String;
    fn count(&self) -> u64;
}

/// Release 3: `put` gained a tenant in release 2 and two more in release 3.
#[wire_rpc]
#[wire(name = "Store")]
pub trait StoreV3 {
    fn put(
        &self,
        key: String,
        value: Vec<u8>,
        #[wire(since = 2)] tenant: Option<String>,
        #[wire(since = 3)] shard: u32,
        #[wire(since = 3)] tags: Option<Vec<String>>,
    ) -> String;
    fn count(&self) -> u64;
}

/// A release 3 that changed its level 2 instead of adding a level: a bug the
/// handshake and the server both catch.
#[wire_rpc]
#[wire(name = "Store")]
pub trait StoreBadLevel {
    fn put(&self, key: String, value: Vec<u8>, #[wire(since = 2)] tenant: Option<u64>) -> String;
    fn count(&self) -> u64;
}

struct V1;

impl StoreV1 for V1 {
    fn put(&self, key: String, value: Vec<u8>) -> String {
        format!("v1 {key}={value:?}")
    }

    fn count(&self) -> u64 {
        1
    }
}

struct V3;

impl StoreV3 for V3 {
    fn put(
        &self,
        key: String,
        value: Vec<u8>,
        tenant: Option<String>,
        shard: u32,
        tags: Option<Vec<String>>,
    ) -> String {
        format!("v3 {key}={value:?} tenant={tenant:?} shard={shard} tags={tags:?}")
    }

    fn count(&self) -> u64 {
        3
    }
}

fn local<S: wire_core::rpc::Service<Bincode>>(service: S) -> Local<Bincode> {
    Local::new(Arc::new(Server::new(Bincode).add_service(service).unwrap()))
}

/// A call of `handler` as a server reads it off a frame.
async fn handle<C: Codec>(server: &Server<C>, handler: &Handler, body: &[u8], attachment: &[u8]) -> Reply {
    let header = RequestHeader {
        serialize_type: C::SERIALIZE_TYPE,
        msg_type: 0,
        seq: 1,
        function_id: handler.function_id,
        body_len: body.len() as u32,
        attachment_len: attachment.len() as u32,
    };
    server.handle(Incoming { header, body, attachment }).await
}

#[test]
fn since_parameters_stay_out_of_the_args_code() {
    assert_eq!(StoreV3Rpc::put.function_id, StoreV1Rpc::put.function_id);
    assert_eq!(StoreV3Rpc::put.args_code, StoreV1Rpc::put.args_code);
    assert_eq!(StoreV3Rpc::put.args.len(), 2);
    let levels: Vec<(u16, Vec<&str>)> =
        StoreV3Rpc::put.ext.iter().map(|g| (g.since, g.args.iter().map(|f| f.name).collect())).collect();
    assert_eq!(levels, [(2, vec!["tenant"]), (3, vec!["shard", "tags"])]);
    assert_eq!(StoreV3Rpc::put.ext_level(), 3);
    assert_eq!(StoreV1Rpc::put.ext_level(), 0);
    // A level's code is the args code of its parameters.
    assert_eq!(StoreV3Rpc::put.ext[0].code, <Option<String> as Wire>::CODE);
    assert_eq!(StoreV3Rpc::put.ext[1].code, wire_core::args_code(StoreV3Rpc::put.ext[1].args));
    assert_ne!(StoreBadLevelRpc::put.ext[0].code, StoreV3Rpc::put.ext[0].code);
}

#[tokio::test]
async fn a_new_client_calls_a_new_server_with_every_level() {
    let client = StoreV3Client::new(local(StoreV3Server::new(V3)));
    let reply = client.put("k".into(), vec![1], Some("acme".into()), 7, Some(vec!["a".into()])).await.unwrap();
    assert_eq!(reply, r#"v3 k=[1] tenant=Some("acme") shard=7 tags=Some(["a"])"#);
}

/// struct_pack (a C++ peer's codec) carries the levels the same way: each
/// group's payload is struct_pack's, starting with the level's code.
#[tokio::test]
async fn extension_levels_over_struct_pack() {
    for codec in [StructPack::default(), StructPack::with_literal()] {
        let server = Arc::new(Server::new(codec).add_service(StoreV3Server::new(V3)).unwrap());
        let client = StoreV3Client::new(Local::new(server));
        let reply = client.put("k".into(), vec![1], Some("acme".into()), 7, Some(vec!["a".into()])).await.unwrap();
        assert_eq!(reply, r#"v3 k=[1] tenant=Some("acme") shard=7 tags=Some(["a"])"#);
        let old = Arc::new(Server::new(codec).add_service(StoreV1Server::new(V1)).unwrap());
        let client = StoreV3Client::new(Local::new(old));
        assert_eq!(client.put("k".into(), vec![2], None, 1, None).await.unwrap(), "v1 k=[2]");
    }
}

#[tokio::test]
async fn an_old_server_skips_the_extension_section() {
    let client = StoreV3Client::new(local(StoreV1Server::new(V1)));
    let reply = client.put("k".into(), vec![1, 2], Some("acme".into()), 7, None).await.unwrap();
    assert_eq!(reply, "v1 k=[1, 2]");
    assert_eq!(client.count().await.unwrap(), 1);
}

#[tokio::test]
async fn a_new_server_defaults_what_an_old_client_does_not_send() {
    let client = StoreV1Client::new(local(StoreV3Server::new(V3)));
    let reply = client.put("k".into(), vec![]).await.unwrap();
    assert_eq!(reply, "v3 k=[] tenant=None shard=0 tags=None");
}

#[tokio::test]
async fn a_server_skips_levels_it_does_not_know_and_defaults_missing_ones() {
    // Only level 3 sent (hand-written), plus a level 9 nobody knows.
    let server = Server::new(Bincode).add_service(StoreV3Server::new(V3)).unwrap();
    let handler = &StoreV3Rpc::put;
    let mut body = Vec::new();
    Bincode.encode(&("k".to_owned(), vec![5u8]), Payload::args(handler), &mut body).unwrap();
    let mut ext = ExtWriter::new(&Bincode, handler);
    ext.level(3, &(9u32, Some(vec!["t".to_owned()])));
    let mut ext = ext.finish().unwrap();
    write_group(&mut ext, 9, b"whatever a future release sends");
    let reply = handle(&server, handler, &body, &ext).await;
    assert_eq!(reply.status, Status::OK, "{}", reply.message());
    let text: String = Bincode.decode(&reply.body, Payload::returns(handler)).unwrap();
    assert_eq!(text, r#"v3 k=[5] tenant=None shard=9 tags=Some(["t"])"#);
}

#[tokio::test]
async fn a_changed_level_is_refused_naming_the_level_and_both_codes() {
    let client = StoreBadLevelClient::new(local(StoreV3Server::new(V3)));
    let err = client.put("k".into(), vec![], Some(5)).await.unwrap_err();
    let CallError::InvalidArguments { handler: "Store::put", message, .. } = &err else { panic!("{err}") };
    let (sent, here) = (StoreBadLevelRpc::put.ext[0].code, StoreV3Rpc::put.ext[0].code);
    assert!(message.contains("extension level 2"), "{message}");
    assert!(message.contains(&format!("{sent:#010x}")) && message.contains(&format!("{here:#010x}")), "{message}");
    // The handler never ran: the same call without the level works.
    assert!(StoreV1Client::new(local(StoreV3Server::new(V3))).put("k".into(), vec![]).await.is_ok());
}

#[tokio::test]
async fn a_malformed_section_is_refused_before_decoding() {
    let server = Server::new(Bincode).add_service(StoreV3Server::new(V3)).unwrap();
    let handler = &StoreV3Rpc::put;
    let mut body = Vec::new();
    Bincode.encode(&("k".to_owned(), Vec::<u8>::new()), Payload::args(handler), &mut body).unwrap();
    let cases: [(&[u8], &str); 2] = [
        (&[2, 0, 0], "extension section truncated at byte 0: group needs 6 bytes, 3 left"),
        (&[0; 10], "extension group at byte 0 has level 0 (levels start at 1)"),
    ];
    for (ext, why) in cases {
        let reply = handle(&server, handler, &body, ext).await;
        assert_eq!(reply.status, Status::INVALID_ARGUMENTS);
        assert_eq!(reply.message(), format!("`Store::put`: {why}"));
    }
    // A level the handler knows whose payload is not its parameters: refused
    // by its code (its low bit, struct_pack's metainfo flag, aside), before
    // its bytes are read.
    let mut ext = Vec::new();
    write_group(&mut ext, 2, &[0xFF; 7]);
    let reply = handle(&server, handler, &body, &ext).await;
    assert_eq!(reply.status, Status::INVALID_ARGUMENTS);
    assert!(reply.message().contains("extension level 2 code 0xfffffffe from the caller"), "{}", reply.message());
}

#[test]
fn the_handshake_says_which_levels_a_peer_ignores() {
    let v1 = ServiceReady::new("bincode", "", StoreV1Rpc::HANDLERS.iter().copied());
    let v3 = ServiceReady::new("bincode", "", StoreV3Rpc::HANDLERS.iter().copied());
    let Compat::Partial(p) = v3.check(&v1) else { panic!("{}", v3.check(&v1)) };
    assert_eq!(p.callable().count(), 2, "{}", v3.check(&v1));
    let extended: Vec<_> = p.extended().map(|v| (v.method.name.as_str(), v.status)).collect();
    assert_eq!(extended, [("Store::put", MethodStatus::Extended { here: 3, peer: 0 })]);
    let report = v3.check(&v1).to_string();
    assert!(report.contains("callable Store::put: extension levels up to 3 here, up to 0 on the peer"), "{report}");
    assert!(report.contains("the peer ignores the parameters of levels above 0"), "{report}");
    // The other way round, the peer (v3) defaults what v1 does not send.
    let back = v1.check(&v3).to_string();
    assert!(back.contains("the peer defaults the parameters of levels above 0"), "{back}");
    // The advertised levels survive the encoding.
    let decoded = ServiceReady::decode(&v3.encode()).unwrap();
    assert_eq!(decoded, v3);
    assert_eq!(decoded.method(StoreV3Rpc::put.function_id).unwrap().ext_level(), 3);
}

#[test]
fn the_handshake_blocks_a_changed_level() {
    let v3 = ServiceReady::new("bincode", "", StoreV3Rpc::HANDLERS.iter().copied());
    let bad = ServiceReady::new("bincode", "", StoreBadLevelRpc::HANDLERS.iter().copied());
    let Compat::Partial(p) = v3.check(&bad) else { panic!() };
    let blocked: Vec<_> = p.blocked().map(|v| v.status).collect();
    let (here, peer) = (StoreV3Rpc::put.ext[0].code, StoreBadLevelRpc::put.ext[0].code);
    assert_eq!(blocked, [MethodStatus::ExtensionDiffers { since: 2, here, peer }]);
}

#[test]
fn sections_round_trip_and_reject_disorder() {
    let mut bytes = Vec::new();
    write_group(&mut bytes, 2, &[0x78, 0x56, 0x34, 0x12, b'a', b'b']);
    write_group(&mut bytes, 5, b"");
    let section = ExtSection::parse(&bytes).unwrap();
    assert_eq!(section.groups().len(), 2);
    assert_eq!(section.encode(), bytes);
    // A group's code is the one its payload starts with; an empty payload has none.
    assert_eq!(section.get(2).unwrap().code(), Some(0x1234_5678));
    assert_eq!(section.get(5).unwrap().code(), None);
    let mut disorder = Vec::new();
    write_group(&mut disorder, 5, b"");
    write_group(&mut disorder, 5, b"");
    let err = ExtSection::parse(&disorder).unwrap_err();
    assert_eq!(err.to_string(), "extension group at byte 6: level 5 after level 5 (must ascend)");
}

mod with_cfg {
    use super::*;

    /// A level whose only parameter is `#[cfg]`'d away is not there at all.
    #[wire_rpc]
    #[wire(name = "Cfg")]
    pub trait Cfg {
        async fn put(
            &self,
            key: String,
            #[cfg(any())]
            #[wire(since = 2)]
            gone: Option<String>,
            #[cfg(test)]
            #[wire(since = 3)]
            kept: u8,
        ) -> String;
    }

    struct Impl;

    impl Cfg for Impl {
        async fn put(&self, key: String, kept: u8) -> String {
            format!("{key} {kept}")
        }
    }

    #[tokio::test]
    async fn cfg_and_async_since_parameters() {
        let levels: Vec<u16> = CfgRpc::put.ext.iter().map(|g| g.since).collect();
        assert_eq!(levels, [3]);
        let client = CfgClient::new(local(CfgServer::new(Impl)));
        assert_eq!(client.put("k".into(), 4).await.unwrap(), "k 4");
    }
}

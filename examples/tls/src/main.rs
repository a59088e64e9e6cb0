//! A `#[wire_rpc]` service over TLS: the server wraps each accepted TCP
//! stream in rustls and hands it to `serve_connection`; the client's
//! connector wraps each stream it makes (the first and every reconnect).
//! The certificate is self-signed, made at start.
//!
//! ```sh
//! cargo run -p tls-example
//! ```

use std::sync::Arc;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName};
use tokio_rustls::rustls::{ClientConfig, RootCertStore, ServerConfig};
use tokio_rustls::{TlsAcceptor, TlsConnector};
use wire_core::codec::Bincode;
use wire_core::rpc::Server;
use wire_core::rpc::net::{Client, ServeConfig, serve_connection};

#[wire_core::wire_rpc]
pub trait Greeter {
    async fn greet(&self, name: String) -> String;
}

struct Polite;

impl Greeter for Polite {
    async fn greet(&self, name: String) -> String {
        format!("hello {name}, over TLS")
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let _ = tokio_rustls::rustls::crypto::ring::default_provider().install_default();
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".into()])?;
    let cert_der = CertificateDer::from(cert.cert.der().to_vec());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(cert.key_pair.serialize_der()));

    // The server: TLS around each accepted connection, then the usual serving.
    let tls = ServerConfig::builder().with_no_client_auth().with_single_cert(vec![cert_der.clone()], key)?;
    let acceptor = TlsAcceptor::from(Arc::new(tls));
    let server = Arc::new(Server::new(Bincode).add_service(GreeterServer::new(Polite))?);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        let config = ServeConfig::default();
        while let Ok((tcp, peer)) = listener.accept().await {
            let (acceptor, server, config) = (acceptor.clone(), Arc::clone(&server), config.clone());
            tokio::spawn(async move {
                match acceptor.accept(tcp).await {
                    Ok(stream) => {
                        if let Err(e) = serve_connection(stream, server, &config, &peer.to_string()).await {
                            eprintln!("{peer}: {e}");
                        }
                    }
                    Err(e) => eprintln!("{peer}: TLS handshake failed: {e}"),
                }
            });
        }
    });

    // The client: trusts the certificate, wraps every stream it makes.
    let mut roots = RootCertStore::empty();
    roots.add(cert_der)?;
    let connector =
        TlsConnector::from(Arc::new(ClientConfig::builder().with_root_certificates(roots).with_no_client_auth()));
    let client = Client::builder()
        .calls(GreeterRpc::HANDLERS)
        .connect_with(move || {
            let connector = connector.clone();
            async move {
                let tcp = tokio::net::TcpStream::connect(addr).await?;
                connector.connect(ServerName::try_from("localhost").expect("a DNS name"), tcp).await
            }
        })
        .await?;
    let greeter = GreeterClient::new(client);
    let reply = greeter.greet("you".into()).await?;
    println!("{reply}");
    assert_eq!(reply, "hello you, over TLS");
    println!("verdict: {}", greeter.transport.verdict());
    Ok(())
}

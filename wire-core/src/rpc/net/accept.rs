//! Accepting connections: the listeners a server can serve on, and which
//! accept errors stop it.

use std::future::Future;
use tokio::io::{AsyncRead, AsyncWrite};

/// Where connections come from: a TCP or Unix listener, or your own (a TLS
/// acceptor in front of one).
pub trait Listener: Send + 'static {
    /// A connection's stream.
    type Stream: AsyncRead + AsyncWrite + Send + Unpin + 'static;
    /// The next connection and a name of its peer for reports.
    fn accept(&mut self) -> impl Future<Output = std::io::Result<(Self::Stream, String)>> + Send;
}

impl Listener for tokio::net::TcpListener {
    type Stream = tokio::net::TcpStream;

    async fn accept(&mut self) -> std::io::Result<(Self::Stream, String)> {
        let (stream, addr) = tokio::net::TcpListener::accept(self).await?;
        let _ = stream.set_nodelay(true);
        Ok((stream, addr.to_string()))
    }
}

#[cfg(unix)]
impl Listener for tokio::net::UnixListener {
    type Stream = tokio::net::UnixStream;

    async fn accept(&mut self) -> std::io::Result<(Self::Stream, String)> {
        let (stream, addr) = tokio::net::UnixListener::accept(self).await?;
        let name = addr.as_pathname().map_or_else(|| "unix:(unnamed)".to_owned(), |p| format!("unix:{}", p.display()));
        Ok((stream, name))
    }
}

/// How long [`serve`](super::serve) waits after running out of file descriptors or memory.
pub const ACCEPT_BACKOFF: std::time::Duration = std::time::Duration::from_millis(100);

#[derive(Debug, PartialEq, Eq)]
pub(super) enum AcceptError {
    /// One connection failed before it was accepted: take the next.
    Skip,
    /// A resource limit: retry shortly, connections close and free it.
    Backoff,
    Fatal,
}

#[cfg(target_os = "linux")]
const ENOBUFS: i32 = 105;
#[cfg(not(target_os = "linux"))]
const ENOBUFS: i32 = 55;

pub(super) fn accept_error(e: &std::io::Error) -> AcceptError {
    use std::io::ErrorKind::*;
    match e.kind() {
        ConnectionAborted | ConnectionReset | ConnectionRefused | Interrupted | WouldBlock => AcceptError::Skip,
        OutOfMemory => AcceptError::Backoff,
        // ENOMEM, ENFILE, EMFILE (12, 23, 24 on Linux and the BSDs), ENOBUFS.
        _ if matches!(e.raw_os_error(), Some(12 | 23 | 24 | ENOBUFS)) => AcceptError::Backoff,
        _ => AcceptError::Fatal,
    }
}

#[cfg(test)]
mod accept_tests {
    use super::*;

    #[test]
    fn accept_errors_about_one_connection_or_a_resource_do_not_stop_the_server() {
        use std::io::{Error, ErrorKind};
        assert_eq!(accept_error(&Error::from(ErrorKind::ConnectionAborted)), AcceptError::Skip);
        assert_eq!(accept_error(&Error::from_raw_os_error(24)), AcceptError::Backoff); // EMFILE
        assert_eq!(accept_error(&Error::from_raw_os_error(23)), AcceptError::Backoff); // ENFILE
        assert_eq!(accept_error(&Error::from(ErrorKind::InvalidInput)), AcceptError::Fatal);
    }
}

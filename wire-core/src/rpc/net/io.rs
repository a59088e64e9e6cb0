//! Reading and writing whole frames on a byte stream, with the deadlines
//! that keep a stalled or silent peer from holding a task forever.

use crate::protocol::frame::FrameError;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::sync::{Semaphore, mpsc};

/// Write coalescing: a writer that drained its queue asks whether to wait a
/// turn for frames that other calls in flight are about to send, so they go
/// out in one flush (one `sendto` for many calls) instead of one each.
pub(super) struct InFlight {
    /// The connection's call permits: those taken are calls in flight.
    permits: Arc<Semaphore>,
    max: usize,
}

/// Turns a writer waits for more frames before it flushes anyway.
const MAX_WAITS: u32 = 8;

impl InFlight {
    pub(super) fn new(permits: &Arc<Semaphore>, max: usize) -> InFlight {
        InFlight { permits: Arc::clone(permits), max }
    }

    /// After the queue is drained: `true` when, with calls other than the
    /// one just written in flight, a turn of the runtime brought more
    /// frames (write them, then ask again); `false` to flush now. A lone
    /// call never waits, and at most [`MAX_WAITS`] turns are taken.
    pub(super) async fn more<T>(&self, rx: &mpsc::Receiver<T>, waits: &mut u32) -> bool {
        let others = self.max - self.permits.available_permits() > 1;
        if !others || *waits >= MAX_WAITS {
            return false;
        }
        *waits += 1;
        tokio::task::yield_now().await;
        !rx.is_empty()
    }
}

/// Why a connection ended (for the server's error callback, and why a
/// client's calls failed).
#[derive(Debug)]
#[non_exhaustive]
pub enum ConnectionError {
    /// A malformed or oversized frame (answered with an error status first).
    Frame(FrameError),
    /// The peer closed the connection in the middle of a frame.
    ClosedMidFrame {
        /// Bytes the frame needed.
        needed: usize,
        /// Bytes read before the peer closed.
        got: usize,
    },
    /// A frame started but did not finish within the read timeout.
    Stalled {
        /// The read timeout.
        after: Duration,
        /// Bytes the frame needed.
        needed: usize,
        /// Bytes read before it stalled.
        got: usize,
    },
    /// No request for the idle timeout, with nothing in flight.
    Idle(Duration),
    /// Reading from or writing to the stream failed.
    Io(std::io::Error),
}

impl fmt::Display for ConnectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConnectionError::Frame(e) => write!(f, "{e}"),
            ConnectionError::ClosedMidFrame { needed, got } => {
                write!(f, "peer closed the connection mid-frame ({got} of {needed} bytes)")
            }
            ConnectionError::Stalled { after, needed, got } => {
                write!(f, "a frame stalled for {after:?} ({got} of {needed} bytes): closed")
            }
            ConnectionError::Idle(after) => write!(f, "no request for {after:?}: closed as idle"),
            ConnectionError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ConnectionError {}

/// Reads a frame header: `Ok(None)` on a clean end of stream before its
/// first byte. `idle` bounds the wait for the first byte, `stall` the rest.
pub(super) async fn read_head<R: AsyncRead + Unpin, const N: usize>(
    r: &mut R,
    idle: Option<Duration>,
    stall: Duration,
) -> Result<Option<[u8; N]>, ConnectionError> {
    let mut head = [0u8; N];
    let first = match idle {
        Some(idle) => match tokio::time::timeout(idle, r.read(&mut head)).await {
            Ok(read) => read,
            Err(_) => return Err(ConnectionError::Idle(idle)),
        },
        None => r.read(&mut head).await,
    };
    let got = first.map_err(ConnectionError::Io)?;
    if got == 0 {
        return Ok(None);
    }
    read_rest(r, &mut head, got, stall).await?;
    Ok(Some(head))
}

/// Reads a payload of `len` bytes (checked against the limit by the
/// header), without zero-filling the buffer first.
pub(super) async fn read_payload<R: AsyncRead + Unpin>(
    r: &mut R,
    len: usize,
    stall: Duration,
) -> Result<Vec<u8>, ConnectionError> {
    let mut buf = Vec::with_capacity(len);
    let read = async {
        while buf.len() < len {
            let want = (len - buf.len()) as u64;
            let n = (&mut *r).take(want).read_buf(&mut buf).await.map_err(ConnectionError::Io)?;
            if n == 0 {
                return Err(ConnectionError::ClosedMidFrame { needed: len, got: buf.len() });
            }
        }
        Ok(())
    };
    match tokio::time::timeout(stall, read).await {
        Ok(done) => done.map(|()| buf),
        Err(_) => Err(ConnectionError::Stalled { after: stall, needed: len, got: buf.len() }),
    }
}

async fn read_rest<R: AsyncRead + Unpin>(
    r: &mut R,
    buf: &mut [u8],
    mut got: usize,
    stall: Duration,
) -> Result<(), ConnectionError> {
    let needed = buf.len();
    let read = async {
        while got < needed {
            let n = r.read(&mut buf[got..]).await.map_err(ConnectionError::Io)?;
            if n == 0 {
                return Err(ConnectionError::ClosedMidFrame { needed, got });
            }
            got += n;
        }
        Ok(())
    };
    match tokio::time::timeout(stall, read).await {
        Ok(done) => done,
        Err(_) => Err(ConnectionError::Stalled { after: stall, needed, got }),
    }
}

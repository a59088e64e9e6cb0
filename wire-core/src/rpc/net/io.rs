//! Reading and writing whole frames on a byte stream, with the deadlines
//! that keep a stalled or silent peer from holding a task forever.

use crate::protocol::frame::FrameError;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufWriter};
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

/// A frame on its way to a connection's writer: its header's `N` bytes,
/// then body and attachment (a client's requests, a server's replies).
pub(super) struct Frame<const N: usize> {
    pub head: [u8; N],
    pub body: Vec<u8>,
    pub attachment: Vec<u8>,
}

/// A connection's writer: writes the frames `rx` brings, coalescing those
/// that arrive together (and those other calls in flight are about to
/// send, see [`InFlight`]) into one flush, until `rx` closes; then shuts
/// the stream down.
pub(super) async fn write_frames<W: AsyncWrite + Unpin, const N: usize>(
    writer: W,
    mut rx: mpsc::Receiver<Frame<N>>,
    in_flight: InFlight,
) -> std::io::Result<()> {
    let mut writer = BufWriter::with_capacity(64 << 10, writer);
    while let Some(first) = rx.recv().await {
        write_frame(&mut writer, first).await?;
        // What is waiting, and what other calls send meanwhile: one flush.
        let mut waits = 0;
        loop {
            while let Ok(next) = rx.try_recv() {
                write_frame(&mut writer, next).await?;
            }
            if !in_flight.more(&rx, &mut waits).await {
                break;
            }
        }
        writer.flush().await?;
    }
    writer.shutdown().await
}

async fn write_frame<W: AsyncWrite + Unpin, const N: usize>(
    w: &mut BufWriter<W>,
    frame: Frame<N>,
) -> std::io::Result<()> {
    w.write_all(&frame.head).await?;
    w.write_all(&frame.body).await?;
    w.write_all(&frame.attachment).await
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

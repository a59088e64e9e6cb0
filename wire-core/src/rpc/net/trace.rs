//! `tracing` spans and events (feature `tracing`): nothing at all without it.

/// `fut` inside a span, when tracing is on; `fut` itself otherwise.
macro_rules! in_span {
    ($fut:expr, $($span:tt)*) => {{
        #[cfg(feature = "tracing")]
        {
            tracing::Instrument::instrument($fut, tracing::info_span!($($span)*))
        }
        #[cfg(not(feature = "tracing"))]
        {
            $fut
        }
    }};
}

/// A `tracing` event, when tracing is on.
macro_rules! event {
    ($level:ident, $($event:tt)*) => {{
        #[cfg(feature = "tracing")]
        {
            tracing::$level!($($event)*);
        }
    }};
}

pub(crate) use {event, in_span};

//! The types the handlers exchange, each mirroring a Mooncake C++ type of the
//! same shape (members in the same order, the same integer widths).
//!
//! C++ `size_t` and `uintptr_t` are `u64`, `long` is `i64`, `int` is `i32`,
//! `std::string` is `String`, `std::vector` is `Vec`, `std::optional` is
//! `Option`, `std::unordered_map` is `HashMap`, `std::variant` is an enum with
//! one newtype variant per alternative, in order, and
//! `tl::expected<T, ErrorCode>` is `Result<T, ErrorCode>`. C++ enums are
//! `#[wire(c_enum)]`; `UUID` is the only `#[wire(trivial)]` struct (every
//! Mooncake struct has a `YLT_REFL` or containers, so none is trivially
//! copyable).

mod enums;
mod error_code;
mod offload;
mod replica;
mod rpc_types;
mod segment;
mod tasks;
mod uuid;

pub use enums::*;
pub use error_code::ErrorCode;
pub use offload::*;
pub use replica::*;
pub use rpc_types::*;
pub use segment::*;
pub use tasks::*;
pub use uuid::Uuid;

//! A [`Handler`] with hand-picked codes that is not registered: the method
//! tables of the handshake tests (`tests/ready.rs`) and benchmark
//! (`benches/handshake.rs`, which includes this file by path).

use wire_core::{Handler, Location, Wire};

/// The handler `name` (`Service::method`) with these codes: no arguments,
/// no extension levels, returning `()`.
pub fn handler(name: &'static str, function_id: u32, args_code: u32, return_code: u32) -> Handler {
    let (service, method) = name.rsplit_once("::").unwrap_or(("", name));
    Handler {
        service,
        method,
        name,
        function_id,
        args_code,
        return_code,
        args: &[],
        ext: &[],
        returns: <() as Wire>::SCHEMA,
        is_async: false,
        location: Location { krate: "wire-core", module: module_path!(), file: file!(), line: line!() },
    }
}

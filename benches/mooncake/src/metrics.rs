//! The real master's own count of the requests it served (its Prometheus
//! `/metrics`), to check that every measured call reached it.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpStream};
use std::time::Duration;

/// The value of the counter `name` on the master's metrics port.
pub fn counter(port: u16, name: &str) -> Result<u64, String> {
    let text = scrape(port)?;
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| {
            let (key, value) = l.split_once(' ')?;
            (key == name).then(|| value.trim().parse::<f64>().ok().map(|v| v as u64))?
        })
        .ok_or_else(|| format!("the master's /metrics has no counter {name}"))
}

/// `GET /metrics` over HTTP/1.0: the body.
fn scrape(port: u16) -> Result<String, String> {
    let why = |e: std::io::Error| format!("reading the master's metrics on 127.0.0.1:{port}: {e}");
    let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).map_err(why)?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).map_err(why)?;
    stream.write_all(b"GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").map_err(why)?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply).map_err(why)?;
    match reply.split_once("\r\n\r\n") {
        Some((head, body)) if head.starts_with("HTTP/1.") && head.contains(" 200 ") => Ok(body.to_owned()),
        _ => Err(format!("the master's metrics on 127.0.0.1:{port} answered: {}", reply.lines().next().unwrap_or(""))),
    }
}

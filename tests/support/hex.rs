//! Bytes as lowercase hex, the way the data files and reports write them.

/// `bytes` as lowercase hex digits, two per byte, nothing between.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes of a hex column of `tests/data/struct_pack-bytes.tsv` (on line
/// `line`): plain hex, where `(hh*N)` stands for byte `hh` written `N` times.
pub fn unhex(s: &str, line: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        if let Some(run) = rest.strip_prefix('(') {
            let (run, after) = run.split_once(')').unwrap_or_else(|| panic!("line {line}: unclosed run"));
            let (byte, n) = run.split_once('*').unwrap_or_else(|| panic!("line {line}: bad run {run}"));
            let byte = u8::from_str_radix(byte, 16).unwrap_or_else(|_| panic!("line {line}: bad byte {byte}"));
            out.extend(std::iter::repeat_n(byte, n.parse().unwrap_or_else(|_| panic!("line {line}: bad count"))));
            rest = after;
        } else {
            let (pair, after) = rest.split_at(2);
            out.push(u8::from_str_radix(pair, 16).unwrap_or_else(|_| panic!("line {line}: bad hex {pair}")));
            rest = after;
        }
    }
    out
}

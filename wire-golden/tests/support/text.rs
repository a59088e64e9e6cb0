//! Contract files as text: the example's frozen contract, lines found and edited.

/// The example service's checked-in contract (written by `wire-golden`).
pub const MASTER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/master/contracts/master.wire");

/// The text of [`MASTER`].
pub fn master() -> String {
    std::fs::read_to_string(MASTER).unwrap_or_else(|e| panic!("{MASTER}: {e}"))
}

/// The 1-based line of the first line of `text` starting with `prefix`.
#[track_caller]
pub fn line_of(text: &str, prefix: &str) -> usize {
    text.lines().position(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no line `{prefix}…` in\n{text}")) + 1
}

/// The text with its lines edited by `f` (which indexes them from 0), ending with a newline.
pub fn edit(text: &str, f: impl FnOnce(&mut Vec<String>)) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    f(&mut lines);
    lines.join("\n") + "\n"
}

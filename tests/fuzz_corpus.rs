//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`) through the
//! same target bodies libFuzzer runs (`fuzz/targets.rs`), so every input the
//! fuzzer kept stays a regression test under a plain `cargo test`.
//!
//! A missing or empty corpus directory fails: the test cannot pass by
//! replaying nothing. See `fuzz/README.md` for running the fuzzers.
//!
//! It runs on the ordinary test threads (2 MiB of stack in a debug build):
//! a corpus input nested deep enough to overflow them fails here.

#[path = "../fuzz/targets.rs"]
mod targets;

use std::fs;
use std::path::Path;

fn replay(target: &str, body: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("corpus {}: {e}", dir.display()));
    let mut files: Vec<_> = entries.map(|e| e.expect("corpus entry").path()).filter(|p| p.is_file()).collect();
    files.sort();
    assert!(!files.is_empty(), "corpus {} has no inputs: nothing would be replayed", dir.display());
    for file in &files {
        let data = fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        // Name the input that fails: the panic message alone does not say which.
        let outcome = std::panic::catch_unwind(|| body(&data));
        assert!(outcome.is_ok(), "fuzz target `{target}` fails on {}", file.display());
    }
    eprintln!("{target}: replayed {} inputs", files.len());
}

#[test]
fn frame_corpus() {
    replay("fuzz_frame", targets::frame);
}

#[test]
fn ready_corpus() {
    replay("fuzz_ready", targets::ready);
}

#[test]
fn contract_corpus() {
    replay("fuzz_contract", targets::contract);
}

#[test]
fn ext_corpus() {
    replay("fuzz_ext", targets::ext);
}

#[test]
fn struct_pack_corpus() {
    replay("fuzz_struct_pack", targets::struct_pack);
}

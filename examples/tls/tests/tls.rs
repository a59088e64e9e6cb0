//! The example runs: a call over TLS, both ways, with the handshake.

#[test]
fn a_call_goes_through_tls() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tls-example")).output().expect("the example runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("hello you, over TLS"), "{stdout}");
    assert!(stdout.contains("verdict: IDENTICAL"), "{stdout}");
}

//! Files that cannot be read: exit status 2 and `FILE:LINE: message`, never a panic.

use crate::run;
use crate::support::temp::Dir;
use crate::support::text::{MASTER, edit, line_of, master};

/// Each of `show F`, `diff F GOOD` and `diff GOOD F` exits 2 with exactly
/// `wire-golden: F:LINE: message…` on stderr and nothing on stdout.
#[track_caller]
fn assert_unreadable(file: &str, line: usize, needle: &str) {
    let good = MASTER;
    for args in [
        vec!["show", file],
        vec!["show", file, "--format", "json"],
        vec!["diff", file, good],
        vec!["diff", good, file],
        vec!["diff", good, file, "--format", "json"],
    ] {
        let out = run(&args);
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert_eq!(out.stdout, "", "{args:?}: nothing is printed for an unreadable file");
        let prefix = format!("wire-golden: {file}:{line}: ");
        assert!(out.stderr.starts_with(&prefix), "{args:?}: expected `{prefix}…`, got\n{}", out.stderr);
        assert!(out.stderr.contains(needle), "{args:?}: `{}` lacks `{needle}`", out.stderr.trim_end());
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    }
}

#[test]
fn unreadable_files_exit_2_with_file_and_line() {
    let dir = Dir::new("unreadable");
    let master = master();
    let ping = line_of(&master, "handler MasterService::ping ");
    let end = line_of(&master, "end ");
    let client_status = line_of(&master, "type ClientStatus ");

    let conflict = dir.write(
        "conflict.wire",
        edit(&master, |l| {
            let ours = l[ping - 1].clone();
            let theirs = ours.replace("ret=0xe250041c", "ret=0x00000000");
            l.splice(ping - 1..ping, ["<<<<<<< HEAD".to_owned(), ours, "=======".into(), theirs, ">>>>>>> b".into()]);
        }),
    );
    assert_unreadable(&conflict, ping, "merge conflict marker: resolve the conflict by re-blessing");

    // Cut in the middle of the ping line, and right after it.
    let at = master.find("handler MasterService::ping ").unwrap();
    let mid = dir.write("mid.wire", &master[..at + "handler MasterService::ping id=0xee0c259f args=0x9b1e".len()]);
    assert_unreadable(&mid, ping, "`args` must have 8 hex digits");
    let mid_sig =
        dir.write("mid-sig.wire", &master[..master.find("(client_id: ClientId) -> Result<PingResponse").unwrap() + 8]);
    assert_unreadable(&mid_sig, ping, "expected `:`");
    let boundary = dir.write("boundary.wire", &master[..at + master[at..].find('\n').unwrap() + 1]);
    assert_unreadable(&boundary, ping, "missing the `end N handlers M types` line: the file is truncated");
    let before_end = dir.write("before-end.wire", &master[..master.find("end 13").unwrap()]);
    assert_unreadable(&before_end, end - 1, "missing the `end N handlers M types` line");
    let in_end = dir.write("in-end.wire", &master[..master.len() - 4]);
    assert_unreadable(&in_end, end, "expected `end N handlers M types`");

    let edited = dir.write("edited.wire", master.replace("ret=0xe250041c", "ret=0xe250041d"));
    assert_unreadable(
        &edited,
        ping,
        "`ret=0xe250041d` is not the code of what this line records (0xe250041c): the file was edited by hand",
    );

    let header = dir.write("header.wire", master.replacen("wire-contract v1", "wire-kontract v1", 1));
    assert_unreadable(&header, 1, "expected the header `wire-contract v1`, found `wire-kontract v1`");
    let v2 = dir.write("v2.wire", master.replacen("wire-contract v1", "wire-contract v2", 1));
    assert_unreadable(&v2, 1, "unsupported format `v2`: this wire-golden reads `v1`; upgrade wire-golden");

    // ClientStatus (3 lines) removed, `end` recounted: the first handler that needs it.
    let undefined = dir.write(
        "undefined.wire",
        edit(&master, |l| {
            l.drain(client_status - 1..client_status + 2);
            let last = l.len() - 1;
            l[last] = "end 13 handlers 13 types".into();
        }),
    );
    assert_unreadable(&undefined, ping, "type `ClientStatus` is used but not defined");
    // ... and without recounting, the `end` line.
    let lost = dir.write(
        "lost.wire",
        edit(&master, |l| {
            l.drain(client_status - 1..client_status + 2);
        }),
    );
    assert_unreadable(&lost, end - 3, "the `end` line counts 13 handlers and 14 types, the file has 13 and 13");

    let twice = dir.write("twice.wire", edit(&master, |l| l.insert(ping, l[ping - 1].clone())));
    assert_unreadable(&twice, ping + 1, "handler `MasterService::ping` is listed twice");

    let empty = dir.write("empty.wire", "");
    assert_unreadable(&empty, 1, "empty contract file");
    let crlf_edited = dir.write("crlf.wire", master.replace("ret=0xe250041c", "ret=0xe250041d").replace('\n', "\r\n"));
    assert_unreadable(&crlf_edited, ping, "edited by hand");
}

#[test]
fn files_that_cannot_be_read_at_all_exit_2() {
    let dir = Dir::new("io");
    let missing = dir.path("missing.wire").to_str().unwrap().to_owned();
    let not_utf8 = dir.write("latin1.wire", b"wire-contract v1\n# caf\xe9\n");
    let folder = dir.root().to_str().unwrap().to_owned();
    for file in [&missing, &not_utf8, &folder] {
        for args in [vec!["show", file.as_str()], vec!["diff", file, MASTER], vec!["diff", MASTER, file]] {
            let out = run(&args);
            assert_eq!(out.code, 2, "{args:?}: {out:?}");
            assert_eq!(out.stdout, "");
            assert!(out.stderr.starts_with(&format!("wire-golden: {file}: ")), "{args:?}: {}", out.stderr);
        }
    }
}

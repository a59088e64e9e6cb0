//! `--format github`: workflow annotations on the lines of the files.

use crate::support::temp::Dir;
use crate::support::text::line_of;
use crate::{breaking_text, compatible_text, run, v1_text};

/// `::level file=F,line=N,title=T::message`
fn annotation(line: &str) -> (&str, &str, usize, &str, &str) {
    let rest = line.strip_prefix("::").unwrap_or_else(|| panic!("not a workflow command: {line}"));
    let (level, rest) = rest.split_once(' ').unwrap();
    let (props, message) = rest.split_once("::").unwrap();
    let props: Vec<&str> = props.split(',').collect();
    let [file, n, title] = props.as_slice() else { panic!("properties: {props:?}") };
    (
        level,
        file.strip_prefix("file=").unwrap(),
        n.strip_prefix("line=").unwrap().parse().unwrap(),
        title.strip_prefix("title=").unwrap(),
        message,
    )
}

#[test]
fn github_format_points_into_the_new_file_and_removed_handlers_into_the_old() {
    let dir = Dir::new("github");
    let (old_text, new_text) = (v1_text(), breaking_text());
    let old = dir.write("old.wire", &old_text);
    let new = dir.write("new.wire", &new_text);
    let out = run(&["diff", &old, &new, "--format", "github"]);
    assert_eq!(out.code, 1, "{out:?}");
    let text = run(&["diff", &old, &new]).stdout;
    let got: Vec<_> = out.stdout.lines().map(annotation).collect();
    let messages: Vec<&str> = text.lines().collect();
    let expect = [
        ("error", &new, line_of(&new_text, "handler KvService::ping_v2 "), "BREAKING KvService%3A%3Aping"),
        ("error", &new, line_of(&new_text, "handler KvService::put "), "BREAKING KvService%3A%3Aput"),
        ("error", &old, line_of(&old_text, "handler KvService::stats "), "BREAKING KvService%3A%3Astats"),
        ("warning", &new, line_of(&new_text, "handler KvService::scan "), "ADDITIVE KvService%3A%3Ascan"),
    ];
    assert_eq!(got.len(), expect.len(), "{}", out.stdout);
    for (i, ((level, file, line, title, message), (e_level, e_file, e_line, e_title))) in
        got.iter().zip(expect).enumerate()
    {
        assert_eq!((*level, *file, *line, *title), (e_level, e_file.as_str(), e_line, e_title), "{}", out.stdout);
        assert_eq!(*message, messages[i], "the message is the text line");
    }
    // The put line really is the handler's line in the new file.
    let put_line = new_text.lines().nth(got[1].2 - 1).unwrap();
    assert!(put_line.starts_with("handler KvService::put ") && put_line.contains("ttl: u32"), "{put_line}");

    // Compatible changes: a warning per added handler, a notice per cosmetic one.
    let compatible_text = compatible_text();
    let compatible = dir.write("compatible.wire", &compatible_text);
    let out = run(&["diff", &old, &compatible, "--format", "github"]);
    assert_eq!(out.code, 0, "{out:?}");
    let got: Vec<_> = out.stdout.lines().map(annotation).collect();
    let levels: Vec<(&str, usize)> = got.iter().map(|a| (a.0, a.2)).collect();
    assert_eq!(
        levels,
        [
            ("warning", line_of(&compatible_text, "handler Admin::compact ")),
            ("warning", line_of(&compatible_text, "handler KvService::scan ")),
            ("notice", line_of(&compatible_text, "handler KvService::delete ")),
            ("notice", 1), // a renamed field: no handler line, the file's first line
        ]
    );
    assert!(got.iter().all(|a| a.1 == compatible), "{}", out.stdout);
}

#[test]
fn github_format_escapes_file_names() {
    let dir = Dir::new("github-escape");
    let old = dir.write("v1,old:rc.wire", v1_text());
    let new = dir.write("new.wire", breaking_text());
    let out = run(&["diff", &old, &new, "--format", "github"]);
    let stats = out.stdout.lines().find(|l| l.contains("title=BREAKING KvService%3A%3Astats")).unwrap();
    // `,` and `:` would end the property: escaped, so the name survives whole.
    assert!(stats.starts_with("::error file=/"), "{stats}");
    assert!(stats.contains("/v1%2Cold%3Arc.wire,line="), "{stats}");
}

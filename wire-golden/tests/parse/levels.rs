//! Extension levels: `ext=` on the handler line, `#[since N]` in its signature.

use crate::services::levels;
use crate::support::contract::doc;
use crate::support::text::edit;
use crate::{assert_error, store};
use wire_golden::{parse, render};

#[test]
fn levels_render_on_the_handler_line_and_parse_back() {
    let text = store();
    let put = &levels::StoreRpc::put;
    let (l2, l3) = (put.ext[0].code, put.ext[1].code);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[5],
        format!(
            "handler Store::put id={:#010x} args={:#010x} ret={:#010x} ext=2:{l2:#010x},3:{l3:#010x} \
             sig=Store.put(key: String, #[since 2] tenant: Option<String>, #[since 3] zone: Zone, #[since 3] ttl: u32) \
             -> u64",
            put.function_id, put.args_code, put.return_code
        )
    );
    assert!(lines[4].starts_with("handler Store::get ") && !lines[4].contains("ext="), "{text}");
    assert_eq!((lines[7], lines[8]), ("type Zone struct", "  name: String"));
    let parsed = parse(&text, "x.wire").unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(parsed.clone().without_locations(), doc(levels::StoreRpc::HANDLERS).without_locations());
    assert_eq!(render(&parsed), text);
}

#[test]
fn level_errors_are_on_the_handler_line() {
    let text = store();
    let put = &levels::StoreRpc::put;
    let (l2, l3) = (format!("{:#010x}", put.ext[0].code), format!("{:#010x}", put.ext[1].code));
    let ext = format!("ext=2:{l2},3:{l3} ");
    let with = |f: &dyn Fn(&str) -> String| edit(&text, |l| l[5] = f(&l[5]));
    // A hand-edited level code: recomputed from the recorded schema.
    let wrong = with(&|l| l.replace(&format!("3:{l3}"), &format!("3:{l2}")));
    assert_error(&wrong, 6, &format!("`ext=3:{l2}` is not the code of the `#[since 3]` parameters"));
    assert_error(&wrong, 6, "edited by hand");
    // A level's parameter retyped, or a type only a level uses edited, its codes left alone.
    assert_error(&with(&|l| l.replace("ttl: u32", "ttl: u64")), 6, "`ext=3:");
    assert_error(&with(&|l| l.replace("tenant: Option<String>", "tenant: String")), 6, "`ext=2:");
    assert_error(&edit(&text, |l| l[8] = "  name: u8".into()), 6, "`ext=3:");
    // A parameter moved between levels, or out of them.
    assert_error(&with(&|l| l.replace("#[since 2] tenant", "#[since 3] tenant")), 6, "`ext=` lists level 2");
    assert_error(&with(&|l| l.replace("#[since 2] tenant", "tenant")), 6, "`ext=` lists level 2");
    let into_base = with(&|l| l.replace("#[since 2] tenant", "tenant").replace(&format!("2:{l2},"), ""));
    assert_error(&into_base, 6, "`args=0x");
    // Levels ascend, start at 1, are decimal without leading zeros; codes have 8 hex digits.
    let swapped = with(&|l| l.replace(&ext, &format!("ext=3:{l3},2:{l2} ")));
    assert_error(&swapped, 6, "`ext=`: level 2 after level 3 (levels ascend, each once)");
    let twice = with(&|l| l.replace(&ext, &format!("ext=2:{l2},2:{l2},3:{l3} ")));
    assert_error(&twice, 6, "level 2 after level 2");
    let zero = with(&|l| l.replace(&ext, &format!("ext=0:{l2},2:{l2},3:{l3} ")));
    assert_error(&zero, 6, "level 0 is the base arguments");
    assert_error(&with(&|l| l.replace("#[since 2]", "#[since 0]")), 6, "expected a level from 1 to 65535");
    assert_error(&with(&|l| l.replace("ext=2:", "ext=02:")), 6, "`02` is not a level");
    assert_error(&with(&|l| l.replace("ext=2:", "ext=x:")), 6, "`x` is not a level");
    assert_error(&with(&|l| l.replace("ext=2:", "ext=70000:")), 6, "`70000` is not a level");
    assert_error(&with(&|l| l.replace(&format!("2:{l2}"), "2:0x1234")), 6, "level 2: `ext` must have 8 hex digits");
    assert_error(&with(&|l| l.replace(&format!("2:{l2}"), &l2)), 6, "expected `ext=N:0x........,...`");
    assert_error(&with(&|l| l.replace(&ext, "ext= ")), 6, "expected `ext=N:0x");
    // `ext=` and `#[since N]` agree, and levels come after the base arguments, ascending.
    assert_error(&with(&|l| l.replace(&ext, "")), 6, "level 2 is not in the handler's `ext=` key");
    assert_error(
        &with(&|l| l.replace(&ext, &format!("ext=2:{l2},3:{l3},4:{l3} "))),
        6,
        "no parameter in `sig=` has `#[since 4]`",
    );
    assert_error(
        &with(&|l| {
            l.replace(
                "key: String, #[since 2] tenant: Option<String>",
                "#[since 2] tenant: Option<String>, key: String",
            )
        }),
        6,
        "cannot follow one with it",
    );
    let disorder = with(&|l| {
        l.replace(
            "#[since 2] tenant: Option<String>, #[since 3] zone: Zone",
            "#[since 3] zone: Zone, #[since 2] tenant: Option<String>",
        )
    });
    assert_error(&disorder, 6, "`#[since 2]` after `#[since 3]`: levels ascend");
    // `ext=` goes between `ret=` and `sig=`; the attribute is exactly `#[since N]`.
    let late = with(&|l| l.replace(&ext, "").replace(" sig=", &format!(" sig= {}", ext.trim_end())));
    assert_error(&late, 6, "level 2 is not in the handler's `ext=` key");
    assert_error(&with(&|l| l.replace("#[since 2]", "#[wire(since = 2)]")), 6, "expected `#[since N]`");
    assert_error(&with(&|l| l.replace("#[since 2]", "#[since 2")), 6, "expected `]`");
}

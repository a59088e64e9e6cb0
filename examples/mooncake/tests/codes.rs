//! Every handler of both builds has the function id, args code and literal,
//! and return code and literal that the real C++ struct_pack computes for the
//! real Mooncake declarations (`tests/data/codes-*.tsv`, read at test time),
//! and the data file has no handler the trait lacks.

mod measured;

use measured::{Code, Row};
use wire_core::Handler;

/// Compares `handlers` with the rows of `file`, and lists every difference.
fn check(handlers: &[&Handler], file: &str) {
    let rows = measured::read(file).unwrap_or_else(|e| panic!("{e}"));
    let mut problems = Vec::new();
    for h in handlers {
        match rows.iter().find(|r| r.name == h.name) {
            Some(row) => compare(h, row, &mut problems),
            None => problems.push(format!("{h}: no row in tests/data/{file}")),
        }
    }
    for row in rows.iter().filter(|r| handlers.iter().all(|h| h.name != r.name)) {
        problems.push(format!("{}: `{}` is measured, but the trait has no such handler", row.at, row.name));
    }
    let order: Vec<&str> = handlers.iter().map(|h| h.name).collect();
    let registered: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    if problems.is_empty() && order != registered {
        problems
            .push(format!("the trait declares the handlers in another order than tests/data/{file} registers them"));
    }
    assert!(problems.is_empty(), "{} problem(s) against tests/data/{file}:\n{}", problems.len(), problems.join("\n"));
    assert_eq!(handlers.len(), rows.len());
    eprintln!("{} handlers match tests/data/{file}", handlers.len());
}

fn compare(h: &Handler, row: &Row, problems: &mut Vec<String>) {
    let mut differs = |what: &str, ours: String, measured: String| {
        problems.push(format!("{h}: {what} {ours}, measured {measured} ({})", row.at));
    };
    if h.function_id != row.function_id {
        differs("function id", format!("{:#010x}", h.function_id), format!("{:#010x}", row.function_id));
    }
    match &row.args {
        Some(measured) => {
            let ours = Code { code: h.args_code, literal: wire_core::args_literal(h.args) };
            if ours != *measured {
                differs("args", ours.to_string(), measured.to_string());
            }
        }
        None if !h.args.is_empty() => {
            differs("args", format!("{} argument(s)", h.args.len()), "none (the C++ handler has no parameters)".into())
        }
        None => {}
    }
    let ours = Code { code: h.return_code, literal: h.returns.literal() };
    if ours != row.ret {
        differs("return", ours.to_string(), row.ret.to_string());
    }
    if !h.ext.is_empty() {
        differs("extension levels", format!("{}", h.ext.len()), "none (C++ has none)".into());
    }
}

#[test]
fn v0_3_13_post1_handlers_have_the_measured_codes() {
    assert_eq!(mooncake_example::MOONCAKE_VERSION, "v0.3.13.post1");
    check(mooncake_example::WrappedMasterServiceRpc::HANDLERS, "codes-v0.3.13.post1.tsv");
}

#[test]
fn v0_3_11_post1_handlers_have_the_measured_codes() {
    assert_eq!(mooncake_example_v0_3_11::MOONCAKE_VERSION, "v0.3.11.post1");
    check(mooncake_example_v0_3_11::WrappedMasterServiceRpc::HANDLERS, "codes-v0.3.11.post1.tsv");
}

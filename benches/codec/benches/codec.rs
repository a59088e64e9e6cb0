//! wire-core's struct_pack codec against its bincode codec on the same
//! values, through the `Codec` trait: `encode` into a reused buffer and
//! `decode` of the bytes it wrote, for a small struct, a Mooncake-like
//! replica list, 1 MiB of bytes (a plain `Vec<u8>`) and a recursive tree.
//!
//! ```text
//! cargo bench --manifest-path benches/Cargo.toml -p codec-bench
//! ```
//!
//! Times are this thread's CPU time (see `codec_bench::cpu`). After
//! criterion's groups, a markdown table gives each case's ns/op and the
//! ratio struct_pack / bincode from an interleaved A/B run
//! (`codec_bench::ab`; `CODEC_BENCH_TABLE=0` skips it). About 30 s;
//! criterion's `--warm-up-time`, `--measurement-time` and a filter work as
//! usual (the table always covers every case).

use codec_bench::ab::{Ab, interleaved};
use codec_bench::cpu::ThreadCpu;
use codec_bench::values::{bytes, nodes, replicas, small, tree};
use criterion::{Criterion, Throughput};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt::Debug;
use std::hint::black_box;
use std::time::Duration;
use wire_core::Wire;
use wire_core::codec::{Bincode, Codec, Payload, StructPack};

/// One case's results for the table.
struct Row {
    name: String,
    sizes: (usize, usize),
    encode: Ab,
    decode: Ab,
}

/// The payload `codec` writes for `value`.
fn encoded<C: Codec, T: Serialize + Wire>(codec: &C, value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    codec.encode(value, Payload::of::<T>(), &mut out).unwrap_or_else(|e| panic!("{} cannot encode: {e}", C::NAME));
    out
}

/// Checks that `codec` gives `value` back from its own bytes.
fn round_trips<C: Codec, T: Serialize + DeserializeOwned + Wire + PartialEq + Debug>(
    codec: &C,
    value: &T,
    bytes: &[u8],
) {
    let back: T = codec.decode(bytes, Payload::of::<T>()).unwrap_or_else(|e| panic!("{} cannot decode: {e}", C::NAME));
    assert!(back == *value, "{} did not give the value back", C::NAME);
}

fn encode_once<C: Codec, T: Serialize + Wire>(codec: &C, value: &T, out: &mut Vec<u8>) {
    out.clear();
    codec.encode(black_box(value), Payload::of::<T>(), out).expect("encodes");
    black_box(out.len());
}

fn decode_once<C: Codec, T: DeserializeOwned + Wire>(codec: &C, bytes: &[u8]) {
    let value: T = codec.decode(black_box(bytes), Payload::of::<T>()).expect("decodes");
    black_box(&value);
}

/// Criterion's group for one case, and unless `criterion_only`, its A/B row.
fn case<T>(c: &mut Criterion<ThreadCpu>, name: String, value: &T, throughput: Option<u64>, rows: &mut Option<Vec<Row>>)
where
    T: Serialize + DeserializeOwned + Wire + PartialEq + Debug,
{
    let sp = StructPack::default();
    let (bin_bytes, sp_bytes) = (encoded(&Bincode, value), encoded(&sp, value));
    round_trips(&Bincode, value, &bin_bytes);
    round_trips(&sp, value, &sp_bytes);

    let mut group = c.benchmark_group(&name);
    if let Some(n) = throughput {
        group.throughput(Throughput::Bytes(n));
    }
    let mut out = Vec::new();
    group.bench_function("encode/bincode", |b| b.iter(|| encode_once(&Bincode, value, &mut out)));
    group.bench_function("encode/struct_pack", |b| b.iter(|| encode_once(&sp, value, &mut out)));
    group.bench_function("decode/bincode", |b| b.iter(|| decode_once::<_, T>(&Bincode, &bin_bytes)));
    group.bench_function("decode/struct_pack", |b| b.iter(|| decode_once::<_, T>(&sp, &sp_bytes)));
    group.finish();

    if let Some(rows) = rows {
        let budget = Duration::from_millis(400);
        let (mut out_a, mut out_b) = (Vec::new(), Vec::new());
        let encode =
            interleaved(|| encode_once(&Bincode, value, &mut out_a), || encode_once(&sp, value, &mut out_b), budget);
        let decode =
            interleaved(|| decode_once::<_, T>(&Bincode, &bin_bytes), || decode_once::<_, T>(&sp, &sp_bytes), budget);
        rows.push(Row { name, sizes: (bin_bytes.len(), sp_bytes.len()), encode, decode });
    }
}

fn main() {
    let mut c = Criterion::default()
        .with_measurement(ThreadCpu)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(700))
        .sample_size(20)
        .configure_from_args();
    // The A/B table, of every case (a criterion filter does not apply to it):
    // under `cargo bench` (criterion's test mode, `cargo test --benches`,
    // passes no `--bench`), unless CODEC_BENCH_TABLE=0.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let benching = args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--list");
    let table = std::env::var("CODEC_BENCH_TABLE").map_or(true, |v| v != "0");
    let mut rows = (benching && table).then(Vec::new);

    case(&mut c, "small struct".into(), &small(), None, &mut rows);
    let list = replicas(16);
    case(&mut c, format!("replica list ({} replicas)", list.len()), &list, None, &mut rows);
    let blob = bytes(1 << 20);
    case(&mut c, "Vec<u8> of 1 MiB".into(), &blob, Some(blob.len() as u64), &mut rows);
    let t = tree(5, 4);
    case(&mut c, format!("tree ({} nodes)", nodes(&t)), &t, None, &mut rows);
    c.final_summary();

    if let Some(rows) = rows {
        print_table(&rows);
    }
}

fn print_table(rows: &[Row]) {
    let time = |ns: f64| match ns {
        ns if ns < 1e3 => format!("{ns:.0} ns"),
        ns if ns < 1e4 => format!("{:.2} µs", ns / 1e3),
        ns if ns < 1e6 => format!("{:.1} µs", ns / 1e3),
        ns => format!("{:.2} ms", ns / 1e6),
    };
    println!("\n## struct_pack vs bincode (wire-core's codecs, through `Codec`)\n");
    println!(
        "CPU time per operation, median of alternating batches; ratio: median per-round struct_pack / bincode \
         (below 1: struct_pack is faster).\n"
    );
    println!(
        "| value | bytes bincode / struct_pack | encode bincode | encode struct_pack | encode ratio | decode bincode \
         | decode struct_pack | decode ratio |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for row in rows {
        println!(
            "| {} | {} / {} | {} | {} | **{:.2}x** | {} | {} | **{:.2}x** |",
            row.name,
            row.sizes.0,
            row.sizes.1,
            time(row.encode.a_ns),
            time(row.encode.b_ns),
            row.encode.ratio,
            time(row.decode.a_ns),
            time(row.decode.b_ns),
            row.decode.ratio,
        );
    }
}

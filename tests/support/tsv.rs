//! The tab-separated data files of `tests/data/`: `#` comment lines wherever
//! they stand, then a header line naming the columns, then one row a line.

/// The path of `tests/data/<name>`.
pub fn path(name: &str) -> String {
    format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// One row of a data file.
pub struct Row {
    /// Its 1-based line number in the file.
    pub line: usize,
    /// Its columns: at least the required ones, at most as many as the header's.
    pub cols: Vec<String>,
}

impl Row {
    /// Column `i`, or `""` where the row ends before it.
    pub fn col(&self, i: usize) -> &str {
        self.cols.get(i).map_or("", String::as_str)
    }
}

/// Reads `tests/data/<name>`, whose header must name `columns` and whose rows
/// must have at least the first `required` of them; panics naming the file
/// and line where it does not. Comment and blank lines are skipped.
pub fn read(name: &str, columns: &[&str], required: usize) -> Vec<Row> {
    let path = path(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
    let (at, header) = lines.next().unwrap_or_else(|| panic!("{path}: no header line"));
    assert_eq!(header.split('\t').collect::<Vec<_>>(), columns, "{path}:{}: header", at + 1);
    lines
        .map(|(i, l)| {
            let cols: Vec<String> = l.split('\t').map(str::to_owned).collect();
            assert!(
                (required..=columns.len()).contains(&cols.len()),
                "{path}:{}: expected {required} to {} tab-separated columns ({}), found {}",
                i + 1,
                columns.len(),
                columns.join(", "),
                cols.len()
            );
            Row { line: i + 1, cols }
        })
        .collect()
}

/// A Rust type as the data files spell it, without white space, to compare
/// with `stringify!` (which writes `(String, u64)` as `(String , u64)`).
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

//! A folder of files for one test.

use std::path::{Path, PathBuf};

/// A fresh folder under the system temp dir, removed when the test passes
/// (kept for a look when it fails).
pub struct Dir(PathBuf);

impl Dir {
    /// `wire-golden-BINARY-PID-TEST`, empty.
    pub fn new(test: &str) -> Dir {
        let name = format!("wire-golden-{}-{}-{test}", env!("CARGO_CRATE_NAME"), std::process::id());
        let dir = std::env::temp_dir().join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.0
    }

    /// A path in the folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes `rel` (and the folders it is in) and returns its path as a
    /// command line is given it.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path.to_str().unwrap().to_owned()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

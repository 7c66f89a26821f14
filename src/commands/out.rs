//! The one way a command writes: to standard output or a file, and messages to standard
//! error. Every byte passes the last check for its medium ([`for_medium`]) on the way, so no
//! path through the code can print a file's control characters raw.

use std::io::{self, Write};
use std::path::Path;

use dagsorden::text::{Medium, for_medium};

/// Writes `text` to standard output.
pub fn stdout(medium: Medium, text: &str) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(for_medium(text, medium).as_bytes())?;
    Ok(out.flush()?)
}

/// Writes `text` to `path` (atomically: beside it, then renamed, so a reader never sees half
/// a file), or to standard output without one.
pub fn to(path: Option<&Path>, medium: Medium, text: &str) -> anyhow::Result<()> {
    match path {
        Some(path) => {
            dagsorden::store::atomic::write_atomic(path, for_medium(text, medium).as_bytes())
                .map_err(|e| {
                    let p = path.display();
                    super::Told::because(
                        dagsorden::said!("kan ikke skrive {p}"; "cannot write {p}"),
                        e,
                    )
                })
        }
        None => stdout(medium, text),
    }
}

/// A message on standard error, as terminal text.
pub fn stderr(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(for_medium(text, Medium::Terminal).as_bytes());
}

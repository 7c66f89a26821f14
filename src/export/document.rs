//! Writing an export to a file: the Markdown (or .ics, CSV) as the command line writes it,
//! or, through pandoc where it is installed, a Word document or an HTML page with a title
//! and the document's language so it is complete. Every byte passes the sanitizer of its
//! medium first; the file is written atomically.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::lang::Lang;
use crate::text::{Medium, for_medium};

/// The file formats an export can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    /// Word, through pandoc.
    Docx,
    /// A standalone HTML page, through pandoc.
    Html,
    Csv,
    Ics,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Ics => "ics",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown (.md)",
            Format::Docx => "Word (.docx)",
            Format::Html => "HTML (.html)",
            Format::Csv => "CSV (.csv)",
            Format::Ics => "iCalendar (.ics)",
        }
    }

    /// Whether pandoc makes it (from the Markdown).
    pub fn needs_pandoc(self) -> bool {
        matches!(self, Format::Docx | Format::Html)
    }

    /// The medium whose sanitizer the text passes.
    fn medium(self) -> Medium {
        match self {
            Format::Csv => Medium::Csv,
            Format::Ics => Medium::Ics,
            _ => Medium::Markdown,
        }
    }
}

/// Whether pandoc can be run; asked once per run (the export dialog asks each time it opens).
pub fn pandoc_available() -> bool {
    static AVAILABLE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *AVAILABLE.get_or_init(|| {
        Command::new("pandoc")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("pandoc: {0}")]
    Pandoc(String),
}

/// Writes `text` (Markdown for Word and HTML) to `path` in `format`; the folder is made if
/// missing. `title` and `lang` go into a Word document's and an HTML page's metadata.
pub fn write(
    path: &Path,
    text: &str,
    format: Format,
    title: &str,
    lang: Lang,
) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.display().to_string(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let clean = for_medium(text, format.medium());
    if !format.needs_pandoc() {
        return crate::store::atomic::write_atomic(path, clean.as_bytes()).map_err(io);
    }
    let bytes = pandoc(&clean, format, title, lang)?;
    crate::store::atomic::write_atomic(path, &bytes).map_err(io)
}

/// Runs pandoc on the Markdown (CommonMark, as the exports are written) and returns the
/// document it made; raw HTML in the text is not passed through.
fn pandoc(markdown: &str, format: Format, title: &str, lang: Lang) -> Result<Vec<u8>, WriteError> {
    let to = match format {
        Format::Docx => "docx",
        _ => "html5",
    };
    let lang = match lang {
        Lang::Da => "da-DK",
        Lang::En => "en-GB",
    };
    let mut child = Command::new("pandoc")
        .args(["--from", "commonmark-raw_html", "--to", to, "--standalone"])
        .arg(format!("--metadata=title:{title}"))
        .arg(format!("--metadata=lang:{lang}"))
        .args(["--output", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| WriteError::Pandoc(e.to_string()))?;
    // Written from a thread: a large document would fill the pipe while pandoc writes its
    // own output, and both would wait.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = markdown.to_owned();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        stdin.write_all(input.as_bytes())
    });
    let out = child
        .wait_with_output()
        .map_err(|e| WriteError::Pandoc(e.to_string()))?;
    let _ = writer.join();
    if !out.status.success() {
        let message = String::from_utf8_lossy(&out.stderr);
        return Err(WriteError::Pandoc(
            crate::text::sanitize(message.trim()).into_owned(),
        ));
    }
    Ok(out.stdout)
}

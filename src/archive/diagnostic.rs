//! Problems found in the archive, each pointing at a file, line and column.

use std::fmt::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::lang::{Lang, Said};
use crate::text::sanitize;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    /// The file or value is wrong: the data is not what the user meant.
    Error,
    /// Probably a mistake, or something missing that the user should know about.
    Warning,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// The word in the reader's language: "fejl" / "error".
    pub fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Da) => "fejl",
            (Severity::Warning, Lang::Da) => "advarsel",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
        }
    }
}

/// A place in a file: enough to point at it without keeping the whole file in memory.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Site {
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// The source line, as stored (sanitized when displayed).
    pub line_text: String,
    /// How many characters the caret underlines.
    pub width: usize,
}

impl Site {
    pub fn whole_file(file: &Path) -> Self {
        Site {
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            line_text: String::new(),
            width: 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub site: Site,
    pub message: Said,
    pub hint: Option<Said>,
}

/// How an unresolved merge conflict's diagnostic begins (in English), so that the screens
/// can offer the conflict window for it.
pub const MERGE_CONFLICT: &str = "unresolved merge conflict";

impl Diagnostic {
    /// Whether it reports a field a merge left changed two ways.
    pub fn is_merge_conflict(&self) -> bool {
        self.message.en.starts_with(MERGE_CONFLICT)
    }

    pub fn new(severity: Severity, site: Site, message: Said) -> Self {
        Diagnostic {
            severity,
            site,
            message,
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: Said) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The first line: `file:line:column: severity: message`.
    pub fn headline(&self, lang: Lang) -> String {
        let s = &self.site;
        let place = if s.line == 0 {
            s.file.display().to_string()
        } else {
            format!("{}:{}:{}", s.file.display(), s.line, s.column)
        };
        format!(
            "{}: {}: {}",
            sanitize(&place),
            self.severity.word(lang),
            sanitize(self.message.get(lang))
        )
    }

    /// Renders like a compiler: headline, the source line with a caret, and the hint.
    /// Everything from the file is sanitized, as this goes straight to a terminal.
    pub fn render(&self, lang: Lang) -> String {
        let mut f = String::new();
        // Writing to a String cannot fail.
        let _ = self.render_into(&mut f, lang);
        f
    }

    fn render_into(&self, f: &mut String, lang: Lang) -> std::fmt::Result {
        writeln!(f, "{}", self.headline(lang))?;
        let s = &self.site;
        if s.line > 0 && !s.line_text.is_empty() {
            let number = s.line.to_string();
            let pad = " ".repeat(number.len());
            // Tabs would move the caret; show the line with tabs as single spaces.
            let line: String = s
                .line_text
                .chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {}", sanitize(&line))?;
            let before = " ".repeat(s.column.saturating_sub(1));
            writeln!(f, "{pad} | {before}{}", "^".repeat(s.width.max(1)))?;
        }
        if let Some(hint) = &self.hint {
            let word = match lang {
                Lang::Da => "forslag",
                Lang::En => "hint",
            };
            writeln!(f, "  = {word}: {}", sanitize(hint.get(lang)))?;
        }
        Ok(())
    }
}

/// A file's text with its line starts, to turn byte offsets into lines and columns.
pub struct SourceText<'a> {
    pub file: &'a Path,
    pub text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> SourceText<'a> {
    pub fn new(file: &'a Path, text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceText {
            file,
            text,
            line_starts,
        }
    }

    /// The site of a byte range; ranges past the end point at the last character.
    pub fn site(&self, span: Range<usize>) -> Site {
        let start = floor_char_boundary(self.text, span.start.min(self.text.len()));
        let end = floor_char_boundary(self.text, span.end.clamp(start, self.text.len()));
        let line_index = match self.line_starts.binary_search(&start) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = self.line_starts[line_index];
        let line_end = self.text[line_start..]
            .find('\n')
            .map_or(self.text.len(), |i| line_start + i);
        let line_text = self.text[line_start..line_end].trim_end_matches('\r');
        let column = self.text[line_start..start].chars().count() + 1;
        let width = self.text[start..end.min(line_end)].chars().count();
        Site {
            file: self.file.to_path_buf(),
            line: line_index + 1,
            column,
            line_text: line_text.to_owned(),
            width,
        }
    }

    /// The byte range of a 1-based line's text, without its line ending.
    pub fn line_span(&self, line: usize) -> Range<usize> {
        let start = self.line_starts[line - 1];
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        start..end
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_count_lines_and_characters() {
        let text = "a = 1\nbæ = \"ø\"\n";
        let src = SourceText::new(Path::new("x.toml"), text);
        let start = text.find("\"ø\"").unwrap();
        let site = src.site(start..start + "\"ø\"".len());
        assert_eq!((site.line, site.column, site.width), (2, 6, 3));
        assert_eq!(site.line_text, "bæ = \"ø\"");
    }

    #[test]
    fn display_points_a_caret_at_the_column() {
        let text = "body = \"sdff\"\n";
        let src = SourceText::new(Path::new("m.toml"), text);
        let d = Diagnostic::new(
            Severity::Error,
            src.site(7..13),
            crate::said!("ukendt organ `sdff`"; "unknown body `sdff`"),
        )
        .with_hint(crate::said!("organerne er: fu, sdf"; "known bodies: fu, sdf"));
        assert_eq!(
            d.render(Lang::En),
            "m.toml:1:8: error: unknown body `sdff`\n  |\n1 | body = \"sdff\"\n  |        ^^^^^^\n  = hint: known bodies: fu, sdf\n"
        );
        assert!(
            d.render(Lang::Da)
                .starts_with("m.toml:1:8: fejl: ukendt organ `sdff`\n")
        );
        assert!(
            d.render(Lang::Da)
                .ends_with("  = forslag: organerne er: fu, sdf\n")
        );
    }

    #[test]
    fn file_text_is_sanitized_when_displayed() {
        let text = "title = \"\x1b[2J\"\n";
        let src = SourceText::new(Path::new("m.toml"), text);
        let d = Diagnostic::new(Severity::Warning, src.site(8..9), crate::said!("x"; "x"));
        assert!(!d.render(Lang::Da).contains('\x1b'));
    }
}

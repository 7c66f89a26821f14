//! Word wrapping of styled text by display width, so Danish letters, wide characters and
//! hanging indents line up. Text is sanitized here: nothing from a file reaches the terminal
//! without passing through [`crate::text::sanitize`].

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::text::sanitize;

/// Builds wrapped lines from styled pieces of text.
pub struct Wrapper {
    width: usize,
    first_prefix: Vec<Span<'static>>,
    rest_prefix: Vec<Span<'static>>,
    lines: Vec<Line<'static>>,
    current: Vec<Span<'static>>,
    current_width: usize,
    /// A space is owed before the next word (collapsed at line starts).
    pending_space: Option<Style>,
}

impl Wrapper {
    /// `prefix` starts the first line, `hang` every following one (e.g. "• " and "  ").
    pub fn new(width: usize, prefix: Vec<Span<'static>>, hang: Vec<Span<'static>>) -> Wrapper {
        // Indentation that leaves no room for text is dropped rather than overflow the line.
        let too_wide = |spans: &[Span<'static>]| {
            spans.iter().map(|s| s.content.width()).sum::<usize>() >= width
        };
        let (prefix, hang) = if too_wide(&prefix) || too_wide(&hang) {
            (vec![], vec![])
        } else {
            (prefix, hang)
        };
        let mut w = Wrapper {
            width: width.max(1),
            first_prefix: prefix,
            rest_prefix: hang,
            lines: Vec::new(),
            current: Vec::new(),
            current_width: 0,
            pending_space: None,
        };
        w.start_line();
        w
    }

    pub fn plain(width: usize) -> Wrapper {
        Wrapper::new(width, vec![], vec![])
    }

    fn start_line(&mut self) {
        let prefix = if self.lines.is_empty() {
            self.first_prefix.clone()
        } else {
            self.rest_prefix.clone()
        };
        self.current_width = prefix.iter().map(|s| s.content.width()).sum();
        self.current = prefix;
        self.pending_space = None;
    }

    fn line_is_empty(&self) -> bool {
        let prefix = if self.lines.is_empty() {
            &self.first_prefix
        } else {
            &self.rest_prefix
        };
        self.current.len() == prefix.len()
    }

    /// Ends the current line (a hard break).
    pub fn newline(&mut self) {
        let line = std::mem::take(&mut self.current);
        self.lines.push(Line::from(line));
        self.start_line();
    }

    /// Adds text; runs of whitespace become single spaces and lines break between words.
    pub fn push(&mut self, text: &str, style: Style) {
        for (i, word) in sanitize(text).split([' ', '\t', '\n', '\r']).enumerate() {
            if i > 0 {
                self.pending_space = Some(style);
            }
            if !word.is_empty() {
                self.push_word(word, style);
            }
        }
    }

    /// Adds text that must not be broken at spaces (e.g. a badge), unless it cannot fit on
    /// a line of its own.
    pub fn push_unbroken(&mut self, text: &str, style: Style) {
        self.push_word(&sanitize(text), style);
    }

    fn push_word(&mut self, word: &str, style: Style) {
        let word_width = word.width();
        let space = usize::from(self.pending_space.is_some() && !self.line_is_empty());
        if self.current_width + space + word_width > self.width && !self.line_is_empty() {
            self.newline();
        } else if space == 1 {
            let space_style = self.pending_space.unwrap_or(style);
            self.current.push(Span::styled(" ", space_style));
            self.current_width += 1;
        }
        self.pending_space = None;
        if self.current_width + word_width <= self.width {
            self.current.push(Span::styled(word.to_owned(), style));
            self.current_width += word_width;
            return;
        }
        // Longer than a whole line: break it by characters.
        let mut piece = String::new();
        for c in word.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if self.current_width + w > self.width && (!piece.is_empty() || !self.line_is_empty()) {
                if !piece.is_empty() {
                    self.current
                        .push(Span::styled(std::mem::take(&mut piece), style));
                }
                self.newline();
            }
            piece.push(c);
            self.current_width += w;
        }
        if !piece.is_empty() {
            self.current.push(Span::styled(piece, style));
        }
    }

    /// The wrapped lines; an empty wrapper gives one line holding its prefix.
    pub fn finish(mut self) -> Vec<Line<'static>> {
        if !self.line_is_empty() || self.lines.is_empty() {
            let line = std::mem::take(&mut self.current);
            self.lines.push(Line::from(line));
        }
        self.lines
    }
}

/// Wraps one piece of plain text.
pub fn wrap(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    let mut w = Wrapper::plain(width);
    w.push(text, style);
    w.finish()
}

/// Cuts sanitized text to `width` columns, ending with "…" when cut.
pub fn truncate(text: &str, width: usize) -> String {
    let clean = sanitize(text);
    if clean.width() <= width {
        return clean.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in clean.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Cuts a line of spans to `width` columns; the last span that does not fit ends in "…".
pub fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut out = Vec::new();
    let mut used = 0;
    for span in spans {
        let text = sanitize(&span.content);
        let w = text.width();
        if used + w <= width {
            used += w;
            out.push(Span::styled(text.into_owned(), span.style));
        } else {
            let room = width - used;
            if room > 0 {
                out.push(Span::styled(truncate(&text, room), span.style));
            }
            break;
        }
    }
    Line::from(out)
}

/// The display width of a line.
pub fn line_width(line: &Line<'_>) -> usize {
    line.spans.iter().map(|s| s.content.width()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line<'_>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn words_wrap_by_display_width_with_a_hanging_indent() {
        let mut w = Wrapper::new(14, vec![Span::raw("• ")], vec![Span::raw("  ")]);
        w.push("Børnehusene Stjernen får økonomi", Style::default());
        assert_eq!(
            texts(&w.finish()),
            vec!["• Børnehusene", "  Stjernen får", "  økonomi"]
        );
    }

    #[test]
    fn wide_characters_count_double_and_long_words_break() {
        let lines = wrap("日本語テキスト", 6, Style::default());
        assert_eq!(texts(&lines), vec!["日本語", "テキス", "ト"]);
        for line in &lines {
            assert!(line_width(line) <= 6);
        }
        let long = wrap("Socialdirektørforummet", 10, Style::default());
        assert!(long.iter().all(|l| line_width(l) <= 10));
        assert_eq!(texts(&long).concat(), "Socialdirektørforummet");
    }

    #[test]
    fn control_and_bidi_characters_become_visible() {
        let lines = wrap("a\u{1b}[2J b\u{202e}c", 40, Style::default());
        let text = texts(&lines).concat();
        assert!(!text.contains('\u{1b}'));
        assert!(!text.contains('\u{202e}'));
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("Økonomi og styring", 8), "Økonomi…");
        assert_eq!(truncate("kort", 8), "kort");
        assert_eq!(truncate("kort", 0), "");
    }
}

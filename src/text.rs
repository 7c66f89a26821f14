//! Making text from files safe to print on a terminal.
//!
//! A file may hold escape sequences (`ESC [2J` clears the screen, `ESC ]0;…BEL` retitles the
//! window), bidi overrides that make text read differently than it is stored, and zero-width
//! characters that hide differences. None of these may reach the terminal as they are: each is
//! replaced by a visible placeholder, so the user sees that something is there.

use std::borrow::Cow;

/// What a character must be shown as, if it cannot be shown as itself.
///
/// By Unicode's general categories rather than a hand list: every control (Cc), format
/// character (Cf: bidi embeddings, overrides and isolates, zero-width characters, the soft
/// hyphen, the Arabic letter mark, tag characters, the byte-order mark), line and paragraph
/// separator (Zl, Zp); and the invisible letters that pass for text (the Hangul fillers, the
/// combining grapheme joiner, the Mongolian variation selectors).
fn placeholder(c: char) -> Option<char> {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    if c.is_ascii() {
        return match c {
            // C0 controls become the matching "control picture" (␛ for ESC, ␇ for BEL …).
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
            '\u{7f}' => Some('␡'),
            _ => None,
        };
    }
    match c {
        // Latin letters (æ, ø, å, é …): by far the most common non-ASCII text here.
        '\u{c0}'..='\u{24f}' => None,
        // General punctuation (dashes, quotes, bullets, …) beside its format characters.
        '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}' => Some('�'),
        '\u{2010}'..='\u{205f}' => None,
        '\u{115f}'
        | '\u{1160}'
        | '\u{3164}'
        | '\u{ffa0}'
        | '\u{034f}'
        | '\u{180b}'..='\u{180f}' => Some('�'),
        _ => matches!(
            c.general_category(),
            GeneralCategory::Control
                | GeneralCategory::Format
                | GeneralCategory::LineSeparator
                | GeneralCategory::ParagraphSeparator
        )
        .then_some('�'),
    }
}

/// Whether `c` cannot be shown as itself: a control, format, separator or invisible
/// character (what [`sanitize`] shows as a placeholder). Such characters are not taken into
/// typed or pasted text.
pub fn is_hidden(c: char) -> bool {
    placeholder(c).is_some()
}

/// Replaces every control, bidi and invisible character with a visible placeholder.
/// Newlines are kept when `keep_newlines` is set (multi-line text), tabs become spaces.
pub fn sanitize_with(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let needs_work = text.chars().any(|c| placeholder(c).is_some());
    if !needs_work {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\t' => out.push_str("    "),
            '\r' if keep_newlines => {}
            _ => out.push(placeholder(c).unwrap_or(c)),
        }
    }
    Cow::Owned(out)
}

/// A text on one line for lists and tables: runs of whitespace (newlines too) become one
/// space, then it is sanitized.
pub fn one_line(text: &str) -> String {
    sanitize(&text.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

/// Sanitizes one line of text: newlines are shown as placeholders too.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    sanitize_with(text, false)
}

/// Sanitizes multi-line text, keeping its line breaks.
pub fn sanitize_multiline(text: &str) -> Cow<'_, str> {
    sanitize_with(text, true)
}

/// The 1-based line and column (in characters) of a byte offset, for messages about a file.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(sanitize("a\x1b[2Jb\x1b]0;x\x07"), "a␛[2Jb␛]0;x␇");
    }

    #[test]
    fn bidi_and_zero_width_become_visible() {
        assert_eq!(sanitize("abc\u{202e}def\u{200b}g\u{2066}"), "abc�def�g�");
    }

    #[test]
    fn every_control_format_and_separator_character_becomes_visible() {
        for c in [
            '\u{9b}',    // CSI (C1)
            '\u{85}',    // NEL (C1)
            '\u{ad}',    // soft hyphen
            '\u{61c}',   // Arabic letter mark
            '\u{2028}',  // line separator
            '\u{2029}',  // paragraph separator
            '\u{e0041}', // tag letter A
            '\u{e007f}', // cancel tag
            '\u{115f}',  // Hangul choseong filler
            '\u{3164}',  // Hangul filler
            '\u{ffa0}',  // halfwidth Hangul filler
            '\u{180e}',  // Mongolian vowel separator
            '\u{2066}',  // left-to-right isolate
            '\u{feff}',  // byte-order mark
        ] {
            let shown = sanitize(&format!("a{c}b")).into_owned();
            assert_eq!(shown, "a�b", "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn danish_and_wide_text_is_untouched() {
        let text = "Børnehusene Stjernen – Økonomi, ÆØÅ 日本";
        assert!(matches!(sanitize(text), Cow::Borrowed(_)));
    }

    #[test]
    fn newlines_kept_only_in_multiline_text() {
        assert_eq!(sanitize("a\nb"), "a␊b");
        assert_eq!(sanitize_multiline("a\r\nb\x1b"), "a\nb␛");
    }
}

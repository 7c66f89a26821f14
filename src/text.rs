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

/// At most `max` characters of `text`, with "…" where it was cut.
pub fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
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

/// Where a command's output goes, for the last check every byte passes on its way out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Medium {
    /// Text for a terminal: line breaks, and the bold and reset this tool marks hits with.
    Terminal,
    /// A Markdown document: line breaks only.
    Markdown,
    /// JSON: a raw control can only be inside a string, where `\u` escapes it.
    Json,
    /// CSV: line breaks (CRLF too) only.
    Csv,
    /// iCalendar: CRLF line ends only.
    Ics,
}

/// The bold and the reset the CLI writes around search hits on a terminal (SGR 1 and 0):
/// they only change the weight of text, so the terminal check lets them through.
pub const BOLD: &str = "\x1b[1m";
pub const RESET: &str = "\x1b[0m";

/// The last check on everything a command writes: the exports sanitize each field for
/// their medium already, and this makes sure, whatever path a text took, that no control,
/// bidi or invisible character leaves raw. Text that passes is returned as it is.
pub fn for_medium(text: &str, medium: Medium) -> Cow<'_, str> {
    let allowed = |rest: &str, c: char| match (c, medium) {
        ('\n', _) => true,
        ('\r', Medium::Csv) => true,
        ('\r', Medium::Ics) => rest[1..].starts_with('\n'),
        ('\u{1b}', Medium::Terminal) => rest.starts_with(BOLD) || rest.starts_with(RESET),
        _ => !is_hidden(c),
    };
    let clean = text.char_indices().all(|(i, c)| allowed(&text[i..], c));
    if clean {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, c) in text.char_indices() {
        if allowed(&text[i..], c) {
            out.push(c);
        } else if medium == Medium::Json {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(placeholder(c).unwrap_or(c));
        }
    }
    Cow::Owned(out)
}

/// A size as people say it: "120 kB", "49 MB".
pub fn byte_size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{} MB", bytes >> 20)
    } else if bytes == 0 {
        "0 kB".to_owned()
    } else {
        format!("{} kB", (bytes >> 10).max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_check_lets_each_medium_keep_only_its_own_controls() {
        let hostile = "a\x1b]0;x\x07b\u{202e}c\r\nd\n";
        assert_eq!(for_medium(hostile, Medium::Terminal), "a␛]0;x␇b�c␍\nd\n");
        assert_eq!(for_medium(hostile, Medium::Markdown), "a␛]0;x␇b�c␍\nd\n");
        assert_eq!(for_medium(hostile, Medium::Csv), "a␛]0;x␇b�c\r\nd\n");
        assert_eq!(for_medium(hostile, Medium::Ics), "a␛]0;x␇b�c\r\nd\n");
        assert_eq!(
            for_medium(hostile, Medium::Json),
            "a\\u001b]0;x\\u0007b\\u202ec\\u000d\nd\n"
        );
        // The tool's own bold passes on a terminal, nowhere else, and nothing else does.
        let marked = format!("{BOLD}hit{RESET} \x1b[2J");
        assert_eq!(
            for_medium(&marked, Medium::Terminal),
            format!("{BOLD}hit{RESET} ␛[2J")
        );
        assert_eq!(for_medium(&marked, Medium::Markdown), "␛[1mhit␛[0m ␛[2J");
        // Clean text is not copied.
        assert!(matches!(
            for_medium("æøå\n", Medium::Markdown),
            Cow::Borrowed(_)
        ));
    }

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

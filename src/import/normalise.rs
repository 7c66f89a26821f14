//! A page's bytes as lines of text: UTF-8 or Latin-1, Windows line endings, non-breaking
//! spaces and soft hyphens undone, with a note of each repair.

/// One line of the input, with its 1-based number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub no: usize,
    pub text: String,
}

/// A page's bytes as text: UTF-8, or else Latin-1 (ISO 8859-1), without a byte-order mark.
pub fn decode(bytes: &[u8]) -> (String, Vec<String>) {
    let mut notes = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            notes.push("not UTF-8: read as Latin-1 (ISO 8859-1)".to_owned());
            bytes.iter().map(|&b| char::from(b)).collect()
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    (text, notes)
}

/// A page, as text or as a saved web page (told by its content), as lines.
pub fn page(bytes: &[u8]) -> (Vec<Line>, Vec<String>) {
    if !super::html::looks_like_html(bytes) {
        return lines(bytes);
    }
    let (text, mut notes) = decode(bytes);
    let (lines, more) = clean(super::html::lines(&text));
    notes.push("read as a web page (HTML)".to_owned());
    notes.extend(more);
    (lines, notes)
}

/// The page's lines (trailing whitespace trimmed; a line of only spaces is empty), and
/// what was repaired on the way.
pub fn lines(bytes: &[u8]) -> (Vec<Line>, Vec<String>) {
    let (text, mut notes) = decode(bytes);
    if text.contains("\r\n") {
        notes.push("Windows line endings".to_owned());
    }
    let raw = text
        .split('\n')
        .enumerate()
        .map(|(i, raw)| Line {
            no: i + 1,
            text: raw.to_owned(),
        })
        .collect();
    let (lines, more) = clean(raw);
    notes.extend(more);
    (lines, notes)
}

/// Carriage returns, non-breaking spaces and soft hyphens undone in each line.
fn clean(lines: Vec<Line>) -> (Vec<Line>, Vec<String>) {
    let mut nbsp = false;
    let mut shy = false;
    let lines = lines
        .into_iter()
        .map(|Line { no, text: raw }| {
            let mut line = String::with_capacity(raw.len());
            for c in raw.chars() {
                match c {
                    '\r' => {}
                    '\u{a0}' | '\u{202f}' => {
                        nbsp = true;
                        line.push(' ');
                    }
                    '\u{ad}' => shy = true,
                    c => line.push(c),
                }
            }
            let trimmed = line.trim_end();
            Line {
                no,
                text: if trimmed.trim().is_empty() {
                    String::new()
                } else {
                    trimmed.to_owned()
                },
            }
        })
        .collect();
    let mut notes = Vec::new();
    if nbsp {
        notes.push("non-breaking spaces read as spaces".to_owned());
    }
    if shy {
        notes.push("soft hyphens removed".to_owned());
    }
    (lines, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_latin_1_and_invisible_spacing_are_undone_with_a_note() {
        let (lines, notes) = lines(b"M\xf8de\r\n \xa0 \r\nbe\xadslutning");
        let texts: Vec<_> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Møde", "", "beslutning"]);
        assert_eq!(notes.len(), 4, "{notes:?}");
    }
}

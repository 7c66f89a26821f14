//! A page's bytes as lines of text: UTF-8 or Latin-1, Windows line endings, non-breaking
//! spaces and soft hyphens undone, with a note of each repair.

/// One line of the input, with its 1-based number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub no: usize,
    pub text: String,
}

/// The page's lines (trailing whitespace trimmed; a line of only spaces is empty), and
/// what was repaired on the way.
pub fn lines(bytes: &[u8]) -> (Vec<Line>, Vec<String>) {
    let mut notes = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            notes.push("not UTF-8: read as Latin-1 (ISO 8859-1)".to_owned());
            bytes.iter().map(|&b| char::from(b)).collect()
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.contains("\r\n") {
        notes.push("Windows line endings".to_owned());
    }
    let mut nbsp = false;
    let mut shy = false;
    let lines = text
        .split('\n')
        .enumerate()
        .map(|(i, raw)| {
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
                no: i + 1,
                text: if trimmed.trim().is_empty() {
                    String::new()
                } else {
                    trimmed.to_owned()
                },
            }
        })
        .collect();
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

//! A page's bytes as lines of text: UTF-8 or Latin-1, Windows line endings, non-breaking
//! spaces and soft hyphens undone, with a note of each repair.

/// A repair made to a page's text on the way in, reported to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repair {
    Latin1,
    WindowsLineEndings,
    Html,
    NonBreakingSpaces,
    SoftHyphens,
    Pdf,
}

impl Repair {
    pub fn message(self, lang: crate::lang::Lang) -> &'static str {
        let (da, en) = match self {
            Repair::Latin1 => (
                "ikke UTF-8: læst som Latin-1 (Windows-1252)",
                "not UTF-8: read as Latin-1 (Windows-1252)",
            ),
            Repair::WindowsLineEndings => ("Windows-linjeskift", "Windows line endings"),
            Repair::Html => ("læst som webside (HTML)", "read as a web page (HTML)"),
            Repair::NonBreakingSpaces => (
                "hårde mellemrum læst som mellemrum",
                "non-breaking spaces read as spaces",
            ),
            Repair::SoftHyphens => ("bløde bindestreger fjernet", "soft hyphens removed"),
            Repair::Pdf => (
                "læst som PDF (tekst trukket ud med pdftotext)",
                "read as a PDF (text extracted with pdftotext)",
            ),
        };
        match lang {
            crate::lang::Lang::Da => da,
            crate::lang::Lang::En => en,
        }
    }
}

/// One line of the input, with its 1-based number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub no: usize,
    pub text: String,
}

/// A page's bytes as text: UTF-8, or else Latin-1 as browsers read it (Windows-1252, the
/// WHATWG encoding for the label "latin1": ISO 8859-1 with – • € " " in 0x80–0x9F),
/// without a byte-order mark.
pub fn decode(bytes: &[u8]) -> (String, Vec<Repair>) {
    let mut notes = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            notes.push(Repair::Latin1);
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned()
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    (text, notes)
}

/// A page, as text or as a saved web page (told by its content), as lines.
pub fn page(bytes: &[u8]) -> (Vec<Line>, Vec<Repair>) {
    if !super::html::looks_like_html(bytes) {
        return lines(bytes);
    }
    let (text, mut notes) = decode(bytes);
    let (lines, more) = clean(super::html::lines(&text));
    notes.push(Repair::Html);
    notes.extend(more);
    (lines, notes)
}

/// The page's lines (trailing whitespace trimmed; a line of only spaces is empty), and
/// what was repaired on the way.
pub fn lines(bytes: &[u8]) -> (Vec<Line>, Vec<Repair>) {
    let (text, mut notes) = decode(bytes);
    if text.contains("\r\n") {
        notes.push(Repair::WindowsLineEndings);
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
fn clean(lines: Vec<Line>) -> (Vec<Line>, Vec<Repair>) {
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
        notes.push(Repair::NonBreakingSpaces);
    }
    if shy {
        notes.push(Repair::SoftHyphens);
    }
    (lines, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_latin_1_and_invisible_spacing_are_undone_with_a_note() {
        let (lines, notes) = lines(b"M\xf8de\r\n \xa0 \r\nbe\xadslutning \x96 \x95 punkt");
        let texts: Vec<_> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Møde", "", "beslutning – • punkt"]);
        assert_eq!(notes.len(), 4, "{notes:?}");
    }
}

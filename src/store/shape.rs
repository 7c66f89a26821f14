//! A file's shape beyond its TOML: a byte-order mark, CRLF line endings, and whether it
//! ends in a newline. An edit works on the plain text (no BOM, LF line endings) and the
//! shape is put back on what it writes, so an edit changes only the bytes of the field it
//! edits.

/// The byte-order mark some Windows editors write first.
const BOM: char = '\u{feff}';

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub bom: bool,
    /// Lines end in CRLF (judged by the first line end).
    pub crlf: bool,
    /// The last line ends in a newline.
    pub final_newline: bool,
}

impl Shape {
    pub fn of(text: &str) -> Shape {
        let body = text.strip_prefix(BOM).unwrap_or(text);
        Shape {
            bom: body.len() != text.len(),
            crlf: body.find('\n').is_some_and(|i| body[..i].ends_with('\r')),
            final_newline: body.is_empty() || body.ends_with('\n'),
        }
    }

    /// The text an edit works on: no BOM, LF line endings.
    pub fn plain(text: &str) -> String {
        text.strip_prefix(BOM).unwrap_or(text).replace("\r\n", "\n")
    }

    /// Puts the shape back on `plain` text an edit wrote.
    pub fn restore(self, plain: &str) -> String {
        let mut text = plain.replace("\r\n", "\n");
        if !self.final_newline && text.ends_with('\n') && !text.ends_with("\n\n") {
            text.pop();
        }
        if self.crlf {
            text = text.replace('\n', "\r\n");
        }
        if self.bom {
            text.insert(0, BOM);
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_and_a_missing_final_newline_survive() {
        for text in [
            "a = 1\nb = 2\n",
            "a = 1\r\nb = 2\r\n",
            "\u{feff}a = 1\r\nb = 2",
            "a = 1\nb = 2",
            "",
        ] {
            let shape = Shape::of(text);
            assert_eq!(shape.restore(&Shape::plain(text)), text, "{text:?}");
        }
        let shape = Shape::of("\u{feff}a = 1\r\nb = 2");
        assert_eq!(
            (shape.bom, shape.crlf, shape.final_newline),
            (true, true, false)
        );
        // What an edit adds takes the file's line endings.
        assert_eq!(
            shape.restore("a = 1\nb = 3\nc = 4\n"),
            "\u{feff}a = 1\r\nb = 3\r\nc = 4"
        );
    }
}

//! A file's shape beyond its TOML: a byte-order mark, its line endings (CRLF, LF, or a mix
//! of both), and whether it ends in a newline. An edit works on the plain text (no BOM, LF
//! line endings); [`splice`] puts only the bytes that changed back into the file as
//! written, so an edit changes the bytes of the field it edits and no others.

/// The byte-order mark some Windows editors write first.
const BOM: char = '\u{feff}';

/// The text an edit works on: no BOM, LF line endings.
pub fn plain(text: &str) -> String {
    plain_with_offsets(text).0
}

/// The plain text, and for each of its bytes (and its end) the offset of that byte in
/// `text`: a `\n` that was `\r\n` maps to its `\r`.
fn plain_with_offsets(text: &str) -> (String, Vec<usize>) {
    let start = if text.starts_with(BOM) {
        BOM.len_utf8()
    } else {
        0
    };
    let bytes = text.as_bytes();
    let mut plain = Vec::with_capacity(text.len() - start);
    let mut offsets = Vec::with_capacity(text.len() - start + 1);
    let mut i = start;
    while i < bytes.len() {
        // CRs before an LF end the line with it ("\r\r\n" too, which the loader's TOML
        // reader also takes for one line end): the edit sees an LF, and the CRs are kept.
        let crs = bytes[i..].iter().take_while(|&&b| b == b'\r').count();
        if crs > 0 && bytes.get(i + crs) == Some(&b'\n') {
            plain.push(b'\n');
            offsets.push(i);
            i += crs + 1;
        } else {
            plain.push(bytes[i]);
            offsets.push(i);
            i += 1;
        }
    }
    offsets.push(bytes.len());
    // Only a CR before an LF was taken out, so the bytes are still UTF-8.
    let plain = String::from_utf8(plain).expect("UTF-8 stays UTF-8 without CRs before LFs");
    (plain, offsets)
}

/// `base`, a file as written, with the edit's plain text `edited` (LF line endings) in place of its plain
/// text. Bytes outside the changed part are kept exactly as they were (a BOM, each line's
/// ending, a missing final newline); the changed part takes the line endings of the file
/// (those of its first line).
pub fn splice(base: &str, edited: &str) -> String {
    let (plain, offsets) = plain_with_offsets(base);
    let mut edited = edited.to_owned();
    // The TOML writer ends the text in a newline; a file that had none keeps having none.
    let final_newline = plain.is_empty() || plain.ends_with('\n');
    if !final_newline && edited.ends_with('\n') && !edited.ends_with("\n\n") {
        edited.pop();
    }
    let mut prefix = plain
        .bytes()
        .zip(edited.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !plain.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let mut suffix = plain.as_bytes()[prefix..]
        .iter()
        .rev()
        .zip(edited.as_bytes()[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    while !plain.is_char_boundary(plain.len() - suffix) {
        suffix -= 1;
    }
    let crlf = plain
        .find('\n')
        .is_some_and(|i| base.as_bytes()[offsets[i]] == b'\r');
    let middle = &edited[prefix..edited.len() - suffix];
    let mut out = String::with_capacity(base.len() + middle.len() * 2);
    out.push_str(&base[..offsets[prefix]]);
    if crlf {
        out.push_str(&middle.replace('\n', "\r\n"));
    } else {
        out.push_str(middle);
    }
    out.push_str(&base[offsets[plain.len() - suffix]..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_spliced_with_its_own_plain_text_is_unchanged() {
        for text in [
            "a = 1\nb = 2\n",
            "a = 1\r\nb = 2\r\n",
            "\u{feff}a = 1\r\nb = 2",
            "a = 1\nb = 2",
            "a = 1\r\nb = 2\nc = 3\r\n",
            "a = \"ø\"\r",
            "\r\r\n",
            "a = 1\r\r\nb = 2\n",
            "",
        ] {
            assert_eq!(splice(text, &plain(text)), text, "{text:?}");
            // The TOML writer's final newline, where the file had none.
            if !text.is_empty() && !text.ends_with('\n') {
                assert_eq!(
                    splice(text, &format!("{}\n", plain(text))),
                    text,
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn what_an_edit_adds_takes_the_files_line_endings() {
        assert_eq!(
            splice("\u{feff}a = 1\r\nb = 2", "a = 1\nb = 3\nc = 4\n"),
            "\u{feff}a = 1\r\nb = 3\r\nc = 4"
        );
    }

    #[test]
    fn a_mixed_file_keeps_each_lines_ending() {
        let base = "a = 1\r\nb = 2\nc = 3\r\nd = 4\n";
        assert_eq!(
            splice(base, "a = 1\nb = 2\nc = 33\nd = 4\n"),
            "a = 1\r\nb = 2\nc = 33\r\nd = 4\n"
        );
    }

    #[test]
    fn a_change_inside_a_character_is_spliced_whole() {
        // ø (C3 B8) and æ (C3 A6) share their first byte.
        assert_eq!(splice("t = \"ø\"\r\n", "t = \"æ\"\n"), "t = \"æ\"\r\n");
    }
}

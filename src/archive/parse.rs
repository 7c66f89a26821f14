//! From bytes on disk to raw structs: encoding, merge conflicts and TOML syntax, each turned
//! into one precise diagnostic with a hint where a common mistake is recognisable.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::diagnostic::{Diagnostic, Severity, Site, SourceText};
use super::toml_message;
use crate::lang::Said;
use crate::said;

const BOM: &str = "\u{feff}";

/// Decodes a file's bytes as UTF-8, dropping a leading byte-order mark and reading CRLF
/// line endings as LF (a text written on Windows holds the same strings as on Linux; saving
/// puts both back as they were).
pub fn decode(file: &Path, bytes: Vec<u8>) -> Result<String, Box<Diagnostic>> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with(BOM) {
                text.drain(..BOM.len());
            }
            if text.contains("\r\n") {
                text = text.replace("\r\n", "\n");
            }
            Ok(text)
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let byte = e.as_bytes()[at];
            let lossy = String::from_utf8_lossy(e.as_bytes());
            let site = SourceText::new(file, &lossy).site(at..at + 1);
            Err(Box::new(
                Diagnostic::new(
                    Severity::Error,
                    site,
                    said!(
                        "filen er ikke gyldig UTF-8 (byten 0x{byte:02X} er ikke et tegn)";
                        "the file is not valid UTF-8 (byte 0x{byte:02X} is not a character)"
                    ),
                )
                .with_hint(said!(
                    "gem filen som UTF-8; et program, der skrev Latin-1 eller Windows-1252, gør æ, ø og å til sådanne bytes";
                    "save the file as UTF-8; an editor that wrote Latin-1 or Windows-1252 turns æ, ø and å into such bytes"
                )),
            ))
        }
    }
}

/// Finds the first merge-conflict marker line, which TOML would report confusingly.
fn merge_conflict(src: &SourceText) -> Option<Diagnostic> {
    (1..=src.line_count()).find_map(|line| {
        let span = src.line_span(line);
        let text = &src.text[span.clone()];
        let is_marker = ["<<<<<<<", "=======", ">>>>>>>", "|||||||"]
            .iter()
            .any(|m| text.starts_with(m) && text[m.len()..].chars().next().is_none_or(|c| c == ' '));
        is_marker.then(|| {
            let marker_len = text.len().min(7);
            Diagnostic::new(
                Severity::Error,
                src.site(span.start..span.start + marker_len),
                said!("uløst flettekonflikt"; "unresolved merge conflict"),
            )
            .with_hint(said!(
                "behold den udgave, du vil have, mellem linjerne <<<<<<<, ======= og >>>>>>>, og slet de linjer";
                "keep the version you want between the <<<<<<<, ======= and >>>>>>> lines and delete those marker lines"
            ))
        })
    })
}

/// Parses TOML text into `T`, or one diagnostic for the first problem.
pub fn parse_toml<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Box<Diagnostic>> {
    let src = SourceText::new(file, text);
    if let Some(d) = merge_conflict(&src) {
        return Err(Box::new(d));
    }
    toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let site = if text.is_empty() {
            Site::whole_file(file)
        } else {
            src.site(span.clone())
        };
        let raw = e.message().trim();
        let hint = hint_for(raw, &site, text, span.start);
        let message = if non_iso_date(&site.line_text).is_some() {
            said!("en dato skrives ÅÅÅÅ-MM-DD"; "a date must be written YYYY-MM-DD")
        } else {
            toml_message::said(raw)
        };
        let mut d = Diagnostic::new(Severity::Error, site, message);
        d.hint = hint;
        Box::new(d)
    })
}

/// Recognises common mistakes behind a TOML error.
fn hint_for(message: &str, site: &Site, text: &str, offset: usize) -> Option<Said> {
    if let Some(date) = non_iso_date(&site.line_text) {
        return Some(said!(
            "skriv datoer som ÅÅÅÅ-MM-DD uden anførselstegn, fx `{date}`";
            "write dates as YYYY-MM-DD without quotes, e.g. `{date}`"
        ));
    }
    if message.contains("expected a TOML datetime") || message.contains("expected a date") {
        return Some(said!(
            "skriv datoer uden anførselstegn, fx `date = 2018-02-09`, og tider som `start = 09:00:00`";
            "write dates without quotes, e.g. `date = 2018-02-09`; times as `start = 09:00:00`"
        ));
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`')?;
        let suggestion = expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(|candidate| (strsim::jaro_winkler(field, candidate), candidate))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        return suggestion.map(|(_, c)| said!("mente du `{c}`?"; "did you mean `{c}`?"));
    }
    if offset >= text.trim_end().len() {
        return Some(said!(
            "filen slutter midt i en værdi: den kan være skåret af; sammenlign den med en sikkerhedskopi eller `git diff`";
            "the file ends in the middle of a value: it may have been cut off; compare it with a backup or `git diff`"
        ));
    }
    None
}

/// Finds a date written the Danish everyday way ("9/2-2018", "9.2.2018", "09-02-2018") and
/// returns the ISO spelling of it.
fn non_iso_date(line: &str) -> Option<String> {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let mut parts = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            parts.push(&line[start..j]);
            if parts.len() == 3 || j >= bytes.len() || !matches!(bytes[j], b'/' | b'.' | b'-') {
                break;
            }
            if !bytes.get(j + 1).is_some_and(u8::is_ascii_digit) {
                break;
            }
            j += 1;
        }
        if let [d, m, y] = parts[..]
            && d.len() <= 2
            && m.len() <= 2
            && (y.len() == 4 || y.len() == 2)
        {
            let year: i32 = y.parse().ok()?;
            let year = if year < 100 { 2000 + year } else { year };
            let date = chrono::NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)?;
            return Some(date.format("%Y-%m-%d").to_string());
        }
        i = j.max(i + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_dates_are_recognised() {
        assert_eq!(non_iso_date("date = 9/2-2018"), Some("2018-02-09".into()));
        assert_eq!(
            non_iso_date("date = \"9.2.2018\""),
            Some("2018-02-09".into())
        );
        assert_eq!(non_iso_date("date = 24-01-18"), Some("2018-01-24".into()));
        assert_eq!(non_iso_date("date = 2018-02-09"), None);
        assert_eq!(non_iso_date("title = \"Punkt 3\""), None);
    }

    #[test]
    fn a_bom_is_dropped() {
        let text = decode(Path::new("x"), "\u{feff}a = 1".as_bytes().to_vec()).unwrap();
        assert_eq!(text, "a = 1");
    }

    #[test]
    fn latin1_bytes_point_at_their_line() {
        let d = decode(
            Path::new("x.toml"),
            b"a = 1\ntitle = \"K\xf8ge\"\n".to_vec(),
        )
        .unwrap_err();
        assert_eq!((d.site.line, d.site.column), (2, 11));
        assert!(d.message.en.contains("0xF8") && d.message.da.contains("0xF8"));
    }
}

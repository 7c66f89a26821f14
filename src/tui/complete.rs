//! Tab in a one-line prompt completes what is being typed: a file path for an attachment
//! or an export (a path dropped from a file manager, quoted or as a `file://` address, is
//! read as the path it names), a body id in "new meeting", a tag in the tag filter. One
//! candidate is filled in; several fill in what they share and are listed in the status
//! bar.

use std::path::{Path, PathBuf};

/// A path as typed or dropped: surrounding quotes, a `file://` prefix and its `%20`-style
/// escapes taken away.
pub fn dropped_path(text: &str) -> PathBuf {
    let t = text.trim().trim_matches(['"', '\'']);
    match t.strip_prefix("file://") {
        Some(rest) => PathBuf::from(percent_decoded(rest)),
        None => PathBuf::from(t),
    }
}

/// `%XX` escapes as a file manager writes them in a `file://` address.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What a completion found: the text to put in the prompt, and the candidates where there
/// were several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub text: String,
    pub candidates: Vec<String>,
}

/// The longest start all of `words` share (by characters).
fn shared_start(words: &[String]) -> String {
    let Some(first) = words.first() else {
        return String::new();
    };
    let mut end = first.len();
    for w in &words[1..] {
        end = first
            .char_indices()
            .zip(w.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| (i + a.len_utf8()).min(end));
    }
    first[..end.min(first.len())].to_owned()
}

/// Completes the file path typed, relative to `base` where it is not absolute (and with
/// `~/` for the home folder). A folder gets its `/`; hidden entries only when a `.` is typed.
pub fn complete_path(text: &str, base: &Path, home: Option<&Path>) -> Option<Completion> {
    let typed = dropped_path(text).to_string_lossy().into_owned();
    let (dir_part, prefix) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed.as_str()),
    };
    let dir = match (dir_part.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ if Path::new(dir_part).is_absolute() => PathBuf::from(dir_part),
        _ => base.join(dir_part),
    };
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let shown =
                name.starts_with(prefix) && (prefix.starts_with('.') || !name.starts_with('.'));
            shown.then(|| {
                if e.path().is_dir() {
                    format!("{name}/")
                } else {
                    name
                }
            })
        })
        .collect();
    names.sort();
    if names.is_empty() {
        return None;
    }
    let shared = shared_start(&names);
    Some(Completion {
        text: format!("{dir_part}{shared}"),
        candidates: if names.len() > 1 { names } else { Vec::new() },
    })
}

/// Completes the last word of `text` (after a space or comma) from `words`, ignoring case;
/// one match is followed by a space.
pub fn complete_word(text: &str, words: &[String]) -> Option<Completion> {
    let at = text.rfind([' ', ',']).map_or(0, |i| i + 1);
    let (head, last) = text.split_at(at);
    let lower = last.to_lowercase();
    let mut matches: Vec<String> = words
        .iter()
        .filter(|w| w.to_lowercase().starts_with(&lower))
        .cloned()
        .collect();
    matches.sort();
    matches.dedup();
    match matches.as_slice() {
        [] => None,
        [one] => Some(Completion {
            text: format!("{head}{one} "),
            candidates: Vec::new(),
        }),
        many => {
            let shared = shared_start(many);
            let keep = if shared.chars().count() >= last.chars().count() {
                shared
            } else {
                last.to_owned()
            };
            Some(Completion {
                text: format!("{head}{keep}"),
                candidates: many.to_vec(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_path_loses_its_quotes_and_file_address() {
        assert_eq!(
            dropped_path("'/tmp/a b.pdf'"),
            PathBuf::from("/tmp/a b.pdf")
        );
        assert_eq!(
            dropped_path("file:///home/anne/M%C3%B8de%20bilag.pdf"),
            PathBuf::from("/home/anne/Møde bilag.pdf")
        );
        assert_eq!(dropped_path(" \"x.pdf\" "), PathBuf::from("x.pdf"));
    }

    #[test]
    fn paths_complete_to_what_the_candidates_share_and_a_folder_gets_its_slash() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("budget-2018.pdf"), "").unwrap();
        std::fs::write(dir.path().join("budget-2019.pdf"), "").unwrap();
        std::fs::create_dir(dir.path().join("bilag")).unwrap();
        std::fs::write(dir.path().join(".skjult"), "").unwrap();
        let c = complete_path("bud", dir.path(), None).unwrap();
        assert_eq!(c.text, "budget-201");
        assert_eq!(c.candidates, ["budget-2018.pdf", "budget-2019.pdf"]);
        let c = complete_path("bil", dir.path(), None).unwrap();
        assert_eq!((c.text.as_str(), c.candidates.len()), ("bilag/", 0));
        assert!(complete_path("sk", dir.path(), None).is_none());
        let abs = format!("'{}/budget-2019", dir.path().display());
        let c = complete_path(&abs, Path::new("/"), None).unwrap();
        assert_eq!(c.text, format!("{}/budget-2019.pdf", dir.path().display()));
    }

    #[test]
    fn a_word_completes_from_the_list_ignoring_case() {
        let bodies = vec!["sdf".to_owned(), "fu".to_owned(), "sou".to_owned()];
        assert_eq!(complete_word("sd", &bodies).unwrap().text, "sdf ");
        let c = complete_word("s", &bodies).unwrap();
        assert_eq!((c.text.as_str(), c.candidates.len()), ("s", 2));
        let tags = vec!["Psykiatri".to_owned(), "psykiatripladser".to_owned()];
        assert_eq!(complete_word("x, psy", &tags).unwrap().candidates.len(), 2);
        assert!(complete_word("zz", &bodies).is_none());
    }
}

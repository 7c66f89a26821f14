//! Where a query matches in a text, for highlighting and snippets. Uses the same words and
//! folding as the index, on the original text, so the ranges point into what the user sees.

use std::ops::Range;

use super::fields::Field;
use super::fold::{forms, words};
use super::query::Query;

/// The byte ranges of the words (and phrases) of `q` in `text`, in order.
pub fn matches(text: &str, q: &Query) -> Vec<Range<usize>> {
    if !q.has_words() {
        return Vec::new();
    }
    let found: Vec<(Range<usize>, String, Option<String>)> = words(text)
        .map(|(r, w)| {
            let (folded, plain) = forms(w);
            (r, folded, plain)
        })
        .collect();
    let mut out = Vec::new();
    for (i, (range, folded, plain)) in found.iter().enumerate() {
        let term_hit = q.terms.iter().any(|t| {
            t.prefixes.iter().any(|p| {
                folded.starts_with(p.as_str())
                    || plain.as_ref().is_some_and(|w| w.starts_with(p.as_str()))
            })
        });
        if term_hit {
            out.push(range.clone());
            continue;
        }
        for phrase in &q.phrases {
            let n = phrase.words.len();
            let Some(window) = found.get(i..i + n) else {
                continue;
            };
            let fits = window
                .iter()
                .zip(&phrase.words)
                .enumerate()
                .all(|(k, (w, p))| {
                    if k + 1 == n {
                        w.1.starts_with(p.as_str())
                    } else {
                        w.1 == *p
                    }
                });
            if fits {
                out.push(range.start..window[n - 1].0.end);
            }
        }
    }
    out
}

/// A one-line excerpt around the first match, at most `width` characters, and the matches
/// in it as char ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub field: Field,
    pub text: String,
    pub marks: Vec<Range<usize>>,
}

/// The snippet of the first field with a match; `None` when no field matches.
pub fn snippet<'a>(
    fields: impl IntoIterator<Item = (Field, &'a str)>,
    q: &Query,
    width: usize,
) -> Option<Snippet> {
    fields.into_iter().find_map(|(field, text)| {
        let found = matches(text, q);
        let first = found.first()?.clone();
        Some(excerpt(field, text, first, &found, width))
    })
}

/// Cuts `text` to a window of `width` characters that shows `first` with some context before
/// it, on one line (line breaks and Markdown markers become spaces).
pub(super) fn excerpt(
    field: Field,
    text: &str,
    first: Range<usize>,
    found: &[Range<usize>],
    width: usize,
) -> Snippet {
    // Chars of the flattened text, each with its byte offset in the original.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let c = match c {
            '\n' | '\r' | '\t' | '#' | '*' | '|' | '`' => ' ',
            c => c,
        };
        if c == ' ' && chars.last().is_some_and(|(_, p)| *p == ' ') {
            continue;
        }
        chars.push((i, c));
    }
    let at = chars.partition_point(|(i, _)| *i < first.start);
    let context = (width / 4).min(30);
    // Use the room: a short text is shown whole, and near the end more comes before.
    let mut start = at
        .saturating_sub(context)
        .min(chars.len().saturating_sub(width));
    // Start at a word boundary unless that loses too much.
    if start > 0
        && let Some(space) = chars[start..at].iter().position(|(_, c)| *c == ' ')
    {
        start += space + 1;
    }
    let end = (start + width).min(chars.len());
    let mut out = String::new();
    let mut marks = Vec::new();
    let lead = start > 0;
    if lead {
        out.push('…');
    }
    let offset = usize::from(lead);
    let body_end = if end < chars.len() {
        end - 1 - offset
    } else {
        end
    };
    let body_end = body_end.max(start);
    for (_, c) in &chars[start..body_end] {
        out.push(*c);
    }
    if body_end < chars.len() {
        out.push('…');
    }
    for r in found {
        let s = chars.partition_point(|(i, _)| *i < r.start);
        let e = chars.partition_point(|(i, _)| *i < r.end);
        if e <= start || s >= body_end {
            continue;
        }
        marks.push(s.max(start) - start + offset..e.min(body_end) - start + offset);
    }
    Snippet {
        field,
        text: out.trim_end().to_owned(),
        marks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked<'a>(text: &'a str, q: &str) -> Vec<&'a str> {
        matches(text, &Query::parse(q))
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn words_are_found_by_prefix_whatever_the_case() {
        let text = "Børnehusene Stjernen. Taksterne for STJERNEN sænkes.";
        assert_eq!(marked(text, "stjernen"), ["Stjernen", "STJERNEN"]);
        assert_eq!(marked(text, "BØRNE takst"), ["Børnehusene", "Taksterne"]);
        assert_eq!(marked(text, "jernen"), Vec::<&str>::new());
    }

    #[test]
    fn phrases_are_found_whole() {
        let text = "Socialdirektørforum godkendte den skitserede model og den skitserede proces.";
        assert_eq!(marked(text, "\"skitserede pro\""), ["skitserede proces"]);
    }

    #[test]
    fn aa_and_aa_ring_find_each_other() {
        assert_eq!(
            marked("Jacob Kyndal, Aabenraa Kommune", "åbenrå"),
            ["Aabenraa"]
        );
        assert_eq!(marked("Åbenrå", "aabenraa"), ["Åbenrå"]);
        assert_eq!(marked("ekstraarbejde", "ekstra"), ["ekstraarbejde"]);
    }

    #[test]
    fn a_short_text_is_shown_whole() {
        let q = Query::parse("psykiatri");
        let s = snippet(
            [(Field::Tags, "sundhedsvæsen · psykiatri · misbrug")],
            &q,
            60,
        )
        .unwrap();
        assert_eq!(s.text, "sundhedsvæsen · psykiatri · misbrug");
        assert_eq!(s.marks, vec![16..25]);
    }

    #[test]
    fn a_snippet_shows_the_first_match_with_context_on_one_line() {
        let text = "# Overskrift\n\nDen økonomiske ramme pr. forløb udgør i alt 78.000 kr. Dertil kommer forplejning.";
        let q = Query::parse("forplejning");
        let s = snippet([(Field::Title, "Oplæg"), (Field::Background, text)], &q, 40).unwrap();
        assert_eq!(s.field, Field::Background);
        assert!(s.text.starts_with('…'), "{}", s.text);
        assert!(s.text.chars().count() <= 40, "{}", s.text);
        let chars: Vec<char> = s.text.chars().collect();
        let mark: String = chars[s.marks[0].clone()].iter().collect();
        assert_eq!(mark, "forplejning");
        assert!(!s.text.contains('\n') && !s.text.contains('#'));
    }
}

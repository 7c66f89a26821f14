//! Where a query matches in a text, for highlighting and snippets. Uses the same words and
//! folding as the index, on the original text, so the ranges point into what the user sees.

use std::ops::Range;

use super::fields::Field;
use super::fold::{forms_into, words, words_led_by};
use super::query::Query;

/// The byte ranges of the words (and phrases) of `q` in `text`, in order.
pub fn matches(text: &str, q: &Query) -> Vec<Range<usize>> {
    match_iter(text, q).collect()
}

/// One word of the text as it is matched.
struct Folded {
    range: Range<usize>,
    folded: String,
    plain: Option<String>,
}

/// The matches of `q` in `text`, in order, found as they are asked for: a snippet needs
/// the first match and those in its window, not every word of a long background folded.
/// Words are folded into reused buffers, and only as far ahead as the longest phrase.
pub fn match_iter<'a>(text: &'a str, q: &'a Query) -> impl Iterator<Item = Range<usize>> + 'a {
    let active = q.has_words();
    let ahead = q
        .phrases
        .iter()
        .map(|p| p.words.len())
        .max()
        .unwrap_or(0)
        .max(1);
    // Without phrases, a word whose first letter cannot start any prefix is passed over
    // unfolded: most words of a long text, and folding them was most of a snippet's cost.
    let leads: Option<Vec<char>> = q
        .phrases
        .is_empty()
        .then(|| {
            q.terms
                .iter()
                .flat_map(|t| &t.prefixes)
                .map(|p| p.chars().next())
                .collect::<Option<Vec<char>>>()
        })
        .flatten();
    let mut source: Box<dyn Iterator<Item = (Range<usize>, &str)>> = match leads {
        Some(leads) => Box::new(words_led_by(text, leads)),
        None => Box::new(words(text)),
    };
    let mut window: std::collections::VecDeque<Folded> = std::collections::VecDeque::new();
    let mut spare: Vec<Folded> = Vec::new();
    let mut pending: std::collections::VecDeque<Range<usize>> = std::collections::VecDeque::new();
    let mut fill = move |window: &mut std::collections::VecDeque<Folded>,
                         spare: &mut Vec<Folded>| {
        while window.len() < ahead {
            let Some((range, word)) = source.next() else {
                break;
            };
            let mut slot = spare.pop().unwrap_or(Folded {
                range: 0..0,
                folded: String::new(),
                plain: None,
            });
            slot.range = range;
            slot.plain = forms_into(word, &mut slot.folded);
            window.push_back(slot);
        }
    };
    std::iter::from_fn(move || {
        if !active {
            return None;
        }
        loop {
            if let Some(r) = pending.pop_front() {
                return Some(r);
            }
            fill(&mut window, &mut spare);
            let word = window.front()?;
            let term_hit = q.terms.iter().any(|t| {
                t.prefixes.iter().any(|p| {
                    word.folded.starts_with(p.as_str())
                        || word
                            .plain
                            .as_ref()
                            .is_some_and(|w| w.starts_with(p.as_str()))
                })
            });
            if term_hit {
                pending.push_back(word.range.clone());
            } else {
                for phrase in &q.phrases {
                    let n = phrase.words.len();
                    if window.len() < n {
                        continue;
                    }
                    let fits = window
                        .iter()
                        .zip(&phrase.words)
                        .enumerate()
                        .all(|(k, (w, p))| {
                            if k + 1 == n {
                                w.folded.starts_with(p.as_str())
                            } else {
                                w.folded == *p
                            }
                        });
                    if fits {
                        pending.push_back(word.range.start..window[n - 1].range.end);
                    }
                }
            }
            if let Some(done) = window.pop_front() {
                spare.push(done);
            }
        }
    })
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
        let mut found = match_iter(text, q);
        let first = found.next()?;
        Some(excerpt(
            field,
            text,
            first.clone(),
            std::iter::once(first).chain(found),
            width,
        ))
    })
}

/// How a character shows in a one-line excerpt: line breaks and Markdown markers are
/// spaces (and runs of spaces one).
fn flattened(c: char) -> char {
    match c {
        '\n' | '\r' | '\t' | '#' | '*' | '|' | '`' => ' ',
        c => c,
    }
}

/// Cuts `text` to a window of `width` characters that shows `first` with some context before
/// it, on one line (line breaks and Markdown markers become spaces). `found` are the
/// matches in order (the marks); only those up to the window's end are asked for.
///
/// Only the text around `first` is looked at: from `width` visible characters before it
/// (room for a window pushed back at the text's end) to `width + 2` after it (enough to
/// tell whether the window ends before the text). The piece starts right after a visible
/// character, so its spaces collapse as they would in the whole text, and what is cut is
/// what cutting the whole text would give.
pub(super) fn excerpt(
    field: Field,
    text: &str,
    first: Range<usize>,
    found: impl Iterator<Item = Range<usize>>,
    width: usize,
) -> Snippet {
    let from = {
        let mut seen = 0;
        let mut from = 0;
        for (i, c) in text[..first.start.min(text.len())].char_indices().rev() {
            if flattened(c) != ' ' {
                seen += 1;
                if seen > width {
                    from = i + c.len_utf8();
                    break;
                }
            }
        }
        from
    };
    // Chars of the flattened piece, each with its byte offset in the original.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity((4 * width).min(text.len()));
    let mut after = 0;
    for (i, c) in text[from..].char_indices() {
        let i = from + i;
        let c = flattened(c);
        if c == ' ' && chars.last().is_some_and(|(_, p)| *p == ' ') {
            continue;
        }
        if i >= first.start {
            if after > width + 1 {
                break;
            }
            after += 1;
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
    let lead = from > 0 || start > 0;
    if lead && let Some(space) = chars[start..at].iter().position(|(_, c)| *c == ' ') {
        start += space + 1;
    }
    let end = (start + width).min(chars.len());
    let mut out = String::new();
    let mut marks = Vec::new();
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
    // A match starting at or after the window's first char beyond the body is not in it.
    let limit = chars.get(body_end).map_or(usize::MAX, |(i, _)| *i);
    for r in found.take_while(|r| r.start < limit) {
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

    // The first implementation, which folded every word and flattened the whole text: the
    // lazy matcher and the windowed excerpt must cut exactly what it cut.
    use super::super::fold::forms;
    fn whole_matches(text: &str, q: &Query) -> Vec<Range<usize>> {
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
    fn whole_excerpt(
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

    /// Words that match none of the queries, then words that may, each followed by a gap:
    /// the first match can be anywhere, also near the end of a long text.
    fn text_from(filler: &[(u8, u8)], parts: &[(u8, u8)]) -> String {
        const FILLER: [&str; 8] = [
            "børn", "unge", "og", "til", "kommune", "rammen", "for", "indsats",
        ];
        const WORDS: [&str; 16] = [
            "psykiatri",
            "Psykiatrisk",
            "aabenraa",
            "Åbenrå",
            "den",
            "skitserede",
            "proces",
            "model",
            "ÆRØ",
            "ekstraarbejde",
            "78.000",
            "kr.",
            "Øresund",
            "Oestergaard",
            "Äldre",
            "Aeldreraad",
        ];
        const GAPS: [&str; 8] = [" ", "  ", "\n\n", " # ", "**", " | ", "\t", ", "];
        let mut text = String::new();
        for &(w, g) in filler {
            text.push_str(FILLER[usize::from(w) % FILLER.len()]);
            text.push_str(GAPS[usize::from(g) % GAPS.len()]);
        }
        for &(w, g) in parts {
            text.push_str(WORDS[usize::from(w) % WORDS.len()]);
            text.push_str(GAPS[usize::from(g) % GAPS.len()]);
        }
        text
    }

    proptest::proptest! {
        #[test]
        fn the_lazy_snippet_is_the_whole_texts(
            filler in proptest::collection::vec((0u8..8, 0u8..8), 0..200),
            parts in proptest::collection::vec((0u8..16, 0u8..8), 0..40),
            query in proptest::sample::select(vec![
                "psyk", "aabenra", "\"den skitserede\"", "\"skitserede pro\"", "ærø kr", "78",
                "ekstra", "model psykiatri", "øre", "oester", "østergå", "ældre", "åben",
                "aeld",
            ]),
            width in 5usize..120,
        ) {
            let text = text_from(&filler, &parts);
            let q = Query::parse(query);
            let found = whole_matches(&text, &q);
            proptest::prop_assert_eq!(&matches(&text, &q), &found);
            let lazy = snippet([(Field::Background, text.as_str())], &q, width);
            let whole = found
                .first()
                .map(|first| whole_excerpt(Field::Background, &text, first.clone(), &found, width));
            proptest::prop_assert_eq!(lazy, whole);
            proptest::prop_assert_eq!(
                excerpt(Field::Decision, &text, 0..0, std::iter::empty(), width),
                whole_excerpt(Field::Decision, &text, 0..0, &[], width)
            );
        }
    }
}

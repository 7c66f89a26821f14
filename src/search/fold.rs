//! Danish-aware folding of words for matching.
//!
//! Case is folded (Æ/æ, Ø/ø, Å/å and the rest), the spellings of a keyboard without Danish
//! letters count as the letters ("aa" as "å", "ae" as "æ", "oe" as "ø": "Aabenraa" and
//! "Åbenrå" find each other, and so do "kjaergaard" and "Kjærgaard"), and the Swedish/German
//! ä, ö count as æ, ø. A word whose spelling changes under these rules is indexed in both
//! spellings, so a search for "ekstra" still finds "ekstraarbejde".

use std::ops::Range;

/// The words of a text: runs of letters and digits, with their byte ranges.
pub fn words(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        // Skip to the next letter or digit.
        let start = loop {
            let (alphanumeric, len) = char_at(text, at)?;
            if alphanumeric {
                break at;
            }
            at += len;
        };
        while let Some((true, len)) = char_at(text, at) {
            at += len;
        }
        Some((start..at, &text[start..at]))
    })
}

/// The words of a text that may start with one of `leads` (as [`may_start_with`] tells):
/// the same as [`words`] filtered so, found without looking at every word. A word's first
/// byte is looked for (an ASCII letter or digit that can start such a word, or the first
/// byte of any other character), and only there is a word start made out.
pub fn words_led_by(text: &str, leads: Vec<char>) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut firsts = [false; 256];
    for b in 0..=255u8 {
        firsts[usize::from(b)] = if b.is_ascii() {
            let c = char::from(b);
            c.is_ascii_alphanumeric()
                && leads
                    .iter()
                    .any(|&l| may_start_with(c.encode_utf8(&mut [0; 4]), l))
        } else {
            // A character's first byte (a continuation byte never starts one).
            b >= 0xC0
        };
    }
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let start = at
                + bytes
                    .get(at..)?
                    .iter()
                    .position(|&b| firsts[usize::from(b)])?;
            let (alphanumeric, len) = char_at(text, start)?;
            at = start + len;
            let after_word = text[..start].chars().next_back().is_some_and(is_word_char);
            if !alphanumeric || after_word {
                continue;
            }
            while let Some((true, len)) = char_at(text, at) {
                at += len;
            }
            let word = &text[start..at];
            if leads.iter().any(|&l| may_start_with(word, l)) {
                return Some((start..at, word));
            }
        }
    })
}

/// Whether the character at byte `at` (a boundary) is a letter or digit, and its length;
/// an ASCII byte is told without decoding (most of a Danish text).
fn char_at(text: &str, at: usize) -> Option<(bool, usize)> {
    let b = *text.as_bytes().get(at)?;
    if b.is_ascii() {
        return Some((b.is_ascii_alphanumeric(), 1));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((is_word_char(c), c.len_utf8()))
}

/// The Swedish/German ä and ö as the Danish æ and ø.
fn as_danish(c: char) -> char {
    match c {
        'ä' | 'Ä' => 'æ',
        'ö' | 'Ö' => 'ø',
        c => c,
    }
}

/// Appends `c` lowercased, with ä → æ and ö → ø.
pub fn push_plain(out: &mut String, c: char) {
    if let Some(lower) = latin_1_plain(c) {
        return out.push(lower);
    }
    match as_danish(c) {
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    }
}

/// Whether a word's folded or plain spelling can start with `lead`: its first letter as
/// [`push_plain`] writes it, or the "å", "æ" or "ø" that [`respell`] reads an "aa", "ae"
/// or "oe" at its start as.
pub fn may_start_with(word: &str, lead: char) -> bool {
    let Some(c) = word.chars().next().map(as_danish) else {
        return false;
    };
    let first = c.to_lowercase().next().unwrap_or(c);
    lead == first || (first == 'a' && matches!(lead, 'å' | 'æ')) || (first == 'o' && lead == 'ø')
}

/// Appends `word` as [`plain`] spells it; an ASCII word is lowercased in one go.
pub fn push_plain_word(out: &mut String, word: &str) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    } else {
        word.chars().for_each(|c| push_plain(out, c));
    }
}

/// Folds every word of `text` into `line`, separated by single spaces, as [`words`],
/// [`push_plain_word`] and [`respell`] would one after the other, in one pass over the
/// bytes: this is what building the search index spends its time on. Each word is given to
/// `found` as it is indexed: its folded spelling, and first its plain one when the two
/// differ (only the folded one goes into the line).
pub fn fold_line(text: &str, line: &mut String, mut found: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii() {
            if !b.is_ascii_alphanumeric() {
                at += 1;
                continue;
            }
        } else {
            match text.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) if is_word_char(c) => {}
                Some(c) => {
                    at += c.len_utf8();
                    continue;
                }
                None => return,
            }
        }
        if !line.is_empty() {
            line.push(' ');
        }
        let start = line.len();
        // Whether the plain word has an "aa", "ae" or "oe" (all ASCII), told as it is
        // written, so that most words are not looked at again.
        let mut paired = false;
        let mut last = 0u8;
        while let Some(&b) = bytes.get(at) {
            if b.is_ascii() {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                let lower = b.to_ascii_lowercase();
                paired |= is_pair(last, lower);
                line.push(char::from(lower));
                last = lower;
                at += 1;
            } else {
                let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                if !is_word_char(c) {
                    break;
                }
                let written = line.len();
                push_plain(line, c);
                for &out in &line.as_bytes()[written..] {
                    paired |= is_pair(last, out);
                    last = out;
                }
                at += c.len_utf8();
            }
        }
        match paired.then(|| respell(&line[start..])).flatten() {
            Some(folded) => {
                found(&line[start..]);
                line.truncate(start);
                line.push_str(&folded);
                found(&folded);
            }
            None => found(&line[start..]),
        }
    }
}

/// Whether `c` is a letter or digit, Latin-1's upper half (æ, ø, å) told without Unicode's
/// tables.
fn is_word_char(c: char) -> bool {
    match c {
        '\u{c0}'..='\u{ff}' => c != '×' && c != '÷',
        c => c.is_alphanumeric(),
    }
}

/// A letter of Latin-1's upper half (æ, ø, å, é, ü and the rest) lowercased, with ä → æ and
/// ö → ø, told without Unicode's tables; `None` for any other character.
fn latin_1_plain(c: char) -> Option<char> {
    match c {
        'Ä' | 'ä' => Some('æ'),
        'Ö' | 'ö' => Some('ø'),
        // Lowercase, with the capitals 32 below.
        '\u{df}'..='\u{f6}' | '\u{f8}'..='\u{ff}' => Some(c),
        '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{de}' => char::from_u32(u32::from(c) + 32),
        _ => None,
    }
}

/// Whether two bytes of a plain word are one of the pairs [`respell`] reads as a letter.
fn is_pair(first: u8, second: u8) -> bool {
    matches!((first, second), (b'a', b'a' | b'e') | (b'o', b'e'))
}

/// Lowercase, with ä → æ and ö → ø, but "aa" kept.
pub fn plain(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    push_plain_word(&mut out, word);
    out
}

/// A [`plain`] word with "aa", "ae" and "oe" read as "å", "æ" and "ø"; `None` when it has
/// none of them.
pub fn respell(plain: &str) -> Option<String> {
    let bytes = plain.as_bytes();
    // One pass over the bytes: most words have none of the three pairs.
    let first = bytes
        .windows(2)
        .position(|p| matches!(p, [b'a', b'a' | b'e'] | [b'o', b'e']))?;
    let mut out = String::with_capacity(plain.len() + 2);
    out.push_str(&plain[..first]);
    let mut i = first;
    while i < bytes.len() {
        let pair = (bytes[i], bytes.get(i + 1).copied());
        let letter = match pair {
            (b'a', Some(b'a')) => Some('å'),
            (b'a', Some(b'e')) => Some('æ'),
            (b'o', Some(b'e')) => Some('ø'),
            _ => None,
        };
        match letter {
            Some(l) => {
                out.push(l);
                i += 2;
            }
            None => {
                // Copy one whole character (the pairs are ASCII, so boundaries hold).
                let len = plain[i..].chars().next().map_or(1, char::len_utf8);
                out.push_str(&plain[i..i + len]);
                i += len;
            }
        }
    }
    Some(out)
}

/// The word as it is matched: [`plain`], respelled.
pub fn fold(word: &str) -> String {
    let plain = plain(word);
    respell(&plain).unwrap_or(plain)
}

/// The spellings a word is found under: the folded one, and the plain one when it differs.
pub fn forms(word: &str) -> (String, Option<String>) {
    let mut folded = String::with_capacity(word.len());
    let plain = forms_into(word, &mut folded);
    (folded, plain)
}

/// As [`forms`], the folded spelling written into `folded` (cleared first), so that a
/// caller folding word after word can reuse one buffer.
pub fn forms_into(word: &str, folded: &mut String) -> Option<String> {
    folded.clear();
    push_plain_word(folded, word);
    respell(folded).map(|respelled| std::mem::replace(folded, respelled))
}

/// The prefixes a typed word matches: its folded and plain spellings, and, while the user
/// is halfway through an "aa" (the word ends in "a"), the spelling with that "a" as "å".
pub fn prefixes(typed: &str) -> Vec<String> {
    let (folded, plain) = forms(typed);
    let mut out = vec![folded.clone()];
    if let Some(plain) = plain {
        out.push(plain);
    }
    // Halfway through "aa", "ae" or "oe": the last letter may be the start of å, æ or ø.
    if let Some(stem) = folded.strip_suffix('a') {
        out.push(format!("{stem}å"));
        out.push(format!("{stem}æ"));
    }
    if let Some(stem) = folded.strip_suffix('o') {
        out.push(format!("{stem}ø"));
    }
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words as `char::is_alphanumeric` splits them, char by char: what the byte-wise
    /// [`words`] must give.
    fn words_char_by_char(text: &str) -> Vec<(Range<usize>, String)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (c.is_alphanumeric() && i < text.len(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s..i, text[s..i].to_owned()));
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn words_split_as_char_by_char(text in "[a-zA-Z0-9 .,æøåÆØÅéü×÷ßÿ²ⅷ\\u{0}-\\u{7f}\\u{300}\\u{2003}🙂-]{0,60}") {
            let bytewise: Vec<(Range<usize>, String)> =
                words(&text).map(|(r, w)| (r, w.to_owned())).collect();
            proptest::prop_assert_eq!(bytewise, words_char_by_char(&text));
        }

        #[test]
        fn the_words_led_by_letters_are_the_words_filtered(
            text in "[a-zA-Z0-9 .,æøåÆØÅäöÄÖéü²ⅷ\\u{0}-\\u{7f}\\u{300}\\u{2003}\\u{212a}İ🙂-]{0,60}",
            leads in proptest::collection::vec(proptest::sample::select(vec!['a', 'k', 'å', 'æ', 'ø', 'i', 'é', '2', 'z']), 1..3),
        ) {
            let led: Vec<(Range<usize>, &str)> = words_led_by(&text, leads.clone()).collect();
            let filtered: Vec<(Range<usize>, &str)> = words(&text)
                .filter(|(_, w)| leads.iter().any(|&l| may_start_with(w, l)))
                .collect();
            proptest::prop_assert_eq!(led, filtered);
        }

        #[test]
        fn a_line_is_folded_in_one_pass_as_word_by_word(
            // The pairs respelled, often enough to meet in a word.
            text in "(aa|ae|oe|AE|Oe|aA|[a-zA-Z0-9 .,aeoæøåÆØÅäöÄÖéüÉÜßÿÞþ×÷ÀÁ²ⅷ\\u{0}-\\u{7f}\\u{300}\\u{2003}\\u{212a}İẞ🙂-]){0,40}",
            before in "[a-z ]{0,3}",
        ) {
            // Word by word: split, lowercased, respelled, each spelling as it is indexed.
            let mut expected_line = before.clone();
            let mut expected_found = Vec::new();
            for (_, word) in words(&text) {
                if !expected_line.is_empty() {
                    expected_line.push(' ');
                }
                let p = plain(word);
                match respell(&p) {
                    Some(folded) => {
                        expected_found.push(p);
                        expected_line.push_str(&folded);
                        expected_found.push(folded);
                    }
                    None => {
                        expected_line.push_str(&p);
                        expected_found.push(p);
                    }
                }
            }
            let mut line = before.clone();
            let mut found = Vec::new();
            fold_line(&text, &mut line, |w| found.push(w.to_owned()));
            proptest::prop_assert_eq!(line, expected_line);
            proptest::prop_assert_eq!(found, expected_found);
        }

        #[test]
        fn a_word_is_lowercased_the_same_in_one_go(word in "[a-zA-Z0-9ÆØÅæøåÄÖäöÉİẞ]{0,20}") {
            let mut whole = String::new();
            push_plain_word(&mut whole, &word);
            let mut each = String::new();
            word.chars().for_each(|c| push_plain(&mut each, c));
            proptest::prop_assert_eq!(whole, each);
        }
    }

    #[test]
    fn latin_1_is_told_and_lowercased_as_unicode_does() {
        for c in (0..0x300).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            if let Some(lower) = latin_1_plain(c) {
                let expected: String = as_danish(c).to_lowercase().collect();
                assert_eq!(lower.to_string(), expected, "{c:?}");
            }
        }
        assert_eq!(latin_1_plain('Æ'), Some('æ'));
        assert_eq!(latin_1_plain('×'), None);
    }

    #[test]
    fn case_folds_for_danish_letters() {
        assert_eq!(fold("ØKONOMI"), "økonomi");
        assert_eq!(fold("Ærø"), "ærø");
        assert_eq!(fold("ÄLDRE Öl"), "ældre øl");
        assert!(may_start_with("Äldre", 'æ') && may_start_with("Aeldre", 'æ'));
        assert!(may_start_with("Oest", 'ø') && !may_start_with("Oest", 'æ'));
        assert_eq!(fold("STJERNEN"), fold("stjernen"));
    }

    #[test]
    fn aa_is_the_old_spelling_of_aa_ring() {
        assert_eq!(fold("Aabenraa"), "åbenrå");
        assert_eq!(fold("Åbenrå"), "åbenrå");
        assert_eq!(
            forms("Aabenraa"),
            ("åbenrå".into(), Some("aabenraa".into()))
        );
        assert_eq!(forms("stjernen"), ("stjernen".into(), None));
    }

    #[test]
    fn a_word_typed_halfway_through_aa_already_matches() {
        assert_eq!(
            prefixes("Aabenra"),
            ["åbenra", "aabenra", "åbenrå", "åbenræ"]
        );
        assert_eq!(prefixes("stj"), ["stj"]);
    }

    #[test]
    fn respelling_reads_each_pair_once_from_the_left() {
        assert_eq!(respell("kjaergaard").as_deref(), Some("kjærgård"));
        assert_eq!(respell("aaa").as_deref(), Some("åa"));
        assert_eq!(respell("aae").as_deref(), Some("åe"));
        assert_eq!(respell("søoe").as_deref(), Some("søø"));
        assert_eq!(respell("skole"), None);
    }

    #[test]
    fn ae_and_oe_are_the_keyboard_spellings_of_ae_and_oe_ligatures() {
        assert_eq!(fold("kjaergaard"), fold("Kjærgaard"));
        assert_eq!(fold("Oestergaard"), fold("Østergaard"));
        assert_eq!(
            forms("Kjærgaard"),
            ("kjærgård".into(), Some("kjærgaard".into()))
        );
        assert!(prefixes("kja").contains(&"kjæ".to_owned()));
        assert!(prefixes("so").contains(&"sø".to_owned()));
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let found: Vec<_> = words("**Økonomi:** 78.000 kr. – særlige-pladser").collect();
        let texts: Vec<_> = found.iter().map(|(_, w)| *w).collect();
        assert_eq!(texts, ["Økonomi", "78", "000", "kr", "særlige", "pladser"]);
        assert_eq!(found[0].0, 2..10);
    }
}

//! What the user typed, read as words, phrases and filters.
//!
//! ```text
//! stjernen takst            items with a word starting "stjernen" and one starting "takst"
//! "skitserede proces"       the words in this order (the last one may be unfinished)
//! body:fu year:2017         only FU's meetings in 2017
//! outcome:rejected          items with a clause decided this way (keys or Danish words)
//! tag:stjernen              items tagged so (a prefix is enough while typing)
//! route:kommunalbestyrelsen items whose case passes through that body (a prefix is enough)
//! before:2018-01-01 after:2017   meetings before/after a date, month or year
//! ```

use chrono::{Datelike, NaiveDate};

use super::fold::{fold, prefixes, words};
use crate::model::Outcome;

/// A word to find at the start of a word in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The spellings it is matched under (see [`prefixes`]).
    pub prefixes: Vec<String>,
}

/// Words that must follow each other; the last may be unfinished.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
    pub phrases: Vec<Phrase>,
    /// Body ids, lowercase.
    pub bodies: Vec<String>,
    pub years: Vec<i32>,
    pub outcomes: Vec<Outcome>,
    /// Tag prefixes, folded.
    pub tags: Vec<String>,
    /// Prefixes of a body the case route passes through, folded.
    pub routes: Vec<String>,
    /// Meetings strictly before this date.
    pub before: Option<NaiveDate>,
    /// Meetings strictly after this date.
    pub after: Option<NaiveDate>,
    /// Parts of the query that could not be read, with what to write instead.
    pub problems: Vec<crate::lang::Said>,
}

/// Outcome names a user may type: the file keys and the Danish words of the minutes.
const OUTCOME_WORDS: &[(&str, Outcome)] = &[
    ("godkendt", Outcome::Approved),
    ("ændret", Outcome::ApprovedWithChanges),
    ("ændringer", Outcome::ApprovedWithChanges),
    ("afvist", Outcome::Rejected),
    ("ikke-godkendt", Outcome::Rejected),
    ("efterretning", Outcome::Noted),
    ("drøftet", Outcome::Discussed),
    ("udsat", Outcome::Postponed),
    ("trukket", Outcome::Withdrawn),
];

impl Query {
    pub fn parse(text: &str) -> Query {
        let mut q = Query::default();
        for token in tokens(text) {
            match token {
                Token::Phrase(p) => q.add_phrase(&p),
                Token::Word(w) => q.add_word(&w),
            }
        }
        q
    }

    /// True when nothing was asked: no words and no filters.
    pub fn is_empty(&self) -> bool {
        !self.has_words() && !self.has_filters()
    }

    pub fn has_words(&self) -> bool {
        !self.terms.is_empty() || !self.phrases.is_empty()
    }

    pub fn has_filters(&self) -> bool {
        !self.bodies.is_empty()
            || !self.years.is_empty()
            || !self.outcomes.is_empty()
            || !self.tags.is_empty()
            || !self.routes.is_empty()
            || self.before.is_some()
            || self.after.is_some()
    }

    /// Whether the query leaves meetings out by their date or body.
    pub fn filters_meetings(&self) -> bool {
        !self.bodies.is_empty()
            || !self.years.is_empty()
            || self.before.is_some()
            || self.after.is_some()
    }

    /// Whether a meeting on `date` of `body` can hold hits.
    pub fn admits_meeting(&self, date: NaiveDate, body: &str) -> bool {
        (self.bodies.is_empty() || self.bodies.iter().any(|b| b == body))
            && (self.years.is_empty() || self.years.contains(&date.year()))
            && self.before.is_none_or(|d| date < d)
            && self.after.is_none_or(|d| date > d)
    }

    /// Whether an item with these outcomes, (folded) tags and (folded) words of its case
    /// route passes the item filters.
    pub fn admits_item(&self, outcomes: &[Outcome], tags: &[String], route: &[String]) -> bool {
        (self.outcomes.is_empty() || self.outcomes.iter().any(|o| outcomes.contains(o)))
            && self
                .tags
                .iter()
                .all(|want| tags.iter().any(|t| t.starts_with(want.as_str())))
            && self
                .routes
                .iter()
                .all(|want| route.iter().any(|r| r.starts_with(want.as_str())))
    }

    /// Whether the item filters ask for something only items have.
    pub fn needs_item(&self) -> bool {
        !self.outcomes.is_empty() || !self.tags.is_empty() || !self.routes.is_empty()
    }

    fn add_phrase(&mut self, text: &str) {
        let words: Vec<String> = words(text).map(|(_, w)| fold(w)).collect();
        match words.len() {
            0 => {}
            1 => self.add_terms(text),
            _ => self.phrases.push(Phrase { words }),
        }
    }

    fn add_terms(&mut self, text: &str) {
        for (_, w) in words(text) {
            self.terms.push(Term {
                prefixes: prefixes(w),
            });
        }
    }

    fn add_word(&mut self, token: &str) {
        let Some((key, value)) = token.split_once(':') else {
            self.add_terms(token);
            return;
        };
        let value = value.trim_matches('"');
        let key = key.to_lowercase();
        let known = ["body", "year", "outcome", "tag", "route", "before", "after"];
        if !known.contains(&key.as_str()) {
            // "kl.09:00" and other words with a colon are just words.
            self.add_terms(token);
            return;
        }
        if value.is_empty() {
            // Still being typed.
            return;
        }
        match key.as_str() {
            "body" => self.bodies.push(value.to_lowercase()),
            "year" => match value.parse() {
                Ok(y) => self.years.push(y),
                Err(_) => self.problems.push(crate::said!(
                    "year:{value} — skriv et år, fx year:2017";
                    "year:{value} — write a year, e.g. year:2017"
                )),
            },
            "outcome" => match outcome(value) {
                Some(o) => self.outcomes.push(o),
                None => {
                    let keys = Outcome::ALL.map(Outcome::key).join(", ");
                    self.problems.push(crate::said!(
                        "outcome:{value} — en af {keys}";
                        "outcome:{value} — one of {keys}"
                    ))
                }
            },
            "tag" => self.tags.push(fold(value)),
            "route" => self.routes.push(fold(value)),
            _ => {
                let before = key == "before";
                match period(value) {
                    Some((first, _)) if before => self.before = Some(first),
                    Some((_, last)) => self.after = Some(last),
                    None => self.problems.push(crate::said!(
                        "{key}:{value} — skriv en dato, en måned eller et år: 2018-02-09, 2018-02, 2018";
                        "{key}:{value} — write a date, month or year: 2018-02-09, 2018-02, 2018"
                    )),
                }
            }
        }
    }
}

/// An outcome from its key, or a Danish word for it.
fn outcome(value: &str) -> Option<Outcome> {
    let lower = value.to_lowercase();
    Outcome::from_key(&lower).or_else(|| {
        OUTCOME_WORDS
            .iter()
            .find(|(w, _)| *w == lower)
            .map(|(_, o)| *o)
    })
}

/// The first and last day of "2018-02-09", "2018-02" or "2018".
fn period(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    if let Ok(d) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Some((d, d));
    }
    let mut parts = value.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    match parts.next() {
        None => Some((
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        )),
        Some(m) if parts.next().is_none() => {
            let first = NaiveDate::from_ymd_opt(year, m.parse().ok()?, 1)?;
            let last = first
                .checked_add_months(chrono::Months::new(1))?
                .pred_opt()?;
            Some((first, last))
        }
        Some(_) => None,
    }
}

enum Token {
    Word(String),
    Phrase(String),
}

/// Splits on whitespace, keeping "quoted phrases" whole; an unfinished quote runs to the end
/// (the user is still typing it).
fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut word = String::new();
    while let Some(c) = chars.next() {
        match c {
            '"' | '“' | '”' | '«' | '»' if word.is_empty() => {
                let phrase: String = chars
                    .by_ref()
                    .take_while(|c| !matches!(c, '"' | '“' | '”' | '«' | '»'))
                    .collect();
                out.push(Token::Phrase(phrase));
            }
            c if c.is_whitespace() => {
                if !word.is_empty() {
                    out.push(Token::Word(std::mem::take(&mut word)));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(Token::Word(word));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn words_phrases_and_filters() {
        let q =
            Query::parse(r#"Stjernen "skitserede PROC" body:SDF year:2017 outcome:afvist tag:Stj"#);
        assert_eq!(q.terms.len(), 1);
        assert_eq!(q.terms[0].prefixes, ["stjernen"]);
        assert_eq!(
            q.phrases,
            [Phrase {
                words: vec!["skitserede".into(), "proc".into()]
            }]
        );
        assert_eq!(q.bodies, ["sdf"]);
        assert_eq!(q.years, [2017]);
        assert_eq!(q.outcomes, [Outcome::Rejected]);
        assert_eq!(q.tags, ["stj"]);
        assert!(q.problems.is_empty());
    }

    #[test]
    fn dates_take_days_months_and_years() {
        let q = Query::parse("before:2018-02 after:2017");
        assert_eq!(q.before, Some(date(2018, 2, 1)));
        assert_eq!(q.after, Some(date(2017, 12, 31)));
        assert!(q.admits_meeting(date(2018, 1, 24), "fu"));
        assert!(!q.admits_meeting(date(2018, 2, 9), "sdf"));
        assert!(!q.admits_meeting(date(2017, 9, 8), "sdf"));
    }

    #[test]
    fn unreadable_filters_say_what_to_write() {
        let q = Query::parse("outcome:maybe year:last before:soon");
        assert_eq!(q.problems.len(), 3);
        assert!(
            q.problems[0].contains("approved-with-changes"),
            "{:?}",
            q.problems
        );
    }

    #[test]
    fn filters_being_typed_and_colons_in_words_do_no_harm() {
        let q = Query::parse("body: kl.09:00");
        assert!(q.bodies.is_empty() && q.problems.is_empty());
        let words: Vec<_> = q.terms.iter().map(|t| t.prefixes[0].as_str()).collect();
        assert_eq!(words, ["kl", "09", "00"]);
    }

    #[test]
    fn an_unfinished_quote_is_a_phrase_so_far() {
        let q = Query::parse("\"godkender mødepl");
        assert_eq!(q.phrases[0].words, ["godkender", "mødepl"]);
        assert!(Query::parse("   ").is_empty());
    }
}

//! Errors told in the user's language. A command fails with a [`Told`] (said in Danish and
//! English) or with one of the library's errors; `describe` words the whole chain in the
//! language chosen, so `dagsorden` on a Danish archive never answers in English.

use std::error::Error;
use std::fmt;

use dagsorden::archive::LoadError;
use dagsorden::config::ConfigError;
use dagsorden::lang::{Lang, Said};
use dagsorden::model::ids::IdError;
use dagsorden::store::SaveError;

/// An error said in both languages, with what caused it (if anything).
#[derive(Debug)]
pub struct Told {
    said: Said,
    cause: Option<anyhow::Error>,
}

impl Told {
    pub fn error(said: Said) -> anyhow::Error {
        anyhow::Error::new(Told { said, cause: None })
    }

    /// `said`, because of `cause` (shown after it: "kan ikke skrive x: disken er fuld").
    pub fn because(said: Said, cause: impl Into<anyhow::Error>) -> anyhow::Error {
        anyhow::Error::new(Told {
            said,
            cause: Some(cause.into()),
        })
    }
}

impl fmt::Display for Told {
    // English is what a log or a Rust caller reads; `describe` picks the user's language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.said.en)
    }
}

impl Error for Told {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.cause
            .as_ref()
            .map(|c| c.as_ref() as &(dyn Error + 'static))
    }
}

/// The error and its causes, each in `lang`, joined by ": ".
pub fn describe(error: &anyhow::Error, lang: Lang) -> String {
    let mut parts = Vec::new();
    for cause in error.chain() {
        let (text, complete) = word(cause, lang);
        parts.push(text);
        if complete {
            break;
        }
    }
    parts.join(": ")
}

/// One error in `lang`, and whether its text already says its causes.
fn word(e: &(dyn Error + 'static), lang: Lang) -> (String, bool) {
    if let Some(t) = e.downcast_ref::<Told>() {
        return (t.said.get(lang).to_owned(), false);
    }
    if let Some(s) = e.downcast_ref::<SaveError>() {
        return (dagsorden::tui::save_errors::describe(s, lang), true);
    }
    if let Some(l) = e.downcast_ref::<LoadError>() {
        return (l.said().get(lang).to_owned(), true);
    }
    if let Some(c) = e.downcast_ref::<ConfigError>() {
        return (c.said().get(lang).to_owned(), true);
    }
    if let Some(i) = e.downcast_ref::<IdError>() {
        return (i.said().get(lang).to_owned(), true);
    }
    if let Some(io) = e.downcast_ref::<std::io::Error>() {
        return (Said::io(io).get(lang).to_owned(), true);
    }
    (e.to_string(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_is_worded_in_the_language_asked() {
        let io = std::io::Error::from(std::io::ErrorKind::NotFound);
        let e = Told::because(dagsorden::said!("kan ikke skrive x"; "cannot write x"), io);
        assert_eq!(describe(&e, Lang::Da), "kan ikke skrive x: findes ikke");
        assert_eq!(describe(&e, Lang::En), "cannot write x: entity not found");
    }
}

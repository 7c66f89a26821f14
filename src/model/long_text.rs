//! An item's long text (its background), which a start may leave in the files until an
//! item is shown: on a municipality's archive the backgrounds are nine tenths of the text,
//! and the first screen needs none of them.

/// A long text: held, or not read yet ("away"). Code that shows, exports or searches it
/// asks [`LongText::text`] and must say what it does when the text is away; the screens
/// read it from the file first (`Archive::hold_texts`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LongText(Option<String>);

impl LongText {
    pub fn held(text: impl Into<String>) -> LongText {
        LongText(Some(text.into()))
    }

    /// A text not read yet.
    pub fn away() -> LongText {
        LongText(None)
    }

    /// The text, or `None` while it is away.
    pub fn text(&self) -> Option<&str> {
        self.0.as_deref()
    }

    pub fn is_held(&self) -> bool {
        self.0.is_some()
    }

    /// Gives the text up (leaving it away), for whoever holds it next.
    pub fn take(&mut self) -> Option<String> {
        self.0.take()
    }

    pub fn set(&mut self, text: String) {
        self.0 = Some(text);
    }
}

impl Default for LongText {
    /// An empty text, held (an item written without a background).
    fn default() -> LongText {
        LongText::held(String::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_taken_is_away_until_set_again() {
        let mut t = LongText::held("Baggrund");
        assert_eq!(t.text(), Some("Baggrund"));
        assert_eq!(t.take().as_deref(), Some("Baggrund"));
        assert!(!t.is_held());
        assert_eq!(t.text(), None);
        t.set("igen".into());
        assert_eq!(t.text(), Some("igen"));
        assert_eq!(LongText::default().text(), Some(""));
    }
}

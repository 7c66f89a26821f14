//! JSON for programs, safe to print to a terminal too. serde_json escapes the C0 controls;
//! every other control, format, separator or invisible character (C1, bidi overrides,
//! zero-width characters) is written as a `\uXXXX` escape here as well. The data is the
//! same to any JSON reader; only the bytes a terminal would act on are gone.

/// `value` as pretty-printed JSON ending in a newline, hidden characters escaped (the same
/// last check every JSON output passes, [`crate::text::for_medium`]).
pub fn pretty<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    Ok(crate::text::for_medium(&text, crate::text::Medium::Json).into_owned() + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_escaped_and_the_data_is_the_same() {
        let value =
            serde_json::json!({ "title": "a\u{9b}b\u{202e}c\u{e0041}d\u{1b}e\u{7f} æøå – “x”" });
        let text = pretty(&value).unwrap();
        assert!(
            !text.chars().any(|c| crate::text::is_hidden(c) && c != '\n'),
            "{text}"
        );
        assert!(
            text.contains("\\u009b") && text.contains("\\u202e") && text.contains("\\udb40\\udc41"),
            "{text}"
        );
        assert!(text.contains("æøå – “x”"), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}

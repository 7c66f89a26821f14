//! The toml and serde crates' error messages, said in Danish too.
//!
//! Their messages come in English and in a few fixed shapes ("missing field `x`",
//! "invalid type: string \"x\", expected a boolean", "invalid basic string, expected `\"`"),
//! so each shape is read and worded again. A message of a shape not known here keeps its
//! English wording behind a Danish lead, so nothing is lost.

use crate::lang::Said;

/// Both wordings of a message from `toml::de::Error::message()`.
pub fn said(message: &str) -> Said {
    let message = message.trim();
    Said::new(danish(message), message)
}

fn danish(m: &str) -> String {
    if let Some(field) = quoted_after(m, "missing field `") {
        return format!("feltet `{field}` mangler");
    }
    if let Some(field) = quoted_after(m, "duplicate field `") {
        return format!("feltet `{field}` står to gange");
    }
    if let Some(rest) = m.strip_prefix("unknown field `")
        && let Some((field, tail)) = rest.split_once('`')
    {
        return match tail.strip_prefix(", expected ") {
            Some(known) => format!("ukendt felt `{field}`; her kan stå {}", one_of(known)),
            None => format!("ukendt felt `{field}`; her hører ingen felter til"),
        };
    }
    if let Some(rest) = m.strip_prefix("unknown variant `")
        && let Some((value, tail)) = rest.split_once('`')
    {
        return match tail.strip_prefix(", expected ") {
            Some(known) => format!("ukendt værdi `{value}`; her kan stå {}", one_of(known)),
            None => format!("ukendt værdi `{value}`"),
        };
    }
    if let Some(rest) = m.strip_prefix("invalid type: ")
        && let Some((found, wanted)) = rest.split_once(", expected ")
    {
        return format!(
            "forkert slags værdi: {}, men her skal stå {}",
            found_value(found),
            wanted_value(wanted)
        );
    }
    if let Some(rest) = m.strip_prefix("invalid value: ")
        && let Some((found, wanted)) = rest.split_once(", expected ")
    {
        return format!(
            "ugyldig værdi: {}, men her skal stå {}",
            found_value(found),
            wanted_value(wanted)
        );
    }
    if let Some(rest) = m.strip_prefix("invalid length ")
        && let Some((n, wanted)) = rest.split_once(", expected ")
    {
        return format!("forkert antal ({n}); her skal stå {}", wanted_value(wanted));
    }
    if m.starts_with("data did not match any variant of untagged enum") {
        return "værdien har ikke en form, der passer her".to_owned();
    }
    if let Some(rest) = m.strip_prefix("cannot extend value of type ")
        && let Some(kind) = rest.strip_suffix(" with a dotted key")
    {
        return format!("en værdi af typen {kind} kan ikke udvides med en nøgle med punktum");
    }
    // The parser's own: "<what went wrong>, expected <list>".
    let (what, expected) = match m.split_once(", expected ") {
        Some((what, expected)) => (what, Some(expected)),
        None => (m, None),
    };
    let Some(what_da) = syntax(what) else {
        return format!("TOML-fejl: {m}");
    };
    match expected {
        Some(list) => format!("{what_da}; forventede {}", expected_list(list)),
        None => what_da.to_owned(),
    }
}

/// The text between `prefix` and the next backtick, when the message is just that.
fn quoted_after<'a>(m: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = m.strip_prefix(prefix)?;
    let (inner, tail) = rest.split_once('`')?;
    tail.is_empty().then_some(inner)
}

/// serde's "one of `a`, `b`" / "`a`": the names as they are, joined the Danish way.
fn one_of(known: &str) -> String {
    let names = known.strip_prefix("one of ").unwrap_or(known);
    let names: Vec<&str> = names.split(", ").collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} eller {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

/// serde's `Unexpected`: "string \"x\"", "integer `3`", "sequence", …
fn found_value(found: &str) -> String {
    let pairs = [
        ("string ", "teksten "),
        ("integer ", "heltallet "),
        ("floating point ", "decimaltallet "),
        ("boolean ", "sandhedsværdien "),
        ("character ", "tegnet "),
    ];
    for (en, da) in pairs {
        if let Some(rest) = found.strip_prefix(en) {
            return format!("{da}{rest}");
        }
    }
    match found {
        "sequence" => "en liste".to_owned(),
        "map" => "en tabel".to_owned(),
        "datetime" => "en dato eller tid".to_owned(),
        "unit value" => "ingen værdi".to_owned(),
        other => other.to_owned(),
    }
}

/// A visitor's "expecting": "a string", "a TOML datetime", "u32", "struct RawItem", …
fn wanted_value(wanted: &str) -> String {
    match wanted {
        "a string" | "string" => "en tekst i anførselstegn".to_owned(),
        "a boolean" | "bool" => "true eller false".to_owned(),
        "a sequence" => "en liste i [ ]".to_owned(),
        "a map" => "en tabel".to_owned(),
        "a TOML datetime" | "a date" | "datetime" => {
            "en dato eller tid uden anførselstegn".to_owned()
        }
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
        | "an integer" => "et helt tal".to_owned(),
        "f32" | "f64" | "a float" => "et tal".to_owned(),
        w if w.starts_with("struct ") => "en tabel".to_owned(),
        w if w.starts_with("one of ") || w.starts_with('`') => one_of(w),
        other => other.to_owned(),
    }
}

/// The parser's descriptions of what went wrong.
fn syntax(what: &str) -> Option<&'static str> {
    Some(match what {
        "duplicate key" => "nøglen står to gange",
        "missing opening quote" => "anførselstegnet i starten mangler",
        "missing comma between array elements" => "et komma mangler mellem listens elementer",
        "missing comma between key-value pairs" => "et komma mangler mellem felterne",
        "missing assignment between key-value pairs" => "`=` mangler mellem nøgle og værdi",
        "missing escaped value" => "tegnet efter \\ mangler",
        "missing key for inline table element" => "nøglen mangler i tabellen",
        "missing inline table opening" => "`{` mangler",
        "missing array opening" => "`[` mangler",
        "missing table open" => "`[` mangler",
        "missing comment start" => "`#` mangler",
        "missing value" => "værdien mangler",
        "missing value for key" => "værdien mangler efter nøglen",
        "unexpected leading zero" => "et tal må ikke begynde med 0",
        "unexpected sign" => "fortegnet hører ikke til her",
        "unexpected key or value" => "en nøgle eller værdi, der ikke hører til her",
        "unexpected content" => "tekst, der ikke hører til her",
        "unexpected content between comment and newline" => "tekst efter kommentaren",
        "unexpected `=` in array" => "`=` i en liste",
        "unclosed array table" => "`[[` er ikke lukket med `]]`",
        "unclosed table" => "`[` er ikke lukket med `]`",
        "unclosed inline table" => "`{` er ikke lukket med `}`",
        "unclosed array" => "`[` er ikke lukket med `]`",
        "unquoted keys cannot be empty" => "en nøgle uden anførselstegn kan ikke være tom",
        "invalid unquoted key" => "ugyldig nøgle",
        "invalid key" => "ugyldig nøgle",
        "invalid key-value pair" => "ugyldigt felt",
        "invalid table" => "ugyldig tabel",
        "invalid inline table element" => "ugyldigt element i tabellen",
        "invalid value" => "ugyldig værdi",
        "invalid string" => "ugyldig tekst",
        "invalid basic string" => "ugyldig tekst i anførselstegn",
        "invalid multi-line basic string" => "ugyldig tekst over flere linjer",
        "invalid literal string" => "ugyldig tekst i apostroffer",
        "invalid multi-line literal string" => "ugyldig tekst i apostroffer over flere linjer",
        "invalid integer number" => "ugyldigt heltal",
        "invalid float" | "invalid mantissa" => "ugyldigt decimaltal",
        "invalid fraction" => "ugyldige decimaler",
        "invalid exponent" => "ugyldig eksponent",
        "invalid hexadecimal number" => "ugyldigt hexadecimalt tal",
        "invalid octal number" => "ugyldigt oktalt tal",
        "invalid binary number" => "ugyldigt binært tal",
        "invalid date-time" | "invalid datetime" => "ugyldig dato eller tid",
        "invalid date" => "ugyldig dato",
        "invalid time" => "ugyldigt klokkeslæt",
        "invalid boolean" => "ugyldig sandhedsværdi (skriv true eller false)",
        "invalid comment character" => "et tegn, der ikke må stå i en kommentar",
        "integer number overflowed" => "tallet er for stort",
        "string values must be quoted" => "tekst skal stå i anførselstegn",
        "key with no value" => "en nøgle uden værdi",
        "extra `=`" => "et `=` for meget",
        "extra assignment between key-value pairs" => "et `=` for meget mellem felterne",
        "extra comma in array" => "et komma for meget i listen",
        "extra comma in inline table" => "et komma for meget i tabellen",
        "`_` may only go between digits" => "`_` må kun stå mellem cifre",
        "carriage return must be followed by newline" => {
            "en vognretur skal følges af et linjeskift"
        }
        "integers with a radix cannot be signed" => {
            "et tal med 0x, 0o eller 0b kan ikke have fortegn"
        }
        "keys cannot be multi-line basic strings" | "keys cannot be multi-line literal strings" => {
            "en nøgle kan ikke være en tekst over flere linjer"
        }
        "radix must be lowercase" => "0x, 0o og 0b skrives med små bogstaver",
        "redundant integer number prefix" | "redundant numeric sign" => {
            "et overflødigt tegn foran tallet"
        }
        "too few unicode value digits" => "for få cifre i tegnkoden",
        "cannot recurse further; max recursion depth met" => "for mange tabeller inden i hinanden",
        _ => return None,
    })
}

/// "`\"`", "key", "newline", … joined with "eller".
fn expected_list(list: &str) -> String {
    let words: Vec<String> = list
        .split(", ")
        .map(|w| {
            match w {
                "newline" => "linjeskift",
                "nothing" => "intet",
                "key" => "en nøgle",
                "value" => "en værdi",
                "digits" | "numbers" => "cifre",
                "letters" => "bogstaver",
                "characters" | "printable characters" => "tegn",
                "basic string" => "en tekst i anførselstegn",
                "literal string" => "en tekst i apostroffer",
                "multi-line basic string" => "en tekst over flere linjer",
                "unicode hexadecimal value" => "en hexadecimal tegnkode",
                "non-double-quote visible characters" => "synlige tegn undtagen \"",
                "non-single-quote characters" | "non-single-quote visible characters" => {
                    "tegn undtagen '"
                }
                "etc" => "andet",
                "a four-digit year (YYYY)" => "et år med fire cifre (ÅÅÅÅ)",
                "a two-digit month (MM)" => "en måned med to cifre (MM)",
                "a two-digit day (DD)" => "en dag med to cifre (DD)",
                "a two-digit hour (HH)" => "en time med to cifre (TT)",
                "a two-digit minute (MM)" => "et minut med to cifre (MM)",
                "a two-digit second (SS)" => "et sekund med to cifre (SS)",
                other => return between(other).unwrap_or_else(|| other.to_owned()),
            }
            .to_owned()
        })
        .collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} eller {last}", rest.join(", ")),
        _ => words.concat(),
    }
}

/// toml_datetime's "month between 01 and 12", "day between 01 and 30", …
fn between(what: &str) -> Option<String> {
    let (unit, range) = what.split_once(" between ")?;
    let (low, high) = range.split_once(" and ")?;
    let unit = match unit {
        "month" => "en måned",
        "day" => "en dag",
        "hour" | "hours" => "en time",
        "minute" | "minutes" => "et minut",
        "second" => "et sekund",
        _ => return None,
    };
    Some(format!("{unit} mellem {low} og {high}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn da(m: &str) -> String {
        said(m).da
    }

    #[test]
    fn serde_shapes_are_worded_in_danish() {
        assert_eq!(da("missing field `title`"), "feltet `title` mangler");
        assert_eq!(
            da("unknown field `titel`, expected one of `title`, `date`, `body`"),
            "ukendt felt `titel`; her kan stå `title`, `date` eller `body`"
        );
        assert_eq!(
            da("invalid type: string \"ja\", expected a boolean"),
            "forkert slags værdi: teksten \"ja\", men her skal stå true eller false"
        );
        assert_eq!(
            da("invalid type: integer `3`, expected a string"),
            "forkert slags værdi: heltallet `3`, men her skal stå en tekst i anførselstegn"
        );
    }

    #[test]
    fn parser_messages_are_worded_in_danish() {
        assert_eq!(
            da("invalid basic string, expected `\"`"),
            "ugyldig tekst i anførselstegn; forventede `\"`"
        );
        assert_eq!(da("duplicate key"), "nøglen står to gange");
        assert_eq!(
            da("unclosed table, expected `]`"),
            "`[` er ikke lukket med `]`; forventede `]`"
        );
        assert_eq!(
            da("missing comma between array elements, expected `,`, `]`"),
            "et komma mangler mellem listens elementer; forventede `,` eller `]`"
        );
    }

    #[test]
    fn an_unknown_shape_keeps_its_words_behind_a_danish_lead() {
        assert_eq!(da("something new"), "TOML-fejl: something new");
        assert_eq!(said("something new").en, "something new");
    }

    /// Every toml syntax error the parser gives for a set of broken lines has a Danish
    /// wording (no English lead left): the shapes above are the ones toml really produces.
    #[test]
    fn real_toml_errors_all_have_danish_wordings() {
        let broken = [
            "a = \"x",
            "a = \"x\" b = 1",
            "a = [1 2]",
            "a = { b = 1",
            "[a",
            "[[a]",
            "a = tru",
            "a = 1\na = 2",
            "a = 01",
            "a = 2018-13-01",
            "a = 2018-02-31",
            "a = 25:00:00",
            "= 1",
            "a =",
            "a = 'x",
            "a = \"\\q\"",
            "a = 1.",
            "a = 0xZZ",
            "a.b = 1\na = 2",
            "a = \"\"\"x",
            "a = 1 # x\u{7}",
        ];
        for text in broken {
            let e = toml::from_str::<toml::Table>(text).unwrap_err();
            let d = da(e.message());
            assert!(!d.starts_with("TOML-fejl"), "{text:?}: {}", e.message());
        }
    }
}

//! Who was there, as minutes print it: *Deltagere*, *Afbud*, *Fraværende* and *Gæster* in
//! the header block (a heading with the names under it, one per line or in one line), or
//! as "Deltagere: …" on a line of its own; members with their party letters ("Søren
//! Østergaard (V)"); item guests ("Deltog under punktet: …"); the presenter of an item
//! ("Lektor, Mette Højte, UC Syd præsenterer oplægget."); and a guest who sent apologies
//! ("Mette Højte fra UC Syd var forhindret i at deltage.").
//!
//! A person is carried as printed in one form, "Name (Organisation)", which the writer
//! splits into the format's name and organisation.

/// What a heading or a label of the header block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Participants,
    Apologies,
    Guests,
    GuestApologies,
}

/// The list a header heading ("DELTAGERE") or a label ("Afbud") starts, if any.
pub fn list_of(label: &str) -> Option<List> {
    match label.trim().trim_end_matches(':').to_lowercase().as_str() {
        "deltagere" | "til stede" | "medlemmer til stede" | "fremmødte" => {
            Some(List::Participants)
        }
        "afbud" | "fraværende" | "fraværende med afbud" => Some(List::Apologies),
        "gæster" | "øvrige deltagere" => Some(List::Guests),
        "gæster med afbud" => Some(List::GuestApologies),
        _ => None,
    }
}

/// "Deltagere: Anne Hansen (A), Bo Jensen (V)": a label and its names on one line.
pub fn labelled_line(line: &str) -> Option<(List, Vec<String>)> {
    let (label, names) = line.split_once(':')?;
    let list = list_of(label)?;
    let names = people_in_line(names);
    (!names.is_empty()).then_some((list, names))
}

/// The names of a list printed one per line: "Lise Willer, Esbjerg Kommune" is a name and
/// its organisation; a line of several names with party letters is split at the commas.
pub fn people(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .flat_map(|line| {
            let line = line.trim().trim_start_matches(['•', '–', '-']).trim();
            if line.matches('(').count() > 1 {
                return people_in_line(line);
            }
            match line.split_once(", ") {
                Some((name, org)) if !line.contains('(') => vec![format!("{name} ({org})")],
                _ if line.is_empty() => vec![],
                _ => vec![line.to_owned()],
            }
        })
        .collect()
}

/// Names in one line, separated by commas, semicolons or "og".
pub fn people_in_line(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .flat_map(|part| part.split(" og "))
        .map(|n| n.trim().trim_end_matches('.').trim())
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect()
}

/// "Lektor, Mette Højte, UC Syd præsenterer oplægget.": the presenter as the format holds
/// it ("Lektor Mette Højte, UC Syd").
pub fn presenter(paragraph: &str) -> Option<String> {
    let t = paragraph.trim().trim_end_matches('.');
    let who = ["præsenterer", "fremlægger", "orienterer om"]
        .iter()
        .find_map(|verb| t.split_once(&format!(" {verb} ")).map(|(who, _)| who))
        .or_else(|| t.split_once(" præsenteres af ").map(|(_, who)| who))?;
    // A name, not a sentence: a few words before the verb.
    if who.split_whitespace().count() > 8 || who.is_empty() {
        return None;
    }
    let parts: Vec<&str> = who.split(", ").map(str::trim).collect();
    Some(match parts.as_slice() {
        [role, name, org] => format!("{role} {name}, {org}"),
        _ => who.to_owned(),
    })
}

/// "Mette Højte fra UC Syd var forhindret i at deltage." or "… havde meldt afbud": a
/// guest's apologies, as "Name (Organisation)".
pub fn guest_apology(sentence: &str) -> Option<String> {
    let t = sentence.trim().trim_end_matches('.');
    let who = [
        " var forhindret i at deltage",
        " havde meldt afbud",
        " har meldt afbud",
    ]
    .iter()
    .find_map(|tail| t.strip_suffix(tail))?;
    if who.split_whitespace().count() > 8 {
        return None;
    }
    Some(match who.split_once(" fra ") {
        Some((name, org)) => format!("{} ({})", name.trim(), org.trim()),
        None => who.trim().to_owned(),
    })
}

/// "Name (Organisation)" as the format's name and organisation.
pub fn split_person(printed: &str) -> (String, Option<String>) {
    match printed
        .trim()
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once('('))
    {
        Some((name, org)) if !name.trim().is_empty() => {
            (name.trim().to_owned(), Some(org.trim().to_owned()))
        }
        _ => (printed.trim().to_owned(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn lists_are_read_one_per_line_or_in_one_line() {
        assert_eq!(
            people(&strings(&[
                "Lise Willer, Esbjerg Kommune",
                "Jacob Kyndal, Aabenraa Kommune"
            ])),
            [
                "Lise Willer (Esbjerg Kommune)",
                "Jacob Kyndal (Aabenraa Kommune)"
            ]
        );
        assert_eq!(
            people(&strings(&[
                "Anne Hansen (A), Bo Jensen (V) og Carl Olsen (O)"
            ])),
            ["Anne Hansen (A)", "Bo Jensen (V)", "Carl Olsen (O)"]
        );
        assert_eq!(
            labelled_line("Afbud: Dorte Lund (F)"),
            Some((List::Apologies, strings(&["Dorte Lund (F)"])))
        );
        assert_eq!(labelled_line("Sagsnr.: 21/3301"), None);
    }

    #[test]
    fn a_presenter_and_a_guests_apologies_are_read_from_their_sentences() {
        assert_eq!(
            presenter("Lektor, Mette Højte, UC Syd præsenterer oplægget."),
            Some("Lektor Mette Højte, UC Syd".to_owned())
        );
        assert_eq!(
            presenter("Oplægget præsenteres af Anne Vig, KL."),
            Some("Anne Vig, KL".to_owned())
        );
        assert_eq!(
            presenter(
                "Det er et langt afsnit hvor mange ord står før verbet og derfor præsenterer det intet navn."
            ),
            None
        );
        assert_eq!(
            guest_apology("Mette Højte fra UC Syd var forhindret i at deltage."),
            Some("Mette Højte (UC Syd)".to_owned())
        );
        assert_eq!(
            split_person("Mette Højte (UC Syd)"),
            ("Mette Højte".to_owned(), Some("UC Syd".to_owned()))
        );
    }
}

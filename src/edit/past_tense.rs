//! The decision text written when a clause is decided in meeting mode: the clause of the
//! recommendation turned into Danish past tense with the body as subject.
//!
//! "Forretningsudvalget indstiller, at Socialdirektørforum: godkender referatet …" becomes
//! "Socialdirektørforum godkendte referatet …". The verbs of recommendations are few and
//! mostly irregular enough (godkender → godkendte, tager → tog) that a table is more honest
//! than rules; a verb not in the table is kept as an infinitive after "besluttede at".

use crate::model::Outcome;

/// Present → past tense of the verbs that start recommendation clauses.
const VERBS: &[(&str, &str)] = &[
    ("accepterer", "accepterede"),
    ("afsætter", "afsatte"),
    ("aftaler", "aftalte"),
    ("afventer", "afventede"),
    ("anbefaler", "anbefalede"),
    ("bakker", "bakkede"),
    ("behandler", "behandlede"),
    ("bemyndiger", "bemyndigede"),
    ("beslutter", "besluttede"),
    ("bevilger", "bevilgede"),
    ("drøfter", "drøftede"),
    ("fastholder", "fastholdt"),
    ("fastsætter", "fastsatte"),
    ("forelægger", "forelagde"),
    ("følger", "fulgte"),
    ("genoptager", "genoptog"),
    ("giver", "gav"),
    ("godkender", "godkendte"),
    ("godtager", "godtog"),
    ("igangsætter", "igangsatte"),
    ("indstiller", "indstillede"),
    ("iværksætter", "iværksatte"),
    ("kvitterer", "kvitterede"),
    ("nedsætter", "nedsatte"),
    ("noterer", "noterede"),
    ("opretter", "oprettede"),
    ("overdrager", "overdrog"),
    ("sender", "sendte"),
    ("støtter", "støttede"),
    ("tager", "tog"),
    ("tilslutter", "tilsluttede"),
    ("tiltræder", "tiltrådte"),
    ("udpeger", "udpegede"),
    ("udsætter", "udsatte"),
    ("understøtter", "understøttede"),
    ("vedtager", "vedtog"),
    ("vælger", "valgte"),
    ("ønsker", "ønskede"),
];

/// The past tense of a present-tense verb, if it can be formed with confidence.
fn past(verb: &str) -> Option<String> {
    if let Some((_, p)) = VERBS.iter().find(|(v, _)| *v == verb) {
        return Some((*p).to_owned());
    }
    // -erer verbs (prioriterer, evaluerer, orienterer) are all regular: -erede.
    verb.strip_suffix("erer").map(|stem| format!("{stem}erede"))
}

/// The clause without what the lead-in already said and without the list punctuation:
/// "at Socialdirektørforum godkender …;" → "godkender …".
fn core<'a>(clause: &'a str, body: &str) -> &'a str {
    let mut text = clause.trim();
    for end in [", og", " og", ",", ";", ".", ":"] {
        if let Some(t) = text.strip_suffix(end) {
            text = t.trim_end();
        }
    }
    if let Some(t) = strip_prefix_ci(text, "at ") {
        text = t.trim_start();
    }
    if let Some(t) = strip_prefix_ci(text, body) {
        text = t.trim_start();
    }
    text
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    (head.to_lowercase() == prefix.to_lowercase()).then(|| &text[prefix.len()..])
}

/// "godkender referatet" → ("godkendte", " referatet"); unknown verbs give `None`.
fn split_verb(core: &str) -> Option<(String, &str)> {
    let end = core.find([' ', ',']).unwrap_or(core.len());
    past(&core[..end].to_lowercase()).map(|p| (p, &core[end..]))
}

fn sentence(text: String) -> String {
    let text = text.trim().to_owned();
    if text.ends_with(['.', '!', '?']) {
        text
    } else {
        format!("{text}.")
    }
}

/// The decision written for `clause` when `body` decides it with `outcome`.
pub fn decision_text(body: &str, clause: &str, outcome: Outcome) -> String {
    let core = core(clause, body);
    let verb = split_verb(core);
    match outcome {
        Outcome::Approved | Outcome::ApprovedWithChanges => match verb {
            Some((past, tail)) => sentence(format!("{body} {past}{tail}")),
            None if core.ends_with('r') && !core.contains(' ') => {
                sentence(format!("{body} besluttede at {}", &core[..core.len() - 1]))
            }
            None => match core.split_once(' ') {
                Some((v, rest)) if v.ends_with("er") => {
                    sentence(format!("{body} besluttede at {} {rest}", &v[..v.len() - 1]))
                }
                // Passive -eres (orienteres) → blev -eret.
                Some((v, rest)) if v.ends_with("eres") => {
                    sentence(format!("{body} blev {}t {rest}", &v[..v.len() - 1]))
                }
                _ => sentence(format!("{body} godkendte indstillingen: {core}")),
            },
        },
        Outcome::Rejected => match verb {
            Some((past, tail)) => sentence(format!("{body} {past} ikke{tail}")),
            None => sentence(format!("{body} godkendte ikke indstillingen: {core}")),
        },
        Outcome::Noted => {
            if core.contains("til efterretning")
                && let Some((past, tail)) = verb
            {
                sentence(format!("{body} {past}{tail}"))
            } else {
                whole_item_text(body, outcome)
            }
        }
        Outcome::Discussed => match verb {
            Some((past, tail)) if past == "drøftede" => sentence(format!("{body} {past}{tail}")),
            _ => whole_item_text(body, outcome),
        },
        Outcome::Postponed | Outcome::Withdrawn => whole_item_text(body, outcome),
    }
}

/// The decision on an item decided as a whole (no clauses): an information item taken note
/// of, or a standing item.
pub fn whole_item_text(body: &str, outcome: Outcome) -> String {
    match outcome {
        Outcome::Noted => format!("{body} tog orienteringen til efterretning."),
        Outcome::Discussed => format!("{body} drøftede sagen."),
        Outcome::Postponed => "Punktet blev udsat.".to_owned(),
        Outcome::Withdrawn => "Punktet blev trukket.".to_owned(),
        Outcome::Rejected => format!("{body} godkendte ikke indstillingen."),
        Outcome::Approved | Outcome::ApprovedWithChanges => {
            format!("{body} godkendte indstillingen.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SDF: &str = "Socialdirektørforum";

    #[test]
    fn clauses_of_the_reference_meeting() {
        assert_eq!(
            decision_text(
                SDF,
                "godkender referat fra mødet i Socialdirektørforum den 23. juni 2017",
                Outcome::Approved
            ),
            "Socialdirektørforum godkendte referat fra mødet i Socialdirektørforum den 23. juni 2017."
        );
        assert_eq!(
            decision_text(
                SDF,
                "godkender, at forløbene samt forplejning under kursusdagene finansieres af fælleskommunale midler.",
                Outcome::Approved
            ),
            "Socialdirektørforum godkendte, at forløbene samt forplejning under kursusdagene finansieres af fælleskommunale midler."
        );
        assert_eq!(
            decision_text(
                SDF,
                "drøfter oplægget på et kompetenceforløb for myndighedsområdet.",
                Outcome::Discussed
            ),
            "Socialdirektørforum drøftede oplægget på et kompetenceforløb for myndighedsområdet."
        );
        assert_eq!(
            decision_text(SDF, "tager orienteringen til efterretning", Outcome::Noted),
            "Socialdirektørforum tog orienteringen til efterretning."
        );
        assert_eq!(
            decision_text(SDF, "orienteres om status", Outcome::Noted),
            "Socialdirektørforum tog orienteringen til efterretning."
        );
    }

    #[test]
    fn lead_ins_list_punctuation_and_unknown_verbs() {
        assert_eq!(
            decision_text(
                SDF,
                "at Socialdirektørforum godkender mødeplanen for 2018, og",
                Outcome::Approved
            ),
            "Socialdirektørforum godkendte mødeplanen for 2018."
        );
        assert_eq!(
            decision_text(SDF, "prioriterer indsatsen;", Outcome::Approved),
            "Socialdirektørforum prioriterede indsatsen."
        );
        assert_eq!(
            decision_text(SDF, "ajourfører planen", Outcome::Approved),
            "Socialdirektørforum besluttede at ajourføre planen."
        );
        assert_eq!(
            decision_text(SDF, "orienteres om sagen", Outcome::Approved),
            "Socialdirektørforum blev orienteret om sagen."
        );
        assert_eq!(
            decision_text(SDF, "godkender budgettet", Outcome::Rejected),
            "Socialdirektørforum godkendte ikke budgettet."
        );
        assert_eq!(
            decision_text(SDF, "godkender budgettet", Outcome::Postponed),
            "Punktet blev udsat."
        );
    }
}

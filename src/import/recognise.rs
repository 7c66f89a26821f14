//! Reading meaning from Danish wording, shared by every layout: an item's kind from its
//! title and recommendation, a recommendation's party, lead and clauses, and a decision's
//! outcome. Each answers `None` rather than guess.

use crate::model::{ClauseStyle, ItemKind, Outcome};

use super::model::ImportedRecommendation;

/// The kind an item's title (and recommendation) says it is.
pub fn kind(title: &str, recommendation: Option<&ImportedRecommendation>) -> ItemKind {
    let t = title.trim().to_lowercase();
    if t.starts_with("godkendelse af referat") || t.starts_with("godkendelse af protokol") {
        return ItemKind::MinutesApproval;
    }
    if t.starts_with("godkendelse af dagsorden") {
        return ItemKind::AgendaApproval;
    }
    match t.trim_end_matches(['.', ':']) {
        "orienteringer" | "meddelelser" | "orientering" | "gensidig orientering" => {
            return ItemKind::Announcements;
        }
        "eventuelt" => return ItemKind::AnyOtherBusiness,
        "næste møde" => return ItemKind::NextMeeting,
        _ => {}
    }
    let Some(rec) = recommendation else {
        return ItemKind::Other;
    };
    let clauses: Vec<String> = rec
        .clauses
        .iter()
        .map(|c| c.to_lowercase())
        .chain(std::iter::once(rec.lead.to_lowercase()))
        .collect();
    let all = clauses.join(" ");
    if all.contains("til orientering") || all.contains("til efterretning") {
        return ItemKind::Information;
    }
    let discussing = rec
        .clauses
        .iter()
        .all(|c| c.to_lowercase().starts_with("drøfte"));
    if discussing && !all.contains("godkend") {
        return ItemKind::Discussion;
    }
    ItemKind::Decision
}

/// A recommendation's text split into its party, lead and clauses. `lead` is the first
/// paragraph; `listed` the clauses printed as a list, with their marker's style.
pub fn recommendation(
    lead: &str,
    listed: Vec<String>,
    style: ClauseStyle,
    party_id: impl Fn(&str) -> Option<String>,
) -> ImportedRecommendation {
    let lead = lead.trim();
    // "Forretningsudvalget indstiller, at …": the party is the words before the verb.
    let by_name = ["indstiller", "anbefaler", "foreslår"]
        .iter()
        .find_map(|verb| lead.find(&format!(" {verb}")).map(|i| lead[..i].trim()))
        .filter(|p| !p.is_empty() && !p.eq_ignore_ascii_case("der"))
        .map(str::to_owned);
    let by = by_name.as_deref().and_then(&party_id);
    if !listed.is_empty() {
        return ImportedRecommendation {
            by_name,
            by,
            lead: lead.to_owned(),
            clauses: listed,
            style,
        };
    }
    // One sentence: the lead ends at "at" (with the body it is addressed to, when one is
    // named: "…, at Socialdirektørforum"), or at the verb ("… indstiller til orientering").
    let (lead_part, clause) = split_sentence(lead, &party_id);
    ImportedRecommendation {
        by_name,
        by,
        lead: lead_part,
        clauses: if clause.is_empty() {
            vec![]
        } else {
            vec![clause]
        },
        style: ClauseStyle::Sentence,
    }
}

fn split_sentence(text: &str, party_id: &impl Fn(&str) -> Option<String>) -> (String, String) {
    let lower = text.to_lowercase();
    for marker in [
        "indstiller, at ",
        "indstilles til, at ",
        "indstilles, at ",
        "anbefaler, at ",
    ] {
        if let Some(i) = lower.find(marker) {
            let after = i + marker.len();
            let rest = &text[after..];
            // "indstiller, at Socialdirektørforum godkender …": the addressee stays in the lead.
            if marker == "indstiller, at "
                && let Some((word, tail)) = rest.split_once(' ')
                && party_id(word).is_some()
            {
                return (
                    text[..after + word.len()].to_owned(),
                    tail.trim().to_owned(),
                );
            }
            return (text[..after - 1].to_owned(), rest.trim().to_owned());
        }
    }
    for marker in ["indstiller ", "indstilles "] {
        if let Some(i) = lower.find(marker) {
            let after = i + marker.len();
            return (
                text[..after - 1].to_owned(),
                text[after..].trim().to_owned(),
            );
        }
    }
    (text.to_owned(), String::new())
}

/// The outcome a decision's wording states, and whether it was read from a weaker sign
/// (to be reported for staff to check). `None`: the text does not say.
/// Whether a decision's sentence speaks for every clause of the recommendation:
/// "Indstillingens to punkter blev godkendt", "Begge punkter godkendt", "Godkendt som
/// indstillet", "Indstillingen blev godkendt".
pub fn says_all_clauses(text: &str) -> bool {
    let t = text.to_lowercase();
    [
        "som indstillet",
        "indstillingens punkter",
        "indstillingens to punkter",
        "indstillingens tre punkter",
        "indstillingens fire punkter",
        "begge punkter",
        "alle punkter",
        "indstillingen blev",
        "indstillingen godkend",
        "indstillingen anbefal",
        "indstillingen tiltrådt",
        "indstillingen tages",
    ]
    .iter()
    .any(|p| t.contains(p))
}

/// A clause that opens with its outcome as the tool's own minutes print one that departs
/// from the recommendation ("Godkendt med ændringer: …", "Rejected: …"): the outcome, and
/// the text after the label.
pub fn labelled_outcome(text: &str) -> Option<(Outcome, &str)> {
    let t = text.trim_start();
    for lang in [crate::lang::Lang::Da, crate::lang::Lang::En] {
        for o in Outcome::ALL {
            let label = lang.outcome(o);
            if let Some(rest) = t.strip_prefix(label).and_then(|r| r.strip_prefix(':')) {
                return Some((o, rest.trim_start()));
            }
        }
    }
    None
}

pub fn outcome(text: &str) -> Option<(Outcome, bool)> {
    if let Some((o, _)) = labelled_outcome(text) {
        return Some((o, false));
    }
    let t = text.to_lowercase();
    let first = t.split(['.', '\n']).next().unwrap_or("");
    let sentences: Vec<&str> = t.split(['.', '\n']).collect();
    // "godkendte forslaget, men ikke tidsplanen": approved in part, for staff to check.
    if sentences
        .iter()
        .any(|s| s.contains("men ikke") && s.contains("godkend"))
    {
        return Some((Outcome::ApprovedWithChanges, true));
    }
    // The decision's own verb negated ("blev ikke godkendt", "afviste"), or an agreement
    // not to ("det blev aftalt, at der ikke afholdes …"); not any "ikke" in the text.
    let negated = [
        "ikke godkend",
        "godkendte ikke",
        "godkendes ikke",
        "ikke anbefal",
        "anbefales ikke",
        "ikke vedtaget",
        "ikke tiltrådt",
        "afvist",
        "afviste",
    ];
    let decided_not = sentences.iter().any(|s| {
        negated.iter().any(|n| s.contains(n))
            || (s.contains(" ikke ") && (s.contains("aftalt") || s.contains("besluttet")))
    });
    if decided_not {
        return Some((Outcome::Rejected, false));
    }
    // Withdrawn and postponed as the decision says them first, not a later aside.
    if first.contains("udgår") || first.contains("trukket tilbage") {
        return Some((Outcome::Withdrawn, false));
    }
    if first.contains("udsat") || first.contains("udsættes") {
        return Some((Outcome::Postponed, false));
    }
    let changes = [
        "med følgende bemærkning",
        "med de bemærkning",
        "med følgende ændring",
        "med den ændring",
        "med ændring",
    ];
    if (t.contains("godkend") || t.contains("anbefal")) && changes.iter().any(|c| t.contains(c)) {
        return Some((Outcome::ApprovedWithChanges, false));
    }
    if t.contains("i stedet") {
        return Some((Outcome::ApprovedWithChanges, true));
    }
    if t.contains("til efterretning") || t.contains("til orientering") {
        return Some((Outcome::Noted, false));
    }
    if [
        "godkendt",
        "godkendte",
        "godkendes",
        "anbefales",
        "anbefalede",
        "vedtaget",
        "vedtog",
        "tiltrådt",
        "tiltrådte",
        "blev besluttet",
        "besluttede",
    ]
    .iter()
    .any(|w| first.contains(w))
    {
        return Some((Outcome::Approved, false));
    }
    if first.contains("drøftet") || first.contains("drøftede") || first.contains("drøftelse") {
        return Some((Outcome::Discussed, false));
    }
    // "Det blev aftalt at finde nye datoer …": agreed on something, not as recommended.
    if first.contains("aftalt at") || first.contains("aftalt, at") {
        return Some((Outcome::ApprovedWithChanges, true));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fu(name: &str) -> Option<String> {
        match name {
            "Forretningsudvalget" => Some("fu".into()),
            "Socialdirektørforum" => Some("sdf".into()),
            _ => None,
        }
    }

    #[test]
    fn a_one_sentence_recommendation_is_split_into_lead_and_clause() {
        let r = recommendation(
            "Forretningsudvalget indstiller, at Socialdirektørforum godkender takstændringerne.",
            vec![],
            ClauseStyle::Dashes,
            fu,
        );
        assert_eq!(r.by.as_deref(), Some("fu"));
        assert_eq!(
            r.lead,
            "Forretningsudvalget indstiller, at Socialdirektørforum"
        );
        assert_eq!(r.clauses, ["godkender takstændringerne."]);
        let r = recommendation(
            "Forretningsudvalget indstiller til orientering",
            vec![],
            ClauseStyle::Sentence,
            fu,
        );
        assert_eq!(
            (r.lead.as_str(), r.clauses[0].as_str()),
            ("Forretningsudvalget indstiller", "til orientering")
        );
        let r = recommendation(
            "Der indstilles til, at Socialdirektørforum tager orienteringen til efterretning.",
            vec![],
            ClauseStyle::Sentence,
            fu,
        );
        assert_eq!(r.by, None);
        assert_eq!(r.lead, "Der indstilles til, at");
        assert_eq!(
            r.clauses,
            ["Socialdirektørforum tager orienteringen til efterretning."]
        );
    }

    #[test]
    fn outcomes_are_read_from_the_danish_wording() {
        let o = |t: &str| outcome(t).map(|(o, _)| o);
        assert_eq!(o("Referat godkendt"), Some(Outcome::Approved));
        assert_eq!(o("Godkendt som indstillet."), Some(Outcome::Approved));
        assert_eq!(
            o("Socialdirektørforum godkendte kommissoriet med følgende bemærkninger:"),
            Some(Outcome::ApprovedWithChanges)
        );
        assert_eq!(
            o("Orienteringerne blev taget til efterretning"),
            Some(Outcome::Noted)
        );
        assert_eq!(
            o("Oplægget blev drøftet. Der var følgende bemærkninger"),
            Some(Outcome::Discussed)
        );
        assert_eq!(
            o("Forslaget blev drøftet. Det blev aftalt, at der ikke afholdes studietur i 2018."),
            Some(Outcome::Rejected)
        );
        assert_eq!(o("Punktet blev udsat."), Some(Outcome::Postponed));
        assert_eq!(o("Forslaget blev ikke godkendt."), Some(Outcome::Rejected));
        assert_eq!(o("Udvalget afviste forslaget."), Some(Outcome::Rejected));
        // An "ikke" elsewhere, or a later aside, does not make the decision.
        assert_eq!(
            outcome("Socialdirektørforum godkendte forslaget, men ikke tidsplanen."),
            Some((Outcome::ApprovedWithChanges, true))
        );
        assert_eq!(
            o("Godkendt. Det er ikke afklaret, hvornår resten er udsat til."),
            Some(Outcome::Approved)
        );
        assert_eq!(o("Punktet udgår."), Some(Outcome::Withdrawn));
        assert_eq!(
            outcome("Det blev aftalt at finde nye datoer."),
            Some((Outcome::ApprovedWithChanges, true))
        );
        assert_eq!(o("Sekretariatet undersøger sagen."), None);
    }

    #[test]
    fn kinds_come_from_the_title_then_the_recommendation() {
        assert_eq!(
            kind("Godkendelse af referat fra mødet den 1. juni", None),
            ItemKind::MinutesApproval
        );
        assert_eq!(kind("Eventuelt", None), ItemKind::AnyOtherBusiness);
        let rec = recommendation(
            "Forretningsudvalget indstiller, at punktet tages til efterretning",
            vec![],
            ClauseStyle::Sentence,
            fu,
        );
        assert_eq!(kind("Afrapportering", Some(&rec)), ItemKind::Information);
    }
}

#[cfg(test)]
mod labelled_tests {
    use super::*;

    #[test]
    fn the_label_of_the_tools_own_minutes_is_the_outcome() {
        assert_eq!(
            labelled_outcome("Ikke godkendt: Forslaget blev drøftet."),
            Some((Outcome::Rejected, "Forslaget blev drøftet."))
        );
        assert_eq!(
            labelled_outcome("Approved with changes: The plan was agreed."),
            Some((Outcome::ApprovedWithChanges, "The plan was agreed."))
        );
        // Said in a sentence, it is wording for `outcome` to read, not a label.
        assert_eq!(labelled_outcome("Godkendt som indstillet."), None);
        assert_eq!(
            outcome("Udsat: afventer svar."),
            Some((Outcome::Postponed, false))
        );
    }
}

//! An item's recommendation and decision as a page prints them: the lead and its clauses in
//! their style, the decision clause by clause with an outcome read from its wording, or one
//! sentence for them all; what is left after the last clause kept as remarks. Every doubt
//! is reported with its line.

use super::blocks::{blocks_markdown, markdown, marker};
use super::model::{Doubt, DoubtKind, ImportedClause, ImportedItem};
use super::recognise;
use crate::model::{ClauseStyle, ItemKind};

/// Whether a paragraph is a recommendation: a party that recommends, first.
pub(super) fn is_recommendation(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().take(4).collect();
    words.iter().skip(1).any(|w| {
        let w = w.trim_end_matches([',', ':']);
        w == "indstiller" || w == "indstilles"
    })
}

pub(super) fn recommendation(
    paras: &[(usize, Vec<String>)],
    party_id: &dyn Fn(&str) -> Option<String>,
    doubts: &mut Vec<Doubt>,
) -> Option<super::model::ImportedRecommendation> {
    let ((first_no, first), rest) = paras.split_first()?;
    // The clauses may follow the lead with no blank line between (a PDF's text): the lead
    // ends where a clause starts.
    let split = first
        .iter()
        .position(|l| marker(l).is_some())
        .filter(|&at| at > 0);
    let (lead, more) = match split {
        Some(at) => (
            first[..at].to_vec(),
            vec![(*first_no, first[at..].to_vec())],
        ),
        None => (first.clone(), Vec::new()),
    };
    let rest: Vec<(usize, Vec<String>)> = more.into_iter().chain(rest.iter().cloned()).collect();
    let rest = &rest[..];
    let lead = &lead;
    let mut clauses: Vec<String> = Vec::new();
    let mut extra_lead: Vec<String> = Vec::new();
    let mut style = ClauseStyle::Sentence;
    for (no, lines) in rest {
        for l in lines {
            // "at kortlægningen tages til efterretning": a clause of its own line.
            let at_line = l
                .trim_start()
                .strip_prefix("at ")
                .map(|rest| (ClauseStyle::AtLines, rest.trim()));
            match marker(l).or(at_line) {
                Some((s, text)) => {
                    style = s;
                    clauses.push(text.to_owned());
                }
                // Not dropped: it goes on the clause before it (or the lead), reported.
                None => {
                    match clauses.last_mut() {
                        Some(last) => {
                            last.push(' ');
                            last.push_str(l.trim());
                        }
                        None => extra_lead.push(l.trim().to_owned()),
                    }
                    doubts.push(Doubt {
                        line: *no,
                        kind: DoubtKind::StrayRecommendationLine(l.trim().to_owned()),
                    });
                }
            }
        }
    }
    let lead = lead
        .iter()
        .chain(&extra_lead)
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    Some(recognise::recommendation(&lead, clauses, style, party_id))
}

pub(super) fn decision(
    paras: &[(usize, Vec<String>)],
    it: &mut ImportedItem,
    doubts: &mut Vec<Doubt>,
) {
    if paras.is_empty() {
        return;
    }
    // Clauses printed line under line ("1. Godkendt.\n2. Anbefales …") are one each.
    let bulleted = it
        .recommendation
        .as_ref()
        .is_some_and(|r| r.style == ClauseStyle::Bullets);
    let split: Vec<(usize, Vec<String>)> = paras
        .iter()
        .flat_map(|(no, lines)| {
            let each = lines.len() > 1
                && lines.iter().all(|l| match marker(l) {
                    Some((
                        ClauseStyle::Dashes | ClauseStyle::Numbers | ClauseStyle::Letters,
                        _,
                    )) => true,
                    Some((ClauseStyle::Bullets, _)) => bulleted,
                    _ => false,
                });
            if each {
                lines.iter().map(|l| (*no, vec![l.clone()])).collect()
            } else {
                vec![(*no, lines.clone())]
            }
        })
        .collect();
    let paras = &split[..];
    // "– …" in the forum's minutes, "1. …" in a municipality's: one per recommended clause;
    // "• …" where the recommendation's clauses are bulleted too (elsewhere a bullet list is
    // part of a clause's text).
    let dashed = |lines: &[String]| match marker(&lines[0]) {
        Some((ClauseStyle::Dashes | ClauseStyle::Numbers | ClauseStyle::Letters, _)) => true,
        Some((ClauseStyle::Bullets, _)) => bulleted,
        _ => false,
    };
    let mut clauses: Vec<(usize, Vec<String>)> = Vec::new();
    if paras.iter().any(|(_, l)| dashed(l)) {
        // Each "– …" starts a clause; what follows it belongs to it, but after the last
        // clause only its list: a paragraph further down is a remark on the item.
        let mut after_last = false;
        let mut remarks = Vec::new();
        for (no, lines) in paras {
            if dashed(lines) {
                let mut first = lines.clone();
                first[0] = marker(&first[0]).map_or(String::new(), |(_, t)| t.to_owned());
                clauses.push((*no, vec![markdown(&first, false)]));
                after_last = true;
            } else if let Some(last) = clauses.last_mut() {
                let is_list = lines.iter().all(|l| marker(l).is_some());
                let last_clause = paras
                    .iter()
                    .skip_while(|(n, _)| n != no)
                    .all(|(_, l)| !dashed(l));
                if last_clause && after_last && !is_list {
                    remarks.push(markdown(lines, false));
                } else {
                    last.1.push(markdown(lines, false));
                }
            } else {
                remarks.push(markdown(lines, false));
            }
        }
        if !remarks.is_empty() {
            doubts.push(Doubt {
                line: paras.last().map_or(0, |p| p.0),
                kind: DoubtKind::RemarksKept(it.number.clone()),
            });
            it.remarks = remarks.join("\n\n");
        }
    } else {
        clauses.push((paras[0].0, vec![blocks_markdown(paras)]));
    }
    // "Eventuelt", "Næste møde": what was said, with no outcome to give.
    let standing = matches!(it.kind, ItemKind::AnyOtherBusiness | ItemKind::NextMeeting)
        && it.recommendation.is_none();
    if standing {
        let text: Vec<String> = clauses.into_iter().map(|(_, p)| p.join("\n\n")).collect();
        it.decision_text = text.join("\n\n");
        return;
    }
    // "Indstillingens to punkter blev godkendt": one sentence for every recommended clause.
    let recommended = it.recommendation.as_ref().map_or(0, |r| r.clauses.len());
    if clauses.len() == 1
        && recommended > 1
        && it.remarks.is_empty()
        && let Some((o, weak)) = recognise::outcome(&clauses[0].1.join(" "))
        && !weak
        && recognise::says_all_clauses(&clauses[0].1.join(" "))
    {
        it.decision_text = clauses[0].1.join("\n\n");
        for _ in 0..recommended {
            it.decision.push(ImportedClause {
                outcome: Some(o),
                text: String::new(),
            });
        }
        return;
    }
    for (no, parts) in clauses {
        let text = parts.join("\n\n");
        // The label the tool's own minutes print is the outcome, not part of the text.
        if let Some((o, rest)) = recognise::labelled_outcome(&text) {
            it.decision.push(ImportedClause {
                outcome: Some(o),
                text: rest.to_owned(),
            });
            continue;
        }
        let outcome = match recognise::outcome(&text) {
            Some((o, weak)) => {
                if weak {
                    doubts.push(Doubt {
                        line: no,
                        kind: DoubtKind::WeakOutcome(it.number.clone(), o),
                    });
                }
                Some(o)
            }
            None => {
                doubts.push(Doubt {
                    line: no,
                    kind: DoubtKind::NoOutcome(it.number.clone()),
                });
                None
            }
        };
        it.decision.push(ImportedClause { outcome, text });
    }
}

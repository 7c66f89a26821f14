//! Every decision in the archive, filtered, and where decisions departed from what was
//! recommended: the data of the Beslutninger screen and `dagsorden decisions`.

use std::collections::BTreeMap;

use chrono::Datelike;

use crate::model::{ClauseDecision, Item, Meeting, Outcome};
use crate::search::fold::fold;

/// Which decisions to show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionFilter {
    pub body: Option<String>,
    pub year: Option<i32>,
    pub outcome: Option<Outcome>,
    /// A tag, or the start of one (folded when compared).
    pub tag: Option<String>,
    /// Only clauses whose outcome is not what was recommended.
    pub deviations: bool,
}

/// One row: an item's decision, or with `clause` one clause of it (the deviations view).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionRow {
    /// Index into the archive's meetings.
    pub meeting: usize,
    /// Index into the meeting's items.
    pub item: usize,
    pub clause: Option<usize>,
}

/// One clause of a decision next to the recommendation clause it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClausePair<'a> {
    pub index: usize,
    pub outcome: Outcome,
    pub recommendation: Option<&'a str>,
    pub decision: &'a str,
}

/// The clauses of an item's decision, each with its recommendation clause.
pub fn clause_pairs(item: &Item) -> Vec<ClausePair<'_>> {
    let Some(decision) = &item.decision else {
        return Vec::new();
    };
    let recommended = item.recommendation.as_ref().map(|r| r.clauses.as_slice());
    decision
        .clauses
        .iter()
        .enumerate()
        .map(|(index, c): (usize, &ClauseDecision)| ClausePair {
            index,
            outcome: c.outcome,
            recommendation: recommended.and_then(|r| r.get(index)).map(String::as_str),
            decision: c.text.as_str(),
        })
        .collect()
}

impl DecisionFilter {
    fn admits_item(&self, meeting: &Meeting, item: &Item) -> bool {
        let Some(decision) = &item.decision else {
            return false;
        };
        if decision.is_empty() {
            return false;
        }
        self.body
            .as_deref()
            .is_none_or(|b| meeting.body().as_str() == b)
            && self.year.is_none_or(|y| meeting.date().year() == y)
            && self.tag.as_deref().is_none_or(|want| {
                let want = fold(want);
                item.tags.iter().any(|t| fold(t).starts_with(&want))
            })
    }

    fn admits_clause(&self, outcome: Outcome) -> bool {
        self.outcome.is_none_or(|o| o == outcome)
            && (!self.deviations || outcome.departs_from_recommendation())
    }
}

/// The decisions (or, in the deviations view, the departing clauses) that pass the filter,
/// newest meeting first and in item order within a meeting.
pub fn decision_rows(meetings: &[Meeting], filter: &DecisionFilter) -> Vec<DecisionRow> {
    let mut rows = Vec::new();
    for (m, meeting) in meetings.iter().enumerate().rev() {
        let mut items: Vec<(usize, &Item)> = meeting.items.iter().enumerate().collect();
        items.sort_by_key(|(_, i)| i.number.clone());
        for (i, item) in items {
            if !filter.admits_item(meeting, item) {
                continue;
            }
            let clauses = &item.decision.as_ref().map_or(&[][..], |d| &d.clauses[..]);
            if filter.deviations {
                for (c, clause) in clauses.iter().enumerate() {
                    if filter.admits_clause(clause.outcome) {
                        rows.push(DecisionRow {
                            meeting: m,
                            item: i,
                            clause: Some(c),
                        });
                    }
                }
            } else if filter.outcome.is_none()
                || clauses.iter().any(|c| filter.admits_clause(c.outcome))
            {
                rows.push(DecisionRow {
                    meeting: m,
                    item: i,
                    clause: None,
                });
            }
        }
    }
    rows
}

/// How many clauses were decided each way, per year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearCounts {
    pub year: i32,
    /// By [`Outcome::ALL`] order.
    pub counts: [usize; Outcome::ALL.len()],
}

impl YearCounts {
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    pub fn get(&self, outcome: Outcome) -> usize {
        self.counts[outcome_index(outcome)]
    }
}

fn outcome_index(outcome: Outcome) -> usize {
    Outcome::ALL.iter().position(|o| *o == outcome).unwrap_or(0)
}

/// Clause outcomes per year among the rows (all clauses of a whole-decision row, the one
/// clause of a deviation row), oldest year first.
pub fn counts_per_year(meetings: &[Meeting], rows: &[DecisionRow]) -> Vec<YearCounts> {
    let mut years: BTreeMap<i32, YearCounts> = BTreeMap::new();
    for row in rows {
        let meeting = &meetings[row.meeting];
        let year = meeting.date().year();
        let entry = years.entry(year).or_insert_with(|| YearCounts {
            year,
            ..YearCounts::default()
        });
        let Some(decision) = &meeting.items[row.item].decision else {
            continue;
        };
        let clauses: Vec<&ClauseDecision> = match row.clause {
            Some(c) => decision.clauses.get(c).into_iter().collect(),
            None => decision.clauses.iter().collect(),
        };
        for c in clauses {
            entry.counts[outcome_index(c.outcome)] += 1;
        }
    }
    years.into_values().collect()
}

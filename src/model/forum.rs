//! The forum's bodies and settings, from `forum.toml`.

use chrono::NaiveTime;

use super::ids::BodyId;
use super::meeting::{Party, Person};
use crate::lang::Lang;

/// A body that meets: Socialdirektørforum, Forretningsudvalget, …
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Body {
    pub id: BodyId,
    pub name: String,
    /// Abbreviation shown in lists, e.g. "SDF".
    pub short: String,
    pub place: String,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    /// The body whose meetings this one prepares and recommends to (fu → sdf).
    pub recommends_to: Option<BodyId>,
    /// Days before a meeting that items are due at the secretariat; none where the body
    /// has no such rule.
    pub items_due_days: Option<u32>,
    /// Days before a meeting that the agenda is sent out; none where the body has no rule.
    pub agenda_sent_days: Option<u32>,
    /// The least number of days between this body's meeting and the meeting it prepares.
    pub min_gap_days: Option<u32>,
    /// For proposing a year's plan: how many meetings a year, on which weekday, and (for a
    /// preparing body) how many days before the meeting it prepares.
    pub meetings_per_year: Option<u32>,
    pub weekday: Option<chrono::Weekday>,
    pub gap_days: Option<u32>,
    /// A new meeting starts with approval of the agenda (*Godkendelse af dagsorden*).
    pub agenda_approval: bool,
    /// Item numbers run on through the year from meeting to meeting (112, 113 …).
    pub running_numbers: bool,
    pub members: Vec<Person>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Forum {
    pub name: String,
    pub secretariat: String,
    pub language: Lang,
    pub bodies: Vec<Body>,
    /// Months (1–12) a proposed plan keeps free, e.g. July for the summer holidays.
    pub avoid_months: Vec<u32>,
}

impl Forum {
    pub fn body(&self, id: &BodyId) -> Option<&Body> {
        self.bodies.iter().find(|b| &b.id == id)
    }

    /// The body's full name, or its id when it is not defined.
    pub fn body_name(&self, id: &BodyId) -> String {
        self.body(id)
            .map_or_else(|| id.to_string(), |b| b.name.clone())
    }

    /// A body's short name for lists ("SDF"); an unknown body by its id in capitals.
    pub fn body_short(&self, id: &BodyId) -> String {
        self.body(id)
            .map_or_else(|| id.as_str().to_uppercase(), |b| b.short.clone())
    }

    /// A party by name: a body's full name, or the outside party as written.
    pub fn party_name(&self, by: &Party) -> String {
        match by {
            Party::Body(id) => self.body_name(id),
            Party::Outside(name) => name.clone(),
        }
    }

    /// A case route as printed: "Børn og Unge → Økonomiudvalget → Kommunalbestyrelsen".
    pub fn route_text(&self, route: &[Party]) -> String {
        route
            .iter()
            .map(|s| self.party_name(s))
            .collect::<Vec<_>>()
            .join(" → ")
    }

    /// An item's case data as labelled rows, in the order minutes print them; empty
    /// fields left out.
    pub fn case_rows(
        &self,
        case: &super::meeting::CaseData,
        lang: Lang,
    ) -> Vec<(&'static str, String)> {
        let l = lang.labels();
        let route = self.route_text(&case.route);
        [
            (l.case_number, case.number.clone()),
            (l.case_officer, case.officer.clone()),
            (l.case_type, case.case_type.clone()),
            (l.case_authority, case.authority.clone()),
            (l.case_route, (!route.is_empty()).then_some(route)),
        ]
        .into_iter()
        .filter_map(|(label, value)| Some((label, value?)))
        .collect()
    }

    pub fn body_ids(&self) -> Vec<&str> {
        self.bodies.iter().map(|b| b.id.as_str()).collect()
    }
}

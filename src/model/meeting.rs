//! Meetings, their items, recommendations and decisions: the shape of published minutes.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveTime};

use super::followup::Followup;
use super::ids::{BodyId, ItemNo, ItemRef, MeetingId};
use super::long_text::LongText;

/// Where a meeting is in its life, from plan to approved minutes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum MeetingStatus {
    Planned,
    AgendaDraft,
    AgendaPublished,
    Held,
    MinutesDraft,
    MinutesApproved,
}

impl MeetingStatus {
    pub const ALL: [MeetingStatus; 6] = [
        MeetingStatus::Planned,
        MeetingStatus::AgendaDraft,
        MeetingStatus::AgendaPublished,
        MeetingStatus::Held,
        MeetingStatus::MinutesDraft,
        MeetingStatus::MinutesApproved,
    ];

    /// The spelling used in files and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            MeetingStatus::Planned => "planned",
            MeetingStatus::AgendaDraft => "agenda-draft",
            MeetingStatus::AgendaPublished => "agenda-published",
            MeetingStatus::Held => "held",
            MeetingStatus::MinutesDraft => "minutes-draft",
            MeetingStatus::MinutesApproved => "minutes-approved",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// What kind of agenda item this is; standing items have their own kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ItemKind {
    /// *Godkendelse af dagsorden*: the first item of most municipal meetings.
    AgendaApproval,
    MinutesApproval,
    Decision,
    Discussion,
    Information,
    Announcements,
    AnyOtherBusiness,
    NextMeeting,
    /// An item that fits no kind (*Underskriftsark*, *Meddelelser*, a closed item whose
    /// content is not published): nothing is claimed about it.
    Other,
}

impl ItemKind {
    pub const ALL: [ItemKind; 9] = [
        ItemKind::AgendaApproval,
        ItemKind::MinutesApproval,
        ItemKind::Decision,
        ItemKind::Discussion,
        ItemKind::Information,
        ItemKind::Announcements,
        ItemKind::AnyOtherBusiness,
        ItemKind::NextMeeting,
        ItemKind::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ItemKind::AgendaApproval => "agenda-approval",
            ItemKind::MinutesApproval => "minutes-approval",
            ItemKind::Decision => "decision",
            ItemKind::Discussion => "discussion",
            ItemKind::Information => "information",
            ItemKind::Announcements => "announcements",
            ItemKind::AnyOtherBusiness => "any-other-business",
            ItemKind::NextMeeting => "next-meeting",
            ItemKind::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// The outcome of one recommendation clause.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Outcome {
    /// Approved as recommended.
    Approved,
    ApprovedWithChanges,
    Rejected,
    /// Taken note of (*taget til efterretning*).
    Noted,
    Discussed,
    Postponed,
    Withdrawn,
}

impl Outcome {
    pub const ALL: [Outcome; 7] = [
        Outcome::Approved,
        Outcome::ApprovedWithChanges,
        Outcome::Rejected,
        Outcome::Noted,
        Outcome::Discussed,
        Outcome::Postponed,
        Outcome::Withdrawn,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Outcome::Approved => "approved",
            Outcome::ApprovedWithChanges => "approved-with-changes",
            Outcome::Rejected => "rejected",
            Outcome::Noted => "noted",
            Outcome::Discussed => "discussed",
            Outcome::Postponed => "postponed",
            Outcome::Withdrawn => "withdrawn",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.key() == key)
    }

    /// Whether the body did something other than what it was asked to do. Taking note of
    /// an information item or discussing a discussion item is exactly what was asked.
    pub fn departs_from_recommendation(self) -> bool {
        !matches!(
            self,
            Outcome::Approved | Outcome::Noted | Outcome::Discussed
        )
    }
}

/// A person in the attendance list or a body's member list.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Person {
    pub name: String,
    pub organisation: Option<String>,
}

impl Person {
    /// "Name, Organisation" as attendance lists print it.
    pub fn line(&self) -> String {
        match &self.organisation {
            Some(org) if !org.trim().is_empty() => format!("{}, {org}", self.name),
            _ => self.name.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Attendance {
    pub participants: Vec<Person>,
    /// *Afbud*: members who sent apologies.
    pub apologies: Vec<Person>,
    pub guests: Vec<Person>,
    /// Guests who were expected (e.g. to present an item) but could not come.
    pub guest_apologies: Vec<Person>,
}

impl Attendance {
    pub fn is_empty(&self) -> bool {
        self.participants.is_empty()
            && self.apologies.is_empty()
            && self.guests.is_empty()
            && self.guest_apologies.is_empty()
    }
}

/// How a recommendation's clauses are marked, as the source prints them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum ClauseStyle {
    /// One sentence, no list: "Det indstilles, at udvalget godkender …".
    #[default]
    Sentence,
    /// `(a)`, `(b)`, …
    Letters,
    /// `1.`, `2.`, … (municipal style)
    Numbers,
    /// `–` before each clause (this forum's style)
    Dashes,
    /// `•` before each clause
    Bullets,
    /// Each clause a line of its own that starts "at …" ("Det indstilles,\n\nat …\n\nat …").
    AtLines,
}

impl ClauseStyle {
    pub const ALL: [ClauseStyle; 6] = [
        ClauseStyle::Sentence,
        ClauseStyle::Letters,
        ClauseStyle::Numbers,
        ClauseStyle::Dashes,
        ClauseStyle::Bullets,
        ClauseStyle::AtLines,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ClauseStyle::Sentence => "sentence",
            ClauseStyle::Letters => "letters",
            ClauseStyle::Numbers => "numbers",
            ClauseStyle::Dashes => "dashes",
            ClauseStyle::Bullets => "bullets",
            ClauseStyle::AtLines => "at-lines",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The style a file that states none is read with: one clause is a sentence, several
    /// are lettered, as they always were.
    pub fn inferred(clauses: usize) -> Self {
        if clauses <= 1 {
            ClauseStyle::Sentence
        } else {
            ClauseStyle::Letters
        }
    }

    /// The marker printed before clause `index` (0-based): `(a)`, `1.`, `–`, `•`, or
    /// nothing for a sentence.
    pub fn marker(self, index: usize) -> String {
        match self {
            ClauseStyle::Sentence => String::new(),
            ClauseStyle::Letters => clause_letter(index),
            ClauseStyle::Numbers => format!("{}.", index + 1),
            ClauseStyle::Dashes => "–".to_owned(),
            ClauseStyle::Bullets => "•".to_owned(),
            ClauseStyle::AtLines => "at".to_owned(),
        }
    }
}

/// `(a)`, `(b)`, … `(z)`, `(aa)`, …: the position of a clause, whatever its printed marker.
pub fn clause_letter(index: usize) -> String {
    let mut n = index;
    let mut letters = Vec::new();
    loop {
        letters.push((b'a' + (n % 26) as u8) as char);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    let word: String = letters.into_iter().rev().collect();
    format!("({word})")
}

/// A party to an item or a meeting: a body of the archive, or one outside it. Who recommends
/// ("Administrationen", "Direktionen", "Formanden"), a step of a case route (Økonomiudvalget,
/// Kommunalbestyrelsen, KKR), the other side of a joint meeting (Region Syddanmark).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Party {
    Body(BodyId),
    Outside(String),
}

impl Party {
    /// As files write it: a body of the archive by its id, anyone else by name.
    pub fn as_written(&self) -> &str {
        match self {
            Party::Body(id) => id.as_str(),
            Party::Outside(name) => name,
        }
    }
}

/// *Indstilling*: who recommends, the lead-in sentence and the ordered clauses.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Recommendation {
    /// The recommending party; none where the text says "Det indstilles, at …".
    pub by: Option<Party>,
    /// The sentence before the clauses, e.g. "Forretningsudvalget indstiller, at Socialdirektørforum:".
    pub lead: String,
    pub clauses: Vec<String>,
    /// How the clauses are marked: stated in the file, else inferred from their number.
    pub style: ClauseStyle,
    /// Whether the file states the style (a stated style is shown even for one clause).
    pub style_stated: bool,
}

impl Recommendation {
    /// The body that recommends, when it is one of the archive's.
    pub fn by_body(&self) -> Option<&BodyId> {
        match &self.by {
            Some(Party::Body(b)) => Some(b),
            _ => None,
        }
    }

    /// The printed marker of clause `index`; a decision clause beyond the recommended
    /// ones is lettered.
    pub fn marker(&self, index: usize) -> String {
        if index >= self.clauses.len() {
            return clause_letter(index);
        }
        self.style.marker(index)
    }

    /// A name that tells clause `index` apart from the others: its marker where the marker
    /// does (`(b)`, `2.`), else its letter (dashes and bullets all look alike).
    pub fn label(&self, index: usize) -> String {
        match self.style {
            ClauseStyle::Letters | ClauseStyle::Numbers => self.marker(index),
            // The one clause of a sentence has no name on paper either.
            ClauseStyle::Sentence if index < self.clauses.len() => String::new(),
            _ => clause_letter(index),
        }
    }

    /// Whether the clauses are printed as one sentence with the lead.
    pub fn is_sentence(&self) -> bool {
        self.style == ClauseStyle::Sentence && self.clauses.len() <= 1
    }
}

/// The printed marker of clause `index` of an item's recommendation (lettered where the
/// item has no recommendation).
pub fn clause_marker(recommendation: Option<&Recommendation>, index: usize) -> String {
    match recommendation {
        Some(r) => r.marker(index),
        None => clause_letter(index),
    }
}

/// The decision on one clause, paired with the recommendation clause at the same position.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ClauseDecision {
    pub outcome: Outcome,
    /// The decision as written in the minutes (Markdown).
    pub text: String,
}

/// *Beslutning*: per-clause outcomes, optional overall text and remarks.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Decision {
    /// The heading as the source prints it, where it names body and date
    /// ("Beslutning i Udvalget for Børn og Unge den 12-03-2021"); else the usual label.
    pub heading: Option<String>,
    /// Overall decision text, for decisions not written clause by clause (Markdown).
    pub text: String,
    pub clauses: Vec<ClauseDecision>,
    /// *Bemærkninger* recorded with the decision (Markdown).
    pub remarks: String,
}

impl Decision {
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.clauses.is_empty() && self.remarks.trim().is_empty()
    }

    /// True when any clause departs from what was recommended.
    pub fn departs(&self) -> bool {
        self.clauses
            .iter()
            .any(|c| c.outcome.departs_from_recommendation())
    }
}

/// *Bilag*: a file belonging to an item, by path relative to the meeting file's folder.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Attachment {
    pub title: String,
    pub path: PathBuf,
}

/// The case data municipal minutes print per item, all optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct CaseData {
    /// *Sagsnr.*
    pub number: Option<String>,
    /// *Sagsbehandler*
    pub officer: Option<String>,
    /// *Sagstype*, as printed: "Beslutningssag", "Orienteringssag", "Drøftelsessag".
    pub case_type: Option<String>,
    /// *Beslutningskompetence*, as printed: "Kommunalbestyrelsen".
    pub authority: Option<String>,
    /// *Sagsgang*: the bodies the case passes through, in order.
    pub route: Vec<Party>,
}

impl CaseData {
    pub fn is_empty(&self) -> bool {
        self.number.is_none()
            && self.officer.is_none()
            && self.case_type.is_none()
            && self.authority.is_none()
            && self.route.is_empty()
    }
}

/// Attendance that differs for one item: guests who came for it, members absent during it
/// ("deltog ikke under punkt 12–15").
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct ItemAttendance {
    pub absent: Vec<Person>,
    pub guests: Vec<Person>,
}

impl ItemAttendance {
    pub fn is_empty(&self) -> bool {
        self.absent.is_empty() && self.guests.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Item {
    /// As printed: `3`, `3a`, `3.1`.
    pub number: ItemNo,
    /// Empty for a closed item whose content is not published.
    pub title: String,
    pub kind: ItemKind,
    /// Closed items (*lukket punkt*) stay in the internal minutes and leave the public ones.
    pub closed: bool,
    pub presenter: Option<String>,
    /// *Resume* / *Sagens kerne*: a summary above the background (Markdown).
    pub summary: String,
    /// *Baggrund / sagsfremstilling* as Markdown. Not in a cache entry's meeting: the
    /// cache keeps the backgrounds apart, so that a start can leave them in the files.
    #[serde(skip, default = "LongText::away")]
    pub background: LongText,
    pub case: CaseData,
    pub attendance: ItemAttendance,
    pub recommendation: Option<Recommendation>,
    pub decision: Option<Decision>,
    pub attachments: Vec<Attachment>,
    pub tags: Vec<String>,
    pub refs: Vec<ItemRef>,
    pub followups: Vec<Followup>,
    /// The follow-ups (by id) this item reports on, e.g. an evaluation that came back.
    pub answers: Vec<String>,
    /// Where the item is among the file's `[[items]]` (items are shown by number, which
    /// need not be the file's order).
    pub file_index: usize,
}

impl Item {
    /// The title as shown: a closed item whose title is not published is "Lukket punkt".
    pub fn shown_title<'a>(&'a self, closed_label: &'a str) -> &'a str {
        if self.title.is_empty() {
            closed_label
        } else {
            &self.title
        }
    }

    pub fn departs_from_recommendation(&self) -> bool {
        self.decision.as_ref().is_some_and(Decision::departs)
    }

    /// The printed marker of clause `index` of this item.
    pub fn clause_marker(&self, index: usize) -> String {
        clause_marker(self.recommendation.as_ref(), index)
    }

    /// The name that tells clause `index` apart: `(b)`, `2.`, the letter where the markers
    /// are all alike, or nothing for a recommendation in one sentence.
    pub fn clause_label(&self, index: usize) -> String {
        match &self.recommendation {
            Some(r) => r.label(index),
            None => clause_letter(index),
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Meeting {
    pub id: MeetingId,
    pub title: String,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub place: String,
    /// When the minutes were published (*Udgivet* on a minutes page).
    pub published: Option<NaiveDate>,
    /// When the agenda was published, where it is known apart from the minutes.
    pub agenda_published: Option<NaiveDate>,
    /// The published page the meeting was taken from.
    pub source: Option<String>,
    /// The item numbers in the order they were taken, where it differs from their numbers.
    pub order: Vec<ItemNo>,
    pub status: MeetingStatus,
    /// For a preparing body's meeting (FU): the meeting it prepares, when stated.
    pub prepares: Option<MeetingId>,
    /// A joint meeting: the other bodies, of the archive or outside it.
    pub with: Vec<Party>,
    pub attendance: Attendance,
    /// In the order they were taken: as `order` lists them, then the rest by number.
    pub items: Vec<Item>,
    /// The file this meeting was read from, relative to the archive root.
    pub file: PathBuf,
    /// A hash of the file's text as loaded, to tell whether it changed on disk since.
    pub source_hash: u64,
    /// A key for this conversion of the file: its text and every answer it got from the
    /// rest of the archive. Two meetings with the same key are the same meeting, so what
    /// is worked out from one (its search index) holds for the other.
    pub conversion_key: u64,
}

impl Meeting {
    pub fn date(&self) -> NaiveDate {
        self.id.date
    }

    pub fn body(&self) -> &BodyId {
        &self.id.body
    }

    pub fn item(&self, number: &ItemNo) -> Option<&Item> {
        self.items.iter().find(|i| &i.number == number)
    }

    /// The items that go into the public minutes, numbers kept as they are.
    pub fn public_items(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| !i.closed)
    }

    /// Whether every item's long texts are held (none left in the file).
    pub fn texts_held(&self) -> bool {
        self.items.iter().all(|i| i.background.is_held())
    }

    /// The items' long texts, in item order, taken out (leaving them away).
    pub fn take_texts(&mut self) -> Vec<Option<String>> {
        self.items.iter_mut().map(|i| i.background.take()).collect()
    }

    /// Puts back texts as [`Meeting::take_texts`] gave them.
    pub fn put_texts(&mut self, texts: Vec<Option<String>>) {
        for (item, text) in self.items.iter_mut().zip(texts) {
            if let Some(text) = text {
                item.background.set(text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::from_key(o.key()), Some(o));
        }
        for k in ItemKind::ALL {
            assert_eq!(ItemKind::from_key(k.key()), Some(k));
        }
        for s in MeetingStatus::ALL {
            assert_eq!(MeetingStatus::from_key(s.key()), Some(s));
        }
    }

    #[test]
    fn clause_markers_follow_the_style() {
        let marks =
            |style: ClauseStyle| -> Vec<String> { (0..3).map(|i| style.marker(i)).collect() };
        assert_eq!(marks(ClauseStyle::Letters), ["(a)", "(b)", "(c)"]);
        assert_eq!(marks(ClauseStyle::Numbers), ["1.", "2.", "3."]);
        assert_eq!(marks(ClauseStyle::Dashes), ["–", "–", "–"]);
        assert_eq!(marks(ClauseStyle::Bullets), ["•", "•", "•"]);
        assert_eq!(marks(ClauseStyle::AtLines), ["at", "at", "at"]);
        assert_eq!(marks(ClauseStyle::Sentence), ["", "", ""]);
        assert_eq!(clause_letter(25), "(z)");
        assert_eq!(clause_letter(26), "(aa)");
        assert_eq!(clause_letter(27), "(ab)");
        for s in ClauseStyle::ALL {
            assert_eq!(ClauseStyle::from_key(s.key()), Some(s));
        }
    }

    #[test]
    fn a_decision_clause_beyond_the_recommendation_is_lettered() {
        let rec = Recommendation {
            clauses: vec!["godkendes".into()],
            style: ClauseStyle::Numbers,
            ..Default::default()
        };
        assert_eq!(rec.marker(0), "1.");
        assert_eq!(rec.marker(1), "(b)");
        assert_eq!(clause_marker(None, 2), "(c)");
    }

    #[test]
    fn only_changes_rejections_and_non_decisions_depart() {
        let departing: Vec<_> = Outcome::ALL
            .into_iter()
            .filter(|o| o.departs_from_recommendation())
            .collect();
        assert_eq!(
            departing,
            [
                Outcome::ApprovedWithChanges,
                Outcome::Rejected,
                Outcome::Postponed,
                Outcome::Withdrawn
            ]
        );
    }
}

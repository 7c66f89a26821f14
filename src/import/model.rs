//! What an importer reads from a page, before it is a meeting file: the same for every
//! layout family.

use chrono::{NaiveDate, NaiveTime};

use crate::model::{CaseData, ClauseStyle, ItemKind, ItemNo, Outcome};

/// Something the importer was not sure of, at a line of the input (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doubt {
    pub line: usize,
    pub kind: DoubtKind,
}

/// What the importer was not sure of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DoubtKind {
    /// A header field (STARTTIDSPUNKT …) that does not read as a date and time.
    BadTime { field: String, value: String },
    /// A date no minutes have (a year outside 1900–2999).
    BadDate(NaiveDate),
    /// An item of the list with no section on the page.
    NoSection(ItemNo),
    /// A line under *Indstilling* that is no clause, added to the one before it.
    StrayRecommendationLine(String),
    /// Text after the last decision clause, kept as the item's remarks.
    RemarksKept(ItemNo),
    /// An outcome read from a weak sign in the wording.
    WeakOutcome(ItemNo, Outcome),
    /// A decision whose wording states no outcome: kept as text.
    NoOutcome(ItemNo),
    /// An attachment's name broken by a mail program's encoding ("form=6nd"), kept as is.
    MailDamage(String),
    /// A line of the page's header that is no field the importer knows: kept as a note at
    /// the top of the file.
    Unplaced(String),
}

impl Doubt {
    /// The doubt in words, in `lang`.
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        use crate::lang::Lang::{Da, En};
        match (&self.kind, lang) {
            (DoubtKind::BadTime { field, value }, Da) => {
                format!("{field}: \"{value}\" kan ikke læses som dato og klokkeslæt")
            }
            (DoubtKind::BadTime { field, value }, En) => {
                format!("{field}: cannot read \"{value}\" as a date and time")
            }
            (DoubtKind::BadDate(d), Da) => {
                format!("mødets dato {d} er ikke en dato for et referat")
            }
            (DoubtKind::BadDate(d), En) => {
                format!("the meeting's date {d} is not a date of minutes")
            }
            (DoubtKind::NoSection(n), Da) => {
                format!(
                    "punkt {n} står i punktlisten, men har intet afsnit; taget med med sin titel"
                )
            }
            (DoubtKind::NoSection(n), En) => {
                format!("item {n} is in the list but has no section; imported with its title only")
            }
            (DoubtKind::StrayRecommendationLine(l), Da) => {
                format!(
                    "en linje under Indstilling er intet punkt og er sat til det forrige: \"{l}\""
                )
            }
            (DoubtKind::StrayRecommendationLine(l), En) => {
                format!(
                    "a line of the recommendation that is no clause was added to the one before: \"{l}\""
                )
            }
            (DoubtKind::RemarksKept(n), Da) => {
                format!("punkt {n}: teksten efter beslutningens sidste led er sat som bemærkninger")
            }
            (DoubtKind::RemarksKept(n), En) => {
                format!("item {n}: text after the last decision clause was kept as remarks")
            }
            (DoubtKind::WeakOutcome(n, o), Da) => {
                format!(
                    "punkt {n}: udfaldet `{}` er læst ud af ordlyden; tjek det",
                    o.key()
                )
            }
            (DoubtKind::WeakOutcome(n, o), En) => {
                format!(
                    "item {n}: the outcome `{}` is read from the wording; check it",
                    o.key()
                )
            }
            (DoubtKind::NoOutcome(n), Da) => {
                format!(
                    "punkt {n}: beslutningen siger ikke sit udfald; gemt som tekst, så udfaldet kan sættes"
                )
            }
            (DoubtKind::Unplaced(text), Da) => format!(
                "en linje i sidens hoved er intet felt, importen kender; gemt som note øverst i filen: \"{text}\""
            ),
            (DoubtKind::Unplaced(text), En) => format!(
                "a line of the page's header is no field the importer knows; kept as a note at the top of the file: \"{text}\""
            ),
            (DoubtKind::MailDamage(name), Da) => format!(
                "bilagets navn er beskadiget af mailkodning (\"=\" og hex-cifre for et bogstav) og er bevaret som skrevet, så det passer til filen: \"{name}\""
            ),
            (DoubtKind::MailDamage(name), En) => format!(
                "the attachment's name was broken by mail encoding (\"=\" and hex digits for a letter) and is kept as printed, to match the file: \"{name}\""
            ),
            (DoubtKind::NoOutcome(n), En) => {
                format!(
                    "item {n}: the decision does not say its outcome; kept as text for staff to set"
                )
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportedMeeting {
    /// The body's name as printed (UDVALG), and its id when it matched one in forum.toml.
    pub body_name: String,
    pub body: Option<String>,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub place: String,
    pub published: Option<NaiveDate>,
    /// The page the meeting was taken from, where the page says.
    pub source: Option<String>,
    /// Each person as printed, "Name (Organisation)".
    pub attendance: ImportedAttendance,
    pub items: Vec<ImportedItem>,
    /// Lines of the header that are no field: kept as a note in the file, never dropped.
    pub unplaced: Vec<String>,
    pub doubts: Vec<Doubt>,
}

/// The meeting's attendance lists, each person as "Name (Organisation)".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportedAttendance {
    pub participants: Vec<String>,
    pub apologies: Vec<String>,
    pub guests: Vec<String>,
    pub guest_apologies: Vec<String>,
}

impl ImportedAttendance {
    pub fn is_empty(&self) -> bool {
        self.participants.is_empty()
            && self.apologies.is_empty()
            && self.guests.is_empty()
            && self.guest_apologies.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedItem {
    pub number: ItemNo,
    pub title: String,
    pub kind: ItemKind,
    /// The meeting whose minutes an approval item names ("… den 23. juni 2017").
    pub approves: Option<NaiveDate>,
    /// Markdown.
    pub background: String,
    pub recommendation: Option<ImportedRecommendation>,
    pub decision: Vec<ImportedClause>,
    /// The decision's own text, apart from its clauses: a standing item's ("Intet."), or
    /// one sentence that decides every clause ("Indstillingens to punkter blev godkendt").
    pub decision_text: String,
    pub remarks: String,
    /// Attachment file names, as printed under *Bilag*.
    pub attachments: Vec<String>,
    /// A closed item ("– Lukket punkt"): its content is not published.
    pub closed: bool,
    /// *Resume*, where the layout keeps it apart from the background.
    pub summary: String,
    /// Case data as printed; the route's bodies by id where the archive knows them.
    pub case: CaseData,
    /// The decision's heading as printed ("Beslutning i Udvalget for … den 12-03-2021").
    pub decision_heading: Option<String>,
    /// Members away for this item (*Fraværende*), as printed.
    pub absent: Vec<String>,
    /// Guests who came for this item ("Deltog under punktet: …").
    pub guests: Vec<String>,
    /// Who presents the item ("Lektor Mette Højte, UC Syd").
    pub presenter: Option<String>,
    /// Guests the item's text says could not come: the meeting's guest apologies.
    pub guest_apologies: Vec<String>,
    /// The line of the input where the item's section starts (its list entry when it has
    /// no section).
    pub line: usize,
    /// Follow-ups its wording names, for staff to accept or discard.
    pub followups: Vec<super::suggest::SuggestedFollowup>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRecommendation {
    /// The recommending party as printed ("Forretningsudvalget"), and its body id.
    pub by_name: Option<String>,
    pub by: Option<String>,
    pub lead: String,
    pub clauses: Vec<String>,
    pub style: ClauseStyle,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedClause {
    /// `None` where the text does not say it clearly: staff decide.
    pub outcome: Option<Outcome>,
    /// Markdown.
    pub text: String,
}

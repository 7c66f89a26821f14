//! Danish (default) and English: labels, dates and times as people write them.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Locale, NaiveDate, NaiveTime, Weekday};

use crate::model::{ItemKind, MeetingStatus, Outcome};

mod said;
pub use said::Said;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Lang {
    #[default]
    Da,
    En,
}

impl Lang {
    pub fn key(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::Da => &DA,
            Lang::En => &EN,
        }
    }

    /// "fredag den 8. september 2017" / "Friday 8 September 2017".
    pub fn long_date(self, date: NaiveDate) -> String {
        match self {
            Lang::Da => date
                .format_localized("%A den %-d. %B %Y", Locale::da_DK)
                .to_string(),
            Lang::En => date.format("%A %-d %B %Y").to_string(),
        }
    }

    /// "8. september 2017" / "8 September 2017".
    pub fn date(self, date: NaiveDate) -> String {
        match self {
            Lang::Da => date
                .format_localized("%-d. %B %Y", Locale::da_DK)
                .to_string(),
            Lang::En => date.format("%-d %B %Y").to_string(),
        }
    }

    /// "ons 2. maj" / "Wed 2 May": a day in a list that shows the year elsewhere.
    pub fn day_month(self, date: NaiveDate) -> String {
        match self {
            Lang::Da => date
                .format_localized("%a %-d. %b", Locale::da_DK)
                .to_string(),
            Lang::En => date.format("%a %-d %b").to_string(),
        }
    }

    /// "Onsdag den 24. januar 2018": a long date opening a line or a table cell.
    pub fn long_date_capitalized(self, date: NaiveDate) -> String {
        capitalized(&self.long_date(date))
    }

    /// The month's name as a heading: "Februar" / "February".
    pub fn month_name(self, date: NaiveDate) -> String {
        match self {
            Lang::Da => capitalized(&date.format_localized("%B", Locale::da_DK).to_string()),
            Lang::En => date.format("%B").to_string(),
        }
    }

    /// A follow-up's state in a word or two: "overskredet", "afventer", …
    pub fn followup_state(self, state: crate::followup::FollowupState) -> &'static str {
        use crate::followup::FollowupState as S;
        let (da, en) = match state {
            S::Overdue => ("overskredet", "overdue"),
            S::Triggered => ("udløst", "triggered"),
            S::DueSoon => ("forfalder snart", "due soon"),
            S::Later => ("senere", "later"),
            S::Waiting => ("afventer", "waiting"),
            S::Answered => ("behandlet, luk", "answered, close"),
            S::Suggested => ("forslag", "suggested"),
            S::Done => ("udført", "done"),
            S::Cancelled => ("annulleret", "cancelled"),
        };
        match self {
            Lang::Da => da,
            Lang::En => en,
        }
    }

    /// An item (or meeting) as a reader finds it: "SDF 8. september 2017, punkt 3".
    pub fn item_phrase(self, forum: &crate::model::Forum, r: &crate::model::ItemRef) -> String {
        let short = forum.body_short(&r.meeting.body);
        match &r.item {
            Some(n) => format!(
                "{short} {}, {} {n}",
                self.date(r.meeting.date),
                self.labels().item
            ),
            None => format!("{short} {}", self.date(r.meeting.date)),
        }
    }

    /// "kl. 09.00" / "09:00".
    pub fn time(self, time: NaiveTime) -> String {
        match self {
            Lang::Da => time.format("kl. %H.%M").to_string(),
            Lang::En => time.format("%H:%M").to_string(),
        }
    }

    /// "kl. 09.00–12.00" / "09:00–12:00"; just the start when there is no end.
    pub fn time_range(self, start: NaiveTime, end: Option<NaiveTime>) -> String {
        let Some(end) = end else {
            return self.time(start);
        };
        match self {
            Lang::Da => format!("kl. {}–{}", start.format("%H.%M"), end.format("%H.%M")),
            Lang::En => format!("{}–{}", start.format("%H:%M"), end.format("%H:%M")),
        }
    }

    pub fn weekday(self, day: Weekday) -> &'static str {
        let i = day.num_days_from_monday() as usize;
        match self {
            Lang::Da => WEEKDAYS_DA[i],
            Lang::En => WEEKDAYS_EN[i],
        }
    }

    pub fn outcome(self, outcome: Outcome) -> &'static str {
        let l = self.labels();
        match outcome {
            Outcome::Approved => l.outcome_approved,
            Outcome::ApprovedWithChanges => l.outcome_approved_with_changes,
            Outcome::Rejected => l.outcome_rejected,
            Outcome::Noted => l.outcome_noted,
            Outcome::Discussed => l.outcome_discussed,
            Outcome::Postponed => l.outcome_postponed,
            Outcome::Withdrawn => l.outcome_withdrawn,
        }
    }

    pub fn status(self, status: MeetingStatus) -> &'static str {
        let i = MeetingStatus::ALL
            .iter()
            .position(|s| *s == status)
            .unwrap_or(0);
        match self {
            Lang::Da => STATUS_DA[i],
            Lang::En => STATUS_EN[i],
        }
    }

    pub fn item_kind(self, kind: ItemKind) -> &'static str {
        let i = ItemKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        match self {
            Lang::Da => KINDS_DA[i],
            Lang::En => KINDS_EN[i],
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language `{0}`: use `da` (Danish) or `en` (English)")]
pub struct LangError(String);

impl LangError {
    /// The message in Danish and English.
    pub fn said(&self) -> Said {
        crate::said!(
            "ukendt sprog `{}`: brug `da` (dansk) eller `en` (engelsk)", self.0;
            "{}", self
        )
    }
}

impl FromStr for Lang {
    type Err = LangError;
    fn from_str(s: &str) -> Result<Self, LangError> {
        match s {
            "da" => Ok(Lang::Da),
            "en" => Ok(Lang::En),
            other => Err(LangError(other.to_owned())),
        }
    }
}

/// Parses a weekday written in Danish or English, any case ("Onsdag", "friday").
pub fn parse_weekday(text: &str) -> Option<Weekday> {
    let lower = text.trim().to_lowercase();
    (0..7).find_map(|i| {
        (WEEKDAYS_DA[i] == lower || WEEKDAYS_EN[i].to_lowercase() == lower)
            .then(|| Weekday::try_from(i as u8).ok())
            .flatten()
    })
}

/// ISO 8601 week number, as in "uge 6".
/// The text with its first letter in upper case (Danish month and day names are written
/// in lower case inside a sentence).
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub fn iso_week(date: NaiveDate) -> u32 {
    date.iso_week().week()
}

const WEEKDAYS_DA: [&str; 7] = [
    "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const STATUS_DA: [&str; 6] = [
    "planlagt",
    "dagsorden i kladde",
    "dagsorden udsendt",
    "afholdt",
    "referat i kladde",
    "referat godkendt",
];
const STATUS_EN: [&str; 6] = [
    "planned",
    "agenda draft",
    "agenda published",
    "held",
    "minutes draft",
    "minutes approved",
];
const KINDS_DA: [&str; 9] = [
    "godkendelse af dagsorden",
    "godkendelse af referat",
    "beslutning",
    "drøftelse",
    "orientering",
    "orienteringer",
    "eventuelt",
    "næste møde",
    "andet",
];
const KINDS_EN: [&str; 9] = [
    "approval of the agenda",
    "approval of minutes",
    "decision",
    "discussion",
    "information",
    "announcements",
    "any other business",
    "next meeting",
    "other",
];

/// Every fixed text of the exports and the CLI, per language.
#[derive(Debug)]
pub struct Labels {
    pub agenda: &'static str,
    pub minutes: &'static str,
    pub place: &'static str,
    pub time: &'static str,
    pub published: &'static str,
    pub items: &'static str,
    pub background: &'static str,
    /// In place of a long text that could not be read from its file.
    pub text_not_read: &'static str,
    pub recommendation: &'static str,
    pub decision: &'static str,
    pub remarks: &'static str,
    pub attachments: &'static str,
    pub attendance: &'static str,
    pub participants: &'static str,
    pub apologies: &'static str,
    pub guests: &'static str,
    pub guest_apologies: &'static str,
    pub followups: &'static str,
    pub followup_due: &'static str,
    pub followup_reports_to: &'static str,
    pub followup_owner: &'static str,
    pub closed_item: &'static str,
    pub no_decision: &'static str,
    pub body: &'static str,
    pub presented_by: &'static str,
    /// "punkt" / "item", before an item number.
    pub item: &'static str,
    /// "punkter" / "items", after a count.
    pub items_count: &'static str,
    pub next_meeting: &'static str,
    pub outcome_approved: &'static str,
    pub outcome_approved_with_changes: &'static str,
    pub outcome_rejected: &'static str,
    pub outcome_noted: &'static str,
    pub outcome_discussed: &'static str,
    pub outcome_postponed: &'static str,
    pub outcome_withdrawn: &'static str,
    /// `dagsorden new`: "Oprettet", then the file.
    pub created: &'static str,
    /// Before the follow-ups due by a new meeting.
    pub followups_due_by_meeting: &'static str,
    pub include_followups_hint: &'static str,
    /// Column heads of the decision list.
    pub date_label: &'static str,
    pub body_label: &'static str,
    pub item_label: &'static str,
    pub outcome_label: &'static str,
    /// `dagsorden search` with no hits.
    pub no_hits: &'static str,
    /// The follow-up list: "Opfølgning pr." before the date.
    pub followups_as_of: &'static str,
    pub state_label: &'static str,
    pub open_count: &'static str,
    pub overdue_count: &'static str,
    pub no_followups: &'static str,
    /// "fra" before the decision a follow-up came from.
    pub from_decision: &'static str,
    pub source_label: &'static str,
    pub runs_label: &'static str,
    pub on_agenda: &'static str,
    /// Before the sentence of the minutes a follow-up was read from.
    pub from_the_minutes: &'static str,
    pub closed_by: &'static str,
    pub due_moved: &'static str,
    pub details_label: &'static str,
    /// Column head: the decision or source a follow-up came from.
    pub origin_label: &'static str,
    /// Case data per item.
    pub summary: &'static str,
    pub case_number: &'static str,
    pub case_officer: &'static str,
    pub case_type: &'static str,
    pub case_authority: &'static str,
    pub case_route: &'static str,
    /// Attendance for one item.
    pub absent: &'static str,
    pub item_guests: &'static str,
    /// The web page a meeting was taken from.
    pub source_page: &'static str,
    /// A meeting whose time is not known.
    pub time_not_stated: &'static str,
    /// The items in the order they were taken.
    pub taken_order: &'static str,
    /// Before the other bodies of a joint meeting.
    pub joint_meeting: &'static str,
}

pub static DA: Labels = Labels {
    agenda: "Dagsorden",
    minutes: "Referat",
    place: "Sted",
    time: "Tid",
    published: "Udgivet",
    items: "Punkter",
    background: "Baggrund",
    text_not_read: "(Teksten kunne ikke læses fra mødefilen.)",
    recommendation: "Indstilling",
    decision: "Beslutning",
    remarks: "Bemærkninger",
    attachments: "Bilag",
    attendance: "Fremmøde",
    participants: "Deltagere",
    apologies: "Afbud",
    guests: "Gæster",
    guest_apologies: "Gæster med afbud",
    followups: "Opfølgning",
    followup_due: "Frist",
    followup_reports_to: "Forelægges for",
    followup_owner: "Ansvarlig",
    closed_item: "Lukket punkt",
    no_decision: "Ingen beslutning registreret.",
    body: "Udvalg",
    presented_by: "Fremlægges af",
    item: "punkt",
    items_count: "punkter",
    next_meeting: "Næste møde",
    outcome_approved: "Godkendt som indstillet",
    outcome_approved_with_changes: "Godkendt med ændringer",
    outcome_rejected: "Ikke godkendt",
    outcome_noted: "Taget til efterretning",
    outcome_discussed: "Drøftet",
    outcome_postponed: "Udsat",
    outcome_withdrawn: "Trukket tilbage",
    created: "Oprettet",
    followups_due_by_meeting: "Opfølgninger til udvalget, der forfalder senest ved mødet:",
    include_followups_hint: "Tilføj dem som punkter med --include-followups eller fra skærmbilledet.",
    date_label: "Dato",
    body_label: "Udvalg",
    item_label: "Punkt",
    outcome_label: "Udfald",
    no_hits: "Ingen hits.",
    followups_as_of: "Opfølgning pr.",
    state_label: "Tilstand",
    open_count: "åbne",
    overdue_count: "overskredet",
    no_followups: "Ingen opfølgninger.",
    from_decision: "fra",
    source_label: "kilde",
    runs_label: "afholdt",
    on_agenda: "på dagsordenen",
    from_the_minutes: "fra referatet",
    closed_by: "lukket af",
    due_moved: "frist ændret",
    details_label: "Detaljer",
    origin_label: "Fra",
    summary: "Resume",
    case_number: "Sagsnr.",
    case_officer: "Sagsbehandler",
    case_type: "Sagstype",
    case_authority: "Beslutningskompetence",
    case_route: "Sagsgang",
    absent: "Fraværende",
    item_guests: "Deltog under punktet",
    source_page: "Kilde",
    time_not_stated: "tidspunkt ikke oplyst",
    taken_order: "Behandlet i rækkefølgen",
    joint_meeting: "Fælles møde med",
};

pub static EN: Labels = Labels {
    agenda: "Agenda",
    minutes: "Minutes",
    place: "Place",
    time: "Time",
    published: "Published",
    items: "Items",
    background: "Background",
    text_not_read: "(The text could not be read from the meeting file.)",
    recommendation: "Recommendation",
    decision: "Decision",
    remarks: "Remarks",
    attachments: "Attachments",
    attendance: "Attendance",
    participants: "Participants",
    apologies: "Apologies",
    guests: "Guests",
    guest_apologies: "Guests who sent apologies",
    followups: "Follow-ups",
    followup_due: "Due",
    followup_reports_to: "Reports to",
    followup_owner: "Owner",
    closed_item: "Closed item",
    no_decision: "No decision recorded.",
    body: "Body",
    presented_by: "Presented by",
    item: "item",
    items_count: "items",
    next_meeting: "Next meeting",
    outcome_approved: "Approved as recommended",
    outcome_approved_with_changes: "Approved with changes",
    outcome_rejected: "Rejected",
    outcome_noted: "Noted",
    outcome_discussed: "Discussed",
    outcome_postponed: "Postponed",
    outcome_withdrawn: "Withdrawn",
    created: "Created",
    followups_due_by_meeting: "Follow-ups reporting to the body that are due by the meeting:",
    include_followups_hint: "Add them as items with --include-followups, or from the screens.",
    date_label: "Date",
    body_label: "Body",
    item_label: "Item",
    outcome_label: "Outcome",
    no_hits: "No hits.",
    followups_as_of: "Follow-ups as of",
    state_label: "State",
    open_count: "open",
    overdue_count: "overdue",
    no_followups: "No follow-ups.",
    from_decision: "from",
    source_label: "source",
    runs_label: "held",
    on_agenda: "on the agenda",
    from_the_minutes: "from the minutes",
    closed_by: "closed by",
    due_moved: "due changed",
    details_label: "Details",
    origin_label: "From",
    summary: "Summary",
    case_number: "Case no.",
    case_officer: "Case officer",
    case_type: "Case type",
    case_authority: "Decided by",
    case_route: "Case route",
    absent: "Absent",
    item_guests: "Attended for this item",
    source_page: "Source",
    time_not_stated: "time not stated",
    taken_order: "Taken in the order",
    joint_meeting: "Joint meeting with",
};

/// A count with its noun in the right number: "1 advarsel", "2 advarsler".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn danish_dates_read_as_written_in_minutes() {
        assert_eq!(
            Lang::Da.long_date(d(2018, 2, 9)),
            "fredag den 9. februar 2018"
        );
        assert_eq!(
            Lang::Da.long_date(d(2017, 9, 8)),
            "fredag den 8. september 2017"
        );
        assert_eq!(Lang::Da.long_date(d(2018, 5, 2)), "onsdag den 2. maj 2018");
        assert_eq!(Lang::En.long_date(d(2018, 2, 9)), "Friday 9 February 2018");
    }

    #[test]
    fn danish_times_use_a_dot() {
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap();
        assert_eq!(Lang::Da.time(nine), "kl. 09.00");
        assert_eq!(Lang::Da.time_range(nine, Some(noon)), "kl. 09.00–12.00");
        assert_eq!(Lang::En.time_range(nine, Some(noon)), "09:00–12:00");
    }

    #[test]
    fn weekdays_parse_in_both_languages() {
        assert_eq!(parse_weekday("Onsdag"), Some(Weekday::Wed));
        assert_eq!(parse_weekday("lørdag"), Some(Weekday::Sat));
        assert_eq!(parse_weekday("friday"), Some(Weekday::Fri));
        assert_eq!(parse_weekday("fredagen"), None);
    }

    #[test]
    fn iso_weeks_match_the_reference_meeting() {
        assert_eq!(iso_week(d(2018, 2, 9)), 6);
        assert_eq!(iso_week(d(2018, 10, 12)), 41);
        // The first days of a year can belong to the last week of the year before.
        assert_eq!(iso_week(d(2021, 1, 3)), 53);
        assert_eq!(iso_week(d(2018, 12, 31)), 1);
    }

    #[test]
    fn short_and_capitalised_dates() {
        assert_eq!(Lang::Da.day_month(d(2018, 5, 2)), "ons 2. maj");
        assert_eq!(Lang::En.day_month(d(2018, 5, 2)), "Wed 2 May");
        assert_eq!(
            Lang::Da.long_date_capitalized(d(2018, 1, 24)),
            "Onsdag den 24. januar 2018"
        );
    }
}

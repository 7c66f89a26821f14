//! The calendar's words in Danish and English, shared by the Kalender screen and the
//! calendar exports.

use crate::lang::Lang;
use crate::model::EventKind;

pub struct CalendarWords {
    pub plan: &'static str,
    pub adopted: &'static str,
    pub draft: &'static str,
    pub days: &'static str,
    pub week: &'static str,
    /// The week-number column's head in a month grid (three letters at most).
    pub week_column: &'static str,
    pub meetings: &'static str,
    /// "Møder i" before a body's name, as in the reference meeting's table.
    pub meetings_of: &'static str,
    pub events: &'static str,
    pub external: &'static str,
    pub moves: &'static str,
    pub dues: &'static str,
    pub findings: &'static str,
    pub no_findings: &'static str,
    pub items_due: &'static str,
    pub agenda_out: &'static str,
    pub not_set: &'static str,
    pub to_be_moved: &'static str,
    /// The same, in one short word for a narrow column.
    pub moves_short: &'static str,
    pub moved_from: &'static str,
    pub no_meetings: &'static str,
    pub holidays: &'static str,
    pub no_file: &'static str,
    pub seminar: &'static str,
    pub theme_day: &'static str,
    pub other_event: &'static str,
    pub deadline: &'static str,
    /// *Aflyst*.
    pub cancelled: &'static str,
    /// "fælles med" before the other bodies of a joint meeting.
    pub joint_with: &'static str,
    pub theme: &'static str,
    /// The heading of the notes on meetings in the Markdown plan.
    pub notes: &'static str,
    /// A meeting taken out of the plan (in the .ics).
    pub removed: &'static str,
}

impl CalendarWords {
    pub fn of(lang: Lang) -> &'static CalendarWords {
        match lang {
            Lang::Da => &DA,
            Lang::En => &EN,
        }
    }

    pub fn event_kind(&self, kind: EventKind) -> &'static str {
        match kind {
            EventKind::Seminar => self.seminar,
            EventKind::ThemeDay => self.theme_day,
            EventKind::Other => self.other_event,
        }
    }
}

const DA: CalendarWords = CalendarWords {
    plan: "Mødeplan",
    adopted: "Vedtaget",
    draft: "udkast",
    days: "dage",
    week: "uge",
    week_column: "uge",
    meetings: "Møder",
    meetings_of: "Møder i",
    events: "Seminarer og temadage",
    external: "Andre datoer",
    moves: "Flytninger",
    dues: "Frister",
    findings: "Kontrol",
    no_findings: "Ingen fund: datoerne holder.",
    items_due: "punkter senest",
    agenda_out: "dagsorden ud",
    not_set: "ny dato ikke fastsat",
    to_be_moved: "skal flyttes",
    moves_short: "flyttes",
    moved_from: "flyttet fra",
    no_meetings: "Ingen møder",
    holidays: "Helligdage",
    no_file: "ingen mødefil endnu",
    seminar: "Døgnseminar",
    theme_day: "Temadag",
    other_event: "Arrangement",
    deadline: "Frist",
    cancelled: "aflyst",
    joint_with: "fælles med",
    theme: "tema",
    notes: "Bemærkninger",
    removed: "fjernet fra mødeplanen",
};

const EN: CalendarWords = CalendarWords {
    plan: "Meeting plan",
    adopted: "Adopted",
    draft: "draft",
    days: "days",
    week: "week",
    week_column: "wk",
    meetings: "Meetings",
    meetings_of: "Meetings of",
    events: "Seminars and theme days",
    external: "Other dates",
    moves: "Moves",
    dues: "Deadlines",
    findings: "Checks",
    no_findings: "No findings: the dates hold.",
    items_due: "items by",
    agenda_out: "agenda out",
    not_set: "new date not set",
    to_be_moved: "to be moved",
    moves_short: "moves",
    moved_from: "moved from",
    no_meetings: "No meetings",
    holidays: "Public holidays",
    no_file: "no meeting file yet",
    seminar: "Seminar",
    theme_day: "Theme day",
    other_event: "Event",
    deadline: "Deadline",
    cancelled: "cancelled",
    joint_with: "joint with",
    theme: "theme",
    notes: "Notes",
    removed: "removed from the plan",
};

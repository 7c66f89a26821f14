//! Every key of the TUI in one table. The same table answers key presses, fills the help
//! overlay and the hints in the status bar, so what the screen says is what the keys do.
//! A `keymap.toml` in the configuration folder may bind keys to other actions:
//!
//! ```toml
//! [keys]
//! "x" = "quit"
//! "ctrl-n" = "down"
//! "q" = "none"      # unbind
//! ```

use std::fmt;
use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use crate::lang::{Lang, Said};
use crate::said;

/// Everything a key can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    /// The command palette: every action, and a finder for meetings, items and follow-ups.
    Palette,
    /// The export dialog: agenda, minutes, decisions, follow-ups, the year's calendar.
    Export,
    /// Copy the item's decision, or the follow-up list, to the clipboard (OSC 52).
    Copy,
    /// Sync the archive with the others through git.
    Sync,
    /// The merge-conflict window: fields changed two ways, both versions side by side.
    Conflicts,
    /// The item's versions in git: who changed its title, recommendation and decision.
    ItemHistory,
    Back,
    Problems,
    ScreenOverview,
    ScreenMeetings,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    FocusNext,
    FocusPrev,
    PreviousMeeting,
    NextMeeting,
    CycleBody,
    Undo,
    Redo,
    NewMeeting,
    AddItem,
    DeleteItem,
    MoveItemUp,
    MoveItemDown,
    Renumber,
    CycleKind,
    ToggleClosed,
    EditTitle,
    EditBackground,
    EditRecommendation,
    /// Case data, summary, who recommends, decision heading, attendance for the item.
    EditItemDetails,
    /// Publication dates, source page, order taken, joint bodies.
    EditMeetingDetails,
    /// The body's settings for new meetings (agenda approval, running numbers).
    EditBodySettings,
    EditDecision,
    AttachFile,
    NextStatus,
    PreviousStatus,
    MeetingMode,
    RecordApproved,
    RecordWithChanges,
    RecordRejected,
    RecordPostponed,
    RecordNoted,
    RecordDiscussed,
    AddRemarks,
    AddFollowup,
    Attendance,
    /// The attendance window outside meeting mode: who took part, by name.
    ShowAttendance,
    Search,
    ScreenDecisions,
    NextHit,
    PreviousHit,
    Timeline,
    CycleYear,
    CycleOutcome,
    FilterTag,
    ToggleDeviations,
    ClearFilters,
    ScreenFollowups,
    CycleState,
    CycleOwner,
    FollowupDone,
    FollowupCancel,
    LogRun,
    MoveDue,
    /// Opfølgning: who is responsible for the follow-up.
    EditOwner,
    PutOnAgenda,
    AcceptSuggestion,
    DiscardSuggestion,
    ScreenCalendar,
    DayBack,
    DayForward,
    MonthBack,
    MonthForward,
    YearBack,
    YearForward,
    GoToday,
    MeetingForward,
    MeetingBack,
    MoveMeeting,
    AddToPlan,
    RemoveFromPlan,
    ProposeYear,
    /// Kalender: a planned meeting's cancellation, joint bodies and note; an event's
    /// theme and note.
    EditPlanEntry,
}

/// Where an action applies, as grouped in the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Everywhere,
    Lists,
    Meeting,
    /// Changing a meeting and its items.
    Editing,
    /// Mødetilstand: recording decisions while the meeting is held. Its keys come first
    /// while it is on.
    MeetingMode,
    /// After opening a search hit: stepping through the hits. Its keys come first then.
    Hits,
    /// The Beslutninger screen's filters.
    Decisions,
    /// The Opfølgning screen: its filters and what is done to a follow-up.
    Followups,
    /// The Kalender screen: moving through the year and changing the plan.
    Calendar,
}

impl Action {
    pub const ALL: [Action; 91] = [
        Action::Quit,
        Action::Help,
        Action::Palette,
        Action::Export,
        Action::Copy,
        Action::Sync,
        Action::Conflicts,
        Action::Back,
        Action::Problems,
        Action::ScreenOverview,
        Action::ScreenMeetings,
        Action::Up,
        Action::Down,
        Action::Top,
        Action::Bottom,
        Action::PageUp,
        Action::PageDown,
        Action::Open,
        Action::FocusNext,
        Action::FocusPrev,
        Action::PreviousMeeting,
        Action::NextMeeting,
        Action::CycleBody,
        Action::Undo,
        Action::Redo,
        Action::NewMeeting,
        Action::AddItem,
        Action::DeleteItem,
        Action::MoveItemUp,
        Action::MoveItemDown,
        Action::Renumber,
        Action::CycleKind,
        Action::ToggleClosed,
        Action::EditTitle,
        Action::EditBackground,
        Action::EditRecommendation,
        Action::EditItemDetails,
        Action::EditMeetingDetails,
        Action::EditBodySettings,
        Action::EditDecision,
        Action::AttachFile,
        Action::NextStatus,
        Action::PreviousStatus,
        Action::MeetingMode,
        Action::RecordApproved,
        Action::RecordWithChanges,
        Action::RecordRejected,
        Action::RecordPostponed,
        Action::RecordNoted,
        Action::RecordDiscussed,
        Action::AddRemarks,
        Action::AddFollowup,
        Action::Attendance,
        Action::ShowAttendance,
        Action::Search,
        Action::ScreenDecisions,
        Action::NextHit,
        Action::PreviousHit,
        Action::Timeline,
        Action::ItemHistory,
        Action::CycleYear,
        Action::CycleOutcome,
        Action::FilterTag,
        Action::ToggleDeviations,
        Action::ClearFilters,
        Action::ScreenFollowups,
        Action::CycleState,
        Action::CycleOwner,
        Action::FollowupDone,
        Action::FollowupCancel,
        Action::LogRun,
        Action::MoveDue,
        Action::EditOwner,
        Action::PutOnAgenda,
        Action::AcceptSuggestion,
        Action::DiscardSuggestion,
        Action::ScreenCalendar,
        Action::DayBack,
        Action::DayForward,
        Action::MonthBack,
        Action::MonthForward,
        Action::YearBack,
        Action::YearForward,
        Action::GoToday,
        Action::MeetingForward,
        Action::MeetingBack,
        Action::MoveMeeting,
        Action::AddToPlan,
        Action::RemoveFromPlan,
        Action::ProposeYear,
        Action::EditPlanEntry,
    ];

    /// Whether the action changes the archive (or turns meeting mode on and off).
    pub fn is_edit(self) -> bool {
        matches!(self.scope(), Scope::Editing | Scope::MeetingMode) || self == Action::MeetingMode
    }

    /// The name used in `keymap.toml`.
    pub fn key(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Palette => "palette",
            Action::Export => "export",
            Action::Copy => "copy",
            Action::Sync => "sync",
            Action::Conflicts => "conflicts",
            Action::ItemHistory => "item-history",
            Action::Back => "back",
            Action::Problems => "problems",
            Action::ScreenOverview => "screen-overview",
            Action::ScreenMeetings => "screen-meetings",
            Action::Up => "up",
            Action::Down => "down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::Open => "open",
            Action::FocusNext => "next-pane",
            Action::FocusPrev => "previous-pane",
            Action::PreviousMeeting => "previous-meeting",
            Action::NextMeeting => "next-meeting",
            Action::CycleBody => "filter-body",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::NewMeeting => "new-meeting",
            Action::AddItem => "add-item",
            Action::DeleteItem => "delete-item",
            Action::MoveItemUp => "move-item-up",
            Action::MoveItemDown => "move-item-down",
            Action::Renumber => "renumber-items",
            Action::CycleKind => "item-kind",
            Action::ToggleClosed => "toggle-closed",
            Action::EditTitle => "edit-title",
            Action::EditBackground => "edit-background",
            Action::EditRecommendation => "edit-recommendation",
            Action::EditItemDetails => "edit-item-details",
            Action::EditMeetingDetails => "edit-meeting-details",
            Action::EditBodySettings => "edit-body-settings",
            Action::EditDecision => "edit-decision",
            Action::AttachFile => "attach-file",
            Action::NextStatus => "next-status",
            Action::PreviousStatus => "previous-status",
            Action::MeetingMode => "meeting-mode",
            Action::RecordApproved => "record-approved",
            Action::RecordWithChanges => "record-approved-with-changes",
            Action::RecordRejected => "record-rejected",
            Action::RecordPostponed => "record-postponed",
            Action::RecordNoted => "record-noted",
            Action::RecordDiscussed => "record-discussed",
            Action::AddRemarks => "add-remarks",
            Action::AddFollowup => "add-followup",
            Action::Attendance => "attendance",
            Action::ShowAttendance => "show-attendance",
            Action::Search => "search",
            Action::ScreenDecisions => "screen-decisions",
            Action::NextHit => "next-hit",
            Action::PreviousHit => "previous-hit",
            Action::Timeline => "timeline",
            Action::CycleYear => "filter-year",
            Action::CycleOutcome => "filter-outcome",
            Action::FilterTag => "filter-tag",
            Action::ToggleDeviations => "deviations",
            Action::ClearFilters => "clear-filters",
            Action::ScreenFollowups => "screen-followups",
            Action::CycleState => "filter-state",
            Action::CycleOwner => "filter-owner",
            Action::FollowupDone => "followup-done",
            Action::FollowupCancel => "followup-cancel",
            Action::LogRun => "log-run",
            Action::MoveDue => "move-due",
            Action::EditOwner => "edit-owner",
            Action::PutOnAgenda => "put-on-agenda",
            Action::AcceptSuggestion => "accept-suggestion",
            Action::DiscardSuggestion => "discard-suggestion",
            Action::ScreenCalendar => "screen-calendar",
            Action::DayBack => "day-back",
            Action::DayForward => "day-forward",
            Action::MonthBack => "month-back",
            Action::MonthForward => "month-forward",
            Action::YearBack => "year-back",
            Action::YearForward => "year-forward",
            Action::GoToday => "go-today",
            Action::MeetingForward => "next-meeting-day",
            Action::MeetingBack => "previous-meeting-day",
            Action::MoveMeeting => "move-meeting",
            Action::AddToPlan => "add-to-plan",
            Action::RemoveFromPlan => "remove-from-plan",
            Action::ProposeYear => "propose-year",
            Action::EditPlanEntry => "edit-plan-entry",
        }
    }

    pub fn scope(self) -> Scope {
        match self {
            Action::Quit
            | Action::Help
            | Action::Palette
            | Action::Export
            | Action::Copy
            | Action::Sync
            | Action::Conflicts
            | Action::Back
            | Action::Problems
            | Action::ScreenOverview
            | Action::ScreenMeetings
            | Action::Undo
            | Action::Redo
            | Action::NewMeeting
            | Action::Search
            | Action::ScreenDecisions
            | Action::ScreenFollowups
            | Action::ScreenCalendar => Scope::Everywhere,
            Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown
            | Action::Open
            | Action::CycleBody
            | Action::ClearFilters
            | Action::Timeline
            | Action::ItemHistory => Scope::Lists,
            Action::NextHit | Action::PreviousHit => Scope::Hits,
            Action::CycleYear
            | Action::CycleOutcome
            | Action::FilterTag
            | Action::ToggleDeviations => Scope::Decisions,
            Action::CycleState
            | Action::CycleOwner
            | Action::FollowupDone
            | Action::FollowupCancel
            | Action::LogRun
            | Action::MoveDue
            | Action::EditOwner
            | Action::PutOnAgenda
            | Action::AcceptSuggestion
            | Action::DiscardSuggestion => Scope::Followups,
            Action::DayBack
            | Action::DayForward
            | Action::MonthBack
            | Action::MonthForward
            | Action::YearBack
            | Action::YearForward
            | Action::GoToday
            | Action::MeetingForward
            | Action::MeetingBack
            | Action::MoveMeeting
            | Action::AddToPlan
            | Action::RemoveFromPlan
            | Action::ProposeYear
            | Action::EditPlanEntry => Scope::Calendar,
            Action::FocusNext
            | Action::FocusPrev
            | Action::PreviousMeeting
            | Action::NextMeeting
            | Action::MeetingMode => Scope::Meeting,
            Action::AddItem
            | Action::DeleteItem
            | Action::MoveItemUp
            | Action::MoveItemDown
            | Action::Renumber
            | Action::CycleKind
            | Action::ToggleClosed
            | Action::EditTitle
            | Action::EditBackground
            | Action::EditRecommendation
            | Action::EditItemDetails
            | Action::EditMeetingDetails
            | Action::EditBodySettings
            | Action::EditDecision
            | Action::AttachFile
            | Action::NextStatus
            | Action::PreviousStatus
            | Action::ShowAttendance => Scope::Editing,
            Action::RecordApproved
            | Action::RecordWithChanges
            | Action::RecordRejected
            | Action::RecordPostponed
            | Action::RecordNoted
            | Action::RecordDiscussed
            | Action::AddRemarks
            | Action::AddFollowup
            | Action::Attendance => Scope::MeetingMode,
        }
    }

    /// What it does, for the help overlay.
    pub fn describe(self, lang: Lang) -> &'static str {
        let (da, en) = match self {
            Action::Quit => ("Afslut", "Quit"),
            Action::Help => ("Vis eller skjul denne hjælp", "Show or hide this help"),
            Action::Export => (
                "Eksportér: dagsorden, referat, beslutninger, opfølgning, kalender (.md, .docx, .html, .ics)",
                "Export: agenda, minutes, decisions, follow-ups, calendar (.md, .docx, .html, .ics)",
            ),
            Action::Copy => (
                "Kopiér punktets beslutning eller opfølgningslisten til udklipsholderen",
                "Copy the item's decision or the follow-up list to the clipboard",
            ),
            Action::Sync => (
                "Synkronisér arkivet med de andre (git: hent, flet, send)",
                "Sync the archive with the others (git: fetch, merge, send)",
            ),
            Action::Conflicts => (
                "Flettekonflikter: begge udgaver side om side; behold min, tag deres eller skriv feltet",
                "Merge conflicts: both versions side by side; keep mine, take theirs or write the field",
            ),
            Action::ItemHistory => (
                "Punktets historik i git: hver udgave af titel, indstilling og beslutning, hvem og hvornår",
                "The item's history in git: each version of title, recommendation and decision, who and when",
            ),
            Action::Palette => (
                "Kommandoer, og find et møde, punkt eller en opfølgning ved navn",
                "Commands, and find a meeting, item or follow-up by name",
            ),
            Action::Back => (
                "Luk vinduet øverst, ellers gå tilbage",
                "Close the top window, else go back",
            ),
            Action::Problems => (
                "Problemer fundet ved indlæsning",
                "Problems found while loading",
            ),
            Action::ScreenOverview => ("Skærm 1: Oversigt", "Screen 1: Overview"),
            Action::ScreenMeetings => ("Skærm 2: Møder", "Screen 2: Meetings"),
            Action::Up => ("Op", "Up"),
            Action::Down => ("Ned", "Down"),
            Action::Top => ("Til toppen", "To the top"),
            Action::Bottom => ("Til bunden", "To the bottom"),
            Action::PageUp => ("Side op", "Page up"),
            Action::PageDown => ("Side ned", "Page down"),
            Action::Open => (
                "Åbn møde, punkt, bilag eller henvisning",
                "Open meeting, item, attachment or reference",
            ),
            Action::FocusNext => ("Næste rude", "Next pane"),
            Action::FocusPrev => ("Forrige rude", "Previous pane"),
            Action::PreviousMeeting => (
                "Forrige møde i samme udvalg",
                "Previous meeting of the body",
            ),
            Action::NextMeeting => ("Næste møde i samme udvalg", "Next meeting of the body"),
            Action::CycleBody => ("Filtrér møder efter udvalg", "Filter meetings by body"),
            Action::Undo => ("Fortryd sidste ændring", "Undo the last change"),
            Action::Redo => ("Gentag det fortrudte", "Redo what was undone"),
            Action::NewMeeting => ("Nyt møde", "New meeting"),
            Action::AddItem => (
                "Nyt punkt efter det valgte",
                "New item after the selected one",
            ),
            Action::DeleteItem => (
                "Slet punktet (spørger først)",
                "Delete the item (asks first)",
            ),
            Action::MoveItemUp => ("Flyt punktet op", "Move the item up"),
            Action::MoveItemDown => ("Flyt punktet ned", "Move the item down"),
            Action::Renumber => (
                "Nummerér punkterne 1, 2, 3, …",
                "Number the items 1, 2, 3, …",
            ),
            Action::CycleKind => (
                "Punktets type: vælg fra listen",
                "The item's kind: choose from the list",
            ),
            Action::ToggleClosed => ("Lukket punkt til/fra", "Closed item on/off"),
            Action::EditTitle => ("Ret punktets titel", "Edit the item's title"),
            Action::EditBackground => ("Ret baggrund ($EDITOR)", "Edit the background ($EDITOR)"),
            Action::EditRecommendation => (
                "Ret indstillingen: én linje pr. del",
                "Edit the recommendation: one line per clause",
            ),
            Action::EditItemDetails => (
                "Sagsoplysninger: sagsnr., sagsgang, indstillet af, fremlægges af, emner, fraværende …",
                "Case data: case no., route, recommended by, presenter, tags, absent …",
            ),
            Action::EditMeetingDetails => (
                "Mødeoplysninger: titel, sted, tid, udgivet, kilde, rækkefølge, fælles møde",
                "Meeting details: title, place, time, published, source, order taken, joint meeting",
            ),
            Action::EditBodySettings => (
                "Udvalgets indstillinger for nye møder (forum.toml)",
                "The body's settings for new meetings (forum.toml)",
            ),
            Action::EditDecision => ("Ret beslutningens tekst", "Edit the decision's text"),
            Action::AttachFile => ("Vedhæft bilag", "Attach a file"),
            Action::NextStatus => ("Mødets status et trin frem", "Meeting status one step on"),
            Action::PreviousStatus => (
                "Mødets status et trin tilbage",
                "Meeting status one step back",
            ),
            Action::MeetingMode => ("Mødetilstand til/fra", "Meeting mode on/off"),
            Action::RecordApproved => ("Godkendt som indstillet", "Approved as recommended"),
            Action::RecordWithChanges => (
                "Godkendt med ændringer (skriv teksten)",
                "Approved with changes (type the text)",
            ),
            Action::RecordRejected => ("Ikke godkendt (skriv teksten)", "Rejected (type the text)"),
            Action::RecordPostponed => ("Udsat (skriv teksten)", "Postponed (type the text)"),
            Action::RecordNoted => ("Taget til efterretning", "Taken note of"),
            Action::RecordDiscussed => ("Drøftet", "Discussed"),
            Action::AddRemarks => ("Bemærkninger til beslutningen", "Remarks on the decision"),
            Action::AddFollowup => (
                "Opfølgning ud fra beslutningen",
                "Follow-up from the decision",
            ),
            Action::Attendance => (
                "Fremmøde: deltagere, afbud og gæster",
                "Attendance: present, apologies, guests",
            ),
            Action::ShowAttendance => (
                "Fremmøde ved navn; medlemmer tilføjes og rettes her",
                "Attendance by name; add and correct members here",
            ),
            Action::Search => ("Søg i hele arkivet", "Search the whole archive"),
            Action::ScreenDecisions => ("Skærm 3: Beslutninger", "Screen 3: Decisions"),
            Action::NextHit => ("Næste hit", "Next hit"),
            Action::PreviousHit => ("Forrige hit", "Previous hit"),
            Action::Timeline => (
                "Emnets tidslinje: henvisninger, emner, opfølgning",
                "The topic's timeline: references, tags, follow-ups",
            ),
            Action::CycleYear => ("Filtrér efter år", "Filter by year"),
            Action::CycleOutcome => ("Filtrér efter udfald", "Filter by outcome"),
            Action::FilterTag => ("Filtrér efter emne (tag)", "Filter by tag"),
            Action::ToggleDeviations => (
                "Afvigelser: kun hvor beslutningen afviger fra indstillingen",
                "Deviations: only where the decision departs from the recommendation",
            ),
            Action::ClearFilters => ("Fjern alle filtre", "Clear every filter"),
            Action::ScreenFollowups => ("Skærm 4: Opfølgning", "Screen 4: Follow-ups"),
            Action::CycleState => (
                "Filtrér efter tilstand: åbne, overskredne, forfaldne, …",
                "Filter by state: open, overdue, due, …",
            ),
            Action::CycleOwner => ("Filtrér efter ansvarlig", "Filter by owner"),
            Action::FollowupDone => (
                "Udført: med punktet eller datoen der lukkede den",
                "Done: with the item or date that closed it",
            ),
            Action::FollowupCancel => ("Annullér med en begrundelse", "Cancel, with a reason"),
            Action::LogRun => (
                "Registrér et afholdt forløb (dato og note)",
                "Log a run held (date and note)",
            ),
            Action::EditOwner => (
                "Ansvarlig for opfølgningen (navn eller organisation)",
                "Who is responsible for the follow-up (a name or organisation)",
            ),
            Action::MoveDue => (
                "Ny frist med begrundelse (også en præcis dato for en periode)",
                "New due, with a reason (also an exact date for a period)",
            ),
            Action::PutOnAgenda => (
                "Sæt på dagsordenen for næste møde",
                "Put on the agenda of the next meeting",
            ),
            Action::AcceptSuggestion => (
                "Godkend et forslag fra import: det bliver en åben opfølgning",
                "Accept a suggestion from an import: it becomes an open follow-up",
            ),
            Action::DiscardSuggestion => (
                "Kassér et forslag fra import (u fortryder)",
                "Discard a suggestion from an import (u undoes)",
            ),
            Action::ScreenCalendar => ("Skærm 5: Kalender", "Screen 5: Calendar"),
            Action::DayBack => ("Dag tilbage", "Previous day"),
            Action::DayForward => ("Dag frem", "Next day"),
            Action::MonthBack => ("Måned tilbage", "Previous month"),
            Action::MonthForward => ("Måned frem", "Next month"),
            Action::YearBack => ("År tilbage", "Previous year"),
            Action::YearForward => ("År frem", "Next year"),
            Action::GoToday => ("Til i dag", "Go to today"),
            Action::MeetingForward => ("Næste møde i kalenderen", "Next meeting in the calendar"),
            Action::MeetingBack => (
                "Forrige møde i kalenderen",
                "Previous meeting in the calendar",
            ),
            Action::MoveMeeting => (
                "Flyt mødet: vælg den nye dag, Enter, begrundelse",
                "Move the meeting: choose the new day, Enter, reason",
            ),
            Action::AddToPlan => (
                "Tilføj møde, seminar eller temadag på dagen",
                "Add a meeting, seminar or theme day on the day",
            ),
            Action::RemoveFromPlan => (
                "Fjern møde, seminar eller temadag fra planen",
                "Remove a meeting, seminar or theme day from the plan",
            ),
            Action::EditPlanEntry => (
                "Ret dagens møde i planen (aflyst, fælles møde, bemærkning) eller seminar (tema, bemærkning)",
                "Edit the day's planned meeting (cancelled, joint, note) or event (theme, note)",
            ),
            Action::ProposeYear => (
                "Foreslå næste års mødeplan ud fra forum.toml",
                "Propose next year's plan from forum.toml",
            ),
        };
        match lang {
            Lang::Da => da,
            Lang::En => en,
        }
    }

    /// A short word for the status bar's hints.
    pub fn hint(self, lang: Lang) -> &'static str {
        let (da, en) = match self {
            Action::Quit => ("afslut", "quit"),
            Action::Help => ("hjælp", "help"),
            Action::Palette => ("kommandoer", "commands"),
            Action::Export => ("eksportér", "export"),
            Action::Undo => ("fortryd", "undo"),
            Action::Copy => ("kopiér", "copy"),
            Action::Sync => ("synkronisér", "sync"),
            Action::Conflicts => ("konflikter", "conflicts"),
            Action::ItemHistory => ("historik", "history"),
            Action::Back => ("tilbage", "back"),
            Action::Problems => ("problemer", "problems"),
            Action::Open => ("åbn", "open"),
            Action::FocusNext => ("skift rude", "switch pane"),
            Action::PreviousMeeting => ("forrige møde", "previous meeting"),
            Action::NextMeeting => ("næste møde", "next meeting"),
            Action::CycleBody => ("udvalg", "body"),
            Action::NewMeeting => ("nyt møde", "new meeting"),
            Action::MeetingMode => ("mødetilstand", "meeting mode"),
            Action::RecordApproved => ("godkendt", "approved"),
            Action::RecordWithChanges => ("m. ændringer", "with changes"),
            Action::RecordRejected => ("afvist", "rejected"),
            Action::RecordPostponed => ("udsat", "postponed"),
            Action::RecordNoted => ("efterretning", "noted"),
            Action::Attendance => ("fremmøde", "attendance"),
            Action::ShowAttendance => ("fremmøde", "attendance"),
            Action::Search => ("søg", "search"),
            Action::NextHit => ("næste hit", "next hit"),
            Action::PreviousHit => ("forrige hit", "previous hit"),
            Action::Timeline => ("tidslinje", "timeline"),
            Action::CycleYear => ("år", "year"),
            Action::CycleOutcome => ("udfald", "outcome"),
            Action::FilterTag => ("emne", "tag"),
            Action::ToggleDeviations => ("afvigelser", "deviations"),
            Action::CycleState => ("tilstand", "state"),
            Action::CycleOwner => ("ansvarlig", "owner"),
            Action::FollowupDone => ("udført", "done"),
            Action::FollowupCancel => ("annullér", "cancel"),
            Action::LogRun => ("forløb", "run"),
            Action::MoveDue => ("ny frist", "new due"),
            Action::EditOwner => ("ansvarlig", "owner"),
            Action::PutOnAgenda => ("dagsorden", "agenda"),
            Action::AcceptSuggestion => ("godkend forslag", "accept"),
            Action::DiscardSuggestion => ("kassér forslag", "discard"),
            Action::GoToday => ("i dag", "today"),
            Action::MeetingForward => ("næste møde", "next meeting"),
            Action::MoveMeeting => ("flyt", "move"),
            Action::AddToPlan => ("tilføj", "add"),
            Action::ProposeYear => ("foreslå år", "propose year"),
            Action::EditPlanEntry => ("ret", "edit"),
            _ => ("", ""),
        };
        match lang {
            Lang::Da => da,
            Lang::En => en,
        }
    }

    fn from_key(key: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.key() == key)
    }
}

/// The bundled bindings. Ctrl-C is not here: it always quits and cannot be rebound.
const DEFAULT_BINDINGS: &[(&str, Action)] = &[
    ("q", Action::Quit),
    ("?", Action::Help),
    (":", Action::Palette),
    ("E", Action::Export),
    ("Y", Action::Copy),
    ("ctrl-s", Action::Sync),
    ("C", Action::Conflicts),
    ("H", Action::ItemHistory),
    ("ctrl-p", Action::Palette),
    ("esc", Action::Back),
    ("p", Action::Problems),
    ("1", Action::ScreenOverview),
    ("2", Action::ScreenMeetings),
    ("3", Action::ScreenDecisions),
    ("4", Action::ScreenFollowups),
    ("/", Action::Search),
    ("n", Action::NextHit),
    ("N", Action::PreviousHit),
    ("T", Action::Timeline),
    ("y", Action::CycleYear),
    ("o", Action::CycleOutcome),
    ("t", Action::FilterTag),
    ("v", Action::ToggleDeviations),
    ("x", Action::ClearFilters),
    ("s", Action::CycleState),
    ("o", Action::CycleOwner),
    ("d", Action::FollowupDone),
    ("c", Action::FollowupCancel),
    ("r", Action::LogRun),
    ("m", Action::MoveDue),
    ("w", Action::EditOwner),
    ("a", Action::PutOnAgenda),
    ("A", Action::AcceptSuggestion),
    ("X", Action::DiscardSuggestion),
    ("5", Action::ScreenCalendar),
    ("h", Action::DayBack),
    ("left", Action::DayBack),
    ("l", Action::DayForward),
    ("right", Action::DayForward),
    ("[", Action::MonthBack),
    ("]", Action::MonthForward),
    ("{", Action::YearBack),
    ("}", Action::YearForward),
    (".", Action::GoToday),
    ("n", Action::MeetingForward),
    ("N", Action::MeetingBack),
    ("m", Action::MoveMeeting),
    ("a", Action::AddToPlan),
    ("D", Action::RemoveFromPlan),
    ("delete", Action::RemoveFromPlan),
    ("P", Action::ProposeYear),
    ("e", Action::EditPlanEntry),
    ("k", Action::Up),
    ("up", Action::Up),
    ("j", Action::Down),
    ("down", Action::Down),
    ("g", Action::Top),
    ("home", Action::Top),
    ("G", Action::Bottom),
    ("end", Action::Bottom),
    ("pageup", Action::PageUp),
    ("ctrl-u", Action::PageUp),
    ("pagedown", Action::PageDown),
    ("ctrl-d", Action::PageDown),
    ("enter", Action::Open),
    ("tab", Action::FocusNext),
    ("l", Action::FocusNext),
    ("right", Action::FocusNext),
    ("shift-tab", Action::FocusPrev),
    ("h", Action::FocusPrev),
    ("left", Action::FocusPrev),
    ("[", Action::PreviousMeeting),
    ("]", Action::NextMeeting),
    ("f", Action::CycleBody),
    ("u", Action::Undo),
    ("ctrl-r", Action::Redo),
    ("n", Action::NewMeeting),
    ("a", Action::AddItem),
    ("d", Action::DeleteItem),
    ("K", Action::MoveItemUp),
    ("J", Action::MoveItemDown),
    ("#", Action::Renumber),
    ("t", Action::CycleKind),
    ("c", Action::ToggleClosed),
    ("r", Action::EditTitle),
    ("e", Action::EditBackground),
    ("i", Action::EditRecommendation),
    ("I", Action::EditItemDetails),
    ("M", Action::EditMeetingDetails),
    ("U", Action::EditBodySettings),
    ("b", Action::EditDecision),
    ("A", Action::AttachFile),
    ("s", Action::NextStatus),
    ("S", Action::PreviousStatus),
    ("F", Action::ShowAttendance),
    ("m", Action::MeetingMode),
    ("a", Action::RecordApproved),
    ("c", Action::RecordWithChanges),
    ("x", Action::RecordRejected),
    ("p", Action::RecordPostponed),
    ("t", Action::RecordNoted),
    ("d", Action::RecordDiscussed),
    ("b", Action::AddRemarks),
    ("o", Action::AddFollowup),
    ("f", Action::Attendance),
];

/// A key with its modifiers, as written in keymap files: `j`, `G`, `ctrl-d`, `shift-tab`, `f5`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    code: KeyCode,
    ctrl: bool,
    alt: bool,
}

impl KeySpec {
    /// The key a terminal event stands for. Shift is part of the character (`G`), and
    /// Shift-Tab arrives as BackTab.
    pub fn from_event(event: &KeyEvent) -> KeySpec {
        let code = match event.code {
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            code => code,
        };
        KeySpec {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    pub fn is_ctrl_c(&self) -> bool {
        self.ctrl && matches!(self.code, KeyCode::Char('c') | KeyCode::Char('C'))
    }
}

impl std::str::FromStr for KeySpec {
    type Err = Said;
    fn from_str(text: &str) -> Result<KeySpec, Said> {
        let mut ctrl = false;
        let mut alt = false;
        let mut shift = false;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                alt = true;
                rest = &rest[4..];
            } else if rest.chars().count() > 1 && lower.starts_with("shift-") {
                shift = true;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if shift => KeyCode::Char(c.to_uppercase().next().unwrap_or(c)),
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if shift => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                f if f.starts_with('f')
                    && f[1..].parse::<u8>().is_ok_and(|n| (1..=24).contains(&n)) =>
                {
                    KeyCode::F(f[1..].parse().unwrap_or(1))
                }
                _ => {
                    return Err(said!(
                        "`{text}` er ikke en tast (fx j, G, ctrl-d, shift-tab, pagedown, f5)";
                        "`{text}` is not a key (examples: j, G, ctrl-d, shift-tab, pagedown, f5)"
                    ));
                }
            },
        };
        Ok(KeySpec { code, ctrl, alt })
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Mellemrum"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::Insert => f.write_str("Insert"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The bindings in force.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(KeySpec, Action)>,
    /// The user's own bindings: they come before the bundled ones wherever their action
    /// applies, so `"x" = "quit"` quits also where a bundled `x` does something else.
    user: Vec<(KeySpec, Action)>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeymapFile {
    #[serde(default)]
    keys: std::collections::BTreeMap<String, String>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: DEFAULT_BINDINGS
                .iter()
                .map(|(key, action)| (key.parse().expect("bundled keys parse"), *action))
                .collect(),
            user: Vec::new(),
        }
    }
}

impl Keymap {
    /// The action bound to a key press. Ctrl-C always quits.
    /// The action a key stands for where the user is. `active` lists the scopes that apply,
    /// most specific first: a key bound in an earlier scope wins (in meeting mode `a` records
    /// "approved"; elsewhere in a meeting it adds an item).
    pub fn action(&self, event: &KeyEvent, active: &[Scope]) -> Option<Action> {
        let spec = KeySpec::from_event(event);
        if spec.is_ctrl_c() {
            return Some(Action::Quit);
        }
        let find = |list: &[(KeySpec, Action)]| {
            active.iter().find_map(|scope| {
                list.iter()
                    .find(|(key, action)| *key == spec && action.scope() == *scope)
                    .map(|(_, action)| *action)
            })
        };
        find(&self.user).or_else(|| find(&self.bindings))
    }

    /// The keys bound to an action, as shown to the user ("j / ↓").
    pub fn keys_for(&self, action: Action) -> Vec<String> {
        let mut keys: Vec<String> = self
            .bindings
            .iter()
            .chain(&self.user)
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| k.to_string())
            .collect();
        if action == Action::Quit {
            keys.push("Ctrl-C".to_owned());
        }
        keys
    }

    /// The bundled keymap with the user's `keymap.toml` applied. Bad entries are skipped and
    /// described, to be shown on screen.
    pub fn load(config_dir: Option<&Path>) -> (Keymap, Vec<Said>) {
        let mut keymap = Keymap::default();
        let Some(path) = config_dir.map(|d| d.join("keymap.toml")) else {
            return (keymap, vec![]);
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (keymap, vec![]),
            Err(e) => {
                let e = Said::io(&e);
                let p = path.display();
                return (keymap, vec![said!("{p}: {}", e.da; "{p}: {}", e.en)]);
            }
        };
        let problems = keymap.apply(&text, &path.display().to_string());
        (keymap, problems)
    }

    /// Applies a keymap file's text; returns one message per bad entry.
    pub fn apply(&mut self, text: &str, origin: &str) -> Vec<Said> {
        let file: KeymapFile = match toml::from_str(text) {
            Ok(file) => file,
            Err(e) => {
                let at = e.span().map_or(String::new(), |s| {
                    let (line, col) = crate::text::line_col(text, s.start);
                    format!("{line}:{col}: ")
                });
                let m = crate::archive::toml_said(e.message());
                return vec![said!(
                    "{origin}:{at}{}; de medfølgende taster bruges", m.da;
                    "{origin}:{at}{}; the bundled keys are used", m.en
                )];
            }
        };
        let mut problems = Vec::new();
        for (key, action) in &file.keys {
            let spec: KeySpec = match key.parse() {
                Ok(spec) => spec,
                Err(e) => {
                    problems.push(said!("{origin}: {}", e.da; "{origin}: {}", e.en));
                    continue;
                }
            };
            if spec.is_ctrl_c() {
                problems.push(said!(
                    "{origin}: Ctrl-C afslutter altid og kan ikke bindes om";
                    "{origin}: Ctrl-C always quits and cannot be rebound"
                ));
                continue;
            }
            let action = match action.as_str() {
                "none" => None,
                name => match Action::from_key(name) {
                    Some(a) => Some(a),
                    None => {
                        let known: Vec<&str> = Action::ALL.iter().map(|a| a.key()).collect();
                        let known = known.join(", ");
                        problems.push(said!(
                            "{origin}: \"{key}\" = \"{name}\": den handling findes ikke (handlingerne: {known}, none)";
                            "{origin}: \"{key}\" = \"{name}\": no such action (actions: {known}, none)"
                        ));
                        continue;
                    }
                },
            };
            // A key is rebound within its action's scope; "none" unbinds it everywhere.
            let keep = |(k, a): &(KeySpec, Action)| {
                *k != spec || action.is_some_and(|new| a.scope() != new.scope())
            };
            self.bindings.retain(keep);
            self.user.retain(keep);
            if let Some(action) = action {
                self.user.push((spec, action));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEventKind, KeyEventState};

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    /// What a key does on a list screen.
    fn act(map: &Keymap, code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
        map.action(&press(code, modifiers), &[Scope::Lists, Scope::Everywhere])
    }

    #[test]
    fn meeting_mode_keys_come_before_editing_keys() {
        let map = Keymap::default();
        let a = press(KeyCode::Char('a'), KeyModifiers::NONE);
        let meeting = [
            Scope::Editing,
            Scope::Meeting,
            Scope::Lists,
            Scope::Everywhere,
        ];
        let mode = [
            Scope::MeetingMode,
            Scope::Editing,
            Scope::Meeting,
            Scope::Lists,
            Scope::Everywhere,
        ];
        assert_eq!(map.action(&a, &meeting), Some(Action::AddItem));
        assert_eq!(map.action(&a, &mode), Some(Action::RecordApproved));
        assert_eq!(map.action(&a, &[Scope::Lists, Scope::Everywhere]), None);
        // A key of an outer scope still works where no inner binding shadows it.
        let m = press(KeyCode::Char('m'), KeyModifiers::NONE);
        assert_eq!(map.action(&m, &mode), Some(Action::MeetingMode));
    }

    #[test]
    fn the_default_keys_follow_terminal_conventions() {
        let map = Keymap::default();
        let none = KeyModifiers::NONE;
        assert_eq!(act(&map, KeyCode::Char('j'), none), Some(Action::Down));
        assert_eq!(act(&map, KeyCode::Down, none), Some(Action::Down));
        assert_eq!(
            act(&map, KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Action::Bottom)
        );
        assert_eq!(
            map.action(&press(KeyCode::Tab, KeyModifiers::SHIFT), &[Scope::Meeting]),
            Some(Action::FocusPrev)
        );
        assert_eq!(
            act(&map, KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(map.keys_for(Action::Down), vec!["j", "↓"]);
    }

    #[test]
    fn every_action_has_a_key_and_a_description() {
        let map = Keymap::default();
        for action in Action::ALL {
            assert!(!map.keys_for(action).is_empty(), "{action:?}");
            assert!(!action.describe(Lang::Da).is_empty());
            assert!(!action.describe(Lang::En).is_empty());
        }
    }

    #[test]
    fn a_user_keymap_rebinds_and_reports_bad_entries() {
        let mut map = Keymap::default();
        let problems = map.apply(
            "[keys]\n\"x\" = \"quit\"\n\"q\" = \"none\"\n\"ctrl-n\" = \"down\"\n\"hyper-z\" = \"up\"\n\"y\" = \"fly\"\n\"ctrl-c\" = \"help\"\n",
            "keymap.toml",
        );
        let none = KeyModifiers::NONE;
        assert_eq!(act(&map, KeyCode::Char('x'), none), Some(Action::Quit));
        // The user's key comes first also where a bundled `x` does something else.
        assert_eq!(
            map.action(
                &press(KeyCode::Char('x'), none),
                &[Scope::MeetingMode, Scope::Everywhere]
            ),
            Some(Action::Quit)
        );
        assert_eq!(act(&map, KeyCode::Char('q'), none), None);
        assert_eq!(
            act(&map, KeyCode::Char('n'), KeyModifiers::CONTROL),
            Some(Action::Down)
        );
        assert_eq!(
            act(&map, KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].contains("cannot be rebound"), "{problems:?}");
        assert!(
            problems[1].contains("`hyper-z` is not a key"),
            "{problems:?}"
        );
        assert!(problems[2].contains("no such action"), "{problems:?}");
    }

    #[test]
    fn a_broken_keymap_file_keeps_the_bundled_keys() {
        let mut map = Keymap::default();
        let problems = map.apply("[keys\n", "keymap.toml");
        assert!(problems[0].da.starts_with("keymap.toml:1:"), "{problems:?}");
        assert_eq!(
            act(&map, KeyCode::Char('q'), KeyModifiers::NONE),
            Some(Action::Quit)
        );
    }
}

//! The texts of the Opfølgning screen and its actions, in Danish and English.

use crate::followup::StateFilter;
use crate::lang::Lang;

#[derive(Debug)]
pub struct FollowupUi {
    pub tab: &'static str,
    pub title: &'static str,
    pub scope: &'static str,
    pub all_owners: &'static str,
    pub none: &'static str,
    /// A plan deadline has no decision to open; before its source.
    pub from_plan: &'static str,
    pub prompt_done: &'static str,
    pub prompt_cancel: &'static str,
    pub prompt_run: &'static str,
    pub prompt_new_due: &'static str,
    /// Followed by the year.
    pub prompt_new_date: &'static str,
    pub prompt_reason: &'static str,
    pub bad_closing: &'static str,
    pub unknown_item: &'static str,
    pub bad_run: &'static str,
    pub bad_date: &'static str,
    pub not_count: &'static str,
    pub already_closed: &'static str,
    pub no_meeting_ahead: &'static str,
    pub already_on_agenda: &'static str,
    pub put_on: &'static str,
    pub count_reached: &'static str,
    pub pick_title: &'static str,
    pub pick_hint: &'static str,
    pub proposed: &'static str,
    pub part_of: &'static str,
    pub from_plan_file: &'static str,
    pub moving: &'static str,
    pub c_done: &'static str,
    pub c_cancel: &'static str,
    pub c_run: &'static str,
    pub c_due: &'static str,
    pub c_owner: &'static str,
    pub prompt_owner: &'static str,
    pub c_agenda: &'static str,
    /// Said when another action is asked of a suggestion.
    pub is_suggestion: &'static str,
    /// Said when accept or discard is asked of a follow-up that is not a suggestion.
    pub not_suggestion: &'static str,
    pub c_accept: &'static str,
    pub c_discard: &'static str,
    /// In the header, after the number of suggestions waiting.
    pub suggestions_waiting: &'static str,
}

pub static DA: FollowupUi = FollowupUi {
    tab: "Opfølgning",
    title: "Opfølgning",
    scope: "Opfølgning",
    all_owners: "alle ansvarlige",
    none: "Ingen opfølgninger med disse filtre.",
    from_plan: "Fra mødeplanen",
    prompt_done: "Lukket af: et punkt (2018-02-09-sdf#4) eller en dato (ÅÅÅÅ-MM-DD)",
    prompt_cancel: "Hvorfor annulleres opfølgningen?",
    prompt_run: "Afholdt forløb: dato og note, fx 2017-11-01 Forløb 1",
    prompt_new_due: "Ny frist: en dato (ÅÅÅÅ-MM-DD), et møde (2018-05-02-sdf) eller en periode (medio 2018)",
    prompt_new_date: "Ny dato (ÅÅÅÅ-MM-DD) for",
    prompt_reason: "Hvorfor ændres fristen?",
    bad_closing: "Skriv et punkt som 2018-02-09-sdf#4 eller en dato som 2018-02-09",
    unknown_item: "Punktet findes ikke i arkivet",
    bad_run: "Skriv datoen først, fx 2017-11-01 Forløb 1",
    bad_date: "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2018-05-08",
    not_count: "Forløb registreres kun for opfølgninger, der venter på et antal forløb",
    already_closed: "Opfølgningen er lukket",
    no_meeting_ahead: "Intet kommende møde med åben frist for punkter i mødeplanen for",
    already_on_agenda: "Allerede på dagsordenen",
    put_on: "Sat på dagsordenen",
    count_reached: "Antallet er nået: opfølgningen skal nu på en dagsorden",
    pick_title: "Sæt på dagsordenen",
    pick_hint: "↑/↓ vælg · Enter sæt på · Esc fortryd",
    proposed: "foreslået",
    part_of: "del af",
    from_plan_file: "oprettes fra mødeplanen",
    moving: "skal flyttes",
    c_done: "opfølgning udført",
    c_cancel: "opfølgning annulleret",
    c_run: "forløb registreret",
    c_due: "ny frist",
    c_owner: "ansvarlig",
    prompt_owner: "Ansvarlig: et navn eller en organisation (tom: ingen)",
    c_agenda: "sat på dagsordenen",
    is_suggestion: "Et forslag fra import: A godkender det, X kasserer det",
    not_suggestion: "Kun et forslag fra import kan godkendes eller kasseres",
    c_accept: "forslag godkendt",
    c_discard: "forslag kasseret",
    suggestions_waiting: "forslag fra import (s)",
};

pub static EN: FollowupUi = FollowupUi {
    tab: "Follow-ups",
    title: "Follow-ups",
    scope: "Follow-ups",
    all_owners: "all owners",
    none: "No follow-ups with these filters.",
    from_plan: "From the year plan",
    prompt_done: "Closed by: an item (2018-02-09-sdf#4) or a date (YYYY-MM-DD)",
    prompt_cancel: "Why is the follow-up cancelled?",
    prompt_run: "Run held: date and note, e.g. 2017-11-01 Run 1",
    prompt_new_due: "New due: a date (YYYY-MM-DD), a meeting (2018-05-02-sdf) or a period (medio 2018)",
    prompt_new_date: "New date (YYYY-MM-DD) for",
    prompt_reason: "Why does the due change?",
    bad_closing: "Write an item such as 2018-02-09-sdf#4 or a date such as 2018-02-09",
    unknown_item: "The archive has no such item",
    bad_run: "Write the date first, e.g. 2017-11-01 Run 1",
    bad_date: "Write the date as YYYY-MM-DD, e.g. 2018-05-08",
    not_count: "Runs are logged only for follow-ups waiting for a number of runs",
    already_closed: "The follow-up is closed",
    no_meeting_ahead: "No meeting ahead still taking items in the plan of",
    already_on_agenda: "Already on the agenda",
    put_on: "Put on the agenda",
    count_reached: "The count is reached: the follow-up now goes on an agenda",
    pick_title: "Put on the agenda",
    pick_hint: "↑/↓ choose · Enter put on · Esc cancel",
    proposed: "proposed",
    part_of: "part of",
    from_plan_file: "created from the year plan",
    moving: "to be moved",
    c_done: "follow-up done",
    c_cancel: "follow-up cancelled",
    c_run: "run logged",
    c_due: "new due",
    c_owner: "owner",
    prompt_owner: "Owner: a name or an organisation (empty: none)",
    c_agenda: "put on the agenda",
    is_suggestion: "A suggestion from an import: A accepts it, X discards it",
    not_suggestion: "Only a suggestion from an import is accepted or discarded",
    c_accept: "suggestion accepted",
    c_discard: "suggestion discarded",
    suggestions_waiting: "suggested by import (s)",
};

pub fn followup_ui(lang: Lang) -> &'static FollowupUi {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}

/// The state filter in words: "åbne", "overskredne", …
pub fn state_filter(lang: Lang, filter: StateFilter) -> &'static str {
    let (da, en) = match filter {
        StateFilter::Open => ("åbne", "open"),
        StateFilter::Overdue => ("overskredne", "overdue"),
        StateFilter::Due => ("forfalder nu", "due now"),
        StateFilter::Waiting => ("afventer", "waiting"),
        StateFilter::Suggested => ("forslag fra import", "suggested by import"),
        StateFilter::Done => ("udførte", "done"),
        StateFilter::Cancelled => ("annullerede", "cancelled"),
        StateFilter::All => ("alle", "all"),
    };
    match lang {
        Lang::Da => da,
        Lang::En => en,
    }
}

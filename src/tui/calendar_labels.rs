//! The Kalender screen's own words: prompts, messages and the legend.

use crate::lang::Lang;

pub struct CalendarUi {
    pub scope: &'static str,
    /// After the bodies' marks ("S/F møde …").
    pub legend: &'static str,
    pub moving: &'static str,
    pub moving_hint: &'static str,
    pub prompt_reason: &'static str,
    pub prompt_decided_by: &'static str,
    pub prompt_add: &'static str,
    pub add_format: &'static str,
    pub nothing_to_move: &'static str,
    pub nothing_to_remove: &'static str,
    pub same_day: &'static str,
    pub has_file: &'static str,
    pub confirm_remove: &'static str,
    pub c_move: &'static str,
    pub c_add: &'static str,
    pub c_remove: &'static str,
    pub c_propose: &'static str,
    pub plan_exists: &'static str,
    pub no_rules: &'static str,
    pub proposed: &'static str,
    pub nothing_on_day: &'static str,
    pub day_keys: &'static str,
    pub pairs: &'static str,
    pub selected: &'static str,
}

pub fn calendar_ui(lang: Lang) -> &'static CalendarUi {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}

const DA: CalendarUi = CalendarUi {
    scope: "Kalender",
    legend: "møde  * seminar/temadag  ! frist  ~ anden dato  rød: helligdag",
    moving: "Flyt",
    moving_hint: "vælg den nye dag og tryk Enter · Esc fortryder",
    prompt_reason: "Hvorfor flyttes mødet?",
    prompt_decided_by: "Besluttet under punkt (fx 2017-09-08-sdf#9; tomt: intet)",
    prompt_add: "Tilføj på dagen: et organ (sdf, fu), «seminar TITEL» eller «temadag TITEL»",
    add_format: "Skriv et organ (fx sdf), «seminar Titel» eller «temadag Titel»",
    nothing_to_move: "Intet møde på dagen at flytte",
    nothing_to_remove: "Intet møde, seminar eller temadag på dagen",
    same_day: "Vælg en anden dag end mødets egen",
    has_file: "Mødet har en mødefil; slet eller flyt filen først",
    confirm_remove: "Fjern fra mødeplanen:",
    c_move: "møde flyttet",
    c_add: "tilføjet til mødeplanen",
    c_remove: "fjernet fra mødeplanen",
    c_propose: "udkast til mødeplan",
    plan_exists: "Der er allerede en mødeplan for",
    no_rules: "forum.toml sætter ikke meetings_per_year for noget organ",
    proposed: "Udkast gemt som",
    nothing_on_day: "Intet på dagen",
    day_keys: "Enter åbn · m flyt · D fjern · Esc luk",
    pairs: "par",
    selected: "Valgt dag",
};

const EN: CalendarUi = CalendarUi {
    scope: "Calendar",
    legend: "meeting  * seminar/theme day  ! deadline  ~ other date  red: holiday",
    moving: "Move",
    moving_hint: "choose the new day and press Enter · Esc calls it off",
    prompt_reason: "Why does the meeting move?",
    prompt_decided_by: "Decided under item (e.g. 2017-09-08-sdf#9; empty: none)",
    prompt_add: "Add on the day: a body (sdf, fu), \"seminar TITLE\" or \"theme TITLE\"",
    add_format: "Write a body (e.g. sdf), \"seminar Title\" or \"theme Title\"",
    nothing_to_move: "No meeting on the day to move",
    nothing_to_remove: "No meeting, seminar or theme day on the day",
    same_day: "Choose another day than the meeting's own",
    has_file: "The meeting has a meeting file; delete or move the file first",
    confirm_remove: "Remove from the plan:",
    c_move: "meeting moved",
    c_add: "added to the plan",
    c_remove: "removed from the plan",
    c_propose: "draft meeting plan",
    plan_exists: "There is a plan already for",
    no_rules: "forum.toml sets no meetings_per_year for any body",
    proposed: "Draft saved as",
    nothing_on_day: "Nothing on the day",
    day_keys: "Enter open · m move · D remove · Esc close",
    pairs: "pairs",
    selected: "Selected day",
};

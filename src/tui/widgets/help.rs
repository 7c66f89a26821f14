//! The help overlay, generated from the keymap: every action with the keys bound to it now,
//! grouped by where it applies, and the marks used in lists.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::lang::Lang;
use crate::tui::app::App;
use crate::tui::keymap::{Action, Scope};
use crate::tui::views::meeting::{CLOSED_MARK, DECIDED_MARK, DEPARTS_MARK};
use crate::tui::widgets::overlay;
use crate::tui::widgets::wrap::truncate;

/// The sections of the help, in order: where each applies, and its heading.
fn sections(app: &App) -> [(Scope, &'static str); 9] {
    let ui = app.ui();
    [
        (Scope::Everywhere, ui.scope_everywhere),
        (Scope::Lists, ui.scope_lists),
        (Scope::Meeting, ui.scope_meeting),
        (Scope::Hits, ui.scope_hits),
        (Scope::Decisions, ui.scope_decisions),
        (
            Scope::Followups,
            crate::tui::followup_labels::followup_ui(app.lang).scope,
        ),
        (
            Scope::Calendar,
            crate::tui::calendar_labels::calendar_ui(app.lang).scope,
        ),
        (Scope::Editing, app.eui().scope_editing),
        (Scope::MeetingMode, app.eui().scope_meeting_mode),
    ]
}

/// The line the help's section for `scope` starts on: the help opens there, at the keys of
/// the screen in use (each action is one line, so the line does not depend on the width).
pub fn section_start(app: &App, scope: Scope) -> usize {
    let mut line = 0;
    for (s, _) in sections(app) {
        if s == scope {
            return line;
        }
        let keyed = Action::ALL
            .into_iter()
            .filter(|a| a.scope() == s && !app.keymap.keys_for(*a).is_empty())
            .count();
        line += 1 + keyed + 1;
    }
    0
}

pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let ui = app.ui();
    let theme = &app.theme;
    let mut out = Vec::new();
    let scopes = sections(app);
    let key_width = Action::ALL
        .iter()
        .map(|a| app.keymap.keys_for(*a).join(" / ").width() + 2)
        .max()
        .unwrap_or(12)
        .min(width / 2);
    for (scope, name) in scopes {
        out.push(Line::styled(
            truncate(name, width),
            theme.title.add_modifier(Modifier::BOLD),
        ));
        for action in Action::ALL.into_iter().filter(|a| a.scope() == scope) {
            let keys = app.keymap.keys_for(action);
            if keys.is_empty() {
                continue;
            }
            let keys = truncate(&keys.join(" / "), key_width);
            let pad = key_width.saturating_sub(keys.width());
            let description = truncate(
                action.describe(app.lang),
                width.saturating_sub(key_width + 2),
            );
            out.push(Line::from(vec![
                Span::styled(format!("  {keys}{}", " ".repeat(pad)), theme.accent),
                Span::styled(description, theme.text),
            ]));
        }
        out.push(Line::default());
    }
    // The keys of windows and text, which the keymap does not rebind.
    let da = app.lang == Lang::Da;
    for (name, keys) in fixed_keys(da) {
        out.push(Line::styled(
            truncate(name, width),
            theme.title.add_modifier(Modifier::BOLD),
        ));
        for (key, what) in keys {
            let key = truncate(key, key_width);
            let pad = key_width.saturating_sub(key.width());
            out.push(Line::from(vec![
                Span::styled(format!("  {key}{}", " ".repeat(pad)), theme.accent),
                Span::styled(
                    truncate(what, width.saturating_sub(key_width + 2)),
                    theme.text,
                ),
            ]));
        }
        out.push(Line::default());
    }
    out.push(Line::styled(
        truncate(ui.help_symbols, width),
        theme.title.add_modifier(Modifier::BOLD),
    ));
    let symbols: Vec<(String, &str)> = vec![
        (DEPARTS_MARK.to_string(), ui.departs_mark),
        (DECIDED_MARK.to_string(), ui.decided_mark),
        (CLOSED_MARK.to_string(), ui.closed_mark),
        (
            if da {
                "G R B D O E N -"
            } else {
                "A M D T O E N -"
            }
            .to_owned(),
            if da {
                "godkendelse af dagsorden, godkendelse af referat, beslutning, drøftelse, orientering, eventuelt, næste møde, andet"
            } else {
                "agenda approval, minutes approval, decision, discussion (talk), information, any other business, next meeting, other"
            },
        ),
    ];
    for (mark, meaning) in symbols {
        let mark = truncate(&mark, key_width);
        let pad = key_width.saturating_sub(mark.width());
        out.push(Line::from(vec![Span::styled(
            format!("  {mark}{}", " ".repeat(pad)),
            theme.accent,
        )]));
        let mut w = super::wrap::Wrapper::new(width.saturating_sub(key_width + 2), vec![], vec![]);
        w.push(meaning, theme.text);
        let mut meaning_lines = w.finish().into_iter();
        if let (Some(first), Some(last)) = (meaning_lines.next(), out.last_mut()) {
            last.spans.extend(first.spans);
        }
        for more in meaning_lines {
            let mut spans = vec![Span::raw(" ".repeat(key_width + 2))];
            spans.extend(more.spans);
            out.push(Line::from(spans));
        }
    }
    out
}

type KeyList = &'static [(&'static str, &'static str)];

/// The editor's, the attendance window's, the palette's, the conflict window's and the
/// history window's keys.
fn fixed_keys(da: bool) -> [(&'static str, KeyList); 5] {
    if da {
        [
            (
                "Når du skriver (felter og den indbyggede editor)",
                &[
                    ("Enter", "Gem (én linje) · ny linje (lange tekster)"),
                    ("Ctrl-S", "Gem en lang tekst"),
                    ("Esc", "Fortryd; spørger først, hvis teksten er ændret"),
                    ("Tab", "Fuldfør sti, udvalg eller emne"),
                    ("← → ↑ ↓", "Flyt markøren"),
                    ("Home / End", "Til linjens start / slut"),
                    ("Ctrl-A / Ctrl-E", "Til linjens start / slut"),
                    ("Ctrl-U", "Slet til linjens start"),
                    ("Ctrl-K", "Slet til linjens slut"),
                    ("Backspace / Delete", "Slet tegnet før / efter markøren"),
                ],
            ),
            (
                "Fremmøde (f i mødetilstand, F ellers)",
                &[
                    ("↑ ↓", "Vælg person"),
                    ("Mellemrum / Enter", "Skift: deltager, afbud, ikke noteret"),
                    ("g", "Tilføj gæst"),
                    ("n", "Nyt medlem af udvalget (forum.toml)"),
                    ("e", "Ret medlemmet"),
                    ("Esc", "Luk"),
                ],
            ),
            (
                "Kommandoer og find (: eller Ctrl-P)",
                &[
                    ("skriv", "Find handling, møde, punkt eller opfølgning"),
                    ("↑ ↓ / Ctrl-P Ctrl-N", "Vælg"),
                    ("Enter", "Kør handlingen eller åbn"),
                    ("Esc", "Luk"),
                ],
            ),
            (
                "Flettekonflikter (C, eller Enter i Problemer)",
                &[
                    ("m", "Behold min udgave"),
                    ("t", "Tag den andens udgave"),
                    ("e / Enter", "Skriv feltet selv (begynder med din udgave)"),
                    ("← →", "Forrige / næste konflikt i filen"),
                    ("Esc", "Luk; konflikten står, til den er løst"),
                ],
            ),
            (
                "Punktets historik (H)",
                &[
                    ("↑ ↓", "Vælg udgave; ændringen mod udgaven før vises"),
                    ("PgUp / PgDn", "Rul ændringen"),
                    ("Esc", "Luk"),
                ],
            ),
        ]
    } else {
        [
            (
                "While typing (fields and the built-in editor)",
                &[
                    ("Enter", "Save (one line) · new line (long texts)"),
                    ("Ctrl-S", "Save a long text"),
                    ("Esc", "Cancel; asks first when the text was changed"),
                    ("Tab", "Complete a path, body or tag"),
                    ("← → ↑ ↓", "Move the cursor"),
                    ("Home / End", "To the line's start / end"),
                    ("Ctrl-A / Ctrl-E", "To the line's start / end"),
                    ("Ctrl-U", "Delete to the line's start"),
                    ("Ctrl-K", "Delete to the line's end"),
                    ("Backspace / Delete", "Delete the character before / after"),
                ],
            ),
            (
                "Attendance (f in meeting mode, F otherwise)",
                &[
                    ("↑ ↓", "Choose a person"),
                    ("Space / Enter", "Change: present, apologies, not noted"),
                    ("g", "Add a guest"),
                    ("n", "New member of the body (forum.toml)"),
                    ("e", "Correct the member"),
                    ("Esc", "Close"),
                ],
            ),
            (
                "Commands and find (: or Ctrl-P)",
                &[
                    ("type", "Find an action, meeting, item or follow-up"),
                    ("↑ ↓ / Ctrl-P Ctrl-N", "Choose"),
                    ("Enter", "Run the action or open"),
                    ("Esc", "Close"),
                ],
            ),
            (
                "Merge conflicts (C, or Enter in Problems)",
                &[
                    ("m", "Keep my version"),
                    ("t", "Take the other version"),
                    (
                        "e / Enter",
                        "Write the field yourself (starting from yours)",
                    ),
                    ("← →", "Previous / next conflict in the file"),
                    ("Esc", "Close; the conflict stands until resolved"),
                ],
            ),
            (
                "The item's history (H)",
                &[
                    (
                        "↑ ↓",
                        "Choose a version; its change against the one before is shown",
                    ),
                    ("PgUp / PgDn", "Scroll the change"),
                    ("Esc", "Close"),
                ],
            ),
        ]
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer, scroll: usize) {
    // Where in the help the window is: its first and last line shown, of how many.
    let all = lines(app, 90);
    let shown = (crate::tui::layout::overlay(area, 90).height as usize)
        .saturating_sub(2)
        .min(all.len());
    let first = scroll.min(all.len().saturating_sub(shown));
    let title = format!(
        "{} · {}–{}/{}",
        app.ui().help_title,
        first + 1,
        first + shown,
        all.len()
    );
    overlay::render(app, area, buf, &title, 90, scroll, |width| {
        lines(app, width)
    });
}

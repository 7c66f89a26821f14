//! Drawing: every view renders from the state and never changes it.

pub mod calendar;
pub mod decisions;
pub mod dialogs;
pub mod export;
pub mod followups;
pub mod item_history;
pub mod meeting;
pub mod meeting_mode;
pub mod meetings;
pub mod merge_window;
pub mod overview;
pub mod palette;
pub mod problems;
pub mod search;
pub mod status;
pub mod tabs;
pub mod timeline;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::widgets::{Block, Widget};

use super::app::{App, Overlay, Screen};
use super::layout;
use super::widgets;

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame<'_>) {
    draw_screens(app, frame);
    seal(frame.buffer_mut());
}

/// The screens' last check, after every frame is drawn: a cell holding a control, bidi or
/// invisible character, whatever path it took past the sanitizing of each field, is drawn
/// as a placeholder. No byte from a file reaches the terminal raw.
pub fn seal(buf: &mut Buffer) {
    for cell in &mut buf.content {
        if cell.symbol().chars().any(crate::text::is_hidden) {
            cell.set_symbol("\u{fffd}");
        }
    }
}

fn draw_screens(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    Block::new().style(app.theme.text).render(area, buf);
    let Some(areas) = layout::frame(area) else {
        widgets::too_small::render(app, area, buf);
        return;
    };
    tabs::render(app, areas.tabs, buf);
    match (&app.meeting, app.screen) {
        (Some(_), _) => meeting::render(app, areas.main, buf),
        (None, Screen::Overview) => overview::render(app, areas.main, buf),
        (None, Screen::Meetings) => meetings::render(app, areas.main, buf),
        (None, Screen::Decisions) => decisions::render(app, areas.main, buf),
        (None, Screen::Followups) => followups::render(app, areas.main, buf),
        (None, Screen::Calendar) => calendar::render(app, areas.main, buf),
    }
    status::render(app, areas.status, buf);
    match &app.overlay {
        Some(Overlay::Help { scroll }) => widgets::help::render(app, area, buf, *scroll),
        Some(Overlay::Problems { scroll }) => problems::render(app, area, buf, *scroll),
        Some(Overlay::Conflict(c)) => dialogs::conflict(app, c, area, buf),
        Some(Overlay::Confirm(c)) => dialogs::confirm(app, c, area, buf),
        Some(Overlay::Attendance { cursor }) => dialogs::attendance(app, *cursor, area, buf),
        Some(Overlay::Timeline(view)) => timeline::render(app, view, area, buf),
        Some(Overlay::Agenda(pick)) => followups::agenda(app, pick, area, buf),
        Some(Overlay::Day(window)) => calendar::day(app, window, area, buf),
        Some(Overlay::Merge(window)) => merge_window::render(app, window, area, buf),
        Some(Overlay::ItemHistory(window)) => item_history::render(app, window, area, buf),
        Some(Overlay::KindPick { cursor, .. }) => dialogs::kind_pick(app, *cursor, area, buf),
        None => {}
    }
    if let Some(panel) = &app.search {
        search::render(app, panel, area, buf);
    }
    if let Some(d) = &app.export {
        export::render(app, d, area, buf);
    }
    if let Some(p) = &app.palette {
        palette::render(app, p, area, buf);
    }
    if let Some(input) = &app.input {
        dialogs::input(app, input, area, buf);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    #[test]
    fn a_control_that_reached_a_cell_is_drawn_as_a_placeholder() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        buf[(0, 0)].set_symbol("\u{1b}");
        buf[(1, 0)].set_symbol("a\u{200b}");
        buf[(2, 0)].set_symbol("ø");
        super::seal(&mut buf);
        let symbols: Vec<_> = buf.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(symbols, ["\u{fffd}", "\u{fffd}", "ø", " "]);
    }
}

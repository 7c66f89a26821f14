//! Where everything goes on the screen. One pure function of the terminal size and the state,
//! used both to draw and to find what a mouse click hit.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this size the screen shows "Terminal for lille" instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Below this width the meeting view shows one pane at a time.
const TWO_PANES_FROM: u16 = 70;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    pub tabs: Rect,
    pub main: Rect,
    pub status: Rect,
}

/// The tab bar, the main area and the status bar; `None` when the terminal is too small.
pub fn frame(area: Rect) -> Option<Frame> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [tabs, main, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    Some(Frame { tabs, main, status })
}

/// Which pane of the meeting view has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Items,
    Detail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingAreas {
    pub header: Rect,
    /// The item list with its border; `None` when hidden on a narrow screen.
    pub items: Option<Rect>,
    pub detail: Option<Rect>,
}

pub fn meeting(main: Rect, focus: Pane) -> MeetingAreas {
    let [header, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(main);
    if main.width < TWO_PANES_FROM {
        let (items, detail) = match focus {
            Pane::Items => (Some(body), None),
            Pane::Detail => (None, Some(body)),
        };
        return MeetingAreas {
            header,
            items,
            detail,
        };
    }
    let list_width = (main.width * 34 / 100).clamp(28, 48);
    let [items, detail] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(1)]).areas(body);
    MeetingAreas {
        header,
        items: Some(items),
        detail: Some(detail),
    }
}

/// The inside of a bordered pane.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// A centred box for overlays: most of the screen, at most `max_width` wide.
pub fn overlay(area: Rect, max_width: u16) -> Rect {
    let width = area.width.saturating_sub(4).min(max_width).max(1);
    let height = area.height.saturating_sub(2).max(1);
    Rect {
        x: area.x + (area.width.saturating_sub(width)) / 2,
        y: area.y + (area.height.saturating_sub(height)) / 2,
        width: width.min(area.width),
        height: height.min(area.height),
    }
}

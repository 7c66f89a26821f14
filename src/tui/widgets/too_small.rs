//! Shown instead of the screens when the terminal is smaller than the layout needs.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::wrap::wrap;
use crate::tui::app::App;
use crate::tui::layout::{MIN_HEIGHT, MIN_WIDTH};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = format!("{} {MIN_WIDTH}×{MIN_HEIGHT})", app.ui().too_small);
    let lines = wrap(&text, area.width as usize, app.theme.warning);
    let shown = lines.len().min(area.height as usize);
    let top = area.y + (area.height - shown as u16) / 2;
    for (row, line) in lines.into_iter().take(shown).enumerate() {
        let y = top + row as u16;
        line.centered().render(
            Rect {
                y,
                height: 1,
                ..area
            },
            buf,
        );
    }
}

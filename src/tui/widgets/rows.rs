//! Lines drawn one per row, as many as fit: every list and document on the screens ends here.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

pub fn render_rows<'a>(lines: impl IntoIterator<Item = Line<'a>>, area: Rect, buf: &mut Buffer) {
    for (row, line) in lines.into_iter().take(area.height as usize).enumerate() {
        let y = area.y + row as u16;
        line.render(
            Rect {
                y,
                height: 1,
                ..area
            },
            buf,
        );
    }
}

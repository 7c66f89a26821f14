//! The problems panel: what went wrong while loading the archive and the user's settings,
//! each with its place and hint. Everything else stays usable.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::archive::Severity;
use crate::tui::app::App;
use crate::tui::widgets::overlay;
use crate::tui::widgets::wrap::{Wrapper, truncate};

pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    laid_out(app, width, None).0
}

/// The diagnostic whose lines are at the top of the window scrolled to `scroll`: the one
/// Enter opens in the editor.
pub fn at_scroll(app: &App, scroll: usize) -> Option<usize> {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let outer = crate::tui::layout::overlay(area, WIDTH);
    let inner = crate::tui::layout::inner(outer);
    let (lines, starts) = laid_out(app, inner.width as usize, None);
    // As the window clamps it: the last page shows the last lines.
    let visible = (inner.height as usize).min(lines.len());
    let top = scroll.min(lines.len().saturating_sub(visible));
    starts
        .iter()
        .rposition(|&s| s <= top)
        .or((!starts.is_empty()).then_some(0))
}

const WIDTH: u16 = 100;

/// The panel's lines, the line each diagnostic starts on, and the one marked.
fn laid_out(app: &App, width: usize, marked: Option<usize>) -> (Vec<Line<'static>>, Vec<usize>) {
    let theme = &app.theme;
    let mut starts = Vec::new();
    let ui = app.ui();
    let mut out = Vec::new();
    if app.archive.diagnostics.is_empty() && app.settings_problems.is_empty() {
        out.push(Line::styled(truncate(ui.problems_none, width), theme.muted));
    }
    for problem in &app.settings_problems {
        let mut w = Wrapper::new(
            width,
            vec![Span::styled(
                format!("{}: ", ui.settings_problems),
                theme.warning,
            )],
            vec![Span::raw("  ")],
        );
        w.push(problem.get(app.lang), theme.text);
        out.extend(w.finish());
        out.push(Line::default());
    }
    for (i, d) in app.archive.diagnostics.iter().enumerate() {
        starts.push(out.len());
        let (word, style) = match d.severity {
            Severity::Error => (ui.error_one, theme.error),
            Severity::Warning => (ui.warning_one, theme.warning),
        };
        // Relative to the archive, as the user knows the files.
        let file = d
            .site
            .file
            .strip_prefix(&app.archive.root)
            .unwrap_or(&d.site.file);
        let place = format!("{}:{}:{}", file.display(), d.site.line, d.site.column);
        // Every problem has the marker's room, so marking one moves no line.
        let lead = if marked == Some(i) { "▶ " } else { "  " };
        let mut w = Wrapper::new(
            width,
            vec![Span::styled(lead, theme.accent)],
            vec![Span::raw("    ")],
        );
        w.push_unbroken(&word.to_uppercase(), style.add_modifier(Modifier::BOLD));
        w.push(" ", theme.text);
        w.push(&place, theme.muted);
        w.newline();
        w.push(d.message.get(app.lang), theme.text);
        if !d.site.line_text.is_empty() {
            w.newline();
            w.push_unbroken("│ ", theme.muted);
            w.push(d.site.line_text.trim_end(), theme.accent);
        }
        if let Some(hint) = &d.hint {
            w.newline();
            w.push(&format!("→ {}", hint.get(app.lang)), theme.muted);
        }
        out.extend(w.finish());
        out.push(Line::default());
    }
    (out, starts)
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer, scroll: usize) {
    let count = app.archive.diagnostics.len() + app.settings_problems.len();
    let title = format!("{} ({count})", app.ui().problems);
    overlay::render(app, area, buf, &title, WIDTH, scroll, |width| {
        let marked = at_scroll(app, scroll);
        laid_out(app, width, marked).0
    });
}

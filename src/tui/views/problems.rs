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
    let theme = &app.theme;
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
        w.push(problem, theme.text);
        out.extend(w.finish());
        out.push(Line::default());
    }
    for d in &app.archive.diagnostics {
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
        let mut w = Wrapper::new(width, vec![], vec![Span::raw("  ")]);
        w.push_unbroken(&word.to_uppercase(), style.add_modifier(Modifier::BOLD));
        w.push(" ", theme.text);
        w.push(&place, theme.muted);
        w.newline();
        w.push(&d.message, theme.text);
        if !d.site.line_text.is_empty() {
            w.newline();
            w.push_unbroken("│ ", theme.muted);
            w.push(d.site.line_text.trim_end(), theme.accent);
        }
        if let Some(hint) = &d.hint {
            w.newline();
            w.push(&format!("→ {hint}"), theme.muted);
        }
        out.extend(w.finish());
        out.push(Line::default());
    }
    out
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer, scroll: usize) {
    let count = app.archive.diagnostics.len() + app.settings_problems.len();
    let title = format!("{} ({count})", app.ui().problems);
    overlay::render(app, area, buf, &title, 100, scroll, |width| {
        lines(app, width)
    });
}

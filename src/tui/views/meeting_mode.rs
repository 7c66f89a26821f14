//! Mødetilstand: the item pane while a meeting is held. Each clause of the recommendation
//! with the decision recorded on it so far; the clause being decided is marked.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::meeting::outcome_style;
use crate::model::Meeting;
use crate::tui::app::{App, MeetingView};
use crate::tui::doc::Doc;
use crate::tui::widgets::markdown;
use crate::tui::widgets::wrap::{Wrapper, truncate, wrap};

pub fn doc(app: &App, meeting: &Meeting, view: &MeetingView, width: usize) -> Doc {
    let mut doc = Doc::default();
    let width = width.max(1);
    let theme = &app.theme;
    let e = app.eui();
    let lang = app.lang;
    let Some(item) = meeting.items.get(view.item) else {
        doc.extend(wrap(app.ui().no_items, width, theme.muted));
        return doc;
    };
    doc.extend(wrap(
        &format!("{}. {}", item.number, item.title),
        width,
        theme.title.add_modifier(Modifier::BOLD),
    ));
    let decision = item.decision.as_ref();
    match &item.recommendation {
        Some(rec) if !rec.clauses.is_empty() => {
            if !rec.lead.is_empty() {
                doc.extend(wrap(&rec.lead, width, theme.muted));
            }
            for (i, clause) in rec.clauses.iter().enumerate() {
                doc.blank();
                let selected = i == view.clause;
                let marker = if selected { "▶ " } else { "  " };
                let style = if selected {
                    theme.selection
                } else {
                    theme.text
                };
                let mut w = Wrapper::new(
                    width,
                    vec![Span::styled(
                        format!("{marker}{}", format!("{} ", rec.marker(i)).trim_start()),
                        theme.accent,
                    )],
                    vec![Span::raw("      ")],
                );
                w.push(clause, style);
                doc.extend(w.finish());
                match decision.and_then(|d| d.clauses.get(i)) {
                    Some(d) => {
                        doc.push(Line::from(vec![
                            Span::raw("      "),
                            Span::styled(
                                format!("[{}]", lang.outcome(d.outcome)),
                                outcome_style(theme, d.outcome),
                            ),
                        ]));
                        // The text is Markdown (paragraphs, lists), laid out as such.
                        let inner = width.saturating_sub(6).max(1);
                        for mut line in
                            markdown::render_capped(&d.text, inner, theme, app.ui().text_cut)
                        {
                            line.spans.insert(0, Span::raw("      "));
                            doc.push(line);
                        }
                    }
                    None => doc.push(Line::styled(
                        truncate(&format!("      {}", e.undecided), width),
                        theme.muted,
                    )),
                }
            }
        }
        _ => {
            doc.blank();
            doc.extend(wrap(e.no_clauses, width, theme.muted));
            let text = decision.map_or("", |d| d.text.as_str());
            if text.trim().is_empty() {
                doc.push(Line::styled(
                    truncate(&format!("▶ {}", e.undecided), width),
                    theme.selection,
                ));
            } else {
                doc.extend(markdown::render_capped(
                    text,
                    width,
                    theme,
                    app.ui().text_cut,
                ));
            }
        }
    }
    if let Some(d) = decision.filter(|d| !d.remarks.trim().is_empty()) {
        doc.blank();
        doc.push(Line::styled(
            truncate(lang.labels().remarks, width),
            theme.title.add_modifier(Modifier::BOLD),
        ));
        doc.extend(markdown::render_capped(
            &d.remarks,
            width,
            theme,
            app.ui().text_cut,
        ));
    }
    if !item.followups.is_empty() {
        doc.blank();
        doc.push(Line::styled(
            truncate(lang.labels().followups, width),
            theme.title.add_modifier(Modifier::BOLD),
        ));
        for f in &item.followups {
            doc.extend(wrap(&format!("• {}", f.what), width, theme.text));
        }
    }
    doc
}

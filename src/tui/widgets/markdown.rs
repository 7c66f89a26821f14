//! Markdown (backgrounds, decisions) laid out as terminal lines: headings, paragraphs, bullet
//! and numbered lists, bold and italic, links as their text with the target after it, block
//! quotes, code, and tables with columns that fit the width.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::wrap::{Wrapper, truncate, wrap};
use crate::text::sanitize;
use crate::tui::theme::Theme;

/// Lays out Markdown text in `width` columns.
pub fn render(markdown: &str, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut r = Renderer {
        width: width.max(1),
        theme,
        lines: Vec::new(),
        wrapper: None,
        containers: Vec::new(),
        pending_bullet: None,
        styles: vec![theme.text],
        links: Vec::new(),
        table: None,
        code_block: false,
        lists: Vec::new(),
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(markdown, options) {
        r.event(event);
    }
    r.flush();
    while r
        .lines
        .last()
        .is_some_and(|l| l.spans.iter().all(|s| s.content.trim().is_empty()))
    {
        r.lines.pop();
    }
    r.lines
}

/// The most of one text the screens lay out: a megabyte is some 15,000 lines, far beyond
/// any real background, and laying out more would freeze the screen while it is done.
pub const MAX_LAID_OUT: usize = 1 << 20;

/// As [`render`], laying out at most [`MAX_LAID_OUT`] bytes of the text (cut at a paragraph
/// break where there is one), followed by `notice` (with `{size}` for how much is left out).
pub fn render_capped(
    markdown: &str,
    width: usize,
    theme: &Theme,
    notice: &str,
) -> Vec<Line<'static>> {
    if markdown.len() <= MAX_LAID_OUT {
        return render(markdown, width, theme);
    }
    let mut cut = MAX_LAID_OUT;
    while !markdown.is_char_boundary(cut) {
        cut -= 1;
    }
    if let Some(paragraph) = markdown[..cut].rfind("\n\n") {
        cut = paragraph;
    }
    let mut lines = render(&markdown[..cut], width, theme);
    lines.push(Line::default());
    let notice = notice.replace(
        "{size}",
        &crate::text::byte_size((markdown.len() - cut) as u64),
    );
    lines.extend(wrap(&notice, width.max(1), theme.muted));
    lines
}

enum Container {
    Quote,
    /// A list item whose text hangs this many columns in.
    Item(usize),
}

struct ListState {
    next: Option<u64>,
}

struct TableBuf {
    rows: Vec<Vec<String>>,
    header_rows: usize,
    row: Vec<String>,
    cell: String,
}

struct Renderer<'t> {
    width: usize,
    theme: &'t Theme,
    lines: Vec<Line<'static>>,
    wrapper: Option<Wrapper>,
    containers: Vec<Container>,
    pending_bullet: Option<String>,
    styles: Vec<Style>,
    links: Vec<String>,
    table: Option<TableBuf>,
    code_block: bool,
    lists: Vec<ListState>,
}

impl Renderer<'_> {
    fn style(&self) -> Style {
        *self.styles.last().unwrap_or(&self.theme.text)
    }

    fn push_style(&mut self, patch: Style) {
        let next = self.style().patch(patch);
        self.styles.push(next);
    }

    fn pop_style(&mut self) {
        if self.styles.len() > 1 {
            self.styles.pop();
        }
    }

    fn prefixes(&mut self) -> (Vec<Span<'static>>, Vec<Span<'static>>) {
        let muted = self.theme.muted;
        let mut first = String::new();
        let mut rest = String::new();
        let last_item = self
            .containers
            .iter()
            .rposition(|c| matches!(c, Container::Item(_)));
        for (i, c) in self.containers.iter().enumerate() {
            match c {
                Container::Quote => {
                    first.push_str("│ ");
                    rest.push_str("│ ");
                }
                Container::Item(w) => {
                    let pad = " ".repeat(*w);
                    match (&self.pending_bullet, Some(i) == last_item) {
                        (Some(bullet), true) => first.push_str(bullet),
                        _ => first.push_str(&pad),
                    }
                    rest.push_str(&pad);
                }
            }
        }
        self.pending_bullet = None;
        (
            vec![Span::styled(first, muted)],
            vec![Span::styled(rest, muted)],
        )
    }

    fn wrapper(&mut self) -> &mut Wrapper {
        if self.wrapper.is_none() {
            let (first, rest) = self.prefixes();
            self.wrapper = Some(Wrapper::new(self.width, first, rest));
        }
        self.wrapper.as_mut().expect("just created")
    }

    fn flush(&mut self) {
        if let Some(w) = self.wrapper.take() {
            self.lines.extend(w.finish());
        }
    }

    fn blank(&mut self) {
        self.flush();
        if self.lines.last().is_some_and(|l| {
            l.spans
                .iter()
                .all(|s| s.content.trim().is_empty() || s.content.trim() == "│")
        }) {
            return;
        }
        if self.lines.is_empty() {
            return;
        }
        let quote_depth = self
            .containers
            .iter()
            .filter(|c| matches!(c, Container::Quote))
            .count();
        self.lines
            .push(Line::styled("│ ".repeat(quote_depth), self.theme.muted));
    }

    fn in_item(&self) -> bool {
        self.containers
            .iter()
            .any(|c| matches!(c, Container::Item(_)))
    }

    fn text(&mut self, text: &str) {
        if let Some(table) = &mut self.table {
            table.cell.push_str(text);
            return;
        }
        let style = self.style();
        if self.code_block {
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    self.wrapper().newline();
                }
                if !line.is_empty() {
                    self.wrapper().push_unbroken(line, style);
                }
            }
            return;
        }
        self.wrapper().push(text, style);
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => {
                let style = self.style().patch(self.theme.accent);
                if let Some(table) = &mut self.table {
                    table.cell.push_str(&t);
                } else {
                    self.wrapper().push_unbroken(&t, style);
                }
            }
            // Raw HTML is shown as the text it is, never interpreted.
            Event::Html(t) | Event::InlineHtml(t) => self.text(&t),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => {
                if let Some(table) = &mut self.table {
                    table.cell.push(' ');
                } else {
                    self.wrapper().newline();
                }
            }
            Event::Rule => {
                self.blank();
                let rule = "─".repeat(self.width.min(40));
                self.lines.push(Line::styled(rule, self.theme.muted));
                self.blank();
            }
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            Event::FootnoteReference(t) => self.text(&format!("[{t}]")),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.flush();
            }
            Tag::Heading { level, .. } => {
                self.blank();
                let mut style = self.theme.title.add_modifier(Modifier::BOLD);
                if level >= HeadingLevel::H3 {
                    style = self.theme.text.add_modifier(Modifier::BOLD);
                }
                self.styles.push(style);
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.containers.push(Container::Quote);
            }
            Tag::CodeBlock(kind) => {
                self.flush();
                let (CodeBlockKind::Fenced(_) | CodeBlockKind::Indented) = kind;
                self.code_block = true;
                let style = self.theme.accent;
                self.styles.push(style);
            }
            Tag::List(start) => {
                self.flush();
                if !self.in_item() {
                    self.blank();
                }
                self.lists.push(ListState { next: start });
            }
            Tag::Item => {
                self.flush();
                let bullet = match self.lists.last_mut() {
                    Some(ListState { next: Some(n) }) => {
                        let b = format!("{n}. ");
                        *n += 1;
                        b
                    }
                    _ => "• ".to_owned(),
                };
                self.containers.push(Container::Item(bullet.width()));
                self.pending_bullet = Some(bullet);
            }
            Tag::Emphasis => self.push_style(Style::new().add_modifier(Modifier::ITALIC)),
            Tag::Strong => self.push_style(Style::new().add_modifier(Modifier::BOLD)),
            Tag::Strikethrough => self.push_style(Style::new().add_modifier(Modifier::CROSSED_OUT)),
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                let accent = self.theme.accent.add_modifier(Modifier::UNDERLINED);
                self.push_style(accent);
                self.links.push(dest_url.to_string());
            }
            Tag::Table(_) => {
                self.blank();
                self.table = Some(TableBuf {
                    rows: Vec::new(),
                    header_rows: 0,
                    row: Vec::new(),
                    cell: String::new(),
                });
            }
            Tag::TableHead | Tag::TableRow | Tag::TableCell => {}
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                if self.in_item() {
                    self.flush();
                } else {
                    self.blank();
                }
            }
            TagEnd::Heading(_) => {
                self.pop_style();
                self.blank();
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.containers.pop();
                self.blank();
            }
            TagEnd::CodeBlock => {
                self.code_block = false;
                self.pop_style();
                self.blank();
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
                if !self.in_item() {
                    self.blank();
                }
            }
            TagEnd::Item => {
                if self.pending_bullet.is_some() {
                    // An empty item still shows its bullet.
                    self.wrapper();
                }
                self.flush();
                self.containers.pop();
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => self.pop_style(),
            TagEnd::Link | TagEnd::Image => {
                self.pop_style();
                if let Some(url) = self.links.pop().filter(|u| !u.is_empty()) {
                    let muted = self.theme.muted;
                    if let Some(table) = &mut self.table {
                        table.cell.push_str(&format!(" ({url})"));
                    } else {
                        self.wrapper().push(&format!(" ({url})"), muted);
                    }
                }
            }
            TagEnd::TableCell => {
                if let Some(t) = &mut self.table {
                    let cell = std::mem::take(&mut t.cell);
                    t.row.push(cell.trim().to_owned());
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                    t.header_rows = t.rows.len();
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    let lines = table_lines(&t, self.width, self.theme);
                    self.lines.extend(lines);
                    self.blank();
                }
            }
            _ => {}
        }
    }
}

const SEPARATOR: &str = " │ ";

/// Lays out a table: columns at their natural width when they fit, else narrowed with the
/// cells wrapped, else (very narrow) each row as "header: value" lines.
fn table_lines(table: &TableBuf, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let columns = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return vec![];
    }
    let cell =
        |row: &Vec<String>, c: usize| sanitize(row.get(c).map_or("", String::as_str)).into_owned();
    let natural: Vec<usize> = (0..columns)
        .map(|c| {
            table
                .rows
                .iter()
                .map(|r| cell(r, c).width())
                .max()
                .unwrap_or(0)
                .max(1)
        })
        .collect();
    let gaps = SEPARATOR.width() * (columns - 1);
    let Some(widths) = fit_columns(&natural, width.saturating_sub(gaps)) else {
        return stacked_table(table, width, theme);
    };
    let mut lines = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        let header = r < table.header_rows;
        let style = if header {
            theme.text.add_modifier(Modifier::BOLD)
        } else {
            theme.text
        };
        let cells: Vec<Vec<Line<'static>>> = (0..columns)
            .map(|c| wrap(&cell(row, c), widths[c], style))
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for i in 0..height {
            let mut spans = Vec::new();
            for (c, lines) in cells.iter().enumerate() {
                if c > 0 {
                    spans.push(Span::styled(SEPARATOR, theme.muted));
                }
                let content = lines.get(i).cloned().unwrap_or_default();
                let used: usize = content.spans.iter().map(|s| s.content.width()).sum();
                spans.extend(content.spans);
                if c + 1 < columns {
                    spans.push(Span::raw(" ".repeat(widths[c].saturating_sub(used))));
                }
            }
            lines.push(Line::from(spans));
        }
        if header && r + 1 == table.header_rows {
            let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
            lines.push(Line::styled(rule.join("─┼─"), theme.muted));
        }
    }
    lines
}

/// Column widths that fit `available`: natural widths if they fit, else the widest columns
/// narrowed; `None` when not even 4 columns each fit.
fn fit_columns(natural: &[usize], available: usize) -> Option<Vec<usize>> {
    let total: usize = natural.iter().sum();
    if total <= available {
        return Some(natural.to_vec());
    }
    let min = 4;
    if available < min * natural.len() {
        return None;
    }
    // Lower a common cap until everything fits; narrow columns keep their width.
    let mut cap = natural.iter().copied().max().unwrap_or(min);
    while cap > min && natural.iter().map(|w| (*w).min(cap)).sum::<usize>() > available {
        cap -= 1;
    }
    Some(natural.iter().map(|w| (*w).min(cap)).collect())
}

fn stacked_table(table: &TableBuf, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let headers = table.rows.first().filter(|_| table.header_rows > 0);
    let mut lines = Vec::new();
    for row in table.rows.iter().skip(table.header_rows) {
        for (c, value) in row.iter().enumerate() {
            let name = headers.and_then(|h| h.get(c)).map_or("", String::as_str);
            let mut w = Wrapper::new(width, vec![], vec![Span::raw("  ")]);
            if !name.is_empty() {
                w.push_unbroken(&truncate(&format!("{name}:"), width), theme.muted);
                w.push(" ", theme.muted);
            }
            w.push(value, theme.text);
            lines.extend(w.finish());
        }
        lines.push(Line::default());
    }
    lines.pop();
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line<'_>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
                    .trim_end()
                    .to_owned()
            })
            .collect()
    }

    fn theme() -> Theme {
        Theme::fallback()
    }

    #[test]
    fn paragraphs_headings_and_lists() {
        let md = "# Overskrift\n\nEt afsnit med **fed** og *kursiv*.\n\n- første\n- anden\n  1. indlejret\n\n3. tre\n4. fire\n";
        let lines = render(md, 40, &theme());
        assert_eq!(
            text(&lines),
            vec![
                "Overskrift",
                "",
                "Et afsnit med fed og kursiv.",
                "",
                "• første",
                "• anden",
                "  1. indlejret",
                "",
                "3. tre",
                "4. fire",
            ]
        );
        let bold = lines[2].spans.iter().find(|s| s.content == "fed").unwrap();
        assert!(bold.style.add_modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn links_show_their_target_and_html_stays_text() {
        let lines = render(
            "Se [rammeaftalen](https://example.dk/r) og <b>dette</b>.",
            80,
            &theme(),
        );
        assert_eq!(
            text(&lines),
            vec!["Se rammeaftalen (https://example.dk/r) og <b>dette</b>."]
        );
    }

    #[test]
    fn tables_fit_or_wrap_or_stack() {
        let md = "| Ugedag | Dato | Udvalg |\n|---|---|---|\n| Fredag | 9. februar 2018 | SDF |\n| Onsdag | 24. januar 2018 | FU |\n";
        let wide = text(&render(md, 80, &theme()));
        assert_eq!(wide[0], "Ugedag │ Dato            │ Udvalg");
        assert!(wide[1].starts_with("───────┼─"));
        assert_eq!(wide[2], "Fredag │ 9. februar 2018 │ SDF");
        let narrow = render(md, 26, &theme());
        assert!(
            narrow
                .iter()
                .all(|l| super::super::wrap::line_width(l) <= 26)
        );
        assert!(text(&narrow).iter().any(|l| l.contains("februar")));
        let stacked = text(&render(md, 12, &theme()));
        assert!(
            stacked.contains(&"Ugedag:".to_owned())
                || stacked.iter().any(|l| l.starts_with("Ugedag: "))
        );
    }

    #[test]
    fn nothing_is_wider_than_asked() {
        let md = "> Et citat med et meget langt ord: Socialdirektørforumsekretariatet\n\n```\nkode linje der er lang\n```\n";
        for width in 1..30 {
            for line in render(md, width, &theme()) {
                assert!(
                    super::super::wrap::line_width(&line) <= width.max(2),
                    "{width}: {line:?}"
                );
            }
        }
    }
}

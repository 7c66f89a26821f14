//! Typing text: a single line (a title, a date) or several (a decision, remarks). Keys edit
//! at the cursor; pasted text arrives whole (bracketed paste), so æ, ø, å and long pastes
//! work as typed. The text is wrapped by display width when drawn.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use super::rows::render_rows;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextArea {
    lines: Vec<String>,
    /// Cursor: line, and char index in that line.
    row: usize,
    col: usize,
    pub multiline: bool,
}

/// What a key did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Changed,
    Submit,
    Cancel,
    Ignored,
}

impl TextArea {
    pub fn new(text: &str, multiline: bool) -> TextArea {
        let text = if multiline {
            text.trim_end().to_owned()
        } else {
            text.replace('\n', " ")
        };
        let lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        let row = lines.len() - 1;
        let col = lines[row].chars().count();
        TextArea {
            lines,
            row,
            col,
            multiline,
        }
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(|l| l.trim().is_empty())
    }

    fn byte(&self, row: usize, col: usize) -> usize {
        self.lines[row]
            .char_indices()
            .nth(col)
            .map_or(self.lines[row].len(), |(i, _)| i)
    }

    fn line_len(&self, row: usize) -> usize {
        self.lines[row].chars().count()
    }

    fn insert_char(&mut self, c: char) {
        let at = self.byte(self.row, self.col);
        self.lines[self.row].insert(at, c);
        self.col += 1;
    }

    fn newline(&mut self) {
        let at = self.byte(self.row, self.col);
        let rest = self.lines[self.row].split_off(at);
        self.lines.insert(self.row + 1, rest);
        self.row += 1;
        self.col = 0;
    }

    /// Inserts pasted text. Control, format and invisible characters are dropped (a bidi
    /// override or a zero-width space never reaches a file from a paste); a single line gets
    /// its line breaks as spaces. The text goes in at once, so a long paste takes no longer
    /// than reading it.
    pub fn paste(&mut self, text: &str) {
        let multiline = self.multiline;
        let clean: String = text
            .replace("\r\n", "\n")
            .chars()
            .filter_map(|c| match c {
                '\n' | '\r' if multiline => Some('\n'),
                '\n' | '\r' | '\t' => Some(' '),
                c if crate::text::is_hidden(c) => None,
                c => Some(c),
            })
            .collect();
        let mut parts = clean.split('\n');
        let first = parts.next().unwrap_or("");
        let at = self.byte(self.row, self.col);
        let rest = self.lines[self.row].split_off(at);
        self.lines[self.row].push_str(first);
        self.col += first.chars().count();
        let more: Vec<String> = parts.map(str::to_owned).collect();
        if let Some(last) = more.last() {
            self.col = last.chars().count();
            let count = more.len();
            self.lines.splice(self.row + 1..self.row + 1, more);
            self.row += count;
        }
        self.lines[self.row].push_str(&rest);
    }

    pub fn handle(&mut self, key: &KeyEvent) -> Edit {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return Edit::Cancel,
            KeyCode::Char('s') if ctrl => return Edit::Submit,
            KeyCode::Enter if !self.multiline || key.modifiers.contains(KeyModifiers::ALT) => {
                return Edit::Submit;
            }
            KeyCode::Enter => self.newline(),
            KeyCode::Char('a') if ctrl => self.col = 0,
            KeyCode::Char('e') if ctrl => self.col = self.line_len(self.row),
            KeyCode::Char('u') if ctrl => {
                let at = self.byte(self.row, self.col);
                self.lines[self.row].drain(..at);
                self.col = 0;
            }
            KeyCode::Char('k') if ctrl => {
                let at = self.byte(self.row, self.col);
                self.lines[self.row].truncate(at);
            }
            KeyCode::Char(_) if ctrl => return Edit::Ignored,
            KeyCode::Char(c) if crate::text::is_hidden(c) => return Edit::Ignored,
            KeyCode::Char(c) => self.insert_char(c),
            KeyCode::Backspace => {
                if self.col > 0 {
                    self.col -= 1;
                    let at = self.byte(self.row, self.col);
                    self.lines[self.row].remove(at);
                } else if self.row > 0 {
                    let line = self.lines.remove(self.row);
                    self.row -= 1;
                    self.col = self.line_len(self.row);
                    self.lines[self.row].push_str(&line);
                }
            }
            KeyCode::Delete => {
                if self.col < self.line_len(self.row) {
                    let at = self.byte(self.row, self.col);
                    self.lines[self.row].remove(at);
                } else if self.row + 1 < self.lines.len() {
                    let next = self.lines.remove(self.row + 1);
                    self.lines[self.row].push_str(&next);
                }
            }
            KeyCode::Left if self.col > 0 => self.col -= 1,
            KeyCode::Left if self.row > 0 => {
                self.row -= 1;
                self.col = self.line_len(self.row);
            }
            KeyCode::Right if self.col < self.line_len(self.row) => self.col += 1,
            KeyCode::Right if self.row + 1 < self.lines.len() => {
                self.row += 1;
                self.col = 0;
            }
            KeyCode::Up if self.row > 0 => {
                self.row -= 1;
                self.col = self.col.min(self.line_len(self.row));
            }
            KeyCode::Down if self.row + 1 < self.lines.len() => {
                self.row += 1;
                self.col = self.col.min(self.line_len(self.row));
            }
            KeyCode::Home => self.col = 0,
            KeyCode::End => self.col = self.line_len(self.row),
            _ => return Edit::Ignored,
        }
        Edit::Changed
    }

    /// The text wrapped to `width` columns, with the cursor drawn reversed; scrolled so the
    /// cursor is within `height` rows.
    pub fn render(&self, area: Rect, buf: &mut Buffer, style: Style) {
        let width = area.width.max(1) as usize;
        let cursor_style = style.add_modifier(Modifier::REVERSED);
        let mut rows: Vec<Line<'static>> = Vec::new();
        let mut cursor_row = 0;
        for (r, line) in self.lines.iter().enumerate() {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut used = 0;
            let chars: Vec<char> = line.chars().collect();
            for i in 0..=chars.len() {
                let c = chars.get(i).copied();
                let w = c.and_then(UnicodeWidthChar::width).unwrap_or(1).max(1);
                if used + w > width && used > 0 {
                    rows.push(Line::from(std::mem::take(&mut spans)));
                    used = 0;
                }
                let at_cursor = r == self.row && i == self.col;
                if at_cursor {
                    cursor_row = rows.len();
                }
                match c {
                    Some(c) => {
                        let shown = if c.is_control() { ' ' } else { c };
                        let s = if at_cursor { cursor_style } else { style };
                        spans.push(Span::styled(shown.to_string(), s));
                        used += w;
                    }
                    None if at_cursor => spans.push(Span::styled(" ", cursor_style)),
                    None => {}
                }
            }
            rows.push(Line::from(spans));
        }
        let height = area.height as usize;
        let start = (cursor_row + 1).saturating_sub(height);
        render_rows(rows.into_iter().skip(start), area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn danish_letters_backspace_and_paste() {
        let mut t = TextArea::new("", false);
        for c in "Blå bøger".chars() {
            t.handle(&key(KeyCode::Char(c)));
        }
        t.handle(&key(KeyCode::Backspace));
        t.handle(&key(KeyCode::Left));
        t.paste("æ\u{1b}[2J\nx");
        assert_eq!(t.text(), "Blå bøgæ[2J xe");
        assert_eq!(t.handle(&key(KeyCode::Enter)), Edit::Submit);
    }

    #[test]
    fn several_lines() {
        let mut t = TextArea::new("første", true);
        t.handle(&key(KeyCode::Enter));
        t.paste("anden\r\ntredje");
        t.handle(&key(KeyCode::Up));
        t.handle(&key(KeyCode::Home));
        t.handle(&key(KeyCode::Backspace));
        assert_eq!(t.text(), "førsteanden\ntredje");
        assert_eq!(
            t.handle(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            Edit::Submit
        );
        assert_eq!(t.handle(&key(KeyCode::Esc)), Edit::Cancel);
    }

    #[test]
    fn bidi_zero_width_and_c1_characters_are_not_taken_in() {
        let mut t = TextArea::new("", true);
        t.paste("a\u{202e}b\u{200b}c\u{9b}d\u{ad}e");
        t.handle(&key(KeyCode::Char('\u{2066}')));
        t.handle(&key(KeyCode::Char('f')));
        assert_eq!(t.text(), "abcdef");
    }

    #[test]
    fn a_long_paste_goes_in_whole_with_the_cursor_after_it() {
        let mut t = TextArea::new("før efter", true);
        t.handle(&key(KeyCode::Home));
        for _ in 0..4 {
            t.handle(&key(KeyCode::Right));
        }
        let big: String = (0..20_000).map(|n| format!("linje {n}\n")).collect();
        t.paste(&big);
        t.paste("slut");
        let text = t.text();
        assert!(
            text.starts_with("før linje 0\nlinje 1\n"),
            "{}",
            &text[..40]
        );
        assert!(
            text.ends_with("linje 19999\nslutefter"),
            "{}",
            &text[text.len() - 40..]
        );
        assert_eq!(text.lines().count(), 20_001);
    }
}

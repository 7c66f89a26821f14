//! A laid-out document: lines to show, some of which lead somewhere when opened. The overview,
//! the meeting list and the item pane are all documents with a cursor.

use std::path::PathBuf;

use ratatui::text::Line;

use crate::model::{ItemRef, MeetingId};

/// Where a line leads when opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Meeting(MeetingId),
    Item(ItemRef),
    Attachment(PathBuf),
    Problems,
    /// A follow-up on the Opfølgning screen (the year of a yearly deadline).
    Followup {
        id: String,
        year: Option<i32>,
    },
}

#[derive(Debug, Default)]
pub struct Doc {
    pub lines: Vec<Line<'static>>,
    /// For each line, the index of the target it belongs to. The lines of one entry share
    /// one target, so the cursor moves and highlights entry by entry.
    groups: Vec<Option<usize>>,
    targets: Vec<Target>,
}

impl Doc {
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn push(&mut self, line: impl Into<Line<'static>>) {
        self.lines.push(line.into());
        self.groups.push(None);
    }

    pub fn extend(&mut self, lines: impl IntoIterator<Item = Line<'static>>) {
        for line in lines {
            self.push(line);
        }
    }

    /// Adds lines that together lead to `target`.
    pub fn extend_target(
        &mut self,
        lines: impl IntoIterator<Item = Line<'static>>,
        target: Target,
    ) {
        let group = self.targets.len();
        self.targets.push(target);
        for line in lines {
            self.lines.push(line);
            self.groups.push(Some(group));
        }
    }

    /// An empty line, unless the document is empty or already ends with one.
    pub fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| l.width() > 0) {
            self.push(Line::default());
        }
    }

    /// Removes a leading empty line.
    pub fn trim_start(&mut self) {
        if self.lines.first().is_some_and(|l| l.width() == 0) {
            self.lines.remove(0);
            self.groups.remove(0);
        }
    }

    pub fn target(&self, line: usize) -> Option<&Target> {
        self.groups
            .get(line)
            .copied()
            .flatten()
            .map(|g| &self.targets[g])
    }

    /// Whether `line` belongs to the same entry as `cursor` (for highlighting).
    pub fn same_entry(&self, line: usize, cursor: usize) -> bool {
        match (self.groups.get(line), self.groups.get(cursor)) {
            (Some(Some(a)), Some(Some(b))) => a == b,
            _ => line == cursor,
        }
    }

    /// The first line of the next entry from `from` in direction `step` (+1/−1).
    pub fn next_target(&self, from: usize, step: isize) -> Option<usize> {
        let current = self.groups.get(from).copied().flatten();
        let mut i = from as isize + step;
        while i >= 0 && (i as usize) < self.len() {
            if let Some(g) = self.groups[i as usize]
                && Some(g) != current
            {
                // The entry's first line.
                let mut first = i as usize;
                while first > 0 && self.groups[first - 1] == Some(g) {
                    first -= 1;
                }
                return Some(first);
            }
            i += step;
        }
        None
    }

    pub fn first_target(&self) -> Option<usize> {
        self.groups.iter().position(Option::is_some)
    }
}

/// A cursor in a list or document and the first line shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub pos: usize,
    pub scroll: usize,
}

impl Cursor {
    /// Keeps the cursor inside `len` lines and visible in `height` rows.
    pub fn settle(&mut self, height: usize, len: usize) {
        self.pos = self.pos.min(len.saturating_sub(1));
        self.scroll = visible_start(self.pos, self.scroll, height, len);
    }
}

/// The first line to show so that `pos` is visible, moving as little as possible from
/// `scroll`, and never leaving empty rows below the end when the text is longer than the view.
pub fn visible_start(pos: usize, scroll: usize, height: usize, len: usize) -> usize {
    if height == 0 {
        return pos.min(len.saturating_sub(1));
    }
    let mut start = scroll;
    if pos < start {
        start = pos;
    } else if pos >= start + height {
        start = pos + 1 - height;
    }
    start.min(len.saturating_sub(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_follows_the_cursor() {
        assert_eq!(visible_start(0, 0, 10, 100), 0);
        assert_eq!(visible_start(15, 0, 10, 100), 6);
        assert_eq!(visible_start(3, 6, 10, 100), 3);
        assert_eq!(visible_start(99, 0, 10, 100), 90);
        assert_eq!(visible_start(5, 50, 10, 8), 0);
        assert_eq!(visible_start(5, 0, 0, 8), 5);
    }
}

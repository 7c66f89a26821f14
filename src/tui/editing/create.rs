//! New meetings (from the year plan or typed) and attachments (copied in or linked).

use std::path::Path;

use chrono::NaiveDate;

use super::{Confirm, Prompt};
use crate::edit::{self, new_meeting};
use crate::model::BodyId;
use crate::tui::app::{App, Overlay, Row};

impl App {
    // --- New meetings and attachments ---------------------------------------------------

    pub(crate) fn ask_new_meeting(&mut self) {
        if self.store.is_read_only() {
            self.error(self.eui().read_only);
            return;
        }
        // Offer the planned meeting under the cursor, else the next planned one without a file.
        let selected = match self.list.rows.get(self.list.cursor.pos) {
            Some(Row::Meeting(i)) if self.meeting.is_none() => {
                Some(&self.schedule[*i]).filter(|s| !s.has_file)
            }
            _ => None,
        };
        let planned = selected.or_else(|| {
            self.schedule
                .iter()
                .find(|s| !s.has_file && s.date >= self.today)
        });
        let text = match planned {
            Some(s) => format!("{} {}", s.id.body, s.id.date.format("%Y-%m-%d")),
            None => {
                let body = self
                    .archive
                    .forum
                    .bodies
                    .first()
                    .map_or("sdf", |b| b.id.as_str());
                format!("{body} {}", self.today.format("%Y-%m-%d"))
            }
        };
        self.ask(Prompt::NewMeeting, self.eui().prompt_new_meeting, &text);
    }

    pub(crate) fn new_meeting_from(&mut self, text: &str) {
        let e = self.eui();
        // "sdf 2018-02-09", "sdf 9/2-2018", "sdf 9. februar 2018": a body, then a date.
        let Some((b, d)) = text.trim().split_once(char::is_whitespace) else {
            self.error(e.new_meeting_format);
            return;
        };
        let body = match b.to_lowercase().parse::<BodyId>() {
            Ok(body) if self.archive.forum.body(&body).is_some() => body,
            _ => {
                let known = self.archive.forum.body_ids().join(", ");
                self.error(format!("{} «{b}»: {known}", e.unknown_body));
                return;
            }
        };
        let date = match crate::model::typed_date::read(d) {
            Ok(date) => date,
            Err(
                why @ (crate::model::typed_date::DateError::NoSuchDay { .. }
                | crate::model::typed_date::DateError::NoSuchMonth(_)),
            ) => {
                self.error(why.message(self.lang));
                return;
            }
            Err(_) => {
                self.error(e.new_meeting_format);
                return;
            }
        };
        let offered = new_meeting::offered_followups(&self.archive, &self.schedule, &body, date);
        if offered.is_empty() {
            self.create_meeting(&body, date, false);
        } else {
            self.overlay = Some(Overlay::Confirm(Confirm::IncludeFollowups {
                body,
                date,
                count: offered.len(),
            }));
        }
    }

    /// Asks before a planned meeting gets its file (from Møder and Kalender alike).
    pub(crate) fn ask_create_planned(&mut self, body: BodyId, date: NaiveDate) {
        if self.store.is_read_only() {
            self.error(self.eui().read_only);
            return;
        }
        let label = format!(
            "{} {}",
            self.archive.forum.body_name(&body),
            self.lang.long_date(date)
        );
        self.overlay = Some(Overlay::Confirm(Confirm::CreatePlanned {
            body,
            date,
            label,
        }));
    }

    pub(crate) fn create_meeting(&mut self, body: &BodyId, date: NaiveDate, with_followups: bool) {
        let offered = if with_followups {
            new_meeting::offered_followups(&self.archive, &self.schedule, body, date)
        } else {
            Vec::new()
        };
        let draft = match new_meeting::draft(&self.archive, &self.schedule, body, date, &offered) {
            Ok(d) => d,
            Err(err) => {
                self.error(format!("{}: {}", self.eui().not_saved, err.get(self.lang)));
                return;
            }
        };
        match self
            .store
            .create(&draft.rel, self.eui().c_new_meeting, &draft.text)
        {
            Ok(()) => {
                self.after_save(&draft.rel);
                self.meeting = None;
                self.history.clear();
                self.open_meeting(&draft.id, None);
                self.info(format!("{}: {}", self.eui().saved, draft.rel.display()));
            }
            Err(err) => self.report(err),
        }
    }

    /// Attaches a file: one inside the archive is linked by its path relative to the
    /// meeting file; one outside is copied into the meeting's attachment folder first.
    pub(crate) fn attach(&mut self, fi: usize, given: &str) {
        let e = self.eui();
        if given.is_empty() {
            return;
        }
        // As typed, or dropped from a file manager: quotes and file:// taken away.
        let source = crate::tui::complete::dropped_path(given);
        let Ok(source) = source.canonicalize() else {
            self.error(format!("{}: {given}", e.attach_missing));
            return;
        };
        if !source.is_file() {
            self.error(format!("{}: {given}", e.attach_missing));
            return;
        }
        let Some((meeting, _)) = self.current_meeting() else {
            return;
        };
        let Ok(root) = self.archive.root.canonicalize() else {
            return;
        };
        let year_dir = root.join(meeting.file.parent().unwrap_or(Path::new("")));
        let title = source
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let rel = if source.starts_with(&root) {
            relative_to(&source, &year_dir)
        } else {
            let folder = meeting.id.to_string();
            let name = source
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = match std::fs::read(&source) {
                Ok(b) => b,
                Err(err) => return self.error(format!("{}: {err}", e.not_saved)),
            };
            let dir = year_dir.join(&folder);
            if let Err(err) = std::fs::create_dir_all(&dir) {
                return self.error(format!("{}: {err}", e.not_saved));
            }
            let mut target = name.clone();
            let mut n = 1;
            loop {
                match crate::store::atomic::write_new(&dir.join(&target), &bytes) {
                    Ok(()) => break,
                    Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
                        n += 1;
                        let p = Path::new(&name);
                        let stem = p
                            .file_stem()
                            .map(|s| s.to_string_lossy())
                            .unwrap_or_default();
                        target = match p.extension() {
                            Some(ext) => format!("{stem} ({n}).{}", ext.to_string_lossy()),
                            None => format!("{stem} ({n})"),
                        };
                    }
                    Err(err) => return self.error(format!("{}: {err}", e.not_saved)),
                }
            }
            format!("{folder}/{target}")
        };
        self.save_current(e.c_attachment, |doc| {
            edit::add_attachment(doc, fi, &title, &rel)
        });
    }
}

/// `path` relative to the folder `from` (both absolute), with `..` where needed.
fn relative_to(path: &Path, from: &Path) -> String {
    let p: Vec<_> = path.components().collect();
    let f: Vec<_> = from.components().collect();
    let common = p.iter().zip(&f).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); f.len() - common];
    parts.extend(
        p[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_out_of_the_year_folder() {
        assert_eq!(
            relative_to(Path::new("/a/2017/m/x.pdf"), Path::new("/a/2017")),
            "m/x.pdf"
        );
        assert_eq!(
            relative_to(Path::new("/a/bilag/x.pdf"), Path::new("/a/2017")),
            "../bilag/x.pdf"
        );
    }
}

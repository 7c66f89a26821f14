//! Meeting mode (Mødetilstand): stepping through the clauses while the meeting is held,
//! recording each decision in Danish past tense, follow-ups from decisions, and attendance.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Prompt, parse_person};
use crate::edit::{self, AttendanceList, NewFollowup, past_tense};
use crate::model::{ItemKind, MeetingId, MeetingStatus, Outcome, Person};
use crate::tui::app::{App, Overlay};
use crate::tui::doc::Cursor;
use crate::tui::keymap::Action;

impl App {
    // --- Meeting mode ---------------------------------------------------------------------

    /// The rows meeting mode steps through: each clause of each item, or the item itself
    /// when it has no clauses.
    pub fn mode_rows(&self) -> Vec<(usize, usize)> {
        let Some((meeting, _)) = self.current_meeting() else {
            return vec![];
        };
        meeting
            .items
            .iter()
            .enumerate()
            .flat_map(|(i, item)| {
                let n = item
                    .recommendation
                    .as_ref()
                    .map_or(0, |r| r.clauses.len())
                    .max(1);
                (0..n).map(move |c| (i, c))
            })
            .collect()
    }

    /// Up and down in meeting mode move clause by clause through the meeting.
    pub(crate) fn mode_moves(&mut self, action: Action) -> bool {
        let rows = self.mode_rows();
        let Some(v) = &self.meeting else { return false };
        let at = rows
            .iter()
            .position(|r| *r == (v.item, v.clause))
            .unwrap_or(0);
        let last = rows.len().saturating_sub(1);
        let to = match action {
            Action::Down => (at + 1).min(last),
            Action::Up => at.saturating_sub(1),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return false,
        };
        if let (Some(&(item, clause)), Some(v)) = (rows.get(to), &mut self.meeting) {
            if v.item != item {
                v.detail = Cursor::default();
            }
            v.item = item;
            v.clause = clause;
        }
        true
    }

    pub(crate) fn record(&mut self, outcome: Outcome, typed: bool, body: &str) {
        let e = self.eui();
        let Some((meeting, view)) = self.current_meeting() else {
            return;
        };
        let Some(item) = meeting.items.get(view.item) else {
            return;
        };
        let fi = item.file_index;
        let clauses = item
            .recommendation
            .as_ref()
            .map_or(&[][..], |r| &r.clauses[..]);
        let (clause, text) = if clauses.is_empty() {
            (None, past_tense::whole_item_text(body, outcome))
        } else {
            let c = view.clause.min(clauses.len() - 1);
            let decided = item.decision.as_ref().map_or(0, |d| d.clauses.len());
            if c > decided {
                self.info(format!(
                    "{} {}",
                    e.decide_in_order,
                    item.clause_label(decided)
                ));
                return;
            }
            (
                Some(c),
                past_tense::decision_text(body, &clauses[c], outcome),
            )
        };
        if typed {
            let title = match clause {
                // A recommendation in one sentence has no clause to name.
                Some(c) if !item.clause_label(c).is_empty() => format!(
                    "{} {} ({})",
                    e.prompt_clause,
                    item.clause_label(c),
                    self.lang.outcome(outcome)
                ),
                _ => format!("{} ({})", e.prompt_decision, self.lang.outcome(outcome)),
            };
            self.ask(
                Prompt::Clause {
                    file_index: fi,
                    clause,
                    outcome,
                },
                title,
                &text,
            );
        } else {
            self.write_decision(fi, clause, outcome, &text);
        }
    }

    /// Saves a decision; the meeting counts as held from its first decision, and deciding
    /// the approval of minutes records the earlier meeting's minutes as approved.
    pub(crate) fn write_decision(
        &mut self,
        fi: usize,
        clause: Option<usize>,
        outcome: Outcome,
        text: &str,
    ) {
        let e = self.eui();
        let Some((meeting, view)) = self.current_meeting() else {
            return;
        };
        let raise_to_held = meeting.status < MeetingStatus::Held;
        let approves = meeting
            .items
            .get(view.item)
            .filter(|i| i.kind == ItemKind::MinutesApproval)
            .filter(|_| matches!(outcome, Outcome::Approved | Outcome::ApprovedWithChanges))
            .and_then(|i| crate::tui::app::previous_minutes(&self.archive, meeting, i));
        let saved = self.save_current(e.c_decision, |doc| {
            match clause {
                Some(c) => edit::set_decision_clause(doc, fi, c, outcome, text)?,
                None => edit::set_decision_text(doc, fi, "text", text)?,
            }
            if raise_to_held {
                edit::set_status(doc, MeetingStatus::Held)?;
            }
            Ok(())
        });
        if !saved {
            return;
        }
        if let Some(previous) = approves {
            self.approve_minutes(&previous);
        }
        self.mode_moves(Action::Down);
    }

    pub(crate) fn approve_minutes(&mut self, id: &MeetingId) {
        let Some(earlier) = self.archive.meeting(id) else {
            return;
        };
        if earlier.status >= MeetingStatus::MinutesApproved {
            return;
        }
        let rel = earlier.file.clone();
        let name = format!(
            "{} {}",
            self.archive.forum.body_name(&id.body),
            self.lang.date(id.date)
        );
        if self.save(&rel, self.eui().c_status, |doc| {
            edit::set_status(doc, MeetingStatus::MinutesApproved)
        }) {
            self.info(format!("{} {name}", self.eui().minutes_approved));
        }
    }

    pub(crate) fn add_followup(&mut self, fi: usize, what: String, due_text: &str) {
        let e = self.eui();
        let Some(due) = edit::followup::parse_due(due_text.trim()) else {
            self.error(e.bad_due);
            return;
        };
        let Some((meeting, _)) = self.current_meeting() else {
            return;
        };
        let reports_to = Some(meeting.body().to_string());
        let taken: std::collections::HashSet<&str> =
            self.archive.followups().map(|f| f.id.as_str()).collect();
        let id = unique_slug(&what, &taken);
        let followup = NewFollowup {
            id,
            what,
            owner: String::new(),
            reports_to,
            due,
        };
        self.save_current(e.c_followup, |doc| edit::add_followup(doc, fi, followup));
    }

    // --- Attendance -----------------------------------------------------------------------

    /// The people in the attendance window: the body's members, then anyone else the
    /// meeting lists as present or with apologies, then the guests.
    pub fn attendance_rows(&self) -> Vec<AttendanceRow> {
        let Some((meeting, _)) = self.current_meeting() else {
            return vec![];
        };
        let a = &meeting.attendance;
        let same = |x: &Person, p: &Person| x.name.trim() == p.name.trim();
        let on = |list: &[Person], p: &Person| list.iter().any(|x| same(x, p));
        let mut rows = Vec::new();
        let members: &[Person] = self
            .archive
            .forum
            .body(meeting.body())
            .map_or(&[], |b| b.members.as_slice());
        for m in members {
            let state = if on(&a.participants, m) {
                Some(AttendanceList::Participants)
            } else if on(&a.apologies, m) {
                Some(AttendanceList::Apologies)
            } else {
                None
            };
            rows.push(AttendanceRow::new(m.clone(), false, state, true));
        }
        for (list, people) in [
            (AttendanceList::Participants, &a.participants),
            (AttendanceList::Apologies, &a.apologies),
        ] {
            for p in people.iter().filter(|p| !on(members, p)) {
                rows.push(AttendanceRow::new(p.clone(), false, Some(list), false));
            }
        }
        for g in &a.guests {
            rows.push(AttendanceRow::new(
                g.clone(),
                true,
                Some(AttendanceList::Guests),
                false,
            ));
        }
        for g in &a.guest_apologies {
            rows.push(AttendanceRow::new(
                g.clone(),
                true,
                Some(AttendanceList::GuestApologies),
                false,
            ));
        }
        rows
    }

    pub(crate) fn attendance_key(&mut self, key: &KeyEvent, cursor: usize) {
        let rows = self.attendance_rows();
        let last = rows.len().saturating_sub(1);
        let set_cursor =
            |app: &mut App, c: usize| app.overlay = Some(Overlay::Attendance { cursor: c });
        let changes = matches!(
            key.code,
            KeyCode::Char('g' | ' ' | 'n' | 'e') | KeyCode::Enter
        );
        if changes && self.store.is_read_only() {
            self.error(self.eui().read_only);
            return;
        }
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => self.overlay = None,
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => self.quit = true,
            KeyCode::Down | KeyCode::Char('j') => set_cursor(self, (cursor + 1).min(last)),
            KeyCode::Up | KeyCode::Char('k') => set_cursor(self, cursor.saturating_sub(1)),
            KeyCode::Char('g') => {
                self.overlay = None;
                self.ask(Prompt::Guest, self.eui().prompt_guest, "");
            }
            // A new member: someone the meeting lists who is not on the roster is offered.
            KeyCode::Char('n') => {
                let offered = rows
                    .get(cursor)
                    .filter(|r| !r.member && !r.guest)
                    .map(|r| r.person.line())
                    .unwrap_or_default();
                self.attendance_return = Some(cursor);
                self.overlay = None;
                self.ask(Prompt::NewMember, self.eui().prompt_new_member, &offered);
            }
            KeyCode::Char('e') => {
                let Some(row) = rows.get(cursor).filter(|r| r.member) else {
                    self.info(self.eui().not_a_member);
                    return;
                };
                self.attendance_return = Some(cursor);
                self.overlay = None;
                self.ask(
                    Prompt::EditMember {
                        old: row.person.name.clone(),
                    },
                    self.eui().prompt_edit_member,
                    &row.person.line(),
                );
            }
            KeyCode::Char(' ') | KeyCode::Enter => {
                let Some(row) = rows.get(cursor).cloned() else {
                    return;
                };
                use AttendanceList::*;
                let next = match (row.guest, row.member, row.state) {
                    (false, true, None) => Some(Participants),
                    (false, true, Some(Participants)) => Some(Apologies),
                    (false, true, _) => None,
                    // Someone not on the roster stays in the list: present or apologies.
                    (false, false, Some(Participants)) => Some(Apologies),
                    (false, false, _) => Some(Participants),
                    (true, _, Some(Guests)) => Some(GuestApologies),
                    (true, _, _) => None,
                };
                self.save_current(self.eui().c_attendance, |doc| {
                    edit::set_attendance(doc, &row.person, next, row.guest)
                });
                let rows = self.attendance_rows();
                // Follow the person: a list change moves a non-member's row.
                let at = rows
                    .iter()
                    .position(|r| r.person.name == row.person.name && r.guest == row.guest)
                    .unwrap_or(cursor);
                set_cursor(self, at.min(rows.len().saturating_sub(1)));
            }
            _ => {}
        }
    }

    /// Adds a member to the open meeting's body, or corrects one, in forum.toml; the
    /// window comes back with the roster as saved.
    pub(super) fn submit_member(&mut self, prompt: &Prompt, text: &str) {
        let e = self.eui();
        let cursor = self.attendance_return.take().unwrap_or(0);
        let Some(body) = self.current_meeting().map(|(m, _)| m.body().clone()) else {
            return;
        };
        let Some(person) = parse_person(text) else {
            self.overlay = Some(Overlay::Attendance { cursor });
            return;
        };
        let rel = std::path::Path::new("forum.toml");
        match prompt {
            Prompt::EditMember { old } => {
                self.save(rel, e.c_member, |doc| {
                    edit::forum::replace_member(doc, &body, old, &person)
                });
            }
            _ => {
                self.save(rel, e.c_member, |doc| {
                    edit::forum::add_member(doc, &body, &person)
                });
            }
        }
        let last = self.attendance_rows().len().saturating_sub(1);
        self.overlay = Some(Overlay::Attendance {
            cursor: cursor.min(last),
        });
    }
}

/// One person in the attendance window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceRow {
    pub person: Person,
    pub guest: bool,
    pub state: Option<AttendanceList>,
    /// On the body's roster in forum.toml.
    pub member: bool,
}

impl AttendanceRow {
    fn new(person: Person, guest: bool, state: Option<AttendanceList>, member: bool) -> Self {
        AttendanceRow {
            person,
            guest,
            state,
            member,
        }
    }
}

/// An id made from the first words of `what`, ASCII only, unique among `taken`.
pub fn unique_slug(what: &str, taken: &std::collections::HashSet<&str>) -> String {
    let folded: String = what
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'æ' => "ae".to_owned(),
            'ø' => "oe".to_owned(),
            'å' => "aa".to_owned(),
            c if c.is_ascii_alphanumeric() => c.to_string(),
            _ => " ".to_owned(),
        })
        .collect();
    let base: Vec<&str> = folded.split_whitespace().take(4).collect();
    let base = if base.is_empty() {
        "opfoelgning".to_owned()
    } else {
        base.join("-")
    };
    let mut id = base.clone();
    let mut n = 1;
    while taken.contains(id.as_str()) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn followup_ids_are_ascii_and_unique() {
        let taken = ["status-paa-planen"].into_iter().collect();
        assert_eq!(
            unique_slug("Status på planen.", &taken),
            "status-paa-planen-2"
        );
        assert_eq!(
            unique_slug("Økonomi følges op af sekretariatet", &Default::default()),
            "oekonomi-foelges-op-af"
        );
    }
}

//! Every follow-up of the archive as one list: an entry per follow-up, and per year for a
//! yearly deadline; where each stands as of a day; the filters of the Opfølgning screen and
//! `dagsorden followups`; sorted by due.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::state::{Assessment, FollowupState, assess, assess_instance, instance_years};
use crate::archive::Archive;
use crate::calendar::{Scheduled, meeting_date};
use crate::model::{BodyId, Due, Followup, ItemRef};

/// Where a follow-up is kept: under a decision in a meeting file, or among a year plan's
/// deadlines. Indexes into the archive as loaded; rebuilt after every change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Home {
    Item {
        meeting: usize,
        item: usize,
        index: usize,
    },
    Plan {
        plan: usize,
        index: usize,
    },
}

impl Home {
    pub fn followup(self, archive: &Archive) -> Option<&Followup> {
        match self {
            Home::Item {
                meeting,
                item,
                index,
            } => archive
                .meetings
                .get(meeting)?
                .items
                .get(item)?
                .followups
                .get(index),
            Home::Plan { plan, index } => archive.plans.get(plan)?.deadlines.get(index),
        }
    }

    /// The file it is written in, relative to the archive root.
    pub fn file(self, archive: &Archive) -> Option<&Path> {
        match self {
            Home::Item { meeting, .. } => archive.meetings.get(meeting).map(|m| m.file.as_path()),
            Home::Plan { plan, .. } => archive.plans.get(plan).map(|p| p.file.as_path()),
        }
    }
}

/// Every follow-up with its home: from decisions (in meeting order), then the year plans.
pub fn with_homes(archive: &Archive) -> impl Iterator<Item = (Home, &Followup)> {
    let from_items = archive
        .meetings
        .iter()
        .enumerate()
        .flat_map(|(m, meeting)| {
            meeting.items.iter().enumerate().flat_map(move |(i, item)| {
                item.followups.iter().enumerate().map(move |(k, f)| {
                    (
                        Home::Item {
                            meeting: m,
                            item: i,
                            index: k,
                        },
                        f,
                    )
                })
            })
        });
    let from_plans = archive.plans.iter().enumerate().flat_map(|(p, plan)| {
        plan.deadlines
            .iter()
            .enumerate()
            .map(move |(k, f)| (Home::Plan { plan: p, index: k }, f))
    });
    from_items.chain(from_plans)
}

/// One line of the list: a follow-up, or one year of a yearly one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub home: Home,
    /// The year, for an instance of a yearly due.
    pub year: Option<i32>,
    pub assessment: Assessment,
    /// The item that puts it on an agenda (an item that `answers` it), the latest if several.
    pub on_agenda: Option<ItemRef>,
}

impl Entry {
    pub fn followup<'a>(&self, archive: &'a Archive) -> &'a Followup {
        self.home
            .followup(archive)
            .expect("entries are rebuilt whenever the archive changes")
    }

    pub fn state(&self) -> FollowupState {
        self.assessment.state
    }
}

/// The body a follow-up reports to; one that names none reports to the body whose decision
/// set it.
pub fn reporting_body(followup: &Followup) -> Option<&BodyId> {
    followup
        .reports_to
        .as_ref()
        .or(followup.origin.as_ref().map(|o| &o.meeting.body))
}

/// Every follow-up as of `today`, one entry per yearly instance, sorted by due (those
/// without a date last).
pub fn entries(archive: &Archive, schedule: &[Scheduled], today: NaiveDate) -> Vec<Entry> {
    let mut answered: HashMap<&str, Vec<ItemRef>> = HashMap::new();
    for meeting in &archive.meetings {
        for item in &meeting.items {
            for id in &item.answers {
                answered.entry(id.as_str()).or_default().push(ItemRef {
                    meeting: meeting.id.clone(),
                    item: Some(item.number.clone()),
                });
            }
        }
    }
    let meeting_date = |id: &crate::model::MeetingId| meeting_date(schedule, id);
    let event_date = |id: &str| archive.event(id).map(|e| e.start_date);
    let mut out = Vec::new();
    for (home, f) in with_homes(archive) {
        let answers = answered.get(f.id.as_str()).map_or(&[][..], Vec::as_slice);
        if matches!(f.due, Due::Yearly { .. }) && !f.suggested {
            for year in instance_years(f, today) {
                out.push(Entry {
                    home,
                    year: Some(year),
                    assessment: assess_instance(f, year, today),
                    on_agenda: answers
                        .iter()
                        .rfind(|r| r.meeting.date.year() == year)
                        .cloned(),
                });
            }
        } else {
            out.push(Entry {
                home,
                year: None,
                assessment: assess(f, today, meeting_date, event_date),
                on_agenda: answers.last().cloned(),
            });
        }
    }
    // Put before a meeting that has been held: it came back, and is closed from here on,
    // not reported overdue.
    let held = |r: &ItemRef| {
        archive.meeting(&r.meeting).is_some_and(|m| {
            m.status >= crate::model::MeetingStatus::Held
                && meeting_date(&r.meeting).unwrap_or(r.meeting.date) <= today
        })
    };
    for e in &mut out {
        let open = !matches!(
            e.assessment.state,
            FollowupState::Done | FollowupState::Cancelled | FollowupState::Suggested
        );
        if open && e.on_agenda.as_ref().is_some_and(held) {
            e.assessment.state = FollowupState::Answered;
        }
    }
    out.sort_by_cached_key(|e| {
        let due = e.assessment.due_by;
        (
            due.is_none(),
            due,
            e.assessment.state,
            e.followup(archive).id.clone(),
            e.year,
        )
    });
    out
}

/// Which states a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StateFilter {
    Overdue,
    /// To act on now: due within two weeks, or a count reached.
    Due,
    Waiting,
    /// Everything not closed (suggestions aside: they are not follow-ups until accepted).
    #[default]
    Open,
    /// Proposed by the importer, for staff to accept or discard.
    Suggested,
    Done,
    Cancelled,
    All,
}

impl StateFilter {
    pub const ALL: [StateFilter; 8] = [
        StateFilter::Open,
        StateFilter::Overdue,
        StateFilter::Due,
        StateFilter::Waiting,
        StateFilter::Suggested,
        StateFilter::Done,
        StateFilter::Cancelled,
        StateFilter::All,
    ];

    pub fn key(self) -> &'static str {
        match self {
            StateFilter::Overdue => "overdue",
            StateFilter::Due => "due",
            StateFilter::Waiting => "waiting",
            StateFilter::Open => "open",
            StateFilter::Suggested => "suggested",
            StateFilter::Done => "done",
            StateFilter::Cancelled => "cancelled",
            StateFilter::All => "all",
        }
    }

    pub fn from_key(key: &str) -> Option<StateFilter> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn matches(self, state: FollowupState) -> bool {
        use FollowupState as S;
        match self {
            StateFilter::Overdue => state == S::Overdue,
            StateFilter::Due => matches!(state, S::DueSoon | S::Triggered),
            StateFilter::Waiting => state == S::Waiting,
            StateFilter::Open => !matches!(state, S::Done | S::Cancelled | S::Suggested),
            StateFilter::Suggested => state == S::Suggested,
            StateFilter::Done => state == S::Done,
            StateFilter::Cancelled => state == S::Cancelled,
            StateFilter::All => true,
        }
    }
}

/// What the list shows: a state, an owner (any part of the name, any case) and a body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EntryFilter {
    pub state: StateFilter,
    pub owner: Option<String>,
    pub body: Option<BodyId>,
}

impl EntryFilter {
    /// Whether the follow-up's owner and body are the ones asked for (the state aside).
    pub fn matches_who(&self, followup: &Followup) -> bool {
        let owner_ok = self.owner.as_ref().is_none_or(|want| {
            followup
                .owner
                .as_ref()
                .is_some_and(|o| o.to_lowercase().contains(&want.to_lowercase()))
        });
        let body_ok = self
            .body
            .as_ref()
            .is_none_or(|b| reporting_body(followup) == Some(b));
        owner_ok && body_ok
    }

    pub fn matches(&self, entry: &Entry, archive: &Archive) -> bool {
        self.state.matches(entry.state()) && self.matches_who(entry.followup(archive))
    }
}

/// The distinct owners named, sorted, for the owner filter.
pub fn owners(archive: &Archive) -> Vec<String> {
    let mut owners: Vec<String> = archive
        .followups()
        .filter_map(|f| f.owner.clone())
        .filter(|o| !o.trim().is_empty())
        .collect();
    owners.sort();
    owners.dedup();
    owners
}

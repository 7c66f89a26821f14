//! The calendar's checks, run on the dates meetings are held (moves applied): a preparing
//! meeting after or too close to the meeting it prepares, a meeting on a weekend or a day
//! off, two meetings of one body on one day, and a stated weekday that is not the date's.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate, Weekday};

use super::Scheduled;
use super::holidays::{HolidayKind, HolidayTable};
use super::pairs::Pair;
use crate::archive::{Archive, Diagnostic, Severity, Site};
use crate::lang::Lang;
use crate::model::{Forum, MeetingId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// The preparing meeting is on or after the meeting it prepares.
    PrepAfter {
        target: MeetingId,
        days: i64,
    },
    /// Fewer days between them than the body's `min_gap_days`.
    PrepTooClose {
        target: MeetingId,
        days: i64,
        min: u32,
    },
    Weekend,
    Holiday(HolidayKind),
    /// Another meeting of the same body is held on the same day.
    SameDay {
        other: MeetingId,
    },
    /// The weekday written in the plan is not the date's.
    WeekdayMismatch {
        stated: Weekday,
    },
    /// The plan moved the meeting, but its file still has the date it moved from.
    FileOnOldDate,
    /// The meeting was held (decisions are recorded) while the plan still says it must move.
    HeldWhileMovePending,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub meeting: MeetingId,
    /// The day the meeting is held.
    pub date: NaiveDate,
    pub check: Check,
    /// The loader reports this already, as it reads the file (a stated weekday, or a
    /// stated `prepares` whose planned dates are in the wrong order).
    pub by_loader: bool,
}

impl Finding {
    pub fn severity(&self) -> Severity {
        match self.check {
            Check::PrepAfter { .. } | Check::SameDay { .. } | Check::WeekdayMismatch { .. } => {
                Severity::Error
            }
            _ => Severity::Warning,
        }
    }

    /// One sentence naming the meeting and what is wrong.
    pub fn message(&self, lang: Lang, forum: &Forum) -> String {
        let who = format!(
            "{} {}",
            forum.body_short(&self.meeting.body),
            lang.long_date(self.date)
        );
        let other =
            |id: &MeetingId| format!("{} {}", forum.body_short(&id.body), lang.date(id.date));
        match (lang, &self.check) {
            (Lang::Da, Check::PrepAfter { target, days: 0 }) => {
                format!(
                    "{who} er samme dag som mødet det forbereder ({})",
                    other(target)
                )
            }
            (Lang::Da, Check::PrepAfter { target, days }) => format!(
                "{who} ligger {} dage efter mødet det forbereder ({})",
                -days,
                other(target)
            ),
            (Lang::Da, Check::PrepTooClose { target, days, min }) => format!(
                "{who} ligger kun {days} dage før mødet det forbereder ({}); mindst {min}",
                other(target)
            ),
            (Lang::Da, Check::Weekend) => format!("{who} ligger i en weekend"),
            (Lang::Da, Check::Holiday(h)) => {
                format!("{who} ligger på {}", h.name(lang).to_lowercase())
            }
            (Lang::Da, Check::SameDay { other: o }) => {
                format!("{who}: to møder i samme organ samme dag ({o})")
            }
            (Lang::Da, Check::WeekdayMismatch { stated }) => format!(
                "{who}: planen siger {}, men datoen er en {}",
                lang.weekday(*stated),
                lang.weekday(self.date.weekday())
            ),
            (Lang::Da, Check::FileOnOldDate) => format!(
                "{who}: planen har flyttet mødet hertil, men mødefilen har stadig datoen {}",
                lang.date(self.meeting.date)
            ),
            (Lang::Da, Check::HeldWhileMovePending) => format!(
                "{who} er holdt (der er beslutninger), men planen siger stadig, at mødet skal flyttes"
            ),
            (Lang::En, Check::PrepAfter { target, days: 0 }) => {
                format!(
                    "{who} is on the same day as the meeting it prepares ({})",
                    other(target)
                )
            }
            (Lang::En, Check::PrepAfter { target, days }) => format!(
                "{who} is {} days after the meeting it prepares ({})",
                -days,
                other(target)
            ),
            (Lang::En, Check::PrepTooClose { target, days, min }) => format!(
                "{who} is only {days} days before the meeting it prepares ({}); at least {min}",
                other(target)
            ),
            (Lang::En, Check::Weekend) => format!("{who} is on a weekend"),
            (Lang::En, Check::Holiday(h)) => format!("{who} is on {}", h.name(lang)),
            (Lang::En, Check::SameDay { other: o }) => {
                format!("{who}: two meetings of one body on one day ({o})")
            }
            (Lang::En, Check::WeekdayMismatch { stated }) => format!(
                "{who}: the plan says {}, but the date is a {}",
                lang.weekday(*stated),
                lang.weekday(self.date.weekday())
            ),
            (Lang::En, Check::FileOnOldDate) => format!(
                "{who}: the plan moved the meeting here, but its file still has the date {}",
                lang.date(self.meeting.date)
            ),
            (Lang::En, Check::HeldWhileMovePending) => format!(
                "{who} was held (decisions are recorded), but the plan still says it must move"
            ),
        }
    }

    /// What to do about it.
    pub fn hint(&self, lang: Lang) -> &'static str {
        match (lang, &self.check) {
            (Lang::Da, Check::PrepAfter { .. } | Check::PrepTooClose { .. }) => {
                "flyt et af møderne (m på Kalender), eller ret min_gap_days i forum.toml"
            }
            (Lang::Da, Check::Weekend | Check::Holiday(_)) => "flyt mødet til en hverdag",
            (Lang::Da, Check::SameDay { .. }) => "flyt eller fjern et af møderne",
            (Lang::Da, Check::WeekdayMismatch { .. }) => "ret ugedagen eller datoen i planen",
            (Lang::Da, Check::FileOnOldDate) => {
                "flyt mødet på Kalender (m), så filen følger med, eller ret flytningen i planen"
            }
            (Lang::Da, Check::HeldWhileMovePending) => {
                "skriv datoen mødet blev holdt som flytningens `to`, eller fjern flytningen fra planen"
            }
            (Lang::En, Check::PrepAfter { .. } | Check::PrepTooClose { .. }) => {
                "move one of the meetings (m on Calendar), or change min_gap_days in forum.toml"
            }
            (Lang::En, Check::Weekend | Check::Holiday(_)) => "move the meeting to a working day",
            (Lang::En, Check::SameDay { .. }) => "move or remove one of the meetings",
            (Lang::En, Check::WeekdayMismatch { .. }) => {
                "correct the weekday or the date in the plan"
            }
            (Lang::En, Check::FileOnOldDate) => {
                "move the meeting on Calendar (m) so its file follows, or correct the move in the plan"
            }
            (Lang::En, Check::HeldWhileMovePending) => {
                "write the date it was held as the move's `to`, or remove the move from the plan"
            }
        }
    }

    /// Whether the loader reports this already, with the line and column of the value.
    pub fn reported_by_loader(&self) -> bool {
        self.by_loader
    }

    /// As a diagnostic pointing at the meeting in its plan, else at its meeting file.
    pub fn diagnostic(&self, archive: &Archive) -> Diagnostic {
        let planned = archive
            .plans
            .iter()
            .flat_map(|p| p.meetings.iter().map(move |m| (p, m)))
            .find(|(_, m)| m.id() == self.meeting);
        let site = match planned {
            Some((plan, m)) => Site {
                file: archive.root.join(&plan.file),
                line: m.line,
                column: m.column,
                line_text: String::new(),
                width: 0,
            },
            None => Site::whole_file(&archive.meeting(&self.meeting).map_or_else(
                || PathBuf::from(self.meeting.to_string()),
                |m| archive.root.join(&m.file),
            )),
        };
        let forum = &archive.forum;
        let both = |da: &str, en: &str| crate::lang::Said::new(da, en);
        Diagnostic::new(
            self.severity(),
            site,
            both(
                &self.message(Lang::Da, forum),
                &self.message(Lang::En, forum),
            ),
        )
        .with_hint(both(self.hint(Lang::Da), self.hint(Lang::En)))
    }
}

/// Whether a meeting has taken place: its status says so, or a decision is recorded.
pub fn was_held(meeting: &crate::model::Meeting) -> bool {
    meeting.status >= crate::model::MeetingStatus::Held
        || meeting
            .items
            .iter()
            .any(|i| i.decision.as_ref().is_some_and(|d| !d.is_empty()))
}

/// Every finding for meetings held in `years` (all years when `None`), in date order.
/// `pairs` are the schedule's preparing pairs ([`super::pairs::pairs`]).
pub fn check(
    archive: &Archive,
    schedule: &[Scheduled],
    pairs: &[Pair],
    years: Option<std::ops::RangeInclusive<i32>>,
) -> Vec<Finding> {
    let in_years = |d: NaiveDate| years.as_ref().is_none_or(|y| y.contains(&d.year()));
    let mut out = Vec::new();
    let (first, last) = match (schedule.first(), schedule.last()) {
        (Some(a), Some(b)) => (a.date.year(), b.date.year()),
        _ => return out,
    };
    let holidays = HolidayTable::for_years(first..=last);
    let stated: HashMap<MeetingId, Weekday> = archive
        .plans
        .iter()
        .flat_map(|p| &p.meetings)
        .filter_map(|m| Some((m.id(), m.weekday?)))
        .collect();
    for p in pairs {
        let (Some(target), Some(days)) = (&p.target, p.gap_days()) else {
            continue;
        };
        if !in_years(p.prep.date) {
            continue;
        }
        let min = archive
            .forum
            .body(&p.prep.id.body)
            .and_then(|b| b.min_gap_days)
            .unwrap_or(1);
        let check = if days <= 0 {
            Check::PrepAfter {
                target: target.id.clone(),
                days,
            }
        } else if days < i64::from(min) {
            Check::PrepTooClose {
                target: target.id.clone(),
                days,
                min,
            }
        } else {
            continue;
        };
        let unmoved = p.prep.date == p.prep.id.date && target.date == target.id.date;
        out.push(Finding {
            meeting: p.prep.id.clone(),
            date: p.prep.date,
            by_loader: p.stated && unmoved && days <= 0,
            check,
        });
    }
    for (i, s) in schedule.iter().enumerate() {
        // A cancelled meeting is not held: its day matters to nobody.
        if !in_years(s.date) || s.cancelled {
            continue;
        }
        let mut push = |check: Check| {
            out.push(Finding {
                meeting: s.id.clone(),
                date: s.date,
                by_loader: matches!(check, Check::WeekdayMismatch { .. }),
                check,
            })
        };
        if let Some(h) = holidays.get(s.date) {
            push(Check::Holiday(h.kind));
        } else if matches!(s.date.weekday(), Weekday::Sat | Weekday::Sun) {
            push(Check::Weekend);
        }
        if let Some(other) = schedule[..i]
            .iter()
            .rev()
            .take_while(|o| o.date == s.date)
            .find(|o| o.id.body == s.id.body)
        {
            push(Check::SameDay {
                other: other.id.clone(),
            });
        }
        if let Some(&stated) = stated.get(&s.id)
            && s.date == s.id.date
            && stated != s.date.weekday()
        {
            push(Check::WeekdayMismatch { stated });
        }
        let file = archive.meeting(&s.id);
        if s.date != s.id.date && file.is_some_and(|m| m.id == s.id) {
            push(Check::FileOnOldDate);
        }
        if s.move_pending && file.is_some_and(was_held) {
            push(Check::HeldWhileMovePending);
        }
    }
    out.sort_by(|a, b| (a.date, &a.meeting).cmp(&(b.date, &b.meeting)));
    out
}

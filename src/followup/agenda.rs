//! "Put on the next agenda": which meetings a follow-up can go to, and which one to propose.
//!
//! A follow-up goes before the body it reports to (or the body whose decision set it). The
//! candidates are that body's meetings whose deadline for items (the body's
//! `items_due_days` before the meeting) has not passed, from the day the follow-up became
//! due (for a count trigger: the day of the run that reached the count). The proposal is the
//! first candidate that is an ordinary meeting: a meeting held as part of a seminar has the
//! seminar's programme, so it is offered but not proposed.

use chrono::NaiveDate;

use super::list::reporting_body;
use super::state::triggered_on;
use crate::archive::Archive;
use crate::calendar::{Scheduled, working_dates};
use crate::model::Followup;

/// A meeting a follow-up can be put before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub meeting: Scheduled,
    /// The seminar or theme day the meeting is part of, by title.
    pub part_of: Option<String>,
}

/// Up to `limit` meetings `followup` can go to as of `today`, in date order, and the index of
/// the proposed one. Empty when the body has no meeting ahead.
pub fn agenda_candidates(
    archive: &Archive,
    schedule: &[Scheduled],
    followup: &Followup,
    today: NaiveDate,
    limit: usize,
) -> (Vec<Candidate>, usize) {
    let Some(body_id) = reporting_body(followup) else {
        return (Vec::new(), 0);
    };
    let Some(body) = archive.forum.body(body_id) else {
        return (Vec::new(), 0);
    };
    let from = triggered_on(followup).map_or(today, |t| t.max(today));
    let candidates: Vec<Candidate> = schedule
        .iter()
        .filter(|s| s.id.body == *body_id && s.date >= from)
        .filter(|s| working_dates(body, s.date).items_due.unwrap_or(s.date) >= today)
        .take(limit)
        .map(|s| Candidate {
            meeting: s.clone(),
            part_of: archive
                .plans
                .iter()
                .flat_map(|p| &p.meetings)
                .find(|p| p.id() == s.id)
                .and_then(|p| p.event.as_deref())
                .map(|e| {
                    archive
                        .event(e)
                        .map_or(e, |ev| ev.title.as_str())
                        .to_owned()
                }),
        })
        .collect();
    let proposed = candidates
        .iter()
        .position(|c| c.part_of.is_none())
        .unwrap_or(0);
    (candidates, proposed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::schedule;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn sample() -> Archive {
        Archive::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas")).unwrap()
    }

    fn evaluation(archive: &Archive) -> Followup {
        archive
            .followups()
            .find(|f| f.id == "myndighedsforloeb-evaluering")
            .unwrap()
            .clone()
    }

    #[test]
    fn the_seminar_meeting_is_offered_and_the_next_ordinary_one_proposed() {
        let archive = sample();
        let schedule = schedule(&archive);
        let f = evaluation(&archive);
        let (c, proposed) = agenda_candidates(&archive, &schedule, &f, d(2017, 9, 20), 5);
        let ids: Vec<String> = c.iter().map(|c| c.meeting.id.to_string()).collect();
        assert_eq!(
            ids,
            [
                "2017-11-16-sdf",
                "2018-02-09-sdf",
                "2018-05-02-sdf",
                "2018-06-22-sdf",
                "2018-10-12-sdf"
            ]
        );
        assert_eq!(
            c[0].part_of.as_deref(),
            Some("Døgnseminar for Socialdirektørforum")
        );
        assert_eq!(c[proposed].meeting.id.to_string(), "2018-02-09-sdf");
    }

    #[test]
    fn a_meeting_whose_item_deadline_passed_is_not_offered() {
        let archive = sample();
        let schedule = schedule(&archive);
        let f = evaluation(&archive);
        // SDF takes items 21 days ahead: on 25 January 2018, 9 February is too late.
        let (c, proposed) = agenda_candidates(&archive, &schedule, &f, d(2018, 1, 25), 2);
        assert_eq!(c[proposed].meeting.id.to_string(), "2018-05-02-sdf");
    }

    #[test]
    fn a_count_goes_to_a_meeting_after_it_was_reached() {
        let archive = sample();
        let schedule = schedule(&archive);
        let mut f = evaluation(&archive);
        for date in [d(2018, 1, 10), d(2018, 5, 10)] {
            f.runs.push(crate::model::Run {
                date,
                note: String::new(),
            });
        }
        let (c, proposed) = agenda_candidates(&archive, &schedule, &f, d(2017, 9, 20), 3);
        assert_eq!(c[proposed].meeting.id.to_string(), "2018-06-22-sdf");
    }
}

//! Drafting a year's plan from the rules in `forum.toml`: the leading body's meetings spread
//! over the months not avoided, on its weekday, each with its preparing body's meeting about
//! `gap_days` before; never on a weekend, a day off or a day already taken.

use std::collections::HashSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::holidays::HolidayTable;
use crate::archive::Archive;
use crate::model::{Body, BodyId, Forum, MeetingId};

/// A meeting in a drafted plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposed {
    pub body: BodyId,
    pub date: NaiveDate,
    pub prepares: Option<MeetingId>,
}

impl Proposed {
    pub fn id(&self) -> MeetingId {
        MeetingId::new(self.date, self.body.clone())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub year: i32,
    /// In date order.
    pub meetings: Vec<Proposed>,
}

/// The days a draft for `year` keeps free: the year's seminars, theme days, outside dates
/// (KKR) and meetings already planned or held.
pub fn busy_days(archive: &Archive, year: i32) -> HashSet<NaiveDate> {
    let mut busy = HashSet::new();
    for plan in archive.plans.iter().filter(|p| p.year == year) {
        for e in &plan.events {
            let mut d = e.start_date;
            while d <= e.end_date {
                busy.insert(d);
                d = d.succ_opt().unwrap_or(d + Days::new(1));
            }
        }
        busy.extend(plan.external.iter().map(|x| x.date));
    }
    busy.extend(
        archive
            .meetings
            .iter()
            .map(|m| m.date())
            .filter(|d| d.year() == year),
    );
    busy
}

/// Whether forum.toml says how many meetings a year any body holds: without it there is
/// nothing to propose.
pub fn has_rules(forum: &Forum) -> bool {
    forum
        .bodies
        .iter()
        .any(|b| b.meetings_per_year.unwrap_or(0) > 0)
}

/// Drafts `year`'s plan from the forum's rules, keeping clear of `busy` days.
pub fn propose(forum: &Forum, year: i32, busy: &HashSet<NaiveDate>) -> Proposal {
    let holidays = HolidayTable::for_years(year - 1..=year);
    // A preparing meeting stays in the year too: the plan file holds one year.
    let free = |d: NaiveDate| {
        d.year() == year
            && !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
            && holidays.get(d).is_none()
            && !busy.contains(&d)
            && !forum.avoid_months.contains(&d.month())
    };
    let mut meetings = Vec::new();
    for lead in forum.bodies.iter().filter(|b| b.recommends_to.is_none()) {
        let per_year = lead.meetings_per_year.unwrap_or(0);
        if per_year == 0 {
            continue;
        }
        let preparing: Vec<&Body> = forum
            .bodies
            .iter()
            .filter(|b| b.recommends_to.as_ref() == Some(&lead.id))
            .collect();
        let months: Vec<u32> = (1..=12)
            .filter(|m| !forum.avoid_months.contains(m))
            .collect();
        for month in spread(&months, per_year) {
            let taken: HashSet<NaiveDate> = meetings.iter().map(|p: &Proposed| p.date).collect();
            let usable = |d: NaiveDate| free(d) && !taken.contains(&d);
            if let Some((date, preps)) = place_meeting(year, month, lead, &preparing, &usable) {
                let id = MeetingId::new(date, lead.id.clone());
                meetings.push(Proposed {
                    body: lead.id.clone(),
                    date,
                    prepares: None,
                });
                for (body, prep) in preps {
                    meetings.push(Proposed {
                        body: body.id.clone(),
                        date: prep,
                        prepares: Some(id.clone()),
                    });
                }
            }
        }
    }
    meetings.sort_by(|a, b| (a.date, &a.body).cmp(&(b.date, &b.body)));
    Proposal { year, meetings }
}

/// `count` months picked evenly from `months` (the middle of each equal share).
fn spread(months: &[u32], count: u32) -> Vec<u32> {
    let n = months.len();
    let count = (count as usize).min(n);
    (0..count)
        .map(|i| months[((2 * i + 1) * n) / (2 * count)])
        .collect()
}

type Placed<'b> = (NaiveDate, Vec<(&'b Body, NaiveDate)>);

/// The leading meeting's day in `month` and its preparing meetings' days. Days from the
/// 8th on come first (the month's first week is often taken by holidays and closing),
/// and a day whose preparing meetings all land exactly `gap_days` before wins.
fn place_meeting<'b>(
    year: i32,
    month: u32,
    lead: &Body,
    preparing: &[&'b Body],
    usable: &dyn Fn(NaiveDate) -> bool,
) -> Option<Placed<'b>> {
    let days: Vec<NaiveDate> = (1..=31)
        .filter_map(|d| NaiveDate::from_ymd_opt(year, month, d))
        .filter(|d| lead.weekday.is_none_or(|w| d.weekday() == w))
        .filter(|d| usable(*d))
        .collect();
    let ordered = days
        .iter()
        .filter(|d| d.day() >= 8)
        .chain(days.iter().filter(|d| d.day() < 8));
    let mut fallback = None;
    for &day in ordered {
        let preps: Vec<_> = preparing
            .iter()
            .map(|b| (*b, prep_day(b, day, usable)))
            .collect();
        if preps.iter().all(|(_, p)| p.is_some_and(|(_, exact)| exact)) {
            return Some((day, unwrap(preps)));
        }
        if fallback.is_none() && preps.iter().all(|(_, p)| p.is_some()) {
            fallback = Some((day, unwrap(preps)));
        }
    }
    fallback.or_else(|| days.first().map(|d| (*d, Vec::new())))
}

fn unwrap(preps: Vec<(&Body, Option<(NaiveDate, bool)>)>) -> Vec<(&Body, NaiveDate)> {
    preps
        .into_iter()
        .filter_map(|(b, p)| Some((b, p?.0)))
        .collect()
}

/// The preparing body's day before `lead_day`: the usable day nearest `gap_days` before
/// (earlier on a tie), never closer than `min_gap_days`; and whether it is exactly the gap.
fn prep_day(
    body: &Body,
    lead_day: NaiveDate,
    usable: &dyn Fn(NaiveDate) -> bool,
) -> Option<(NaiveDate, bool)> {
    let min = body.min_gap_days.unwrap_or(1).max(1);
    let gap = body.gap_days.unwrap_or(14).max(min);
    let ideal = lead_day - Days::new(gap.into());
    let mut best: Option<(u64, NaiveDate)> = None;
    for before in min..=gap + 7 {
        let d = lead_day - Days::new(before.into());
        if body.weekday.is_some_and(|w| d.weekday() != w) || !usable(d) {
            continue;
        }
        let distance = (d - ideal).num_days().unsigned_abs();
        // Nearest the ideal day; the earlier of two equally near.
        if best.is_none_or(|b| (distance, d) < b) {
            best = Some((distance, d));
        }
    }
    best.map(|(distance, d)| (d, distance == 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::holidays::holiday;
    use crate::lang::Lang;
    use std::path::Path;

    fn sample_forum() -> Forum {
        Archive::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas"))
            .unwrap()
            .forum
    }

    #[test]
    fn months_are_spread_over_the_year() {
        let no_july: Vec<u32> = (1..=12).filter(|m| *m != 7).collect();
        assert_eq!(spread(&no_july, 4), vec![2, 5, 8, 11]);
        assert_eq!(spread(&no_july, 11), no_july);
        assert_eq!(spread(&no_july, 20), no_july);
        assert_eq!(spread(&[3], 1), vec![3]);
    }

    #[test]
    fn the_draft_follows_the_rules_for_every_year_to_2030() {
        let forum = sample_forum();
        for year in 2019..=2030 {
            let p = propose(&forum, year, &HashSet::new());
            let sdf: Vec<_> = p
                .meetings
                .iter()
                .filter(|m| m.body.as_str() == "sdf")
                .collect();
            let fu: Vec<_> = p
                .meetings
                .iter()
                .filter(|m| m.body.as_str() == "fu")
                .collect();
            assert_eq!(sdf.len(), 4, "{year}: {p:?}");
            assert_eq!(fu.len(), 4, "{year}: {p:?}");
            for m in &p.meetings {
                assert_ne!(m.date.month(), 7, "{year}: July is avoided");
                assert_eq!(holiday(m.date), None, "{year}: {} is a day off", m.date);
                assert_eq!(
                    m.date.weekday(),
                    Weekday::Fri,
                    "{year}: the forum meets on Fridays"
                );
            }
            for f in fu {
                let target = f.prepares.as_ref().expect("FU prepares an SDF meeting");
                let gap = (target.date - f.date).num_days();
                assert!((7..=21).contains(&gap), "{year}: FU {} gap {gap}", f.date);
            }
        }
    }

    #[test]
    fn a_meeting_every_month_keeps_its_preparing_meetings_in_the_year() {
        let mut forum = sample_forum();
        forum.avoid_months.clear();
        for b in &mut forum.bodies {
            if b.id.as_str() == "sdf" {
                b.meetings_per_year = Some(12);
            }
        }
        for year in 2019..=2030 {
            let p = propose(&forum, year, &HashSet::new());
            assert!(
                p.meetings.iter().all(|m| m.date.year() == year),
                "{year}: {p:?}"
            );
            let text = crate::edit::calendar::proposed_plan_text(&p, Lang::Da, p.meetings[0].date);
            assert_eq!(text.matches("[[meetings]]").count(), p.meetings.len());
        }
    }

    #[test]
    fn the_draft_keeps_clear_of_holidays_and_busy_days() {
        let forum = sample_forum();
        // 2024: the second Friday of May is 10 May, the day after Ascension; Store bededag
        // (26 April) is gone. Mark the 17th busy too.
        let busy: HashSet<_> = [NaiveDate::from_ymd_opt(2024, 5, 17).unwrap()].into();
        let p = propose(&forum, 2024, &busy);
        let may: Vec<_> = p
            .meetings
            .iter()
            .filter(|m| m.body.as_str() == "sdf" && m.date.month() == 5)
            .map(|m| m.date)
            .collect();
        assert_eq!(may, vec![NaiveDate::from_ymd_opt(2024, 5, 10).unwrap()]);
        assert!(p.meetings.iter().all(|m| !busy.contains(&m.date)));
        // In 2020, 10 April is Good Friday and 17 April a plain Friday; May's meeting
        // would be 8 May (a plain Friday since 2020 has Store bededag on 8 May).
        let p = propose(&forum, 2020, &HashSet::new());
        assert!(p.meetings.iter().all(|m| holiday(m.date).is_none()));
        assert!(
            !p.meetings
                .iter()
                .any(|m| m.date == NaiveDate::from_ymd_opt(2020, 5, 8).unwrap()),
            "Store bededag 2020"
        );
    }

    #[test]
    fn a_prep_meeting_that_would_fall_in_july_moves_the_meeting_later() {
        let forum = sample_forum();
        let p = propose(&forum, 2019, &HashSet::new());
        let aug: Vec<_> = p
            .meetings
            .iter()
            .filter(|m| m.date.month() == 8 || m.date.month() == 7)
            .map(|m| (m.body.to_string(), m.date))
            .collect();
        // 9 August would need FU on 26 July; 16 August has FU on 2 August.
        assert_eq!(
            aug,
            vec![
                ("fu".into(), NaiveDate::from_ymd_opt(2019, 8, 2).unwrap()),
                ("sdf".into(), NaiveDate::from_ymd_opt(2019, 8, 16).unwrap()),
            ]
        );
    }
}

//! Which preparing meeting (FU) goes with which meeting it prepares (SDF).

use std::collections::{HashMap, HashSet};

use super::Scheduled;
use crate::archive::Archive;
use crate::model::MeetingId;

/// A preparing meeting and the meeting it prepares, by their dates as held (moves applied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub prep: Scheduled,
    /// `None` when the body it recommends to has no meeting after it.
    pub target: Option<Scheduled>,
    /// Whether the plan or the meeting file says which meeting it prepares; otherwise the
    /// next meeting of the body it recommends to (on the same day or later) is taken.
    pub stated: bool,
}

impl Pair {
    /// Days from the preparing meeting to the one it prepares (negative when after it).
    pub fn gap_days(&self) -> Option<i64> {
        self.target
            .as_ref()
            .map(|t| (t.date - self.prep.date).num_days())
    }

    /// The year the pair belongs to: that of the meeting prepared, else the preparing one.
    pub fn year(&self) -> i32 {
        use chrono::Datelike;
        self.target
            .as_ref()
            .map_or(self.prep.date, |t| t.date)
            .year()
    }
}

/// Every meeting of a preparing body with the meeting it prepares, in date order.
pub fn pairs(archive: &Archive, schedule: &[Scheduled]) -> Vec<Pair> {
    let planned: HashMap<MeetingId, &MeetingId> = archive
        .plans
        .iter()
        .flat_map(|p| &p.meetings)
        .filter_map(|m| Some((m.id(), m.prepares.as_ref()?)))
        .collect();
    let stated_of = |id: &MeetingId| {
        archive
            .meeting(id)
            .and_then(|m| m.prepares.clone())
            .or_else(|| planned.get(id).map(|t| (*t).clone()))
    };
    let position: HashMap<&MeetingId, usize> = schedule
        .iter()
        .enumerate()
        .map(|(i, s)| (&s.id, i))
        .collect();
    let mut out = Vec::new();
    let mut stated: Vec<Option<MeetingId>> = vec![None; schedule.len()];
    let mut taken: HashSet<MeetingId> = HashSet::new();
    for (i, s) in schedule.iter().enumerate() {
        if archive
            .forum
            .body(&s.id.body)
            .is_some_and(|b| b.recommends_to.is_some())
            && let Some(target) = stated_of(&s.id)
        {
            taken.insert(target.clone());
            stated[i] = Some(target);
        }
    }
    for (i, s) in schedule.iter().enumerate() {
        let Some(to_body) = archive
            .forum
            .body(&s.id.body)
            .and_then(|b| b.recommends_to.as_ref())
        else {
            continue;
        };
        out.push(match &stated[i] {
            Some(target) => Pair {
                prep: s.clone(),
                target: position.get(target).map(|&j| schedule[j].clone()),
                stated: true,
            },
            None => Pair {
                prep: s.clone(),
                target: schedule[schedule.partition_point(|t| t.date < s.date)..]
                    .iter()
                    .find(|t| &t.id.body == to_body && !taken.contains(&t.id))
                    .cloned(),
                stated: false,
            },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::schedule;
    use std::path::Path;

    #[test]
    fn the_2018_plan_has_the_four_pairs_of_item_9() {
        let archive =
            Archive::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas")).unwrap();
        let all = schedule(&archive);
        let pairs: Vec<_> = pairs(&archive, &all)
            .into_iter()
            .filter(|p| p.year() == 2018)
            .map(|p| {
                (
                    p.prep.id.to_string(),
                    p.target.as_ref().unwrap().id.to_string(),
                    p.gap_days().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("2018-01-24-fu".into(), "2018-02-09-sdf".into(), 16),
                ("2018-04-20-fu".into(), "2018-05-02-sdf".into(), 12),
                ("2018-06-08-fu".into(), "2018-06-22-sdf".into(), 14),
                ("2018-09-28-fu".into(), "2018-10-12-sdf".into(), 14),
            ]
        );
    }
}

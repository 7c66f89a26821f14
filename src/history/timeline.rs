//! A topic's timeline: for one item, every item linked to it by references or by answering
//! its follow-ups (followed on, across meetings and bodies), every item sharing one of its
//! tags, and the follow-ups the linked decisions set in motion, in date order. This is how
//! an FU recommendation, the SDF decision and the evaluation that came back line up.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use chrono::NaiveDate;

use crate::model::{Followup, ItemKind, ItemNo, ItemRef, Meeting, MeetingId};

/// How an entry is tied to the item the timeline is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// The item itself.
    Origin,
    /// Linked through references or answered follow-ups (directly or further along).
    Linked,
    /// Shares these tags with the item.
    Tags(Vec<String>),
    /// A meeting referred to that has no file in the archive (only in a plan, or older).
    MeetingOnly,
    /// A follow-up set by one of the linked items.
    Followup(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    pub date: NaiveDate,
    pub meeting: MeetingId,
    /// The item's number; `None` for a meeting only referred to, or a follow-up.
    pub item: Option<ItemNo>,
    pub link: Link,
}

impl TimelineEntry {
    pub fn item_ref(&self) -> ItemRef {
        ItemRef {
            meeting: self.meeting.clone(),
            item: self.item.clone(),
        }
    }
}

type Node = (MeetingId, ItemNo);

/// The timeline of item `number` of meeting `id`. `due_date` places a follow-up (its due
/// date, when it has one; else it is placed with the decision that set it).
pub fn timeline(
    meetings: &[Meeting],
    id: &MeetingId,
    number: &ItemNo,
    due_date: impl Fn(&Followup) -> Option<NaiveDate>,
) -> Vec<TimelineEntry> {
    let by_id: HashMap<&MeetingId, &Meeting> = meetings.iter().map(|m| (&m.id, m)).collect();
    let Some(origin) = by_id.get(id).and_then(|m| m.item(number)) else {
        return Vec::new();
    };

    // The links between items, both ways: references to items, and follow-ups answered.
    let mut setter: HashMap<&str, Node> = HashMap::new();
    for m in meetings {
        for item in &m.items {
            for f in &item.followups {
                setter.insert(f.id.as_str(), (m.id.clone(), item.number.clone()));
            }
        }
    }
    let mut edges: HashMap<Node, Vec<Node>> = HashMap::new();
    let mut meeting_refs: HashMap<Node, Vec<MeetingId>> = HashMap::new();
    for m in meetings {
        for item in &m.items {
            // Standing items (approval of minutes, next meeting) point at whole meetings
            // and would tie every meeting to the next; they are not followed.
            if matches!(item.kind, ItemKind::MinutesApproval | ItemKind::NextMeeting) {
                continue;
            }
            let here = (m.id.clone(), item.number.clone());
            let targets = item
                .refs
                .iter()
                .filter_map(|r| match &r.item {
                    Some(n) => Some((r.meeting.clone(), n.clone())),
                    None => {
                        meeting_refs
                            .entry(here.clone())
                            .or_default()
                            .push(r.meeting.clone());
                        None
                    }
                })
                .chain(
                    item.answers
                        .iter()
                        .filter_map(|a| setter.get(a.as_str()).cloned()),
                );
            for there in targets.collect::<Vec<_>>() {
                edges.entry(here.clone()).or_default().push(there.clone());
                edges.entry(there).or_default().push(here.clone());
            }
        }
    }

    // Everything reachable from the item.
    let start: Node = (id.clone(), number.clone());
    let mut linked: HashSet<Node> = HashSet::from([start.clone()]);
    let mut queue = VecDeque::from([start.clone()]);
    while let Some(node) = queue.pop_front() {
        for next in edges.get(&node).into_iter().flatten() {
            if linked.insert(next.clone()) {
                queue.push_back(next.clone());
            }
        }
    }

    let mut entries = Vec::new();
    let mut seen_meetings: BTreeSet<MeetingId> = BTreeSet::new();
    for (mid, n) in &linked {
        let link = if mid == id && n == number {
            Link::Origin
        } else {
            Link::Linked
        };
        entries.push(TimelineEntry {
            date: mid.date,
            meeting: mid.clone(),
            item: Some(n.clone()),
            link,
        });
        for other in meeting_refs
            .get(&(mid.clone(), n.clone()))
            .into_iter()
            .flatten()
        {
            if !by_id.contains_key(other) && seen_meetings.insert(other.clone()) {
                entries.push(TimelineEntry {
                    date: other.date,
                    meeting: other.clone(),
                    item: None,
                    link: Link::MeetingOnly,
                });
            }
        }
        if let Some(item) = by_id.get(mid).and_then(|m| m.item(n)) {
            for f in &item.followups {
                entries.push(TimelineEntry {
                    date: due_date(f).unwrap_or(mid.date),
                    meeting: mid.clone(),
                    item: None,
                    link: Link::Followup(f.id.clone()),
                });
            }
        }
    }

    // Items sharing a tag.
    for m in meetings {
        for item in &m.items {
            if linked.contains(&(m.id.clone(), item.number.clone())) {
                continue;
            }
            let shared: Vec<String> = item
                .tags
                .iter()
                .filter(|t| origin.tags.contains(t))
                .cloned()
                .collect();
            if !shared.is_empty() {
                entries.push(TimelineEntry {
                    date: m.date(),
                    meeting: m.id.clone(),
                    item: Some(item.number.clone()),
                    link: Link::Tags(shared),
                });
            }
        }
    }

    entries.sort_by(|a, b| {
        let followup = |e: &TimelineEntry| matches!(e.link, Link::Followup(_));
        (a.date, followup(a), &a.meeting, &a.item).cmp(&(b.date, followup(b), &b.meeting, &b.item))
    });
    entries
}

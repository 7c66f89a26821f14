//! Decision history on the sample archive: search, the decision list and its deviations,
//! and topic timelines. The expectations come from domain.md and the published minutes.

use dagsorden::archive::Archive;
use dagsorden::history::{
    DecisionFilter, Link, clause_pairs, counts_per_year, decision_rows, timeline,
};
use dagsorden::model::{MeetingId, Outcome};
use dagsorden::search::{Hit, Query, SearchIndex};

mod common;
use common::{history_copy, sample_dir};

fn sample() -> Archive {
    Archive::load(&sample_dir()).unwrap()
}

fn search(archive: &Archive, query: &str) -> Vec<(String, Option<u32>)> {
    SearchIndex::build(&archive.meetings)
        .search(&Query::parse(query))
        .into_iter()
        .map(|Hit { meeting, item }| (meeting.to_string(), item.map(|n| n.main())))
        .collect()
}

fn items(hits: &[(String, Option<u32>)]) -> Vec<u32> {
    hits.iter().filter_map(|(_, i)| *i).collect()
}

#[test]
fn case_does_not_matter() {
    let archive = sample();
    let lower = search(&archive, "stjernen");
    assert_eq!(items(&lower), [8]);
    assert_eq!(search(&archive, "STJERNEN"), lower);
    assert_eq!(search(&archive, "Stjernen"), lower);
}

#[test]
fn danish_letters_fold_and_aa_finds_aa_ring() {
    let archive = sample();
    // "**Økonomi:**" in item 2; "Økonomiaftalen" in items 5 and 11.
    assert_eq!(items(&search(&archive, "økonomi")), [2, 5, 11]);
    assert_eq!(search(&archive, "ØKONOMI"), search(&archive, "økonomi"));
    // "Aabenraa Kommune" in item 7's background.
    assert_eq!(items(&search(&archive, "åbenrå")), [7]);
    assert_eq!(items(&search(&archive, "aabenraa")), [7]);
}

#[test]
fn filters_narrow_to_the_meeting_plan_clause() {
    let archive = sample();
    let hits = search(&archive, "body:sdf outcome:approved-with-changes");
    assert_eq!(items(&hits), [4, 9]);
    assert_eq!(
        items(&search(
            &archive,
            "mødeplan body:sdf outcome:approved-with-changes"
        )),
        [9]
    );
    assert_eq!(items(&search(&archive, "outcome:afvist")), [9]);
    assert!(search(&archive, "body:fu").is_empty());
    assert!(search(&archive, "stjernen year:2018").is_empty());
    assert_eq!(
        items(&search(
            &archive,
            "stjernen after:2017-09-07 before:2017-09-09"
        )),
        [8]
    );
    assert_eq!(items(&search(&archive, "tag:døgn")), [9, 10]);
}

#[test]
fn phrases_and_prefixes() {
    let archive = sample();
    assert_eq!(items(&search(&archive, "\"skitserede proces\"")), [3]);
    // Both words occur in item 3, but not one after the other.
    assert!(search(&archive, "\"proces skitserede\"").is_empty());
    // Prefixes only at the start of a word.
    assert_eq!(items(&search(&archive, "takstændr")), [8]);
    // "nednormering" is in item 8; "normering" is inside it, not at a word's start.
    assert_eq!(items(&search(&archive, "nednorm")), [8]);
    assert!(search(&archive, "normering").is_empty());
}

#[test]
fn every_searched_field_is_found() {
    let archive = sample();
    // Remarks, an attachment's file name, a follow-up, a presenter, a guest.
    assert_eq!(items(&search(&archive, "forhindret")), [2]);
    assert_eq!(items(&search(&archive, "projektkommissorium")), [4]);
    assert_eq!(items(&search(&archive, "evalueres")), [2]);
    assert_eq!(items(&search(&archive, "lektor")), [2]);
    let guest = search(&archive, "højte");
    assert!(
        guest.contains(&("2017-09-08-sdf".into(), None)),
        "{guest:?}"
    );
}

#[test]
fn hits_come_newest_meeting_first_and_follow_a_saved_change() {
    let dir = history_copy();
    let archive = Archive::load(dir.path()).unwrap();
    let hits = search(&archive, "stjernen");
    assert_eq!(
        hits,
        [
            ("2017-09-08-sdf".into(), Some(8)),
            ("2017-08-25-fu".into(), Some(1))
        ]
    );
    let participants = search(&archive, "kyndal");
    assert!(participants.contains(&("2017-08-25-fu".into(), None)));

    let mut index = SearchIndex::build(&archive.meetings);
    let mut changed = archive.meetings[0].clone();
    changed.items[0].title = "Nyt navn: Solsikken".into();
    index.update(&changed);
    let found = index.search(&Query::parse("solsikken"));
    assert_eq!(
        found,
        [Hit {
            meeting: changed.id.clone(),
            item: Some(1.into())
        }]
    );
    index.remove(&changed.id);
    assert!(index.search(&Query::parse("solsikken")).is_empty());
}

#[test]
fn deviations_are_exactly_those_of_the_minutes() {
    // domain.md: item 9 (a) approved with changes, (b) rejected; item 4 approved with
    // changes. Everything else was decided as recommended, taken note of or discussed.
    let archive = sample();
    let filter = DecisionFilter {
        deviations: true,
        ..DecisionFilter::default()
    };
    let rows = decision_rows(&archive.meetings, &filter);
    let found: Vec<(u32, Option<usize>)> = rows
        .iter()
        .map(|r| {
            (
                archive.meetings[r.meeting].items[r.item].number.main(),
                r.clause,
            )
        })
        .collect();
    assert_eq!(found, [(4, Some(0)), (9, Some(0)), (9, Some(1))]);
    let item9 = &archive.meetings[0].items[8];
    let pairs = clause_pairs(item9);
    assert_eq!(pairs[1].outcome, Outcome::Rejected);
    assert_eq!(
        pairs[1].recommendation,
        Some("forslag om afholdelse af studietur for Socialdirektørforum november 2018 drøftes")
    );
}

#[test]
fn the_decision_list_filters_and_counts() {
    let dir = history_copy();
    let archive = Archive::load(dir.path()).unwrap();
    let all = decision_rows(&archive.meetings, &DecisionFilter::default());
    // Newest first: 2018 (1 item), then 8 September 2017 (11 decided items), then FU (2).
    let ids: Vec<String> = all
        .iter()
        .map(|r| archive.meetings[r.meeting].id.to_string())
        .collect();
    assert_eq!(ids.first().map(String::as_str), Some("2018-06-22-sdf"));
    assert_eq!(ids.last().map(String::as_str), Some("2017-08-25-fu"));
    assert_eq!(all.len(), 1 + 11 + 2);

    let fu = DecisionFilter {
        body: Some("fu".into()),
        ..DecisionFilter::default()
    };
    assert_eq!(decision_rows(&archive.meetings, &fu).len(), 2);
    let postponed = DecisionFilter {
        outcome: Some(Outcome::Postponed),
        ..DecisionFilter::default()
    };
    assert_eq!(decision_rows(&archive.meetings, &postponed).len(), 1);
    let tagged = DecisionFilter {
        tag: Some("STJ".into()),
        year: Some(2017),
        ..DecisionFilter::default()
    };
    assert_eq!(decision_rows(&archive.meetings, &tagged).len(), 2);

    let counts = counts_per_year(&archive.meetings, &all);
    let years: Vec<i32> = counts.iter().map(|c| c.year).collect();
    assert_eq!(years, [2017, 2018]);
    // 2017: 13 clauses at SDF, 2 at FU.
    assert_eq!(counts[0].total(), 15);
    assert_eq!(counts[0].get(Outcome::Noted), 5);
    assert_eq!(counts[0].get(Outcome::Postponed), 1);
    assert_eq!(counts[1].get(Outcome::Noted), 1);
}

#[test]
fn a_timeline_runs_from_fu_recommendation_to_sdf_decision_to_what_came_back() {
    let dir = history_copy();
    let archive = Archive::load(dir.path()).unwrap();
    let sdf: MeetingId = "2017-09-08-sdf".parse().unwrap();

    // Stjernen: FU prepared it (a reference), SDF decided it, and it shares a tag with the
    // item on special psychiatric places ("takster"). The 2016 decision has no file.
    let entries = timeline(&archive.meetings, &sdf, &8.into(), |_| None);
    let seen: Vec<(String, Option<u32>, Link)> = entries
        .iter()
        .map(|e| {
            (
                e.meeting.to_string(),
                e.item.as_ref().map(|n| n.main()),
                e.link.clone(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("2016-08-15-sdf".into(), None, Link::MeetingOnly),
            ("2017-08-25-fu".into(), Some(1), Link::Linked),
            (
                "2017-09-08-sdf".into(),
                Some(6),
                Link::Tags(vec!["takster".into()])
            ),
            ("2017-09-08-sdf".into(), Some(8), Link::Origin),
        ]
    );

    // The course: decided on 8 September 2017, its follow-up, and the evaluation that came
    // back in 2018 (it answers the follow-up).
    let entries = timeline(&archive.meetings, &sdf, &2.into(), |_| None);
    let linked: Vec<(String, Option<u32>)> = entries
        .iter()
        .filter(|e| matches!(e.link, Link::Linked | Link::Origin | Link::Followup(_)))
        .map(|e| (e.meeting.to_string(), e.item.as_ref().map(|n| n.main())))
        .collect();
    assert_eq!(
        linked,
        [
            ("2017-09-08-sdf".into(), Some(2)),
            ("2017-09-08-sdf".into(), None),
            ("2018-06-22-sdf".into(), Some(1)),
        ]
    );
    assert!(
        entries
            .iter()
            .any(|e| e.link == Link::Followup("myndighedsforloeb-evaluering".into()))
    );
}

/// A municipality's committee can have hundreds of items in one meeting, numbered on from
/// the last meeting: beyond 64 docs a word's docs are a list, beyond 256 the search's masks
/// leave the stack. Every item is found where it is, also read back from the cache's form.
#[test]
fn a_meeting_of_three_hundred_items_is_searched_item_by_item() {
    let mut archive = sample();
    let at = archive
        .meetings
        .iter()
        .position(|m| m.id.to_string() == "2017-09-08-sdf")
        .unwrap();
    let meeting = &mut archive.meetings[at];
    let template = meeting.items[0].clone();
    meeting.items = (0..300u32)
        .map(|n| {
            let mut item = template.clone();
            item.number = (1_000 + n).to_string().parse().unwrap();
            item.title = match n {
                0 | 70 | 299 => format!("Zebraplan del {n}"),
                255 | 256 => format!("Kvotesag og zebraplan {n}"),
                _ => format!("Sag nummer {n}"),
            };
            item
        })
        .collect();
    let found = items(&search(&archive, "zebraplan"));
    assert_eq!(found, [1_000, 1_070, 1_255, 1_256, 1_299]);
    assert_eq!(items(&search(&archive, "kvotesag zebra")), [1_255, 1_256]);
    assert_eq!(items(&search(&archive, "\"og zebraplan\"")), [1_255, 1_256]);
    // The same from the segment as the cache keeps it, not only as built: without its
    // lines for words (as the command line reads it), with them for a phrase.
    use dagsorden::search::index::Segment;
    use dagsorden::search::stored::{Lines, SegmentStore};
    let base = tempfile::tempdir().unwrap();
    let cache = dagsorden::archive::cache::Cache::in_folder(base.path(), &sample_dir()).unwrap();
    let store = SegmentStore::new(&cache);
    let meeting = &archive.meetings[at];
    store.store(meeting, &Segment::build(meeting));
    let read = |lines| {
        store
            .read(&meeting.file, meeting.conversion_key, lines)
            .unwrap()
    };
    let mains = |hits: Vec<Hit>| -> Vec<u32> {
        hits.into_iter()
            .filter_map(|h| h.item.map(|n| n.main()))
            .collect()
    };
    let away = read(Lines::Away);
    assert!(!away.lines_held());
    assert_eq!(
        mains(away.hits(&Query::parse("zebraplan"))),
        [1_000, 1_070, 1_255, 1_256, 1_299]
    );
    let held = read(Lines::Held);
    assert!(held.lines_held());
    assert_eq!(
        mains(held.hits(&Query::parse("\"og zebraplan\""))),
        [1_255, 1_256]
    );
}

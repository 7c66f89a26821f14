//! The bundled sample archive holds the reference meeting exactly as domain.md describes it.

use std::path::Path;

use dagsorden::archive::Archive;
use dagsorden::model::{Due, ItemKind, MeetingId, Outcome};

mod common;

fn sample() -> Archive {
    Archive::load(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("agendas")
            .as_path(),
    )
    .unwrap()
}

fn reference_meeting(archive: &Archive) -> &dagsorden::model::Meeting {
    archive
        .meeting(&"2017-09-08-sdf".parse::<MeetingId>().unwrap())
        .unwrap()
}

#[test]
fn the_sample_archive_has_no_problems() {
    let archive = sample();
    let shown: Vec<String> = archive
        .diagnostics
        .iter()
        .map(|d| d.render(dagsorden::lang::Lang::En))
        .collect();
    assert!(shown.is_empty(), "{}", shown.join("\n"));
}

#[test]
fn the_reference_meeting_has_all_thirteen_items() {
    let archive = sample();
    let m = reference_meeting(&archive);
    assert_eq!(
        m.items.iter().map(|i| i.number.main()).collect::<Vec<_>>(),
        (1..=13).collect::<Vec<_>>()
    );
    assert_eq!(m.place, "Meldahls Rådhus, Vendersgade 30D, 7000 Fredericia");
    let decisions: Vec<u32> = m
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Decision)
        .map(|i| i.number.main())
        .collect();
    assert_eq!(decisions, [2, 3, 4, 8, 9]);
    let attachments: usize = m.items.iter().map(|i| i.attachments.len()).sum();
    assert_eq!(attachments, 13);
    for item in &m.items {
        for a in &item.attachments {
            assert!(
                archive.attachment_path(m, a).is_file(),
                "{}",
                a.path.display()
            );
        }
    }
}

#[test]
fn outcomes_match_the_domain_table() {
    let archive = sample();
    let m = reference_meeting(&archive);
    let outcomes = |n: u32| -> Vec<Outcome> {
        m.item(&n.into())
            .unwrap()
            .decision
            .as_ref()
            .unwrap()
            .clauses
            .iter()
            .map(|c| c.outcome)
            .collect()
    };
    use Outcome::*;
    assert_eq!(outcomes(1), [Approved]);
    assert_eq!(outcomes(2), [Discussed, Approved]);
    assert_eq!(outcomes(3), [Approved]);
    assert_eq!(outcomes(4), [ApprovedWithChanges]);
    for n in [5, 6, 7, 10, 11] {
        assert_eq!(outcomes(n), [Noted], "item {n}");
    }
    assert_eq!(outcomes(8), [Approved]);
    assert_eq!(outcomes(9), [ApprovedWithChanges, Rejected]);
    let departing: Vec<u32> = m
        .items
        .iter()
        .filter(|i| i.departs_from_recommendation())
        .map(|i| i.number.main())
        .collect();
    assert_eq!(departing, [4, 9]);
    // Each recommendation clause has its decision clause.
    for item in m.items.iter().filter(|i| i.decision.is_some()) {
        let rec = item.recommendation.as_ref().unwrap();
        assert_eq!(
            rec.clauses.len(),
            item.decision.as_ref().unwrap().clauses.len(),
            "item {}",
            item.number
        );
    }
}

#[test]
fn every_kind_of_follow_up_is_held() {
    let archive = sample();
    let due = |id: &str| {
        archive
            .followups()
            .find(|f| f.id == id)
            .unwrap_or_else(|| panic!("{id}"))
            .due
            .clone()
    };
    assert!(matches!(
        due("myndighedsforloeb-evaluering"),
        Due::Count { count: 2, .. }
    ));
    assert_eq!(
        due("spiseforstyrrelser-status-socialstyrelsen"),
        Due::Date(chrono::NaiveDate::from_ymd_opt(2017, 9, 18).unwrap())
    );
    assert_eq!(
        due("lms-inviteres-doegnseminar"),
        Due::Event("doegnseminar-2017".into())
    );
    assert_eq!(due("spiseforstyrrelser-orientering"), Due::ReportBack);
    assert!(matches!(due("rammeaftale-analyse"), Due::Period(p) if p.to_string() == "medio 2018"));
    assert!(
        matches!(due("psykiatripladser-ny-droeftelse"), Due::Period(p) if p.to_string() == "ultimo 2018")
    );
    assert_eq!(
        due("sammen-om-psykiatri-dagsorden"),
        Due::Meeting("2017-11-16-sdf".parse().unwrap())
    );
    assert!(matches!(
        due("buskoersel-svar-ankestyrelsen"),
        Due::Relative { .. }
    ));
    assert!(matches!(
        due("belaegning-1-maj"),
        Due::Yearly {
            month: 5,
            day: 1,
            from_year: 2018,
            ..
        }
    ));
    assert!(matches!(
        due("belaegning-1-november"),
        Due::Yearly {
            month: 11,
            day: 1,
            from_year: 2018,
            ..
        }
    ));
    // Follow-ups from decisions know where they came from.
    let origin = archive
        .followups()
        .find(|f| f.id == "rammeaftale-analyse")
        .unwrap()
        .origin
        .clone();
    assert_eq!(origin.unwrap().to_string(), "2017-09-08-sdf#4");
}

#[test]
fn the_2018_plan_pairs_fu_before_sdf_with_two_pending_moves() {
    let archive = sample();
    let plan = archive.plan(2018).unwrap();
    let pairs: Vec<(String, String)> = plan
        .meetings
        .iter()
        .filter_map(|m| Some((m.id().to_string(), m.prepares.as_ref()?.to_string())))
        .collect();
    assert_eq!(
        pairs,
        [
            ("2018-01-24-fu".into(), "2018-02-09-sdf".into()),
            ("2018-04-20-fu".into(), "2018-05-02-sdf".into()),
            ("2018-06-08-fu".into(), "2018-06-22-sdf".into()),
            ("2018-09-28-fu".into(), "2018-10-12-sdf".into()),
        ]
    );
    let pending: Vec<String> = plan
        .moves
        .iter()
        .filter(|m| m.is_pending())
        .map(|m| m.meeting.to_string())
        .collect();
    assert_eq!(pending, ["2018-02-09-sdf", "2018-10-12-sdf"]);
    let seminar = &archive.plan(2017).unwrap().events[0];
    assert_eq!(
        (seminar.start_date.to_string(), seminar.end_date.to_string()),
        ("2017-11-16".into(), "2017-11-17".into())
    );
}

/// The reference meeting as it was written before clause styles existed (no `style`): it
/// still loads without a word, its clauses lettered (a), (b) as they always were.
#[test]
fn an_archive_written_before_clause_styles_loads_unchanged() {
    let tmp = common::sample_copy();
    let rel = "2017/2017-09-08-sdf.toml";
    let path = tmp.path().join(rel);
    let old: String = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("style = "))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, &old).unwrap();
    let archive = dagsorden::archive::Archive::load(tmp.path()).unwrap();
    assert!(archive.diagnostics.is_empty(), "{:?}", archive.diagnostics);
    let m = &archive
        .meetings
        .iter()
        .find(|m| m.id.to_string() == "2017-09-08-sdf")
        .unwrap();
    let item9 = m.item(&9.into()).unwrap();
    assert_eq!(item9.clause_marker(0), "(a)");
    assert_eq!(item9.clause_marker(1), "(b)");
    let one = m.item(&1.into()).unwrap();
    assert!(one.recommendation.as_ref().unwrap().is_sentence());
    let md = dagsorden::export::markdown::meeting_markdown(
        &archive,
        m,
        &dagsorden::export::markdown::MarkdownOptions {
            kind: dagsorden::export::markdown::DocKind::Minutes,
            public: false,
            lang: dagsorden::lang::Lang::Da,
        },
    );
    assert!(
        md.contains("(a) mødeplan for møderne i Socialdirektørforum godkendes"),
        "{md}"
    );
    assert!(
        md.contains("Forretningsudvalget indstiller, at Socialdirektørforum godkender referat"),
        "{md}"
    );
    // Loading wrote nothing.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), old);
}

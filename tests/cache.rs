//! The load cache gives exactly the archive a load without it gives: the same meetings,
//! plans, forum and diagnostics, on the sample and on a generated archive; whatever changed
//! behind its back (a file changed, added, deleted or renamed, an item another file refers
//! to renumbered, an attachment removed) is seen on the next start; a damaged entry is
//! replaced and reported, never trusted; two processes building it at once leave a valid one.

#[path = "../examples/gen_archive/generate.rs"]
mod generate;
#[path = "../examples/gen_archive/text.rs"]
mod text;

use std::path::{Path, PathBuf};
use std::process::Command;

use dagsorden::archive::cache::Cache;
use dagsorden::archive::{Archive, CacheReport};
use dagsorden::lang::Lang;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

fn sample() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas"),
        tmp.path(),
    );
    tmp
}

fn cached(root: &Path, base: &Path) -> Archive {
    Archive::load_cached(root, Cache::in_folder(base, root).unwrap()).unwrap()
}

fn report(a: &Archive) -> CacheReport {
    a.cache_report.clone().unwrap()
}

/// Everything a screen or command sees of an archive.
fn assert_same(a: &Archive, b: &Archive) {
    assert_eq!(a.forum, b.forum);
    assert_eq!(a.plans, b.plans);
    assert_eq!(a.meetings.len(), b.meetings.len());
    for (x, y) in a.meetings.iter().zip(&b.meetings) {
        assert_eq!(x, y, "meeting {}", x.id);
    }
    assert_eq!(a.diagnostics, b.diagnostics);
    assert_eq!(a.files_read, b.files_read);
    for m in &a.meetings {
        assert_eq!(a.loaded_hash(&m.file), b.loaded_hash(&m.file));
    }
}

fn messages(a: &Archive, file: &str) -> Vec<String> {
    a.diagnostics
        .iter()
        .filter(|d| d.site.file.ends_with(file))
        .map(|d| d.message.get(Lang::En).to_owned())
        .collect()
}

/// Moves a file's modification time back a minute, so the cache's entry is not "too recent
/// to tell" and size and time alone decide.
fn age(path: &Path) {
    let f = std::fs::File::options().write(true).open(path).unwrap();
    let t = std::fs::metadata(path).unwrap().modified().unwrap();
    f.set_modified(t - std::time::Duration::from_secs(60))
        .unwrap();
}

#[test]
fn the_sample_loads_the_same_from_the_cache_as_from_its_files() {
    let root = sample();
    let base = tempfile::tempdir().unwrap();
    let plain = Archive::load(root.path()).unwrap();
    assert!(plain.cache_report.is_none());
    let cold = cached(root.path(), base.path());
    assert_same(&plain, &cold);
    assert_eq!(report(&cold).from_cache, 0);
    let warm = cached(root.path(), base.path());
    assert_same(&plain, &warm);
    assert_eq!(
        report(&warm),
        CacheReport {
            from_cache: plain.meetings.len(),
            read: 0,
            corrupt: 0
        }
    );
}

#[test]
fn a_generated_archive_loads_the_same_from_the_cache_with_its_warnings() {
    let root = tempfile::tempdir().unwrap();
    generate::write_archive(root.path(), 80, 3).unwrap();
    // A few problems of its own, so the diagnostics compared are not all empty.
    let meetings: Vec<PathBuf> = std::fs::read_dir(root.path().join("2000"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    // One file that does not load (never cached: read every time) ...
    let first = &meetings[0];
    let text = std::fs::read_to_string(first).unwrap();
    std::fs::write(
        first,
        text.replacen("\n[[items]]", "\nunknown_key = 1\n\n[[items]]", 1),
    )
    .unwrap();
    // ... and a missing attachment (a warning the cached conversion keeps).
    let attachment = walk(root.path())
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "pdf" || e == "docx"))
        .unwrap();
    std::fs::remove_file(&attachment).unwrap();
    let base = tempfile::tempdir().unwrap();
    let plain = Archive::load(root.path()).unwrap();
    assert!(plain.error_count() == 1 && plain.warning_count() >= 1);
    cached(root.path(), base.path());
    let warm = cached(root.path(), base.path());
    assert_same(&plain, &warm);
    assert_eq!(
        report(&warm),
        CacheReport {
            from_cache: 79,
            read: 0,
            corrupt: 0
        }
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn changes_behind_the_caches_back_are_seen_on_the_next_start() {
    let root = sample();
    let base = tempfile::tempdir().unwrap();
    let sdf = root.path().join("2017/2017-09-08-sdf.toml");
    // A meeting that refers to item 9 of the reference meeting.
    let fu = root.path().join("2017/2017-10-02-fu.toml");
    std::fs::write(
        &fu,
        "body = \"fu\"\ntitle = \"Forretningsudvalget\"\ndate = 2017-10-02\nstatus = \"planned\"\n\n\
         [[items]]\nnumber = 1\ntitle = \"Opfølgning\"\nrefs = [\"2017-09-08-sdf#9\"]\n",
    )
    .unwrap();
    for f in [&sdf, &fu] {
        age(f);
    }
    let first = cached(root.path(), base.path());
    assert_eq!(messages(&first, "2017-10-02-fu.toml"), Vec::<String>::new());

    // Changed: a title, the size kept, the time moved back to what it was.
    let text = std::fs::read_to_string(&sdf).unwrap();
    let before = std::fs::metadata(&sdf).unwrap().modified().unwrap();
    let retitled = text.replacen(
        "title = \"Møde i Socialdirektørforum den 8. september 2017\"",
        "title = \"Møde i Socialdirektørforum den 8. SEPTEMBER 2017\"",
        1,
    );
    assert_eq!(retitled.len(), text.len());
    std::fs::write(&sdf, &retitled).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&sdf)
        .unwrap()
        .set_modified(before + std::time::Duration::from_secs(1))
        .unwrap();
    let seen = cached(root.path(), base.path());
    assert_same(&Archive::load(root.path()).unwrap(), &seen);
    assert!(seen.meetings.iter().any(|m| m.title.contains("SEPTEMBER")));

    // The item the other file refers to renumbered: that file, unchanged, is converted again.
    std::fs::write(&sdf, retitled.replacen("number = 9\n", "number = 19\n", 1)).unwrap();
    let renumbered = cached(root.path(), base.path());
    assert_same(&Archive::load(root.path()).unwrap(), &renumbered);
    assert_eq!(
        messages(&renumbered, "2017-10-02-fu.toml"),
        ["meeting 2017-09-08-sdf has no item 9"]
    );

    // An attachment deleted: its meeting warns.
    let attachment = root
        .path()
        .join("2017/2017-09-08-sdf/Projektkommissorium for analyse af rammeaftalesamarbejdet.docx");
    std::fs::remove_file(&attachment).unwrap();
    let gone = cached(root.path(), base.path());
    assert_same(&Archive::load(root.path()).unwrap(), &gone);
    assert!(
        messages(&gone, "2017-09-08-sdf.toml")
            .iter()
            .any(|m| m.starts_with("attachment not found")),
    );

    // Added, renamed and deleted files.
    let added = root.path().join("2017/2017-11-06-fu.toml");
    std::fs::copy(&fu, &added).unwrap();
    std::fs::write(
        &added,
        std::fs::read_to_string(&fu)
            .unwrap()
            .replace("2017-10-02", "2017-11-06"),
    )
    .unwrap();
    let with_added = cached(root.path(), base.path());
    assert_same(&Archive::load(root.path()).unwrap(), &with_added);
    assert_eq!(with_added.meetings.len(), first.meetings.len() + 1);

    // A rename as a file manager makes it: the same bytes under another name (the file's
    // date then disagrees with its name, which the load reports as it would without a cache).
    let renamed = root.path().join("2017/2017-11-07-fu.toml");
    std::fs::rename(&added, &renamed).unwrap();
    std::fs::remove_file(&fu).unwrap();
    let after = cached(root.path(), base.path());
    assert_same(&Archive::load(root.path()).unwrap(), &after);
    let ids: Vec<String> = after.meetings.iter().map(|m| m.id.to_string()).collect();
    assert!(ids.contains(&"2017-11-07-fu".to_owned()));
    assert!(!ids.contains(&"2017-11-06-fu".to_owned()));
    assert!(!ids.contains(&"2017-10-02-fu".to_owned()));
    // The entries of the files that are gone went with them.
    let cache = Cache::in_folder(base.path(), root.path()).unwrap();
    assert!(
        !cache
            .entry_file(Path::new("2017/2017-11-06-fu.toml"))
            .exists()
    );
    assert!(
        cache
            .entry_file(Path::new("2017/2017-11-07-fu.toml"))
            .exists()
    );
    assert_eq!(cache.usage().entries, after.meetings.len());
}

#[test]
fn a_damaged_entry_is_read_from_the_file_again_and_reported() {
    let root = sample();
    let base = tempfile::tempdir().unwrap();
    let plain = Archive::load(root.path()).unwrap();
    cached(root.path(), base.path());
    let cache = Cache::in_folder(base.path(), root.path()).unwrap();
    let entry = cache.entry_file(Path::new("2017/2017-09-08-sdf.toml"));
    let bytes = std::fs::read(&entry).unwrap();

    // Truncated.
    std::fs::write(&entry, &bytes[..bytes.len() / 2]).unwrap();
    let truncated = cached(root.path(), base.path());
    assert_same(&plain, &truncated);
    assert_eq!(report(&truncated).corrupt, 1);
    assert!(report(&truncated).notice().is_some());
    // ... and replaced: the next start uses it.
    let again = cached(root.path(), base.path());
    assert_eq!(report(&again).corrupt, 0);
    assert_eq!(report(&again).from_cache, plain.meetings.len());

    // A byte changed in the middle.
    let mut flipped = std::fs::read(&entry).unwrap();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x20;
    std::fs::write(&entry, &flipped).unwrap();
    let damaged = cached(root.path(), base.path());
    assert_same(&plain, &damaged);
    assert_eq!(report(&damaged).corrupt, 1);

    // Not an entry at all.
    std::fs::write(&entry, b"").unwrap();
    assert_eq!(report(&cached(root.path(), base.path())).corrupt, 1);
}

#[test]
fn two_processes_building_the_cache_at_once_leave_a_valid_one() {
    let root = tempfile::tempdir().unwrap();
    generate::write_archive(root.path(), 60, 11).unwrap();
    let base = tempfile::tempdir().unwrap();
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_dagsorden"))
            .args(["--today", "2026-12-02", "list", "--dir"])
            .arg(root.path())
            .env("DAGSORDEN_CACHE_DIR", base.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (run(), run());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success() && b.status.success());
    assert_eq!(a.stdout, b.stdout);
    assert!(a.stderr.is_empty() && b.stderr.is_empty());
    // Entries are the program's own (another build's are not trusted), so the program
    // tells how many held.
    let status = Command::new(env!("CARGO_BIN_EXE_dagsorden"))
        .args(["--lang", "en", "cache", "status", "--dir"])
        .arg(root.path())
        .env("DAGSORDEN_CACHE_DIR", base.path())
        .output()
        .unwrap();
    let status = String::from_utf8(status.stdout).unwrap();
    assert!(status.contains("60 meeting files"), "{status}");
    assert!(
        status.contains("This load: 60 from the cache, 0 read from the files, 0 damaged"),
        "{status}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(
        Cache::in_folder(base.path(), root.path())
            .unwrap()
            .dir()
            .join("meetings"),
    )
    .unwrap()
    .filter(|e| {
        e.as_ref()
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with(".tmp")
    })
    .collect();
    assert!(leftovers.is_empty());
}

/// Moves every file's and folder's time back a minute, so an index written now is not "too
/// close to tell" from them.
fn age_all(dir: &Path) {
    generate::backdate(dir, std::time::Duration::from_secs(60)).unwrap();
}

mod search {
    use super::*;
    use dagsorden::model::Meeting;
    use dagsorden::search::quick::{self, Found};
    use dagsorden::search::words::archive_state;
    use dagsorden::search::{Hit, Query, SearchIndex};

    /// What a search without any cache finds.
    fn plain_hits(root: &Path, q: &str) -> Vec<Hit> {
        SearchIndex::build(&Archive::load(root).unwrap().meetings).search(&Query::parse(q))
    }

    /// A search as the command makes it: quick when the index holds, else the archive
    /// loaded (through the cache) and searched whole, writing the index.
    fn cached_search(root: &Path, base: &Path, q: &str) -> (bool, Searched) {
        let cache = Cache::in_folder(base, root).unwrap();
        let q = Query::parse(q);
        let show = |m: &Meeting, hits: Vec<Hit>| (m.clone(), hits);
        if let Some(found) = quick::search(root, &cache, &q, show) {
            return (true, Searched::from(found));
        }
        let state = archive_state(root);
        let found = quick::search_loaded(&cached(root, base), state, &q, show);
        (false, Searched::from(found))
    }

    /// What a search found, every meeting handed to `show` kept, with its hits.
    struct Searched {
        forum: dagsorden::model::Forum,
        hits: Vec<Hit>,
        meetings: std::collections::HashMap<dagsorden::model::MeetingId, Meeting>,
    }

    impl From<Found<(Meeting, Vec<Hit>)>> for Searched {
        fn from(found: Found<(Meeting, Vec<Hit>)>) -> Searched {
            let mut hits = Vec::new();
            let mut meetings = std::collections::HashMap::new();
            for (meeting, its) in found.shown {
                assert!(!its.is_empty(), "a meeting is shown only with hits");
                assert!(its.iter().all(|h| h.meeting == meeting.id));
                hits.extend(its);
                meetings.insert(meeting.id.clone(), meeting);
            }
            Searched {
                forum: found.forum,
                hits,
                meetings,
            }
        }
    }

    fn queries(root: &Path) -> Vec<String> {
        // A rare word of the generated text, and one that is in every meeting.
        let archive = Archive::load(root).unwrap();
        let rare = archive
            .meetings
            .iter()
            .flat_map(|m| m.items.iter())
            .flat_map(|i| i.background.text().unwrap().split_whitespace())
            .find(|w| w.len() > 12 && w.chars().all(|c| c.is_alphabetic()))
            .unwrap()
            .to_owned();
        let mut qs: Vec<String> = [
            "psykiatri",
            "psyk",
            "\"psykiatri til\"",
            "socialområde body:fu",
            "budget year:2000",
            "tag:psyk",
            "outcome:godkendt",
            "psykiatri outcome:godkendt",
            "budget tag:psyk",
            "kompetenceudvikling after:2000-06 before:2001",
            "ingenting-her",
            "aeldre",
            "",
        ]
        .map(String::from)
        .to_vec();
        qs.push(rare.clone());
        qs.push(rare[..6].to_owned());
        qs
    }

    #[test]
    fn the_quick_search_finds_exactly_what_a_search_of_the_whole_archive_finds() {
        let root = tempfile::tempdir().unwrap();
        generate::write_archive(root.path(), 70, 5).unwrap();
        age_all(root.path());
        let base = tempfile::tempdir().unwrap();
        let archive = Archive::load(root.path()).unwrap();
        let plain = SearchIndex::build(&archive.meetings);
        for q in queries(root.path()) {
            let expected = plain.search(&Query::parse(&q));
            let (_, first) = cached_search(root.path(), base.path(), &q);
            assert_eq!(first.hits, expected, "{q}");
            let (quick, again) = cached_search(root.path(), base.path(), &q);
            assert!(quick, "the second search of {q} is quick");
            assert_eq!(again.hits, expected, "{q}");
            // Every hit's meeting is there to show it, as loaded, with the long texts of
            // its hit items (the others are left in the cache).
            for hit in &again.hits {
                let shown = &again.meetings[&hit.meeting];
                let mut loaded = archive.meeting(&hit.meeting).unwrap().clone();
                let hit_items: Vec<_> = again
                    .hits
                    .iter()
                    .filter(|h| h.meeting == hit.meeting)
                    .filter_map(|h| h.item.clone())
                    .collect();
                for item in &mut loaded.items {
                    if !hit_items.contains(&item.number) {
                        item.background = dagsorden::model::LongText::away();
                    }
                }
                assert_eq!(shown, &loaded);
            }
            assert_eq!(again.forum, archive.forum);
        }
        // Some of the queries find something, some nothing.
        assert!(!plain_hits(root.path(), "psykiatri").is_empty());
        assert!(plain_hits(root.path(), "ingenting-her").is_empty());
    }

    #[test]
    fn the_quick_search_sees_a_change_and_never_trusts_a_damaged_index() {
        let root = sample();
        age_all(root.path());
        let base = tempfile::tempdir().unwrap();
        let q = "spiseforstyrrelser";
        cached_search(root.path(), base.path(), q);
        assert!(cached_search(root.path(), base.path(), q).0);

        // A word added to a title: the index no longer holds, and the new word is found.
        let sdf = root.path().join("2017/2017-09-08-sdf.toml");
        let text = std::fs::read_to_string(&sdf).unwrap();
        std::fs::write(
            &sdf,
            text.replacen(
                "title = \"Møde i Socialdirektørforum den 8. september 2017\"",
                "title = \"Møde i Socialdirektørforum den 8. september 2017 zebraprojekt\"",
                1,
            ),
        )
        .unwrap();
        let (quick, found) = cached_search(root.path(), base.path(), "zebraprojekt");
        assert!(!quick);
        assert_eq!(found.hits, plain_hits(root.path(), "zebraprojekt"));
        assert_eq!(found.hits.len(), 1);

        // A damaged index (a byte changed, or cut short) is not used.
        age_all(root.path());
        cached_search(root.path(), base.path(), q);
        assert!(cached_search(root.path(), base.path(), q).0);
        let words = Cache::in_folder(base.path(), root.path())
            .unwrap()
            .dir()
            .join("search/words.bin");
        let bytes = std::fs::read(&words).unwrap();
        for damaged in [
            {
                let mut b = bytes.clone();
                let at = b.len() - 10;
                b[at] ^= 1;
                b
            },
            {
                // In the first part (what the index says of itself, the table of words).
                let mut b = bytes.clone();
                b[40] ^= 1;
                b
            },
            bytes[..bytes.len() - 7].to_vec(),
            Vec::new(),
        ] {
            std::fs::write(&words, &damaged).unwrap();
            let cache = Cache::in_folder(base.path(), root.path()).unwrap();
            assert!(quick::search(root.path(), &cache, &Query::parse(q), |_, h| h).is_none());
        }
        // A damaged segment of a candidate is not used either (a phrase is told by the
        // segments; a word by the index of words, which names the hit items).
        cached_search(root.path(), base.path(), q);
        let dir = words.parent().unwrap().to_path_buf();
        let damage_all = |dir: &Path| {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p != words {
                    std::fs::write(&p, b"damaged").unwrap();
                }
            }
        };
        damage_all(&dir);
        let phrase = format!("\"svære {q}\"");
        let cache = Cache::in_folder(base.path(), root.path()).unwrap();
        assert!(quick::search(root.path(), &cache, &Query::parse(&phrase), |_, h| h).is_none());
        let (_, found) = cached_search(root.path(), base.path(), &phrase);
        assert_eq!(found.hits, plain_hits(root.path(), &phrase));
        assert!(!found.hits.is_empty());
        // A damaged entry of a candidate neither.
        damage_all(&dir.parent().unwrap().join("meetings"));
        let cache = Cache::in_folder(base.path(), root.path()).unwrap();
        assert!(quick::search(root.path(), &cache, &Query::parse(q), |_, h| h).is_none());
        let (_, found) = cached_search(root.path(), base.path(), q);
        assert_eq!(found.hits, plain_hits(root.path(), q));
        assert!(!found.hits.is_empty());
    }

    /// The state is taken without listing a folder whose time is the index's: a file added,
    /// removed or renamed in it changes that time, so each is still seen, and a file
    /// written in place (which leaves the folder's time alone) is seen by its own.
    #[test]
    fn the_quick_search_sees_files_added_removed_and_renamed_in_a_folder() {
        use dagsorden::search::stored::SegmentStore;
        use dagsorden::search::words::WordIndex;
        let root = sample();
        age_all(root.path());
        let base = tempfile::tempdir().unwrap();
        let index_state = || {
            let cache = Cache::in_folder(base.path(), root.path()).unwrap();
            let words = WordIndex::open(SegmentStore::new(&cache).dir()).unwrap();
            words.archive_state(root.path()).unwrap()
        };
        let settle = |q: &str| {
            age_all(root.path());
            cached_search(root.path(), base.path(), q);
            assert!(cached_search(root.path(), base.path(), q).0, "{q}");
            // Looked at by the names the index kept, or listed: the same state.
            assert_eq!(
                index_state().files(),
                archive_state(root.path()).unwrap().files()
            );
        };
        let q = "spiseforstyrrelser";
        settle(q);
        let year = root.path().join("2017");
        let original = year.join("2017-09-08-sdf.toml");
        let text = std::fs::read_to_string(&original).unwrap();
        let zebra = text.replacen(
            "title = \"Møde i Socialdirektørforum den 8. september 2017\"",
            "title = \"Møde i Socialdirektørforum den 8. september 2017 zebraprojekt\"",
            1,
        );
        assert_ne!(zebra, text);

        // Added: a second meeting of the body with the new word.
        let added = year.join("2017-12-08-sdf.toml");
        std::fs::write(&added, zebra.replace("2017-09-08", "2017-12-08")).unwrap();
        let (quick, found) = cached_search(root.path(), base.path(), "zebraprojekt");
        assert!(!quick);
        assert_eq!(found.hits, plain_hits(root.path(), "zebraprojekt"));
        assert_eq!(found.hits.len(), 1);
        settle("zebraprojekt");

        // Renamed: the meeting is found under its new date.
        let renamed = year.join("2017-12-15-sdf.toml");
        std::fs::rename(&added, &renamed).unwrap();
        std::fs::write(
            &renamed,
            std::fs::read_to_string(&renamed)
                .unwrap()
                .replace("2017-12-08", "2017-12-15"),
        )
        .unwrap();
        let (quick, found) = cached_search(root.path(), base.path(), "zebraprojekt");
        assert!(!quick);
        assert_eq!(found.hits, plain_hits(root.path(), "zebraprojekt"));
        assert_eq!(found.hits[0].meeting.to_string(), "2017-12-15-sdf");
        settle("zebraprojekt");

        // Removed: the word is gone with it.
        std::fs::remove_file(&renamed).unwrap();
        let (quick, found) = cached_search(root.path(), base.path(), "zebraprojekt");
        assert!(!quick);
        assert!(found.hits.is_empty());
        settle(q);

        // A meeting of more than 64 docs (its lists carry no masks: its segment tells).
        let mut big = text.replacen("2017-09-08", "2017-11-24", 1);
        big = big.replace("date = 2017-09-08", "date = 2017-11-24");
        for n in 0..70 {
            big.push_str(&format!(
                "\n[[items]]\nnumber = {}\ntitle = \"Punkt {n} om {}\"\n",
                100 + n,
                if n % 20 == 3 { "zebraprojekt" } else { "andet" }
            ));
        }
        std::fs::write(year.join("2017-11-24-sdf.toml"), &big).unwrap();
        settle("zebraprojekt");
        for q in [
            "zebraprojekt",
            "zebra punkt",
            "andet",
            "zebraprojekt year:2017",
        ] {
            let (quick, found) = cached_search(root.path(), base.path(), q);
            assert!(quick, "{q}");
            assert_eq!(found.hits, plain_hits(root.path(), q), "{q}");
        }
        assert_eq!(plain_hits(root.path(), "zebraprojekt").len(), 4);
        std::fs::remove_file(year.join("2017-11-24-sdf.toml")).unwrap();
        settle(q);

        // Written in place, the folder's time untouched: seen by the file's own.
        let folder_time = std::fs::metadata(&year).unwrap().modified().unwrap();
        std::fs::write(&original, &zebra).unwrap();
        assert_eq!(
            std::fs::metadata(&year).unwrap().modified().unwrap(),
            folder_time
        );
        let (quick, found) = cached_search(root.path(), base.path(), "zebraprojekt");
        assert!(!quick);
        assert_eq!(found.hits.len(), 1);
        settle("zebraprojekt");
    }

    #[test]
    fn the_command_line_search_is_the_same_with_and_without_the_cache() {
        let root = tempfile::tempdir().unwrap();
        generate::write_archive(root.path(), 40, 9).unwrap();
        age_all(root.path());
        let base = tempfile::tempdir().unwrap();
        let run = |extra: &[&str], q: &str| {
            let out = Command::new(env!("CARGO_BIN_EXE_dagsorden"))
                .args([
                    "--today",
                    "2026-12-02",
                    "search",
                    "--format",
                    "json",
                    q,
                    "--dir",
                ])
                .arg(root.path())
                .args(extra)
                .env("DAGSORDEN_CACHE_DIR", base.path())
                .output()
                .unwrap();
            String::from_utf8(out.stdout).unwrap()
        };
        for q in ["psykiatri", "\"psykiatri til\"", "budget body:sdf"] {
            let plain = run(&["--no-cache"], q);
            assert!(plain.len() > 100, "{q}: {plain}");
            assert_eq!(run(&[], q), plain, "{q}, building");
            assert_eq!(run(&[], q), plain, "{q}, quick");
        }
        // --no-cache wrote nothing of its own: the folder has only what the other runs kept.
        let fresh = tempfile::tempdir().unwrap();
        Command::new(env!("CARGO_BIN_EXE_dagsorden"))
            .args(["search", "psykiatri", "--no-cache", "--dir"])
            .arg(root.path())
            .env("DAGSORDEN_CACHE_DIR", fresh.path())
            .output()
            .unwrap();
        assert_eq!(std::fs::read_dir(fresh.path()).unwrap().count(), 0);
    }

    /// `list`, `decisions`, `followups` and `calendar` leave the backgrounds of cached
    /// meetings in their files: what they write is what a load without the cache gives.
    #[test]
    fn the_commands_that_show_no_background_write_the_same_with_and_without_the_cache() {
        let root = tempfile::tempdir().unwrap();
        generate::write_archive(root.path(), 40, 11).unwrap();
        age_all(root.path());
        let base = tempfile::tempdir().unwrap();
        let run = |extra: &[&str], args: &[&str]| {
            let out = Command::new(env!("CARGO_BIN_EXE_dagsorden"))
                .args(["--today", "2026-12-02", "--dir"])
                .arg(root.path())
                .args(extra)
                .args(args)
                .env("DAGSORDEN_CACHE_DIR", base.path())
                .output()
                .unwrap();
            (out.status.code(), String::from_utf8(out.stdout).unwrap())
        };
        // A year with a plan (the generator writes one for every year it has meetings in).
        let year = std::fs::read_dir(root.path().join("calendar"))
            .unwrap()
            .filter_map(|e| Some(e.ok()?.path().file_stem()?.to_str()?.to_owned()))
            .min()
            .unwrap();
        let commands: [&[&str]; 6] = [
            &["list", "--format", "json"],
            &["decisions", "--format", "json"],
            &["followups", "--format", "json"],
            &["calendar", &year, "--format", "json"],
            &["calendar", &year, "--format", "ics"],
            &["list"],
        ];
        for args in commands {
            let plain = run(&["--no-cache"], args);
            assert!(plain.1.len() > 100, "{args:?}: {}", plain.1);
            assert_eq!(run(&[], args), plain, "{args:?}, building the cache");
            assert_eq!(run(&[], args), plain, "{args:?}, from the cache");
        }
    }
}

/// The screens' search thread reads the segments the cache keeps (and folds the rest): the
/// hits are those of an index built from the meetings, the first start and the next, and a
/// changed meeting's segment is folded again.
#[test]
fn the_screens_search_with_the_segments_kept_finds_what_a_fresh_index_finds() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use dagsorden::search::stored::SegmentStore;
    use dagsorden::search::{Query, SearchIndex};
    use dagsorden::tui::{App, Options, keymap::Keymap, theme::Theme};

    let root = tempfile::tempdir().unwrap();
    generate::write_archive(root.path(), 30, 4).unwrap();
    let base = tempfile::tempdir().unwrap();
    let search = |query: &str| {
        let archive = cached(root.path(), base.path());
        let expected = SearchIndex::build(&archive.meetings).search(&Query::parse(query));
        let options = Options::new(
            chrono::NaiveDate::from_ymd_opt(2000, 6, 1).unwrap(),
            Lang::Da,
            Theme::fallback(),
            Keymap::default(),
        );
        let mut app = App::new(archive, options, (120, 40));
        for c in std::iter::once('/').chain(query.chars()) {
            app.handle_event(&Event::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
        }
        app.wait_for_search();
        let hits = app.search.as_ref().unwrap().results.hits.clone();
        assert!(!hits.is_empty(), "{query}");
        assert_eq!(hits, expected, "{query}");
    };
    search("psykiatri");
    let store = SegmentStore::new(&Cache::in_folder(base.path(), root.path()).unwrap());
    let kept = store.present().len();
    assert_eq!(kept, 30, "one segment per meeting is kept");
    search("psykiatri");
    // A title changed: its meeting's segment is folded again, and the old one removed.
    let file = walk(root.path())
        .into_iter()
        .find(|p| {
            p.extension().is_some_and(|e| e == "toml") && p.starts_with(root.path().join("2000"))
        })
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let title = text
        .lines()
        .find(|l| l.starts_with("title = "))
        .unwrap()
        .to_owned();
    std::fs::write(
        &file,
        text.replacen(&title, "title = \"Zebraprojektet\"", 1),
    )
    .unwrap();
    search("zebraprojekt");
    search("psykiatri");
    assert_eq!(store.present().len(), 30);
}

#[test]
fn the_screens_leave_the_backgrounds_in_the_files_and_read_them_back_as_they_are() {
    let root = tempfile::tempdir().unwrap();
    generate::write_archive(root.path(), 20, 5).unwrap();
    let base = tempfile::tempdir().unwrap();
    let plain = Archive::load(root.path()).unwrap();
    cached(root.path(), base.path());
    let for_screens = || {
        Archive::load_for_screens(
            root.path(),
            Cache::in_folder(base.path(), root.path()).unwrap(),
        )
        .unwrap()
    };
    let mut screens = for_screens();
    assert_eq!(report(&screens).from_cache, plain.meetings.len());
    // Every meeting came from the cache, without its backgrounds, and with all the rest.
    for (m, p) in screens.meetings.iter().zip(&plain.meetings) {
        assert!(!m.texts_held(), "{}", m.id);
        let (mut m, mut p) = (m.clone(), p.clone());
        m.take_texts();
        p.take_texts();
        assert_eq!(m, p);
    }
    // Read back, they are the files' texts: the archive is the plain load's.
    for i in 0..screens.meetings.len() {
        assert!(screens.hold_texts(i));
    }
    assert_same(&plain, &screens);

    // A file changed since the load: its texts are not taken from it.
    let mut screens = for_screens();
    let file = root.path().join(&screens.meetings[3].file);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("title = \"", "title = \"X", 1)).unwrap();
    assert!(!screens.hold_texts(3));
    assert!(!screens.meetings[3].texts_held());
    assert!(screens.hold_texts(4));
    // The next load sees the change and holds the file's new text.
    let again = for_screens();
    assert_eq!(report(&again).read, 1);
    assert!(again.meetings[3].texts_held());
}

#[test]
fn a_search_segment_is_never_kept_for_a_meeting_whose_texts_are_away() {
    use dagsorden::search::index::Segment;
    use dagsorden::search::stored::SegmentStore;

    let root = tempfile::tempdir().unwrap();
    generate::write_archive(root.path(), 4, 6).unwrap();
    let base = tempfile::tempdir().unwrap();
    cached(root.path(), base.path());
    let cache = Cache::in_folder(base.path(), root.path()).unwrap();
    let screens = Archive::load_for_screens(root.path(), cache.clone()).unwrap();
    let store = SegmentStore::new(&cache);
    let away = &screens.meetings[0];
    store.store(away, &Segment::build(away));
    assert!(
        store.present().is_empty(),
        "a segment without the backgrounds' words"
    );
    let held = cached(root.path(), base.path());
    store.store(&held.meetings[0], &Segment::build(&held.meetings[0]));
    assert_eq!(store.present().len(), 1);
}

//! What each fuzz target checks, as plain functions that panic when a promise is broken.
//!
//! The fuzz targets call these with the fuzzer's bytes; the normal test suite
//! (`tests/fuzz_regressions.rs`) includes this file and calls them with every input the
//! fuzzer ever found (`fuzz/regressions/<target>/`), so a finding stays fixed.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dagsorden::archive::Archive;
use dagsorden::export::markdown::{DocKind, MarkdownOptions, meeting_markdown};
use dagsorden::lang::Lang;
use pulldown_cmark::{Event, Parser, Tag};

/// The sample forum the single-file targets load their meeting file into.
const SAMPLE_FORUM: &str = include_str!("../../agendas/forum.toml");
/// Where the single-file targets write their meeting file (the sample's body and date).
const MEETING_FILE: &str = "2017/2017-09-08-sdf.toml";
/// The sample's reference meeting, for the targets that need a whole archive.
const SAMPLE_MEETING: &str = include_str!("../../agendas/2017/2017-09-08-sdf.toml");
/// Separates the files of one `load_archive` input: forum.toml, a meeting, a year plan.
pub const FILE_SEPARATOR: &[u8] = b"\n%%%%\n";

thread_local! {
    /// One archive folder per thread, its files rewritten for each input: creating a
    /// folder per input would measure the file system, not the code.
    static FOLDER: RefCell<Option<tempfile::TempDir>> = const { RefCell::new(None) };
    /// The thread's cache folder, for `cache_files`.
    static CACHE: RefCell<Option<tempfile::TempDir>> = const { RefCell::new(None) };
}

/// Writes `files` (path, bytes) into the thread's archive folder, emptied first, and
/// returns the folder.
fn archive_with(files: &[(&str, &[u8])]) -> PathBuf {
    FOLDER.with(|cell| {
        let mut cell = cell.borrow_mut();
        let dir = cell.get_or_insert_with(|| tempfile::tempdir().expect("a temporary folder"));
        let root = dir.path().to_path_buf();
        for sub in ["2017", "calendar"] {
            let _ = std::fs::remove_dir_all(root.join(sub));
        }
        for (rel, bytes) in files {
            let path = root.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("a folder in the archive");
            }
            std::fs::write(&path, bytes).expect("a file in the archive");
        }
        root
    })
}

fn load(root: &Path) -> Archive {
    Archive::load_checked(root).expect("the folder holds a forum.toml")
}

/// No character that could act on a terminal or hide text: only newlines may remain.
fn assert_inert(what: &str, text: &str) {
    if let Some((at, c)) = text
        .char_indices()
        .find(|&(_, c)| c != '\n' && dagsorden::text::is_hidden(c))
    {
        panic!("{what}: hidden character U+{:04X} at byte {at}", c as u32);
    }
}

/// Loading a meeting file never panics, and every problem found is reported as inert text
/// with a line and column inside the file.
pub fn load_meeting(data: &[u8]) {
    let root = archive_with(&[
        ("forum.toml", SAMPLE_FORUM.as_bytes()),
        (MEETING_FILE, data),
    ]);
    let archive = load(&root);
    assert!(
        archive.meetings.len() <= 1,
        "one file gave several meetings"
    );
    let lines = data.split(|&b| b == b'\n').count();
    for d in &archive.diagnostics {
        for lang in [dagsorden::lang::Lang::Da, dagsorden::lang::Lang::En] {
            assert_inert(
                "a diagnostic",
                &dagsorden::text::sanitize_multiline(&d.render(lang)),
            );
        }
        assert!(
            d.site.line <= lines,
            "a diagnostic names line {} of a file of {lines}",
            d.site.line
        );
    }
    // What the loader accepts, the save path's check accepts too (else no edit could save).
    if let Ok(text) = std::str::from_utf8(data)
        && !archive.meetings.is_empty()
    {
        let text = text
            .strip_prefix('\u{feff}')
            .unwrap_or(text)
            .replace("\r\n", "\n");
        dagsorden::archive::check_text(Path::new(MEETING_FILE), &text)
            .expect("a loaded file passes the save check");
    }
}

/// The whole archive from three files (forum.toml, a meeting, a year plan): loading, the
/// calendar, follow-ups and the .ics export never panic, and the .ics holds no raw control.
pub fn load_archive(data: &[u8]) {
    let mut parts = split(data, FILE_SEPARATOR);
    let forum = parts.next().unwrap_or_default();
    let meeting = parts.next().unwrap_or_default();
    let plan = parts.next().unwrap_or_default();
    let root = archive_with(&[
        ("forum.toml", forum),
        (MEETING_FILE, meeting),
        ("calendar/2017.toml", plan),
    ]);
    let archive = load(&root);
    let today = NaiveDate::from_ymd_opt(2017, 10, 1).expect("a date");
    let schedule = dagsorden::calendar::schedule(&archive);
    let _ = dagsorden::followup::list::entries(&archive, &schedule, today);
    for lang in [Lang::Da, Lang::En] {
        let year = dagsorden::calendar::year::overview(&archive, &schedule, 2017, today);
        let ics = dagsorden::export::ics::calendar_ics(&archive, &year, lang, today);
        // .ics lines end in CRLF; nothing else may be a control.
        assert_inert("the .ics", &ics.replace("\r\n", "\n"));
        assert!(!ics.contains("\n\r") && !ics.replace("\r\n", "").contains(['\r']));
        // Components begin and end on lines of their own; the same words inside a value
        // (a forum named "BEGIN:VEVENT") are text on the value's line.
        let lines: Vec<&str> = ics.split("\r\n").collect();
        for component in ["VCALENDAR", "VEVENT", "VTIMEZONE", "STANDARD", "DAYLIGHT"] {
            let begins = lines
                .iter()
                .filter(|l| **l == format!("BEGIN:{component}"))
                .count();
            let ends = lines
                .iter()
                .filter(|l| **l == format!("END:{component}"))
                .count();
            assert_eq!(begins, ends, "unbalanced {component}");
        }
        let md = dagsorden::export::calendar::calendar_markdown(&archive, &year, lang);
        assert_inert("the calendar's Markdown", &md);
    }
    for m in &archive.meetings {
        let opts = MarkdownOptions {
            kind: DocKind::Minutes,
            public: false,
            lang: Lang::Da,
        };
        assert_safe_markdown(&meeting_markdown(&archive, m, &opts), data.len());
    }
}

fn split<'a>(data: &'a [u8], sep: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut rest = Some(data);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.windows(sep.len()).position(|w| w == sep) {
            Some(i) => {
                rest = Some(&r[i + sep.len()..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// The edit layer's TOML round trip: a file re-printed without a change is byte for byte
/// the file, and a title edit changes only the title's bytes and keeps the file's shape.
pub fn edit_roundtrip(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let unchanged = dagsorden::store::edit_text(text, |_| Ok(()));
    let Ok(unchanged) = unchanged else {
        return;
    };
    assert_eq!(
        unchanged, None,
        "a file re-printed without a change differs"
    );

    // Only a file the loader reads is ever edited.
    let plain = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    if dagsorden::archive::check_text(Path::new(MEETING_FILE), &plain).is_err() {
        return;
    }
    assert_local_edit(text, 0, "title", "Ny titel \"med\" æøå");
}

/// Sets item `index`'s text field `key` (title, background, presenter) in `text`, a file
/// the loader reads, and checks that the result still loads, keeps the file's shape (BOM,
/// line endings, final newline), and differs from `text` only within the old value (or by
/// an insertion, where the field was not there).
pub fn assert_local_edit(text: &str, index: usize, key: &str, value: &str) {
    let edited = dagsorden::store::edit_text(text, |doc| match key {
        "title" => dagsorden::edit::set_item_title(doc, index, value),
        _ => dagsorden::edit::set_item_text(doc, index, key, value),
    });
    let Ok(Some(edited)) = edited else {
        return;
    };
    let new_plain = edited
        .strip_prefix('\u{feff}')
        .unwrap_or(&edited)
        .replace("\r\n", "\n");
    dagsorden::archive::check_text(Path::new(MEETING_FILE), &new_plain)
        .expect("an edited file still loads");

    // The bytes of the file that changed lie within the old value (or were only added):
    // the BOM, every other line's ending and a missing final newline are as they were.
    let (plain, offsets) = plain_with_offsets(text);
    let prefix = common_prefix(text.as_bytes(), edited.as_bytes());
    let suffix = common_prefix_rev(&text.as_bytes()[prefix..], &edited.as_bytes()[prefix..]);
    let changed = prefix..text.len() - suffix;
    match value_span(&plain, index, key) {
        Some(span) => {
            let span = offsets[span.start]..offsets[span.end];
            assert!(
                span.start <= changed.start && changed.end <= span.end,
                "bytes {changed:?} changed outside the {key} at {span:?}"
            );
        }
        None => assert!(
            changed.is_empty(),
            "bytes {changed:?} changed adding a {key}"
        ),
    }
}

/// The text without a BOM and with LF line endings, as the loader reads it, and for each of
/// its bytes (and its end) the offset of that byte in `text`.
fn plain_with_offsets(text: &str) -> (String, Vec<usize>) {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut plain = String::new();
    let mut offsets = Vec::new();
    let mut chars = text[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
            continue;
        }
        let at = if c == '\n' && text[..start + i].ends_with('\r') {
            start + i - 1
        } else {
            start + i
        };
        for _ in 0..c.len_utf8() {
            offsets.push(at);
        }
        plain.push(c);
    }
    offsets.push(text.len());
    (plain, offsets)
}

/// Where item `index`'s value of `key` is, in the plain text.
fn value_span(plain: &str, index: usize, key: &str) -> Option<std::ops::Range<usize>> {
    let doc = toml_edit::Document::parse(plain.to_owned()).ok()?;
    let items = doc.get("items")?.as_array_of_tables()?;
    items.get(index)?.get(key)?.as_value()?.span()
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

fn common_prefix_rev(a: &[u8], b: &[u8]) -> usize {
    a.iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// A meeting file's minutes and agenda as Markdown: read back, they hold no raw HTML, no
/// link with an unsafe scheme, no control character, and their size is linear in the input.
pub fn markdown_export(data: &[u8]) {
    let root = archive_with(&[
        ("forum.toml", SAMPLE_FORUM.as_bytes()),
        (MEETING_FILE, data),
    ]);
    let archive = load(&root);
    for m in &archive.meetings {
        for (kind, public, lang) in [
            (DocKind::Minutes, false, Lang::Da),
            (DocKind::Minutes, true, Lang::En),
            (DocKind::Agenda, false, Lang::Da),
        ] {
            let opts = MarkdownOptions { kind, public, lang };
            assert_safe_markdown(&meeting_markdown(&archive, m, &opts), data.len());
        }
    }
}

/// The promises a published Markdown document keeps, whatever its input.
pub fn assert_safe_markdown(md: &str, input_len: usize) {
    assert_inert("the Markdown", md);
    // Each input byte may become a placeholder or an escape; labels add a fixed amount.
    assert!(
        md.len() <= 64 * input_len + 64 * 1024,
        "{} bytes of Markdown from {input_len} bytes of input",
        md.len()
    );
    for event in Parser::new_ext(md, dagsorden::export::sanitize_md::parser_options()) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in the Markdown: {h:?}"),
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                assert!(is_safe_link(&dest_url), "an unsafe link: {dest_url:?}");
            }
            _ => {}
        }
    }
}

/// A link a reader may follow: http(s), mailto, or relative (no scheme).
fn is_safe_link(url: &str) -> bool {
    let Some(colon) = url.find(':') else {
        return true;
    };
    if url.find(['/', '?', '#']).is_some_and(|path| path < colon) {
        return true;
    }
    matches!(
        url[..colon].to_ascii_lowercase().as_str(),
        "http" | "https" | "mailto"
    )
}

/// The TUI's Markdown renderer lays out any text at any width without a panic, and what it
/// draws holds no control character (hidden ones are shown as placeholders).
pub fn tui_markdown(data: &[u8]) {
    let Some((&w, rest)) = data.split_first() else {
        return;
    };
    let width = usize::from(w % 100) + 1;
    let text = String::from_utf8_lossy(rest);
    let theme = dagsorden::tui::theme::Theme::fallback();
    let lines = dagsorden::tui::widgets::markdown::render(&text, width, &theme);
    for line in &lines {
        for span in &line.spans {
            assert_inert("a rendered span", &span.content);
            assert!(
                !span.content.contains('\n'),
                "a newline inside a rendered line"
            );
        }
    }
}

/// The importer reads any page without a panic, and a meeting file it writes is one the
/// loader reads (`check_text` accepts it): an import never leaves a broken file.
pub fn import_text(data: &[u8]) {
    let (lines, _) = dagsorden::import::normalise::page(data);
    let party = |name: &str| match name {
        "Socialdirektørforum" | "SDF" => Some("sdf".to_owned()),
        "Forretningsudvalget" | "FU" => Some("fu".to_owned()),
        _ => None,
    };
    // Every layout family reads it, whichever it looks like.
    let _ = dagsorden::import::read_page(&lines, &party);
    let _ = dagsorden::import::municipal::read(&lines, &party);
    let _ = dagsorden::import::own_markdown::read(&lines, &party);
    let mut meeting = dagsorden::import::forum_text::read(&lines, &party);
    // Without a body or a date no file is written; with them, the file must load.
    meeting.body.get_or_insert_with(|| "sdf".to_owned());
    meeting
        .date
        .get_or_insert(NaiveDate::from_ymd_opt(2017, 9, 8).expect("a date"));
    let text = dagsorden::import::write::meeting_file(&meeting, "page.txt", &Default::default())
        .expect("body and date are set");
    if let Err(e) = dagsorden::archive::check_text(Path::new(MEETING_FILE), &text) {
        panic!(
            "the importer wrote a file the loader refuses: {}\n{text}",
            e.en
        );
    }
    let lines_in = data.split(|&b| b == b'\n').count();
    for d in &meeting.doubts {
        assert!(
            d.line <= lines_in,
            "a doubt names line {} of {lines_in}",
            d.line
        );
    }
}

/// The merge driver (`dagsorden merge-file`) on three texts (base, ours, theirs, separated
/// by [`FILE_SEPARATOR`]): it never panics; a merge it makes parses as TOML, keeps every
/// top-level key both sides kept, and records each conflict it reports.
pub fn merge_file(data: &[u8]) {
    let texts: Vec<String> = split(data, FILE_SEPARATOR)
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    let [base, ours, theirs] = [0, 1, 2].map(|i| texts.get(i).cloned().unwrap_or_default());
    let Ok(merged) = dagsorden::merge::merge(&base, &ours, &theirs, Lang::Da) else {
        return;
    };
    let table: toml::Table = match merged.text.parse() {
        Ok(t) => t,
        Err(e) => panic!("the merge does not parse: {e}\n{}", merged.text),
    };
    let keys = |text: &str| -> Vec<String> {
        text.parse::<toml::Table>()
            .map(|t| t.keys().cloned().collect())
            .unwrap_or_default()
    };
    let (o, t) = (keys(&ours), keys(&theirs));
    let b = keys(&base);
    for k in o.iter().filter(|k| t.contains(k) && b.contains(k)) {
        assert!(
            table.contains_key(k),
            "`{k}` was kept by both sides and lost\n{}",
            merged.text
        );
    }
    let recorded = dagsorden::merge::recorded(&merged.text);
    for field in &merged.conflicts {
        assert!(
            recorded.iter().any(|r| &r.field == field),
            "the conflict on `{field}` is not recorded\n{}",
            merged.text
        );
    }
}

/// Cache files whose checksums hold but whose bytes are anything (a damaged disk that a
/// checksum misses, or a crafted file): a load through the cache never panics and gives the
/// archive a load without it gives; a damaged segment or index of words never panics a
/// search, and the screens' load, its texts read back from the files, is the same too.
/// `data` is the payloads of the meeting's entry (its two parts: the meeting, the texts),
/// of its search segment, of the index of words, and of the segment's lines (its second
/// part), separated by `FILE_SEPARATOR`.
pub fn cache_files(data: &[u8]) {
    use dagsorden::archive::cache::{Cache, framed};
    use dagsorden::search::stored::{Lines, SegmentStore};
    use dagsorden::search::words::WordIndex;
    use dagsorden::search::{Query, SearchIndex};

    let mut parts = split(data, FILE_SEPARATOR);
    let entry = parts.next().unwrap_or_default();
    let texts = parts.next().unwrap_or_default();
    let segment = parts.next().unwrap_or_default();
    let words = parts.next().unwrap_or_default();
    let lines = parts.next().unwrap_or_default();
    let root = archive_with(&[
        ("forum.toml", SAMPLE_FORUM.as_bytes()),
        (MEETING_FILE, SAMPLE_MEETING.as_bytes()),
    ]);
    let base = CACHE.with(|cell| {
        let mut cell = cell.borrow_mut();
        let dir = cell.get_or_insert_with(|| tempfile::tempdir().expect("a temporary folder"));
        dir.path().to_path_buf()
    });
    let cache = Cache::in_folder(&base, &root).expect("a cache folder");
    let plain = Archive::load(&root).expect("the sample loads");
    Archive::load_cached(&root, cache.clone()).expect("the sample loads");
    let mut bytes = framed(entry);
    bytes.extend_from_slice(&framed(texts));
    std::fs::write(cache.entry_file(Path::new(MEETING_FILE)), &bytes).expect("written");
    let mut screens = Archive::load_for_screens(&root, cache.clone()).expect("the sample loads");
    for i in 0..screens.meetings.len() {
        screens.hold_texts(i);
    }
    assert_eq!(screens.meetings, plain.meetings);
    assert_eq!(screens.diagnostics, plain.diagnostics);
    std::fs::write(cache.entry_file(Path::new(MEETING_FILE)), &bytes).expect("written");
    let loaded = Archive::load_cached(&root, cache.clone()).expect("the sample loads");
    assert_eq!(loaded.meetings, plain.meetings);
    assert_eq!(loaded.diagnostics, plain.diagnostics);

    let store = SegmentStore::new(&cache);
    let _ = std::fs::create_dir_all(store.dir());
    let meeting = &plain.meetings[0];
    let name = format!(
        "{:016x}-{:016x}.bin",
        dagsorden::archive::cache::path_hash(&meeting.file),
        meeting.conversion_key
    );
    let mut bytes = framed(segment);
    bytes.extend_from_slice(&framed(lines));
    std::fs::write(store.dir().join(name), bytes).expect("written");
    std::fs::write(store.dir().join("words.bin"), framed(words)).expect("written");
    let queries = [
        "psyk",
        "\"national koordination\"",
        "s body:sdf",
        "tag:x outcome:afvist",
    ];
    if let Ok(s) = store.read(&meeting.file, meeting.conversion_key, Lines::Held) {
        let index = SearchIndex::from_segments(vec![s]);
        for q in queries {
            let _ = index.search(&Query::parse(q));
        }
    }
    if let Ok(s) = store.read(&meeting.file, meeting.conversion_key, Lines::Away) {
        for q in queries.map(Query::parse) {
            if q.phrases.is_empty() {
                let _ = s.hits(&q);
            }
        }
    }
    if let Ok(w) = WordIndex::open(store.dir()) {
        for q in queries.iter().chain(&["psyk body:sdf year:2017"]) {
            let _ = w.candidates(&Query::parse(q));
        }
        for n in 0..w.meeting_count().min(64) {
            let _ = w.meeting(n);
        }
        let _ = w.archive_state(&root);
    }
    // Whatever the damaged cache hands over is shown as the command shows it.
    let q = Query::parse("psyk");
    let _ = dagsorden::search::quick::search(&root, &cache, &q, |m, hits| {
        hits.iter()
            .map(|h| dagsorden::search::describe_hit(m, h, &q, 60))
            .filter(|(_, snippet)| snippet.is_some())
            .count()
    });
}

//! Raw file structs → domain values, checking everything one file can check given what the
//! whole archive holds (`Known`): bodies, meetings, items and calendar events.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveTime};
use toml::Spanned;
use toml::value::Datetime;

use super::diagnostic::{Diagnostic, Severity, Site, SourceText};
use super::lookup::{AttachmentCheck, Lookup};
use super::raw::*;
use crate::lang::{Lang, Said, parse_weekday};
use crate::model::followup::{VaguePeriod, valid_month_day};
use crate::model::*;
use crate::said;

/// What the whole archive holds, gathered before any file is converted, so that each file's
/// references can be checked on their own.
#[derive(Debug, Default)]
pub struct Known {
    /// Whether forum.toml loaded; without it, body ids cannot be checked.
    pub forum_loaded: bool,
    pub bodies: HashSet<BodyId>,
    /// Every known meeting: with its item numbers when it has a meeting file,
    /// `None` when it is only in a year plan.
    pub meetings: HashMap<MeetingId, Option<HashSet<ItemNo>>>,
    pub events: HashSet<String>,
    /// Report control, bidi and invisible characters in every file (`check`).
    pub scan_hidden: bool,
}

/// Converts one file, collecting its diagnostics.
pub struct Converter<'a> {
    src: SourceText<'a>,
    known: &'a Known,
    pub diagnostics: Vec<Diagnostic>,
    /// Every follow-up id with where it was defined, for the archive-wide duplicate check.
    pub followup_sites: Vec<(String, Site)>,
    /// What the conversion asked of the rest of the archive (see [`Lookup`]).
    pub lookups: Vec<Lookup>,
    /// Tells whether attachments are there and stay inside the archive (made once per file).
    attachments: Option<AttachmentCheck>,
    asked_bodies: bool,
}

impl<'a> Converter<'a> {
    pub fn new(file: &'a Path, text: &'a str, known: &'a Known) -> Self {
        Converter {
            src: SourceText::new(file, text),
            known,
            diagnostics: Vec::new(),
            followup_sites: Vec::new(),
            lookups: Vec::new(),
            attachments: None,
            asked_bodies: false,
        }
    }

    fn event_defined(&mut self, id: &str) -> bool {
        let defined = self.known.events.contains(id);
        self.lookups.push(Lookup::Event(id.to_owned(), defined));
        defined
    }

    fn report(
        &mut self,
        severity: Severity,
        span: Range<usize>,
        message: Said,
        hint: Option<Said>,
    ) {
        let mut d = Diagnostic::new(severity, self.src.site(span), message);
        d.hint = hint;
        self.diagnostics.push(d);
    }

    fn error(&mut self, span: Range<usize>, message: Said) {
        self.report(Severity::Error, span, message, None);
    }

    fn error_hint(&mut self, span: Range<usize>, message: Said, hint: Said) {
        self.report(Severity::Error, span, message, Some(hint));
    }

    fn warning_hint(&mut self, span: Range<usize>, message: Said, hint: Said) {
        self.report(Severity::Warning, span, message, Some(hint));
    }

    // ---- values ------------------------------------------------------------------------

    fn date(&mut self, value: &SDate) -> Option<NaiveDate> {
        let dt: &Datetime = value.get_ref();
        match (dt.date, dt.time) {
            (Some(d), None) => {
                let date = NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into());
                if date.is_none() {
                    self.error(
                        value.span(),
                        said!("{dt} er ikke en dato i kalenderen"; "{dt} is not a date in the calendar"),
                    );
                }
                date
            }
            _ => {
                self.error_hint(
                    value.span(),
                    said!("her skal stå en dato, ikke `{dt}`"; "expected a date, found `{dt}`"),
                    said!("skriv kun datoen, fx `2018-02-09`"; "write just the date, e.g. `2018-02-09`"),
                );
                None
            }
        }
    }

    fn time(&mut self, value: &SDate) -> Option<NaiveTime> {
        let dt: &Datetime = value.get_ref();
        match (dt.date, dt.time) {
            (None, Some(t)) => NaiveTime::from_hms_opt(
                t.hour.into(),
                t.minute.into(),
                t.second.unwrap_or(0).into(),
            ),
            _ => {
                self.error_hint(
                    value.span(),
                    said!("her skal stå et klokkeslæt, ikke `{dt}`"; "expected a time of day, found `{dt}`"),
                    said!(
                        "skriv tiden som `09:00:00`, uden anførselstegn";
                        "write the time as `09:00:00`, without quotes"
                    ),
                );
                None
            }
        }
    }

    fn opt_date(&mut self, value: &Option<SDate>) -> Option<NaiveDate> {
        value.as_ref().and_then(|v| self.date(v))
    }

    fn opt_time(&mut self, value: &Option<SDate>) -> Option<NaiveTime> {
        value.as_ref().and_then(|v| self.time(v))
    }

    /// A value from a fixed list of keys (`kind`, `status`, `outcome` …); `what` names the
    /// field in Danish and English.
    fn key<T: Copy>(
        &mut self,
        value: &SStr,
        what: (&str, &str),
        all: &[T],
        key: fn(T) -> &'static str,
    ) -> Option<T> {
        let found = all.iter().copied().find(|v| key(*v) == value.get_ref());
        if found.is_none() {
            let keys: Vec<_> = all.iter().map(|v| key(*v)).collect();
            let (what_da, what_en) = what;
            let hint = with_suggestion(
                closest(value.get_ref(), &keys),
                said!("{what_da} er en af: {}", keys.join(", "); "{what_en} is one of: {}", keys.join(", ")),
            );
            let v = value.get_ref();
            self.error_hint(
                value.span(),
                said!("ukendt {what_da} `{v}`"; "unknown {what_en} `{v}`"),
                hint,
            );
        }
        found
    }

    fn body(&mut self, value: &SStr) -> Option<BodyId> {
        let id: BodyId = match value.get_ref().parse() {
            Ok(id) => id,
            Err(e) => {
                self.error(value.span(), e.said());
                return None;
            }
        };
        // Asked once per file: the answer is the same for every body the file names.
        if !self.asked_bodies {
            self.asked_bodies = true;
            self.lookups.push(Lookup::Bodies(self.known.bodies_key()));
        }
        if self.known.forum_loaded && !self.known.bodies.contains(&id) {
            let mut bodies: Vec<_> = self.known.bodies.iter().map(BodyId::as_str).collect();
            bodies.sort_unstable();
            let listed = bodies.join(", ");
            let hint = with_suggestion(
                closest(id.as_str(), &bodies),
                said!("organerne i forum.toml er: {listed}"; "the bodies in forum.toml are: {listed}"),
            );
            self.error_hint(
                value.span(),
                said!("ukendt organ `{id}`"; "unknown body `{id}`"),
                hint,
            );
            return None;
        }
        Some(id)
    }

    fn opt_body(&mut self, value: &Option<SStr>) -> Option<BodyId> {
        value.as_ref().and_then(|v| self.body(v))
    }

    /// A reference to a meeting or item, which must exist in the archive or a year plan.
    fn item_ref(&mut self, value: &SStr) -> Option<ItemRef> {
        let r: ItemRef = match value.get_ref().parse() {
            Ok(r) => r,
            Err(e) => {
                self.error(value.span(), e.said());
                return None;
            }
        };
        self.lookups.push(Lookup::Meeting(
            r.meeting.clone(),
            self.known.meeting_key(&r.meeting),
        ));
        match self.known.meetings.get(&r.meeting) {
            None => {
                self.error_hint(
                    value.span(),
                    said!(
                        "henvisning til et ukendt møde `{}`", r.meeting;
                        "reference to unknown meeting `{}`", r.meeting
                    ),
                    said!(
                        "et møde skal have en fil (ÅÅÅÅ/ÅÅÅÅ-MM-DD-organ.toml) eller stå i calendar/ÅÅÅÅ.toml";
                        "a meeting must have a file (YYYY/YYYY-MM-DD-body.toml) or be listed in calendar/YYYY.toml"
                    ),
                );
                None
            }
            Some(Some(items)) if r.item.as_ref().is_some_and(|n| !items.contains(n)) => {
                let mut numbers: Vec<_> = items.iter().cloned().collect();
                numbers.sort_unstable();
                let numbers = numbers
                    .iter()
                    .map(ItemNo::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                let meeting = &r.meeting;
                let item = r.item.as_ref().map(ItemNo::to_string).unwrap_or_default();
                self.error_hint(
                    value.span(),
                    said!("mødet {meeting} har intet punkt {item}"; "meeting {meeting} has no item {item}"),
                    said!("dets punkter har numrene {numbers}"; "its items are numbered {numbers}"),
                );
                None
            }
            Some(_) => Some(r),
        }
    }

    fn meeting_ref(&mut self, value: &SStr) -> Option<MeetingId> {
        let r = self.item_ref(value)?;
        if r.item.is_some() {
            self.error(
                value.span(),
                said!(
                    "her skal stå et møde, ikke et punkt: skriv `{}`", r.meeting;
                    "expected a meeting, not an item: write `{}`", r.meeting
                ),
            );
            return None;
        }
        Some(r.meeting)
    }

    fn check_weekday(&mut self, stated: &Option<SStr>, date: NaiveDate) {
        let Some(stated) = stated else { return };
        match parse_weekday(stated.get_ref()) {
            None => self.error_hint(
                stated.span(),
                not_a_weekday(stated.get_ref()),
                weekday_hint(),
            ),
            Some(day) if day != date.weekday() => {
                let when = date.format("%Y-%m-%d");
                let (is_da, is_en) = (
                    Lang::Da.weekday(date.weekday()),
                    Lang::En.weekday(date.weekday()),
                );
                let (not_da, not_en) = (Lang::Da.weekday(day), Lang::En.weekday(day));
                self.error_hint(
                    stated.span(),
                    said!(
                        "{when} er en {is_da}, ikke en {not_da}";
                        "{when} is a {is_en} ({is_da}), not a {not_en} ({not_da})"
                    ),
                    said!(
                        "ret ugedagen eller datoen; en af dem er forkert";
                        "correct the weekday or the date; one of them is wrong"
                    ),
                )
            }
            Some(_) => {}
        }
    }

    fn check_times(
        &mut self,
        start: Option<NaiveTime>,
        end_value: &Option<SDate>,
        end: Option<NaiveTime>,
    ) {
        if let (Some(start), Some(end), Some(value)) = (start, end, end_value)
            && end <= start
        {
            let (end_da, start_da) = (end.format("%H.%M"), start.format("%H.%M"));
            let (end, start) = (end.format("%H:%M"), start.format("%H:%M"));
            self.error(
                value.span(),
                said!(
                    "slutter kl. {end_da}, men begynder kl. {start_da}: slutningen skal ligge efter begyndelsen";
                    "ends at {end} but starts at {start}: the end must be after the start"
                ),
            );
        }
    }

    fn people(raw: &[RawPerson]) -> Vec<Person> {
        raw.iter()
            .map(|p| Person {
                name: p.name.clone(),
                organisation: p.organisation.clone(),
            })
            .collect()
    }

    /// Reports every control, escape, bidi, NUL or invisible character in the file, written
    /// as it is or as a TOML escape (`\u001b`), at its line and column; a warning, since the
    /// file still loads and every screen and document shows such a character as a
    /// placeholder. At most a few per file, then how many more.
    pub fn hidden_characters(&mut self) {
        if !self.known.scan_hidden {
            return;
        }
        const SHOWN: usize = 5;
        let text = self.src.text;
        let mut found: Vec<(std::ops::Range<usize>, char)> = Vec::new();
        let mut count = 0;
        let bytes = text.as_bytes();
        let mut note = |hit: (std::ops::Range<usize>, char)| {
            count += 1;
            if found.len() < SHOWN {
                found.push(hit);
            }
        };
        let mut i = 0;
        while let Some(skip) = next_interesting(&bytes[i..]) {
            i += skip;
            let b = bytes[i];
            // A two-byte Latin letter (U+00C0–U+024F: æ, ø, å, é …) needs no look-up.
            if (0xc3..=0xc9).contains(&b) {
                i += 2;
                continue;
            }
            if b >= 0x80 {
                let c = text[i..].chars().next().unwrap_or(' ');
                if crate::text::is_hidden(c) {
                    note((i..i + c.len_utf8(), c));
                }
                i += c.len_utf8();
                continue;
            }
            if b == b'\\' {
                // `\uXXXX` or `\UXXXXXXXX` in a string: the character it stands for.
                let (len, digits) = match bytes.get(i + 1) {
                    Some(b'u') => (4, text.get(i + 2..i + 6)),
                    Some(b'U') => (8, text.get(i + 2..i + 10)),
                    _ => (0, None),
                };
                if let Some(e) = digits
                    .and_then(|d| u32::from_str_radix(d, 16).ok())
                    .and_then(char::from_u32)
                    .filter(|e| crate::text::is_hidden(*e) && *e != '\n' && *e != '\t')
                {
                    note((i..i + 2 + len, e));
                }
                // Past the backslash and what it escapes (`\\` is one backslash).
                i += 2;
                continue;
            }
            if b != b'\n' && b != b'\t' {
                note((i..i + 1, b as char));
            }
            i += 1;
        }
        for (span, c) in found {
            let name = hidden_name(c);
            self.warning_hint(
                span,
                said!("{} i teksten", name.da; "{} in the text", name.en),
                said!(
                    "fjern det: et styre- eller retningstegn kan skjule, vende eller omdøbe tekst; det vises som en pladsholder";
                    "remove it: a control or bidi character can hide, reorder or retitle text; it is shown as a placeholder"
                ),
            );
        }
        if count > SHOWN {
            let more = count - SHOWN;
            self.warning_hint(
                0..0,
                said!("{more} flere sådanne tegn i filen"; "{more} more such characters in this file"),
                said!(
                    "søg efter dem i et redigeringsprogram, der viser usynlige tegn";
                    "search the file for them in an editor that shows invisible characters"
                ),
            );
        }
    }

    /// Fields changed two ways in a merge: each an error until it is resolved.
    fn conflicts(&mut self, raw: &[RawConflict]) {
        for c in raw {
            let field = c.field.get_ref();
            let readable = [&c.mine, &c.theirs]
                .into_iter()
                .flatten()
                .all(|v| format!("v = {v}").parse::<toml::Table>().is_ok());
            if !readable {
                self.error(
                    c.field.span(),
                    said!(
                        "en udgave i konflikten om `{field}` kan ikke læses";
                        "a version in the conflict on `{field}` cannot be read"
                    ),
                );
            }
            self.error_hint(
                c.field.span(),
                Said::new(
                    format!("uløst sammenfletningskonflikt: `{field}` blev ændret to steder"),
                    format!(
                        "{}: `{field}` was changed in two places",
                        super::diagnostic::MERGE_CONFLICT
                    ),
                ),
                said!(
                    "begge udgaver står i [[conflicts]] (mine er din, theirs den andens): tast C i dagsorden for at se dem side om side og vælge, eller ret feltet, og slet tabellen";
                    "both versions are in [[conflicts]] (mine is yours, theirs the other's): press C in dagsorden to see them side by side and choose, or fix the field and delete the table"
                ),
            );
        }
    }

    // ---- forum.toml --------------------------------------------------------------------

    pub fn forum(&mut self, raw: &RawForum) -> Forum {
        self.hidden_characters();
        self.conflicts(&raw.conflicts);
        let language = match &raw.language {
            Some(l) => l
                .get_ref()
                .parse()
                .unwrap_or_else(|e: crate::lang::LangError| {
                    self.error(l.span(), e.said());
                    Lang::Da
                }),
            None => Lang::Da,
        };
        let mut seen: HashMap<String, Range<usize>> = HashMap::new();
        let mut bodies = Vec::new();
        for b in &raw.bodies {
            let id: BodyId = match b.id.get_ref().parse() {
                Ok(id) => id,
                Err(e) => {
                    self.error(b.id.span(), e.said());
                    continue;
                }
            };
            if let Some(first) = seen.insert(id.to_string(), b.id.span()) {
                let line = self.src.site(first).line;
                self.error_hint(
                    b.id.span(),
                    said!("organet `{id}` står to gange"; "body `{id}` is defined twice"),
                    said!("første gang på linje {line}"; "first defined on line {line}"),
                );
                continue;
            }
            let start = self.opt_time(&b.start);
            let end = self.opt_time(&b.end);
            self.check_times(start, &b.end, end);
            bodies.push(Body {
                short: if b.short.is_empty() {
                    id.as_str().to_uppercase()
                } else {
                    b.short.clone()
                },
                id,
                name: b.name.clone(),
                place: b.place.clone(),
                start,
                end,
                recommends_to: None,
                items_due_days: b.items_due_days,
                agenda_sent_days: b.agenda_sent_days,
                min_gap_days: b.min_gap_days,
                meetings_per_year: b.meetings_per_year,
                weekday: b.weekday.as_ref().and_then(|w| {
                    let day = parse_weekday(w.get_ref());
                    if day.is_none() {
                        self.error_hint(w.span(), not_a_weekday(w.get_ref()), weekday_hint());
                    }
                    day
                }),
                gap_days: b.gap_days,
                agenda_approval: b.agenda_approval,
                running_numbers: b.running_numbers,
                members: Self::people(&b.members),
            });
        }
        // `recommends_to` may name a body defined further down.
        let ids: HashSet<String> = bodies.iter().map(|b| b.id.to_string()).collect();
        for (body, raw_body) in bodies.iter_mut().zip(
            raw.bodies
                .iter()
                .filter(|b| b.id.get_ref().parse::<BodyId>().is_ok()),
        ) {
            if let Some(to) = &raw_body.recommends_to {
                if ids.contains(to.get_ref()) && to.get_ref() != body.id.as_str() {
                    body.recommends_to = to.get_ref().parse().ok();
                } else {
                    let mut listed: Vec<_> = ids.iter().cloned().collect();
                    listed.sort_unstable();
                    let listed = listed.join(", ");
                    let to = to.get_ref();
                    self.error_hint(
                        raw_body.recommends_to.as_ref().map_or(0..0, |t| t.span()),
                        said!(
                            "`recommends_to` nævner `{to}`, som ikke er et andet organ her";
                            "`recommends_to` names `{to}`, which is not another body here"
                        ),
                        said!("organerne er: {listed}"; "the bodies are: {listed}"),
                    );
                }
            }
        }
        let mut avoid_months = Vec::new();
        for m in &raw.avoid_months {
            if (1..=12).contains(m.get_ref()) {
                avoid_months.push(*m.get_ref());
            } else {
                self.error_hint(
                    m.span(),
                    said!("{} er ikke en måned", m.get_ref(); "{} is not a month", m.get_ref()),
                    said!(
                        "månederne har numrene 1 (januar) til 12 (december)";
                        "months are numbered 1 (January) to 12 (December)"
                    ),
                );
            }
        }
        Forum {
            name: raw.name.clone(),
            secretariat: raw.secretariat.clone(),
            language,
            bodies,
            avoid_months,
        }
    }

    // ---- meeting files -----------------------------------------------------------------

    /// `id` comes from the file name; `meeting_dir` is the meeting file's folder on disk and
    /// `root` the archive root (both absolute), for the attachment checks.
    /// The long texts are moved out of `raw` (which is not read for them again), not
    /// copied: at 10,000 meetings copying them was about a twentieth of a cold load.
    pub fn meeting(
        &mut self,
        raw: &mut RawMeeting,
        id: &MeetingId,
        file: PathBuf,
        meeting_dir: &Path,
        root: &Path,
    ) -> Meeting {
        self.hidden_characters();
        self.conflicts(&raw.conflicts);
        let date = self.date(&raw.date);
        if date.is_some_and(|d| d != id.date) {
            self.error_hint(
                raw.date.span(),
                said!(
                    "datoen er en anden end filnavnets, som siger {}", id.date.format("%Y-%m-%d");
                    "the date differs from the file name, which says {}", id.date.format("%Y-%m-%d")
                ),
                said!(
                    "en mødefil hedder ÅÅÅÅ-MM-DD-organ.toml efter sin dato: ret datoen eller omdøb filen";
                    "a meeting file is named YYYY-MM-DD-body.toml after its date: fix the date or rename the file"
                ),
            );
        }
        if let Some(body) = self.body(&raw.body)
            && body != id.body
        {
            self.error_hint(
                raw.body.span(),
                said!(
                    "organet er et andet end filnavnets, som siger `{}`", id.body;
                    "the body differs from the file name, which says `{}`", id.body
                ),
                said!("ret organet eller omdøb filen"; "fix the body or rename the file"),
            );
        }
        self.check_weekday(&raw.weekday, id.date);
        let start = self.opt_time(&raw.start);
        let end = self.opt_time(&raw.end);
        self.check_times(start, &raw.end, end);
        let published = self.opt_date(&raw.published);
        let agenda_published = self.opt_date(&raw.agenda_published);
        let source = raw.source.as_ref().and_then(|s| self.source_url(s));
        let status = self
            .key(
                &raw.status,
                ("status", "status"),
                &MeetingStatus::ALL,
                MeetingStatus::key,
            )
            .unwrap_or(MeetingStatus::Planned);
        let prepares = raw.prepares.as_ref().and_then(|p| {
            let target = self.meeting_ref(p)?;
            if target.date <= id.date {
                self.error_hint(
                    p.span(),
                    said!(
                        "dette møde ({}) ligger ikke før det møde, det forbereder ({target})", id.date;
                        "this meeting ({}) is not before the meeting it prepares ({target})", id.date
                    ),
                    prepares_hint(),
                );
            }
            Some(target)
        });
        let attendance = Attendance {
            participants: Self::people(&raw.attendance.participants),
            apologies: Self::people(&raw.attendance.apologies),
            guests: Self::people(&raw.attendance.guests),
            guest_apologies: Self::people(&raw.attendance.guest_apologies),
        };

        let mut numbers: HashMap<ItemNo, Range<usize>> = HashMap::new();
        let mut items = Vec::with_capacity(raw.items.len());
        for (file_index, raw_item) in raw.items.iter_mut().enumerate() {
            let Some(number) = self.item_no(&raw_item.number) else {
                continue;
            };
            if let Some(first) = numbers.insert(number.clone(), raw_item.number.span()) {
                let line = self.src.site(first).line;
                self.error_hint(
                    raw_item.number.span(),
                    said!(
                        "punktnummer {number} er brugt to gange i dette møde";
                        "item number {number} is used twice in this meeting"
                    ),
                    said!(
                        "det første punkt {number} står på linje {line}; giv hvert punkt sit eget nummer (huller er tilladt)";
                        "the first item {number} is on line {line}; give each item its own number (gaps are allowed)"
                    ),
                );
                continue;
            }
            let origin = ItemRef::item(id.clone(), number.clone());
            let mut item = self.item(raw_item, number, origin, meeting_dir, root);
            item.file_index = file_index;
            items.push(item);
        }
        // Items are held in the order they were taken: `order` first, the rest by number.
        let order = self.taken_order(&raw.order, &numbers);
        items.sort_by_cached_key(|i| {
            let taken = order.iter().position(|n| *n == i.number);
            (taken.unwrap_or(usize::MAX), i.number.clone())
        });
        Meeting {
            id: id.clone(),
            title: raw.title.clone(),
            start,
            end,
            place: raw.place.clone().unwrap_or_default(),
            published,
            agenda_published,
            source,
            order,
            status,
            prepares,
            with: self.parties(&raw.with),
            attendance,
            items,
            file,
            source_hash: 0,
            conversion_key: 0,
        }
    }

    /// A source page's address: one line, an `http(s)` URL.
    fn source_url(&mut self, value: &SStr) -> Option<String> {
        let url = value.get_ref().trim();
        let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
        if !scheme_ok || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            self.error_hint(
                value.span(),
                said!("`source` er ikke en webadresse"; "`source` is not a web address"),
                said!(
                    "skriv adressen på den offentliggjorte side, fx \"https://example.dk/referat/2017-09-08\"";
                    "write the address of the published page, e.g. \"https://example.dk/referat/2017-09-08\""
                ),
            );
            return None;
        }
        Some(url.to_owned())
    }

    /// An item number: `3`, or a sub-item as printed (`"3a"`, `"3.1"`).
    fn item_no(&mut self, raw: &Spanned<RawNumber>) -> Option<ItemNo> {
        let found = raw.get_ref().item_no();
        if found.is_none() {
            self.error_hint(
                raw.span(),
                said!(
                    "{} er ikke et punktnummer", raw.get_ref().written();
                    "{} is not an item number", raw.get_ref().written()
                ),
                said!(
                    "skriv et helt tal (`number = 3`) eller et underpunkt i anførselstegn: `number = \"3a\"` eller `\"3.1\"`";
                    "write a whole number (`number = 3`), or a sub-item in quotes: `number = \"3a\"` or `\"3.1\"`"
                ),
            );
        }
        found
    }

    /// `order`: every number an item of this meeting, each once.
    fn taken_order(
        &mut self,
        order: &[Spanned<RawNumber>],
        numbers: &HashMap<ItemNo, Range<usize>>,
    ) -> Vec<ItemNo> {
        let mut seen = HashSet::new();
        let mut out = Vec::with_capacity(order.len());
        for n in order {
            let Some(number) = self.item_no(n) else {
                continue;
            };
            if !numbers.contains_key(&number) {
                self.error_hint(
                    n.span(),
                    said!(
                        "`order` nævner punkt {number}, som mødet ikke har";
                        "`order` names item {number}, which this meeting does not have"
                    ),
                    said!(
                        "skriv numrene på filens punkter i den rækkefølge, de blev behandlet";
                        "list the numbers of this file's items in the order they were taken"
                    ),
                );
            } else if !seen.insert(number.clone()) {
                self.error(
                    n.span(),
                    said!("`order` nævner punkt {number} to gange"; "`order` names item {number} twice"),
                );
            } else {
                out.push(number);
            }
        }
        out
    }

    /// A recommending party or a step of a case route: a body id of the archive
    /// (lowercase, `fu`), or the name of a party outside it (`Administrationen`).
    fn party(&mut self, value: &SStr) -> Option<Party> {
        let text = value.get_ref().trim();
        if text.is_empty() {
            self.error_hint(
                value.span(),
                said!("navnet er tomt"; "the name is empty"),
                said!(
                    "skriv et organ fra forum.toml (fx `fu`) eller et navn som \"Administrationen\"";
                    "write a body id of forum.toml (e.g. `fu`) or a name such as \"Administrationen\""
                ),
            );
            return None;
        }
        match text.parse::<BodyId>() {
            Ok(_) => self.body(value).map(Party::Body),
            Err(_) => Some(Party::Outside(text.to_owned())),
        }
    }

    /// The other bodies of a joint meeting.
    fn parties(&mut self, raw: &[SStr]) -> Vec<Party> {
        raw.iter().filter_map(|w| self.party(w)).collect()
    }

    fn recommendation(&mut self, r: &mut RawRecommendation) -> Recommendation {
        let by = r.by.as_ref().and_then(|b| self.party(b));
        let stated = r.style.as_ref().and_then(|s| {
            self.key(
                s,
                ("opstillingsform", "clause style"),
                &ClauseStyle::ALL,
                ClauseStyle::key,
            )
        });
        if let (Some(ClauseStyle::Sentence), Some(s)) = (stated, &r.style)
            && r.clauses.len() > 1
        {
            self.error_hint(
                s.span(),
                said!(
                    "en indstilling skrevet som én sætning har ét led, ikke {}", r.clauses.len();
                    "a recommendation written as one sentence has one clause, not {}", r.clauses.len()
                ),
                said!(
                    "sæt sætningen i ét led, eller navngiv mærkerne: letters, numbers, dashes eller bullets";
                    "put the sentence in one clause, or name the markers: letters, numbers, dashes or bullets"
                ),
            );
        }
        let style = stated.unwrap_or_else(|| ClauseStyle::inferred(r.clauses.len()));
        Recommendation {
            by,
            lead: std::mem::take(&mut r.lead),
            clauses: std::mem::take(&mut r.clauses),
            style,
            style_stated: stated.is_some(),
        }
    }

    fn case(&mut self, raw: &RawCase) -> CaseData {
        let text = |t: &Option<String>| {
            t.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        CaseData {
            number: text(&raw.number),
            officer: text(&raw.officer),
            case_type: text(&raw.case_type),
            authority: text(&raw.authority),
            route: self.parties(&raw.route),
        }
    }

    fn item(
        &mut self,
        raw: &mut RawItem,
        number: ItemNo,
        origin: ItemRef,
        meeting_dir: &Path,
        root: &Path,
    ) -> Item {
        let kind = match &raw.kind {
            Some(k) => self
                .key(k, ("punkttype", "item kind"), &ItemKind::ALL, ItemKind::key)
                .unwrap_or(ItemKind::Other),
            None => ItemKind::Other,
        };
        let title = raw
            .title
            .as_ref()
            .map(|t| t.get_ref().trim().to_owned())
            .unwrap_or_default();
        if title.is_empty() && !raw.closed {
            let span = raw.title.as_ref().map_or(raw.number.span(), |t| t.span());
            self.error_hint(
                span,
                said!("punkt {number} har ingen titel"; "item {number} has no title"),
                said!(
                    "giv punktet dets titel, som den blev offentliggjort; kun et lukket punkt (`closed = true`) må være uden";
                    "give the item its title as published; only a closed item (`closed = true`) may leave it out"
                ),
            );
        }
        let recommendation = raw.recommendation.as_mut().map(|r| self.recommendation(r));
        let decision = raw.decision.as_mut().map(|d| {
            let clauses: Vec<ClauseDecision> = d
                .clauses
                .iter_mut()
                .filter_map(|c| {
                    Some(ClauseDecision {
                        outcome: self.key(&c.outcome, ("udfald", "outcome"), &Outcome::ALL, Outcome::key)?,
                        text: std::mem::take(&mut c.text),
                    })
                })
                .collect();
            // An item with no recommendation ("Godkendelse af dagsorden": "Godkendt.") is
            // decided in one clause.
            let recommended = recommendation
                .as_ref()
                .map_or(1, |r| r.clauses.len().max(1));
            if clauses.len() > recommended
                && let Some(extra) = d.clauses.get(recommended)
            {
                self.warning_hint(
                    extra.outcome.span(),
                    said!(
                        "beslutningen har {} led, men indstillingen har {recommended}", clauses.len();
                        "the decision has {} clause(s) but the recommendation has {recommended}", clauses.len()
                    ),
                    said!(
                        "hvert led i beslutningen svarer på indstillingens led på samme plads";
                        "each decision clause answers the recommendation clause at the same position"
                    ),
                );
            }
            Decision {
                heading: d
                    .heading
                    .as_deref()
                    .map(str::trim)
                    .filter(|h| !h.is_empty())
                    .map(str::to_owned),
                text: std::mem::take(&mut d.text),
                clauses,
                remarks: std::mem::take(&mut d.remarks),
            }
        });
        let attachments = raw
            .attachments
            .iter()
            .filter_map(|a| self.attachment(a, meeting_dir, root))
            .collect();
        let refs = raw.refs.iter().filter_map(|r| self.item_ref(r)).collect();
        let followups = raw
            .followups
            .iter()
            .filter_map(|f| self.followup(f, Some(origin.clone()), origin.meeting.date))
            .collect();
        let case = raw.case.as_ref().map(|c| self.case(c)).unwrap_or_default();
        let attendance = raw
            .attendance
            .as_ref()
            .map(|a| ItemAttendance {
                absent: Self::people(&a.absent),
                guests: Self::people(&a.guests),
            })
            .unwrap_or_default();
        Item {
            number,
            title,
            kind,
            closed: raw.closed,
            presenter: raw.presenter.clone(),
            summary: std::mem::take(&mut raw.summary),
            background: LongText::held(std::mem::take(&mut raw.background)),
            case,
            attendance,
            recommendation,
            decision,
            attachments,
            tags: raw
                .tags
                .iter()
                .map(|t| t.get_ref().to_lowercase())
                .collect(),
            refs,
            followups,
            answers: raw.answers.iter().map(|a| a.get_ref().clone()).collect(),
            file_index: 0,
        }
    }

    fn attachment(
        &mut self,
        raw: &RawAttachment,
        meeting_dir: &Path,
        root: &Path,
    ) -> Option<Attachment> {
        let rel = PathBuf::from(raw.path.get_ref());
        if rel.as_os_str().is_empty() || rel.is_absolute() || rel.has_root() {
            self.error_hint(
                raw.path.span(),
                said!(
                    "et bilags sti skal regnes fra mødefilen";
                    "attachment paths must be relative to the meeting file"
                ),
                said!(
                    "kopiér filen ind i mødets mappe (fx 2017-09-08-sdf/) og skriv stien fra mødefilen";
                    "copy the file into the meeting's folder (e.g. 2017-09-08-sdf/) and name it relative to the meeting file"
                ),
            );
            return None;
        }
        match resolve_inside(root, meeting_dir, &rel) {
            Some(full) => {
                // Follow links too: a link inside the archive must not lead out of it.
                let (is_file, escapes, unlinked) = self
                    .attachments
                    .get_or_insert_with(|| AttachmentCheck::new(root))
                    .state_seen(&full);
                self.lookups.push(Lookup::Attachment {
                    path: full.clone(),
                    is_file,
                    escapes,
                    unlinked,
                });
                if escapes {
                    self.error(
                        raw.path.span(),
                        said!(
                            "bilaget er et link, der fører uden for arkivet";
                            "the attachment is a link that leads outside the archive"
                        ),
                    );
                    return None;
                }
                if self.known.scan_hidden && full.is_file() && super::open::is_program(&full) {
                    self.warning_hint(
                        raw.path.span(),
                        said!(
                            "bilaget {} er et program", rel.display();
                            "the attachment {} is a program", rel.display()
                        ),
                        said!(
                            "skærmene åbner det ikke; erstat det med det dokument, det står for";
                            "the screens will not open it; replace it with the document it stands for"
                        ),
                    );
                }
                if !is_file {
                    let shown = self.src.file.parent().unwrap_or(Path::new("")).join(&rel);
                    self.warning_hint(
                        raw.path.span(),
                        said!(
                            "bilaget findes ikke: {}", rel.display();
                            "attachment not found: {}", rel.display()
                        ),
                        said!(
                            "læg filen på {} eller ret stien", shown.display();
                            "put the file at {} or correct the path", shown.display()
                        ),
                    );
                }
            }
            None => {
                self.error_hint(
                    raw.path.span(),
                    said!(
                        "bilagets sti fører uden for arkivet";
                        "the attachment path leads outside the archive"
                    ),
                    said!(
                        "bilag skal ligge inde i arkivets mappe";
                        "attachments must be inside the archive folder"
                    ),
                );
                return None;
            }
        }
        let title = raw.title.clone().unwrap_or_else(|| {
            rel.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        });
        Some(Attachment { title, path: rel })
    }

    // ---- follow-ups --------------------------------------------------------------------

    /// `anchor` is the date relative dues count from when they name none (the meeting date).
    pub fn followup(
        &mut self,
        raw: &RawFollowup,
        origin: Option<ItemRef>,
        anchor: NaiveDate,
    ) -> Option<Followup> {
        let id = raw.id.get_ref().trim();
        if !crate::model::ids::is_word_id(id) {
            self.error_hint(
                raw.id.span(),
                said!(
                    "en opfølgnings id skal være ét ord";
                    "a follow-up id must be one word"
                ),
                said!(
                    "brug bogstaver, cifre, `-`, `_` og `.`, fx `kompetenceforloeb-evaluering`";
                    "use letters, digits, `-`, `_` and `.`, e.g. `kompetenceforloeb-evaluering`"
                ),
            );
            return None;
        }
        self.followup_sites
            .push((id.to_owned(), self.src.site(raw.id.span())));
        let due = self.due(&raw.due, anchor)?;
        let status = self.followup_status(&raw.status)?;
        if !raw.runs.is_empty() && !matches!(due, Due::Count { .. }) {
            self.warning_hint(
                raw.due.span(),
                said!(
                    "der er noteret forløb, men fristen er ikke et antal";
                    "runs are logged, but the due is not a count"
                ),
                said!(
                    "forløb tæller kun ved `kind = \"count\"`";
                    "runs count only for `kind = \"count\"`"
                ),
            );
        }
        let runs = raw
            .runs
            .iter()
            .filter_map(|r| {
                Some(Run {
                    date: self.date(&r.date)?,
                    note: r.note.clone(),
                })
            })
            .collect();
        let rescheduled = raw
            .rescheduled
            .iter()
            .filter_map(|r| {
                Some(Reschedule {
                    on: self.date(&r.on)?,
                    was: self.due(&r.was, anchor)?,
                    reason: r.reason.clone(),
                })
            })
            .collect();
        if !raw.instances.is_empty() && !matches!(due, Due::Yearly { .. }) {
            self.warning_hint(
                raw.due.span(),
                said!(
                    "der er noteret årlige gange, men fristen er ikke årlig";
                    "instances are recorded, but the due is not yearly"
                ),
                said!(
                    "årlige gange tæller kun ved `kind = \"yearly\"`";
                    "instances count only for `kind = \"yearly\"`"
                ),
            );
        }
        let instances = raw
            .instances
            .iter()
            .filter_map(|i| self.instance(i))
            .collect();
        Some(Followup {
            id: id.to_owned(),
            what: raw.what.clone(),
            owner: raw.owner.clone(),
            reports_to: self.opt_body(&raw.reports_to),
            due,
            status,
            runs,
            closed_by: raw.closed_by.as_ref().and_then(|c| self.item_ref(c)),
            closed_on: self.opt_date(&raw.closed_on),
            note: raw.note.clone(),
            reason: raw.reason.clone(),
            rescheduled,
            instances,
            origin,
            source: raw.source.clone(),
            suggested: raw.suggested,
            quote: raw.quote.clone(),
        })
    }

    /// A follow-up's (or a year's) status; open when not given.
    fn followup_status(&mut self, raw: &Option<SStr>) -> Option<FollowupStatus> {
        match raw {
            Some(s) => self.key(
                s,
                ("opfølgningsstatus", "follow-up status"),
                &FollowupStatus::ALL,
                FollowupStatus::key,
            ),
            None => Some(FollowupStatus::Open),
        }
    }

    fn instance(&mut self, raw: &RawInstance) -> Option<Instance> {
        let status = self.followup_status(&raw.status)?;
        let due = match &raw.due {
            Some(d) => Some(self.date(d)?),
            None => None,
        };
        if let Some(d) = due
            && d.year() != *raw.year.get_ref()
        {
            self.warning_hint(
                raw.year.span(),
                said!(
                    "gangen for {} er flyttet til et andet år", raw.year.get_ref();
                    "the instance of {} is moved to another year", raw.year.get_ref()
                ),
                said!("kontrollér året og datoen"; "check the year and the date"),
            );
        }
        Some(Instance {
            year: *raw.year.get_ref(),
            status,
            due,
            reason: raw.reason.clone(),
            closed_by: raw.closed_by.as_ref().and_then(|c| self.item_ref(c)),
            closed_on: self.opt_date(&raw.closed_on),
        })
    }

    fn due(&mut self, raw: &Spanned<RawDue>, anchor: NaiveDate) -> Option<Due> {
        let span = raw.span();
        let r = raw.get_ref();
        const KINDS: [&str; 8] = [
            "date",
            "relative",
            "period",
            "meeting",
            "event",
            "count",
            "yearly",
            "report-back",
        ];
        let kind = r.kind.get_ref().as_str();
        let present: Vec<&str> = [
            ("date", r.date.is_some()),
            ("from", r.from.is_some()),
            ("days", r.days.is_some()),
            ("weeks", r.weeks.is_some()),
            ("months", r.months.is_some()),
            ("period", r.period.is_some()),
            ("meeting", r.meeting.is_some()),
            ("event", r.event.is_some()),
            ("count", r.count.is_some()),
            ("unit", r.unit.is_some()),
            ("month", r.month.is_some()),
            ("day", r.day.is_some()),
            ("from_year", r.from_year.is_some()),
            ("until_year", r.until_year.is_some()),
        ]
        .into_iter()
        .filter_map(|(k, p)| p.then_some(k))
        .collect();
        let allowed: &[&str] = match kind {
            "date" => &["date"],
            "relative" => &["from", "days", "weeks", "months"],
            "period" => &["period"],
            "meeting" => &["meeting"],
            "event" => &["event"],
            "count" => &["count", "unit"],
            "yearly" => &["month", "day", "from_year", "until_year"],
            "report-back" => &[],
            _ => {
                let kinds = KINDS.join(", ");
                let hint = with_suggestion(
                    closest(kind, &KINDS),
                    said!("en frists type er en af: {kinds}"; "a due's kind is one of: {kinds}"),
                );
                self.error_hint(
                    r.kind.span(),
                    said!("ukendt type frist `{kind}`"; "unknown kind of due `{kind}`"),
                    hint,
                );
                return None;
            }
        };
        if let Some(stray) = present.iter().find(|k| !allowed.contains(k)) {
            let (takes_da, takes_en) = if allowed.is_empty() {
                ("intet andet".to_owned(), "nothing else".to_owned())
            } else {
                (allowed.join(", "), allowed.join(", "))
            };
            self.error_hint(
                span.clone(),
                said!(
                    "`{stray}` hører ikke til i en frist af typen `{kind}`";
                    "`{stray}` does not belong in a due of kind `{kind}`"
                ),
                said!(
                    "en frist af typen `{kind}` tager: {takes_da}";
                    "a `{kind}` due takes: {takes_en}"
                ),
            );
            return None;
        }
        // `what` names the missing fields in Danish and English.
        let missing = |this: &mut Self, what: (&str, &str), example: &str| {
            let (what_da, what_en) = what;
            this.error_hint(
                span.clone(),
                said!(
                    "en frist af typen `{kind}` skal have `{what_da}`";
                    "a `{kind}` due needs `{what_en}`"
                ),
                said!(
                    "fx `due = {{ kind = \"{kind}\", {example} }}`";
                    "e.g. `due = {{ kind = \"{kind}\", {example} }}`"
                ),
            );
            None
        };
        Some(match kind {
            "date" => match &r.date {
                Some(d) => Due::Date(self.date(d)?),
                None => return missing(self, ("date", "date"), "date = 2017-09-18"),
            },
            "relative" => {
                let offset = match (r.days, r.weeks, r.months) {
                    (Some(n), None, None) => Offset::Days(n),
                    (None, Some(n), None) => Offset::Weeks(n),
                    (None, None, Some(n)) => Offset::Months(n),
                    _ => {
                        return missing(
                            self,
                            (
                                "præcis én af days, weeks og months",
                                "exactly one of days, weeks or months",
                            ),
                            "months = 1",
                        );
                    }
                };
                let from = match &r.from {
                    Some(f) => self.date(f)?,
                    None => anchor,
                };
                Due::Relative { from, offset }
            }
            "period" => match &r.period {
                Some(p) => match p.get_ref().parse::<VaguePeriod>() {
                    Ok(period) => Due::Period(period),
                    Err(e) => {
                        self.error(p.span(), e.said());
                        return None;
                    }
                },
                None => return missing(self, ("period", "period"), "period = \"medio 2018\""),
            },
            "meeting" => match &r.meeting {
                Some(m) => Due::Meeting(self.meeting_ref(m)?),
                None => {
                    return missing(self, ("meeting", "meeting"), "meeting = \"2017-11-16-sdf\"");
                }
            },
            "event" => match &r.event {
                Some(e) if self.event_defined(e.get_ref()) => Due::Event(e.get_ref().clone()),
                Some(e) => {
                    self.error_hint(
                        e.span(),
                        unknown_event(e.get_ref()),
                        said!(
                            "begivenheder defineres som [[events]] med et `id` i calendar/ÅÅÅÅ.toml";
                            "events are defined as [[events]] with an `id` in calendar/YYYY.toml"
                        ),
                    );
                    return None;
                }
                None => return missing(self, ("event", "event"), "event = \"doegnseminar-2017\""),
            },
            "count" => match r.count {
                Some(0) => {
                    self.error(
                        span,
                        said!(
                            "en frist efter antal skal have et antal på mindst 1";
                            "a count trigger needs a count of at least 1"
                        ),
                    );
                    return None;
                }
                Some(count) => Due::Count {
                    count,
                    unit: r.unit.clone().unwrap_or_default(),
                },
                None => return missing(self, ("count", "count"), "count = 2, unit = \"forløb\""),
            },
            "yearly" => match (r.month, r.day, r.from_year) {
                (Some(month), Some(day), Some(from_year)) if valid_month_day(month, day) => {
                    Due::Yearly {
                        month,
                        day,
                        from_year,
                        until_year: r.until_year,
                    }
                }
                (Some(month), Some(day), Some(_)) => {
                    self.error(
                        span,
                        said!("{day}/{month} er ikke en dag i året"; "{day}/{month} is not a day of the year"),
                    );
                    return None;
                }
                _ => {
                    return missing(
                        self,
                        ("month, day og from_year", "month, day and from_year"),
                        "month = 5, day = 1, from_year = 2018",
                    );
                }
            },
            _ => Due::ReportBack,
        })
    }

    // ---- calendar/YYYY.toml ------------------------------------------------------------

    pub fn plan(&mut self, raw: &RawPlan, file: PathBuf, file_year: i32) -> YearPlan {
        self.hidden_characters();
        self.conflicts(&raw.conflicts);
        let year = *raw.year.get_ref();
        if year != file_year {
            self.error_hint(
                raw.year.span(),
                said!(
                    "året er et andet end filnavnets ({file_year})";
                    "the year differs from the file name ({file_year})"
                ),
                said!("ret året eller omdøb filen"; "fix the year or rename the file"),
            );
        }
        let decided_by = raw.decided_by.as_ref().and_then(|r| self.item_ref(r));
        let mut meetings = Vec::new();
        let mut seen: HashMap<MeetingId, usize> = HashMap::new();
        for m in &raw.meetings {
            let (Some(body), Some(date)) = (self.body(&m.body), self.date(&m.date)) else {
                continue;
            };
            self.check_weekday(&m.weekday, date);
            let id = MeetingId::new(date, body.clone());
            let line = self.src.site(m.date.span()).line;
            if let Some(first) = seen.insert(id.clone(), line) {
                self.error_hint(
                    m.date.span(),
                    said!("{id} er planlagt to gange"; "{id} is planned twice"),
                    said!(
                        "første gang på linje {first}; to møder i samme organ på samme dag";
                        "first planned on line {first}; two meetings of one body on one day"
                    ),
                );
                continue;
            }
            let start = self.opt_time(&m.start);
            let end = self.opt_time(&m.end);
            self.check_times(start, &m.end, end);
            let prepares = m.prepares.as_ref().and_then(|p| {
                let target = self.meeting_ref(p)?;
                if target.date <= date {
                    self.error_hint(
                        p.span(),
                        said!(
                            "{body}-mødet den {} ligger ikke før det møde, det forbereder ({target})", date.format("%Y-%m-%d");
                            "the {body} meeting on {} is not before the meeting it prepares ({target})", date.format("%Y-%m-%d")
                        ),
                        prepares_hint(),
                    );
                }
                Some(target)
            });
            let event = m.event.as_ref().and_then(|e| {
                if self.event_defined(e.get_ref()) {
                    Some(e.get_ref().clone())
                } else {
                    self.error(e.span(), unknown_event(e.get_ref()));
                    None
                }
            });
            let site = self.src.site(m.date.span());
            meetings.push(PlannedMeeting {
                line: site.line,
                column: site.column,
                body,
                date,
                weekday: m.weekday.as_ref().and_then(|w| parse_weekday(w.get_ref())),
                start,
                end,
                place: m.place.clone(),
                prepares,
                event,
                note: m.note.clone(),
                cancelled: m.cancelled,
                with: self.parties(&m.with),
            });
        }
        meetings.sort_by_key(|m| (m.date, m.body.clone()));
        let mut events = Vec::new();
        for e in &raw.events {
            if !crate::model::ids::is_word_id(e.id.get_ref()) {
                self.error_hint(
                    e.id.span(),
                    said!(
                        "en begivenheds id skal være ét ord";
                        "an event id must be one word"
                    ),
                    said!(
                        "brug bogstaver, cifre, `-`, `_` og `.`, fx `doegnseminar-2018`";
                        "use letters, digits, `-`, `_` and `.`, e.g. `doegnseminar-2018`"
                    ),
                );
                continue;
            }
            let Some(kind) = self.key(
                &e.kind,
                ("begivenhedstype", "event kind"),
                &EventKind::ALL,
                EventKind::key,
            ) else {
                continue;
            };
            let Some(start_date) = self.date(&e.date) else {
                continue;
            };
            let end_date = self.opt_date(&e.end_date).unwrap_or(start_date);
            if end_date < start_date {
                if let Some(v) = &e.end_date {
                    self.error(
                        v.span(),
                        said!("begivenheden slutter, før den begynder"; "the event ends before it begins"),
                    );
                }
                continue;
            }
            let start = self.opt_time(&e.start);
            let end = self.opt_time(&e.end);
            if start_date == end_date {
                self.check_times(start, &e.end, end);
            }
            events.push(CalendarEvent {
                id: e.id.get_ref().clone(),
                kind,
                title: e.title.clone(),
                body: self.opt_body(&e.body),
                start_date,
                end_date,
                start,
                end,
                place: e.place.clone(),
                theme: e.theme.clone(),
                note: e.note.clone(),
            });
        }
        let external = raw
            .external
            .iter()
            .filter_map(|x| {
                Some(ExternalDate {
                    title: x.title.clone(),
                    date: self.date(&x.date)?,
                    note: x.note.clone(),
                })
            })
            .collect();
        let moves = raw
            .moves
            .iter()
            .filter_map(|m| {
                let meeting = self.meeting_ref(&m.meeting)?;
                let to = self.opt_date(&m.to);
                if to == Some(meeting.date)
                    && let Some(v) = &m.to
                {
                    self.error(
                        v.span(),
                        said!(
                            "mødet flyttes til den dato, det allerede har";
                            "the meeting is moved to the date it already has"
                        ),
                    );
                }
                Some(Move {
                    meeting,
                    to,
                    reason: m.reason.clone(),
                    decided_by: m.decided_by.as_ref().and_then(|r| self.item_ref(r)),
                })
            })
            .collect();
        let removed = raw
            .removed
            .iter()
            .filter_map(|r| {
                let meeting: MeetingId = match r.meeting.get_ref().parse() {
                    Ok(id) => id,
                    Err(e) => {
                        self.error(r.meeting.span(), e.said());
                        return None;
                    }
                };
                Some(RemovedMeeting {
                    meeting,
                    sequence: r.sequence.unwrap_or(1),
                    reason: r.reason.clone(),
                })
            })
            .collect();
        let deadlines = raw
            .deadlines
            .iter()
            .filter_map(|f| self.followup(f, None, NaiveDate::from_ymd_opt(year, 1, 1)?))
            .collect();
        YearPlan {
            year,
            decided_by,
            meetings,
            events,
            external,
            moves,
            removed,
            deadlines,
            file,
            source_hash: 0,
        }
    }
}

/// A hidden character by its code point and, for the common ones, its name.
/// "U+001B (ESC, …)" in both languages.
fn hidden_name(c: char) -> Said {
    let (da, en) = match c {
        '\u{0}' => (" (NUL)", " (NUL)"),
        '\u{7}' => (" (BEL)", " (BEL)"),
        '\u{8}' => (" (tilbage-tegn)", " (backspace)"),
        '\u{d}' => (" (vognretur)", " (carriage return)"),
        '\u{1b}' => (
            " (ESC, indleder en escape-sekvens)",
            " (ESC, starts an escape sequence)",
        ),
        '\u{7f}' => (" (DEL)", " (DEL)"),
        '\u{9b}' => (
            " (CSI, indleder en escape-sekvens)",
            " (CSI, starts an escape sequence)",
        ),
        '\u{ad}' => (" (blød bindestreg)", " (soft hyphen)"),
        '\u{200b}' => (" (usynligt mellemrum)", " (zero-width space)"),
        '\u{200e}' | '\u{200f}' => (" (retningsmærke)", " (direction mark)"),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => (
            " (retningstegn: teksten kan læses i en anden rækkefølge)",
            " (bidi control: text may read in another order)",
        ),
        '\u{2028}' | '\u{2029}' => (
            " (linje- eller afsnitsskilletegn)",
            " (line or paragraph separator)",
        ),
        '\u{feff}' => (
            " (byte-order-mærke inde i teksten)",
            " (byte-order mark inside the text)",
        ),
        '\u{e0000}'..='\u{e007f}' => (" (mærketegn)", " (tag character)"),
        _ => ("", ""),
    };
    let code = format!("U+{:04X}", c as u32);
    Said::new(format!("{code}{da}"), format!("{code}{en}"))
}

/// Joins `rel` onto `dir` lexically, refusing any path that climbs out of `root`.
fn resolve_inside(root: &Path, dir: &Path, rel: &Path) -> Option<PathBuf> {
    let mut out = dir.to_path_buf();
    for part in rel.components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    out.starts_with(root).then_some(out)
}

/// The candidate most like `word`, if any is close enough to be a likely typo.
/// "did you mean `x`? " before a hint, when a close candidate exists.
fn with_suggestion(candidate: Option<&str>, hint: Said) -> Said {
    match candidate {
        Some(c) => Said::new(
            format!("mente du `{c}`? {}", hint.da),
            format!("did you mean `{c}`? {}", hint.en),
        ),
        None => hint,
    }
}

fn unknown_event(id: &str) -> Said {
    said!("ukendt begivenhed i kalenderen `{id}`"; "unknown calendar event `{id}`")
}

fn prepares_hint() -> Said {
    said!(
        "et forberedende møde skal ligge før det møde, det forbereder";
        "a preparing meeting must come before the meeting it prepares"
    )
}

fn not_a_weekday(written: &str) -> Said {
    said!("`{written}` er ikke en ugedag"; "`{written}` is not a weekday")
}

fn weekday_hint() -> Said {
    said!(
        "skriv ugedagen på dansk eller engelsk, fx \"fredag\"";
        "write the weekday in Danish or English, e.g. \"fredag\""
    )
}

fn closest<'s>(word: &str, candidates: &[&'s str]) -> Option<&'s str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Where the first byte that may be or start a hidden character is: not ASCII, a control
/// character, DEL, or a backslash (an escape). Nearly all of a file is printable ASCII, so
/// eight bytes are looked at at once (each test flags its first byte exactly; a borrow
/// can only flag bytes after it).
fn next_interesting(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGHS;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let flagged = (x & HIGHS)
            | below(x, 0x20)
            | below(x ^ (ONES * 0x7f), 1)
            | below(x ^ (ONES * 0x5c), 1);
        if flagged != 0 {
            return Some(at + (flagged.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let interesting = |b: &u8| *b >= 0x80 || *b < 0x20 || *b == 0x7f || *b == b'\\';
    chunks
        .remainder()
        .iter()
        .position(interesting)
        .map(|p| at + p)
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #[test]
        fn the_first_interesting_byte_is_found_eight_at_a_time(
            bytes in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b' ', b'\\', 0x7f, 0x1f, 0x20, b'\n', 0xc3, 0x80, 0x5b, 0x5d, 0x7e, 0xff, 0x00, 0x01]),
                0..40,
            )
        ) {
            let interesting = |b: &u8| *b >= 0x80 || *b < 0x20 || *b == 0x7f || *b == b'\\';
            proptest::prop_assert_eq!(next_interesting(&bytes), bytes.iter().position(interesting));
        }
    }

    use super::*;

    #[test]
    fn paths_may_not_climb_out_of_the_archive() {
        let root = Path::new("/a");
        let dir = Path::new("/a/2017");
        assert_eq!(
            resolve_inside(root, dir, Path::new("m/x.pdf")),
            Some(PathBuf::from("/a/2017/m/x.pdf"))
        );
        assert_eq!(
            resolve_inside(root, dir, Path::new("../x.pdf")),
            Some(PathBuf::from("/a/x.pdf"))
        );
        assert_eq!(resolve_inside(root, dir, Path::new("../../x.pdf")), None);
        assert_eq!(resolve_inside(root, dir, Path::new("../../b/x.pdf")), None);
    }

    #[test]
    fn typos_find_their_word() {
        assert_eq!(
            closest("aproved", &["approved", "rejected"]),
            Some("approved")
        );
        assert_eq!(closest("xyz", &["approved", "rejected"]), None);
    }
}

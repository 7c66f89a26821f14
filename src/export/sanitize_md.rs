//! Markdown written by users (backgrounds, decision texts), made safe to publish: raw HTML
//! becomes visible text, links keep only safe schemes, images become their description, and
//! headings move below the heading they are placed under.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The Markdown features users may write in their texts.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Schemes a published link may have; anything else (javascript:, data:, file: …) is text.
fn is_safe_url(url: &str) -> bool {
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']).unwrap_or(url.len());
    match scheme_end {
        // No scheme before the path: a relative link.
        None => true,
        Some(i) if i > path_start => true,
        Some(i) => {
            let scheme = url[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
    }
}

fn shift_heading(level: HeadingLevel, by: usize) -> HeadingLevel {
    let n = (level as usize + by).min(6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}

/// Parses `text` as Markdown and returns its events made safe. Headings keep their relative
/// levels, with the text's top level becoming `top_heading`.
pub fn safe_events(text: &str, top_heading: usize) -> Vec<Event<'static>> {
    let top_in_text = Parser::new_ext(text, parser_options())
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let heading_shift = top_heading.saturating_sub(top_in_text);
    let mut out = Vec::new();
    // Links and images whose tags were dropped, so their ends are dropped too.
    let mut dropped: Vec<bool> = Vec::new();
    // Block quotes nested deeper than this are flattened: each level repeats its `>` on
    // every line below it, so 10,000 levels would write hundreds of megabytes.
    let mut quote_depth = 0usize;
    for event in Parser::new_ext(text, parser_options()) {
        let event = match event {
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(clean(html)),
            Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
            Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
            Event::Start(Tag::Heading { level, .. }) => Event::Start(Tag::Heading {
                level: shift_heading(level, heading_shift),
                id: None,
                classes: vec![],
                attrs: vec![],
            }),
            Event::End(TagEnd::Heading(level)) => {
                Event::End(TagEnd::Heading(shift_heading(level, heading_shift)))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let safe = is_safe_url(&dest_url);
                dropped.push(!safe);
                if !safe {
                    continue;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: one_line(dest_url),
                    title: one_line(title),
                    id: one_line(id),
                })
            }
            // A fence's info string is written after its backticks, raw.
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(one_line(info))))
            }
            Event::Start(Tag::Image { .. }) => {
                dropped.push(true);
                continue;
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if dropped.pop().unwrap_or(false) {
                    continue;
                }
                Event::End(TagEnd::Link)
            }
            Event::Start(Tag::MetadataBlock(_)) | Event::End(TagEnd::MetadataBlock(_)) => continue,
            Event::Start(Tag::BlockQuote(kind)) => {
                quote_depth += 1;
                if quote_depth > MAX_QUOTE_DEPTH {
                    continue;
                }
                Event::Start(Tag::BlockQuote(kind))
            }
            Event::End(TagEnd::BlockQuote(kind)) => {
                quote_depth = quote_depth.saturating_sub(1);
                if quote_depth >= MAX_QUOTE_DEPTH {
                    continue;
                }
                Event::End(TagEnd::BlockQuote(kind))
            }
            // Controls, bidi overrides and invisible characters are shown as placeholders,
            // in code spans and blocks too: a document printed to a terminal runs nothing.
            Event::Text(t) => Event::Text(clean(t)),
            Event::Code(t) => Event::Code(CowStr::from(crate::text::sanitize(&t).into_owned())),
            other => other,
        };
        out.push(event.into_static());
    }
    out
}

/// Text with its controls, bidi overrides and invisible characters as placeholders; line
/// breaks kept.
fn clean(t: CowStr<'_>) -> CowStr<'_> {
    match crate::text::sanitize_multiline(&t) {
        std::borrow::Cow::Borrowed(_) => t,
        std::borrow::Cow::Owned(o) => CowStr::from(o),
    }
}

/// Text that stays on its line (a link's address or title, a fence's info string) with its
/// controls and line breaks as placeholders.
fn one_line(t: CowStr<'_>) -> CowStr<'_> {
    match crate::text::sanitize(&t) {
        std::borrow::Cow::Borrowed(_) => t,
        std::borrow::Cow::Owned(o) => CowStr::from(o),
    }
}

/// How deep block quotes nest in a document (a quote of a quote of a quote …).
const MAX_QUOTE_DEPTH: usize = 8;

/// Plain user text (a title, a clause) as one text event: the writer escapes it, and
/// controls are shown as placeholders.
pub fn text(s: &str) -> Event<'static> {
    Event::Text(CowStr::from(
        crate::text::sanitize_multiline(s).into_owned(),
    ))
}

/// A table cell holding `content` as text.
fn cell(events: &mut Vec<Event<'static>>, content: &str) {
    events.push(Event::Start(Tag::TableCell));
    events.push(text(content));
    events.push(Event::End(TagEnd::TableCell));
}

/// A table: the heads, then one row per entry of `rows`; every cell is text (escaped).
pub fn table<R, C>(heads: &[&str], rows: R) -> Vec<Event<'static>>
where
    R: IntoIterator<Item = C>,
    C: IntoIterator<Item = String>,
{
    let mut events = vec![Event::Start(Tag::Table(vec![
        pulldown_cmark::Alignment::None;
        heads.len()
    ]))];
    events.push(Event::Start(Tag::TableHead));
    for h in heads {
        cell(&mut events, h);
    }
    events.push(Event::End(TagEnd::TableHead));
    for row in rows {
        events.push(Event::Start(Tag::TableRow));
        for c in row {
            cell(&mut events, &c);
        }
        events.push(Event::End(TagEnd::TableRow));
    }
    events.push(Event::End(TagEnd::Table));
    events
}

/// CommonMark text from `events`, ending in a newline.
pub fn to_markdown(events: &[Event<'static>]) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_to_cmark::cmark_with_options(
        events.iter(),
        &mut out,
        parser_options(),
        pulldown_cmark_to_cmark::Options::default(),
    );
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_schemes_stay_links() {
        assert!(is_safe_url("https://www.sum.dk/x"));
        assert!(is_safe_url("mailto:ltr@kl.dk"));
        assert!(is_safe_url("bilag/x.pdf"));
        assert!(is_safe_url("x.pdf?a=b:c"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url("JavaScript:alert(1)"));
        assert!(!is_safe_url("data:text/html,x"));
        assert!(!is_safe_url("file:///etc/passwd"));
    }

    #[test]
    fn raw_html_becomes_text() {
        let events = safe_events("a <script>x</script>\n\n<div>b</div>", 0);
        assert!(
            !events
                .iter()
                .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
        );
    }

    #[test]
    fn unsafe_links_keep_their_text_only() {
        let events = safe_events("[klik](javascript:alert(1)) og [kl](https://kl.dk)", 0);
        let links = events
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Link { .. })))
            .count();
        let ends = events
            .iter()
            .filter(|e| matches!(e, Event::End(TagEnd::Link)))
            .count();
        assert_eq!((links, ends), (1, 1));
        assert!(events.contains(&Event::Text("klik".into())));
    }

    #[test]
    fn controls_are_placeholders_in_text_and_code() {
        let events = safe_events(
            "a\u{1b}]0;x\u{7} `b\u{1b}[2J` \u{202e}\n\n```\nc\u{9b}\n```",
            0,
        );
        let shown: String = events
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{shown:?}"
        );
        assert!(
            shown.contains('␛') && !shown.contains('\u{202e}'),
            "{shown:?}"
        );
        assert!(matches!(text("t\u{7}"), Event::Text(t) if &*t == "t␇"));
    }

    #[test]
    fn deeply_nested_quotes_are_flattened_so_the_output_stays_small() {
        let deep = format!("{} dybt\nnæste linje", ">".repeat(10_000));
        let events = safe_events(&deep, 4);
        let out = to_markdown(&events);
        assert!(out.len() < 200, "{} bytes", out.len());
        assert!(out.contains("dybt"), "{out}");
        let opened = events
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::BlockQuote(_))))
            .count();
        let closed = events
            .iter()
            .filter(|e| matches!(e, Event::End(TagEnd::BlockQuote(_))))
            .count();
        assert_eq!((opened, closed), (MAX_QUOTE_DEPTH, MAX_QUOTE_DEPTH));
    }

    #[test]
    fn headings_move_down() {
        let events = safe_events("## A\n\n###### B", 4);
        assert!(events.contains(&Event::Start(Tag::Heading {
            level: HeadingLevel::H4,
            id: None,
            classes: vec![],
            attrs: vec![]
        })));
        assert!(events.contains(&Event::End(TagEnd::Heading(HeadingLevel::H6))));
    }
}

//! A saved web page read the way a browser shows it: block elements become lines (a
//! paragraph or heading with a blank line around it), list items keep their markers ("• ",
//! "1. "), table rows become lines with their cells side by side, `<br>` breaks a line, and
//! entities are decoded (html5ever's tokenizer: a well-kept parser, not patterns over
//! markup). The lines carry the page's own line numbers, so doubts name the line of the
//! file as saved. The layout readers then read the lines as they read a page saved as text.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::normalise::Line;

/// Whether `bytes` look like a web page rather than text.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase();
    [
        "<!doctype html",
        "<html",
        "<body",
        "<p>",
        "<div",
        "<h1",
        "<table",
    ]
    .iter()
    .any(|m| head.contains(m))
}

/// The address the page was saved from, where it says (its canonical link, its Open Graph
/// address, or the browser's "saved from url" comment).
pub fn source(text: &str) -> Option<String> {
    let b = builder(text);
    b.source.or(b.saved_from)
}

/// The page's text as lines, each with the page's line it starts on.
pub fn lines(text: &str) -> Vec<Line> {
    let mut b = builder(text);
    b.break_line();
    while b.lines.last().is_some_and(|l| l.text.is_empty()) {
        b.lines.pop();
    }
    b.lines
}

fn builder(text: &str) -> Builder {
    let sink = Sink::default();
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(&lone_carriage_returns_as_spaces(
        text,
    )));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.out.into_inner()
}

/// The tokenizer counts a carriage return on its own as a line end, as a browser does; an
/// editor and `grep -n` do not, and the line a doubt names must be the one they show. To a
/// browser the character is white space between words either way (inside `<pre>` it would
/// break the line: rare enough in minutes to read as a space).
fn lone_carriage_returns_as_spaces(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\r') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() != Some(&'\n') => out.push(' '),
            c => out.push(c),
        }
    }
    out.into()
}

#[derive(Default)]
struct Sink {
    out: RefCell<Builder>,
}

#[derive(Default)]
struct Builder {
    lines: Vec<Line>,
    /// The page's own address (canonical link, Open Graph).
    source: Option<String>,
    /// The browser's note of where it saved the page from.
    saved_from: Option<String>,
    current: String,
    current_no: usize,
    /// Inside `<script>`, `<style>`, `<head>` …: not shown.
    hidden: usize,
    /// The lists open: `None` for `<ul>`, the next number for `<ol>`.
    lists: Vec<Option<u32>>,
    pre: usize,
}

impl Builder {
    /// `line` is where the run of text ends (the tokenizer reports it there).
    fn text(&mut self, s: &str, line: usize) {
        if self.hidden > 0 {
            return;
        }
        let mut line = line.saturating_sub(s.matches('\n').count());
        for c in s.chars() {
            if c == '\n' {
                line += 1;
            }
            if self.current.is_empty() {
                if c.is_whitespace() && self.pre == 0 {
                    continue;
                }
                self.current_no = line;
            }
            match c {
                '\n' if self.pre > 0 => self.break_line(),
                c if c.is_whitespace() && c != '\u{a0}' && self.pre == 0 => {
                    if !self.current.ends_with(' ') {
                        self.current.push(' ');
                    }
                }
                c => self.current.push(c),
            }
        }
    }

    fn break_line(&mut self) {
        let text = self.current.trim_end().to_owned();
        if !text.trim().is_empty() {
            self.lines.push(Line {
                no: self.current_no.max(1),
                text,
            });
        }
        self.current.clear();
    }

    /// A paragraph's edge: the line ends, and a blank line separates it from the next.
    fn blank(&mut self, line: usize) {
        self.break_line();
        if self.lines.last().is_some_and(|l| !l.text.is_empty()) {
            self.lines.push(Line {
                no: line,
                text: String::new(),
            });
        }
    }

    fn tag(&mut self, tag: &Tag, line: usize) -> TokenSinkResult<()> {
        let start = tag.kind == TagKind::StartTag;
        let name: &str = &tag.name;
        // Where the page was saved from: its canonical address, or Open Graph's.
        let attr = |key: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == key)
                .map(|a| a.value.to_string())
        };
        let canonical = match name {
            "link" if attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                attr("href")
            }
            "meta" if attr("property").as_deref() == Some("og:url") => attr("content"),
            _ => None,
        };
        if let Some(url) = canonical.filter(|u| u.starts_with("http")) {
            self.source.get_or_insert(url);
        }
        match name {
            // The body ends the head, written closed or not.
            "body" if start => self.hidden = 0,
            // A site's menus are no part of the minutes, as a browser's reader view shows them.
            "script" | "style" | "head" | "title" | "noscript" | "template" | "iframe" | "svg"
            | "nav" => {
                if start && !tag.self_closing {
                    self.hidden += 1;
                    return match name {
                        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                        "style" | "noscript" | "iframe" => {
                            TokenSinkResult::RawData(RawKind::Rawtext)
                        }
                        "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                        _ => TokenSinkResult::Continue,
                    };
                } else if !start {
                    self.hidden = self.hidden.saturating_sub(1);
                }
            }
            _ if self.hidden > 0 => {}
            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "table" | "blockquote" | "section"
            | "article" | "header" | "footer" | "main" | "figure" | "address" | "hr" | "dl" => {
                self.blank(line)
            }
            "pre" => {
                self.blank(line);
                if start {
                    self.pre += 1;
                } else {
                    self.pre = self.pre.saturating_sub(1);
                }
            }
            "ul" | "ol" => {
                self.blank(line);
                if start {
                    self.lists.push((name == "ol").then_some(1));
                } else {
                    self.lists.pop();
                }
            }
            "li" => {
                self.break_line();
                if start {
                    let marker = match self.lists.last_mut() {
                        Some(Some(n)) => {
                            *n += 1;
                            format!("{}. ", *n - 1)
                        }
                        _ => "• ".to_owned(),
                    };
                    self.current_no = line;
                    self.current.push_str(&marker);
                }
            }
            "br" => {
                if self.current.trim().is_empty() {
                    self.blank(line);
                } else {
                    self.break_line();
                }
            }
            "div" | "tr" | "dt" | "dd" | "form" | "fieldset" | "caption" | "tbody" | "thead"
            | "tfoot" => self.break_line(),
            "td" | "th" if start && !self.current.is_empty() && !self.current.ends_with(' ') => {
                self.current.push(' ')
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        let line = line_number as usize;
        let mut b = self.out.borrow_mut();
        match token {
            Token::CharacterTokens(t) => b.text(&t, line),
            Token::TagToken(tag) => return b.tag(&tag, line),
            // "<!-- saved from url=(0057)https://… -->", as browsers mark a saved page.
            Token::CommentToken(c) => {
                if let Some(rest) = c.trim().strip_prefix("saved from url=")
                    && let Some((_, url)) = rest.split_once(')')
                    && url.starts_with("http")
                {
                    b.saved_from.get_or_insert(url.trim().to_owned());
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        lines(html).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn a_page_is_read_as_a_browser_shows_it() {
        let page = "<html><head><title>x</title><style>p{}</style><script>if (a<b) {}</script></head>\n\
                    <body><h1>Møde&nbsp;i  SDF</h1><p>Første\n linje<br>anden &amp; sidste</p>\n\
                    <ul><li>en</li><li>to</li></ul><ol><li>a</li><li>b</li></ol>\n\
                    <table><tr><td>FU</td><td>SDF</td></tr></table><div>slut</div></body></html>";
        assert_eq!(
            texts(page),
            [
                "Møde\u{a0}i SDF",
                "",
                "Første linje",
                "anden & sidste",
                "",
                "• en",
                "• to",
                "",
                "1. a",
                "2. b",
                "",
                "FU SDF",
                "",
                "slut"
            ]
        );
    }

    #[test]
    fn a_carriage_return_on_its_own_does_not_count_as_a_line() {
        // As an editor numbers the file: only line feeds end lines.
        let numbered: Vec<_> = lines("<p>en\r\r\rto</p>\r\n<p>tre</p>")
            .into_iter()
            .map(|l| (l.no, l.text))
            .collect();
        assert_eq!(
            numbered,
            [
                (1, "en to".to_owned()),
                (1, String::new()),
                (2, "tre".to_owned())
            ]
        );
    }

    #[test]
    fn a_head_left_open_ends_at_the_body() {
        assert_eq!(
            texts("<html><head><meta charset=utf-8><body><p>tekst</p>"),
            ["tekst"]
        );
    }

    #[test]
    fn lines_keep_the_line_of_the_page_they_start_on() {
        let got = lines("<p>a</p>\n\n<p>b\n</p>");
        assert_eq!((got[0].no, got[2].no), (1, 3));
    }
}

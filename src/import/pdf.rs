//! Text out of a PDF, through poppler's `pdftotext` (the well-kept extractor most Linux and
//! macOS machines have, or get with `apt-get install poppler-utils` / `brew install
//! poppler`). The one place the importer runs a program; the page's text then goes the way
//! of a page saved as text.
//!
//! A PDF has no paragraphs, only lines placed on a page, and plain `pdftotext` output runs
//! them together, while the layout readers need the blank line between a heading and its
//! text. So the lines are taken with their positions (`-bbox-layout`) and a blank line is
//! put where the gap to the next line is clearly wider than the page's usual line spacing,
//! and between pages: the way a reader's eye finds the paragraphs.

use std::cell::RefCell;
use std::path::Path;
use std::process::Command;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Whether `bytes` are a PDF (its header, `%PDF-`, near the start).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.len() >= 5
        && bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
}

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// `pdftotext` is not installed.
    NoExtractor,
    /// It ran and failed: what it said.
    Failed(String),
}

impl PdfError {
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        use crate::lang::Lang::{Da, En};
        match (self, lang) {
            (PdfError::NoExtractor, Da) => "en PDF læses med pdftotext, som ikke er installeret: \
                 installér poppler-utils (apt-get install poppler-utils, brew install poppler), \
                 eller gem siden som tekst"
                .to_owned(),
            (PdfError::NoExtractor, En) => "a PDF is read with pdftotext, which is not installed: \
                 install poppler-utils (apt-get install poppler-utils, brew install poppler), \
                 or save the page as text"
                .to_owned(),
            (PdfError::Failed(why), Da) => format!("pdftotext kunne ikke læse filen: {why}"),
            (PdfError::Failed(why), En) => format!("pdftotext could not read the file: {why}"),
        }
    }
}

/// The PDF's text as UTF-8, a line per printed line, a blank line between paragraphs and
/// between pages.
pub fn text(path: &Path) -> Result<Vec<u8>, PdfError> {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-bbox-layout"])
        .arg(path)
        .arg("-")
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => PdfError::NoExtractor,
            _ => PdfError::Failed(e.to_string()),
        })?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr);
        return Err(PdfError::Failed(crate::text::one_line(said.trim())));
    }
    Ok(paragraphs(&String::from_utf8_lossy(&out.stdout)).into_bytes())
}

/// A printed line: where it is on its page, and its words.
#[derive(Debug, Default)]
struct PrintedLine {
    left: f64,
    right: f64,
    top: f64,
    words: Vec<String>,
}

#[derive(Default)]
struct Collect {
    pages: RefCell<Vec<Vec<PrintedLine>>>,
    word: RefCell<Option<String>>,
}

impl TokenSink for Collect {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => {
                let attr = |name: &str| -> f64 {
                    tag.attrs
                        .iter()
                        .find(|a| &*a.name.local == name)
                        .and_then(|a| a.value.parse().ok())
                        .unwrap_or(0.0)
                };
                let mut pages = self.pages.borrow_mut();
                match (tag.kind, &*tag.name) {
                    (TagKind::StartTag, "page") => pages.push(Vec::new()),
                    (TagKind::StartTag, "line") => {
                        if pages.is_empty() {
                            pages.push(Vec::new());
                        }
                        pages.last_mut().expect("a page").push(PrintedLine {
                            left: attr("xmin"),
                            right: attr("xmax"),
                            top: attr("ymin"),
                            words: Vec::new(),
                        });
                    }
                    (TagKind::StartTag, "word") => *self.word.borrow_mut() = Some(String::new()),
                    (TagKind::EndTag, "word") => {
                        if let Some(w) = self.word.borrow_mut().take()
                            && let Some(line) = pages.last_mut().and_then(|p| p.last_mut())
                        {
                            line.words.push(w);
                        }
                    }
                    _ => {}
                }
            }
            Token::CharacterTokens(t) => {
                if let Some(w) = self.word.borrow_mut().as_mut() {
                    w.push_str(&t);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// `pdftotext -bbox-layout`'s lines as text, paragraphs apart.
fn paragraphs(xhtml: &str) -> String {
    let tokenizer = Tokenizer::new(Collect::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(xhtml));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let pages = tokenizer.sink.pages.into_inner();
    let mut out = String::new();
    // The text's margins, over the whole document: a short last page has them too.
    let all = || pages.iter().flatten();
    let left = all().map(|l| l.left).reduce(f64::min).unwrap_or(0.0);
    let right = all().map(|l| l.right).reduce(f64::max).unwrap_or(0.0);
    for (n, page) in pages.iter().enumerate() {
        if n > 0 && !out.is_empty() {
            out.push('\n');
        }
        let pitch = line_pitch(page);
        for (i, line) in page.iter().enumerate() {
            let text = line.words.join(" ");
            if i > 0 {
                let before = &page[i - 1];
                let gap = line.top - before.top;
                // Wider than the line spacing by a third: a new paragraph.
                if pitch.is_some_and(|p| gap > p * 1.33) || gap < 0.0 {
                    out.push('\n');
                } else if before.right >= right - (right - left) * 0.12
                    && !starts_a_list_item(&text)
                {
                    // The line before ran to the right margin: the text wrapped, and goes on.
                    out.pop();
                    out.push(' ');
                }
            }
            out.push_str(&text);
            out.push('\n');
        }
    }
    out
}

/// "1. …", "– …", "• …": a line that starts an item of a list, never a wrapped line's rest.
fn starts_a_list_item(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with(['–', '-', '•'])
        || t.split_once(". ").is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit())
        })
}

/// The page's line spacing: the smallest distance from one line's top to the next that
/// occurs more than once (paragraph gaps are wider; a gap seen once may be a superscript),
/// or the smallest at all.
fn line_pitch(page: &[PrintedLine]) -> Option<f64> {
    let mut gaps: Vec<i64> = page
        .windows(2)
        .map(|pair| pair[1].top - pair[0].top)
        .filter(|gap| *gap > 0.5)
        .map(|gap| (gap * 2.0).round() as i64)
        .collect();
    gaps.sort_unstable();
    let twice = gaps.windows(2).find(|w| w[0] == w[1]).map(|w| w[0]);
    twice.or(gaps.first().copied()).map(|g| g as f64 / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(top: f64, words: &str) -> String {
        format!(
            "<line xMin=\"0\" yMin=\"{top}\" xMax=\"{}\" yMax=\"{}\">{}</line>",
            words.len() * 5,
            top + 10.0,
            words
                .split(' ')
                .map(|w| format!("<word>{w}</word>"))
                .collect::<String>()
        )
    }

    #[test]
    fn a_wide_gap_and_a_new_page_are_a_new_paragraph() {
        let page1 = [
            line(10.0, "Sagsfremstilling"),
            line(
                40.0,
                "Første linje af et afsnit, der fylder ud til margenen",
            ),
            line(57.0, "og fortsætter &amp; slutter."),
            line(74.0, "1. et punkt"),
            line(91.0, "2. og et til"),
            line(121.0, "Indstilling"),
        ]
        .concat();
        let page2 = line(10.0, "Beslutning");
        let xhtml = format!(
            "<html><body><doc><page>{page1}</page><page>{page2}</page></doc></body></html>"
        );
        assert_eq!(
            paragraphs(&xhtml),
            "Sagsfremstilling\n\nFørste linje af et afsnit, der fylder ud til margenen og fortsætter & slutter.\n1. et punkt\n2. og et til\n\nIndstilling\n\nBeslutning\n"
        );
    }
}

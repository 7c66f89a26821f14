//! The shapes of a page's text every reader shares: paragraphs (runs of lines), list
//! markers ("– ", "• ", "1. ", "(a) "), and a paragraph as Markdown.

use super::normalise::Line;
use crate::model::ClauseStyle;

/// Paragraphs: runs of non-empty lines, with the line number of each run's first line.
pub(super) fn paragraphs(lines: &[Line]) -> Vec<(usize, Vec<String>)> {
    let mut out: Vec<(usize, Vec<String>)> = Vec::new();
    let mut open = false;
    for line in lines {
        if line.text.is_empty() {
            open = false;
        } else if open {
            out.last_mut().expect("open").1.push(line.text.clone());
        } else {
            out.push((line.no, vec![line.text.clone()]));
            open = true;
        }
    }
    out
}

/// A list marker at the start of a line, its style and the text after it.
pub(super) fn marker(line: &str) -> Option<(ClauseStyle, &str)> {
    let t = line.trim_start();
    for (m, style) in [
        ("– ", ClauseStyle::Dashes),
        ("- ", ClauseStyle::Dashes),
        ("• ", ClauseStyle::Bullets),
    ] {
        if let Some(rest) = t.strip_prefix(m) {
            return Some((style, rest.trim()));
        }
    }
    // "(a) …": lettered clauses, as the tool's own minutes print them.
    if let Some(rest) = t.strip_prefix('(')
        && let Some((letters, rest)) = rest.split_once(") ")
        && (1..=2).contains(&letters.len())
        && letters.chars().all(|c| c.is_ascii_lowercase())
    {
        return Some((ClauseStyle::Letters, rest.trim()));
    }
    let (n, rest) = t.split_once(". ")?;
    (n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit()))
        .then(|| (ClauseStyle::Numbers, rest.trim()))
}

/// A paragraph as Markdown: bullets as `-` items, a bare address as a link, a short line
/// on its own (`heading`) as a heading.
pub(super) fn markdown(lines: &[String], heading: bool) -> String {
    if heading && lines.len() == 1 {
        return format!("## {}", lines[0].trim());
    }
    lines
        .iter()
        .map(|l| match marker(l) {
            Some((ClauseStyle::Bullets, rest)) => format!("- {rest}"),
            _ if l.trim().starts_with("http://") || l.trim().starts_with("https://") => {
                format!("<{}>", l.trim())
            }
            _ => l.trim().to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether a one-line paragraph reads as a heading: short, not a sentence, not an address.
pub(super) fn reads_as_heading(lines: &[String]) -> bool {
    let [line] = lines else { return false };
    let t = line.trim();
    t.chars().count() <= 120
        && !t.ends_with(['.', ':', ',', ';'])
        && !t.contains("://")
        && !t.starts_with("www.")
        && marker(t).is_none()
}

pub(super) fn blocks_markdown(paras: &[(usize, Vec<String>)]) -> String {
    paras
        .iter()
        .enumerate()
        .map(|(i, (_, lines))| markdown(lines, i + 1 < paras.len() && reads_as_heading(lines)))
        .collect::<Vec<_>>()
        .join("\n\n")
}

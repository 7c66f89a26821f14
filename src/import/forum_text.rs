//! The forum's own site, as text (copied from a browser or saved as text) or saved as a web
//! page: the shared header block and item list, then one section per item: its number and
//! title (printed once to three times), and the headings *Baggrund* (or *Sagsfremstilling*,
//! *Resume*, *Sagens kerne*), *Indstilling*, *Beslutning* (or *Referat*) and *Bilag*, in any
//! order, some of them empty.

use super::model::ImportedMeeting;
use super::normalise::Line;
use super::sections::{self, Layout, Section};

pub use super::sections::danish_date;

fn heading(line: &str) -> Option<Section> {
    match line.trim().trim_end_matches(':').to_lowercase().as_str() {
        "baggrund" | "sagsfremstilling" | "resume" | "resumé" | "sagens kerne"
        | "sagsbeskrivelse" => Some(Section::Background),
        "indstilling" | "indstillinger" => Some(Section::Recommendation),
        "beslutning" | "referat" | "beslutninger" => Some(Section::Decision),
        "bilag" => Some(Section::Attachments),
        _ => None,
    }
}

pub const LAYOUT: Layout = Layout { heading };

/// Whether `lines` look like this layout: the header block's words are there.
pub fn recognises(lines: &[Line]) -> bool {
    sections::has_header_block(lines)
}

/// Reads a page of this layout. `party_id` finds a body's id by its name or short name.
pub fn read(lines: &[Line], party_id: &dyn Fn(&str) -> Option<String>) -> ImportedMeeting {
    sections::read(&LAYOUT, lines, party_id)
}

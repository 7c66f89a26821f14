//! The publishing system many Danish municipalities use for their committees' minutes: the
//! same header block and item list as the forum's site, with running item numbers across
//! the year, closed items ("– Lukket punkt"), case data (*Sagsnr.*, *Sagsbehandler*,
//! *Sagsgang og sagstype*, *Beslutningskompetence*), *Resume* apart from *Sagsfremstilling*,
//! numbered clauses, and the decision under "Beslutning i <udvalg> den <dd-mm-yyyy>".

use super::model::ImportedMeeting;
use super::normalise::Line;
use super::sections::{self, Layout, Section};

fn heading(line: &str) -> Option<Section> {
    let t = line.trim().trim_end_matches(':');
    let lower = t.to_lowercase();
    if lower.starts_with("beslutning i ") && lower.contains(" den ") {
        return Some(Section::Decision);
    }
    match lower.as_str() {
        "resume" | "resumé" => Some(Section::Summary),
        "sagsfremstilling" | "baggrund" | "økonomi" | "høring" => Some(Section::Background),
        "sagsgang og sagstype" | "sagsgang" => Some(Section::Case),
        "indstilling" | "forvaltningens indstilling" => Some(Section::Recommendation),
        "beslutning" => Some(Section::Decision),
        "bilag" => Some(Section::Attachments),
        _ => None,
    }
}

pub const LAYOUT: Layout = Layout { heading };

/// Whether `lines` are in this layout: the shared header block, and a decision heading
/// with the committee and the date, or *Sagsgang og sagstype*.
pub fn recognises(lines: &[Line]) -> bool {
    sections::has_header_block(lines)
        && lines.iter().any(|l| {
            let t = l.text.trim().to_lowercase();
            (t.starts_with("beslutning i ") && t.contains(" den ")) || t == "sagsgang og sagstype"
        })
}

pub fn read(lines: &[Line], party_id: &dyn Fn(&str) -> Option<String>) -> ImportedMeeting {
    sections::read(&LAYOUT, lines, party_id)
}

//! Importing published minutes: a page as text (copied from a browser or saved as text) is
//! read into the shared model of a meeting ([`model`]), by the reader of its layout family
//! (one module each), and written as a meeting file
//! ([`write`]). Every doubt is reported with the input's line, never guessed away in silence.
//!
//! Two layout families so far ([`forum_text`], [`municipal`]), sharing [`sections`]; PDF
//! input, re-import and follow-up suggestions build on the same model.

pub mod attendance;
mod blocks;
mod clauses;
pub mod forum_text;
pub mod html;
pub mod model;
pub mod municipal;
pub mod normalise;
pub mod own_markdown;
pub mod pdf;
pub mod recognise;
pub mod reimport;
pub mod sections;
pub mod suggest;
pub mod write;

pub use model::{Doubt, DoubtKind, ImportedItem, ImportedMeeting};

/// Reads a page in whichever layout family it is written in (the most particular first),
/// or `None` when it is in none the importer knows.
pub fn read_page(
    lines: &[normalise::Line],
    party_id: &dyn Fn(&str) -> Option<String>,
) -> Option<ImportedMeeting> {
    if own_markdown::recognises(lines) {
        Some(own_markdown::read(lines, party_id))
    } else if municipal::recognises(lines) {
        Some(municipal::read(lines, party_id))
    } else if forum_text::recognises(lines) {
        Some(forum_text::read(lines, party_id))
    } else {
        None
    }
}

/// Finds a body's id by how a page names it: its name, its short name or its id, in any
/// case ("Socialdirektørforum", "SDF", "sdf").
pub fn party_finder(forum: &crate::model::Forum) -> impl Fn(&str) -> Option<String> + Sync + '_ {
    move |name: &str| {
        let name = name.trim().to_lowercase();
        forum
            .bodies
            .iter()
            .find(|b| {
                b.name.to_lowercase() == name
                    || b.short.to_lowercase() == name
                    || b.id.as_str() == name
            })
            .map(|b| b.id.as_str().to_owned())
    }
}

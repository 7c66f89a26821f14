//! Importing published minutes: a page as text (copied from a browser or saved as text) is
//! read into the shared model of a meeting ([`model`]), by the reader of its layout family
//! (one module each; [`forum_text`] is the forum's own site), and written as a meeting file
//! ([`write`]). Every doubt is reported with the input's line, never guessed away in silence.
//!
//! This is the first layout family; HTML and PDF input, the municipal layout, re-import and
//! follow-up suggestions build on the same model.

pub mod forum_text;
pub mod html;
pub mod model;
pub mod normalise;
pub mod recognise;
pub mod write;

pub use model::{Doubt, DoubtKind, ImportedItem, ImportedMeeting};

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

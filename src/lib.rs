//! dagsorden: agendas, decisions, follow-ups and the meeting calendar of a directors' forum.
//!
//! The library is the whole application except the terminal: `model` is the pure domain,
//! `archive` reads it from disk, `export` writes documents. Nothing here touches a terminal.

pub mod archive;
pub mod calendar;
pub mod config;
pub mod edit;
pub mod export;
pub mod followup;
pub mod git;
pub mod history;
pub mod import;
pub mod lang;
pub mod merge;
pub mod model;
pub mod search;
pub mod store;
pub mod text;
pub mod tui;

//! Documents made from the archive. Pure functions from domain values to text.

pub mod calendar;
pub mod decisions;
pub mod document;
pub mod followups;
pub mod ics;
pub mod json;
pub mod markdown;
pub mod sanitize_md;

pub use markdown::{DocKind, MarkdownOptions, meeting_markdown};

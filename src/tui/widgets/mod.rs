//! Reusable pieces: text wrapping, Markdown, the help overlay and the "too small" message.

pub mod finder;
pub mod help;
pub mod markdown;
pub mod overlay;
pub mod rows;
pub mod textarea;
pub mod too_small;
pub mod wrap;

//! Follow-up logic over the domain types: how a due is said.

mod phrase;

pub use phrase::due_phrase;

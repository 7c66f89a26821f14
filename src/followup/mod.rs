//! Follow-up logic over the domain types: how a due is said and where a follow-up stands.

mod phrase;
mod state;

pub use phrase::{due_phrase, followup_due_phrase};
pub use state::{Assessment, DUE_SOON_DAYS, FollowupState, assess, due_by};

//! Follow-up logic over the domain types: how a due is said and where a follow-up stands.

pub mod agenda;
pub mod list;
mod phrase;
mod state;

pub use agenda::{Candidate, agenda_candidates};
pub use list::{Entry, EntryFilter, Home, StateFilter, entries, reporting_body};
pub use phrase::{due_phrase, entry_due_phrase, followup_due_phrase};
pub use state::{
    Assessment, DUE_SOON_DAYS, FollowupState, assess, assess_instance, due_by, instance_date,
    instance_years, triggered_on,
};

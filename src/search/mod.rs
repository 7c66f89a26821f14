//! Search over the whole archive, as the user types: Danish-aware folding, word prefixes,
//! quoted phrases and filters (see [`query`]). The index is built once at load and
//! updated one meeting at a time; nothing here touches a terminal.

pub mod fields;
pub mod fold;
pub mod highlight;
pub mod hit;
pub mod index;
pub mod query;
pub mod quick;
pub mod stored;
mod vocabulary;
mod word_set;
pub mod words;

pub use fields::Field;
pub use highlight::{Snippet, matches, snippet};
pub use hit::describe_hit;
pub use index::{Hit, SearchIndex};
pub use query::Query;

//! What a hit shows: the item's (or meeting's) title and a snippet around the first match.

use super::fields::{Field, item_fields, meeting_fields};
use super::highlight::{Snippet, excerpt, snippet};
use super::index::Hit;
use super::query::Query;
use crate::model::Meeting;

/// The title and snippet of `hit` in `meeting`. When nothing but the title matches (or the
/// query is filters only), the snippet is the first decision clause the outcome filter
/// asked for, or the decision's start.
pub fn describe_hit(
    meeting: &Meeting,
    hit: &Hit,
    q: &Query,
    width: usize,
) -> (String, Option<Snippet>) {
    let Some(item) = hit.item.as_ref().and_then(|n| meeting.item(n)) else {
        let fields = meeting_fields(meeting);
        let snip = snippet(fields.iter().map(|(f, t)| (*f, t.as_ref())), q, width);
        return (meeting.title.clone(), snip);
    };
    // The title is shown with the hit already: the snippet comes from the other fields.
    let fields = item_fields(item);
    let mut snip = snippet(
        fields
            .iter()
            .filter(|(f, _)| *f != Field::Title)
            .map(|(f, t)| (*f, t.as_ref())),
        q,
        width,
    );
    if snip.is_none()
        && let Some(decision) = &item.decision
    {
        let clause = decision
            .clauses
            .iter()
            .find(|c| q.outcomes.contains(&c.outcome))
            .or(decision.clauses.first())
            .map(|c| c.text.as_str());
        let text = clause.unwrap_or(decision.text.as_str());
        if !text.trim().is_empty() {
            snip = Some(excerpt(
                Field::Decision,
                text,
                0..0,
                std::iter::empty(),
                width,
            ));
        }
    }
    (item.title.clone(), snip)
}

//! Decision history: what was decided, how it departed from what was recommended, and how one
//! topic runs through meetings and bodies. Pure: reads meetings, draws nothing.

pub mod decisions;
pub mod timeline;

pub use decisions::{
    ClausePair, DecisionFilter, DecisionRow, YearCounts, clause_pairs, counts_per_year,
    decision_rows,
};
pub use timeline::{Link, TimelineEntry, timeline};

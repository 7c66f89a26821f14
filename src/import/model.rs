//! What an importer reads from a page, before it is a meeting file: the same for every
//! layout family.

use chrono::{NaiveDate, NaiveTime};

use crate::model::{ClauseStyle, ItemKind, ItemNo, Outcome};

/// Something the importer was not sure of, at a line of the input (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doubt {
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportedMeeting {
    /// The body's name as printed (UDVALG), and its id when it matched one in forum.toml.
    pub body_name: String,
    pub body: Option<String>,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub place: String,
    pub published: Option<NaiveDate>,
    pub items: Vec<ImportedItem>,
    pub doubts: Vec<Doubt>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedItem {
    pub number: ItemNo,
    pub title: String,
    pub kind: ItemKind,
    /// The meeting whose minutes an approval item names ("… den 23. juni 2017").
    pub approves: Option<NaiveDate>,
    /// Markdown.
    pub background: String,
    pub recommendation: Option<ImportedRecommendation>,
    pub decision: Vec<ImportedClause>,
    pub remarks: String,
    /// Attachment file names, as printed under *Bilag*.
    pub attachments: Vec<String>,
    /// The line of the input where the item's section starts (its list entry when it has
    /// no section).
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRecommendation {
    /// The recommending party as printed ("Forretningsudvalget"), and its body id.
    pub by_name: Option<String>,
    pub by: Option<String>,
    pub lead: String,
    pub clauses: Vec<String>,
    pub style: ClauseStyle,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedClause {
    /// `None` where the text does not say it clearly: staff decide.
    pub outcome: Option<Outcome>,
    /// Markdown.
    pub text: String,
}

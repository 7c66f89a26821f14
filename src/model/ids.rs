//! Stable, typable identifiers: bodies (`sdf`), meetings (`2017-09-08-sdf`) and item
//! references (`2016-08-15-sdf#8`). Ids are derived from what staff already say about a
//! meeting — its date and its body — so they can be typed from memory.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

/// A body's short id as used in file names and references: lowercase letters (a–z and the
/// Danish æ, ø, å), digits and `-`, starting with a letter. Shared, not copied: every
/// search hit names its meeting, and a common word has tens of thousands of hits.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct BodyId(std::sync::Arc<str>);

impl BodyId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BodyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error(
        "`{0}` is not a body id: use lowercase letters a–z, æ, ø, å, digits and `-`, starting with a letter (e.g. `sdf`, `børn-og-unge`)"
    )]
    Body(String),
    #[error("`{0}` is not a meeting id: write it as YYYY-MM-DD-body, e.g. `2017-09-08-sdf`")]
    Meeting(String),
    #[error(
        "`{0}` is not an item reference: write it as YYYY-MM-DD-body#number, e.g. `2016-08-15-sdf#8` (a sub-item: `…#3a`, `…#3.1`)"
    )]
    Item(String),
}

impl IdError {
    /// The message in Danish and English.
    pub fn said(&self) -> crate::lang::Said {
        use crate::said;
        match self {
            IdError::Body(s) => said!(
                "`{s}` er ikke et organ-id: brug små bogstaver a–z, æ, ø, å, cifre og `-`, begyndende med et bogstav (fx `sdf`, `børn-og-unge`)";
                "{}", self
            ),
            IdError::Meeting(s) => said!(
                "`{s}` er ikke et møde-id: skriv det som ÅÅÅÅ-MM-DD-organ, fx `2017-09-08-sdf`";
                "{}", self
            ),
            IdError::Item(s) => said!(
                "`{s}` er ikke en henvisning til et punkt: skriv den som ÅÅÅÅ-MM-DD-organ#nummer, fx `2016-08-15-sdf#8` (et underpunkt: `…#3a`, `…#3.1`)";
                "{}", self
            ),
        }
    }
}

impl FromStr for BodyId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let letter = |c: char| c.is_ascii_lowercase() || matches!(c, 'æ' | 'ø' | 'å');
        let mut chars = s.chars();
        let first_ok = chars.next().is_some_and(letter);
        let rest_ok = chars.all(|c| letter(c) || c.is_ascii_digit() || c == '-');
        if first_ok && rest_ok {
            Ok(BodyId(s.into()))
        } else {
            Err(IdError::Body(s.to_owned()))
        }
    }
}

/// Whether `id` is one word as follow-up and event ids are written: letters (æ, ø, å
/// too), digits, `-`, `_` and `.`. Nothing else reaches the calendar's UIDs or a terminal.
pub fn is_word_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A meeting is identified by its date and body; this is also its file name stem.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct MeetingId {
    pub date: NaiveDate,
    pub body: BodyId,
}

impl MeetingId {
    pub fn new(date: NaiveDate, body: BodyId) -> Self {
        MeetingId { date, body }
    }
}

impl fmt::Display for MeetingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.date.format("%Y-%m-%d"), self.body)
    }
}

impl FromStr for MeetingId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let err = || IdError::Meeting(s.to_owned());
        // "YYYY-MM-DD" is exactly ten bytes of ASCII, followed by "-" and the body.
        if s.len() < 12 || !s.is_char_boundary(10) || s.as_bytes()[10] != b'-' {
            return Err(err());
        }
        let date = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d").map_err(|_| err())?;
        let body = s[11..].parse().map_err(|_| err())?;
        Ok(MeetingId { date, body })
    }
}

/// An item's number as printed: `3`, or a sub-item `3a`, `3.1`. Sub-items sort after
/// their main item and before the next (3, 3a, 3b, 4; 3, 3.1, 3.2, 4).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemNo {
    main: u32,
    /// Empty for a main item; else as printed after the number: `a`, `.1`.
    sub: Box<str>,
}

impl ItemNo {
    pub fn main(&self) -> u32 {
        self.main
    }

    /// What follows the main number: `a` in `3a`, `.1` in `3.1`; empty for a main item.
    pub fn sub(&self) -> &str {
        &self.sub
    }

    pub fn is_sub(&self) -> bool {
        !self.sub.is_empty()
    }

    /// The same sub-item under another main number (renumbering keeps the sub-items with
    /// their main item).
    pub fn with_main(&self, main: u32) -> ItemNo {
        ItemNo {
            main,
            sub: self.sub.clone(),
        }
    }
}

impl From<u32> for ItemNo {
    fn from(main: u32) -> Self {
        ItemNo {
            main,
            sub: Box::from(""),
        }
    }
}

impl PartialEq<u32> for ItemNo {
    fn eq(&self, other: &u32) -> bool {
        self.main == *other && self.sub.is_empty()
    }
}

/// In JSON a main item is a number (`3`) as before; a sub-item is a string (`"3a"`). In
/// the binary cache it is the pair of its parts, which a format without types can read back.
impl serde::Serialize for ItemNo {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !s.is_human_readable() {
            return (self.main, &*self.sub).serialize(s);
        }
        if self.sub.is_empty() {
            s.serialize_u32(self.main)
        } else {
            s.collect_str(self)
        }
    }
}

impl<'de> serde::Deserialize<'de> for ItemNo {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        if !d.is_human_readable() {
            let (main, sub): (u32, String) = serde::Deserialize::deserialize(d)?;
            return Ok(ItemNo {
                main,
                sub: sub.into_boxed_str(),
            });
        }
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = ItemNo;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an item number, as 3 or \"3a\"")
            }
            fn visit_u64<E: Error>(self, v: u64) -> Result<ItemNo, E> {
                let main = u32::try_from(v).map_err(E::custom)?;
                Ok(ItemNo::from(main))
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<ItemNo, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_any(Visit)
    }
}

impl fmt::Display for ItemNo {
    /// Honours width and alignment (`{:>3}`), as lists line numbers up.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.sub.is_empty() {
            fmt::Display::fmt(&self.main, f)
        } else {
            f.pad(&format!("{}{}", self.main, self.sub))
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an item number: write a number (`3`), or a sub-item as `3a` or `3.1`")]
pub struct ItemNoError(String);

impl ItemNoError {
    /// The message in Danish and English.
    pub fn said(&self) -> crate::lang::Said {
        crate::said!(
            "`{}` er ikke et punktnummer: skriv et tal (`3`) eller et underpunkt som `3a` eller `3.1`", self.0;
            "{}", self
        )
    }
}

impl FromStr for ItemNo {
    type Err = ItemNoError;
    fn from_str(s: &str) -> Result<Self, ItemNoError> {
        let err = || ItemNoError(s.to_owned());
        let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let main: u32 = s[..digits].parse().map_err(|_| err())?;
        let sub = &s[digits..];
        let lettered = sub.len() <= 2 && sub.chars().all(|c| c.is_ascii_lowercase());
        let dotted = sub.starts_with('.')
            && sub[1..]
                .split('.')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
        if lettered || dotted {
            Ok(ItemNo {
                main,
                sub: Box::from(sub),
            })
        } else {
            Err(err())
        }
    }
}

/// A reference to a meeting, or to one numbered item of it.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct ItemRef {
    pub meeting: MeetingId,
    pub item: Option<ItemNo>,
}

impl ItemRef {
    pub fn item(meeting: MeetingId, number: impl Into<ItemNo>) -> Self {
        ItemRef {
            meeting,
            item: Some(number.into()),
        }
    }
}

impl fmt::Display for ItemRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.item {
            Some(n) => write!(f, "{}#{n}", self.meeting),
            None => write!(f, "{}", self.meeting),
        }
    }
}

impl FromStr for ItemRef {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let err = || IdError::Item(s.to_owned());
        match s.split_once('#') {
            Some((meeting, number)) => Ok(ItemRef {
                meeting: meeting.parse().map_err(|_| err())?,
                item: Some(number.parse().map_err(|_| err())?),
            }),
            None => Ok(ItemRef {
                meeting: s.parse().map_err(|_| err())?,
                item: None,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_ids_round_trip() {
        let id: MeetingId = "2017-09-08-sdf".parse().unwrap();
        assert_eq!(id.date, NaiveDate::from_ymd_opt(2017, 9, 8).unwrap());
        assert_eq!(id.body.as_str(), "sdf");
        assert_eq!(id.to_string(), "2017-09-08-sdf");
    }

    #[test]
    fn item_refs_with_and_without_number() {
        let r: ItemRef = "2016-08-15-sdf#8".parse().unwrap();
        assert_eq!(r.item, Some(8.into()));
        assert_eq!(r.to_string(), "2016-08-15-sdf#8");
        let r: ItemRef = "2016-08-15-sdf".parse().unwrap();
        assert_eq!(r.item, None);
    }

    #[test]
    fn malformed_ids_are_rejected() {
        for bad in [
            "",
            "2017-09-08",
            "2017-09-08-",
            "2017-9-8-sdf",
            "2017-02-30-sdf",
            "2017-09-08-SDF",
            "2017-09-08_sdf",
            "æøå",
        ] {
            assert!(
                bad.parse::<MeetingId>().is_err(),
                "{bad:?} should be rejected"
            );
        }
        assert!("2017-09-08-sdf#".parse::<ItemRef>().is_err());
        assert!("2017-09-08-sdf#x".parse::<ItemRef>().is_err());
        assert!("1fu".parse::<BodyId>().is_err());
        assert!("Børn".parse::<BodyId>().is_err());
        assert!("børn og unge".parse::<BodyId>().is_err());
    }

    #[test]
    fn sub_items_keep_their_numbering_style_and_sort_under_their_item() {
        let mut numbers: Vec<ItemNo> = ["4", "3.2", "3", "3a", "3.1", "12"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        numbers.sort();
        let shown: Vec<String> = numbers.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["3", "3.1", "3.2", "3a", "4", "12"]);
        let r: ItemRef = "2021-03-12-bu#3a".parse().unwrap();
        assert_eq!(r.to_string(), "2021-03-12-bu#3a");
        assert_eq!(r.item.as_ref().unwrap().sub(), "a");
        assert_eq!(
            "3.1".parse::<ItemNo>().unwrap().with_main(5).to_string(),
            "5.1"
        );
        for bad in ["", "a", "3 a", "3-a", "3.", "3.x", "3abc", "-1"] {
            assert!(bad.parse::<ItemNo>().is_err(), "{bad:?}");
        }
        assert_eq!(ItemNo::from(7), 7);
    }

    #[test]
    fn body_ids_may_be_danish() {
        let id: MeetingId = "2021-03-12-børn-og-unge".parse().unwrap();
        assert_eq!(id.body.as_str(), "børn-og-unge");
        assert_eq!(id.to_string(), "2021-03-12-børn-og-unge");
        let r: ItemRef = "2021-03-12-økonomiudvalget#112".parse().unwrap();
        assert_eq!(r.item, Some(112.into()));
        assert!("ærø-2".parse::<BodyId>().is_ok());
        let message = "Udvalg".parse::<BodyId>().unwrap_err().to_string();
        assert!(message.contains("æ, ø, å"), "{message}");
    }
}

//! A date as staff type it: `2017-11-01`, and the Danish ways where they are unambiguous
//! (`1/11-2017`, `1/11 2017`, `1.11.2017`, `1-11-2017`, `1. november 2017`), day before
//! month as Danes write them. A date that does not exist says why ("30. februar 2018 findes
//! ikke: februar 2018 har 28 dage").

use chrono::NaiveDate;

use super::followup::MONTHS_DA;
use crate::lang::Lang;

/// Why a typed date was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not written as a date at all.
    Unreadable(String),
    /// A day the month does not have.
    NoSuchDay { day: u32, month: u32, year: i32 },
    /// A month number outside 1–12.
    NoSuchMonth(u32),
}

impl DateError {
    /// The message in Danish and English.
    pub fn said(&self) -> crate::lang::Said {
        crate::lang::Said::new(self.message(Lang::Da), self.message(Lang::En))
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DateError::Unreadable(t), Lang::Da) => format!(
                "«{t}» er ingen dato: skriv den som 2018-02-09, 9/2-2018 eller 9. februar 2018"
            ),
            (DateError::Unreadable(t), Lang::En) => {
                format!("\"{t}\" is no date: write it as 2018-02-09, 9/2-2018 or 9 February 2018")
            }
            (DateError::NoSuchDay { day, month, year }, lang) => {
                let days = days_in_month(*year, *month);
                let name = match lang {
                    Lang::Da => MONTHS_DA[(*month as usize).clamp(1, 12) - 1].to_owned(),
                    Lang::En => NaiveDate::from_ymd_opt(*year, *month, 1)
                        .map_or_else(String::new, |d| d.format("%B").to_string()),
                };
                match lang {
                    Lang::Da => {
                        format!("{day}. {name} {year} findes ikke: {name} {year} har {days} dage")
                    }
                    Lang::En => {
                        format!("{day} {name} {year} does not exist: {name} {year} has {days} days")
                    }
                }
            }
            (DateError::NoSuchMonth(m), Lang::Da) => {
                format!("måned {m} findes ikke: en måned er 1–12")
            }
            (DateError::NoSuchMonth(m), Lang::En) => {
                format!("there is no month {m}: a month is 1–12")
            }
        }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|d| NaiveDate::from_ymd_opt(year, month, *d).is_some())
        .unwrap_or(0)
}

/// The date `text` names.
pub fn read(text: &str) -> Result<NaiveDate, DateError> {
    let t = text.trim();
    let unreadable = || DateError::Unreadable(t.to_owned());
    let (day, month, year) = parts(t).ok_or_else(unreadable)?;
    if !(1..=12).contains(&month) {
        return Err(DateError::NoSuchMonth(month));
    }
    if !(1900..=2999).contains(&year) {
        return Err(unreadable());
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::NoSuchDay { day, month, year })
}

/// A date at the start of `text` and what follows it ("1/11-2017 Forløb 1").
pub fn read_leading(text: &str) -> Result<(NaiveDate, String), DateError> {
    let words: Vec<&str> = text.split_whitespace().collect();
    // "1. november 2017 …" is three words; "1/11-2017 …" one.
    if words.len() >= 3
        && let Ok(date) = read(&words[..3].join(" "))
    {
        return Ok((date, words[3..].join(" ")));
    }
    let first = words.first().copied().unwrap_or("");
    read(first).map(|date| (date, words[1..].join(" ")))
}

/// Day, month and year as written, in any of the shapes taken.
fn parts(t: &str) -> Option<(u32, u32, i32)> {
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    // 2017-11-01
    if let [y, m, d] = t.split('-').collect::<Vec<_>>()[..]
        && y.len() == 4
    {
        return Some((number(d)?, number(m)?, number(y)? as i32));
    }
    // 1. november 2017
    let words: Vec<&str> = t.split_whitespace().collect();
    if let [d, m, y] = words[..]
        && let Some(month) = MONTHS_DA
            .iter()
            .position(|name| m.to_lowercase().trim_end_matches('.') == *name)
    {
        let day = number(d.trim_end_matches('.'))?;
        return Some((day, month as u32 + 1, number(y)? as i32));
    }
    // 1/11-2017, 1/11 2017, 1/11/2017, 1.11.2017, 1-11-2017
    let fields: Vec<&str> = t
        .split(['/', '-', '.', ' '])
        .filter(|f| !f.is_empty())
        .collect();
    if let [d, m, y] = fields[..]
        && d.len() <= 2
        && m.len() <= 2
        && y.len() == 4
    {
        return Some((number(d)?, number(m)?, number(y)? as i32));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_are_read_as_staff_write_them() {
        for typed in [
            "2017-11-01",
            "1/11-2017",
            "1/11 2017",
            "1/11/2017",
            "1.11.2017",
            "01.11.2017",
            "1-11-2017",
            "1. november 2017",
            " 1. November 2017 ",
        ] {
            assert_eq!(read(typed), Ok(d(2017, 11, 1)), "{typed}");
        }
    }

    #[test]
    fn a_date_that_does_not_exist_says_why() {
        assert_eq!(
            read("2018-02-30").unwrap_err().message(Lang::Da),
            "30. februar 2018 findes ikke: februar 2018 har 28 dage"
        );
        assert_eq!(read("29/2-2020"), Ok(d(2020, 2, 29)), "2020 is a leap year");
        assert_eq!(
            read("31/4-2018").unwrap_err().message(Lang::En),
            "31 April 2018 does not exist: April 2018 has 30 days"
        );
        assert_eq!(read("1/13-2018"), Err(DateError::NoSuchMonth(13)));
        assert_eq!(
            read("i går").unwrap_err().message(Lang::Da),
            "«i går» er ingen dato: skriv den som 2018-02-09, 9/2-2018 eller 9. februar 2018"
        );
        assert!(read("1/11").is_err(), "no year: not guessed");
        assert_eq!(
            read_leading("1. november 2017 Forløb 1"),
            Ok((d(2017, 11, 1), "Forløb 1".to_owned()))
        );
        assert_eq!(
            read_leading("1/11-2017 Forløb 1"),
            Ok((d(2017, 11, 1), "Forløb 1".to_owned()))
        );
        assert!(read("11/1-17").is_err(), "a two-digit year is not guessed");
    }
}

//! Danish public holidays, computed from Easter, and the days most workplaces also close.

use chrono::{Datelike, Days, NaiveDate};

use crate::lang::Lang;

/// A day off: a public holiday (*helligdag*) or a day most workplaces close on as well
/// (Grundlovsdag, juleaften, nytårsaften), which plans avoid in the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub kind: HolidayKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HolidayKind {
    NewYearsDay,
    MaundyThursday,
    GoodFriday,
    EasterSunday,
    EasterMonday,
    /// Store bededag, the fourth Friday after Easter; abolished from 2024.
    GreatPrayerDay,
    Ascension,
    Whitsun,
    WhitMonday,
    ConstitutionDay,
    ChristmasEve,
    ChristmasDay,
    BoxingDay,
    NewYearsEve,
}

impl HolidayKind {
    /// Whether the day is a public holiday by law; the others are closing days by custom.
    pub fn is_public(self) -> bool {
        !matches!(
            self,
            HolidayKind::ConstitutionDay | HolidayKind::ChristmasEve | HolidayKind::NewYearsEve
        )
    }

    pub fn name(self, lang: Lang) -> &'static str {
        use HolidayKind::*;
        match (lang, self) {
            (Lang::Da, NewYearsDay) => "Nytårsdag",
            (Lang::Da, MaundyThursday) => "Skærtorsdag",
            (Lang::Da, GoodFriday) => "Langfredag",
            (Lang::Da, EasterSunday) => "Påskedag",
            (Lang::Da, EasterMonday) => "2. påskedag",
            (Lang::Da, GreatPrayerDay) => "Store bededag",
            (Lang::Da, Ascension) => "Kristi himmelfartsdag",
            (Lang::Da, Whitsun) => "Pinsedag",
            (Lang::Da, WhitMonday) => "2. pinsedag",
            (Lang::Da, ConstitutionDay) => "Grundlovsdag",
            (Lang::Da, ChristmasEve) => "Juleaftensdag",
            (Lang::Da, ChristmasDay) => "Juledag",
            (Lang::Da, BoxingDay) => "2. juledag",
            (Lang::Da, NewYearsEve) => "Nytårsaftensdag",
            (Lang::En, NewYearsDay) => "New Year's Day",
            (Lang::En, MaundyThursday) => "Maundy Thursday",
            (Lang::En, GoodFriday) => "Good Friday",
            (Lang::En, EasterSunday) => "Easter Sunday",
            (Lang::En, EasterMonday) => "Easter Monday",
            (Lang::En, GreatPrayerDay) => "Great Prayer Day",
            (Lang::En, Ascension) => "Ascension Day",
            (Lang::En, Whitsun) => "Whit Sunday",
            (Lang::En, WhitMonday) => "Whit Monday",
            (Lang::En, ConstitutionDay) => "Constitution Day",
            (Lang::En, ChristmasEve) => "Christmas Eve",
            (Lang::En, ChristmasDay) => "Christmas Day",
            (Lang::En, BoxingDay) => "Boxing Day",
            (Lang::En, NewYearsEve) => "New Year's Eve",
        }
    }
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, also known
/// as Meeus/Jones/Butcher).
pub fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a valid date")
}

/// The year's days off in date order.
pub fn holidays(year: i32) -> Vec<Holiday> {
    use HolidayKind::*;
    let fixed = |month: u32, day: u32, kind| Holiday {
        date: NaiveDate::from_ymd_opt(year, month, day).expect("fixed holidays exist every year"),
        kind,
    };
    let e = easter(year);
    let from_easter = |offset: i64, kind| Holiday {
        date: if offset < 0 {
            e - Days::new(offset.unsigned_abs())
        } else {
            e + Days::new(offset as u64)
        },
        kind,
    };
    let mut days = vec![
        fixed(1, 1, NewYearsDay),
        from_easter(-3, MaundyThursday),
        from_easter(-2, GoodFriday),
        from_easter(0, EasterSunday),
        from_easter(1, EasterMonday),
        from_easter(39, Ascension),
        from_easter(49, Whitsun),
        from_easter(50, WhitMonday),
        fixed(6, 5, ConstitutionDay),
        fixed(12, 24, ChristmasEve),
        fixed(12, 25, ChristmasDay),
        fixed(12, 26, BoxingDay),
        fixed(12, 31, NewYearsEve),
    ];
    if year <= 2023 {
        days.push(from_easter(26, GreatPrayerDay));
    }
    days.sort_by_key(|h| h.date);
    days
}

/// The day off on `date`, if it is one. Whit Sunday and Grundlovsdag can fall on one day;
/// the public holiday is named then.
pub fn holiday(date: NaiveDate) -> Option<Holiday> {
    let mut on_day = holidays(date.year()).into_iter().filter(|h| h.date == date);
    let first = on_day.next()?;
    Some(match on_day.next() {
        Some(second) if second.kind.is_public() => second,
        _ => first,
    })
}

/// Holidays for a range of years, looked up by date without recomputing Easter per day.
#[derive(Debug, Default)]
pub struct HolidayTable {
    days: std::collections::HashMap<NaiveDate, Holiday>,
}

impl HolidayTable {
    pub fn for_years(years: impl IntoIterator<Item = i32>) -> HolidayTable {
        let mut days = std::collections::HashMap::new();
        for year in years {
            for h in holidays(year) {
                let keep = days
                    .get(&h.date)
                    .is_some_and(|old: &Holiday| old.kind.is_public());
                if !keep {
                    days.insert(h.date, h);
                }
            }
        }
        HolidayTable { days }
    }

    pub fn get(&self, date: NaiveDate) -> Option<&Holiday> {
        self.days.get(&date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_sundays_2017_to_2030() {
        // From the Danish almanac (Københavns Universitet's table of Easter dates).
        let known = [
            (2017, 4, 16),
            (2018, 4, 1),
            (2019, 4, 21),
            (2020, 4, 12),
            (2021, 4, 4),
            (2022, 4, 17),
            (2023, 4, 9),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2029, 4, 1),
            (2030, 4, 21),
        ];
        for (y, m, day) in known {
            assert_eq!(easter(y), d(y, m, day), "Easter {y}");
        }
    }

    #[test]
    fn store_bededag_is_a_holiday_up_to_2023_only() {
        let h = holiday(d(2023, 5, 5)).expect("5 May 2023 is Store bededag");
        assert_eq!(h.kind, HolidayKind::GreatPrayerDay);
        assert_eq!(h.kind.name(Lang::Da), "Store bededag");
        // 2024's fourth Friday after Easter is an ordinary working day.
        assert_eq!(holiday(d(2024, 4, 26)), None);
        for year in 2017..=2030 {
            let has = holidays(year)
                .iter()
                .any(|h| h.kind == HolidayKind::GreatPrayerDay);
            assert_eq!(has, year <= 2023, "{year}");
        }
    }

    #[test]
    fn the_easter_based_holidays_of_2018() {
        let days: Vec<_> = holidays(2018)
            .into_iter()
            .filter(|h| h.kind.is_public())
            .map(|h| (h.date, h.kind.name(Lang::Da)))
            .collect();
        assert_eq!(
            days,
            vec![
                (d(2018, 1, 1), "Nytårsdag"),
                (d(2018, 3, 29), "Skærtorsdag"),
                (d(2018, 3, 30), "Langfredag"),
                (d(2018, 4, 1), "Påskedag"),
                (d(2018, 4, 2), "2. påskedag"),
                (d(2018, 4, 27), "Store bededag"),
                (d(2018, 5, 10), "Kristi himmelfartsdag"),
                (d(2018, 5, 20), "Pinsedag"),
                (d(2018, 5, 21), "2. pinsedag"),
                (d(2018, 12, 25), "Juledag"),
                (d(2018, 12, 26), "2. juledag"),
            ]
        );
    }

    #[test]
    fn every_year_from_2017_to_2030_has_its_holidays_on_the_right_weekdays() {
        use chrono::Weekday::*;
        for year in 2017..=2030 {
            for h in holidays(year) {
                let expected = match h.kind {
                    HolidayKind::MaundyThursday | HolidayKind::Ascension => Some(Thu),
                    HolidayKind::GoodFriday | HolidayKind::GreatPrayerDay => Some(Fri),
                    HolidayKind::EasterSunday | HolidayKind::Whitsun => Some(Sun),
                    HolidayKind::EasterMonday | HolidayKind::WhitMonday => Some(Mon),
                    _ => None,
                };
                if let Some(day) = expected {
                    assert_eq!(h.date.weekday(), day, "{:?} {year}", h.kind);
                }
            }
        }
    }

    #[test]
    fn the_table_agrees_with_the_lookup() {
        let table = HolidayTable::for_years(2017..=2030);
        let mut day = d(2017, 1, 1);
        while day <= d(2030, 12, 31) {
            assert_eq!(table.get(day).copied(), holiday(day), "{day}");
            day = day.succ_opt().unwrap();
        }
    }
}

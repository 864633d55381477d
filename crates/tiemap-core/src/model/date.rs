//! Calendar dates and timestamps without a time-zone library.
//!
//! [`Date`] counts days since 1970-01-01 (proleptic Gregorian); [`Timestamp`] counts seconds
//! since 1970-01-01T00:00:00 UTC. Both are plain integers, so they sort, hash and serialise
//! cheaply and identically on every platform.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar day, stored as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    days_since_epoch: i32,
}

/// A moment in time, stored as seconds since 1970-01-01T00:00:00 UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Timestamp {
    secs_since_epoch: i64,
}

const MONTH_ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Date {
    /// The date for year `y`, month `m` (1-12) and day `d` (1-31), or `None` if it does not exist.
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Date> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) || !(1..=9999).contains(&y) {
            return None;
        }
        Some(Date {
            days_since_epoch: days_from_civil(y, m, d),
        })
    }

    /// The date that is `days` days after 1970-01-01 (negative: before).
    pub fn from_days_since_epoch(days: i32) -> Date {
        Date {
            days_since_epoch: days,
        }
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(self) -> i32 {
        self.days_since_epoch
    }

    /// (year, month 1-12, day 1-31).
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.days_since_epoch)
    }

    pub fn year(self) -> i32 {
        self.ymd().0
    }

    pub fn month(self) -> u32 {
        self.ymd().1
    }

    /// Whole days from `self` to `other` (positive if `other` is later).
    pub fn days_until(self, other: Date) -> i32 {
        other.days_since_epoch - self.days_since_epoch
    }

    /// The day plus `days` days.
    pub fn add_days(self, days: i32) -> Date {
        Date {
            days_since_epoch: self.days_since_epoch + days,
        }
    }

    /// "Mar 2016": month and year, as people say it.
    pub fn month_year(self) -> String {
        let (y, m, _) = self.ymd();
        format!("{} {}", MONTH_ABBREVIATIONS[(m - 1) as usize], y)
    }

    /// The three-letter English abbreviation of a month (1-12).
    pub fn month_abbreviation(month: u32) -> &'static str {
        MONTH_ABBREVIATIONS[((month.clamp(1, 12)) - 1) as usize]
    }
}

impl fmt::Display for Date {
    /// ISO 8601: `2022-07-17`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Timestamp {
    pub fn from_secs_since_epoch(secs: i64) -> Timestamp {
        Timestamp {
            secs_since_epoch: secs,
        }
    }

    /// The moment at `date` + `h:min:s` UTC, or `None` for an impossible time of day.
    pub fn from_date_hms(date: Date, h: u32, min: u32, s: u32) -> Option<Timestamp> {
        if h > 23 || min > 59 || s > 60 {
            return None;
        }
        Some(Timestamp {
            secs_since_epoch: date.days_since_epoch as i64 * 86_400
                + h as i64 * 3600
                + min as i64 * 60
                + s as i64,
        })
    }

    pub fn secs_since_epoch(self) -> i64 {
        self.secs_since_epoch
    }

    /// The UTC calendar day of this moment.
    pub fn date(self) -> Date {
        Date {
            days_since_epoch: self.secs_since_epoch.div_euclid(86_400) as i32,
        }
    }
}

impl fmt::Display for Timestamp {
    /// `2026-04-06 16:35:35 UTC`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs_of_day = self.secs_since_epoch.rem_euclid(86_400);
        write!(
            f,
            "{} {:02}:{:02}:{:02} UTC",
            self.date(),
            secs_of_day / 3600,
            (secs_of_day / 60) % 60,
            secs_of_day % 60
        )
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days.
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = (y - era * 400) as u32;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe as i32 - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = (z - era * 146_097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe as i32 + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_round_trip() {
        assert_eq!(
            Date::from_ymd(1970, 1, 1).map(Date::days_since_epoch),
            Some(0)
        );
        assert_eq!(
            Date::from_ymd(2000, 3, 1).map(|d| d.ymd()),
            Some((2000, 3, 1))
        );
        for days in (-800_000..800_000).step_by(997) {
            let d = Date::from_days_since_epoch(days);
            let (y, m, dd) = d.ymd();
            if (1..=9999).contains(&y) {
                assert_eq!(Date::from_ymd(y, m, dd), Some(d));
            }
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::from_ymd(2023, 2, 29).is_none());
        assert!(Date::from_ymd(2024, 2, 29).is_some());
        assert!(Date::from_ymd(2024, 13, 1).is_none());
        assert!(Date::from_ymd(2024, 4, 31).is_none());
    }

    #[test]
    fn display_forms() {
        let d = Date::from_ymd(2022, 7, 17).unwrap();
        assert_eq!(d.to_string(), "2022-07-17");
        assert_eq!(d.month_year(), "Jul 2022");
        let t = Timestamp::from_date_hms(Date::from_ymd(2026, 4, 6).unwrap(), 16, 35, 35).unwrap();
        assert_eq!(t.to_string(), "2026-04-06 16:35:35 UTC");
        assert_eq!(t.date(), Date::from_ymd(2026, 4, 6).unwrap());
    }
}

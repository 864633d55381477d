//! One tolerant date parser for every date form seen in LinkedIn exports.

use crate::model::{Date, Timestamp};

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_from_name(name: &str) -> Option<u32> {
    let n = name.get(..3)?.to_ascii_lowercase();
    MONTHS.iter().position(|m| *m == n).map(|i| i as u32 + 1)
}

fn two_digit_year(y: i32) -> i32 {
    if y < 100 {
        if y < 70 {
            2000 + y
        } else {
            1900 + y
        }
    } else {
        y
    }
}

/// Parses a date in any of these forms: `17 Jul 2022` (Connections.csv), `1/8/18, 6:14 PM`
/// (month/day/year: Connections.csv of 2018, Invitations.csv), `2026-04-06 16:35:35 UTC`
/// (messages.csv), `2019/03/05 14:40:31 UTC` (endorsements), `2022-07-17T10:05:00Z`,
/// `2022-07-17`, `Aug 2025` (Positions.csv: first of the month), `2025` (first of the year).
pub fn parse_date(text: &str) -> Option<Date> {
    if let Some(date) = parse_day_month_year(text.trim()) {
        return Some(date);
    }
    parse_timestamp(text)
        .map(Timestamp::date)
        .or_else(|| parse_day(text))
}

/// Fast path for the most common form, `17 Jul 2022` (every row of Connections.csv), without
/// allocating. `None` sends the text through the general parsers.
fn parse_day_month_year(t: &str) -> Option<Date> {
    let b = t.as_bytes();
    let day_len = match b {
        [d, b' ', ..] if d.is_ascii_digit() => 1,
        [d1, d2, b' ', ..] if d1.is_ascii_digit() && d2.is_ascii_digit() => 2,
        _ => return None,
    };
    let rest = b.get(day_len + 1..)?;
    let [m1, m2, m3, b' ', y1, y2, y3, y4] = rest else {
        return None;
    };
    let year_digits = [*y1, *y2, *y3, *y4];
    if !year_digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let month = [
        m1.to_ascii_lowercase(),
        m2.to_ascii_lowercase(),
        m3.to_ascii_lowercase(),
    ];
    let month = MONTHS.iter().position(|m| m.as_bytes() == month)? as u32 + 1;
    let day = b
        .get(..day_len)?
        .iter()
        .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'));
    let year = year_digits
        .iter()
        .fold(0i32, |acc, d| acc * 10 + i32::from(d - b'0'));
    Date::from_ymd(year, month, day)
}

fn parse_day(text: &str) -> Option<Date> {
    let t = text.trim().trim_matches('"').trim();
    let parts: Vec<&str> = t.split_whitespace().collect();
    match parts.as_slice() {
        // 17 Jul 2022
        [d, m, y] if d.chars().all(|c| c.is_ascii_digit()) => {
            Date::from_ymd(y.parse().ok()?, month_from_name(m)?, d.parse().ok()?)
        }
        // Aug 2025
        [m, y] if y.chars().all(|c| c.is_ascii_digit()) => {
            Date::from_ymd(y.parse().ok()?, month_from_name(m)?, 1)
        }
        [single] => {
            // 2022-07-17 or 2019/03/05 (year first)
            let parts: Vec<&str> = single.split(['-', '/']).collect();
            if let [y, m, d] = parts.as_slice() {
                if y.len() == 4 {
                    return Date::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
                }
            }
            // 2025
            if single.len() == 4 {
                return Date::from_ymd(single.parse().ok()?, 1, 1);
            }
            None
        }
        _ => None,
    }
}

/// Parses a moment: `1/8/18, 6:14 PM`, `2026-04-06 16:35:35 UTC`, or a date alone (midnight).
pub fn parse_timestamp(text: &str) -> Option<Timestamp> {
    let t = text.trim().trim_matches('"').trim();
    // 1/8/18, 6:14 PM
    if let Some((day, time)) = t.split_once(',') {
        let mdy: Vec<&str> = day.trim().split('/').collect();
        if let [m, d, y] = mdy.as_slice() {
            let date = Date::from_ymd(
                two_digit_year(y.parse().ok()?),
                m.parse().ok()?,
                d.parse().ok()?,
            )?;
            let (h, min) = parse_clock(time.trim())?;
            return Timestamp::from_date_hms(date, h, min, 0);
        }
    }
    // 2026-04-06 16:35:35 UTC, 2019/03/05 14:40:31 UTC, 2022-07-17T10:05:00Z
    let iso_t = t
        .split_once('T')
        .filter(|(day, _)| day.len() == 10 && day.contains('-'))
        .map(|(day, clock)| format!("{day} {}", clock.trim_end_matches('Z')));
    let t = iso_t.as_deref().unwrap_or(t);
    let parts: Vec<&str> = t.split_whitespace().collect();
    if let [day, clock, ..] = parts.as_slice() {
        let year_first = day.split(['-', '/']).next().is_some_and(|y| y.len() == 4);
        if year_first && clock.contains(':') {
            let date = parse_day(day)?;
            let hms: Vec<u32> = clock
                .split(':')
                .map(|x| x.parse().ok())
                .collect::<Option<_>>()?;
            let (h, m, s) = (
                hms.first().copied()?,
                hms.get(1).copied().unwrap_or(0),
                hms.get(2).copied().unwrap_or(0),
            );
            return Timestamp::from_date_hms(date, h, m, s);
        }
    }
    // 1/8/18
    let mdy: Vec<&str> = t.split('/').collect();
    if let [m, d, y] = mdy.as_slice() {
        let date = Date::from_ymd(
            two_digit_year(y.trim().parse().ok()?),
            m.trim().parse().ok()?,
            d.trim().parse().ok()?,
        )?;
        return Timestamp::from_date_hms(date, 0, 0, 0);
    }
    None
}

/// `6:14 PM` or `18:14`.
fn parse_clock(text: &str) -> Option<(u32, u32)> {
    let upper = text.to_ascii_uppercase();
    let (clock, pm, am) = if let Some(c) = upper.strip_suffix("PM") {
        (c.trim().to_string(), true, false)
    } else if let Some(c) = upper.strip_suffix("AM") {
        (c.trim().to_string(), false, true)
    } else {
        (upper.trim().to_string(), false, false)
    };
    let (h, m) = clock.split_once(':')?;
    let (mut h, m): (u32, u32) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
    if (pm || am) && !(1..=12).contains(&h) {
        return None;
    }
    if pm && h != 12 {
        h += 12;
    }
    if am && h == 12 {
        h = 0;
    }
    Some((h, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<Date> {
        Date::from_ymd(y, m, d)
    }

    #[test]
    fn current_connections_form() {
        assert_eq!(parse_date("17 Jul 2022"), ymd(2022, 7, 17));
        assert_eq!(parse_date("01 Feb 2020"), ymd(2020, 2, 1));
    }

    #[test]
    fn form_2018_with_time() {
        assert_eq!(parse_date("1/8/18, 6:14 PM"), ymd(2018, 1, 8));
        let t = parse_timestamp("12/31/17, 12:05 AM").unwrap();
        assert_eq!(t.to_string(), "2017-12-31 00:05:00 UTC");
        assert_eq!(
            parse_timestamp("1/8/18, 6:14 PM").unwrap().to_string(),
            "2018-01-08 18:14:00 UTC"
        );
    }

    #[test]
    fn messages_form() {
        assert_eq!(
            parse_timestamp("2026-04-06 16:35:35 UTC")
                .unwrap()
                .to_string(),
            "2026-04-06 16:35:35 UTC"
        );
    }

    #[test]
    fn positions_form_and_iso() {
        assert_eq!(parse_date("Aug 2025"), ymd(2025, 8, 1));
        assert_eq!(parse_date("2022-07-17"), ymd(2022, 7, 17));
        assert_eq!(parse_date("2019"), ymd(2019, 1, 1));
    }

    #[test]
    fn endorsements_form() {
        assert_eq!(
            parse_timestamp("2019/03/05 14:40:31 UTC")
                .unwrap()
                .to_string(),
            "2019-03-05 14:40:31 UTC"
        );
        assert_eq!(parse_date("2019/03/05"), ymd(2019, 3, 5));
    }

    #[test]
    fn iso_with_t_and_zone() {
        assert_eq!(
            parse_timestamp("2022-07-17T10:05:00Z").unwrap().to_string(),
            "2022-07-17 10:05:00 UTC"
        );
    }

    #[test]
    fn two_digit_years_and_noon_midnight() {
        assert_eq!(parse_date("07/17/22, 10:05 AM"), ymd(2022, 7, 17));
        assert_eq!(parse_date("3/4/99, 12:00 PM"), ymd(1999, 3, 4));
        assert_eq!(
            parse_timestamp("3/4/99, 12:00 PM").unwrap().to_string(),
            "1999-03-04 12:00:00 UTC"
        );
        assert_eq!(parse_date("1/8/2018"), ymd(2018, 1, 8));
    }

    #[test]
    fn fast_path_agrees_with_the_general_parser() {
        for s in [
            "17 Jul 2022",
            "1 Jan 2000",
            "29 Feb 2024",
            "29 Feb 2023",
            "31 APR 2020",
            "7 jul 1999",
        ] {
            assert_eq!(parse_day_month_year(s), parse_day(s), "{s}");
        }
        assert_eq!(parse_day_month_year("17 July 2022"), None);
        assert_eq!(parse_date("17 July 2022"), ymd(2022, 7, 17));
    }

    #[test]
    fn nonsense_is_none() {
        for s in [
            "",
            "yesterday",
            "31 Foo 2020",
            "13/45/20, 1:00 PM",
            "1/8/18, 13:00 PM",
            "30 Feb 2021",
            "2021-02-30 10:00:00 UTC",
            "2021-02-03 25:00:00 UTC",
            "12-03-2021",
            "Tx",
            "99999999999999999999 Jan 2020",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }
}

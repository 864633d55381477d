//! One tolerant date parser for every date form seen in LinkedIn exports, and in the same
//! files once a spreadsheet program has re-saved them in another locale: `16.09.2021`,
//! `23-Apr-23`, `12-feb-18`, `12. Mär. 2021`, `3 janv. 2020`, `5 de mai. de 2019`,
//! `17/07/2022` (day first, told from the other dates of the file: [`day_month_order`]).

use crate::model::{Date, Timestamp};

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Month names, lower case without accents, in the languages of the locales whose spreadsheet
/// programs re-save LinkedIn's files (English, Spanish, German, French, Portuguese, Italian,
/// Dutch), with the abbreviations that are no prefix of a name (`mrz`, `mrt`).
#[rustfmt::skip]
const MONTH_NAMES: [&[&str]; 12] = [
    &["january", "enero", "januar", "janner", "janvier", "janeiro", "gennaio", "januari"],
    &["february", "febrero", "februar", "fevrier", "fevereiro", "febbraio", "februari"],
    &["march", "marzo", "marz", "mars", "marco", "maart", "mrz", "mrt"],
    &["april", "abril", "avril", "aprile"],
    &["may", "mayo", "mai", "maio", "maggio", "mei"],
    &["june", "junio", "juni", "juin", "junho", "giugno"],
    &["july", "julio", "juli", "juillet", "julho", "luglio"],
    &["august", "agosto", "aout", "augustus"],
    &["september", "septiembre", "setiembre", "septembre", "setembro", "settembre"],
    &["october", "octubre", "oktober", "octobre", "outubro", "ottobre"],
    &["november", "noviembre", "novembre", "novembro"],
    &["december", "diciembre", "dezember", "decembre", "dezembro", "dicembre"],
];

/// The month a name or abbreviation stands for (`Jul`, `julio`, `Mär.`, `janv.`, `août`):
/// the one month with a name the word begins, at least three letters long. `jui` (French
/// June or July) is no month.
fn month_from_name(name: &str) -> Option<u32> {
    let word = fold_accents(name.trim_end_matches('.'));
    if word.chars().count() < 3 {
        return None;
    }
    let mut found = None;
    for (index, names) in MONTH_NAMES.iter().enumerate() {
        if names.iter().any(|n| n.starts_with(&word)) {
            if found.is_some() {
                return None;
            }
            found = Some(index as u32 + 1);
        }
    }
    found
}

/// Lower case, with the accents of the month names above dropped.
fn fold_accents(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            other => other,
        })
        .collect()
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

/// How all-numeric dates with the year last write day and month: `7/17/2022` (month first,
/// as LinkedIn and US spreadsheets do) or `17/07/2022` (day first, most of the world).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayMonthOrder {
    MonthFirst,
    DayFirst,
}

/// Parses a date in any of these forms: `17 Jul 2022` (Connections.csv), `1/8/18, 6:14 PM`
/// (month/day/year: Connections.csv of 2018, Invitations.csv), `2026-04-06 16:35:35 UTC`
/// (messages.csv), `2019/03/05 14:40:31 UTC` (endorsements), `2022-07-17T10:05:00Z`,
/// `2022-07-17`, `Aug 2025` (Positions.csv: first of the month), `2025` (first of the year);
/// and as spreadsheets re-save them: `16.09.2021`, `23-Apr-23`, `12-feb-18`, `12. Mär. 2021`,
/// `3 janv. 2020`, `5 de mai. de 2019`, `Jul 17, 2022`.
///
/// All-numeric dates with slashes are read month first; with dashes (`12-03-2021`) they are
/// ambiguous and not read: [`parse_date_in_order`] reads both once the order is known.
pub fn parse_date(text: &str) -> Option<Date> {
    parse_date_with(text, None)
}

/// [`parse_date`], reading all-numeric dates with the year last (`03/04/2021`, `03-04-2021`)
/// in `order`.
pub fn parse_date_in_order(text: &str, order: DayMonthOrder) -> Option<Date> {
    parse_date_with(text, Some(order))
}

fn parse_date_with(text: &str, order: Option<DayMonthOrder>) -> Option<Date> {
    if let Some(date) = parse_day_month_year(text.trim()) {
        return Some(date);
    }
    if order == Some(DayMonthOrder::DayFirst) {
        if let Some(date) = parse_numeric(text, order) {
            return Some(date);
        }
    }
    parse_timestamp(text)
        .map(Timestamp::date)
        .or_else(|| parse_day(text, order))
}

/// The order a file's all-numeric dates follow, told by those with a number over 12 in front
/// (`17/07/2022`: day first) or in the middle (`7/17/2022`: month first), with the first date
/// that told it; `None` when none tells (every day of the month at most 12) or they disagree
/// as often as they agree.
pub fn day_month_order<'a>(
    dates: impl IntoIterator<Item = &'a str>,
) -> Option<(DayMonthOrder, &'a str)> {
    let (mut day_first, mut month_first) = (0usize, 0usize);
    let (mut day_first_example, mut month_first_example) = (None, None);
    for date in dates {
        if let Some((a, b, _)) = numeric_parts(date).filter(|&(.., sep)| sep != '.') {
            if a.0 > 12 && b.0 <= 12 {
                day_first += 1;
                day_first_example.get_or_insert(date);
            }
            if b.0 > 12 && a.0 <= 12 {
                month_first += 1;
                month_first_example.get_or_insert(date);
            }
        }
    }
    match day_first.cmp(&month_first) {
        std::cmp::Ordering::Greater => day_first_example.map(|d| (DayMonthOrder::DayFirst, d)),
        std::cmp::Ordering::Less => month_first_example.map(|d| (DayMonthOrder::MonthFirst, d)),
        std::cmp::Ordering::Equal => None,
    }
}

/// True for an all-numeric date with the year last and slashes or dashes (`03/04/2021`),
/// whose reading depends on [`DayMonthOrder`].
pub fn depends_on_order(text: &str) -> bool {
    numeric_parts(text).is_some_and(|(.., sep)| sep != '.')
}

/// A number of a date and how many digits it was written with.
type Number = (u32, usize);

/// `a.b.c`, `a/b/c` or `a-b-c` (the same separator twice) with the year last, then nothing or
/// a time of day (`17.07.2022 10:05`, `1/8/18, 6:14 PM`): the three numbers and the separator.
fn numeric_parts(text: &str) -> Option<(Number, Number, char)> {
    let (day, year) = numeric_triple(text)?;
    (year.1 == 2 || year.1 == 4).then_some((day.0, day.1, day.2))
}

/// The three numbers of an all-numeric date and its separator, with the rest (a time of day)
/// checked: `((a, b, separator), c)`.
fn numeric_triple(text: &str) -> Option<((Number, Number, char), Number)> {
    let day = without_clock(text)?;
    let sep = day.chars().find(|c| matches!(c, '.' | '/' | '-'))?;
    let mut parts = day.split(sep);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let number = |s: &str| -> Option<Number> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok().map(|n| (n, s.len())))
            .flatten()
    };
    let (a, b, c) = (number(a)?, number(b)?, number(c)?);
    (a.1 <= 2 && b.1 <= 2).then_some(((a, b, sep), c))
}

/// The date part of `text`: all of it, or what comes before a valid time of day
/// (`17.07.2022 10:05`, `1/8/18, 6:14 PM`). `None` when something else follows.
fn without_clock(text: &str) -> Option<&str> {
    let t = text.trim().trim_matches('"').trim();
    let end = t.find([' ', ',']).unwrap_or(t.len());
    let (day, rest) = t.split_at(end);
    let rest = rest.trim_start_matches([' ', ',']).trim();
    (rest.is_empty() || parse_clock(rest).is_some()).then_some(day)
}

/// An all-numeric date: year first (`2022-07-17`, `2019/03/05`, `2021.09.16`), or year last
/// with dots (day first: `16.09.2021`), or with slashes or dashes in `order` (`None`: slashes
/// month first, dashes unread).
fn parse_numeric(text: &str, order: Option<DayMonthOrder>) -> Option<Date> {
    let day = without_clock(text)?;
    let parts: Vec<&str> = day.split(['-', '/', '.']).collect();
    if let [y, m, d] = parts.as_slice() {
        if y.len() == 4 && m.len() <= 2 && d.len() <= 2 {
            return Date::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        }
    }
    let ((a, b, sep), year) = numeric_triple(day)?;
    if year.1 != 2 && year.1 != 4 {
        return None;
    }
    let year = two_digit_year(i32::try_from(year.0).ok()?);
    let day_first = match (sep, order) {
        ('.', _) | (_, Some(DayMonthOrder::DayFirst)) => true,
        (_, Some(DayMonthOrder::MonthFirst)) | ('/', None) => false,
        _ => return None,
    };
    let (day, month) = if day_first { (a.0, b.0) } else { (b.0, a.0) };
    Date::from_ymd(year, month, day)
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

fn parse_day(text: &str, order: Option<DayMonthOrder>) -> Option<Date> {
    let t = text.trim().trim_matches('"').trim();
    if let Some(date) = parse_numeric(t, order) {
        return Some(date);
    }
    // 2025
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        return Date::from_ymd(t.parse().ok()?, 1, 1);
    }
    parse_worded(t)
}

/// A date with the month as a word: `17 Jul 2022`, `23-Apr-23`, `12. Mär. 2021`,
/// `5 de mai. de 2019`, `1er janvier 2020`, `Jul 17, 2022`, `Aug 2025`.
fn parse_worded(text: &str) -> Option<Date> {
    let mut numbers: Vec<Number> = Vec::new();
    let mut month = None;
    let mut month_at = 0;
    for token in text
        .split([' ', '-', '.', ',', '/'])
        .filter(|t| !t.is_empty())
    {
        let digits = token.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            let (number, suffix) = token.split_at(digits);
            // 1st, 2nd, 3rd, 4th; 1er (French), 1º (Spanish, Portuguese)
            if !matches!(
                suffix,
                "" | "st" | "nd" | "rd" | "th" | "er" | "º" | "°" | "ª"
            ) {
                return None;
            }
            numbers.push((number.parse().ok()?, number.len()));
        } else if matches!(token.to_lowercase().as_str(), "de" | "del") {
            // 5 de mayo de 2019
        } else if month.is_none() && token.chars().all(char::is_alphabetic) {
            month = Some(month_from_name(token)?);
            month_at = numbers.len();
        } else {
            return None;
        }
    }
    let month = month?;
    match (month_at, numbers.as_slice()) {
        // 17 Jul 2022, 23-Apr-23
        (1, [day, year]) if day.1 <= 2 && (year.1 == 4 || year.1 == 2) => {
            Date::from_ymd(two_digit_year(year.0 as i32), month, day.0)
        }
        // Jul 17, 2022
        (0, [day, year]) if day.1 <= 2 && year.1 == 4 => {
            Date::from_ymd(year.0 as i32, month, day.0)
        }
        // Aug 2025
        (0, [year]) if year.1 == 4 => Date::from_ymd(year.0 as i32, month, 1),
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
            let date = parse_numeric(day, None)?;
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

/// `6:14 PM`, `18:14` or `18:14:05` (seconds dropped).
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
    let (m, s) = m.split_once(':').unwrap_or((m, "0"));
    let (mut h, m, s): (u32, u32, u32) = (
        h.trim().parse().ok()?,
        m.trim().parse().ok()?,
        s.trim().parse().ok()?,
    );
    if h > 23 || m > 59 || s > 59 || ((pm || am) && !(1..=12).contains(&h)) {
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
            assert_eq!(parse_day_month_year(s), parse_day(s, None), "{s}");
        }
        assert_eq!(parse_day_month_year("17 July 2022"), None);
        assert_eq!(parse_date("17 July 2022"), ymd(2022, 7, 17));
    }

    #[test]
    fn spreadsheet_re_saves_in_other_locales() {
        for (text, want) in [
            ("16.09.2021", ymd(2021, 9, 16)),
            ("16.09.21", ymd(2021, 9, 16)),
            ("1.2.2020 00:00", ymd(2020, 2, 1)),
            ("23-Apr-23", ymd(2023, 4, 23)),
            ("3-Sep-22", ymd(2022, 9, 3)),
            ("12-feb-18", ymd(2018, 2, 12)),
            ("30-oct-09", ymd(2009, 10, 30)),
            ("5-ene-21", ymd(2021, 1, 5)),
            ("9-dic-19", ymd(2019, 12, 9)),
            ("12. Mär. 2021", ymd(2021, 3, 12)),
            ("1. Okt. 2020", ymd(2020, 10, 1)),
            ("3 janv. 2020", ymd(2020, 1, 3)),
            ("14 févr. 2022", ymd(2022, 2, 14)),
            ("2 juil. 2019", ymd(2019, 7, 2)),
            ("15 août 2018", ymd(2018, 8, 15)),
            ("1er décembre 2017", ymd(2017, 12, 1)),
            ("5 de mai. de 2019", ymd(2019, 5, 5)),
            ("7 de out. de 2020", ymd(2020, 10, 7)),
            ("5 de mayo de 2019", ymd(2019, 5, 5)),
            ("17 July 2022", ymd(2022, 7, 17)),
            ("Jul 17, 2022", ymd(2022, 7, 17)),
            ("September 3, 2022", ymd(2022, 9, 3)),
            ("2021.09.16", ymd(2021, 9, 16)),
            ("août 2025", ymd(2025, 8, 1)),
        ] {
            assert_eq!(parse_date(text), want, "{text}");
        }
        // French "jui" could be June (juin) or July (juillet).
        assert_eq!(parse_date("2 jui 2019"), None);
        assert_eq!(parse_date("2-Foo-19"), None);
        assert_eq!(parse_date("Mon 2 2019"), None);
    }

    #[test]
    fn numeric_day_and_month_follow_the_file() {
        assert_eq!(parse_date("03/04/2021"), ymd(2021, 3, 4));
        assert_eq!(
            parse_date_in_order("03/04/2021", DayMonthOrder::DayFirst),
            ymd(2021, 4, 3)
        );
        assert_eq!(parse_date("03-04-2021"), None);
        assert_eq!(
            parse_date_in_order("03-04-2021", DayMonthOrder::MonthFirst),
            ymd(2021, 3, 4)
        );
        assert_eq!(
            parse_date_in_order("17/07/22, 10:05", DayMonthOrder::DayFirst),
            ymd(2022, 7, 17)
        );
        // Dots are day first, and other forms keep their reading, whatever the order.
        for order in [DayMonthOrder::DayFirst, DayMonthOrder::MonthFirst] {
            assert_eq!(parse_date_in_order("03.04.2021", order), ymd(2021, 4, 3));
            assert_eq!(parse_date_in_order("2021-04-03", order), ymd(2021, 4, 3));
            assert_eq!(parse_date_in_order("3 Apr 2021", order), ymd(2021, 4, 3));
        }
        assert_eq!(
            day_month_order(["03/04/2021", "17/07/2022", "1/2/2020", "13/1/2020"]),
            Some((DayMonthOrder::DayFirst, "17/07/2022"))
        );
        assert_eq!(
            day_month_order(["1/8/18, 6:14 PM", "7/17/22, 10:05 AM"]),
            Some((DayMonthOrder::MonthFirst, "7/17/22, 10:05 AM"))
        );
        assert_eq!(day_month_order(["03/04/2021", "17 Jul 2022"]), None);
        assert_eq!(day_month_order(["17.07.2022"]), None, "dots need no order");
        assert!(depends_on_order("03-04-2021"));
        assert!(!depends_on_order("03.04.2021"));
        assert!(!depends_on_order("2021/04/03"));
    }

    #[test]
    fn month_names_in_seven_languages() {
        for (word, month) in [
            ("Jan", 1),
            ("Jän", 1),
            ("gen", 1),
            ("Fév.", 2),
            ("Mrz", 3),
            ("mrt", 3),
            ("abr", 4),
            ("Mai", 5),
            ("mei", 5),
            ("juin", 6),
            ("giu", 6),
            ("juil", 7),
            ("lug", 7),
            ("ago", 8),
            ("Sept", 9),
            ("set", 9),
            ("out", 10),
            ("ott", 10),
            ("Dez", 12),
            ("dic", 12),
        ] {
            assert_eq!(month_from_name(word), Some(month), "{word}");
        }
        for word in ["ju", "jui", "de", "mon", "utc"] {
            assert_eq!(month_from_name(word), None, "{word}");
        }
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

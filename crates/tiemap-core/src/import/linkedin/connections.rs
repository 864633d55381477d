//! `Connections.csv` in its three generations:
//! - current: a `Notes:` preamble and a blank line, then
//!   `First Name,Last Name,URL,Email Address,Company,Position,Connected On`, dates `17 Jul 2022`;
//! - 2019-2022: the same without the `URL` column;
//! - 2018: no preamble, dates like `"1/8/18, 6:14 PM"`;
//!
//! and as a person's spreadsheet program gives it back after opening and saving it: `;`
//! between fields (see [`find_table`](crate::import::csv_util)), Windows-1252, the preamble
//! turned into `Notes:;;;;;;`, dates in the locale's form (`16.09.2021`, `23-Apr-23`,
//! `17/07/2022`, read day or month first as the file's other dates tell), and columns
//! deleted: a file without names still lists people, known by their company and position.
//!
//! Rows with nothing but the date connected (members who left LinkedIn or keep their data out
//! of exports, since 2024) are counted as hidden members; `NA`, `N/A`, `null` and `-` are
//! empty cells, and a member id (`urn:li:member:…`) in the e-mail column is no e-mail.

use super::dates::{
    day_month_order, depends_on_order, parse_date, parse_date_in_order, DayMonthOrder,
};
use crate::import::csv_util::{email_field, field, Table};
use crate::import::{ImportError, ReportLine};
use crate::model::{Person, PersonalExport};

/// The columns of Connections.csv besides `Connected On`, as tiemap reads them.
const PERSON_COLUMNS: [&str; 7] = [
    "first name",
    "last name",
    "url",
    "email address",
    "company",
    "position",
    "title",
];

/// True for a (lower-cased) header row of Connections.csv, or of one that had columns
/// deleted: `Connected On` beside any column of a person, or first and last names beside
/// anything tiemap reads.
pub fn is_connections_header(header: &[String]) -> bool {
    let has = |name: &str| header.iter().any(|h| h == name);
    let person_columns = PERSON_COLUMNS.iter().filter(|c| has(c)).count();
    (has("connected on") && person_columns >= 1)
        || (has("first name") && has("last name") && person_columns >= 3)
}

pub(super) fn read<K>(
    file: &str,
    table: &mut Table<'_, K>,
    export: &mut PersonalExport,
) -> Result<ReportLine, ImportError> {
    let first = table.column(&["first name"]);
    let last = table.column(&["last name"]);
    let url = table.column(&["url", "profile url"]);
    let email = table.column(&["email address", "email"]);
    let company = table.column(&["company"]);
    let position = table.column(&["position", "title"]);
    let connected = table.column(&["connected on"]);
    // A file whose names were all deleted still lists people; in one with names, a row that
    // says nothing of who it is stands for a hidden member.
    let names_kept = first.is_some() || last.is_some() || url.is_some();
    let mut skipped = Vec::new();
    let mut count = 0;
    let mut hidden_members = 0;
    // Dates not read at once, by person and line: those whose day and month could be either
    // way round (`03/04/2021`), read once the whole file has told the order, and those not
    // understood, to be reported.
    let mut pending_dates: Vec<(usize, usize, String)> = Vec::new();
    table.for_each_full_row(&mut skipped, |line, row, _| {
        let connected_on = field(row, connected);
        let person = Person {
            first_name: field(row, first).unwrap_or_default(),
            last_name: field(row, last).unwrap_or_default(),
            profile_url: field(row, url),
            email: email_field(row, email),
            company: field(row, company),
            position: field(row, position),
            connected_on: connected_on.as_deref().and_then(parse_date),
            labels: Vec::new(),
            ..Person::default()
        };
        if names_kept && is_hidden(&person) {
            hidden_members += 1;
            return;
        }
        if let Some(date) =
            connected_on.filter(|d| person.connected_on.is_none() || depends_on_order(d))
        {
            pending_dates.push((export.people.len(), line, date));
        }
        export.people.push(person);
        count += 1;
    })?;
    let notes = read_pending_dates(&pending_dates, &mut export.people);
    if count == 0 && skipped.is_empty() {
        return Err(if hidden_members > 0 {
            ImportError::OnlyHiddenMembers {
                file: file.to_string(),
                hidden: hidden_members,
            }
        } else {
            ImportError::HeaderOnly {
                file: file.to_string(),
                recognised_as: "Connections.csv".to_string(),
            }
        });
    }
    let mut line = ReportLine::new(
        file,
        "Connections.csv",
        count,
        ("person", "people"),
        skipped,
    );
    line.notes = notes;
    line.hidden_members = hidden_members;
    Ok(line)
}

/// A row that says nothing of who the connection is: no name, profile, e-mail, company or
/// position; at most the date connected and a member id. LinkedIn's exports since 2024 list
/// members who left or keep their data out of exports so.
fn is_hidden(person: &Person) -> bool {
    person.first_name.is_empty()
        && person.last_name.is_empty()
        && person.profile_url.is_none()
        && person.email.is_none()
        && person.company.is_none()
        && person.position.is_none()
}

/// Reads the dates left for the end: `(person, line, text)`. Returns the report's notes: the
/// order the file's numeric dates were read in, when it was day first, and how many dates
/// were not understood.
fn read_pending_dates(pending: &[(usize, usize, String)], people: &mut [Person]) -> Vec<String> {
    let mut notes = Vec::new();
    let order = day_month_order(pending.iter().map(|(.., d)| d.as_str()));
    if let Some((DayMonthOrder::DayFirst, example)) = order {
        notes.push(format!("dates read day first, as {example} tells"));
    }
    let mut unread: Option<(usize, usize, &str)> = None;
    for (at, line, text) in pending {
        let date = match order {
            Some((order, _)) => parse_date_in_order(text, order),
            None => parse_date(text),
        };
        if let Some(person) = people.get_mut(*at) {
            person.connected_on = date;
        }
        if date.is_none() {
            let (count, ..) = unread.get_or_insert((0, *line, text));
            *count += 1;
        }
    }
    if let Some((count, line, text)) = unread {
        let dates = if count == 1 { "date" } else { "dates" };
        notes.push(format!(
            "{} {dates} not understood: line {line} has \u{201c}{text}\u{201d}",
            crate::import::group_thousands(count)
        ));
    }
    notes
}

#[cfg(test)]
mod tests {
    use crate::import::{import_files, ImportError, Imported, InputFile, Limits};
    use crate::model::{Date, Person};

    fn people(csv: &str) -> Vec<Person> {
        let out = import_files(
            &[InputFile {
                name: "Connections.csv".into(),
                bytes: csv.as_bytes().to_vec(),
            }],
            &Limits::default(),
        )
        .expect("reads");
        match out.data {
            Imported::Personal(e) => e.people,
            Imported::Graph(_) => panic!("not a graph"),
        }
    }

    const CURRENT: &str = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more about your data export here: https://www.linkedin.com/help/linkedin/answer/566\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Lima,https://www.linkedin.com/in/analima,,Globex,Software Engineer,17 Jul 2022\n";

    #[test]
    fn current_generation_with_preamble() {
        let p = people(CURRENT);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].display_name(), "Ana Lima");
        assert_eq!(
            p[0].profile_url.as_deref(),
            Some("https://www.linkedin.com/in/analima")
        );
        assert_eq!(p[0].email, None);
        assert_eq!(p[0].company.as_deref(), Some("Globex"));
        assert_eq!(p[0].connected_on, Date::from_ymd(2022, 7, 17));
    }

    #[test]
    fn byte_order_mark_is_ignored() {
        let with_bom = format!("\u{feff}{CURRENT}");
        assert_eq!(people(&with_bom).len(), 1);
    }

    #[test]
    fn quoted_commas_blank_fields_emoji_and_cjk() {
        let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
                   Jo,\"Smith, Ph.D.\",https://www.linkedin.com/in/jo,,,\"Director, R&D\",01 Feb 2020\n\
                   🚀 Rocket,Ma,https://www.linkedin.com/in/rocket,,Acme,,03 Mar 2021\n\
                   明,王,https://www.linkedin.com/in/wang,,腾讯,工程师,04 Apr 2019\n";
        let p = people(csv);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].last_name, "Smith, Ph.D.");
        assert_eq!(p[0].company, None);
        assert_eq!(p[0].position.as_deref(), Some("Director, R&D"));
        assert_eq!(p[1].first_name, "🚀 Rocket");
        assert_eq!(p[1].position, None);
        assert_eq!(p[2].display_name(), "明 王");
        assert_eq!(p[2].company.as_deref(), Some("腾讯"));
    }

    #[test]
    fn older_generations() {
        let mid = "First Name,Last Name,Email Address,Company,Position,Connected On\nBo,Berg,,Initech,Analyst,12 Dec 2019\n";
        let p = people(mid);
        assert_eq!(p[0].profile_url, None);
        assert_eq!(p[0].connected_on, Date::from_ymd(2019, 12, 12));
        let old = "First Name,Last Name,Email Address,Company,Position,Connected On\nCy,Cole,cy@example.org,Hooli,CTO,\"1/8/18, 6:14 PM\"\n";
        let p = people(old);
        assert_eq!(p[0].connected_on, Date::from_ymd(2018, 1, 8));
        assert_eq!(p[0].email.as_deref(), Some("cy@example.org"));
    }

    #[test]
    fn ragged_rows_are_skipped_and_reported() {
        let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,,,,,01 Jan 2020\nbroken,row\n";
        let out = import_files(
            &[InputFile {
                name: "c.csv".into(),
                bytes: csv.as_bytes().to_vec(),
            }],
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(out.report.lines[0].count, 1);
        assert_eq!(
            out.report.lines[0].sentence(),
            "1 person from c.csv; 1 row skipped: line 3 has 2 fields, expected 7"
        );
    }

    #[test]
    fn header_only_and_wrong_files_are_errors() {
        let header_only = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
        let err = import_files(
            &[InputFile {
                name: "c.csv".into(),
                bytes: header_only.into(),
            }],
            &Limits::default(),
        )
        .unwrap_err();
        assert!(matches!(err, ImportError::HeaderOnly { .. }));
        let err = import_files(
            &[InputFile {
                name: "notes.txt".into(),
                bytes: b"Pack sunscreen, book the ferry, water the plants.".to_vec(),
            }],
            &Limits::default(),
        )
        .unwrap_err();
        assert!(matches!(err, ImportError::UnknownFormat { .. }));
        let err = import_files(
            &[InputFile {
                name: "e.csv".into(),
                bytes: b"  \n".to_vec(),
            }],
            &Limits::default(),
        )
        .unwrap_err();
        assert!(matches!(err, ImportError::Empty { .. }));
    }
}

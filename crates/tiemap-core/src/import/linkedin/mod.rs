//! LinkedIn's data export: the CSV files of the archive, each recognised by its header row
//! (names differ in case and carry `_1`, `_2` suffixes).

mod connections;
pub mod dates;
mod education;
mod endorsements;
mod invitations;
mod messages;
mod positions;
mod profile;
mod recommendations;

pub use connections::is_connections_header;

use super::csv_util::{decode_text_as, find_table, Table};
use super::{FileRead, ImportError, ReportLine};
use crate::model::{ExportKind, PersonalExport};

/// The LinkedIn CSV files tiemap reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkedInCsv {
    Connections,
    /// messages.csv since 2019: conversation ids and profile URLs.
    Messages,
    /// messages.csv of 2018: `From,To,Date,Subject,Content,Direction,Folder`.
    Messages2018,
    Invitations,
    Positions,
    /// Education.csv: the owner's schools.
    Education,
    Profile,
    Endorsements,
    /// Recommendations_Received.csv or Recommendations_Given.csv (same header).
    Recommendations,
}

impl LinkedInCsv {
    /// The file's usual name, used in the report and in error sentences.
    pub fn file_name(self) -> &'static str {
        match self {
            LinkedInCsv::Connections => "Connections.csv",
            LinkedInCsv::Messages | LinkedInCsv::Messages2018 => "messages.csv",
            LinkedInCsv::Invitations => "Invitations.csv",
            LinkedInCsv::Positions => "Positions.csv",
            LinkedInCsv::Education => "Education.csv",
            LinkedInCsv::Profile => "Profile.csv",
            LinkedInCsv::Endorsements => "Endorsement_Received_Info.csv",
            LinkedInCsv::Recommendations => "Recommendations.csv",
        }
    }
}

/// Recognises a (lower-cased, trimmed) header row of a LinkedIn CSV.
pub fn classify_header(header: &[String]) -> Option<LinkedInCsv> {
    let has = |name: &str| header.iter().any(|h| h == name);
    if has("conversation id") && has("from") {
        return Some(LinkedInCsv::Messages);
    }
    if has("from") && has("to") && has("content") && has("direction") {
        return Some(LinkedInCsv::Messages2018);
    }
    if has("from") && has("to") && has("direction") && (has("sent at") || has("message")) {
        return Some(LinkedInCsv::Invitations);
    }
    if has("skill name") && (has("endorser first name") || has("endorser public url")) {
        return Some(LinkedInCsv::Endorsements);
    }
    if has("company name") && has("title") && (has("started on") || has("finished on")) {
        return Some(LinkedInCsv::Positions);
    }
    if has("school name") && (has("start date") || has("end date") || has("degree name")) {
        return Some(LinkedInCsv::Education);
    }
    if has("first name") && has("last name") && has("headline") {
        return Some(LinkedInCsv::Profile);
    }
    if has("first name") && has("last name") && has("text") && has("job title") {
        return Some(LinkedInCsv::Recommendations);
    }
    if is_connections_header(header) {
        return Some(LinkedInCsv::Connections);
    }
    None
}

/// Reads one LinkedIn CSV (any file above) into `export`, recognising it by its header row.
/// A file that is not a LinkedIn CSV is an [`ImportError::UnknownFormat`].
pub fn read_linkedin_csv(
    file: &str,
    bytes: &[u8],
    export: &mut PersonalExport,
) -> Result<ReportLine, ImportError> {
    let (text, encoding) = decode_text_as(bytes);
    match find_table(file, &text, classify_header)? {
        Some(table) => read_table(file, table.kind, table, export)
            .map(|read| read.line.noting(encoding.note())),
        None => Err(ImportError::UnknownFormat {
            file: file.to_string(),
            hint: None,
        }),
    }
}

pub(crate) const INSTEAD: &str = "Connections.csv or the whole LinkedIn ZIP";

/// Files of LinkedIn's export that hold no people, by the first columns of their header
/// row (lower case), with the file's name. `Skills.csv` (one `Name` column) is told by its
/// file name too, since a lone `Name` column could be anything.
const WITHOUT_PEOPLE: &[(&[&str], &str)] = &[
    (&["date", "type", "link"], "Reactions.csv"),
    (&["date", "fullname", "status"], "Member_Follows.csv"),
    (&["organization", "followed on"], "Company Follows.csv"),
    (&["date", "sharelink", "sharecommentary"], "Shares.csv"),
    (&["date", "link", "message"], "Comments.csv"),
    (&["name", "url", "authority"], "Certifications.csv"),
    (
        &["email address", "confirmed", "primary"],
        "Email Addresses.csv",
    ),
    (&["extension", "number", "type"], "PhoneNumbers.csv"),
    (&["login date", "ip address"], "Logins.csv"),
    (&["content title", "content description"], "Learning.csv"),
    (&["time", "search query"], "SearchQueries.csv"),
    (&["date/time", "media description"], "Rich_Media.csv"),
    (&["registered at"], "Registration.csv"),
    (
        &["name", "description", "url", "started on"],
        "Projects.csv",
    ),
    (&["name", "proficiency"], "Languages.csv"),
];

/// For a CSV no reader took: when it is a file of LinkedIn's export that holds no people
/// (Skills.csv, Reactions.csv, Member_Follows.csv, ...), the error that says so and what to
/// drop instead.
pub(crate) fn without_people(file: &str, text: &str) -> Option<ImportError> {
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    let header: Vec<String> = first
        .split(',')
        .map(|h| {
            h.trim_start_matches('\u{feff}')
                .trim()
                .trim_matches('"')
                .to_lowercase()
        })
        .collect();
    let stem = file.rsplit('/').next().unwrap_or(file).to_ascii_lowercase();
    let recognised_as = if header == ["name"] && stem.starts_with("skills") {
        "Skills.csv"
    } else {
        WITHOUT_PEOPLE
            .iter()
            .find(|(columns, _)| {
                header.len() >= columns.len() && columns.iter().zip(&header).all(|(c, h)| c == h)
            })?
            .1
    };
    Some(ImportError::NoConnections {
        file: file.to_string(),
        recognised_as: recognised_as.to_string(),
        instead: INSTEAD.to_string(),
    })
}

pub(crate) fn read_table<K>(
    file: &str,
    kind: LinkedInCsv,
    mut table: Table<'_, K>,
    export: &mut PersonalExport,
) -> Result<FileRead, ImportError> {
    let line = match kind {
        LinkedInCsv::Connections => connections::read(file, &mut table, export)?,
        LinkedInCsv::Messages => messages::read_current(file, &mut table, export)?,
        LinkedInCsv::Messages2018 => messages::read_2018(file, &mut table, export)?,
        LinkedInCsv::Invitations => invitations::read(file, &mut table, export)?,
        LinkedInCsv::Positions => positions::read(file, &mut table, export)?,
        LinkedInCsv::Education => education::read(file, &mut table, export)?,
        LinkedInCsv::Profile => profile::read(file, &mut table, export)?,
        LinkedInCsv::Endorsements => endorsements::read(file, &mut table, export)?,
        LinkedInCsv::Recommendations => recommendations::read(file, &mut table, export)?,
    };
    Ok(FileRead {
        line,
        source: ExportKind::LinkedIn,
        holds_connections: kind == LinkedInCsv::Connections,
        address_book: false,
        instead: INSTEAD,
    })
}

/// "has 9 fields, expected 7" for a row whose width differs from the header's.
pub(crate) fn width_mismatch(found: usize, expected: usize) -> String {
    format!("has {found} fields, expected {expected}")
}

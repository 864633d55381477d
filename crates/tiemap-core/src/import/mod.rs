//! Bytes in, typed data out: every export and graph format tiemap reads.
//!
//! Files are recognised by their content (a CSV's header row, an XML root element, JSON keys),
//! not by their names. Each reader reports what it read and what it skipped and why, and
//! fails with an [`ImportError`] that carries what a person needs to fix the problem.

mod archive;
mod contacts;
mod csv_util;
mod error;
pub mod facebook;
pub mod graph;
mod json_depth;
pub mod linkedin;
mod sniff;

pub use archive::{expand_zip, Archive, ArchiveEntry};
pub use contacts::read_contacts;
pub use csv_util::{decode_text, is_placeholder, MAX_FIELDS};
pub use error::{format_size, ImportError};
pub use facebook::read_facebook_json;

use crate::model::{ExportKind, GraphFile, Person, PersonSource, PersonalExport};
use csv_util::find_table;
use serde::{Deserialize, Serialize};
use sniff::{sniff, Sniffed};

/// One file handed to the importer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputFile {
    pub name: String,
    #[serde(with = "serde_bytes")]
    pub bytes: Vec<u8>,
}

/// Size limits that protect the page from huge and hostile files. Every limit is checked
/// before the bytes it guards are decompressed or parsed, and named in the error sentence.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Limits {
    /// Largest single input file.
    pub max_file_bytes: u64,
    /// Largest total of all files after decompression.
    pub max_total_bytes: u64,
    /// Largest single entry of a ZIP after decompression.
    pub max_entry_bytes: u64,
    /// Largest expansion of a ZIP entry over its compressed size (entries under 1 MB are
    /// exempt). Text compresses 5 to 20 times; zip bombs expand a thousand times.
    pub max_expansion_ratio: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 * 1024 * 1024,
            max_total_bytes: 512 * 1024 * 1024,
            max_entry_bytes: 256 * 1024 * 1024,
            max_expansion_ratio: 200,
        }
    }
}

/// What the importer made of the files.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Imported {
    /// A personal export: people without ties among them.
    Personal(PersonalExport),
    /// A graph file: nodes with real ties.
    Graph(GraphFile),
}

/// What was skipped, where, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// 1-based line (or record) number, when there is one.
    pub line: Option<usize>,
    pub reason: String,
}

/// What was read from one file.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReportLine {
    pub file: String,
    /// What the file was recognised as ("Connections.csv", "GEXF").
    pub recognised_as: String,
    /// How many records were read.
    pub count: usize,
    /// What the records are ("people", "messages", "nodes").
    pub noun: String,
    pub skipped: Vec<Skipped>,
    /// How the file was read where it differs from the export as its program writes it, in a
    /// few words each: "read as Windows-1252", "dates read day first, as 17/07/2022 tells".
    #[serde(default)]
    pub notes: Vec<String>,
    /// Connections the file lists without saying who they are: LinkedIn's rows with only the
    /// date connected, for members who left or keep their data out of exports. Not people
    /// on the map, but counted so that nobody goes missing unsaid.
    #[serde(default)]
    pub hidden_members: usize,
}

impl ReportLine {
    /// A line for `count` records of `file`, with the singular or plural noun as fits.
    pub fn new(
        file: &str,
        recognised_as: &str,
        count: usize,
        (singular, plural): (&str, &str),
        skipped: Vec<Skipped>,
    ) -> ReportLine {
        ReportLine {
            file: file.to_string(),
            recognised_as: recognised_as.to_string(),
            count,
            noun: if count == 1 { singular } else { plural }.to_string(),
            skipped,
            ..ReportLine::default()
        }
    }

    /// This line with `note` (if any) first among its notes.
    pub(crate) fn noting(mut self, note: Option<&str>) -> ReportLine {
        if let Some(note) = note {
            self.notes.insert(0, note.to_string());
        }
        self
    }

    /// "1,482 people from Connections.csv; 3 rows skipped: line 58 has 9 fields, expected 7",
    /// with the notes in brackets after the file and the hidden members before what was
    /// skipped: "4 people from Connections.csv (read as Windows-1252); 2 hidden members (...)".
    pub fn sentence(&self) -> String {
        let mut s = format!(
            "{} {} from {}",
            group_thousands(self.count),
            self.noun,
            self.file
        );
        if !self.notes.is_empty() {
            s.push_str(&format!(" ({})", self.notes.join("; ")));
        }
        if self.hidden_members > 0 {
            s.push_str(&format!(
                "; {} hidden {} (LinkedIn lists only when you connected, not who they are)",
                group_thousands(self.hidden_members),
                if self.hidden_members == 1 {
                    "member"
                } else {
                    "members"
                }
            ));
        }
        if let Some(first) = self.skipped.first() {
            let rows = if self.skipped.len() == 1 {
                "row"
            } else {
                "rows"
            };
            s.push_str(&format!(
                "; {} {rows} skipped: ",
                group_thousands(self.skipped.len())
            ));
            if let Some(line) = first.line {
                s.push_str(&format!("line {line} {}", first.reason));
            } else {
                s.push_str(&first.reason);
            }
        }
        s
    }
}

/// A file (or archive entry) that was not read, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedFile {
    pub file: String,
    pub reason: String,
}

impl SkippedFile {
    /// "Skipped Ad_Targeting.csv: not a file tiemap reads".
    pub fn sentence(&self) -> String {
        format!("Skipped {}: {}", self.file, self.reason)
    }
}

/// The per-file account of an import.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ImportReport {
    /// One line per file read.
    pub lines: Vec<ReportLine>,
    /// Files and archive entries not read (unknown CSVs in an archive, unsafe paths, ...).
    pub skipped_files: Vec<SkippedFile>,
    /// People listed twice (same profile URL or e-mail, in one file or across files) and merged.
    pub merged_duplicates: usize,
    /// Address-book contacts (LinkedIn's `Contacts.csv`) who are also connections: merged
    /// into the connection.
    #[serde(default)]
    pub address_book_merged: usize,
}

impl ImportReport {
    /// Every sentence the page shows, read lines first.
    pub fn sentences(&self) -> Vec<String> {
        let mut out: Vec<String> = self.lines.iter().map(ReportLine::sentence).collect();
        if self.merged_duplicates > 0 {
            out.push(format!(
                "{} {} listed twice and merged",
                group_thousands(self.merged_duplicates),
                if self.merged_duplicates == 1 {
                    "person"
                } else {
                    "people"
                }
            ));
        }
        if self.address_book_merged > 0 {
            out.push(if self.address_book_merged == 1 {
                "1 address-book contact is also a connection, and was merged into it".to_string()
            } else {
                format!(
                    "{} address-book contacts are also connections, and were merged into them",
                    group_thousands(self.address_book_merged)
                )
            });
        }
        out.extend(self.skipped_files.iter().map(SkippedFile::sentence));
        out
    }
}

/// The result of a successful import.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub data: Imported,
    pub report: ImportReport,
}

/// Reads one or several dropped files into one dataset.
///
/// Graph files are tried first; otherwise every file (and every entry of a dropped ZIP) is
/// recognised by its content and merged into one [`PersonalExport`]. Unknown entries of an
/// archive are skipped and listed in the report; a dropped file that is not recognised is an
/// error, and so is a drop that holds no connections.
///
/// A file whose name holds a folder path (`Basic_LinkedInDataExport/Connections.csv`, as the
/// page names the files of a dropped or picked folder) is read like an archive entry: empty,
/// binary and unknown files of a folder are skipped and listed, not fatal.
pub fn import_files(files: &[InputFile], limits: &Limits) -> Result<ImportOutcome, ImportError> {
    if files.is_empty() {
        return Err(ImportError::NoFiles);
    }
    let mut total_bytes = 0u64;
    for file in files {
        let size_bytes = file.bytes.len() as u64;
        if size_bytes > limits.max_file_bytes {
            return Err(ImportError::TooLarge {
                file: file.name.clone(),
                size_bytes,
                limit_bytes: limits.max_file_bytes,
            });
        }
        total_bytes = total_bytes.saturating_add(size_bytes);
        if !in_folder(file) && file.bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(ImportError::Empty {
                file: file.name.clone(),
            });
        }
    }
    if total_bytes > limits.max_total_bytes {
        return Err(ImportError::TotalTooLarge {
            size_bytes: total_bytes,
            limit_bytes: limits.max_total_bytes,
        });
    }
    let folder_drop = files.len() > 1 && files.iter().any(in_folder);
    if let Some(result) = (!folder_drop)
        .then(|| graph::read_graph_files(files, limits))
        .flatten()
    {
        let (graph, lines) = result?;
        return Ok(ImportOutcome {
            data: Imported::Graph(graph),
            report: ImportReport {
                lines,
                ..ImportReport::default()
            },
        });
    }
    read_personal_files(files, limits)
}

/// A short id of the input's content: the same files (in any order, under any names) give the
/// same fingerprint, so a saved map is found again when the person drops the same export.
/// Not cryptographic: it tells one person's exports apart, it does not guard anything.
///
/// Saved maps are stored under this value, so it must never change: it is [`content_hash`]
/// of each file, sorted, then of their little-endian concatenation, as 16 hex digits (values
/// pinned by `tests/import_personal.rs`).
pub fn fingerprint(files: &[InputFile]) -> String {
    let mut each: Vec<u64> = files.iter().map(|f| content_hash(&f.bytes)).collect();
    each.sort_unstable();
    let all: Vec<u8> = each.iter().flat_map(|h| h.to_le_bytes()).collect();
    format!("{:016x}", content_hash(&all))
}

/// The hash behind [`fingerprint`], frozen because saved maps are keyed by it. Not FNV-1a
/// (that is [`crate::hash::fnv1a64`]): it takes eight bytes per step, which keeps
/// fingerprinting a large export quick. With `K = 0x9E3779B97F4A7C15` (2^64 / golden ratio)
/// and all arithmetic wrapping mod 2^64: start from
/// `0xcbf29ce484222325 XOR (length * K)`; for each little-endian 8-byte word `w`, then each
/// remaining byte `w`: `h = rotate_left((h XOR w) * K, 29)`; finish with `h XOR (h >> 32)`.
fn content_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let word = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ word).wrapping_mul(K).rotate_left(29);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K).rotate_left(29);
    }
    h ^ (h >> 32)
}

/// Whether `file` came from a dropped or picked folder (its name holds the folder path).
fn in_folder(file: &InputFile) -> bool {
    file.name.contains('/')
}

/// What reading one personal file gave.
#[derive(Debug)]
pub(crate) struct FileRead {
    pub line: ReportLine,
    pub source: ExportKind,
    /// True for files that list the owner's connections (Connections.csv, friends, contacts).
    pub holds_connections: bool,
    /// True for LinkedIn's copy of the address book: people, but an extra source beside the
    /// connections (it gives the map its kind only when nothing else does).
    pub address_book: bool,
    /// For files that hold none: what to drop instead.
    pub instead: &'static str,
}

/// Accumulates the files of one drop.
#[derive(Default)]
struct DropState {
    export: PersonalExport,
    report: ImportReport,
    /// The kind of the first file that gave people.
    kind: Option<ExportKind>,
    /// Whether an address book gave people (the kind when no other file did).
    address_book_read: bool,
    /// The first file read that holds no connections: (file, recognised as, what instead).
    first_without_connections: Option<(String, String, &'static str)>,
    /// The first error of an archive entry that should have held connections.
    first_connections_error: Option<ImportError>,
}

impl DropState {
    fn record(&mut self, read: FileRead) {
        if read.holds_connections && read.line.count > 0 {
            if read.address_book {
                self.address_book_read = true;
            } else if self.kind.is_none() {
                self.kind = Some(read.source);
            }
        }
        if !read.holds_connections && self.first_without_connections.is_none() {
            self.first_without_connections = Some((
                read.line.file.clone(),
                read.line.recognised_as.clone(),
                read.instead,
            ));
        }
        self.report.lines.push(read.line);
    }

    /// Reads an archive or folder entry; one tiemap does not read is skipped and listed.
    fn read_entry_or_skip(&mut self, name: &str, bytes: &[u8]) {
        match read_entry(name, bytes, &mut self.export) {
            Ok(read) => self.record(read),
            Err(e) => self.skip(name, e),
        }
    }

    /// Lists a file that was not read; a file of an export that holds no people is
    /// remembered for the sentence that says so, should nothing else hold any.
    fn skip(&mut self, name: &str, e: ImportError) {
        if let ImportError::NoConnections {
            file,
            recognised_as,
            ..
        } = &e
        {
            if self.first_without_connections.is_none() {
                self.first_without_connections =
                    Some((file.clone(), recognised_as.clone(), linkedin::INSTEAD));
            }
        }
        let (reason, fatal_for_connections) = entry_error(&e);
        if fatal_for_connections && self.first_connections_error.is_none() {
            self.first_connections_error = Some(e);
        }
        self.report.skipped_files.push(SkippedFile {
            file: name.to_string(),
            reason,
        });
    }
}

fn read_personal_files(files: &[InputFile], limits: &Limits) -> Result<ImportOutcome, ImportError> {
    let mut drop = DropState::default();
    let mut expanded_bytes = 0u64;
    let mut empty_archive: Option<(String, usize)> = None;
    let mut folder_entries = 0usize;
    for file in files {
        match sniff(&file.bytes) {
            Sniffed::Zip => {
                let budget = limits.max_total_bytes.saturating_sub(expanded_bytes);
                let archive = archive::expand_zip_within(&file.name, &file.bytes, limits, budget)?;
                expanded_bytes += archive.expanded_bytes;
                let lines_before = drop.report.lines.len();
                drop.report.skipped_files.extend(archive.skipped);
                for entry in archive.entries {
                    drop.read_entry_or_skip(&entry.name, &entry.bytes);
                }
                if drop.report.lines.len() == lines_before {
                    if archive.looks_like_workbook && files.len() == 1 {
                        return Err(ImportError::UnknownFormat {
                            file: file.name.clone(),
                            hint: Some(
                                "it is an Office document (Excel or Word); open it and save it as CSV"
                                    .to_string(),
                            ),
                        });
                    }
                    empty_archive.get_or_insert((file.name.clone(), archive.entry_count));
                }
            }
            _ if in_folder(file) => {
                drop.read_entry_or_skip(&file.name, &file.bytes);
                folder_entries += 1;
            }
            Sniffed::Binary(what) => {
                return Err(ImportError::Binary {
                    file: file.name.clone(),
                    what: what.to_string(),
                });
            }
            Sniffed::Text => match read_text_file(&file.name, &file.bytes, &mut drop.export) {
                Ok(read) => drop.record(read),
                // A file of the export without people, dropped with others: listed, not fatal.
                Err(e @ ImportError::NoConnections { .. }) if files.len() > 1 => {
                    drop.skip(&file.name, e)
                }
                Err(e) => return Err(e),
            },
        }
    }
    if drop.export.people.is_empty() {
        if let Some(e) = drop.first_connections_error {
            return Err(e);
        }
        if let Some((file, recognised_as, instead)) = drop.first_without_connections {
            return Err(ImportError::NoConnections {
                file,
                recognised_as,
                instead: instead.to_string(),
            });
        }
        if let Some((file, entries)) = empty_archive {
            return Err(ImportError::NothingInArchive { file, entries });
        }
        if drop.report.lines.is_empty() && folder_entries > 0 {
            let folder = files
                .iter()
                .find_map(|f| f.name.split_once('/').map(|(folder, _)| folder.to_string()))
                .unwrap_or_default();
            return Err(ImportError::NothingInArchive {
                file: folder,
                entries: folder_entries,
            });
        }
        // Connections files that were all skipped rows: report the first file's first reason.
        let file = files.first().map(|f| f.name.clone()).unwrap_or_default();
        return Err(match drop.report.lines.first() {
            Some(line) => ImportError::Malformed {
                file: line.file.clone(),
                line: line.skipped.first().and_then(|s| s.line).unwrap_or(0),
                reason: line
                    .skipped
                    .first()
                    .map(|s| s.reason.clone())
                    .unwrap_or_else(|| "holds no person".to_string()),
            },
            None => ImportError::UnknownFormat { file, hint: None },
        });
    }
    facebook::sum_messenger_lines(&mut drop.report.lines);
    drop.export.kind = match drop.kind {
        Some(kind) => kind,
        None if drop.address_book_read => ExportKind::Contacts,
        None => ExportKind::default(),
    };
    drop.report.address_book_merged = fold_address_book(&mut drop.export.people);
    drop.report.merged_duplicates = merge_duplicates(&mut drop.export.people);
    Ok(ImportOutcome {
        data: Imported::Personal(drop.export),
        report: drop.report,
    })
}

/// How an error in an archive entry is reported, and whether it should surface when the whole
/// archive turns out to hold no connections.
fn entry_error(e: &ImportError) -> (String, bool) {
    match e {
        ImportError::UnknownFormat { .. } => ("not a file tiemap reads".to_string(), false),
        ImportError::Empty { .. } => ("empty".to_string(), false),
        ImportError::Binary { what, .. } => (format!("it is {what}"), false),
        ImportError::HeaderOnly { recognised_as, .. } => {
            (format!("looks like {recognised_as} but has no rows"), false)
        }
        ImportError::NoConnections { recognised_as, .. } => (
            format!("it is {recognised_as}, which holds no connections"),
            false,
        ),
        other => (other.sentence(), true),
    }
}

/// Reads one archive entry: like a dropped file, with binary entries reported.
fn read_entry(
    name: &str,
    bytes: &[u8],
    export: &mut PersonalExport,
) -> Result<FileRead, ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty {
            file: name.to_string(),
        });
    }
    match sniff(bytes) {
        Sniffed::Text => read_text_file(name, bytes, export),
        Sniffed::Binary(what) => Err(ImportError::Binary {
            file: name.to_string(),
            what: what.to_string(),
        }),
        Sniffed::Zip => Err(ImportError::UnknownFormat {
            file: name.to_string(),
            hint: Some("ZIPs inside a ZIP are not expanded".to_string()),
        }),
    }
}

/// Every CSV tiemap recognises by its header row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CsvKind {
    LinkedIn(linkedin::LinkedInCsv),
    Contacts(contacts::ContactsCsv),
}

fn classify_csv(header: &[String]) -> Option<CsvKind> {
    // Contacts first: an Outlook header also has First Name, Last Name and Company.
    contacts::classify_header(header)
        .map(CsvKind::Contacts)
        .or_else(|| linkedin::classify_header(header).map(CsvKind::LinkedIn))
}

/// Reads a text file of any personal format: JSON (Facebook), vCard, or a recognised CSV.
pub(crate) fn read_text_file(
    name: &str,
    bytes: &[u8],
    export: &mut PersonalExport,
) -> Result<FileRead, ImportError> {
    let (text, encoding) = csv_util::decode_text_as(bytes);
    let mut read = read_text(name, &text, export)?;
    read.line = read.line.noting(encoding.note());
    Ok(read)
}

fn read_text(name: &str, text: &str, export: &mut PersonalExport) -> Result<FileRead, ImportError> {
    let start = text.trim_start();
    if start.starts_with('{') || start.starts_with('[') {
        return facebook::read_json_text(name, text, export);
    }
    if start
        .get(..11)
        .is_some_and(|s| s.eq_ignore_ascii_case("BEGIN:VCARD"))
    {
        return contacts::read_vcard_text(name, text, export);
    }
    if start.starts_with('<') {
        let lower: String = start.chars().take(200).collect::<String>().to_lowercase();
        let hint = if lower.contains("<html") || lower.contains("<!doctype html") {
            "it is a web page; in Facebook's \"Download Your Information\" choose the JSON format, and for LinkedIn drop Connections.csv"
        } else {
            "it is an XML file but not a graph format tiemap knows"
        };
        return Err(ImportError::UnknownFormat {
            file: name.to_string(),
            hint: Some(hint.to_string()),
        });
    }
    match find_table(name, text, classify_csv)? {
        Some(table) => match table.kind {
            CsvKind::LinkedIn(kind) => linkedin::read_table(name, kind, table, export),
            CsvKind::Contacts(kind) => contacts::read_table(name, kind, table, export),
        },
        None => Err(linkedin::without_people(name, text).unwrap_or_else(|| {
            ImportError::UnknownFormat {
                file: name.to_string(),
                hint: None,
            }
        })),
    }
}

/// Merges each address-book contact into the connection it is (same profile URL or e-mail,
/// or else the same name, when exactly one connection has it): the connection keeps its
/// place and fills its blanks from the contact. Address-book contacts that are no connection
/// stay, marked as from the address book. Returns how many were merged.
fn fold_address_book(people: &mut Vec<Person>) -> usize {
    let is_book = |p: &Person| p.source == PersonSource::AddressBook;
    if !people.iter().any(is_book) {
        return 0;
    }
    let name_key = |p: &Person| {
        p.display_name()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    // Connections by identity key and by name, sorted for binary search (deterministic, no
    // hasher); a name two connections share matches neither.
    let mut by_key: Vec<(String, usize)> = Vec::new();
    let mut by_name: Vec<(String, usize)> = Vec::new();
    for (i, p) in people.iter().enumerate().filter(|(_, p)| !is_book(p)) {
        let key = p.identity_key();
        if !key.starts_with("name:") {
            by_key.push((key, i));
        }
        if !p.first_name.trim().is_empty() || !p.last_name.trim().is_empty() {
            by_name.push((name_key(p), i));
        }
        if let Some(email) = p.email.as_deref().filter(|e| !e.trim().is_empty()) {
            by_key.push((format!("mailto:{}", email.trim().to_lowercase()), i));
        }
    }
    by_key.sort_unstable();
    by_name.sort_unstable();
    let unique_name = |name: &str| {
        let start = by_name.partition_point(|(n, _)| n.as_str() < name);
        match by_name.get(start..).unwrap_or(&[]) {
            [(a, i), rest @ ..] if a == name && rest.first().is_none_or(|(b, _)| b != name) => {
                Some(*i)
            }
            _ => None,
        }
    };
    let find_key = |key: &str| {
        let at = by_key.partition_point(|(k, _)| k.as_str() < key);
        by_key.get(at).filter(|(k, _)| k == key).map(|(_, i)| *i)
    };
    let mut into: Vec<Option<usize>> = vec![None; people.len()];
    for (i, p) in people.iter().enumerate().filter(|(_, p)| is_book(p)) {
        let email_key = p
            .email
            .as_deref()
            .filter(|e| !e.trim().is_empty())
            .map(|e| format!("mailto:{}", e.trim().to_lowercase()));
        let key = p.identity_key();
        into[i] = find_key(&key)
            .or_else(|| email_key.as_deref().and_then(find_key))
            .or_else(|| {
                (!p.first_name.trim().is_empty() || !p.last_name.trim().is_empty())
                    .then(|| unique_name(&name_key(p)))
                    .flatten()
            });
    }
    let merged = into.iter().flatten().count();
    if merged == 0 {
        return 0;
    }
    let mut slots: Vec<Option<Person>> = people.drain(..).map(Some).collect();
    for (i, target) in into.iter().enumerate() {
        let Some(target) = *target else { continue };
        if let Some(contact) = slots.get_mut(i).and_then(Option::take) {
            if let Some(Some(connection)) = slots.get_mut(target) {
                fill_blanks(connection, contact);
            }
        }
    }
    people.extend(slots.into_iter().flatten());
    merged
}

/// Merges people listed twice (same profile URL, or same e-mail when there is no URL): the
/// first keeps its place, blank fields are filled from the later one, labels are united.
/// People known only by name are kept apart (two "Jo Smith" are often two people).
/// Returns how many were merged away.
fn merge_duplicates(people: &mut Vec<Person>) -> usize {
    // Sort (key, index) pairs instead of hashing: no hasher state, and the result is
    // deterministic by construction.
    let mut keys: Vec<(String, usize)> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.identity_key(), i))
        .filter(|(key, _)| !key.starts_with("name:"))
        .collect();
    keys.sort_unstable();
    let mut keeper: Vec<Option<usize>> = vec![None; people.len()];
    let mut merged = 0;
    for pair in keys.windows(2) {
        if let [(a, first), (b, later)] = pair {
            if a == b {
                let target = keeper.get(*first).copied().flatten().unwrap_or(*first);
                if let Some(slot) = keeper.get_mut(*later) {
                    *slot = Some(target);
                    merged += 1;
                }
            }
        }
    }
    if merged == 0 {
        return 0;
    }
    let mut slots: Vec<Option<Person>> = people.drain(..).map(Some).collect();
    for (later, target) in keeper.iter().enumerate() {
        let Some(target) = *target else { continue };
        if let Some(person) = slots.get_mut(later).and_then(Option::take) {
            if let Some(Some(into)) = slots.get_mut(target) {
                fill_blanks(into, person);
            }
        }
    }
    people.extend(slots.into_iter().flatten());
    merged
}

fn fill_blanks(into: &mut Person, from: Person) {
    if from.source == PersonSource::Connection {
        into.source = PersonSource::Connection;
    }
    if into.first_name.is_empty() && into.last_name.is_empty() {
        into.first_name = from.first_name;
        into.last_name = from.last_name;
    }
    into.profile_url = into.profile_url.take().or(from.profile_url);
    into.email = into.email.take().or(from.email);
    into.company = into.company.take().or(from.company);
    into.position = into.position.take().or(from.position);
    into.connected_on = match (into.connected_on, from.connected_on) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    for label in from.labels {
        if !into.labels.contains(&label) {
            into.labels.push(label);
        }
    }
}

/// `1482` -> `"1,482"`.
pub fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1482), "1,482");
        assert_eq!(group_thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn report_sentence() {
        let line = ReportLine {
            file: "Connections.csv".into(),
            recognised_as: "Connections.csv".into(),
            count: 1482,
            noun: "people".into(),
            skipped: vec![
                Skipped {
                    line: Some(58),
                    reason: "has 9 fields, expected 7".into(),
                },
                Skipped {
                    line: Some(60),
                    reason: "has 2 fields, expected 7".into(),
                },
                Skipped {
                    line: Some(61),
                    reason: "has 2 fields, expected 7".into(),
                },
            ],
            ..ReportLine::default()
        };
        assert_eq!(
            line.sentence(),
            "1,482 people from Connections.csv; 3 rows skipped: line 58 has 9 fields, expected 7"
        );
    }
}

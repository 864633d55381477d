use thiserror::Error;

/// Why an import failed. Each variant carries what a person needs to fix it; the app turns it
/// into one plain sentence with [`ImportError::sentence`].
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ImportError {
    #[error("no files were given")]
    NoFiles,
    #[error("{file} is empty")]
    Empty { file: String },
    #[error("{file} has a header row but no rows")]
    HeaderOnly { file: String, recognised_as: String },
    #[error("{file} is {size_bytes} bytes, over the limit of {limit_bytes} bytes")]
    TooLarge {
        file: String,
        size_bytes: u64,
        limit_bytes: u64,
    },
    #[error("the dropped files total {size_bytes} bytes, over the limit of {limit_bytes} bytes")]
    TotalTooLarge { size_bytes: u64, limit_bytes: u64 },
    #[error("{file} is not a file tiemap reads{}", hint.as_ref().map(|h| format!(" ({h})")).unwrap_or_default())]
    UnknownFormat { file: String, hint: Option<String> },
    /// Binary data that is not an archive: an image, a PDF, a spreadsheet.
    #[error("{file} is {what}, not a text export")]
    Binary { file: String, what: String },
    #[error("{file} looks like {recognised_as}, which holds no connections")]
    NoConnections {
        file: String,
        recognised_as: String,
        /// What to drop instead ("Connections.csv or the whole ZIP").
        instead: String,
    },
    /// A Connections.csv whose every row is a hidden member (only the date connected).
    #[error("{file} lists {hidden} connections, all hidden members")]
    OnlyHiddenMembers { file: String, hidden: usize },
    #[error("{file} line {line}: {reason}")]
    Malformed {
        file: String,
        line: usize,
        reason: String,
    },
    #[error("{file} line {line} has {fields} fields, over the limit of {limit}")]
    TooManyFields {
        file: String,
        line: usize,
        fields: usize,
        limit: usize,
    },
    /// A ZIP that cannot be opened: truncated, damaged, or not really a ZIP.
    #[error("{file} is a damaged ZIP: {reason}")]
    BadArchive { file: String, reason: String },
    /// A ZIP whose entries would expand past the total limit.
    #[error("{file} expands to more than {limit_bytes} bytes")]
    ArchiveTooLarge { file: String, limit_bytes: u64 },
    /// One ZIP entry that would expand past the per-entry limit.
    #[error("{entry} in {file} expands to more than {limit_bytes} bytes")]
    EntryTooLarge {
        file: String,
        entry: String,
        limit_bytes: u64,
    },
    /// One ZIP entry that expands suspiciously much (a zip bomb).
    #[error("{entry} in {file} expands more than {limit} times its compressed size")]
    ExpansionRatio {
        file: String,
        entry: String,
        limit: u64,
    },
    /// A ZIP in which no entry is a file tiemap reads.
    #[error("{file} holds no file tiemap reads ({entries} entries)")]
    NothingInArchive { file: String, entries: usize },
    #[error("{file} is not valid JSON: {reason}")]
    BadJson { file: String, reason: String },
}

/// `268435456` -> `"256 MB"` (binary megabytes, as file managers show them), `"12 KB"` below.
pub fn format_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        let tenths = bytes * 10 / MB;
        if tenths.is_multiple_of(10) || tenths >= 100 {
            format!("{} MB", bytes / MB)
        } else {
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    } else if bytes >= KB {
        format!("{} KB", bytes / KB)
    } else {
        format!("{bytes} bytes")
    }
}

const DROP_INSTEAD: &str = "drop Connections.csv or the whole LinkedIn ZIP";

impl ImportError {
    /// The one sentence the page shows, with a hint of what to drop instead.
    pub fn sentence(&self) -> String {
        match self {
            ImportError::NoFiles => "No file was dropped.".to_string(),
            ImportError::Empty { file } => format!("{file} is empty; {DROP_INSTEAD}."),
            ImportError::HeaderOnly { file, recognised_as } => format!(
                "{file} looks like {recognised_as} but has no rows after its header; export it again or {DROP_INSTEAD}."
            ),
            ImportError::TooLarge {
                file,
                size_bytes,
                limit_bytes,
            } => format!(
                "{file} is {}, over tiemap's limit of {} per file; drop Connections.csv alone instead of the whole archive.",
                format_size(*size_bytes),
                format_size(*limit_bytes)
            ),
            ImportError::TotalTooLarge {
                size_bytes,
                limit_bytes,
            } => format!(
                "The dropped files total {}, over tiemap's limit of {}; drop fewer files.",
                format_size(*size_bytes),
                format_size(*limit_bytes)
            ),
            ImportError::UnknownFormat { file, hint } => match hint {
                Some(h) => format!("tiemap can't read {file}: {h}."),
                None => format!(
                    "tiemap can't read {file}: expected a LinkedIn Connections.csv (or the whole LinkedIn ZIP), a Facebook friends file, a contacts file or a graph file."
                ),
            },
            ImportError::Binary { file, what } => {
                format!("{file} is {what}, not an export; {DROP_INSTEAD}.")
            }
            ImportError::NoConnections {
                file,
                recognised_as,
                instead,
            } => {
                if file == recognised_as {
                    format!("This looks like {recognised_as}, which holds no connections; drop {instead}.")
                } else {
                    format!("{file} looks like {recognised_as}, which holds no connections; drop {instead}.")
                }
            }
            ImportError::OnlyHiddenMembers { file, hidden } => format!(
                "{file} lists {} {}, but LinkedIn gives only when you connected, not who {}; there is no one to put on the map.",
                super::group_thousands(*hidden),
                if *hidden == 1 { "connection" } else { "connections" },
                if *hidden == 1 { "it is" } else { "they are" },
            ),
            ImportError::Malformed { file, line, reason } => {
                format!("{file} can't be read: line {line} {reason}.")
            }
            ImportError::TooManyFields {
                file,
                line,
                fields,
                limit,
            } => format!(
                "{file} can't be read: line {line} has {} fields, over tiemap's limit of {}; is it really an export?",
                super::group_thousands(*fields),
                super::group_thousands(*limit)
            ),
            ImportError::BadArchive { file, reason } => format!(
                "{file} can't be opened as a ZIP ({reason}); it may be cut short: download it again."
            ),
            ImportError::ArchiveTooLarge { file, limit_bytes } => format!(
                "{file} expands to more than tiemap's limit of {} in total; drop Connections.csv alone instead.",
                format_size(*limit_bytes)
            ),
            ImportError::EntryTooLarge {
                file,
                entry,
                limit_bytes,
            } => format!(
                "{entry} in {file} expands to more than tiemap's limit of {} per file; drop Connections.csv alone instead.",
                format_size(*limit_bytes)
            ),
            ImportError::ExpansionRatio { file, entry, limit } => format!(
                "{entry} in {file} expands more than {limit} times its packed size, tiemap's limit for ZIPs (a zip bomb?); drop Connections.csv alone instead."
            ),
            ImportError::NothingInArchive { file, entries } => format!(
                "{file} holds {} files but none tiemap reads; {DROP_INSTEAD}, a Facebook friends file or a contacts file.",
                super::group_thousands(*entries)
            ),
            ImportError::BadJson { file, reason } => {
                format!("{file} can't be read as JSON ({reason}); download it again.")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(format_size(300), "300 bytes");
        assert_eq!(format_size(12 * 1024), "12 KB");
        assert_eq!(format_size(256 * 1024 * 1024), "256 MB");
        assert_eq!(format_size(3 * 1024 * 1024 / 2), "1.5 MB");
        assert_eq!(format_size(300_000_000), "286 MB");
    }

    #[test]
    fn no_connections_names_the_file_and_what_to_drop() {
        let e = ImportError::NoConnections {
            file: "Invitations.csv".into(),
            recognised_as: "Invitations.csv".into(),
            instead: "Connections.csv or the whole ZIP".into(),
        };
        assert_eq!(
            e.sentence(),
            "This looks like Invitations.csv, which holds no connections; drop Connections.csv or the whole ZIP."
        );
    }
}

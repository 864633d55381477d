use thiserror::Error;

/// Why an import failed. Each variant carries what a person needs to fix it; the app turns it
/// into one plain sentence.
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
    #[error("{file} is not a file tiemap reads{}", hint.as_ref().map(|h| format!(" ({h})")).unwrap_or_default())]
    UnknownFormat { file: String, hint: Option<String> },
    #[error("{file} looks like {recognised_as}, which holds no connections")]
    NoConnections { file: String, recognised_as: String },
    #[error("{file} line {line}: {reason}")]
    Malformed {
        file: String,
        line: usize,
        reason: String,
    },
}

impl ImportError {
    /// The one sentence the page shows, with a hint of what to drop instead.
    pub fn sentence(&self) -> String {
        match self {
            ImportError::NoFiles => "No file was dropped.".to_string(),
            ImportError::Empty { file } => format!("{file} is empty; drop Connections.csv or the whole LinkedIn ZIP."),
            ImportError::HeaderOnly { file, recognised_as } => {
                format!("{file} looks like {recognised_as} but has no rows after its header.")
            }
            ImportError::TooLarge { file, size_bytes, limit_bytes } => format!(
                "{file} is {} MB, over tiemap's limit of {} MB per file.",
                size_bytes / 1_000_000,
                limit_bytes / 1_000_000
            ),
            ImportError::UnknownFormat { file, hint } => match hint {
                Some(h) => format!("tiemap can't read {file}: {h}."),
                None => format!(
                    "tiemap can't read {file}: expected a LinkedIn Connections.csv (or the whole LinkedIn ZIP) or a graph file."
                ),
            },
            ImportError::NoConnections { file, recognised_as } => format!(
                "{file} looks like {recognised_as}, which holds no connections; drop Connections.csv or the whole ZIP."
            ),
            ImportError::Malformed { file, line, reason } => format!("{file} can't be read: line {line} {reason}."),
        }
    }
}

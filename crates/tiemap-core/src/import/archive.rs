//! ZIP archives (LinkedIn's "Basic" and "Complete" exports, Facebook's "Download Your
//! Information"), expanded in memory with zip-bomb limits.
//!
//! Only entries that may be files tiemap reads (`.csv`, `.json`, `.vcf`, `.txt`, ...) are
//! expanded; photos and HTML pages are counted and skipped. Every limit is checked against the
//! declared sizes first and again while expanding, since declared sizes can lie.

use super::{group_thousands, ImportError, Limits, SkippedFile};
use std::io::{Cursor, Read};

/// The four bytes every ZIP (local file header) starts with, and the empty-ZIP marker.
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Entries up to this size may expand by any ratio (a small file of blank lines is no bomb).
const RATIO_FREE_BYTES: u64 = 1024 * 1024;

/// Extensions of entries worth expanding.
const READABLE_EXTENSIONS: &[&str] = &["csv", "json", "vcf", "vcard", "txt", "tsv"];

/// One expanded entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveEntry {
    /// The entry's path inside the archive.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What an archive held.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Archive {
    /// Expanded entries that may be files tiemap reads, in archive order.
    pub entries: Vec<ArchiveEntry>,
    /// Entries not expanded, and why.
    pub skipped: Vec<SkippedFile>,
    /// How many entries (files and folders) the archive lists.
    pub entry_count: usize,
    /// Entry names that reveal what the archive is when nothing in it is readable
    /// (for instance `xl/workbook.xml`: an Excel workbook).
    pub(crate) looks_like_workbook: bool,
    /// Total expanded bytes.
    pub expanded_bytes: u64,
}

/// Expands the readable entries of the ZIP `bytes` (named `file`) within `limits`.
pub fn expand_zip(file: &str, bytes: &[u8], limits: &Limits) -> Result<Archive, ImportError> {
    expand_zip_within(file, bytes, limits, limits.max_total_bytes)
}

/// As [`expand_zip`], with at most `budget_bytes` expanded in total (what is left of the
/// total limit after earlier archives).
pub(crate) fn expand_zip_within(
    file: &str,
    bytes: &[u8],
    limits: &Limits,
    budget_bytes: u64,
) -> Result<Archive, ImportError> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::BadArchive {
            file: file.to_string(),
            reason: zip_reason(&e),
        })?;
    let mut archive = Archive {
        entry_count: zip.len(),
        ..Archive::default()
    };
    let mut not_readable = 0usize;
    for index in 0..zip.len() {
        let listed_name = raw_name(&zip, index);
        let mut entry = match zip.by_index(index) {
            Ok(entry) => entry,
            Err(e) => {
                archive.skipped.push(SkippedFile {
                    file: listed_name,
                    reason: format!("can't be expanded ({})", zip_reason(&e)),
                });
                continue;
            }
        };
        if entry.is_dir() {
            continue;
        }
        let name = match entry.name() {
            Ok(name) => name.into_owned(),
            Err(_) => String::from_utf8_lossy(entry.name_raw()).into_owned(),
        };
        if !is_safe_path(&name) {
            archive.skipped.push(SkippedFile {
                file: name,
                reason: "its path leaves the archive (absolute or with ../), so it was not trusted"
                    .to_string(),
            });
            continue;
        }
        let lower = name.to_lowercase();
        if lower == "xl/workbook.xml" || lower == "word/document.xml" {
            archive.looks_like_workbook = true;
        }
        let extension = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        if extension == "zip" {
            archive.skipped.push(SkippedFile {
                file: name,
                reason: "ZIPs inside a ZIP are not expanded".to_string(),
            });
            continue;
        }
        if !READABLE_EXTENSIONS.contains(&extension) {
            not_readable += 1;
            continue;
        }
        if entry.is_symlink() {
            archive.skipped.push(SkippedFile {
                file: name,
                reason: "it is a link, not a file".to_string(),
            });
            continue;
        }
        let remaining = budget_bytes.saturating_sub(archive.expanded_bytes);
        let compressed = entry.compressed_size().max(1);
        let ratio_allowed = compressed
            .saturating_mul(limits.max_expansion_ratio)
            .max(RATIO_FREE_BYTES);
        // 1) declared sizes, before expanding anything
        check_size(file, &name, entry.size(), limits, remaining, ratio_allowed)?;
        // 2) actual sizes, reading one byte past the tightest limit
        let cap = limits
            .max_entry_bytes
            .min(remaining)
            .min(ratio_allowed)
            .saturating_add(1);
        let mut data = Vec::with_capacity(entry.size().min(cap).min(64 * 1024 * 1024) as usize);
        if let Err(e) = (&mut entry).take(cap).read_to_end(&mut data) {
            archive.skipped.push(SkippedFile {
                file: name,
                reason: format!("can't be expanded ({e})"),
            });
            continue;
        }
        check_size(
            file,
            &name,
            data.len() as u64,
            limits,
            remaining,
            ratio_allowed,
        )?;
        if is_zip(&data) {
            archive.skipped.push(SkippedFile {
                file: name,
                reason: "ZIPs inside a ZIP are not expanded".to_string(),
            });
            continue;
        }
        archive.expanded_bytes += data.len() as u64;
        archive.entries.push(ArchiveEntry { name, bytes: data });
    }
    if not_readable > 0 {
        archive.skipped.push(SkippedFile {
            file: file.to_string(),
            reason: format!(
                "{} {} not CSV, JSON or vCard (photos, web pages, ...) not read",
                group_thousands(not_readable),
                if not_readable == 1 {
                    "entry that is"
                } else {
                    "entries that are"
                }
            ),
        });
    }
    Ok(archive)
}

fn check_size(
    file: &str,
    entry: &str,
    size_bytes: u64,
    limits: &Limits,
    remaining_bytes: u64,
    ratio_allowed_bytes: u64,
) -> Result<(), ImportError> {
    if size_bytes > limits.max_entry_bytes {
        return Err(ImportError::EntryTooLarge {
            file: file.to_string(),
            entry: entry.to_string(),
            limit_bytes: limits.max_entry_bytes,
        });
    }
    if size_bytes > ratio_allowed_bytes {
        return Err(ImportError::ExpansionRatio {
            file: file.to_string(),
            entry: entry.to_string(),
            limit: limits.max_expansion_ratio,
        });
    }
    if size_bytes > remaining_bytes {
        return Err(ImportError::ArchiveTooLarge {
            file: file.to_string(),
            limit_bytes: limits.max_total_bytes,
        });
    }
    Ok(())
}

/// False for absolute paths (`/x`, `\x`, `C:x`) and paths with a `..` component.
fn is_safe_path(name: &str) -> bool {
    if name.starts_with('/') || name.starts_with('\\') || name.contains('\0') {
        return false;
    }
    let bytes = name.as_bytes();
    if bytes.len() >= 2 && bytes[1] == b':' && bytes[0].is_ascii_alphabetic() {
        return false;
    }
    !name.split(['/', '\\']).any(|part| part == "..")
}

fn raw_name(zip: &zip::ZipArchive<Cursor<&[u8]>>, index: usize) -> String {
    zip.name_for_index(index)
        .and_then(Result::ok)
        .map(|n| n.into_owned())
        .unwrap_or_else(|| format!("entry {}", index + 1))
}

fn zip_reason(e: &zip::result::ZipError) -> String {
    use zip::result::ZipError;
    match e {
        ZipError::Io(_) => "it is cut short or damaged".to_string(),
        ZipError::InvalidArchive(_) => "it is cut short or damaged".to_string(),
        ZipError::UnsupportedArchive(what) => format!("unsupported: {what}"),
        ZipError::FileNotFound => "an entry is missing".to_string(),
        ZipError::InvalidPassword => "it is encrypted".to_string(),
        ZipError::CompressionMethodNotSupported(_) => {
            "it is packed with a method other than deflate".to_string()
        }
        _ => "it is damaged".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_paths_are_recognised() {
        assert!(is_safe_path("Connections.csv"));
        assert!(is_safe_path("Basic_LinkedInDataExport/Connections.csv"));
        assert!(!is_safe_path("../Connections.csv"));
        assert!(!is_safe_path("a/../../Connections.csv"));
        assert!(!is_safe_path("a\\..\\Connections.csv"));
        assert!(!is_safe_path("/etc/passwd"));
        assert!(!is_safe_path("C:\\Windows\\x.csv"));
    }
}

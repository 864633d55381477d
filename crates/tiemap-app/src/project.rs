//! The `.tiemap` project file: a map saved whole (its input files and everything the person
//! made of it), to reopen exactly, on another machine too. Versioned JSON, documented in
//! `docs/project-file.md`. Pure Rust: tested natively.

use crate::model::SavedState;
use serde::{Deserialize, Serialize};
use tiemap_core::import::InputFile;

/// The value of the `format` field: how a project file is recognised.
pub const FORMAT: &str = "tiemap-project";
/// The version this build writes and the newest it reads.
pub const VERSION: u32 = 1;

/// A project file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectFile {
    /// Always [`FORMAT`]; first in the file, so a file is recognised from its first bytes.
    pub format: String,
    pub version: u32,
    /// The map's title as the page showed it.
    pub title: String,
    /// When it was saved (ISO 8601, from the browser's clock).
    pub saved_at: String,
    pub input: ProjectInput,
    pub state: SavedState,
}

/// What the map was made from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProjectInput {
    /// The bundled sample network.
    Sample { people: usize, seed: u64 },
    /// The files the person dropped, as they were (the bytes in base64).
    Files { files: Vec<ProjectInputFile> },
}

/// One input file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectInputFile {
    pub name: String,
    pub base64: String,
}

impl ProjectFile {
    pub fn new(title: String, saved_at: String, input: ProjectInput, state: SavedState) -> Self {
        ProjectFile {
            format: FORMAT.to_string(),
            version: VERSION,
            title,
            saved_at,
            input,
            state,
        }
    }

    /// The file's bytes (JSON).
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// The input files, decoded.
    pub fn input_files(&self) -> Result<Option<Vec<InputFile>>, ProjectError> {
        match &self.input {
            ProjectInput::Sample { .. } => Ok(None),
            ProjectInput::Files { files } => files
                .iter()
                .map(|f| {
                    decode_base64(&f.base64)
                        .map(|bytes| InputFile {
                            name: f.name.clone(),
                            bytes,
                        })
                        .ok_or_else(|| ProjectError::DamagedFile {
                            name: f.name.clone(),
                        })
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
        }
    }
}

/// The input files as a project stores them.
pub fn project_input(files: &[InputFile]) -> ProjectInput {
    ProjectInput::Files {
        files: files
            .iter()
            .map(|f| ProjectInputFile {
                name: f.name.clone(),
                base64: encode_base64(&f.bytes),
            })
            .collect(),
    }
}

/// Whether `bytes` look like a project file (checked on the first bytes only).
pub fn looks_like_project(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64)];
    let text = String::from_utf8_lossy(head);
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    compact.starts_with(&format!("{{\"format\":\"{FORMAT}\""))
}

/// Why a project file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProjectError {
    #[error("{name} is not valid project JSON")]
    Damaged { name: String },
    #[error("{name} has project version {version}, newer than {VERSION}")]
    Newer { name: String, version: u32 },
    #[error("the project's copy of {name} is not valid base64")]
    DamagedFile { name: String },
    #[error("the project holds no map")]
    NoMap,
}

impl ProjectError {
    /// What the page says.
    pub fn sentence(&self) -> String {
        match self {
            ProjectError::Damaged { name } => {
                format!("{name} is a damaged tiemap project; save it again from the map.")
            }
            ProjectError::Newer { name, version } => format!(
                "{name} was saved by a newer tiemap (project version {version}); this page reads up to version {VERSION}."
            ),
            ProjectError::DamagedFile { name } => {
                format!("The project file's copy of {name} is damaged; save the project again.")
            }
            ProjectError::NoMap => "The project file holds no map.".to_string(),
        }
    }
}

/// Reads a project file named `name`; `Ok(None)` when the bytes are not one.
pub fn read_project(name: &str, bytes: &[u8]) -> Result<Option<ProjectFile>, ProjectError> {
    if !looks_like_project(bytes) {
        return Ok(None);
    }
    #[derive(Deserialize)]
    struct Head {
        version: u32,
    }
    let damaged = |_| ProjectError::Damaged {
        name: name.to_string(),
    };
    let head: Head = serde_json::from_slice(bytes).map_err(damaged)?;
    if head.version > VERSION {
        return Err(ProjectError::Newer {
            name: name.to_string(),
            version: head.version,
        });
    }
    serde_json::from_slice(bytes).map(Some).map_err(damaged)
}

/// Standard base64 with padding (RFC 4648, the `base64` crate's standard engine).
pub fn encode_base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Standard base64, padded; `None` for anything else.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ClusterEdits;

    fn state() -> SavedState {
        SavedState {
            fingerprint: "abc".into(),
            resolution: 1.2,
            fold_below: 5,
            signals: None,
            seed: 3,
            edits: ClusterEdits::default().with(crate::model::Edit::SetRole {
                title: "UX Researcher".into(),
                function: Some(tiemap_core::metrics::Function::Design),
                seniority: None,
            }),
            node_clusters: vec![0, 1, 1],
            pos_in_graph: vec![0.5, -1.25, 3.0, 4.0, 1e-7, f32::MAX],
            ..Default::default()
        }
    }

    #[test]
    fn base64_round_trips_and_matches_the_standard() {
        assert_eq!(encode_base64(b""), "");
        assert_eq!(encode_base64(b"f"), "Zg==");
        assert_eq!(encode_base64(b"fo"), "Zm8=");
        assert_eq!(encode_base64(b"foobar"), "Zm9vYmFy");
        let all: Vec<u8> = (0..=255).chain((0..=255).rev()).collect();
        for len in 0..all.len() {
            assert_eq!(
                decode_base64(&encode_base64(&all[..len])).as_deref(),
                Some(&all[..len])
            );
        }
        assert_eq!(decode_base64("Zg="), None);
        assert_eq!(decode_base64("Z=g="), None);
        assert_eq!(decode_base64("Zg==Zg=="), None);
        assert_eq!(decode_base64("Zm9*"), None);
    }

    #[test]
    fn a_project_round_trips_exactly_and_is_recognised_by_its_first_bytes() {
        let files = vec![InputFile {
            name: "Connections.csv".into(),
            bytes: "First Name,明\n\0\u{1F680}".as_bytes().to_vec(),
        }];
        let p = ProjectFile::new(
            "My map".into(),
            "2026-11-30T08:00:00Z".into(),
            project_input(&files),
            state(),
        );
        let bytes = p.to_bytes();
        assert!(looks_like_project(&bytes));
        let back = read_project("my.tiemap", &bytes)
            .unwrap()
            .expect("recognised");
        assert_eq!(back, p);
        assert_eq!(back.input_files().unwrap(), Some(files));
        // Other JSON (a Facebook export) is not a project.
        assert_eq!(read_project("f.json", br#"{"friends_v2": []}"#), Ok(None));
    }

    #[test]
    fn edits_written_before_title_corrections_existed_still_read() {
        let old = r#"{"names":{"1":"Team"},"colors":{},"hidden":[],"merged":{},"moved":{}}"#;
        let edits: ClusterEdits = serde_json::from_str(old).unwrap();
        assert_eq!(edits.names.get(&1).map(String::as_str), Some("Team"));
        assert!(edits.roles.is_empty());
        // and the correction in `state()` is keyed by the normalised title
        let roles = &state().edits.roles;
        assert_eq!(roles.keys().collect::<Vec<_>>(), ["ux researcher"]);
    }

    #[test]
    fn damaged_and_newer_projects_are_one_sentence() {
        let p = ProjectFile::new(
            "m".into(),
            "t".into(),
            ProjectInput::Sample {
                people: 10,
                seed: 1,
            },
            state(),
        );
        let text = String::from_utf8(p.to_bytes()).unwrap();
        let cut = &text[..text.len() - 10];
        let err = read_project("cut.tiemap", cut.as_bytes())
            .unwrap_err()
            .sentence();
        assert_eq!(
            err,
            "cut.tiemap is a damaged tiemap project; save it again from the map."
        );
        let newer = text.replace("\"version\":1", "\"version\":7");
        let err = read_project("new.tiemap", newer.as_bytes())
            .unwrap_err()
            .sentence();
        assert!(err.contains("newer tiemap (project version 7)"), "{err}");
        let broken = ProjectFile::new(
            "m".into(),
            "t".into(),
            ProjectInput::Files {
                files: vec![ProjectInputFile {
                    name: "a.csv".into(),
                    base64: "@@@@".into(),
                }],
            },
            state(),
        );
        assert!(broken
            .input_files()
            .unwrap_err()
            .sentence()
            .contains("a.csv is damaged"));
    }
}

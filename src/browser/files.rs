//! Reading `File`s into bytes, with the size limit checked before anything is read.

use gloo::file::File;
use tiemap_core::import::{ImportError, InputFile, Limits};

/// Why files could not be read in the page.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Import(#[from] ImportError),
    #[error("{file} could not be read by the browser")]
    Browser { file: String },
}

impl ReadError {
    /// The sentence the page shows.
    pub fn sentence(&self) -> String {
        match self {
            ReadError::Import(e) => e.sentence(),
            ReadError::Browser { file } => {
                format!("The browser could not read {file}; try opening it again.")
            }
        }
    }
}

/// The files of a drop event (empty when the drop held none, e.g. dragged text).
pub fn files_from_drop(event: &web_sys::DragEvent) -> Vec<File> {
    let Some(list) = event.data_transfer().and_then(|dt| dt.files()) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(File::from)
        .collect()
}

/// Reads all files into memory. Files over the limit are refused before any byte is read.
pub async fn read_files(files: Vec<File>, limits: Limits) -> Result<Vec<InputFile>, ReadError> {
    for f in &files {
        if f.size() > limits.max_file_bytes {
            return Err(ImportError::TooLarge {
                file: f.name(),
                size_bytes: f.size(),
                limit_bytes: limits.max_file_bytes,
            }
            .into());
        }
    }
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let bytes = gloo::file::futures::read_as_bytes(&f)
            .await
            .map_err(|_| ReadError::Browser { file: f.name() })?;
        out.push(InputFile {
            name: f.name(),
            bytes,
        });
    }
    Ok(out)
}

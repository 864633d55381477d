//! Reading `File`s into bytes, with the size limit checked before anything is read.

use gloo::file::File;
use tiemap_core::import::{ImportError, InputFile, Limits};
use wasm_bindgen::{JsCast, JsValue};

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

/// A file to read, with the name tiemap gives it: the file's own name, or its path inside a
/// dropped or picked folder (`Basic_LinkedInDataExport/Connections.csv`), which the core reads
/// like an archive entry.
#[derive(Clone, Debug)]
pub struct PickedFile {
    pub name: String,
    pub file: File,
}

impl From<File> for PickedFile {
    fn from(file: File) -> Self {
        PickedFile {
            name: file.name(),
            file,
        }
    }
}

/// The most files read from one folder (a LinkedIn "Complete" export holds about sixty).
pub const MAX_FOLDER_FILES: usize = 2_000;

/// File endings in a folder that are never exports (photos and videos of a Facebook download).
const MEDIA_ENDINGS: &[&str] = &[
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".mp4", ".mov", ".m4a", ".mp3", ".wav",
    ".pdf",
];

/// Whether a file found in a folder is worth reading: not media, and within the size limit
/// (folders hold much besides the export; only files picked one by one are refused for size).
fn worth_reading(path: &str, size: u64, limits: &Limits) -> bool {
    let lower = path.to_lowercase();
    size <= limits.max_file_bytes && !MEDIA_ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// What a drop event holds, taken while the event lasts: folders (as entries to walk) or files.
pub enum Dropped {
    Files(Vec<PickedFile>),
    Folders(Vec<web_sys::FileSystemEntry>),
}

/// The contents of a drop event (`Files` is empty when the drop held none, e.g. dragged text).
pub fn files_from_drop(event: &web_sys::DragEvent) -> Dropped {
    let Some(dt) = event.data_transfer() else {
        return Dropped::Files(Vec::new());
    };
    let items = dt.items();
    let entries: Vec<web_sys::FileSystemEntry> = (0..items.length())
        .filter_map(|i| items.get(i))
        .filter(|item| item.kind() == "file")
        .filter_map(|item| item.webkit_get_as_entry().ok().flatten())
        .collect();
    if entries.iter().any(|e| e.is_directory()) {
        return Dropped::Folders(entries);
    }
    let Some(list) = dt.files() else {
        return Dropped::Files(Vec::new());
    };
    Dropped::Files(
        (0..list.length())
            .filter_map(|i| list.get(i))
            .map(|f| File::from(f).into())
            .collect(),
    )
}

/// The files of a folder picked with `<input webkitdirectory>`, named by their path in it.
pub fn files_from_folder_input(list: &web_sys::FileList, limits: &Limits) -> Vec<PickedFile> {
    (0..list.length())
        .filter_map(|i| list.get(i))
        .filter_map(|f| {
            let path = js_sys::Reflect::get(&f, &JsValue::from_str("webkitRelativePath"))
                .ok()
                .and_then(|p| p.as_string())
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| f.name());
            let file = File::from(f);
            worth_reading(&path, file.size(), limits).then_some(PickedFile { name: path, file })
        })
        .take(MAX_FOLDER_FILES)
        .collect()
}

/// Walks dropped folders (and files dropped beside them): every file inside, named by its path.
pub async fn files_from_entries(
    entries: Vec<web_sys::FileSystemEntry>,
    limits: &Limits,
) -> Result<Vec<PickedFile>, ReadError> {
    let mut out = Vec::new();
    let mut todo = entries;
    while let Some(entry) = todo.pop() {
        if out.len() >= MAX_FOLDER_FILES {
            break;
        }
        let path = entry.full_path().trim_start_matches('/').to_string();
        if entry.is_directory() {
            let dir: web_sys::FileSystemDirectoryEntry = entry.unchecked_into();
            let reader = dir.create_reader();
            // readEntries gives a batch at a time, and an empty batch at the end.
            loop {
                let batch = callback_future(|ok, err| {
                    if let Err(e) = reader.read_entries_with_callback_and_callback(ok, err) {
                        let _ = err.call1(&JsValue::NULL, &e);
                    }
                })
                .await
                .map_err(|_| ReadError::Browser { file: path.clone() })?;
                let batch: js_sys::Array = batch.unchecked_into();
                if batch.length() == 0 {
                    break;
                }
                todo.extend(batch.iter().map(|e| e.unchecked_into()));
            }
        } else if entry.is_file() {
            if !worth_reading(&path, 0, limits) {
                continue;
            }
            let file_entry: web_sys::FileSystemFileEntry = entry.unchecked_into();
            let file = callback_future(|ok, err| {
                file_entry.file_with_callback_and_callback(ok, err);
            })
            .await
            .map_err(|_| ReadError::Browser { file: path.clone() })?;
            let file = File::from(web_sys::File::from(file));
            if worth_reading(&path, file.size(), limits) {
                out.push(PickedFile { name: path, file });
            }
        }
    }
    // The walk is depth-first from the end; read in a stable order.
    tiemap_core::order::sort_by_text(&mut out, false, |f| &f.name);
    Ok(out)
}

/// A browser API that answers through a success and an error callback, as a future.
async fn callback_future(
    call: impl FnOnce(&js_sys::Function, &js_sys::Function),
) -> Result<JsValue, JsValue> {
    let mut call = Some(call);
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        if let Some(call) = call.take() {
            call(&resolve, &reject);
        }
    });
    wasm_bindgen_futures::JsFuture::from(promise).await
}

/// Reads all files into memory. Files over the limit are refused before any byte is read.
pub async fn read_files(
    files: Vec<PickedFile>,
    limits: Limits,
) -> Result<Vec<InputFile>, ReadError> {
    let mut total = 0u64;
    for f in &files {
        if f.file.size() > limits.max_file_bytes {
            return Err(ImportError::TooLarge {
                file: f.name.clone(),
                size_bytes: f.file.size(),
                limit_bytes: limits.max_file_bytes,
            }
            .into());
        }
        total = total.saturating_add(f.file.size());
    }
    if total > limits.max_total_bytes {
        return Err(ImportError::TotalTooLarge {
            size_bytes: total,
            limit_bytes: limits.max_total_bytes,
        }
        .into());
    }
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let bytes = gloo::file::futures::read_as_bytes(&f.file)
            .await
            .map_err(|_| ReadError::Browser {
                file: f.name.clone(),
            })?;
        out.push(InputFile {
            name: f.name,
            bytes,
        });
    }
    Ok(out)
}

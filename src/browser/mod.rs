//! The web-sys edge: reading files the person dropped or picked, downloads, and saved maps in
//! IndexedDB, and the channel between tabs.

mod download;
mod files;
mod idb;
pub mod panels;
mod tabs;

pub use download::{download, file_name_from, DownloadError};
pub use files::{
    files_from_drop, files_from_entries, files_from_folder_input, read_files, Dropped, PickedFile,
    ReadError, MAX_FOLDER_FILES,
};
pub use idb::{ask_to_keep_storage, SavedMapStore, StorageError};
pub use tabs::{Saved, TabChannel};

/// A number the person typed, or the page wrote into an attribute, read with JavaScript's
/// `parseFloat` (`None` when it is not a number): Rust's float parser and its tables would add
/// about 10 KB gzipped to the page's first download.
pub fn number(text: &str) -> Option<f64> {
    let v = js_sys::parse_float(text);
    (!v.is_nan()).then_some(v)
}

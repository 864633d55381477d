//! The web-sys edge: reading files the person dropped or picked, downloads, and saved maps in
//! IndexedDB, and the channel between tabs.

mod download;
mod files;
mod idb;
mod tabs;

pub use download::{download, file_name_from, DownloadError};
pub use files::{
    files_from_drop, files_from_entries, files_from_folder_input, read_files, Dropped, PickedFile,
    ReadError, MAX_FOLDER_FILES,
};
pub use idb::{ask_to_keep_storage, SavedMapStore, StorageError};
pub use tabs::{Saved, TabChannel};

//! The web-sys edge: reading files the person dropped or picked.

mod files;
mod idb;

pub use files::{
    files_from_drop, files_from_entries, files_from_folder_input, read_files, Dropped, PickedFile,
    ReadError, MAX_FOLDER_FILES,
};
pub use idb::{SavedMapStore, StorageError};

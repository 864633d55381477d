//! The web-sys edge: reading files the person dropped or picked.

mod files;

pub use files::{files_from_drop, read_files, ReadError};

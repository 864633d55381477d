//! Handing a file to the person: a download of bytes made in the page (no server involved).

use gloo::file::{Blob, ObjectUrl};
use wasm_bindgen::JsCast;

/// Why a download did not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the browser would not start the download of {file_name}")]
pub struct DownloadError {
    pub file_name: String,
}

impl DownloadError {
    /// What the page says.
    pub fn sentence(&self) -> String {
        format!(
            "The browser would not start the download of {}.",
            self.file_name
        )
    }
}

/// Starts a download of `bytes` as `file_name`.
pub fn download(file_name: &str, mime_type: &str, bytes: &[u8]) -> Result<(), DownloadError> {
    let blob = Blob::new_with_options(bytes, Some(mime_type));
    let url = ObjectUrl::from(blob);
    let document = gloo::utils::document();
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| DownloadError {
            file_name: file_name.to_string(),
        })?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    // The object URL must outlive the click's download start; let it go a minute later.
    gloo::timers::callback::Timeout::new(60_000, move || drop(url)).forget();
    Ok(())
}

/// A file name from a map title: letters, digits, spaces, dots, dashes and underscores kept.
pub fn file_name_from(title: &str, extension: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let trimmed = cleaned.trim().trim_matches('.');
    let stem: String = trimmed.chars().take(80).collect();
    let stem = if stem.is_empty() {
        "tiemap".to_string()
    } else {
        stem
    };
    format!("{stem}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::file_name_from;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            file_name_from("Sample network", "tiemap"),
            "Sample network.tiemap"
        );
        assert_eq!(
            file_name_from("../../etc/passwd", "png"),
            "_.._etc_passwd.png"
        );
        assert_eq!(file_name_from("<img src=x>", "svg"), "_img src_x_.svg");
        assert_eq!(file_name_from("  ", "png"), "tiemap.png");
        assert_eq!(file_name_from(&"a".repeat(300), "png").len(), 84);
    }
}

//! What a file is, from its first bytes: a ZIP, a known binary type (to say "it is an image"),
//! or text.

use super::archive::is_zip;

/// What the first bytes of a file say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sniffed {
    Zip,
    /// Binary data that is not a ZIP, described for a person ("an image (PNG)").
    Binary(&'static str),
    Text,
}

const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "an image (PNG)"),
    (b"\xFF\xD8\xFF", "an image (JPEG)"),
    (b"GIF87a", "an image (GIF)"),
    (b"GIF89a", "an image (GIF)"),
    (b"BM", "an image (BMP)"),
    (b"%PDF", "a PDF document"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "an old Office document (.xls or .doc)",
    ),
    (b"SQLite format 3\0", "an SQLite database"),
    (b"\x7FELF", "a program"),
    (b"MZ", "a Windows program"),
];

/// Classifies `bytes` by magic numbers; text with NUL bytes (and no UTF-16 byte-order mark)
/// is binary too.
pub(crate) fn sniff(bytes: &[u8]) -> Sniffed {
    if is_zip(bytes) {
        return Sniffed::Zip;
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Sniffed::Binary("an image (WebP)");
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Sniffed::Binary("an image or video (HEIC/MP4)");
    }
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        // "BM" and "MZ" are short: only trust them when the file is not plain text.
        let short = what.contains("BMP") || what.contains("Windows");
        if !short || has_nul(bytes) {
            return Sniffed::Binary(what);
        }
    }
    let utf16 = bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || super::csv_util::utf16_without_bom(bytes).is_some();
    if !utf16 && has_nul(bytes) {
        return Sniffed::Binary("binary data");
    }
    Sniffed::Text
}

fn has_nul(bytes: &[u8]) -> bool {
    bytes.iter().take(8 * 1024).any(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_numbers() {
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Sniffed::Binary("an image (PNG)")
        );
        assert_eq!(sniff(b"PK\x03\x04rest"), Sniffed::Zip);
        assert_eq!(sniff(b"%PDF-1.7"), Sniffed::Binary("a PDF document"));
        assert_eq!(sniff(b"abc\0def"), Sniffed::Binary("binary data"));
        assert_eq!(sniff(b"First Name,Last Name"), Sniffed::Text);
        // A CSV whose first column happens to start with "BM" is text.
        assert_eq!(sniff(b"BMW,Munich"), Sniffed::Text);
        assert_eq!(sniff(&[0xFF, 0xFE, b'a', 0]), Sniffed::Text);
        let utf16le: Vec<u8> = "Source,Target\n1,2\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(sniff(&utf16le), Sniffed::Text);
    }
}

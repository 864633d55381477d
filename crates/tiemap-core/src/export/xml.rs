//! XML escaping: the one escaper of the crate, used by the GEXF and GraphML encoders and
//! public for the shell's SVG writer. [`attr`] is safe both in a double-quoted attribute value
//! and in element content; [`text`] is the lighter form for element content only.

use super::sanitize;

/// `text` as an XML attribute value (to go between double quotes): forbidden characters
/// dropped, `& < > "` escaped, and tab, newline and carriage return written as character
/// references so attribute-value normalisation does not turn them into spaces.
pub fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in sanitize(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` as element content: forbidden characters dropped, `& < >` escaped (escaping `>`
/// also keeps `]]>` out), and carriage return written as `&#13;` so line-end normalisation
/// keeps it.
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in sanitize(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_escaped() {
        assert_eq!(
            attr("<img src=x onerror=alert(1)> & \"q\" 'a'"),
            "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; 'a'"
        );
        assert_eq!(attr("a\tb\nc\rd\u{0}e"), "a&#9;b&#10;c&#13;de");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a]]>b & <c>\u{1B}"), "a]]&gt;b &amp; &lt;c&gt;");
        assert_eq!(text("x\r\ny"), "x&#13;\ny");
    }
}

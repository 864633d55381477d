//! Company names as people type them ("GLOBEX Corp", "Globex, Inc.", "Amazon Web Services
//! (AWS)") reduced to one key per employer, so that shared employers are found.
//!
//! The key is lower case, without punctuation, bracketed asides or legal suffixes, with a few
//! well-known aliases folded together. It is a comparison key, never shown: the display form
//! of an employer is the spelling its people use most ([`display_spelling`]).

/// Legal-form words dropped from the end of a name (after punctuation became spaces, so
/// "S.A." is "s a" and "Co., Ltd." is "co ltd").
const LEGAL_SUFFIXES: &[&[&str]] = &[
    &["s", "a", "r", "l"],
    &["s", "r", "l"],
    &["s", "p", "a"],
    &["s", "a", "s"],
    &["s", "a"],
    &["b", "v"],
    &["n", "v"],
    &["a", "g"],
    &["p", "l", "c"],
    &["l", "l", "c"],
    &["l", "t", "d"],
    &["gmbh", "co", "kg"],
    &["co", "kg"],
    &["gmbh"],
    &["mbh"],
    &["ag"],
    &["kg"],
    &["inc"],
    &["incorporated"],
    &["llc"],
    &["llp"],
    &["ltd"],
    &["limited"],
    &["plc"],
    &["corp"],
    &["corporation"],
    &["co"],
    &["company"],
    &["sa"],
    &["sas"],
    &["sarl"],
    &["srl"],
    &["spa"],
    &["bv"],
    &["nv"],
    &["oy"],
    &["ab"],
    &["as"],
    &["aps"],
    &["pty"],
    &["pvt"],
    &["kk"],
    &["group"],
    &["holding"],
    &["holdings"],
];

/// Whole keys (after suffixes are dropped) that name the same employer.
const ALIASES: &[(&str, &str)] = &[
    ("aws", "amazon"),
    ("amazon web services", "amazon"),
    ("amazon com", "amazon"),
    ("alphabet", "google"),
    ("google cloud", "google"),
    ("facebook", "meta"),
    ("meta platforms", "meta"),
    ("microsoft research", "microsoft"),
    ("ibm research", "ibm"),
    ("international business machines", "ibm"),
    ("hewlett packard", "hp"),
    ("hewlett packard enterprise", "hpe"),
    ("bcg", "boston consulting"),
    ("pwc", "pricewaterhousecoopers"),
    ("ey", "ernst young"),
    ("twitter", "x"),
];

/// Values that say "no employer" rather than naming one: they must not tie people together.
const NOT_AN_EMPLOYER: &[&str] = &[
    "",
    "self employed",
    "selfemployed",
    "freelance",
    "freelancer",
    "independent",
    "independent consultant",
    "unemployed",
    "retired",
    "student",
    "stealth",
    "stealth startup",
    "stealth mode",
    "confidential",
    "none",
    "n a",
    "na",
    "various",
    "looking for opportunities",
    "open to work",
];

/// The comparison key of a company name, or `None` when it names no employer (blank,
/// "Self-employed", "Freelance", "n/a", ...).
///
/// ```
/// use tiemap_core::infer::normalize_company;
/// assert_eq!(normalize_company("GLOBEX Corp.").as_deref(), Some("globex"));
/// assert_eq!(normalize_company("Globex, Inc.").as_deref(), Some("globex"));
/// assert_eq!(normalize_company("Amazon Web Services (AWS)").as_deref(), Some("amazon"));
/// assert_eq!(normalize_company("Self-employed"), None);
/// ```
pub fn normalize_company(name: &str) -> Option<String> {
    // 1) drop bracketed asides: "Amazon Web Services (AWS)", "Initech [EMEA]"
    let mut plain = String::with_capacity(name.len());
    let mut depth = 0u32;
    for ch in name.chars() {
        match ch {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(ch),
            _ => {}
        }
    }
    // 2) lower case; "&" reads "and" only between words, other punctuation splits words,
    //    apostrophes vanish ("McDonald's" -> "mcdonalds")
    let mut spaced = String::with_capacity(plain.len());
    for ch in plain.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() {
            spaced.push(ch);
        } else if ch == '\'' || ch == '\u{2019}' {
            continue;
        } else {
            spaced.push(' ');
        }
    }
    let mut words: Vec<&str> = spaced
        .split_whitespace()
        .filter(|w| *w != "and" && *w != "the")
        .collect();
    // 3) legal suffixes, repeatedly ("Foo Holdings GmbH & Co. KG"), never the whole name
    loop {
        let before = words.len();
        for suffix in LEGAL_SUFFIXES {
            if words.len() > suffix.len() && words.ends_with(suffix) {
                words.truncate(words.len() - suffix.len());
                break;
            }
        }
        if words.len() == before {
            break;
        }
    }
    let key = words.join(" ");
    if NOT_AN_EMPLOYER.contains(&key.as_str()) {
        return None;
    }
    // 4) aliases: checked on the joined key so "amazon web services" folds as a whole
    let folded = ALIASES
        .iter()
        .find(|(from, _)| *from == key)
        .map(|(_, to)| (*to).to_string())
        .unwrap_or(key);
    Some(folded)
}

/// The spelling shown for an employer: the (trimmed) spelling most people use; among equally
/// common ones the shortest (usually the one without a legal suffix), then the alphabetically
/// first, so the choice does not depend on input order.
pub fn display_spelling<'a>(spellings: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut all: Vec<&str> = spellings
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    all.sort_unstable();
    let mut best: Option<(&str, usize)> = None;
    let mut i = 0;
    while i < all.len() {
        let mut j = i;
        while j < all.len() && all[j] == all[i] {
            j += 1;
        }
        let better = match best {
            None => true,
            Some((s, n)) => j - i > n || (j - i == n && all[i].chars().count() < s.chars().count()),
        };
        if better {
            best = Some((all[i], j - i));
        }
        i = j;
    }
    best.map(|(s, _)| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_employer_share_a_key() {
        let table: &[(&str, Option<&str>)] = &[
            ("Globex", Some("globex")),
            ("Globex Inc.", Some("globex")),
            ("GLOBEX Corp", Some("globex")),
            ("globex corporation", Some("globex")),
            ("Globex, Inc", Some("globex")),
            ("  Globex   LLC ", Some("globex")),
            ("Globex Ltd.", Some("globex")),
            ("Globex Limited", Some("globex")),
            ("Globex GmbH", Some("globex")),
            ("Globex GmbH & Co. KG", Some("globex")),
            ("Globex S.A.", Some("globex")),
            ("Globex SA", Some("globex")),
            ("Globex B.V.", Some("globex")),
            ("Globex (Europe)", Some("globex")),
            ("Globex [contract]", Some("globex")),
            ("Globex Holdings Inc.", Some("globex")),
            ("Initech Co., Ltd.", Some("initech")),
            ("Amazon Web Services (AWS)", Some("amazon")),
            ("AWS", Some("amazon")),
            ("Amazon.com", Some("amazon")),
            ("Amazon", Some("amazon")),
            ("Facebook", Some("meta")),
            ("Meta Platforms, Inc.", Some("meta")),
            ("Procter & Gamble", Some("procter gamble")),
            ("Procter and Gamble", Some("procter gamble")),
            ("McDonald's", Some("mcdonalds")),
            ("Société Générale S.A.", Some("société générale")),
            ("Dunder Mifflin Paper Company", Some("dunder mifflin paper")),
            (
                "The Boston Consulting Group (BCG)",
                Some("boston consulting"),
            ),
            ("BCG", Some("boston consulting")),
        ];
        for (input, want) in table {
            assert_eq!(
                normalize_company(input).as_deref(),
                *want,
                "normalising {input:?}"
            );
        }
    }

    #[test]
    fn a_legal_form_alone_is_kept_as_a_name() {
        // "Inc." alone or "Co" alone must not become an empty key shared by everyone
        assert_eq!(normalize_company("Inc.").as_deref(), Some("inc"));
        assert_eq!(normalize_company("Company").as_deref(), Some("company"));
    }

    #[test]
    fn non_employers_and_blanks_have_no_key() {
        for input in [
            "",
            "   ",
            "-",
            "Self-employed",
            "Self Employed",
            "Freelance",
            "n/a",
            "N.A.",
            "Stealth Startup",
            "(none)",
        ] {
            assert_eq!(normalize_company(input), None, "{input:?}");
        }
    }

    #[test]
    fn distinct_employers_stay_distinct() {
        assert_ne!(
            normalize_company("Globex"),
            normalize_company("Globex Bank")
        );
        assert_ne!(normalize_company("Initech"), normalize_company("Initrode"));
    }

    #[test]
    fn display_is_the_most_used_spelling() {
        assert_eq!(
            display_spelling(["Globex Inc.", "Globex", "GLOBEX Corp", "Globex"]).as_deref(),
            Some("Globex")
        );
        // ties: the shortest, then alphabetically first, whatever the order
        assert_eq!(
            display_spelling(["GLOBEX Corp", "Globex Inc.", "Globex"]).as_deref(),
            Some("Globex")
        );
        assert_eq!(display_spelling(["b", "a", "a", "b"]).as_deref(), Some("a"));
        assert_eq!(display_spelling(["a", "b", "b", "a"]).as_deref(), Some("a"));
        assert_eq!(display_spelling(["  "]), None);
    }
}

//! Job titles as bags of words, weighted so that distinctive words ("recruiter", "designer",
//! "founder") count and generic ones ("senior", "of", "lead") barely do.

/// How a title word counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordKind {
    /// Says what someone does: full weight.
    Role,
    /// Says how senior someone is: down-weighted ([`SENIORITY_FACTOR`]), never used to find
    /// candidates.
    Seniority,
}

/// Weight factor of seniority words relative to role words.
pub const SENIORITY_FACTOR: f32 = 0.15;

const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "at", "de", "del", "der", "des", "di", "du", "en", "et", "for", "in", "la",
    "le", "of", "on", "the", "to", "und", "with", "y", "i", "my", "our",
];

const SENIORITY_WORDS: &[&str] = &[
    "senior",
    "junior",
    "lead",
    "head",
    "principal",
    "staff",
    "chief",
    "associate",
    "assistant",
    "intern",
    "trainee",
    "apprentice",
    "graduate",
    "entry",
    "level",
    "mid",
    "ii",
    "iii",
    "iv",
    "v",
    "l1",
    "l2",
    "l3",
    "l4",
    "l5",
    "l6",
    "l7",
    "vice",
    "president",
    "vp",
    "svp",
    "evp",
    "avp",
    "director",
    "executive",
    "deputy",
    "acting",
    "interim",
    "global",
    "regional",
    "team",
];

/// Abbreviations written out, so "Sr. SWE" and "Senior Software Engineer" agree.
const EXPANSIONS: &[(&str, &[&str])] = &[
    ("sr", &["senior"]),
    ("snr", &["senior"]),
    ("jr", &["junior"]),
    ("eng", &["engineer"]),
    ("engr", &["engineer"]),
    ("mgr", &["manager"]),
    ("dev", &["developer"]),
    ("devs", &["developer"]),
    ("swe", &["software", "engineer"]),
    ("sde", &["software", "engineer"]),
    ("sre", &["site", "reliability", "engineer"]),
    ("pm", &["product", "manager"]),
    ("ux", &["ux"]),
    ("hr", &["hr"]),
    ("recruiting", &["recruiter"]),
    ("recruitment", &["recruiter"]),
    ("cofounder", &["founder"]),
    ("co", &[]),
    ("engineers", &["engineer"]),
    ("developers", &["developer"]),
    ("designers", &["designer"]),
    ("founders", &["founder"]),
];

/// The words of a title, lower-cased, abbreviations expanded, stop-words dropped, each with
/// its kind, in title order, each word once.
///
/// ```
/// use tiemap_core::infer::{title_words, WordKind};
/// let words = title_words("Sr. SWE, Payments");
/// assert_eq!(words[0], ("senior".to_string(), WordKind::Seniority));
/// assert_eq!(words[1], ("software".to_string(), WordKind::Role));
/// ```
pub fn title_words(title: &str) -> Vec<(String, WordKind)> {
    let lower = title.to_lowercase();
    let mut out: Vec<(String, WordKind)> = Vec::new();
    for raw in lower.split(|c: char| !c.is_alphanumeric()) {
        if raw.is_empty() || STOP_WORDS.contains(&raw) {
            continue;
        }
        let expanded: &[&str] = match EXPANSIONS.iter().find(|(from, _)| *from == raw) {
            Some((_, to)) => to,
            None => std::slice::from_ref(&raw),
        };
        for word in expanded {
            // numbers ("2", "2019") say nothing about a role
            if word.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            if out.iter().any(|(w, _)| w == word) {
                continue;
            }
            let kind = if SENIORITY_WORDS.contains(word) {
                WordKind::Seniority
            } else {
                WordKind::Role
            };
            out.push((word.to_string(), kind));
        }
    }
    out
}

/// The head noun of a title ("engineer" in "Senior Software Engineer"): its last role word.
pub fn head_word(title: &str) -> Option<String> {
    title_words(title)
        .into_iter()
        .rev()
        .find(|(_, k)| *k == WordKind::Role)
        .map(|(w, _)| w)
}

/// "engineers" for "engineer"; words that name a field rather than a person stay as they are
/// ("product", "data").
pub fn plural_of_role(word: &str) -> String {
    const PERSON_ENDINGS: &[&str] = &[
        "er", "or", "ist", "ant", "ent", "ian", "ect", "ate", "ee", "ive", "ner", "cto", "ceo",
        "cfo", "coo", "cmo",
    ];
    if PERSON_ENDINGS.iter().any(|e| word.ends_with(e)) {
        if word.len() <= 3 {
            format!("{}s", word.to_uppercase())
        } else {
            format!("{word}s")
        }
    } else {
        word.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<String> {
        title_words(t).into_iter().map(|(w, _)| w).collect()
    }

    #[test]
    fn abbreviations_and_stop_words() {
        assert_eq!(words("Sr. SWE"), ["senior", "software", "engineer"]);
        assert_eq!(
            words("Head of Talent & Recruiting"),
            ["head", "talent", "recruiter"]
        );
        assert_eq!(
            words("Software Engineer II"),
            ["software", "engineer", "ii"]
        );
        assert_eq!(words("Co-Founder & CEO"), ["founder", "ceo"]);
        assert_eq!(words("  "), Vec::<String>::new());
        assert_eq!(words("Engineer, engineer 2019"), ["engineer"]);
    }

    #[test]
    fn seniority_words_are_marked() {
        let w = title_words("Lead Product Designer");
        assert_eq!(w[0], ("lead".into(), WordKind::Seniority));
        assert_eq!(w[1], ("product".into(), WordKind::Role));
        assert_eq!(w[2], ("designer".into(), WordKind::Role));
    }

    #[test]
    fn heads_and_plurals() {
        assert_eq!(
            head_word("Senior Software Engineer").as_deref(),
            Some("engineer")
        );
        assert_eq!(head_word("Senior Director").as_deref(), None);
        assert_eq!(plural_of_role("engineer"), "engineers");
        assert_eq!(plural_of_role("recruiter"), "recruiters");
        assert_eq!(plural_of_role("scientist"), "scientists");
        assert_eq!(plural_of_role("cto"), "CTOs");
        assert_eq!(plural_of_role("product"), "product");
    }
}

//! docs/taxonomy.md is the title taxonomy as a person reads it, written from the tables the
//! code uses (`metrics::taxonomy`), so the page never says one thing and does another. This
//! test fails when the tables change and the page was not written again:
//! `TIEMAP_WRITE_DOCS=1 cargo test -p tiemap-core --test taxonomy_doc`.

use tiemap_core::metrics::taxonomy::{FUNCTION_KEYWORDS, SENIORITY_KEYWORDS};
use tiemap_core::metrics::{Function, Seniority};

fn page() -> String {
    let mut s = String::from(
        "# How tiemap reads job titles\n\n\
         <!-- Written by `TIEMAP_WRITE_DOCS=1 cargo test -p tiemap-core --test taxonomy_doc` from \
         crates/tiemap-core/src/metrics/taxonomy.rs: do not edit by hand. -->\n\n\
         The insights count people by **function** (what kind of work) and **seniority**, read from \
         their job titles with the keyword tables below. A title is lower-cased and split into words \
         at anything that is not a letter or digit (\"Sr. Software-Engineer (Backend)\" becomes \
         `sr software engineer backend`). Each table is read row by row, top to bottom, and each row's \
         keywords left to right; the **first** keyword found in the title wins, so the more specific \
         ones come first (\"Founder & CEO\" is a founder, \"Data Engineer\" is data). A keyword is a word or phrase matched whole; `recruit*` \
         matches words that start with \"recruit\", `*entwickler` words that end with \"entwickler\".\n\n\
         A title no function keyword matches is read as **Other**; one no seniority keyword matches, as \
         **Mid-level**. A title read wrong can be corrected on the page (Insights, Composition, \"How \
         titles are read\"): the correction wins over both tables, is kept with the map and can be undone.\n\n",
    );
    s.push_str("## Functions\n\n| order | function | keywords |\n|---:|---|---|\n");
    let mut order: Vec<Function> = Vec::new();
    for (_, f) in FUNCTION_KEYWORDS {
        if !order.contains(f) {
            order.push(*f);
        }
    }
    for (k, f) in order.iter().enumerate() {
        let words: Vec<String> = FUNCTION_KEYWORDS
            .iter()
            .filter(|(_, g)| g == f)
            .map(|(w, _)| format!("`{w}`"))
            .collect();
        s.push_str(&format!(
            "| {} | {} | {} |\n",
            k + 1,
            f.label(),
            words.join(", ")
        ));
    }
    s.push_str(&format!(
        "| | {} | (no keyword found) |\n\n",
        Function::Other.label()
    ));
    s.push_str("## Seniority\n\n| order | seniority | keywords |\n|---:|---|---|\n");
    let mut order: Vec<Seniority> = Vec::new();
    for (_, l) in SENIORITY_KEYWORDS {
        if !order.contains(l) {
            order.push(*l);
        }
    }
    for (k, l) in order.iter().enumerate() {
        let words: Vec<String> = SENIORITY_KEYWORDS
            .iter()
            .filter(|(_, m)| m == l)
            .map(|(w, _)| format!("`{w}`"))
            .collect();
        s.push_str(&format!(
            "| {} | {} | {} |\n",
            k + 1,
            l.label(),
            words.join(", ")
        ));
    }
    s.push_str(&format!(
        "| | {} | (no keyword found) |\n",
        Seniority::Mid.label()
    ));
    s
}

/// The page groups keywords by what they read as, which keeps the tables' order only while
/// each function's (and seniority's) keywords stand together in the table.
fn runs<T: PartialEq + Copy>(table: &[(&str, T)]) -> (usize, usize) {
    let mut runs = 0;
    let mut distinct: Vec<T> = Vec::new();
    for (k, (_, v)) in table.iter().enumerate() {
        if k == 0 || table[k - 1].1 != *v {
            runs += 1;
        }
        if !distinct.contains(v) {
            distinct.push(*v);
        }
    }
    (runs, distinct.len())
}

#[test]
fn each_function_and_seniority_has_its_keywords_together() {
    let (r, d) = runs(FUNCTION_KEYWORDS);
    assert_eq!(r, d, "a function's keywords are split in the table");
    let (r, d) = runs(SENIORITY_KEYWORDS);
    assert_eq!(r, d, "a seniority's keywords are split in the table");
}

#[test]
fn the_taxonomy_page_is_written_from_the_tables() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/taxonomy.md");
    let now = page();
    if std::env::var_os("TIEMAP_WRITE_DOCS").is_some() {
        std::fs::write(path, &now).expect("writes docs/taxonomy.md");
    }
    let on_disk = std::fs::read_to_string(path).expect("docs/taxonomy.md exists");
    assert!(
        on_disk == now,
        "docs/taxonomy.md is not the tables' page: rerun with TIEMAP_WRITE_DOCS=1"
    );
    // Every function and seniority appears (the tables cover them all, or the fallback does).
    for f in Function::ALL {
        assert!(now.contains(&format!("| {} |", f.label())), "{f:?}");
    }
    for l in Seniority::ALL {
        assert!(now.contains(&format!("| {} |", l.label())), "{l:?}");
    }
}

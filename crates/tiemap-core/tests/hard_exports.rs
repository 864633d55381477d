//! The hard exports (`tiemap_core::sample::hard`): deterministic per seed, with the measured
//! properties of real exports, and written as bytes that the crate's importers read back.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;
use tiemap_core::import::{
    import_files, is_placeholder, ImportOutcome, Imported, InputFile, Limits,
};
use tiemap_core::infer::normalize_company;
use tiemap_core::model::{Date, ExportKind, Person, PersonalExport};
use tiemap_core::sample::hard::{
    connections_csv, facebook_friends_json, hard_export, hard_exports, HardExport, HardKind,
};

fn standard() -> &'static [HardExport] {
    static SET: OnceLock<Vec<HardExport>> = OnceLock::new();
    SET.get_or_init(|| hard_exports(42))
}

fn of(kind: HardKind) -> &'static HardExport {
    let i = HardKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    &standard()[i]
}

/// A row LinkedIn writes for a member who does not share their data: only the date.
fn hidden(p: &Person) -> bool {
    p.first_name.is_empty() && p.last_name.is_empty() && p.profile_url.is_none()
}

/// Members per true group.
fn sizes(h: &HardExport) -> BTreeMap<u32, usize> {
    let mut out = BTreeMap::new();
    for &g in &h.truth {
        *out.entry(g).or_insert(0) += 1;
    }
    out
}

fn groups_of_at_least(h: &HardExport, n: usize) -> usize {
    sizes(h).values().filter(|&&s| s >= n).count()
}

fn import(name: &str, bytes: Vec<u8>) -> ImportOutcome {
    import_files(
        &[InputFile {
            name: name.into(),
            bytes,
        }],
        &Limits::default(),
    )
    .expect("the importer reads the written file")
}

fn personal(out: ImportOutcome) -> PersonalExport {
    match out.data {
        Imported::Personal(e) => e,
        Imported::Graph(_) => panic!("read as a graph"),
    }
}

/// The generic placeholders people type instead of an employer (lower case).
const PLACEHOLDERS: &[&str] = &[
    "na",
    "n/a",
    "-",
    "self-employed",
    "self employed",
    "freelance",
    "student",
    "retired",
    "none",
];

fn placeholder_or_blank(company: Option<&str>) -> bool {
    company.is_none_or(|c| {
        let c = c.trim().to_lowercase();
        c.is_empty() || PLACEHOLDERS.contains(&c.as_str())
    })
}

#[test]
fn deterministic_per_seed() {
    let again = hard_exports(42);
    assert_eq!(standard(), &again[..]);
    let other = hard_exports(43);
    for (a, b) in standard().iter().zip(&other) {
        assert_ne!(a.export.people, b.export.people, "{}", a.name);
    }
    // the standard set is hard_export of each kind at its standard size
    for (kind, h) in HardKind::ALL.iter().zip(standard()) {
        assert_eq!(h, &hard_export(*kind, kind.standard_people(), 42));
    }
    assert_eq!(
        hard_export(HardKind::SparseFields, 120, 7),
        hard_export(HardKind::SparseFields, 120, 7)
    );
}

#[test]
fn standard_set_sizes_truth_and_groups() {
    let names: Vec<&str> = standard().iter().map(|h| h.name).collect();
    assert_eq!(
        names,
        [
            "burst",
            "dominant-employer",
            "generic-roles",
            "sparse-fields",
            "facebook-like"
        ]
    );
    let people: Vec<usize> = standard().iter().map(|h| h.export.people.len()).collect();
    assert_eq!(people, [1_651, 900, 1_200, 400, 600]);
    for h in standard() {
        assert_eq!(h.truth.len(), h.export.people.len(), "{}", h.name);
        assert_eq!(h.also.len(), h.export.people.len(), "{}", h.name);
        assert!(h.truth.iter().all(|&g| (g as usize) < h.groups.len()));
        assert_eq!(h.thin, h.name == "facebook-like");
        let real = groups_of_at_least(h, 5);
        if h.thin {
            assert!(real >= 6, "{}: {real} cohorts", h.name);
        } else {
            assert!(real >= 8, "{}: {real} groups of 5 or more", h.name);
        }
        // bridges belong to a second, different group
        let bridges = h.also.iter().filter(|a| a.is_some()).count();
        assert!(bridges > 0, "{}", h.name);
        assert!(h
            .truth
            .iter()
            .zip(&h.also)
            .all(|(t, a)| a.is_none_or(|a| a != *t && (a as usize) < h.groups.len())));
        // listed newest connection first, as the exports are
        let dates: Vec<Date> = h
            .export
            .people
            .iter()
            .filter_map(|p| p.connected_on)
            .collect();
        assert_eq!(dates.len(), h.export.people.len(), "{}", h.name);
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{}", h.name);
    }
}

#[test]
fn group_sizes_are_heavy_tailed() {
    for kind in [
        HardKind::Burst,
        HardKind::DominantEmployer,
        HardKind::GenericRoles,
    ] {
        let h = of(kind);
        let s = sizes(h);
        let big = s.values().filter(|&&n| n >= 100).count();
        let small = s.values().filter(|&&n| (5..=20).contains(&n)).count();
        let largest = s.values().max().copied().unwrap_or(0);
        assert!(big >= 1, "{}: no group of 100+", h.name);
        assert!(small >= 10, "{}: {small} groups of 5-20", h.name);
        assert!(largest <= 400, "{}: largest {largest}", h.name);
    }
    let burst = sizes(of(HardKind::Burst));
    assert!(burst.values().filter(|&&n| n >= 100).count() >= 3);
}

#[test]
fn burst_dates_fall_in_one_year_and_one_position() {
    let h = of(HardKind::Burst);
    let mut by_year: BTreeMap<i32, usize> = BTreeMap::new();
    for p in &h.export.people {
        if let Some(d) = p.connected_on {
            *by_year.entry(d.year()).or_insert(0) += 1;
        }
    }
    let (&year, &count) = by_year
        .iter()
        .max_by_key(|(_, &n)| n)
        .expect("dated connections");
    let share = count as f64 / h.export.people.len() as f64;
    assert!(share >= 0.85, "{count} in {year}: {share:.3}");
    assert!(share < 1.0, "some connections outside the burst year");
    // all of that year's connections were made while the owner held one position
    let in_year: Vec<Date> = h
        .export
        .people
        .iter()
        .filter_map(|p| p.connected_on)
        .filter(|d| d.year() == year)
        .collect();
    let held = |pos: &tiemap_core::model::OwnPosition, d: Date| {
        pos.started_on.is_some_and(|s| s <= d) && pos.finished_on.is_none_or(|f| d <= f)
    };
    let holding: Vec<_> = h
        .export
        .positions
        .iter()
        .filter(|pos| in_year.iter().all(|&d| held(pos, d)))
        .collect();
    assert_eq!(holding.len(), 1, "one position covers the whole burst");
    // the year does not separate groups: each big group is mostly in it too
    for (g, n) in sizes(h).into_iter().filter(|(_, n)| *n >= 100) {
        let inside = h
            .truth
            .iter()
            .zip(&h.export.people)
            .filter(|(t, p)| **t == g && p.connected_on.is_some_and(|d| d.year() == year))
            .count();
        assert!(
            inside * 100 >= n * 85,
            "group {} {inside} of {n}",
            h.groups[g as usize]
        );
    }
    // and a few days hold many connections (bulk imports, events)
    let mut by_day: BTreeMap<Date, usize> = BTreeMap::new();
    for d in &in_year {
        *by_day.entry(*d).or_insert(0) += 1;
    }
    let top_day = by_day.values().max().copied().unwrap_or(0);
    assert!(top_day >= 100, "busiest day {top_day}");
}

#[test]
fn one_employer_dominates_many_groups() {
    let h = of(HardKind::DominantEmployer);
    let keys: Vec<Option<String>> = h
        .export
        .people
        .iter()
        .map(|p| p.company.as_deref().and_then(normalize_company))
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for k in keys.iter().flatten() {
        *counts.entry(k.as_str()).or_insert(0) += 1;
    }
    let with_company: usize = counts.values().sum();
    let (&top, &n) = counts.iter().max_by_key(|(_, &n)| n).expect("companies");
    let share = n as f64 / with_company as f64;
    assert!(share >= 0.4, "{top}: {n} of {with_company} ({share:.3})");
    // spread over distinct true groups
    let mut per_group: BTreeMap<u32, usize> = BTreeMap::new();
    for (k, &g) in keys.iter().zip(&h.truth) {
        if k.as_deref() == Some(top) {
            *per_group.entry(g).or_insert(0) += 1;
        }
    }
    let groups = per_group.values().filter(|&&c| c >= 5).count();
    assert!(groups >= 4, "{top} in {groups} groups of 5+: {per_group:?}");
    // spelled several ways, some of which no normaliser folds (acronym, Arabic, French)
    let spellings: BTreeSet<&str> = h
        .export
        .people
        .iter()
        .filter_map(|p| p.company.as_deref())
        .filter(|c| normalize_company(c).as_deref() == Some(top))
        .collect();
    assert!(spellings.len() >= 3, "{spellings:?}");
    let companies: BTreeSet<&str> = h
        .export
        .people
        .iter()
        .filter_map(|p| p.company.as_deref())
        .collect();
    for other in ["MoDE", "Ministry Digital Economy", "وزارة الاقتصاد الرقمي"] {
        assert!(companies.contains(other), "{other} missing");
    }
}

#[test]
fn generic_roles_are_shared_across_groups() {
    let h = of(HardKind::GenericRoles);
    let generic = [
        "software engineer",
        "developers",
        "engineers",
        "consultant",
        "manager",
        "student",
        "engineer",
        "developer",
        "project manager",
        "senior consultant",
    ];
    let titles: Vec<Option<String>> = h
        .export
        .people
        .iter()
        .map(|p| p.position.as_deref().map(str::to_lowercase))
        .collect();
    let titled = titles.iter().flatten().count();
    let shared = titles
        .iter()
        .flatten()
        .filter(|t| generic.contains(&t.as_str()))
        .count();
    assert!(
        shared * 100 >= titled * 45,
        "{shared} of {titled} titles generic"
    );
    // every generic title spans many groups
    for t in ["software engineer", "consultant", "developers", "manager"] {
        let groups: BTreeSet<u32> = titles
            .iter()
            .zip(&h.truth)
            .filter(|(tt, _)| tt.as_deref() == Some(t))
            .map(|(_, g)| *g)
            .collect();
        assert!(groups.len() >= 8, "{t} in {} groups", groups.len());
    }
}

#[test]
fn sparse_fields_are_sparse() {
    let h = of(HardKind::SparseFields);
    let people = &h.export.people;
    let empty = people
        .iter()
        .filter(|p| placeholder_or_blank(p.company.as_deref()))
        .count();
    assert!(
        empty * 100 >= people.len() * 25,
        "{empty} of {} without a real company",
        people.len()
    );
    let placeholders = people
        .iter()
        .filter(|p| p.company.is_some() && placeholder_or_blank(p.company.as_deref()))
        .count();
    assert!(placeholders * 100 >= people.len() * 8, "{placeholders}");
    let untitled = people.iter().filter(|p| p.position.is_none()).count();
    assert!(untitled * 100 >= people.len() * 25, "{untitled} untitled");
    let hidden_rows = people.iter().filter(|p| hidden(p)).count();
    assert!(hidden_rows >= 8, "{hidden_rows} hidden members");
    // the other LinkedIn kinds have placeholders and hidden members too, fewer
    for kind in [HardKind::Burst, HardKind::DominantEmployer] {
        let e = &of(kind).export;
        assert!(e.people.iter().any(hidden));
        assert!(e
            .people
            .iter()
            .any(|p| p.company.is_some() && placeholder_or_blank(p.company.as_deref())));
    }
}

#[test]
fn facebook_like_is_names_and_dates_in_overlapping_cohorts() {
    let h = of(HardKind::FacebookLike);
    let e = &h.export;
    assert_eq!(e.kind, ExportKind::Facebook);
    assert!(e.messages.is_empty() && e.positions.is_empty());
    for p in &e.people {
        assert!(p.company.is_none() && p.position.is_none(), "{p:?}");
        assert!(p.profile_url.is_none() && p.email.is_none());
        assert!(!p.first_name.is_empty() && p.connected_on.is_some());
    }
    let heavy = e
        .people
        .iter()
        .filter_map(|p| p.connected_on)
        .filter(|d| (2008..=2011).contains(&d.year()))
        .count();
    assert!(heavy * 100 >= e.people.len() * 50, "{heavy} in 2008-2011");
    // the two largest cohorts overlap in time (10th to 90th percentile of their dates)
    let mut by_size: Vec<(u32, usize)> = sizes(h).into_iter().collect();
    by_size.sort_by_key(|(g, n)| (std::cmp::Reverse(*n), *g));
    let range = |g: u32| {
        let mut d: Vec<Date> = h
            .truth
            .iter()
            .zip(&e.people)
            .filter(|(t, _)| **t == g)
            .filter_map(|(_, p)| p.connected_on)
            .collect();
        d.sort_unstable();
        (d[d.len() / 10], d[d.len() * 9 / 10])
    };
    let (a, b) = (range(by_size[0].0), range(by_size[1].0));
    assert!(a.0 <= b.1 && b.0 <= a.1, "{a:?} and {b:?} do not overlap");
}

#[test]
fn names_and_companies_are_international() {
    let arabic = |s: &str| s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    let hebrew = |s: &str| s.chars().any(|c| ('\u{0590}'..='\u{05FF}').contains(&c));
    let emoji = |s: &str| s.chars().any(|c| c as u32 >= 0x1F300);
    let all: Vec<&Person> = standard().iter().flat_map(|h| &h.export.people).collect();
    let companies: Vec<&str> = all.iter().filter_map(|p| p.company.as_deref()).collect();
    assert!(companies.iter().any(|c| arabic(c)), "an Arabic company");
    assert!(companies.iter().any(|c| hebrew(c)), "a Hebrew company");
    assert!(
        all.iter().any(|p| arabic(&p.display_name())),
        "an Arabic name"
    );
    assert!(
        all.iter().any(|p| emoji(&p.first_name)),
        "an emoji in a name"
    );
    let accented = all
        .iter()
        .filter(|p| !hidden(p) && !p.display_name().is_ascii())
        .count();
    assert!(accented * 10 >= all.len(), "{accented} names not ASCII");
    // a few, not many, in right-to-left script
    let rtl = all.iter().filter(|p| arabic(&p.display_name())).count();
    assert!(rtl * 20 < all.len(), "{rtl} Arabic names");
}

#[test]
fn group_conversations_stay_mostly_inside_groups() {
    for kind in [
        HardKind::Burst,
        HardKind::DominantEmployer,
        HardKind::GenericRoles,
    ] {
        let h = of(kind);
        let member: BTreeMap<String, (u32, Option<u32>)> = h
            .export
            .people
            .iter()
            .zip(h.truth.iter().zip(&h.also))
            .filter(|(p, _)| p.profile_url.is_some())
            .map(|(p, (&t, &a))| (p.identity_key(), (t, a)))
            .collect();
        let mut by_conversation: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for m in &h.export.messages {
            let entry = by_conversation
                .entry(m.conversation_id.as_str())
                .or_default();
            for url in m.from_url.iter().chain(&m.to_urls) {
                let key = Person {
                    profile_url: Some(url.clone()),
                    ..Person::default()
                }
                .identity_key();
                if member.contains_key(&key) {
                    entry.insert(key);
                }
            }
        }
        let groups: Vec<&BTreeSet<String>> =
            by_conversation.values().filter(|v| v.len() >= 2).collect();
        let inside = groups
            .iter()
            .filter(|who| {
                let sets: Vec<(u32, Option<u32>)> = who.iter().map(|k| member[k]).collect();
                let (t0, a0) = sets[0];
                [Some(t0), a0]
                    .into_iter()
                    .flatten()
                    .any(|g| sets.iter().all(|&(t, a)| t == g || a == Some(g)))
            })
            .count();
        assert!(
            groups.len() >= 15,
            "{}: {} group conversations",
            h.name,
            groups.len()
        );
        assert!(
            inside * 100 >= groups.len() * 75,
            "{}: {inside} of {} inside one group",
            h.name,
            groups.len()
        );
        assert!(inside < groups.len(), "{}: some chats mix groups", h.name);
    }
}

#[test]
fn connections_csv_reads_back_with_the_importer() {
    for h in standard().iter().filter(|h| !h.thin) {
        let bytes = connections_csv(&h.export);
        let text = String::from_utf8(bytes.clone()).expect("UTF-8");
        assert!(text.starts_with("Notes:\n"), "{}", h.name);
        assert!(text
            .lines()
            .any(|l| l == "First Name,Last Name,URL,Email Address,Company,Position,Connected On"));
        assert!(
            text.lines().nth(4).is_some_and(|l| {
                let date = l.rsplit(',').next().unwrap_or("");
                date.len() == 11 && date.as_bytes()[2] == b' ' && date.as_bytes()[6] == b' '
            }),
            "dates like 16 Sep 2021"
        );
        let out = import("Connections.csv", bytes);
        let hidden_rows = h.export.people.iter().filter(|p| hidden(p)).count();
        // the importer counts hidden members (only a date) apart from people, skips nothing
        let skipped: usize = out.report.lines.iter().map(|l| l.skipped.len()).sum();
        assert_eq!(skipped, 0, "{}", h.name);
        let counted: usize = out.report.lines.iter().map(|l| l.hidden_members).sum();
        assert_eq!(counted, hidden_rows, "{}", h.name);
        let read = personal(out);
        assert_eq!(read.kind, ExportKind::LinkedIn);
        let visible = h.without_hidden();
        assert_eq!(
            visible.export.people.len() + hidden_rows,
            h.export.people.len()
        );
        assert_eq!(visible.truth.len(), visible.export.people.len());
        assert!(visible.export.people.iter().all(|p| !hidden(p)));
        assert_eq!(read.people.len(), visible.export.people.len(), "{}", h.name);
        // same names, companies, titles, dates, URLs, e-mails, in the same order; a company
        // or title typed as a placeholder ("NA", "-") reads as none
        let blank = |f: &Option<String>| f.clone().filter(|v| !is_placeholder(v));
        let expected: Vec<Person> = visible
            .export
            .people
            .iter()
            .map(|p| Person {
                company: blank(&p.company),
                position: blank(&p.position),
                ..p.clone()
            })
            .collect();
        assert_eq!(read.people, expected, "{}", h.name);
    }
}

#[test]
fn facebook_json_reads_back_with_the_importer() {
    let h = of(HardKind::FacebookLike);
    let bytes = facebook_friends_json(&h.export);
    assert!(bytes.is_ascii(), "Facebook escapes every non-ASCII byte");
    let text = String::from_utf8(bytes.clone()).expect("ASCII");
    assert!(text.starts_with("{\n  \"friends_v2\": [\n    {\n      \"name\": "));
    assert!(
        text.contains("\\u00c3"),
        "accents written as escaped UTF-8 bytes"
    );
    let read = personal(import("your_friends.json", bytes));
    assert_eq!(read.kind, ExportKind::Facebook);
    assert_eq!(read.people.len(), h.export.people.len());
    assert_eq!(read.people, h.export.people, "names and friend-since dates");
    assert_eq!(&h.without_hidden(), h, "Facebook has no hidden members");
    // a name is a friend's only identity: nearly all are distinct
    let names: BTreeSet<String> = h.export.people.iter().map(Person::display_name).collect();
    assert!(
        names.len() * 100 >= h.export.people.len() * 99,
        "{} names",
        names.len()
    );
    // a LinkedIn kind through the same writer keeps its dates and non-ASCII names
    let burst = of(HardKind::Burst);
    let read = personal(import(
        "your_friends.json",
        facebook_friends_json(&burst.export),
    ));
    let named: Vec<&Person> = burst.export.people.iter().filter(|p| !hidden(p)).collect();
    assert_eq!(read.people.len(), named.len());
    for (r, p) in read.people.iter().zip(&named) {
        assert_eq!(r.connected_on, p.connected_on);
        assert_eq!(r.display_name(), p.display_name());
        assert_eq!((r.company.as_deref(), r.position.as_deref()), (None, None));
    }
}

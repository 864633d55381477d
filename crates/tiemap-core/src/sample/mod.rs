//! The bundled sample network: a realistic, made-up LinkedIn export with known ground truth,
//! generated deterministically from a seed. No real person's data.
//!
//! The owner's career has chapters: a university, three employers, a conference circuit, an
//! open-source community, recruiters who come and go, and a few strangers. Each connection
//! belongs to one chapter (the ground truth). As in life:
//! - connection dates cluster around joining dates, farewells, graduations and events;
//! - most ex-colleagues have moved to other companies by the time of the export;
//! - titles drift with seniority (Engineer, Senior Engineer, Staff Engineer);
//! - group conversations happen inside chapters (messages with several recipients);
//! - fields are dirty: "Globex", "Globex Inc.", "GLOBEX Corp"; blank companies and titles;
//!   emoji in names; the same name on different people; profile URLs written several ways.

mod fingerprint;
pub mod hard;
mod planted;

pub use fingerprint::seeded_fingerprint;
pub use planted::{planted_partition, PlantedGraph};

use crate::export::csv::write_rows;
use crate::model::{Date, Message, OwnPosition, Person, PersonalExport, Profile, Timestamp};
use crate::rng::Rng;

/// What kind of chapter: decides how its people were met and where they are now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChapterKind {
    /// Met at school: around the first term and graduation.
    School,
    /// Colleagues at one of the owner's employers: mostly in the first months of the job.
    Employer,
    /// Met at conferences: in bursts of a few days.
    Events,
    /// An open-source community: meetups and releases, and steadily in between.
    Community,
    /// Recruiters: any time, more when the owner changes jobs.
    Recruiters,
    /// People with nothing in common: any time, anywhere.
    Strangers,
}

/// One chapter of the owner's career: the ground-truth group of the people met in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Chapter {
    pub name: &'static str,
    /// The employer (or school) of this chapter, if it is one.
    pub company: Option<&'static str>,
    pub start: Date,
    pub end: Date,
    /// Titles people met in this chapter tend to have (at the level they had then).
    pub titles: &'static [&'static str],
    /// Relative share of connections from this chapter.
    pub share: f64,
    /// Probability a person from this chapter still works at `company`.
    pub stay: f64,
    pub kind: ChapterKind,
}

/// A generated export with its ground truth.
#[derive(Clone, Debug, PartialEq)]
pub struct SampleExport {
    pub export: PersonalExport,
    pub chapters: Vec<Chapter>,
    /// For each person in `export.people`, the index of their chapter in `chapters`.
    pub truth: Vec<u32>,
}

/// The day the sample export was taken.
pub fn export_day() -> Date {
    ymd(2026, 10, 1)
}

/// The sample owner's profile URL (it appears in messages, never among the people).
pub const OWNER_URL: &str = "https://www.linkedin.com/in/sam-rivera-owner";

const FIRST: &[&str] = &[
    "Ana", "Bruno", "Chen", "Dana", "Elif", "Farah", "Goran", "Hana", "Ivan", "Jade", "Kofi",
    "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor",
    "Wen", "Ximena", "Yusuf", "Zoe", "Aiko", "Ben", "Carla", "Dmitri", "Esther", "Femi", "Greta",
    "Hugo", "Ines", "Jonas", "Kira", "Luis", "Maya", "Nikhil", "Olga", "Pablo", "Rania", "Sofia",
    "Theo", "Valeria", "Wei", "Yara", "José", "Zoë", "Søren", "Łukasz", "Anaïs", "Çağla",
];
const LAST: &[&str] = &[
    "Abara",
    "Berg",
    "Castro",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Umarov",
    "Varga",
    "Wright",
    "Xu",
    "Yilmaz",
    "Zhang",
    "Almeida",
    "Brennan",
    "Costa",
    "Demir",
    "Novak",
    "Singh",
    "Kim",
    "Lopez",
    "Mensah",
    "Olsen",
    "Park",
    "Reyes",
    "Sato",
    "Weber",
    "Müller",
    "O'Brien",
    "García-López",
];
/// Symbols people put in their names and titles, each one the fonts a page can count on
/// draw (DejaVu Sans, the fallback of a Linux without an emoji font, has every one; Windows,
/// macOS and Android draw them in colour). Emoji only an emoji font has (✨ U+2728, 🚀, 🌱,
/// 🎧, 🧗, flags, 🏳️‍🌈) came out as an empty box ("Lena ▯ Varga") where there is none, as in
/// the headless Chromium the pictures and tests are made with. Two are outside the Basic
/// Multilingual Plane (two UTF-16 units each), as most emoji are.
const EMOJI: &[&str] = &["😀", "🐱", "★", "♫", "✈", "☕", "⚡", "😊"];
/// Where people who left a chapter's company went, and where people from events work.
const ELSEWHERE: &[&str] = &[
    "Vandelay Industries",
    "Soylent Corp",
    "Pied Piper",
    "Wonka Labs",
    "Tyrell Systems",
    "Massive Dynamic",
    "Oscorp Health",
    "Cyberdyne Analytics",
    "Aperture Science",
    "Blue Sun Logistics",
    "Gringotts Bank",
    "Monarch Solutions",
    "Nakatomi Trading",
    "Sirius Cybernetics",
    "Dunder Mifflin",
    "Stark Industries",
    "Wayne Enterprises",
    "Umbrella Biotech",
    "Prestige Worldwide",
    "Bluth Company",
    "Hooli",
    "Globex",
    "Initech",
];
const AGENCIES: &[&str] = &[
    "Hays",
    "Michael Page",
    "Robert Walters",
    "Talentia Search",
    "Harvey Nash",
];
const SELF: &[&str] = &["Freelance", "Self-employed", "Independent Consultant"];
const STARTUP_WORDS: &[&str] = &[
    "Quanta", "Lumen", "Orbit", "Kestrel", "Fathom", "Ember", "Tessel", "Nimbus", "Vireo",
    "Halcyon", "Cobalt", "Juniper",
];
const COMPANY_STEMS: &[&str] = &[
    "Bright", "North", "Blue", "Iron", "Silver", "Green", "Red", "Clear", "Deep", "Swift", "Open",
    "True",
];
const COMPANY_TAILS: &[&str] = &[
    "field", "wave", "stone", "path", "bridge", "point", "works", "light", "gate", "line", "scale",
    "forge",
];
const COMPANY_KINDS: &[&str] = &["", " Labs", " Health", " Capital", " Software", " Media"];
const STRANGER_TITLES: &[&str] = &[
    "Account Executive",
    "Nurse",
    "Teacher",
    "Sales Manager",
    "Photographer",
    "Real Estate Agent",
    "Marketing Specialist",
    "Financial Advisor",
    "Architect",
    "Chef",
];

fn ymd(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd(y, m, d).unwrap_or(Date::from_days_since_epoch(0))
}

/// The chapters of the sample owner's career.
pub fn chapters() -> Vec<Chapter> {
    vec![
        Chapter {
            name: "University",
            company: Some("Northfield University"),
            start: ymd(2008, 9, 1),
            end: ymd(2012, 6, 30),
            titles: &[
                "Software Engineer",
                "PhD Candidate",
                "Research Assistant",
                "Data Scientist",
                "Product Manager",
            ],
            share: 0.11,
            stay: 0.08,
            kind: ChapterKind::School,
        },
        Chapter {
            name: "Initech",
            company: Some("Initech"),
            start: ymd(2012, 7, 1),
            end: ymd(2015, 8, 31),
            titles: &[
                "Software Engineer",
                "QA Engineer",
                "Engineering Manager",
                "Business Analyst",
                "Support Engineer",
            ],
            share: 0.16,
            stay: 0.2,
            kind: ChapterKind::Employer,
        },
        Chapter {
            name: "Globex",
            company: Some("Globex"),
            start: ymd(2015, 9, 1),
            end: ymd(2019, 10, 31),
            titles: &[
                "Software Engineer",
                "Product Designer",
                "Product Manager",
                "Data Engineer",
                "Engineering Manager",
            ],
            share: 0.2,
            stay: 0.3,
            kind: ChapterKind::Employer,
        },
        Chapter {
            name: "Hooli",
            company: Some("Hooli"),
            start: ymd(2019, 11, 1),
            end: export_day(),
            titles: &[
                "Software Engineer",
                "Product Manager",
                "UX Researcher",
                "Engineering Director",
                "Site Reliability Engineer",
            ],
            share: 0.22,
            stay: 0.7,
            kind: ChapterKind::Employer,
        },
        Chapter {
            name: "Conferences",
            company: None,
            start: ymd(2014, 1, 1),
            end: export_day(),
            titles: &[
                "Developer Advocate",
                "Founder",
                "CTO",
                "Speaker and Consultant",
                "Principal Engineer",
            ],
            share: 0.09,
            stay: 0.0,
            kind: ChapterKind::Events,
        },
        Chapter {
            name: "Open source",
            company: None,
            start: ymd(2016, 1, 1),
            end: export_day(),
            titles: &[
                "Maintainer",
                "Open Source Engineer",
                "Rust Developer",
                "Compiler Engineer",
            ],
            share: 0.08,
            stay: 0.0,
            kind: ChapterKind::Community,
        },
        Chapter {
            name: "Recruiters",
            company: None,
            start: ymd(2013, 1, 1),
            end: export_day(),
            titles: &[
                "Technical Recruiter",
                "Talent Acquisition Partner",
                "Recruiter",
                "Executive Search Consultant",
            ],
            share: 0.08,
            stay: 0.0,
            kind: ChapterKind::Recruiters,
        },
        Chapter {
            name: "Strangers",
            company: None,
            start: ymd(2010, 1, 1),
            end: export_day(),
            titles: STRANGER_TITLES,
            share: 0.03,
            stay: 0.0,
            kind: ChapterKind::Strangers,
        },
    ]
}

/// Somewhere else to work: a big, well-known employer a third of the time, otherwise one of
/// many small ones (as in life, where most employers in a network appear once or twice).
fn elsewhere(rng: &mut Rng) -> String {
    if rng.chance(0.35) {
        return rng
            .pick(ELSEWHERE)
            .copied()
            .unwrap_or("Freelance")
            .to_string();
    }
    let stem = rng.pick(COMPANY_STEMS).copied().unwrap_or("Blue");
    let tail = rng.pick(COMPANY_TAILS).copied().unwrap_or("wave");
    let kind = rng.pick(COMPANY_KINDS).copied().unwrap_or("");
    format!("{stem}{tail}{kind}")
}

/// A uniformly drawn day in `[start, end]`.
fn day_between(rng: &mut Rng, start: Date, end: Date) -> Date {
    start.add_days(rng.below(start.days_until(end).max(1) as usize) as i32)
}

/// A company name as people type it: mostly as is, sometimes with a legal suffix, in capitals,
/// in lower case or with a bracketed aside.
fn misspell(rng: &mut Rng, company: &str) -> String {
    if !rng.chance(0.3) {
        return company.to_string();
    }
    match rng.below(7) {
        0 => format!("{company} Inc."),
        1 => format!("{} Corp", company.to_uppercase()),
        2 => format!("{company}, Inc"),
        3 => company.to_lowercase(),
        4 => format!("{company} GmbH"),
        5 => format!("{company} Ltd"),
        _ => format!("{company} (EMEA)"),
    }
}

/// The title someone has `years` after the owner met them, grown from `base`.
fn grown_title(rng: &mut Rng, base: &str, years: f64) -> String {
    let growable = !base.starts_with("Senior")
        && !base.starts_with("Principal")
        && (base.ends_with("Engineer")
            || base.ends_with("Developer")
            || base.ends_with("Designer")
            || base.ends_with("Scientist")
            || base.ends_with("Researcher")
            || base.ends_with("Analyst")
            || base.ends_with("Manager")
            || base.ends_with("Recruiter"));
    if !growable {
        return base.to_string();
    }
    let level = if years > 7.0 && rng.chance(0.6) {
        2
    } else if years > 3.0 && rng.chance(0.6) {
        1
    } else {
        0
    };
    match level {
        2 => {
            let prefix = ["Staff", "Lead", "Principal", "Head of"][rng.below(4)];
            if prefix == "Head of" {
                let field = base.rsplit_once(' ').map(|(f, _)| f).unwrap_or(base);
                format!("Head of {field}")
            } else {
                format!("{prefix} {base}")
            }
        }
        1 => match rng.below(5) {
            0 => format!("Sr. {base}"),
            1 => format!("{base} II"),
            _ => format!("Senior {base}"),
        },
        _ => base.to_string(),
    }
}

/// A profile URL written one of the ways exports and messages write it.
fn url_variant(rng: &mut Rng, url: &str) -> String {
    match rng.below(6) {
        0 => format!("{url}/"),
        1 => url.replacen("https://www.", "http://", 1),
        2 => format!("{url}?trk=people"),
        _ => url.to_string(),
    }
}

/// A sample LinkedIn export of `people` connections, fixed by `seed`.
pub fn linkedin_sample(people: usize, seed: u64) -> SampleExport {
    let chapters = chapters();
    let mut rng = Rng::new(seed);
    let total_share: f64 = chapters.iter().map(|c| c.share).sum();
    let today = export_day();
    let mut export = PersonalExport {
        owner: Some(Profile {
            first_name: "Sam".into(),
            last_name: "Rivera".into(),
            headline: Some("Engineering leader".into()),
            industry: Some("Software Development".into()),
        }),
        ..PersonalExport::default()
    };
    let owner_titles = [
        "Software Engineer",
        "Senior Software Engineer",
        "Engineering Manager",
    ];
    export.positions = chapters
        .iter()
        .filter(|c| c.kind == ChapterKind::Employer)
        .zip(owner_titles)
        .map(|(c, title)| OwnPosition {
            company: c.company.unwrap_or_default().to_string(),
            title: Some(title.to_string()),
            started_on: Some(c.start),
            finished_on: (c.end < today).then_some(c.end),
        })
        .collect();
    // events and community meetups: a few days each
    let bursts: Vec<Vec<Date>> = chapters
        .iter()
        .map(|c| {
            let count = match c.kind {
                ChapterKind::Events => 2 * (c.start.days_until(c.end) / 365).max(1) as usize,
                ChapterKind::Community => 10,
                _ => 0,
            };
            let mut days: Vec<Date> = (0..count)
                .map(|_| day_between(&mut rng, c.start, c.end))
                .collect();
            days.sort_unstable();
            days
        })
        .collect();
    // the owner's job changes, when recruiters call most
    let job_changes: Vec<Date> = chapters
        .iter()
        .filter(|c| c.kind == ChapterKind::Employer)
        .map(|c| c.start)
        .collect();
    // alumni flows: people who leave an employer (or school) follow each other to a few places
    let destinations: Vec<Vec<String>> = chapters
        .iter()
        .map(|_| (0..3).map(|_| elsewhere(&mut rng)).collect())
        .collect();
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); chapters.len()];
    let mut truth = Vec::with_capacity(people);
    export.people.reserve(people);
    for i in 0..people {
        let mut pick = rng.next_f64() * total_share;
        let mut chapter = chapters.len() - 1;
        for (ci, c) in chapters.iter().enumerate() {
            if pick < c.share {
                chapter = ci;
                break;
            }
            pick -= c.share;
        }
        let c = &chapters[chapter];
        // 1) when they were met
        let roll = rng.next_f64();
        let met = match c.kind {
            ChapterKind::School if roll < 0.4 => {
                c.start.add_days((rng.next_f64().powi(2) * 90.0) as i32)
            }
            ChapterKind::School if roll < 0.7 => {
                c.end.add_days(rng.range_inclusive(-30, 60) as i32)
            }
            ChapterKind::Employer if roll < 0.55 => {
                c.start.add_days((rng.next_f64().powi(2) * 120.0) as i32)
            }
            ChapterKind::Employer if roll < 0.65 && c.end < today => {
                c.end.add_days(rng.range_inclusive(-20, 30) as i32)
            }
            ChapterKind::Events if roll < 0.85 => {
                let b = rng.pick(&bursts[chapter]).copied().unwrap_or(c.start);
                b.add_days(rng.below(5) as i32)
            }
            ChapterKind::Community if roll < 0.6 => {
                let b = rng.pick(&bursts[chapter]).copied().unwrap_or(c.start);
                b.add_days(rng.below(4) as i32)
            }
            ChapterKind::Recruiters if roll < 0.3 => {
                let change = rng.pick(&job_changes).copied().unwrap_or(c.start);
                change.add_days(rng.range_inclusive(-60, 20) as i32)
            }
            _ => day_between(&mut rng, c.start, c.end),
        };
        let met = met.min(today);
        let years = met.days_until(today) as f64 / 365.25;
        // 2) where they are now
        let company: Option<String> = if rng.chance(0.06) {
            None
        } else {
            let name: String = match (c.kind, c.company) {
                (ChapterKind::Employer | ChapterKind::School, Some(own)) if rng.chance(c.stay) => {
                    own.to_string()
                }
                (ChapterKind::Employer | ChapterKind::School, _) if rng.chance(0.4) => rng
                    .pick(&destinations[chapter])
                    .cloned()
                    .unwrap_or_default(),
                (ChapterKind::Community, _) if rng.chance(0.2) => {
                    rng.pick(SELF).copied().unwrap_or("Freelance").to_string()
                }
                (ChapterKind::Recruiters, _) if rng.chance(0.5) => {
                    rng.pick(AGENCIES).copied().unwrap_or("Hays").to_string()
                }
                (ChapterKind::Events, _) if rng.chance(0.25) => {
                    let w = rng.pick(STARTUP_WORDS).copied().unwrap_or("Quanta");
                    format!(
                        "{w} {}",
                        ["Labs", "AI", "Robotics", "Systems"][rng.below(4)]
                    )
                }
                _ => elsewhere(&mut rng),
            };
            Some(misspell(&mut rng, &name))
        };
        // 3) what they do now
        let position = if rng.chance(0.04) {
            None
        } else {
            let base = rng.pick(c.titles).copied().unwrap_or("Engineer");
            let mut t = grown_title(&mut rng, base, years);
            if rng.chance(0.01) {
                t.push(' ');
                t.push_str(rng.pick(EMOJI).copied().unwrap_or("★"));
            }
            Some(t)
        };
        // 4) who they are
        let first = rng.pick(FIRST).copied().unwrap_or("Alex");
        let last = rng.pick(LAST).copied().unwrap_or("Doe");
        let first_name = if rng.chance(0.02) {
            format!("{first} {}", rng.pick(EMOJI).copied().unwrap_or("★"))
        } else {
            first.to_string()
        };
        let slug: String = format!("{first}-{last}")
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        export.people.push(Person {
            first_name,
            last_name: last.to_string(),
            profile_url: Some(format!(
                "https://www.linkedin.com/in/{slug}-{:x}",
                (seed.wrapping_mul(31).wrapping_add(i as u64)) % 0xfffff
            )),
            email: None,
            company,
            position,
            connected_on: Some(met),
            labels: Vec::new(),
            ..Person::default()
        });
        truth.push(chapter as u32);
        members[chapter].push(i as u32);
    }
    export.messages = conversations(&mut rng, &export.people, &chapters, &members);
    SampleExport {
        export,
        chapters,
        truth,
    }
}

/// Group conversations inside chapters (a few people and the owner), and some one-to-one
/// conversations that say nothing about ties among people.
fn conversations(
    rng: &mut Rng,
    people: &[Person],
    chapters: &[Chapter],
    members: &[Vec<u32>],
) -> Vec<Message> {
    let today = export_day();
    let talkative: Vec<usize> = (0..chapters.len())
        .filter(|&c| {
            matches!(
                chapters[c].kind,
                ChapterKind::School
                    | ChapterKind::Employer
                    | ChapterKind::Events
                    | ChapterKind::Community
            ) && members[c].len() >= 2
        })
        .collect();
    let talkers: usize = talkative.iter().map(|&c| members[c].len()).sum();
    let url_of = |p: &Person| p.profile_url.clone().unwrap_or_default();
    let mut messages = Vec::new();
    if talkers == 0 {
        return messages;
    }
    let groups = people.len() / 12;
    let singles = people.len() / 20;
    for g in 0..groups + singles {
        let one_to_one = g >= groups;
        // a chapter, in proportion to its size
        let mut pick = rng.below(talkers);
        let mut chapter = talkative[0];
        for &c in &talkative {
            if pick < members[c].len() {
                chapter = c;
                break;
            }
            pick -= members[c].len();
        }
        let pool = &members[chapter];
        let size = if one_to_one {
            1
        } else {
            2 + rng.below(4).min(pool.len() - 2)
        };
        let mut who: Vec<u32> = Vec::with_capacity(size);
        while who.len() < size {
            let p = pool[rng.below(pool.len())];
            if !who.contains(&p) {
                who.push(p);
            }
        }
        let started = who
            .iter()
            .filter_map(|&p| people[p as usize].connected_on)
            .max()
            .unwrap_or(chapters[chapter].start)
            .add_days(rng.below(90) as i32)
            .min(today);
        let id = format!("2-{:016x}", rng.next_u64());
        let title = (!one_to_one && rng.chance(0.5)).then(|| {
            format!(
                "{} {}",
                chapters[chapter].name,
                ["crew", "alumni", "lunch", "planning"][rng.below(4)]
            )
        });
        for m in 0..1 + rng.below(4) {
            // sender: the owner (None) or one of the people
            let sender = if rng.chance(0.4) {
                None
            } else {
                Some(who[rng.below(who.len())])
            };
            let (from_name, from_url) = match sender {
                None => ("Sam Rivera".to_string(), OWNER_URL.to_string()),
                Some(p) => (
                    people[p as usize].display_name(),
                    url_of(&people[p as usize]),
                ),
            };
            let mut to_names = Vec::new();
            let mut to_urls = Vec::new();
            if sender.is_some() {
                to_names.push("Sam Rivera".to_string());
                to_urls.push(OWNER_URL.to_string());
            }
            for &p in &who {
                if Some(p) != sender {
                    to_names.push(people[p as usize].display_name());
                    to_urls.push(url_variant(rng, &url_of(&people[p as usize])));
                }
            }
            let sent_on = started.add_days(m as i32 * rng.below(3) as i32).min(today);
            messages.push(Message {
                conversation_id: id.clone(),
                conversation_title: title.clone(),
                from_name,
                from_url: Some(url_variant(rng, &from_url)),
                to_names,
                to_urls,
                sent_at: Timestamp::from_date_hms(sent_on, 9 + rng.below(10) as u32, 0, 0),
                subject: None,
                folder: Some("INBOX".to_string()),
                direction: None,
            });
        }
    }
    messages
}

/// Writes people as a current-generation LinkedIn `Connections.csv` (with the `Notes:` preamble).
pub fn connections_csv(people: &[Person]) -> String {
    let mut out = String::from(
        "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n",
    );
    let header = [
        "First Name",
        "Last Name",
        "URL",
        "Email Address",
        "Company",
        "Position",
        "Connected On",
    ]
    .map(String::from);
    let rows = people.iter().map(|p| {
        let date = p
            .connected_on
            .map(|d| {
                let (y, m, day) = d.ymd();
                format!("{day:02} {} {y}", Date::month_abbreviation(m))
            })
            .unwrap_or_default();
        [
            p.first_name.clone(),
            p.last_name.clone(),
            p.profile_url.clone().unwrap_or_default(),
            p.email.clone().unwrap_or_default(),
            p.company.clone().unwrap_or_default(),
            p.position.clone().unwrap_or_default(),
            date,
        ]
    });
    out.push_str(&write_rows(
        std::iter::once(header).chain(rows),
        csv::Terminator::Any(b'\n'),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import_files, Imported, InputFile, Limits};

    #[test]
    fn deterministic_and_sized() {
        let a = linkedin_sample(300, 1);
        assert_eq!(a.export.people.len(), 300);
        assert_eq!(a.truth.len(), 300);
        assert_eq!(a, linkedin_sample(300, 1));
        assert_ne!(a.export.people, linkedin_sample(300, 2).export.people);
        // every chapter is represented
        for c in 0..a.chapters.len() as u32 {
            assert!(a.truth.contains(&c), "chapter {c} empty");
        }
    }

    #[test]
    fn fields_are_as_dirty_as_real_exports() {
        let s = linkedin_sample(3000, 4);
        let people = &s.export.people;
        // several spellings of one employer
        let mut globex: Vec<&str> = people
            .iter()
            .filter_map(|p| p.company.as_deref())
            .filter(|c| crate::infer::normalize_company(c).as_deref() == Some("globex"))
            .collect();
        globex.sort_unstable();
        globex.dedup();
        assert!(globex.len() >= 4, "{globex:?}");
        // blanks, emoji, repeated names on different people
        assert!(people.iter().any(|p| p.company.is_none()));
        assert!(people.iter().any(|p| p.position.is_none()));
        assert!(people.iter().any(|p| !p.first_name.is_ascii()));
        let mut names: Vec<String> = people.iter().map(|p| p.display_name()).collect();
        names.sort_unstable();
        let repeats = names.windows(2).filter(|w| w[0] == w[1]).count();
        assert!(repeats > 100, "{repeats} repeated names");
        let mut urls: Vec<String> = people.iter().map(|p| p.identity_key()).collect();
        urls.sort_unstable();
        urls.dedup();
        assert_eq!(urls.len(), people.len(), "every person has their own URL");
    }

    #[test]
    fn ex_colleagues_moved_on_and_grew() {
        let s = linkedin_sample(3000, 8);
        let chapter = |name: &str| s.chapters.iter().position(|c| c.name == name).unwrap_or(0);
        let of = |c: usize| {
            s.export
                .people
                .iter()
                .zip(&s.truth)
                .filter(move |(_, &t)| t as usize == c)
                .map(|(p, _)| p)
        };
        let still = |name: &str| {
            let c = chapter(name);
            let key = s.chapters[c]
                .company
                .and_then(crate::infer::normalize_company);
            let all = of(c).count() as f64;
            let stayed = of(c)
                .filter(|p| {
                    p.company
                        .as_deref()
                        .and_then(crate::infer::normalize_company)
                        == key
                })
                .count() as f64;
            stayed / all
        };
        assert!(still("Initech") < 0.35, "Initech {}", still("Initech"));
        assert!(still("Globex") < 0.45, "Globex {}", still("Globex"));
        assert!(still("Hooli") > 0.5, "Hooli {}", still("Hooli"));
        // titles drift: people met long ago are often senior now
        let initech = chapter("Initech");
        let senior = of(initech)
            .filter_map(|p| p.position.as_deref())
            .filter(|t| {
                ["Senior", "Sr.", "Staff", "Lead", "Principal", "Head", " II"]
                    .iter()
                    .any(|w| t.contains(w))
            })
            .count();
        assert!(senior * 3 > of(initech).count(), "{senior} senior");
        // connections cluster at the start of a job
        let globex = &s.chapters[chapter("Globex")];
        let early = of(chapter("Globex"))
            .filter_map(|p| p.connected_on)
            .filter(|d| globex.start.days_until(*d) < 120)
            .count();
        assert!(early * 2 > of(chapter("Globex")).count());
    }

    #[test]
    fn conversations_happen_inside_chapters() {
        let s = linkedin_sample(1200, 6);
        let key_to_chapter: std::collections::HashMap<String, u32> = s
            .export
            .people
            .iter()
            .zip(&s.truth)
            .map(|(p, &t)| (p.identity_key(), t))
            .collect();
        // per conversation: (person, chapter) of every matched participant
        let mut by_conversation: std::collections::BTreeMap<&str, Vec<(String, u32)>> =
            Default::default();
        for m in &s.export.messages {
            let entry = by_conversation
                .entry(m.conversation_id.as_str())
                .or_default();
            for url in m.from_url.iter().chain(&m.to_urls) {
                let key = Person {
                    profile_url: Some(url.clone()),
                    ..Person::default()
                }
                .identity_key();
                if let Some(&c) = key_to_chapter.get(&key) {
                    entry.push((key, c));
                }
            }
        }
        let groups: Vec<&Vec<(String, u32)>> = by_conversation
            .values()
            .filter(|v| {
                let mut people: Vec<&str> = v.iter().map(|(k, _)| k.as_str()).collect();
                people.sort_unstable();
                people.dedup();
                people.len() >= 2
            })
            .collect();
        assert!(
            groups.len() >= 1200 / 12 / 2,
            "{} group conversations",
            groups.len()
        );
        assert!(groups.iter().all(|v| v.iter().all(|(_, c)| *c == v[0].1)));
        assert!(
            by_conversation.len() > groups.len(),
            "one-to-one conversations too"
        );
        assert_eq!(s.export.positions.len(), 3);
        assert!(s.export.positions.iter().any(|p| p.finished_on.is_none()));
    }

    #[test]
    fn csv_round_trips_through_the_importer() {
        let s = linkedin_sample(200, 5);
        let csv = connections_csv(&s.export.people);
        let out = import_files(
            &[InputFile {
                name: "Connections.csv".into(),
                bytes: csv.into_bytes(),
            }],
            &Limits::default(),
        )
        .expect("reads back");
        let Imported::Personal(e) = out.data else {
            panic!("personal")
        };
        assert_eq!(e.people, s.export.people);
    }
}

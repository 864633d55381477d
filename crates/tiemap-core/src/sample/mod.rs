//! The bundled sample network: a realistic, made-up LinkedIn export, generated
//! deterministically from a seed. No real person's data.
//!
//! The owner's career has chapters (a university, several employers, a conference circuit,
//! an open-source community, recruiters). Each connection belongs to one chapter (the ground
//! truth), was connected around that chapter's time, and has since often moved on to another
//! company, as in life.

mod planted;

pub use planted::{planted_partition, PlantedGraph};

use crate::model::{Date, OwnPosition, Person, PersonalExport, Profile};
use crate::rng::Rng;

/// One chapter of the owner's career: the ground-truth group of the people met in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Chapter {
    pub name: &'static str,
    /// The employer (or school) of this chapter, if it is one.
    pub company: Option<&'static str>,
    pub start: Date,
    pub end: Date,
    /// Titles people met in this chapter tend to have.
    pub titles: &'static [&'static str],
    /// Relative share of connections from this chapter.
    pub share: f64,
    /// Probability a person from this chapter still works at `company`.
    pub stay: f64,
}

/// A generated export with its ground truth.
#[derive(Clone, Debug, PartialEq)]
pub struct SampleExport {
    pub export: PersonalExport,
    pub chapters: Vec<Chapter>,
    /// For each person in `export.people`, the index of their chapter in `chapters`.
    pub truth: Vec<u32>,
}

const FIRST: &[&str] = &[
    "Ana", "Bruno", "Chen", "Dana", "Elif", "Farah", "Goran", "Hana", "Ivan", "Jade", "Kofi",
    "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor",
    "Wen", "Ximena", "Yusuf", "Zoe", "Aiko", "Ben", "Carla", "Dmitri", "Esther", "Femi", "Greta",
    "Hugo", "Ines", "Jonas", "Kira", "Luis", "Maya", "Nikhil", "Olga", "Pablo", "Rania", "Sofia",
    "Theo", "Valeria", "Wei", "Yara",
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
];
/// Where people who left a chapter's company went.
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
    "Freelance",
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
            share: 0.12,
            stay: 0.1,
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
            share: 0.17,
            stay: 0.25,
        },
        Chapter {
            name: "Globex",
            company: Some("Globex"),
            start: ymd(2015, 9, 1),
            end: ymd(2019, 10, 31),
            titles: &[
                "Senior Software Engineer",
                "Product Designer",
                "Product Manager",
                "Data Engineer",
                "Engineering Manager",
            ],
            share: 0.22,
            stay: 0.35,
        },
        Chapter {
            name: "Hooli",
            company: Some("Hooli"),
            start: ymd(2019, 11, 1),
            end: ymd(2026, 10, 1),
            titles: &[
                "Staff Engineer",
                "Product Manager",
                "UX Researcher",
                "Engineering Director",
                "Site Reliability Engineer",
            ],
            share: 0.24,
            stay: 0.7,
        },
        Chapter {
            name: "Conferences",
            company: None,
            start: ymd(2014, 1, 1),
            end: ymd(2026, 10, 1),
            titles: &[
                "Developer Advocate",
                "Founder",
                "CTO",
                "Speaker and Consultant",
                "Principal Engineer",
            ],
            share: 0.1,
            stay: 0.0,
        },
        Chapter {
            name: "Open source",
            company: None,
            start: ymd(2016, 1, 1),
            end: ymd(2026, 10, 1),
            titles: &[
                "Maintainer",
                "Open Source Engineer",
                "Rust Developer",
                "Compiler Engineer",
            ],
            share: 0.08,
            stay: 0.0,
        },
        Chapter {
            name: "Recruiters",
            company: None,
            start: ymd(2013, 1, 1),
            end: ymd(2026, 10, 1),
            titles: &[
                "Technical Recruiter",
                "Talent Acquisition Partner",
                "Senior Recruiter",
                "Executive Search Consultant",
            ],
            share: 0.07,
            stay: 0.0,
        },
    ]
}

/// A sample LinkedIn export of `people` connections, fixed by `seed`.
pub fn linkedin_sample(people: usize, seed: u64) -> SampleExport {
    let chapters = chapters();
    let mut rng = Rng::new(seed);
    let total_share: f64 = chapters.iter().map(|c| c.share).sum();
    let mut export = PersonalExport {
        owner: Some(Profile {
            first_name: "Sam".into(),
            last_name: "Rivera".into(),
            headline: Some("Engineering leader".into()),
            industry: Some("Software Development".into()),
        }),
        ..PersonalExport::default()
    };
    export.positions = chapters
        .iter()
        .filter(|c| c.company.is_some() && c.name != "University")
        .map(|c| OwnPosition {
            company: c.company.unwrap_or_default().to_string(),
            title: Some("Software Engineer".to_string()),
            started_on: Some(c.start),
            finished_on: (c.end < ymd(2026, 1, 1)).then_some(c.end),
        })
        .collect();
    // Conference and open-source chapters meet people in bursts (events).
    let bursts: Vec<Vec<Date>> = chapters
        .iter()
        .map(|c| {
            let span = c.start.days_until(c.end).max(1);
            (0..8)
                .map(|_| c.start.add_days(rng.below(span as usize) as i32))
                .collect()
        })
        .collect();
    let mut truth = Vec::with_capacity(people);
    for i in 0..people {
        let mut pick = rng.next_f64() * total_share;
        let mut chapter = 0;
        for (ci, c) in chapters.iter().enumerate() {
            if pick < c.share {
                chapter = ci;
                break;
            }
            pick -= c.share;
        }
        let c = &chapters[chapter];
        // Most connections happen in the first months of a chapter, the rest spread over it.
        let connected_on = if c.company.is_some() && rng.chance(0.6) {
            c.start.add_days((rng.next_f64().powi(2) * 120.0) as i32)
        } else if c.company.is_none() && rng.chance(0.7) {
            let burst = bursts[chapter][rng.below(bursts[chapter].len())];
            burst.add_days(rng.below(4) as i32)
        } else {
            c.start
                .add_days(rng.below(c.start.days_until(c.end).max(1) as usize) as i32)
        };
        let company = match c.company {
            Some(company) if rng.chance(c.stay) => Some(company.to_string()),
            _ if rng.chance(0.06) => None,
            _ => rng.pick(ELSEWHERE).map(|s| s.to_string()),
        };
        let position = if rng.chance(0.04) {
            None
        } else {
            rng.pick(c.titles).map(|s| s.to_string())
        };
        let first = rng.pick(FIRST).copied().unwrap_or("Alex");
        let last = rng.pick(LAST).copied().unwrap_or("Doe");
        export.people.push(Person {
            first_name: first.to_string(),
            last_name: last.to_string(),
            profile_url: Some(format!(
                "https://www.linkedin.com/in/{}-{}-{:x}",
                first.to_lowercase(),
                last.to_lowercase(),
                (seed.wrapping_mul(31).wrapping_add(i as u64)) % 0xfffff
            )),
            email: None,
            company,
            position,
            connected_on: Some(connected_on.min(ymd(2026, 10, 1))),
            labels: Vec::new(),
        });
        truth.push(chapter as u32);
    }
    SampleExport {
        export,
        chapters,
        truth,
    }
}

/// Writes people as a current-generation LinkedIn `Connections.csv` (with the `Notes:` preamble).
pub fn connections_csv(people: &[Person]) -> String {
    let mut out = String::from(
        "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
    );
    for p in people {
        let date = p
            .connected_on
            .map(|d| {
                let (y, m, day) = d.ymd();
                format!("{day:02} {} {y}", Date::month_abbreviation(m))
            })
            .unwrap_or_default();
        let fields = [
            p.first_name.as_str(),
            p.last_name.as_str(),
            p.profile_url.as_deref().unwrap_or(""),
            p.email.as_deref().unwrap_or(""),
            p.company.as_deref().unwrap_or(""),
            p.position.as_deref().unwrap_or(""),
            date.as_str(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

fn csv_field(f: &str) -> String {
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_string()
    }
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

//! Missing chapters: the parts of the owner's career (Positions.csv) and schooling
//! (Education.csv) the map holds few or no people from.
//!
//! For each chapter: how long it lasted, how many people on the map work at that employer
//! now (company names compared as tie inference compares them,
//! [`normalize_company`](crate::infer::normalize_company)) and how many the owner connected
//! with while there. A chapter is *thin* when it lasted at least a year and at most
//! [`ChapterSettings::thin_max`] people work there now; it is *before LinkedIn* when it ended
//! before the owner's first connection. A school has *no classmates* when nobody on the map
//! works there and the owner connected with nobody during its years.

use crate::infer::normalize_company;
use crate::model::{Date, Network, PersonalExport};
use serde::{Deserialize, Serialize};

/// Thresholds of [`chapters`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChapterSettings {
    /// "Today" (the end of a current job).
    pub as_of: Date,
    /// A chapter with at most this many people working there now is thin. Default 3.
    pub thin_max: usize,
    /// Chapters shorter than this many days are never called thin. Default 365.
    pub min_days: i32,
}

impl ChapterSettings {
    pub fn new(as_of: Date) -> Self {
        ChapterSettings {
            as_of,
            thin_max: 3,
            min_days: 365,
        }
    }
}

/// One job or school of the owner, with the people on the map from it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chapter {
    /// The employer or school, as the owner's file spells it.
    pub place: String,
    /// The title or degree.
    pub role: Option<String>,
    pub started_on: Option<Date>,
    /// `None` for a current job.
    pub finished_on: Option<Date>,
    /// Length in years (one decimal is meaningful); `None` without a start.
    pub years: Option<f64>,
    /// People on the map who work there now.
    pub working_there: usize,
    /// People the owner connected with during the chapter.
    pub connected_during: usize,
    /// Ended before the owner's first connection on LinkedIn.
    pub before_linkedin: bool,
    /// Long enough to matter and few people from it on the map.
    pub thin: bool,
    /// "4 years at Initech (2012–2016), 3 connections work there now, 12 connected while you were there."
    pub text: String,
}

/// The owner's chapters and what they say is missing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chapters {
    /// The owner's first connection: roughly when they joined LinkedIn.
    pub first_connection: Option<Date>,
    /// Jobs, oldest first.
    pub positions: Vec<Chapter>,
    /// Schools, oldest first.
    pub schools: Vec<Chapter>,
    /// One sentence per thin chapter, chapter before LinkedIn or school without classmates,
    /// each with the number behind it.
    pub findings: Vec<String>,
}

fn years_between(a: Date, b: Date) -> f64 {
    a.days_until(b).max(0) as f64 / 365.25
}

fn span(start: Option<Date>, end: Option<Date>) -> String {
    match (start, end) {
        (Some(s), Some(e)) if s.year() == e.year() => s.year().to_string(),
        (Some(s), Some(e)) => format!("{}–{}", s.year(), e.year()),
        (Some(s), None) => format!("since {}", s.year()),
        (None, Some(e)) => format!("until {}", e.year()),
        (None, None) => "dates unknown".to_string(),
    }
}

fn years_text(y: f64) -> String {
    if y < 1.0 {
        let months = (y * 12.0).round().max(1.0) as i64;
        format!("{months} month{}", if months == 1 { "" } else { "s" })
    } else {
        let whole = y.round() as i64;
        format!("{whole} year{}", if whole == 1 { "" } else { "s" })
    }
}

fn people(n: usize) -> String {
    format!("{n} {}", if n == 1 { "connection" } else { "connections" })
}

#[allow(clippy::too_many_arguments)]
fn chapter(
    place: &str,
    role: Option<&str>,
    start: Option<Date>,
    end: Option<Date>,
    network: &Network,
    first: Option<Date>,
    settings: &ChapterSettings,
    school: bool,
) -> Chapter {
    let key = normalize_company(place);
    let working_there = key.as_ref().map_or(0, |k| {
        network
            .nodes
            .iter()
            .filter(|n| n.company.as_deref().and_then(normalize_company).as_ref() == Some(k))
            .count()
    });
    let until = end.unwrap_or(settings.as_of);
    let connected_during = match start {
        Some(s) => network
            .nodes
            .iter()
            .filter_map(|n| n.connected_on)
            .filter(|&d| d >= s && d <= until)
            .count(),
        None => 0,
    };
    let years = start.map(|s| years_between(s, until));
    let before_linkedin = match (end, first) {
        (Some(e), Some(f)) => e < f,
        _ => false,
    };
    let long = start.is_some_and(|s| s.days_until(until) >= settings.min_days);
    let thin = long && working_there <= settings.thin_max;
    let when = span(start, end);
    let text = if school {
        format!(
            "{}{} ({when}): {} on your map work there, {} made during those years.",
            place,
            role.map(|r| format!(", {r}")).unwrap_or_default(),
            people(working_there),
            people(connected_during)
        )
    } else {
        format!(
            "{} at {place} ({when}): {} work there now, {} made while you were there.",
            years.map_or_else(|| "Time".to_string(), years_text),
            people(working_there),
            people(connected_during)
        )
    };
    Chapter {
        place: place.to_string(),
        role: role.map(str::to_string),
        started_on: start,
        finished_on: end,
        years,
        working_there,
        connected_during,
        before_linkedin,
        thin,
        text,
    }
}

/// The owner's chapters from `export.positions` and `export.education`, against the people
/// on `network`.
pub fn chapters(
    network: &Network,
    export: &PersonalExport,
    settings: &ChapterSettings,
) -> Chapters {
    let first = network.nodes.iter().filter_map(|n| n.connected_on).min();
    let mut positions: Vec<Chapter> = export
        .positions
        .iter()
        .map(|p| {
            chapter(
                &p.company,
                p.title.as_deref(),
                p.started_on,
                p.finished_on,
                network,
                first,
                settings,
                false,
            )
        })
        .collect();
    positions.sort_by(|a, b| a.started_on.cmp(&b.started_on).then(a.place.cmp(&b.place)));
    let mut schools: Vec<Chapter> = export
        .education
        .iter()
        .map(|s| {
            chapter(
                &s.school,
                s.degree.as_deref(),
                s.started_on,
                s.finished_on,
                network,
                first,
                settings,
                true,
            )
        })
        .collect();
    schools.sort_by(|a, b| a.started_on.cmp(&b.started_on).then(a.place.cmp(&b.place)));
    let mut findings = Vec::new();
    for c in &positions {
        let years = c.years.map_or_else(|| "Time".to_string(), years_text);
        if c.before_linkedin {
            findings.push(format!(
                "{years} at {} ended before your first connection ({}): {} from there on your map. Colleagues from before LinkedIn are the easiest to miss.",
                c.place,
                first.map(Date::month_year).unwrap_or_default(),
                people(c.working_there)
            ));
        } else if c.thin {
            findings.push(format!(
                "{years} at {}, {} from there.",
                c.place,
                people(c.working_there)
            ));
        }
    }
    for s in &schools {
        if s.working_there == 0 && s.connected_during == 0 {
            findings.push(format!(
                "{} ({}): no classmates on your map (0 connections work there, 0 made during those years).",
                s.place,
                span(s.started_on, s.finished_on)
            ));
        }
    }
    Chapters {
        first_connection: first,
        positions,
        schools,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{OwnPosition, OwnSchool, Person};

    fn d(y: i32, m: u32) -> Date {
        Date::from_ymd(y, m, 1).unwrap()
    }

    fn person(company: &str, on: Date) -> Person {
        Person {
            first_name: format!("P{}", on.days_since_epoch()),
            last_name: company.to_string(),
            company: Some(company.to_string()),
            connected_on: Some(on),
            ..Person::default()
        }
    }

    #[test]
    fn a_long_job_with_few_people_is_a_missing_chapter() {
        let mut export = PersonalExport {
            people: vec![
                person("Initech Inc.", d(2015, 3)),
                person("INITECH", d(2015, 4)),
                person("Initech", d(2015, 5)),
                person("Globex", d(2019, 2)),
                person("Globex", d(2019, 3)),
                person("Globex", d(2020, 3)),
                person("Globex", d(2021, 3)),
            ],
            ..PersonalExport::default()
        };
        export.positions = vec![
            OwnPosition {
                company: "Vandelay".into(),
                title: Some("Analyst".into()),
                started_on: Some(d(2008, 1)),
                finished_on: Some(d(2011, 6)),
            },
            OwnPosition {
                company: "Initech".into(),
                title: Some("Engineer".into()),
                started_on: Some(d(2012, 1)),
                finished_on: Some(d(2016, 1)),
            },
            OwnPosition {
                company: "Globex Corp.".into(),
                title: Some("Lead".into()),
                started_on: Some(d(2018, 1)),
                finished_on: None,
            },
        ];
        export.education = vec![OwnSchool {
            school: "Shelbyville College".into(),
            degree: Some("BSc".into()),
            started_on: Some(d(2004, 1)),
            finished_on: Some(d(2007, 1)),
        }];
        let network = crate::infer::infer(&export, &crate::infer::InferSettings::default())
            .unwrap()
            .network;
        let c = chapters(&network, &export, &ChapterSettings::new(d(2026, 1)));
        assert_eq!(c.first_connection, Some(d(2015, 3)));
        let places: Vec<&str> = c.positions.iter().map(|p| p.place.as_str()).collect();
        assert_eq!(places, ["Vandelay", "Initech", "Globex Corp."]);
        let initech = &c.positions[1];
        assert_eq!((initech.working_there, initech.connected_during), (3, 3));
        assert!(initech.thin && !initech.before_linkedin);
        assert!(
            initech.text.starts_with("4 years at Initech (2012–2016)"),
            "{}",
            initech.text
        );
        assert!(c.positions[0].before_linkedin);
        assert_eq!(c.positions[2].working_there, 4);
        assert!(!c.positions[2].thin);
        assert_eq!(c.positions[2].connected_during, 4);
        assert_eq!(
            c.findings,
            vec![
                "3 years at Vandelay ended before your first connection (Mar 2015): 0 connections from there on your map. Colleagues from before LinkedIn are the easiest to miss.".to_string(),
                "4 years at Initech, 3 connections from there.".to_string(),
                "Shelbyville College (2004–2007): no classmates on your map (0 connections work there, 0 made during those years).".to_string(),
            ]
        );
    }
}

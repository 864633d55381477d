//! `Endorsement_Received_Info.csv`: `Endorsement Date,Skill Name,Endorser First Name,
//! Endorser Last Name,Endorser Public Url,Endorsement Status`, dates like
//! `2019/03/05 14:40:31 UTC`.

use super::dates::parse_date;
use crate::import::csv_util::{field, Table};
use crate::import::{ImportError, ReportLine, Skipped};
use crate::model::{Endorsement, PersonalExport};

pub(super) fn read<K>(
    file: &str,
    table: &mut Table<'_, K>,
    export: &mut PersonalExport,
) -> Result<ReportLine, ImportError> {
    let date = table.column(&["endorsement date"]);
    let skill = table.column(&["skill name"]);
    let first = table.column(&["endorser first name"]);
    let last = table.column(&["endorser last name"]);
    let url = table.column(&["endorser public url"]);
    let mut skipped = Vec::new();
    let mut count = 0;
    table.for_each_full_row(&mut skipped, |line, row, skipped| {
        let name = format!(
            "{} {}",
            field(row, first).unwrap_or_default(),
            field(row, last).unwrap_or_default()
        )
        .trim()
        .to_string();
        let endorser_url = field(row, url).map(|u| with_scheme(&u));
        if name.is_empty() && endorser_url.is_none() {
            skipped.push(Skipped {
                line: Some(line),
                reason: "has no endorser".to_string(),
            });
            return;
        }
        export.endorsements.push(Endorsement {
            skill: field(row, skill).unwrap_or_default(),
            endorser_name: name,
            endorser_url,
            endorsed_on: field(row, date).and_then(|d| parse_date(&d)),
        });
        count += 1;
    })?;
    Ok(ReportLine::new(
        file,
        "Endorsement_Received_Info.csv",
        count,
        ("endorsement", "endorsements"),
        skipped,
    ))
}

/// LinkedIn writes endorser URLs without a scheme (`www.linkedin.com/in/ana`).
fn with_scheme(url: &str) -> String {
    if url.contains("://") {
        url.to_string()
    } else {
        format!("https://{url}")
    }
}

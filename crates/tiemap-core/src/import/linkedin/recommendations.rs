//! `Recommendations_Received.csv` and `Recommendations_Given.csv`: both `First Name,Last Name,
//! Company,Job Title,Text,Creation Date,Status`. The header cannot tell them apart, so a
//! `Direction` column decides when there is one, else the file name (`given` in it: given),
//! else received. The recommendation text is not kept.

use super::dates::parse_date;
use crate::import::csv_util::{field, Table};
use crate::import::{ImportError, ReportLine, Skipped};
use crate::model::{PersonalExport, Recommendation, RecommendationDirection};

pub(super) fn read<K>(
    file: &str,
    table: &mut Table<'_, K>,
    export: &mut PersonalExport,
) -> Result<ReportLine, ImportError> {
    let first = table.column(&["first name"]);
    let last = table.column(&["last name"]);
    let company = table.column(&["company"]);
    let job_title = table.column(&["job title"]);
    let created = table.column(&["creation date"]);
    let direction_column = table.column(&["direction"]);
    let file_direction = if file.to_lowercase().contains("given") {
        RecommendationDirection::Given
    } else {
        RecommendationDirection::Received
    };
    let mut skipped = Vec::new();
    let mut count = 0;
    table.for_each_full_row(&mut skipped, |line, row, skipped| {
        let direction = match field(row, direction_column)
            .map(|d| d.to_lowercase())
            .as_deref()
        {
            Some("given") | Some("outgoing") => RecommendationDirection::Given,
            Some("received") | Some("incoming") => RecommendationDirection::Received,
            _ => file_direction,
        };
        let first_name = field(row, first).unwrap_or_default();
        let last_name = field(row, last).unwrap_or_default();
        if first_name.is_empty() && last_name.is_empty() {
            skipped.push(Skipped {
                line: Some(line),
                reason: "has no name".to_string(),
            });
            return;
        }
        export.recommendations.push(Recommendation {
            direction,
            first_name,
            last_name,
            company: field(row, company),
            job_title: field(row, job_title),
            created_on: field(row, created).and_then(|d| parse_date(&d)),
        });
        count += 1;
    })?;
    let recognised_as = match file_direction {
        RecommendationDirection::Given => "Recommendations_Given.csv",
        RecommendationDirection::Received => "Recommendations_Received.csv",
    };
    Ok(ReportLine::new(
        file,
        recognised_as,
        count,
        ("recommendation", "recommendations"),
        skipped,
    ))
}

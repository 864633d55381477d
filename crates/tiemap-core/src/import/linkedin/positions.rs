//! `Positions.csv`: the owner's own jobs, `Company Name,Title,Description,Location,Started On,
//! Finished On`, dates like `Aug 2025`; a blank `Finished On` is the current job.

use super::dates::parse_date;
use crate::import::csv_util::{field, Table};
use crate::import::{ImportError, ReportLine, Skipped};
use crate::model::{OwnPosition, PersonalExport};

pub(super) fn read<K>(
    file: &str,
    table: &mut Table<'_, K>,
    export: &mut PersonalExport,
) -> Result<ReportLine, ImportError> {
    let company = table.column(&["company name", "company"]);
    let title = table.column(&["title"]);
    let started = table.column(&["started on"]);
    let finished = table.column(&["finished on"]);
    let mut skipped = Vec::new();
    let mut count = 0;
    table.for_each_full_row(&mut skipped, |line, row, skipped| {
        let Some(company) = field(row, company) else {
            skipped.push(Skipped {
                line: Some(line),
                reason: "has no company name".to_string(),
            });
            return;
        };
        export.positions.push(OwnPosition {
            company,
            title: field(row, title),
            started_on: field(row, started).and_then(|d| parse_date(&d)),
            finished_on: field(row, finished).and_then(|d| parse_date(&d)),
        });
        count += 1;
    })?;
    Ok(ReportLine::new(
        file,
        "Positions.csv",
        count,
        ("position", "positions"),
        skipped,
    ))
}

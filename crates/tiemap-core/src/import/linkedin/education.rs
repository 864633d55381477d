//! `Education.csv`: the owner's schools, `School Name,Start Date,End Date,Notes,Degree Name,
//! Activities`, dates as years (`2008`) or months (`Sep 2008`).

use super::dates::parse_date;
use crate::import::csv_util::{field, Table};
use crate::import::{ImportError, ReportLine, Skipped};
use crate::model::{OwnSchool, PersonalExport};

pub(super) fn read<K>(
    file: &str,
    table: &mut Table<'_, K>,
    export: &mut PersonalExport,
) -> Result<ReportLine, ImportError> {
    let school = table.column(&["school name", "school"]);
    let degree = table.column(&["degree name", "degree"]);
    let started = table.column(&["start date", "started on"]);
    let finished = table.column(&["end date", "finished on"]);
    let mut skipped = Vec::new();
    let mut count = 0;
    table.for_each_full_row(&mut skipped, |line, row, skipped| {
        let Some(school) = field(row, school) else {
            skipped.push(Skipped {
                line: Some(line),
                reason: "has no school name".to_string(),
            });
            return;
        };
        export.education.push(OwnSchool {
            school,
            degree: field(row, degree),
            started_on: field(row, started).and_then(|d| parse_date(&d)),
            finished_on: field(row, finished).and_then(|d| parse_date(&d)),
        });
        count += 1;
    })?;
    Ok(ReportLine::new(
        file,
        "Education.csv",
        count,
        ("school", "schools"),
        skipped,
    ))
}

#[cfg(test)]
mod tests {
    use crate::import::linkedin::read_linkedin_csv;
    use crate::model::{Date, PersonalExport};

    #[test]
    fn education_rows_are_the_owners_schools() {
        let csv = "School Name,Start Date,End Date,Notes,Degree Name,Activities\n\
                   Shelbyville College,2004,2007,,BSc Physics,\n\
                   \"Ogdenville Institute, Evening School\",Sep 2010,Jun 2011,,,Chess\n\
                   ,2012,2013,,,\n";
        let mut export = PersonalExport::default();
        let line = read_linkedin_csv("Education.csv", csv.as_bytes(), &mut export).unwrap();
        assert_eq!(export.education.len(), 2);
        let s = &export.education[0];
        assert_eq!(s.school, "Shelbyville College");
        assert_eq!(s.degree.as_deref(), Some("BSc Physics"));
        assert_eq!(s.started_on, Date::from_ymd(2004, 1, 1));
        assert_eq!(s.finished_on, Date::from_ymd(2007, 1, 1));
        assert_eq!(
            export.education[1].school,
            "Ogdenville Institute, Evening School"
        );
        assert_eq!(export.education[1].started_on, Date::from_ymd(2010, 9, 1));
        assert_eq!(line.skipped.len(), 1, "the row without a school");
    }
}

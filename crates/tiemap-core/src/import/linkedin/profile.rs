//! `Profile.csv`: the owner, `First Name,Last Name,Maiden Name,Address,Birth Date,Headline,
//! Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers`.
//! Only the name, headline and industry are kept.

use crate::import::csv_util::{field, Table};
use crate::import::{ImportError, ReportLine};
use crate::model::{PersonalExport, Profile};

pub(super) fn read<K>(
    file: &str,
    table: &mut Table<'_, K>,
    export: &mut PersonalExport,
) -> Result<ReportLine, ImportError> {
    let first = table.column(&["first name"]);
    let last = table.column(&["last name"]);
    let headline = table.column(&["headline"]);
    let industry = table.column(&["industry"]);
    let mut owner = None;
    table.for_each_row(|_, row| {
        if owner.is_none() {
            owner = Some(Profile {
                first_name: field(row, first).unwrap_or_default(),
                last_name: field(row, last).unwrap_or_default(),
                headline: field(row, headline),
                industry: field(row, industry),
            });
        }
    })?;
    let count = usize::from(owner.is_some());
    if let Some(owner) = owner {
        export.owner = Some(owner);
    }
    Ok(ReportLine::new(
        file,
        "Profile.csv",
        count,
        ("profile", "profiles"),
        Vec::new(),
    ))
}

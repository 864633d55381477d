//! `Invitations.csv`: `From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl`,
//! dates like `1/8/18, 6:14 PM`. The invitation text is not kept.

use super::dates::parse_timestamp;
use crate::import::csv_util::{field, Table};
use crate::import::{ImportError, ReportLine, Skipped};
use crate::model::{Invitation, InvitationDirection, PersonalExport};

pub(super) fn read<K>(
    file: &str,
    table: &mut Table<'_, K>,
    export: &mut PersonalExport,
) -> Result<ReportLine, ImportError> {
    let from = table.column(&["from"]);
    let to = table.column(&["to"]);
    let sent_at = table.column(&["sent at"]);
    let direction = table.column(&["direction"]);
    let inviter_url = table.column(&["inviterprofileurl", "inviter profile url"]);
    let invitee_url = table.column(&["inviteeprofileurl", "invitee profile url"]);
    let mut skipped = Vec::new();
    let mut count = 0;
    table.for_each_full_row(&mut skipped, |line, row, skipped| {
        let direction = match field(row, direction).map(|d| d.to_uppercase()).as_deref() {
            Some("INCOMING") => InvitationDirection::Incoming,
            Some("OUTGOING") => InvitationDirection::Outgoing,
            other => {
                skipped.push(Skipped {
                    line: Some(line),
                    reason: format!(
                        "has direction {:?}, expected INCOMING or OUTGOING",
                        other.unwrap_or("")
                    ),
                });
                return;
            }
        };
        export.invitations.push(Invitation {
            from_name: field(row, from).unwrap_or_default(),
            to_name: field(row, to).unwrap_or_default(),
            sent_at: field(row, sent_at).and_then(|d| parse_timestamp(&d)),
            direction,
            inviter_url: field(row, inviter_url),
            invitee_url: field(row, invitee_url),
        });
        count += 1;
    })?;
    Ok(ReportLine::new(
        file,
        "Invitations.csv",
        count,
        ("invitation", "invitations"),
        skipped,
    ))
}

//! Any bytes as a LinkedIn CSV, directly and behind each known header, then through the
//! dispatcher.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiemap_core::import::linkedin::read_linkedin_csv;
use tiemap_core::import::{import_files, InputFile, Limits};
use tiemap_core::model::PersonalExport;

const HEADERS: &[&str] = &[
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
    "\"CONVERSATION ID\",\"CONVERSATION TITLE\",\"FROM\",\"SENDER PROFILE URL\",\"TO\",\"RECIPIENT PROFILE URLS\",\"DATE\",\"SUBJECT\",\"CONTENT\",\"FOLDER\",\"ATTACHMENTS\"\n",
    "From,To,Date,Subject,Content,Direction,Folder\n",
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n",
    "Company Name,Title,Description,Location,Started On,Finished On\n",
    "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status\n",
];

fuzz_target!(|data: &[u8]| {
    let mut export = PersonalExport::default();
    let _ = read_linkedin_csv("fuzz.csv", data, &mut export);
    let which = data
        .first()
        .map(|b| *b as usize % HEADERS.len())
        .unwrap_or(0);
    let mut bytes = HEADERS[which].as_bytes().to_vec();
    bytes.extend_from_slice(data);
    let mut export = PersonalExport::default();
    let _ = read_linkedin_csv("fuzz.csv", &bytes, &mut export);
    let _ = import_files(
        &[InputFile {
            name: "Connections.csv".into(),
            bytes,
        }],
        &Limits::default(),
    );
});

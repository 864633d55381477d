//! Any bytes as a contacts file: raw, as a vCard, and behind Google and Outlook headers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiemap_core::import::read_contacts;
use tiemap_core::model::PersonalExport;

const PREFIXES: &[&str] = &[
    "BEGIN:VCARD\r\nVERSION:2.1\r\n",
    "First Name,Middle Name,Last Name,Labels,E-mail 1 - Value,Organization Name,Organization Title\n",
    "Name,Given Name,Additional Name,Family Name,Group Membership,E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title\n",
    "First Name,Middle Name,Last Name,Title,Suffix,E-mail Address,Company,Job Title,Categories\n",
];

fuzz_target!(|data: &[u8]| {
    let mut export = PersonalExport::default();
    let _ = read_contacts("contacts.csv", data, &mut export);
    let which = data
        .first()
        .map(|b| *b as usize % PREFIXES.len())
        .unwrap_or(0);
    let mut bytes = PREFIXES[which].as_bytes().to_vec();
    bytes.extend_from_slice(data);
    let mut export = PersonalExport::default();
    let _ = read_contacts("contacts.vcf", &bytes, &mut export);
});

//! Personal exports end to end: fixture directories (`tests/fixtures/import/personal/<case>/`,
//! input files beside an `expected.json`), ZIP archives built here, hostile input, and
//! property tests that the importer never panics.

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use tiemap_core::import::{
    import_files, ImportError, ImportOutcome, Imported, InputFile, Limits, MAX_FIELDS,
};
use tiemap_core::model::{Date, PersonalExport, Timestamp};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/personal")
}

/// The input files of a case: every file but `expected.json`, sorted by lower-case name.
fn case_inputs(dir: &Path) -> Vec<InputFile> {
    let mut files: Vec<InputFile> = std::fs::read_dir(dir)
        .expect("case dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n != "expected.json"))
        .map(|p| InputFile {
            name: p.file_name().unwrap().to_string_lossy().into_owned(),
            bytes: std::fs::read(&p).expect("read input"),
        })
        .collect();
    files.sort_by_key(|f| f.name.to_lowercase());
    files
}

/// Dates and timestamps as the strings `expected.json` uses.
fn readable(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            if let Some(days) = map.get("days_since_epoch").and_then(Value::as_i64) {
                return json!(Date::from_days_since_epoch(days as i32).to_string());
            }
            if let Some(secs) = map.get("secs_since_epoch").and_then(Value::as_i64) {
                return json!(Timestamp::from_secs_since_epoch(secs).to_string());
            }
            Value::Object(map.into_iter().map(|(k, v)| (k, readable(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(readable).collect()),
        other => other,
    }
}

/// Checks every key of each expected partial record against the record at its `at`.
fn check_records(case: &str, what: &str, actual: &Value, expected: &Value) {
    let Some(expected) = expected.as_array() else {
        return;
    };
    for record in expected {
        let at = record["at"].as_u64().expect("at") as usize;
        let got = &actual[what][at];
        for (key, want) in record.as_object().expect("object") {
            if key == "at" {
                continue;
            }
            assert_eq!(&got[key], want, "{case}: {what}[{at}].{key}");
        }
    }
}

fn check_export(case: &str, export: &PersonalExport, expected: &Map<String, Value>) {
    let actual = readable(serde_json::to_value(export).expect("serialise"));
    if let Some(kind) = expected.get("kind") {
        assert_eq!(&actual["kind"], kind, "{case}: kind");
    }
    let counts = expected.get("counts").and_then(Value::as_object);
    for list in [
        "people",
        "messages",
        "invitations",
        "positions",
        "endorsements",
        "recommendations",
    ] {
        let want = counts
            .and_then(|c| c.get(list))
            .and_then(Value::as_u64)
            .unwrap_or(0) as usize;
        let got = actual[list].as_array().map(Vec::len).unwrap_or(0);
        assert_eq!(got, want, "{case}: number of {list}");
        if let Some(records) = expected.get(list) {
            check_records(case, list, &actual, records);
        }
    }
    if let Some(owner) = expected.get("owner") {
        for (key, want) in owner.as_object().expect("owner object") {
            assert_eq!(&actual["owner"][key], want, "{case}: owner.{key}");
        }
    }
}

#[test]
fn fixture_cases() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "fixture cases missing: {}", cases.len());
    for dir in cases {
        let case = dir.file_name().unwrap().to_string_lossy().into_owned();
        let expected: Value =
            serde_json::from_slice(&std::fs::read(dir.join("expected.json")).expect("expected"))
                .expect("expected.json is JSON");
        let expected = expected.as_object().expect("object").clone();
        let result = import_files(&case_inputs(&dir), &Limits::default());
        match (result, expected.get("error")) {
            (Err(e), Some(want)) => assert_eq!(&json!(e.sentence()), want, "{case}: error"),
            (Err(e), None) => panic!("{case}: unexpected error {e:?}: {}", e.sentence()),
            (Ok(out), Some(want)) => panic!("{case}: expected error {want}, got {:?}", out.report),
            (Ok(out), None) => {
                let Imported::Personal(export) = &out.data else {
                    panic!("{case}: read as a graph");
                };
                check_export(&case, export, &expected);
                if let Some(report) = expected.get("report") {
                    assert_eq!(
                        &json!(out.report.sentences()),
                        report,
                        "{case}: report sentences"
                    );
                }
            }
        }
    }
}

/// The same case read twice gives the same result (determinism).
#[test]
fn import_is_deterministic() {
    let dir = fixtures_dir().join("linkedin_all_csvs");
    let a = import_files(&case_inputs(&dir), &Limits::default()).unwrap();
    let b = import_files(&case_inputs(&dir), &Limits::default()).unwrap();
    assert_eq!(a, b);
}

fn fixture_bytes(case: &str, file: &str) -> Vec<u8> {
    std::fs::read(fixtures_dir().join(case).join(file)).expect("fixture file")
}

/// Builds a ZIP of `(name, bytes)` entries, deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    for (name, bytes) in entries {
        writer.start_file(*name, options).expect("start entry");
        writer.write_all(bytes).expect("write entry");
    }
    writer.finish().expect("finish zip").into_inner()
}

fn import_one(name: &str, bytes: Vec<u8>, limits: &Limits) -> Result<ImportOutcome, ImportError> {
    import_files(
        &[InputFile {
            name: name.to_string(),
            bytes,
        }],
        limits,
    )
}

fn personal(out: &ImportOutcome) -> &PersonalExport {
    match &out.data {
        Imported::Personal(e) => e,
        Imported::Graph(_) => panic!("read as a graph"),
    }
}

#[test]
fn linkedin_archive_is_expanded_and_dispatched_by_content() {
    let connections = fixture_bytes("linkedin_connections_current", "Connections.csv");
    let messages = fixture_bytes("linkedin_messages_current", "messages.csv");
    let positions = fixture_bytes("linkedin_all_csvs", "Positions.csv");
    let photo = fixture_bytes("png_renamed_csv", "Connections.csv");
    let nested = zip_of(&[("inner.csv", b"a,b\n")]);
    let archive = zip_of(&[
        (
            "Basic_LinkedInDataExport_04-06-2026/Connections.csv",
            &connections,
        ),
        (
            "Basic_LinkedInDataExport_04-06-2026/messages.csv",
            &messages,
        ),
        (
            "Basic_LinkedInDataExport_04-06-2026/Positions.csv",
            &positions,
        ),
        (
            "Basic_LinkedInDataExport_04-06-2026/Ad_Targeting.csv",
            b"Member Age,Degrees\n25 to 34,Master\n",
        ),
        (
            "Basic_LinkedInDataExport_04-06-2026/Rich_Media.csv",
            b"Date/Time,Media Description\n",
        ),
        ("Basic_LinkedInDataExport_04-06-2026/Learning.csv", b""),
        (
            "Basic_LinkedInDataExport_04-06-2026/profile_photo.csv",
            &photo,
        ),
        ("Basic_LinkedInDataExport_04-06-2026/old.zip", &nested),
        (
            "Basic_LinkedInDataExport_04-06-2026/photo.jpg",
            b"\xFF\xD8\xFF\xE0 not really",
        ),
        ("../escape/Connections.csv", &connections),
    ]);
    let out = import_one(
        "Basic_LinkedInDataExport_04-06-2026.zip",
        archive,
        &Limits::default(),
    )
    .expect("archive reads");
    let export = personal(&out);
    assert_eq!(export.people.len(), 7);
    assert_eq!(export.messages.len(), 4);
    assert_eq!(export.positions.len(), 2);
    let sentences = out.report.sentences();
    assert_eq!(
        sentences,
        vec![
            "8 people from Basic_LinkedInDataExport_04-06-2026/Connections.csv; 1 row skipped: line 12 has 5 fields, expected 7",
            "4 messages from Basic_LinkedInDataExport_04-06-2026/messages.csv; 1 row skipped: line 8 has 4 fields, expected 12",
            "2 positions from Basic_LinkedInDataExport_04-06-2026/Positions.csv",
            "1 person listed twice and merged",
            "Skipped Basic_LinkedInDataExport_04-06-2026/old.zip: ZIPs inside a ZIP are not expanded",
            "Skipped ../escape/Connections.csv: its path leaves the archive (absolute or with ../), so it was not trusted",
            "Skipped Basic_LinkedInDataExport_04-06-2026.zip: 1 entry that is not CSV, JSON or vCard (photos, web pages, ...) not read",
            "Skipped Basic_LinkedInDataExport_04-06-2026/Ad_Targeting.csv: not a file tiemap reads",
            "Skipped Basic_LinkedInDataExport_04-06-2026/Rich_Media.csv: it is Rich_Media.csv, which holds no connections",
            "Skipped Basic_LinkedInDataExport_04-06-2026/Learning.csv: empty",
            "Skipped Basic_LinkedInDataExport_04-06-2026/profile_photo.csv: it is an image (PNG)",
        ]
    );
}

#[test]
fn facebook_archive_is_read_by_keys() {
    let friends = fixture_bytes("facebook_friends_v2", "your_friends.json");
    let archive = zip_of(&[
        ("connections/friends/your_friends.json", &friends),
        (
            "connections/friends/received_friend_requests.json",
            br#"{"received_requests_v2": []}"#,
        ),
        ("connections/friends/your_friends.html", b"<html></html>"),
        (
            "personal_information/profile_information/profile_information.json",
            br#"{"profile_v2": {"name": {"full_name": "Sam"}}}"#,
        ),
    ]);
    let out = import_one("facebook-sam.zip", archive, &Limits::default()).unwrap();
    let export = personal(&out);
    assert_eq!(export.kind, tiemap_core::model::ExportKind::Facebook);
    assert_eq!(export.people.len(), 4);
    assert_eq!(export.people[0].first_name, "María");
    assert_eq!(out.report.lines.len(), 2, "{:?}", out.report.sentences());
    assert_eq!(
        out.report.lines[1].recognised_as,
        "Facebook friend requests received"
    );
}

#[test]
fn archive_without_connections_names_what_it_holds() {
    let invitations = fixture_bytes("linkedin_all_csvs", "Invitations.csv");
    let archive = zip_of(&[("Invitations.csv", &invitations)]);
    let err = import_one("export.zip", archive, &Limits::default()).unwrap_err();
    assert_eq!(
        err.sentence(),
        "Invitations.csv looks like Invitations.csv, which holds no connections; drop Connections.csv or the whole LinkedIn ZIP."
            .replacen("Invitations.csv looks like", "This looks like", 1)
    );
    let archive = zip_of(&[("notes.txt", b"hello"), ("a.png", b"\x89PNG")]);
    let err = import_one("export.zip", archive, &Limits::default()).unwrap_err();
    assert!(
        matches!(err, ImportError::NothingInArchive { entries: 2, .. }),
        "{err:?}"
    );
    let workbook = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("xl/workbook.xml", b"<workbook/>"),
    ]);
    let err = import_one("Connections.xlsx", workbook, &Limits::default()).unwrap_err();
    assert!(
        err.sentence().contains("save it as CSV"),
        "{}",
        err.sentence()
    );
}

#[test]
fn utf16_files_without_a_byte_order_mark_are_read() {
    let connections =
        "Notes:\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
        Zoë,Müller,https://www.linkedin.com/in/zoe,,Globex,Engineer,17 Jul 2022\n\
        明,李,,,Initech,Designer,18 Jul 2022\n";
    for (order, unit) in [
        ("le", u16::to_le_bytes as fn(u16) -> [u8; 2]),
        ("be", u16::to_be_bytes),
    ] {
        let bytes: Vec<u8> = connections.encode_utf16().flat_map(unit).collect();
        let out = import_one("Connections.csv", bytes, &Limits::default())
            .unwrap_or_else(|e| panic!("UTF-16 {order}: {e}"));
        let people = &personal(&out).people;
        assert_eq!(people.len(), 2, "UTF-16 {order}");
        assert_eq!(people[0].first_name, "Zoë");
        assert_eq!(people[1].company.as_deref(), Some("Initech"));
    }
    let edges: Vec<u8> = "Source,Target,Weight\na,b,2\nb,c,1\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let out = import_one("edges.csv", edges, &Limits::default()).expect("UTF-16 edge list");
    match &out.data {
        Imported::Graph(g) => assert_eq!((g.nodes.len(), g.edges.len()), (3, 2)),
        other => panic!("expected a graph, got {other:?}"),
    }
}

/// Each person as (name, company, position, date connected as `2021-04-03` or `none`).
type Row = (String, Option<String>, Option<String>, String);

/// A connections file read alone: each person as a [`Row`], and the report's sentences.
fn read_rows(name: &str, bytes: Vec<u8>) -> (Vec<Row>, Vec<String>) {
    let out = import_one(name, bytes, &Limits::default())
        .unwrap_or_else(|e| panic!("{name}: {}", e.sentence()));
    let rows = personal(&out)
        .people
        .iter()
        .map(|p| {
            (
                p.display_name(),
                p.company.clone(),
                p.position.clone(),
                p.connected_on.map_or("none".to_string(), |d| d.to_string()),
            )
        })
        .collect();
    (rows, out.report.sentences())
}

fn row(name: &str, company: &str, position: &str, connected_on: &str) -> Row {
    let given = |s: &str| (!s.is_empty()).then(|| s.to_string());
    (
        name.to_string(),
        given(company),
        given(position),
        connected_on.to_string(),
    )
}

#[test]
fn connections_re_saved_by_a_spreadsheet_in_another_locale_are_read() {
    // The fixtures are what they claim: Windows-1252 (not UTF-8), CRLF, semicolons.
    for case in [
        "linkedin_connections_excel_de",
        "linkedin_connections_excel_es",
        "linkedin_connections_excel_fr",
        "linkedin_connections_excel_pt",
    ] {
        let bytes = fixture_bytes(case, "Connections.csv");
        assert!(std::str::from_utf8(&bytes).is_err(), "{case} is not UTF-8");
        assert!(bytes.windows(2).any(|w| w == b"\r\n"), "{case} has CRLF");
        assert!(
            bytes.windows(21).any(|w| w == b"First Name;Last Name;"),
            "{case} has semicolons"
        );
    }
    let german = fixture_bytes("linkedin_connections_excel_de", "Connections.csv");
    assert!(german.starts_with(b"Notes:;;;;;;\r\n"));
    assert_eq!(
        read_rows("Connections.csv", german.clone()),
        (
            vec![
                row(
                    "Jürgen Weiß",
                    "Müller & Söhne GmbH",
                    "Geschäftsführer",
                    "2021-09-16"
                ),
                // 0x92 is a right single quote, 0x96 an en dash.
                row(
                    "Siobhán O’Neill",
                    "Café Crème SARL",
                    "Responsable – Ventes",
                    "2020-02-03"
                ),
                row(
                    "Zoë Dupré",
                    "Dupré; Fils & Cie",
                    "Leiterin \"Einkauf\"",
                    "2021-03-12"
                ),
                row("Ömer Çelik", "Globex", "Ingenieur", "2020-10-01"),
            ],
            vec!["4 people from Connections.csv (read as Windows-1252)".to_string()]
        )
    );

    // Day first with slashes, told by the file's 17/07/2022: 03/04/2021 is the 3rd of April.
    let (rows, report) = read_rows(
        "Connections.csv",
        fixture_bytes("linkedin_connections_excel_fr", "Connections.csv"),
    );
    let dates: Vec<&str> = rows.iter().map(|r| r.3.as_str()).collect();
    assert_eq!(
        dates,
        ["2021-04-03", "2022-07-17", "2020-01-03", "2022-02-14"]
    );
    assert_eq!(
        report,
        ["4 people from Connections.csv (read as Windows-1252; dates read day first, as 17/07/2022 tells)"]
    );
    // The same dates from a US spreadsheet, month first, read the other way round; a date
    // edited into something that is no date is said, not dropped silently.
    let us = "First Name,Last Name,Connected On\r\nAmy,Ames,03/04/2021\r\nBen,Bell,7/17/2022\r\n\
        Cy,Cole,31-Sep-22\r\nDee,Dunn,soon\r\n";
    let (rows, report) = read_rows("Connections.csv", us.into());
    let dates: Vec<&str> = rows.iter().map(|r| r.3.as_str()).collect();
    assert_eq!(dates, ["2021-03-04", "2022-07-17", "none", "none"]);
    assert_eq!(
        report,
        ["4 people from Connections.csv (2 dates not understood: line 4 has \u{201c}31-Sep-22\u{201d})"]
    );

    // A file re-saved in Excel and the original, dropped together: one person each.
    let original = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
        Jürgen,Weiß,https://www.linkedin.com/in/juergen-weiss-x1,,Müller & Söhne GmbH,Geschäftsführer,16 Sep 2021\n";
    let out = import_files(
        &[
            InputFile {
                name: "Connections.csv".into(),
                bytes: original.into(),
            },
            InputFile {
                name: "Connections (Excel).csv".into(),
                bytes: german,
            },
        ],
        &Limits::default(),
    )
    .expect("reads");
    assert_eq!(personal(&out).people.len(), 4);
    assert_eq!(personal(&out).people[0].display_name(), "Jürgen Weiß");
    assert_eq!(out.report.merged_duplicates, 1);
}

#[test]
fn connections_with_columns_deleted_still_list_everyone() {
    assert_eq!(
        read_rows(
            "Connections.csv",
            fixture_bytes("linkedin_connections_names_deleted", "Connections.csv")
        ),
        (
            vec![
                row("(no name)", "Initech", "Analyst", "2022-07-17"),
                row("(no name)", "Globex", "Software Engineer", "2019-12-12"),
                row("(no name)", "", "", "2020-02-01"),
            ],
            vec!["3 people from Connections.csv".to_string()]
        ),
        "people without names still count"
    );
    let first_names_only = fixture_bytes("linkedin_connections_first_name_only", "Connections.csv");
    let (rows, _) = read_rows("Connections.csv", first_names_only);
    assert_eq!(
        rows,
        [
            row("Ana", "Globex", "", "2022-07-17"),
            row("Bo", "Initech", "", "2019-12-12")
        ]
    );
}

#[test]
fn hidden_members_are_counted_and_placeholders_read_as_empty() {
    let bytes = fixture_bytes("linkedin_connections_hidden_members", "Connections.csv");
    let (rows, report) = read_rows("Connections.csv", bytes.clone());
    assert_eq!(
        rows,
        [
            row("Ana Lima", "Globex", "Software Engineer", "2024-07-17"),
            // "Na" is a surname; N/A, NA and - are empty cells.
            row("Min-jun Na", "", "", "2024-02-02"),
            row("Bo Berg", "Initech", "", "2023-11-11"),
            // No name but a company and a title: still someone.
            row("(no name)", "Hooli", "Recruiter", "2023-10-01"),
            row("Cy Cole", "", "Analyst", "2023-09-15"),
        ]
    );
    assert_eq!(
        report,
        ["5 people from Connections.csv; 3 hidden members (LinkedIn lists only when you connected, not who they are)"]
    );
    let out = import_one("Connections.csv", bytes.clone(), &Limits::default()).expect("reads");
    let emails: Vec<Option<&str>> = personal(&out)
        .people
        .iter()
        .map(|p| p.email.as_deref())
        .collect();
    // A member id in the e-mail column is no e-mail (and so no identity to merge on).
    assert_eq!(emails, [None, None, None, None, Some("cy@example.org")]);
    assert_eq!(out.report.lines[0].hidden_members, 3);
    assert!(out.report.lines[0].skipped.is_empty());

    // Only hidden members: said as such, alone or inside a ZIP.
    let only_hidden = fixture_bytes("linkedin_connections_only_hidden", "Connections.csv");
    let err = import_one("Connections.csv", only_hidden.clone(), &Limits::default()).unwrap_err();
    assert!(
        matches!(err, ImportError::OnlyHiddenMembers { hidden: 2, .. }),
        "{err:?}"
    );
    let archive = zip_of(&[("Connections.csv", &only_hidden)]);
    let err = import_one("export.zip", archive, &Limits::default()).unwrap_err();
    assert!(
        matches!(err, ImportError::OnlyHiddenMembers { hidden: 2, .. }),
        "{err:?}"
    );
    // Beside a file with people, the hidden-only file is listed with its reason.
    let archive = zip_of(&[
        ("a/Connections.csv", &only_hidden),
        ("b/Connections.csv", &bytes),
    ]);
    let out = import_one("export.zip", archive, &Limits::default()).expect("reads");
    assert_eq!(personal(&out).people.len(), 5);
    assert_eq!(
        out.report.skipped_files[0].sentence(),
        "Skipped a/Connections.csv: a/Connections.csv lists 2 connections, but LinkedIn gives only when you connected, not who they are; there is no one to put on the map."
    );
}

#[test]
fn linkedin_export_of_before_2016_in_outlook_layout_is_read_as_linkedin() {
    let name = "linkedin_connections_export_microsoft_outlook.csv";
    let bytes = fixture_bytes("linkedin_outlook_2015", name);
    assert!(std::str::from_utf8(&bytes).is_err(), "Windows-1252");
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    assert_eq!(
        header.iter().filter(|&&b| b == b',').count(),
        58,
        "59 columns"
    );
    let (rows, report) = read_rows(name, bytes.clone());
    assert_eq!(
        rows,
        [
            row(
                "Hélène Marchand",
                "Société Exemple",
                "Directrice financière",
                "none"
            ),
            // Dr. (Title) is no position; the middle name joins the first.
            row(
                "Jürgen Karl Schäfer",
                "Müller AG",
                "Leiter Entwicklung",
                "none"
            ),
            row(
                "Seán Ó Briain",
                "O’Connell & Partners",
                "Partner – Tax, EMEA",
                "none"
            ),
            row("Zoë Nakamura", "Initech", "Engineer", "none"),
            // No name, but an e-mail: still someone.
            row("no.name@example.org", "Hooli", "Recruiter", "none"),
        ]
    );
    assert_eq!(
        report,
        ["5 people from linkedin_connections_export_microsoft_outlook.csv (read as Windows-1252; LinkedIn's export of before 2016, in Outlook's layout)"]
    );
    let out = import_one(name, bytes, &Limits::default()).expect("reads");
    assert_eq!(
        personal(&out).kind,
        tiemap_core::model::ExportKind::LinkedIn
    );
    assert_eq!(
        personal(&out).people[0].email.as_deref(),
        Some("helene.marchand@example.org")
    );
    // Outlook's own export (a person's address book) stays an address book.
    let outlook = fixture_bytes("outlook_contacts", "outlook_export.csv");
    let out = import_one("outlook_export.csv", outlook, &Limits::default()).expect("reads");
    assert_eq!(
        personal(&out).kind,
        tiemap_core::model::ExportKind::Contacts
    );
}

#[test]
fn messages_keep_hidden_members_apart_and_no_html() {
    use tiemap_core::infer::{infer_network, InferSettings};
    use tiemap_core::metrics::ties::{tie_strengths, TieSettings};
    let case = "linkedin_messages_hidden_html";
    let messages = fixture_bytes(case, "messages.csv");
    assert!(
        String::from_utf8_lossy(&messages).contains("<p>Hello&nbsp;Sam,</p>"),
        "the fixture's content is HTML"
    );
    let out =
        import_files(&case_inputs(&fixtures_dir().join(case)), &Limits::default()).expect("reads");
    let export = personal(&out);
    assert_eq!(export.messages.len(), 10);
    // Nothing of the HTML (nor the content itself) is in what was read.
    let read = serde_json::to_string(export).expect("serialise");
    for html in [
        "<p>", "</", "&nbsp;", "&amp;", "&lt;", "&#39;", "Hello", "Kick-off",
    ] {
        assert!(!read.contains(html), "{html} in {read}");
    }
    assert_eq!(
        export.messages[0].subject.as_deref(),
        Some("Opportunity at R&D <Labs>")
    );
    assert_eq!(
        export.messages[6].conversation_title.as_deref(),
        Some("Launch team & friends")
    );
    // Five hidden members in five conversations are five senders, not one person.
    let senders: Vec<&str> = export
        .messages
        .iter()
        .map(|m| m.from_name.as_str())
        .filter(|n| n.starts_with("LinkedIn Member"))
        .collect();
    assert_eq!(
        senders,
        [
            "LinkedIn Member (1)",
            "LinkedIn Member (2)",
            "LinkedIn Member (3)",
            "LinkedIn Member (4)",
            "LinkedIn Member (5)"
        ]
    );
    assert_eq!(export.messages[1].to_names, ["LinkedIn Member (1)"]);
    // A name with a comma is one recipient: one name per URL only where there are as many.
    assert_eq!(export.messages[6].to_names, ["Jo Smith, Ph.D.", "Bo Berg"]);
    assert_eq!(export.messages[7].to_names, ["Jo Smith, Ph.D."]);
    assert_eq!(
        out.report.sentences()[1],
        "10 messages from messages.csv (5 members shown as \u{201c}LinkedIn Member\u{201d} kept apart, one per conversation)"
    );
    // So the owner (who wrote in 4 conversations) is not taken to be "LinkedIn Member" (in 5,
    // had they been one person), and the ties land on the right people.
    let network = infer_network(export, &InferSettings::default()).expect("infers");
    let as_of = tiemap_core::model::Date::from_ymd(2026, 1, 1).expect("date");
    let ties = tie_strengths(&network, export, &TieSettings::new(as_of));
    assert_eq!(ties.owner.as_deref(), Some("Sam Owner"));
    let node_of = |name: &str| {
        network
            .nodes
            .iter()
            .position(|n| n.label == name)
            .unwrap_or_else(|| panic!("{name} on the map")) as u32
    };
    let sent_to = |name: &str| {
        ties.people
            .iter()
            .find(|t| t.node == node_of(name))
            .map(|t| (t.sent, t.received))
    };
    assert_eq!(sent_to("Jo Smith, Ph.D."), Some((2, 1)));
    assert_eq!(sent_to("Bo Berg"), Some((1, 0)));
    assert_eq!(sent_to("Ana Lima"), Some((1, 0)));
    // The hidden members' six messages match no one on the map.
    assert_eq!(ties.unmatched_messages, 6);

    // The 2018 form has no conversation ids: each message of a hidden member is its own.
    let old = "From,To,Date,Subject,Content,Direction,Folder\n\
        LinkedIn Member,Sam Owner,\"1/8/18, 6:20 PM\",Hi,<p>Hello</p>,INCOMING,INBOX\n\
        LinkedIn Member,Sam Owner,\"1/9/18, 9:00 AM\",R&amp;D,<p>Hi</p>,INCOMING,INBOX\n";
    let mut files = case_inputs(&fixtures_dir().join(case));
    files.retain(|f| f.name == "Connections.csv");
    files.push(InputFile {
        name: "messages.csv".into(),
        bytes: old.into(),
    });
    let out = import_files(&files, &Limits::default()).expect("reads");
    let conversations: Vec<(&str, &str)> = personal(&out)
        .messages
        .iter()
        .map(|m| (m.conversation_id.as_str(), m.from_name.as_str()))
        .collect();
    assert_eq!(
        conversations,
        [
            ("2018:linkedin member (1)", "LinkedIn Member (1)"),
            ("2018:linkedin member (2)", "LinkedIn Member (2)")
        ]
    );
    assert_eq!(personal(&out).messages[1].subject.as_deref(), Some("R&D"));
}

#[test]
fn a_folder_is_read_like_an_archive() {
    let connections = fixture_bytes("linkedin_connections_current", "Connections.csv");
    let entry = |name: &str, bytes: &[u8]| InputFile {
        name: format!("Basic_LinkedInDataExport_11-30-2026/{name}"),
        bytes: bytes.to_vec(),
    };
    let files = vec![
        entry("Connections.csv", &connections),
        entry(
            "Rich_Media.csv",
            b"Date/Time,Media Description,Media Link\n",
        ),
        entry("notes.txt", b"just some words"),
        entry("photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        entry("empty.csv", b""),
    ];
    let out = import_files(&files, &Limits::default()).expect("the folder is read");
    assert!(!personal(&out).people.is_empty());
    let skipped: Vec<&str> = out
        .report
        .skipped_files
        .iter()
        .map(|s| s.file.as_str())
        .collect();
    for name in ["notes.txt", "photo.png", "empty.csv"] {
        assert!(
            skipped.iter().any(|s| s.ends_with(name)),
            "{name} not listed as skipped: {skipped:?}"
        );
    }
    // A folder with nothing tiemap reads says so in one sentence, naming the folder.
    let err = import_files(&files[2..], &Limits::default()).expect_err("nothing to read");
    assert_eq!(
        err.sentence(),
        "Basic_LinkedInDataExport_11-30-2026 holds 3 files but none tiemap reads; drop Connections.csv or the whole LinkedIn ZIP, a Facebook friends file or a contacts file."
    );
    // The same unknown file dropped on its own is still an error.
    assert!(import_files(
        &[InputFile {
            name: "notes.txt".into(),
            bytes: b"just some words".to_vec()
        }],
        &Limits::default()
    )
    .is_err());
}

#[test]
fn the_fingerprint_follows_the_content_not_the_names_or_order() {
    use tiemap_core::import::fingerprint;
    let file = |name: &str, bytes: &[u8]| InputFile {
        name: name.into(),
        bytes: bytes.to_vec(),
    };
    let a = file("Connections.csv", b"First Name,Last Name\nAna,Lopez\n");
    let b = file("messages.csv", b"CONVERSATION ID,FROM\n1,Ana\n");
    let same = fingerprint(&[a.clone(), b.clone()]);
    // Saved maps are stored under these values (computed by the code that first shipped the
    // fingerprint): a change here loses every saved map.
    assert_eq!(same, "48fd036961538769");
    assert_eq!(fingerprint(std::slice::from_ref(&a)), "9a78044cf326ae52");
    assert_eq!(fingerprint(&[]), "cbf29ce44fd0bfc1");
    assert_eq!(fingerprint(&[file("x", b"")]), "1d8d8047810a9078");
    assert_eq!(fingerprint(&[file("x", b"1234567")]), "05e29628c73bea20");
    assert_eq!(fingerprint(&[b.clone(), a.clone()]), same);
    let renamed = file("Connections (1).csv", &a.bytes);
    assert_eq!(fingerprint(&[renamed, b.clone()]), same);
    let mut changed = a.clone();
    changed.bytes[30] ^= 1;
    assert_ne!(fingerprint(&[changed, b.clone()]), same);
    assert_ne!(fingerprint(std::slice::from_ref(&a)), same);
    assert_ne!(fingerprint(&[a.clone(), a]), fingerprint(&[b.clone(), b]));
}

#[test]
fn a_short_png_renamed_csv_is_named_as_an_image_not_read_as_an_edge_list() {
    // Found by the end-to-end hostile-files test: these bytes once read as "4 nodes, 1 tie".
    let png = [
        0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0, 0, 0, 13, b'I', b'H', b'D', b'R',
    ];
    let err = import_one("photo.csv", png.to_vec(), &Limits::default()).unwrap_err();
    assert!(matches!(err, ImportError::Binary { .. }), "{err:?}");
    assert!(err.sentence().contains("PNG"), "{}", err.sentence());
}

#[test]
fn truncated_archive_is_a_clear_error() {
    let connections = fixture_bytes("linkedin_connections_current", "Connections.csv");
    let archive = zip_of(&[("Connections.csv", &connections)]);
    for cut in [archive.len() / 2, archive.len() - 10, 30] {
        let err =
            import_one("export.zip", archive[..cut].to_vec(), &Limits::default()).unwrap_err();
        assert!(matches!(err, ImportError::BadArchive { .. }), "{err:?}");
        assert!(
            err.sentence().contains("download it again"),
            "{}",
            err.sentence()
        );
    }
}

#[test]
fn zip_bombs_are_refused_with_the_limit_in_the_sentence() {
    // 40 MB of one repeated line deflates about a thousand times.
    let bomb: Vec<u8> = b"First Name,Last Name,Company,Position,Connected On\n"
        .iter()
        .copied()
        .chain(std::iter::repeat_n(b'a', 40 * 1024 * 1024))
        .collect();
    let archive = zip_of(&[("Connections.csv", &bomb)]);
    assert!(
        archive.len() < 200 * 1024,
        "bomb compressed to {}",
        archive.len()
    );
    let err = import_one("bomb.zip", archive.clone(), &Limits::default()).unwrap_err();
    assert!(
        matches!(err, ImportError::ExpansionRatio { limit: 200, .. }),
        "{err:?}"
    );
    assert!(err.sentence().contains("200 times"), "{}", err.sentence());

    let per_entry = Limits {
        max_entry_bytes: 1024 * 1024,
        max_expansion_ratio: 100_000,
        ..Limits::default()
    };
    let err = import_one("bomb.zip", archive.clone(), &per_entry).unwrap_err();
    assert!(matches!(err, ImportError::EntryTooLarge { .. }), "{err:?}");
    assert!(
        err.sentence().contains("limit of 1 MB per file"),
        "{}",
        err.sentence()
    );

    let total = Limits {
        max_total_bytes: 2 * 1024 * 1024,
        max_expansion_ratio: 100_000,
        ..Limits::default()
    };
    let err = import_one("bomb.zip", archive, &total).unwrap_err();
    assert!(
        matches!(err, ImportError::ArchiveTooLarge { .. }),
        "{err:?}"
    );
    assert!(
        err.sentence().contains("limit of 2 MB in total"),
        "{}",
        err.sentence()
    );
}

#[test]
fn a_300_mb_file_is_refused_before_parsing() {
    // Zeroed pages: the allocation is lazy, and the size check comes before any byte is read.
    let bytes = vec![0u8; 300 * 1024 * 1024];
    let err = import_one("Connections.csv", bytes, &Limits::default()).unwrap_err();
    assert_eq!(
        err.sentence(),
        "Connections.csv is 300 MB, over tiemap's limit of 256 MB per file; drop Connections.csv alone instead of the whole archive."
    );
}

#[test]
fn a_line_with_a_million_fields_is_refused() {
    let mut csv =
        String::from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    csv.push_str(&",".repeat(1_000_000));
    csv.push('\n');
    let err = import_one("Connections.csv", csv.into_bytes(), &Limits::default()).unwrap_err();
    assert_eq!(
        err,
        ImportError::TooManyFields {
            file: "Connections.csv".into(),
            line: 2,
            fields: 1_000_001,
            limit: MAX_FIELDS,
        }
    );
    assert_eq!(
        err.sentence(),
        "Connections.csv can't be read: line 2 has 1,000,001 fields, over tiemap's limit of 1,000; is it really an export?"
    );
}

#[test]
fn deeply_nested_json_is_an_error_not_a_crash() {
    let deep = format!(
        "{{\"friends_v2\": {}{}}}",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    let err = import_one("your_friends.json", deep.into_bytes(), &Limits::default()).unwrap_err();
    assert!(matches!(err, ImportError::BadJson { .. }), "{err:?}");
    assert!(
        err.sentence().contains("nested too deeply"),
        "{}",
        err.sentence()
    );
}

#[test]
fn dropped_files_are_merged_and_a_binary_drop_is_named() {
    let out = import_files(
        &[
            InputFile {
                name: "Connections.csv".into(),
                bytes: fixture_bytes("linkedin_connections_2019", "Connections.csv"),
            },
            InputFile {
                name: "Connections (1).csv".into(),
                bytes: fixture_bytes("linkedin_connections_2018", "connections_1.CSV"),
            },
        ],
        &Limits::default(),
    )
    .unwrap();
    // Cy Cole's e-mail appears in neither file twice; Dee's and Cy's e-mails differ: 4 people.
    assert_eq!(personal(&out).people.len(), 4);
    let err = import_files(
        &[
            InputFile {
                name: "Connections.csv".into(),
                bytes: fixture_bytes("linkedin_connections_2019", "Connections.csv"),
            },
            InputFile {
                name: "scan.pdf".into(),
                bytes: b"%PDF-1.7\n".to_vec(),
            },
        ],
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.sentence(),
        "scan.pdf is a PDF document, not an export; drop Connections.csv or the whole LinkedIn ZIP."
    );
}

const CONNECTIONS_HEADER: &str =
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_arbitrary_bytes(
        name in "[A-Za-z0-9_ .()-]{0,24}",
        bytes in proptest::collection::vec(any::<u8>(), 0..2048),
    ) {
        let _ = import_one(&name, bytes, &Limits::default());
    }

    #[test]
    fn never_panics_behind_a_connections_header(tail in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let mut bytes = CONNECTIONS_HEADER.as_bytes().to_vec();
        bytes.extend(tail);
        if let Ok(out) = import_one("Connections.csv", bytes, &Limits::default()) {
            // Whatever was read is accounted for in the report.
            let read: usize = out.report.lines.iter().map(|l| l.count).sum();
            prop_assert_eq!(read, personal(&out).people.len() + out.report.merged_duplicates);
        }
    }

    #[test]
    fn never_panics_on_csv_ish_text(rows in proptest::collection::vec("[a-z,\"\\n\\r\\t ;:=/é明]{0,40}", 0..30)) {
        let text = format!("{CONNECTIONS_HEADER}{}", rows.join("\n"));
        let _ = import_one("Connections.csv", text.into_bytes(), &Limits::default());
        let vcard = format!("BEGIN:VCARD\n{}", rows.join("\n"));
        let _ = import_one("c.vcf", vcard.into_bytes(), &Limits::default());
    }

    #[test]
    fn never_panics_on_zip_ish_bytes(
        entry in proptest::collection::vec(any::<u8>(), 0..512),
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        cut in any::<usize>(),
    ) {
        let mut archive = zip_of(&[("Connections.csv", CONNECTIONS_HEADER.as_bytes()), ("x.csv", &entry)]);
        for (at, byte) in flips {
            let len = archive.len();
            archive[at % len] = byte;
        }
        let keep = 4 + cut % archive.len().saturating_sub(3).max(1);
        archive.truncate(keep.min(archive.len()));
        let _ = import_one("export.zip", archive, &Limits::default());
    }
}

/// The network inferred, with default settings, from a fixture case.
fn inferred_network(case: &str) -> tiemap_core::model::Network {
    let out =
        import_files(&case_inputs(&fixtures_dir().join(case)), &Limits::default()).expect("reads");
    tiemap_core::infer::infer_network(
        personal(&out),
        &tiemap_core::infer::InferSettings::default(),
    )
    .expect("infers")
}

/// LinkedIn's address book: its contacts who are connections are merged into them (by
/// e-mail, or by a name only one connection has); the rest reach the map marked as from the
/// address book, and only they.
#[test]
fn address_book_contacts_reach_the_map_marked() {
    let network = inferred_network("linkedin_address_book");
    let marked: Vec<&str> = network
        .nodes
        .iter()
        .filter(|n| n.from_address_book())
        .map(|n| n.label.as_str())
        .collect();
    assert_eq!(marked, ["Dara Quinn"]);
    assert_eq!(network.nodes.len(), 4);
}

/// Two connections of the same name: an address-book contact of that name (no e-mail in
/// common) is not guessed into either.
#[test]
fn an_address_book_name_two_connections_share_is_not_merged() {
    let connections = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
        Sam,Lee,https://www.linkedin.com/in/sam-lee-1,,A,,01 Jan 2020\n\
        Sam,Lee,https://www.linkedin.com/in/sam-lee-2,,B,,01 Jan 2021\n";
    let book = "Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,CreatedAt\n\
        GMAIL,Sam,Lee,,,sam@example.org,,\n";
    let out = import_files(
        &[
            InputFile {
                name: "Connections.csv".into(),
                bytes: connections.into(),
            },
            InputFile {
                name: "Contacts.csv".into(),
                bytes: book.into(),
            },
        ],
        &Limits::default(),
    )
    .expect("reads");
    let export = personal(&out);
    assert_eq!(export.people.len(), 3);
    assert_eq!(out.report.address_book_merged, 0);
}

/// The people of a Messenger group chat are tied, as those of a LinkedIn group
/// conversation are; mojibake in the chat and in the friends file is repaired alike, so
/// the names match. A chat of two (the owner and one friend) ties nobody.
#[test]
fn messenger_group_chats_tie_their_people() {
    let network = inferred_network("facebook_messenger");
    let node = |name: &str| {
        network
            .nodes
            .iter()
            .position(|n| n.label == name)
            .unwrap_or_else(|| panic!("no node {name}")) as u32
    };
    let in_chat = |a: &str, b: &str| {
        let (a, b) = (node(a), node(b));
        network.ties.iter().any(|t| {
            (t.source, t.target) == (a.min(b), a.max(b))
                && t.evidence
                    .iter()
                    .any(|e| matches!(e, tiemap_core::model::Evidence::Conversation { .. }))
        })
    };
    assert!(in_chat("Zoë Ardent", "Luís Baptista"));
    assert!(in_chat("Luís Baptista", "Ravi Menon"));
    assert!(!in_chat("Sam Ortiz", "Ravi Menon"));
    assert!(!in_chat("Ōta Hiro", "Zoë Ardent"));
}

/// Files of the export that hold no people are listed as skipped inside a ZIP, each with
/// what it is; the people of Connections.csv are read as always.
#[test]
fn files_without_people_are_listed_as_skipped_in_a_zip() {
    let connections = fixture_bytes("linkedin_connections_current", "Connections.csv");
    let skills = fixture_bytes("skills_only", "Skills.csv");
    let reactions = fixture_bytes("reactions_only", "Reactions.csv");
    let follows = fixture_bytes("member_follows_only", "Member_Follows.csv");
    let archive = zip_of(&[
        ("Export/Connections.csv", &connections),
        ("Export/Skills.csv", &skills),
        ("Export/Reactions.csv", &reactions),
        ("Export/Member_Follows.csv", &follows),
    ]);
    let out = import_one("Export.zip", archive, &Limits::default()).expect("reads");
    assert_eq!(personal(&out).people.len(), 7);
    let skipped: Vec<String> = out
        .report
        .skipped_files
        .iter()
        .map(|s| s.sentence())
        .collect();
    assert_eq!(
        skipped,
        [
            "Skipped Export/Skills.csv: it is Skills.csv, which holds no connections",
            "Skipped Export/Reactions.csv: it is Reactions.csv, which holds no connections",
            "Skipped Export/Member_Follows.csv: it is Member_Follows.csv, which holds no connections",
        ]
    );
    // Alone in a ZIP, they give the sentence a lone file gives.
    let alone = zip_of(&[
        ("Export/Skills.csv", &skills),
        ("Export/Reactions.csv", &reactions),
    ]);
    let e = import_one("Export.zip", alone, &Limits::default()).expect_err("no people");
    assert_eq!(
        e.sentence(),
        "Export/Skills.csv looks like Skills.csv, which holds no connections; drop Connections.csv or the whole LinkedIn ZIP."
    );
    // Dropped loose beside Connections.csv, they are listed, not fatal.
    let out = import_files(
        &[
            InputFile {
                name: "Connections.csv".into(),
                bytes: connections.clone(),
            },
            InputFile {
                name: "Skills.csv".into(),
                bytes: skills.clone(),
            },
        ],
        &Limits::default(),
    )
    .expect("reads");
    assert_eq!(personal(&out).people.len(), 7);
    assert_eq!(out.report.skipped_files.len(), 1);
}

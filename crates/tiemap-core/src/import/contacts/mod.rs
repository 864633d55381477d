//! Address-book exports: Google Contacts CSV (current and older headers), Outlook CSV, and
//! vCard 2.1/3.0/4.0. Groups, labels and categories become [`Person::labels`], without the
//! system groups (`* myContacts`, `* starred`, `System Group: My Contacts`).
//!
//! LinkedIn's connections export before 2016 came in Outlook's columns; it is read here with
//! them, as LinkedIn's ([`ContactsCsv::LinkedInOutlook`]).

mod vcard;

use super::csv_util::{decode_text_as, field, find_table, Table};
use super::{FileRead, ImportError, ReportLine, Skipped};
use crate::model::{ExportKind, Person, PersonSource, PersonalExport};

pub(crate) use vcard::read_vcard_text;

/// The contacts CSV files tiemap reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactsCsv {
    /// Google Contacts since 2020: `First Name,Middle Name,Last Name,...,Labels,
    /// E-mail 1 - Value,Organization Name,Organization Title,...`.
    Google,
    /// Google Contacts before 2020: `Name,Given Name,...,Family Name,...,Group Membership,
    /// E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title,...`.
    GoogleOld,
    /// Outlook: `First Name,Middle Name,Last Name,Title,Suffix,...,E-mail Address,...,
    /// Company,Job Title,Categories` (`Title` is Mr./Dr., `Job Title` the position), with
    /// headers in the language of the Outlook that wrote it.
    Outlook(HeaderLanguage),
    /// Thunderbird: `First Name,Last Name,Display Name,Nickname,Primary Email,Secondary
    /// Email,...,Job Title,Department,Organization,Web Page 1,...`, in its language too.
    Thunderbird(HeaderLanguage),
    /// Roundcube's own columns: `First Name,Last Name,Display Name,...,Email Home,Email Work,
    /// Email Other,...,Organization,Job Title,...,Groups`.
    Roundcube,
    /// LinkedIn's connections export before 2016 ("Microsoft Outlook (.CSV file)",
    /// `linkedin_connections_export_microsoft_outlook.csv`, Windows-1252): 59 columns of
    /// Outlook's, in an order of LinkedIn's own, `Title,First Name,Middle Name,Last Name,
    /// Suffix,E-mail Address,E-mail 2 Address,...,Company,Department,Job Title,...`, no dates.
    LinkedInOutlook,
    /// LinkedIn's copy of the owner's address book, in camel case: `Contacts.csv`
    /// (`Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,CreatedAt,...,
    /// FullName,...,Profiles`) and `ImportedContacts.csv` (`FirstName,MiddleName,LastName,...,
    /// Title,Emails,PhoneNumbers,CreatedAt,...`). Its people need not be connections: they
    /// are marked [`PersonSource::AddressBook`].
    LinkedInAddressBook,
}

/// The language of an address book's column names: Outlook and Thunderbird write them in
/// the language they run in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderLanguage {
    English,
    German,
    French,
    Spanish,
}

impl HeaderLanguage {
    const ALL: [HeaderLanguage; 4] = [
        HeaderLanguage::English,
        HeaderLanguage::German,
        HeaderLanguage::French,
        HeaderLanguage::Spanish,
    ];

    /// The note for a file with these headers ("German headers"), none for English.
    fn note(self) -> Option<&'static str> {
        match self {
            HeaderLanguage::English => None,
            HeaderLanguage::German => Some("German headers"),
            HeaderLanguage::French => Some("French headers"),
            HeaderLanguage::Spanish => Some("Spanish headers"),
        }
    }
}

/// The first columns of [`ContactsCsv::LinkedInOutlook`]: no address book puts the e-mail
/// right after the suffix.
const LINKEDIN_OUTLOOK_START: [&str; 6] = [
    "title",
    "first name",
    "middle name",
    "last name",
    "suffix",
    "e-mail address",
];

impl ContactsCsv {
    fn name(self) -> &'static str {
        match self {
            ContactsCsv::Google | ContactsCsv::GoogleOld => "Google Contacts CSV",
            ContactsCsv::Outlook(_) => "Outlook contacts CSV",
            ContactsCsv::Thunderbird(_) => "Thunderbird address book CSV",
            ContactsCsv::Roundcube => "Roundcube contacts CSV",
            ContactsCsv::LinkedInOutlook => "LinkedIn connections (Outlook layout)",
            ContactsCsv::LinkedInAddressBook => "LinkedIn address book (Contacts.csv)",
        }
    }

    /// Where the people come from, what they are called in the report, and a note on the
    /// file when it needs one.
    fn source(
        self,
    ) -> (
        ExportKind,
        (&'static str, &'static str),
        Option<&'static str>,
    ) {
        let contacts = ("contact", "contacts");
        match self {
            ContactsCsv::LinkedInOutlook => (
                ExportKind::LinkedIn,
                ("person", "people"),
                Some("LinkedIn's export of before 2016, in Outlook's layout"),
            ),
            ContactsCsv::LinkedInAddressBook => (
                ExportKind::Contacts,
                ("address-book contact", "address-book contacts"),
                Some("the address book you gave LinkedIn; shown as from your address book, not as connections"),
            ),
            ContactsCsv::Outlook(lang) | ContactsCsv::Thunderbird(lang) => {
                (ExportKind::Contacts, contacts, lang.note())
            }
            _ => (ExportKind::Contacts, contacts, None),
        }
    }
}

/// Recognises a (lower-cased, trimmed) header row of a contacts CSV.
pub fn classify_header(header: &[String]) -> Option<ContactsCsv> {
    let has = |name: &str| header.iter().any(|h| h == name);
    let has_any = |names: &[&str]| names.iter().any(|n| has(n));
    let linkedin_outlook = header.len() > LINKEDIN_OUTLOOK_START.len()
        && header
            .iter()
            .zip(LINKEDIN_OUTLOOK_START)
            .all(|(h, s)| h == s);
    if linkedin_outlook && has("job title") {
        return Some(ContactsCsv::LinkedInOutlook);
    }
    if has("firstname") && has("lastname") && has("emails") {
        return Some(ContactsCsv::LinkedInAddressBook);
    }
    if has("given name") && has("family name") && (has("group membership") || has("name")) {
        return Some(ContactsCsv::GoogleOld);
    }
    if has("first name")
        && has("last name")
        && (has("labels") || has("organization name") || has("e-mail 1 - value"))
    {
        return Some(ContactsCsv::Google);
    }
    if has_any(&["email home", "email work", "email other"])
        && has_any(&["first name", "display name"])
    {
        return Some(ContactsCsv::Roundcube);
    }
    for lang in HeaderLanguage::ALL {
        let c = thunderbird_columns(lang);
        if has_any(c.email) && (has_any(c.first) || has_any(c.full)) {
            return Some(ContactsCsv::Thunderbird(lang));
        }
    }
    for lang in HeaderLanguage::ALL {
        let c = outlook_columns(lang);
        // The first e-mail column is Outlook's own name for it; the others tell Outlook
        // from any table with a first name and an e-mail.
        if has_any(c.first)
            && has_any(c.email)
            && (has_any(c.title) || has_any(c.labels) || has_any(c.company))
        {
            return Some(ContactsCsv::Outlook(lang));
        }
    }
    None
}
/// Reads a contacts file (Google or Outlook CSV, or vCard) into `export`. A file that is none
/// of them is an [`ImportError::UnknownFormat`].
pub fn read_contacts(
    file: &str,
    bytes: &[u8],
    export: &mut PersonalExport,
) -> Result<ReportLine, ImportError> {
    let (text, encoding) = decode_text_as(bytes);
    let start = text.trim_start();
    let read = if start
        .get(..11)
        .is_some_and(|s| s.eq_ignore_ascii_case("BEGIN:VCARD"))
    {
        read_vcard_text(file, &text, export)
    } else {
        match find_table(file, &text, classify_header)? {
            Some(table) => read_table(file, table.kind, table, export),
            None => Err(ImportError::UnknownFormat {
                file: file.to_string(),
                hint: None,
            }),
        }
    };
    read.map(|read| read.line.noting(encoding.note()))
}

/// Which columns hold what, per kind (lower-case names, first match wins).
struct Columns {
    first: &'static [&'static str],
    middle: &'static [&'static str],
    last: &'static [&'static str],
    full: &'static [&'static str],
    email: &'static [&'static str],
    company: &'static [&'static str],
    title: &'static [&'static str],
    labels: &'static [&'static str],
    label_separator: &'static str,
    url: &'static [&'static str],
}

fn columns(kind: ContactsCsv) -> Columns {
    match kind {
        ContactsCsv::Google => Columns {
            first: &["first name"],
            middle: &["middle name"],
            last: &["last name"],
            full: &["file as", "nickname"],
            email: &["e-mail 1 - value"],
            company: &["organization name"],
            title: &["organization title"],
            labels: &["labels"],
            label_separator: ":::",
            url: &["website 1 - value"],
        },
        ContactsCsv::GoogleOld => Columns {
            first: &["given name"],
            middle: &["additional name"],
            last: &["family name"],
            full: &["name", "nickname"],
            email: &["e-mail 1 - value"],
            company: &["organization 1 - name"],
            title: &["organization 1 - title"],
            labels: &["group membership"],
            label_separator: ":::",
            url: &["website 1 - value"],
        },
        ContactsCsv::Outlook(lang) => outlook_columns(lang),
        ContactsCsv::LinkedInOutlook => outlook_columns(HeaderLanguage::English),
        ContactsCsv::Thunderbird(lang) => thunderbird_columns(lang),
        ContactsCsv::Roundcube => Columns {
            first: &["first name"],
            middle: &["middle name"],
            last: &["last name"],
            full: &["display name", "nickname"],
            email: &["email home", "email work", "email other"],
            company: &["organization", "company"],
            title: &["job title"],
            labels: &["groups"],
            label_separator: ",",
            url: &["website home page", "website work", "website profile"],
        },
        ContactsCsv::LinkedInAddressBook => Columns {
            first: &["firstname"],
            middle: &["middlename"],
            last: &["lastname"],
            full: &["fullname", "nickname"],
            email: &["emails"],
            company: &["companies"],
            title: &["title"],
            labels: &[],
            label_separator: ",",
            url: &["profiles", "sites"],
        },
    }
}

/// Outlook's columns in each language it writes them in (as Roundcube's importer lists
/// them, `program/localization/*/csv2vcard.inc`).
fn outlook_columns(lang: HeaderLanguage) -> Columns {
    match lang {
        HeaderLanguage::English => Columns {
            first: &["first name"],
            middle: &["middle name"],
            last: &["last name"],
            full: &["nickname"],
            email: &["e-mail address", "e-mail 2 address"],
            company: &["company"],
            title: &["job title"],
            labels: &["categories"],
            label_separator: ";",
            url: &["web page"],
        },
        HeaderLanguage::German => Columns {
            first: &["vorname"],
            middle: &["weitere vornamen"],
            last: &["nachname"],
            full: &["spitzname"],
            email: &["e-mail-adresse", "e-mail 2: adresse"],
            company: &["firma"],
            title: &["position"],
            labels: &["kategorien"],
            label_separator: ";",
            url: &["webseite"],
        },
        HeaderLanguage::French => Columns {
            first: &["prénom"],
            middle: &["deuxième prénom"],
            last: &["nom"],
            full: &["surnom"],
            email: &["adresse de messagerie", "adresse de messagerie 2"],
            company: &["société"],
            title: &["fonction", "profession"],
            labels: &["catégories"],
            label_separator: ";",
            url: &["page web"],
        },
        HeaderLanguage::Spanish => Columns {
            first: &["nombre"],
            middle: &["segundo nombre"],
            last: &["apellidos"],
            full: &["apodo"],
            email: &[
                "dirección de correo electrónico",
                "e-mail address",
                "dirección de correo electrónico 2",
            ],
            company: &["organización", "compañía"],
            title: &["puesto"],
            labels: &["categorías"],
            label_separator: ";",
            url: &["página web"],
        },
    }
}

/// Thunderbird's columns in each language it writes them in.
fn thunderbird_columns(lang: HeaderLanguage) -> Columns {
    match lang {
        HeaderLanguage::English => Columns {
            first: &["first name"],
            middle: &[],
            last: &["last name"],
            full: &["display name", "nickname"],
            email: &["primary email", "secondary email"],
            company: &["organization"],
            title: &["job title"],
            labels: &[],
            label_separator: ",",
            url: &["web page 1", "web page 2"],
        },
        HeaderLanguage::German => Columns {
            first: &["vorname"],
            middle: &[],
            last: &["nachname"],
            full: &["anzeigename", "spitzname"],
            email: &["primäre e-mail-adresse", "sekundäre e-mail-adresse"],
            company: &["organisation"],
            title: &["arbeitstitel", "position"],
            labels: &[],
            label_separator: ",",
            url: &["webseite 1", "webseite 2"],
        },
        HeaderLanguage::French => Columns {
            first: &["prénom"],
            middle: &[],
            last: &["nom"],
            full: &["nom à afficher", "surnom"],
            email: &[
                "adresse électronique principale",
                "adresse électronique secondaire",
            ],
            company: &["société", "organisation"],
            title: &["profession", "fonction"],
            labels: &[],
            label_separator: ",",
            url: &["site web 1", "site web 2"],
        },
        HeaderLanguage::Spanish => Columns {
            first: &["nombre"],
            middle: &[],
            last: &["apellidos"],
            full: &["nombre en pantalla", "apodo"],
            email: &[
                "dirección de correo electrónico principal",
                "dirección de correo electrónico secundaria",
            ],
            company: &["organización"],
            title: &["puesto"],
            labels: &[],
            label_separator: ",",
            url: &["página web 1", "página web 2"],
        },
    }
}

const INSTEAD: &str = "Connections.csv or the whole LinkedIn ZIP";

pub(crate) fn read_table<K>(
    file: &str,
    kind: ContactsCsv,
    mut table: Table<'_, K>,
    export: &mut PersonalExport,
) -> Result<FileRead, ImportError> {
    let c = columns(kind);
    let first = table.column(c.first);
    let middle = table.column(c.middle);
    let last = table.column(c.last);
    let full = table.column(c.full);
    // Every e-mail column present: the first non-blank one is the address (Roundcube's
    // "Email Home" is often blank beside a filled "Email Work").
    let emails: Vec<usize> = c
        .email
        .iter()
        .filter_map(|name| table.column(&[name]))
        .collect();
    let company = table.column(c.company);
    let title = table.column(c.title);
    let labels = table.column(c.labels);
    let url = table.column(c.url);
    let expected = table.header.len();
    let source = if kind == ContactsCsv::LinkedInAddressBook {
        PersonSource::AddressBook
    } else {
        PersonSource::Connection
    };
    let mut skipped = Vec::new();
    let mut count = 0;
    table.for_each_row(|line, row| {
        // Contacts files are written by many tools; a short row is tolerated, a long one is not.
        if row.len() > expected {
            skipped.push(Skipped {
                line: Some(line),
                reason: crate::import::linkedin::width_mismatch(row.len(), expected),
            });
            return;
        }
        let mut first_name = join_words(&[field(row, first), field(row, middle)]);
        let mut last_name = field(row, last).unwrap_or_default();
        if first_name.is_empty() && last_name.is_empty() {
            if let Some(name) = field(row, full) {
                (first_name, last_name) = split_full_name(&name);
            }
        }
        // Google joins several addresses with " ::: ", LinkedIn's address book with commas:
        // the first is the main one.
        let email = emails
            .iter()
            .find_map(|&at| field(row, Some(at)))
            .and_then(|e| first_email(&e));
        if first_name.is_empty() && last_name.is_empty() && email.is_none() {
            skipped.push(Skipped {
                line: Some(line),
                reason: "has no name or e-mail".to_string(),
            });
            return;
        }
        export.people.push(Person {
            first_name,
            last_name,
            profile_url: field(row, url).and_then(|u| first_of(&u, ":::")),
            email,
            company: field(row, company),
            position: field(row, title),
            connected_on: None,
            labels: field(row, labels)
                .map(|l| clean_labels(l.split(c.label_separator)))
                .unwrap_or_default(),
            source,
        });
        count += 1;
    })?;
    if count == 0 && skipped.is_empty() {
        return Err(ImportError::HeaderOnly {
            file: file.to_string(),
            recognised_as: kind.name().to_string(),
        });
    }
    let (source, nouns, note) = kind.source();
    Ok(FileRead {
        line: ReportLine::new(file, kind.name(), count, nouns, skipped).noting(note),
        source,
        holds_connections: true,
        address_book: kind == ContactsCsv::LinkedInAddressBook,
        instead: INSTEAD,
    })
}

fn join_words(words: &[Option<String>]) -> String {
    words
        .iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first address of a list (`a@x.org ::: b@y.org`, `a@x.org,b@y.org`); the whole
/// trimmed text when no part has an `@`.
fn first_email(text: &str) -> Option<String> {
    text.split([',', ';', ' '])
        .map(|part| part.trim().trim_matches(':'))
        .find(|part| part.contains('@'))
        .map(str::to_string)
        .or_else(|| first_of(text, ":::"))
}

fn first_of(text: &str, separator: &str) -> Option<String> {
    text.split(separator)
        .map(str::trim)
        .find(|s| !s.is_empty())
        .map(str::to_string)
}

/// "Ana María Lima" -> ("Ana María", "Lima").
pub(crate) fn split_full_name(name: &str) -> (String, String) {
    let name = name.trim();
    match name.rsplit_once(' ') {
        Some((first, last)) => (first.trim().to_string(), last.trim().to_string()),
        None => (name.to_string(), String::new()),
    }
}

/// Trims labels, drops blanks, duplicates and system groups (`* myContacts`, `* starred`,
/// `System Group: My Contacts`, and vCard's bare `myContacts` / `starred`).
pub(crate) fn clean_labels<'a>(labels: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for label in labels {
        let label = label.trim();
        let lower = label.to_lowercase();
        let system = label.starts_with('*')
            || lower.starts_with("system group:")
            || matches!(lower.as_str(), "mycontacts" | "starred" | "my contacts");
        if label.is_empty() || system || out.iter().any(|l| l == label) {
            continue;
        }
        out.push(label.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_groups_are_dropped() {
        assert_eq!(
            clean_labels(
                "* myContacts ::: Acme team ::: * starred ::: Family ::: Family".split(":::")
            ),
            vec!["Acme team", "Family"]
        );
        assert_eq!(
            clean_labels("System Group: My Contacts;Climbing".split(';')),
            vec!["Climbing"]
        );
    }

    #[test]
    fn headers_are_told_apart() {
        let h =
            |s: &str| -> Vec<String> { s.split(',').map(|x| x.trim().to_lowercase()).collect() };
        assert_eq!(
            classify_header(&h(
                "First Name,Middle Name,Last Name,Labels,E-mail 1 - Value,Organization Name"
            )),
            Some(ContactsCsv::Google)
        );
        assert_eq!(
            classify_header(&h(
                "Name,Given Name,Additional Name,Family Name,Group Membership,E-mail 1 - Value"
            )),
            Some(ContactsCsv::GoogleOld)
        );
        assert_eq!(
            classify_header(&h("First Name,Middle Name,Last Name,Title,Suffix,E-mail Address,Company,Job Title,Categories")),
            Some(ContactsCsv::Outlook(HeaderLanguage::English))
        );
        assert_eq!(
            classify_header(&h(
                "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
            )),
            None
        );
        assert_eq!(
            classify_header(&h("Title,First Name,Middle Name,Last Name,Suffix,E-mail Address,E-mail 2 Address,Company,Department,Job Title")),
            Some(ContactsCsv::LinkedInOutlook)
        );
        assert_eq!(
            classify_header(&h("Vorname,Weitere Vornamen,Nachname,Anrede,Suffix,Firma,Abteilung,Position,E-Mail-Adresse,Kategorien")),
            Some(ContactsCsv::Outlook(HeaderLanguage::German))
        );
        assert_eq!(
            classify_header(&h("First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Job Title,Organization")),
            Some(ContactsCsv::Thunderbird(HeaderLanguage::English))
        );
        assert_eq!(
            classify_header(&h(
                "Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,CreatedAt"
            )),
            Some(ContactsCsv::LinkedInAddressBook)
        );
        // Outlook's own export starts the same but puts the company after the suffix.
        assert_eq!(
            classify_header(&h("Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,E-mail Address")),
            Some(ContactsCsv::Outlook(HeaderLanguage::English))
        );
    }
}

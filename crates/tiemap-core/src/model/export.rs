//! What a personal export holds: the owner's connections and what is known about them.
//! None of it says who knows whom; [`crate::infer`] builds ties from it.

use super::{Date, Timestamp};
use serde::{Deserialize, Serialize};

/// Which kind of personal export the data came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ExportKind {
    #[default]
    LinkedIn,
    Facebook,
    Contacts,
}

/// Where a person on the map came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum PersonSource {
    /// A connection, friend or contact of the file the map is made of.
    #[default]
    Connection,
    /// LinkedIn's copy of the owner's address book (`Contacts.csv`, `ImportedContacts.csv`):
    /// people the owner has an e-mail for, who need not be connections.
    AddressBook,
}

impl PersonSource {
    /// Whether this is the usual source (left out of saved files, which stay as they were).
    pub fn is_connection(&self) -> bool {
        *self == PersonSource::Connection
    }
}

/// One of the owner's connections (a LinkedIn connection, a Facebook friend, a contact).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Person {
    pub first_name: String,
    pub last_name: String,
    /// The profile URL: a person's identity when present (names repeat).
    pub profile_url: Option<String>,
    pub email: Option<String>,
    /// Current employer, as written in the export.
    pub company: Option<String>,
    /// Current title, as written in the export.
    pub position: Option<String>,
    /// When the owner connected with (or befriended, or added) this person.
    pub connected_on: Option<Date>,
    /// Contact-file groups or labels ("Family", "Acme team").
    pub labels: Vec<String>,
    /// Where the person came from: a connection, or only the owner's address book.
    #[serde(default, skip_serializing_if = "PersonSource::is_connection")]
    pub source: PersonSource,
}

impl Person {
    /// "First Last", trimmed; falls back to the e-mail or URL when both names are blank.
    pub fn display_name(&self) -> String {
        let name = format!("{} {}", self.first_name.trim(), self.last_name.trim());
        let name = name.trim();
        if !name.is_empty() {
            return name.to_string();
        }
        self.email
            .clone()
            .or_else(|| self.profile_url.clone())
            .unwrap_or_else(|| "(no name)".to_string())
    }

    /// The key that identifies this person across files and re-imports: the profile URL
    /// (normalised: lower case, no trailing slash, no query) when there is one, else the e-mail,
    /// else the name.
    pub fn identity_key(&self) -> String {
        if let Some(url) = self.profile_url.as_deref().filter(|u| !u.trim().is_empty()) {
            return normalize_profile_url(url);
        }
        if let Some(email) = self.email.as_deref().filter(|e| !e.trim().is_empty()) {
            return format!("mailto:{}", email.trim().to_lowercase());
        }
        format!("name:{}", self.display_name().to_lowercase())
    }
}

/// Lower-cases a profile URL and drops scheme, `www.`, query and trailing slash, so the
/// same profile written two ways compares equal.
pub fn normalize_profile_url(url: &str) -> String {
    let u = url.trim().to_lowercase();
    let u = u.split(['?', '#']).next().unwrap_or("");
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(u);
    let u = u.strip_prefix("www.").unwrap_or(u);
    u.trim_end_matches('/').to_string()
}

/// One message of messages.csv.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Message {
    pub conversation_id: String,
    pub conversation_title: Option<String>,
    pub from_name: String,
    pub from_url: Option<String>,
    /// Recipient names as written (may be ambiguous: names can contain commas).
    pub to_names: Vec<String>,
    /// Recipient profile URLs: how recipients are matched to people.
    pub to_urls: Vec<String>,
    pub sent_at: Option<Timestamp>,
    pub subject: Option<String>,
    pub folder: Option<String>,
    /// For the 2018 form: "INCOMING" / "OUTGOING".
    pub direction: Option<String>,
}

/// Who sent an invitation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationDirection {
    Incoming,
    Outgoing,
}

/// One row of Invitations.csv.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Invitation {
    pub from_name: String,
    pub to_name: String,
    pub sent_at: Option<Timestamp>,
    pub direction: InvitationDirection,
    pub inviter_url: Option<String>,
    pub invitee_url: Option<String>,
}

/// One of the owner's own jobs (Positions.csv): a chapter of their career.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct OwnPosition {
    pub company: String,
    pub title: Option<String>,
    pub started_on: Option<Date>,
    /// `None` while the job is current.
    pub finished_on: Option<Date>,
}

/// One of the owner's schools (Education.csv).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct OwnSchool {
    pub school: String,
    pub degree: Option<String>,
    pub started_on: Option<Date>,
    pub finished_on: Option<Date>,
}

/// The owner (Profile.csv).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Profile {
    pub first_name: String,
    pub last_name: String,
    pub headline: Option<String>,
    pub industry: Option<String>,
}

/// One endorsement the owner received.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Endorsement {
    pub skill: String,
    pub endorser_name: String,
    pub endorser_url: Option<String>,
    pub endorsed_on: Option<Date>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecommendationDirection {
    Received,
    Given,
}

/// One recommendation, received or given.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub direction: RecommendationDirection,
    pub first_name: String,
    pub last_name: String,
    pub company: Option<String>,
    pub job_title: Option<String>,
    pub created_on: Option<Date>,
}

/// Everything read from one person's export files (one or several files merged).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct PersonalExport {
    pub kind: ExportKind,
    pub owner: Option<Profile>,
    pub people: Vec<Person>,
    pub messages: Vec<Message>,
    pub invitations: Vec<Invitation>,
    pub positions: Vec<OwnPosition>,
    /// The owner's schools (Education.csv).
    #[serde(default)]
    pub education: Vec<OwnSchool>,
    pub endorsements: Vec<Endorsement>,
    pub recommendations: Vec<Recommendation>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_prefers_url_then_email_then_name() {
        let mut p = Person {
            first_name: "Ana".into(),
            last_name: "Lima".into(),
            profile_url: Some("https://www.linkedin.com/in/AnaLima/?x=1".into()),
            email: Some("ana@example.org".into()),
            ..Person::default()
        };
        assert_eq!(p.identity_key(), "linkedin.com/in/analima");
        p.profile_url = None;
        assert_eq!(p.identity_key(), "mailto:ana@example.org");
        p.email = Some("  ".into());
        assert_eq!(p.identity_key(), "name:ana lima");
        assert_eq!(p.display_name(), "Ana Lima");
    }
}

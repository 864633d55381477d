//! Hard exports: made-up personal exports as messy as real ones, with known ground truth.
//!
//! The bundled sample ([`super::linkedin_sample`]) is too clean: its chapters differ by
//! employer and by year, so any map of it looks good. Real exports are not like that, and
//! their maps come out illegible. The exports here reproduce what real ones look like, so the
//! pipeline can be measured where it struggles. Each is deterministic from a seed and knows
//! the true group of every person.
//!
//! What makes them hard, and why each property is here:
//! - **Bursty dates** ([`HardKind::Burst`]): in one real export 1,514 of 1,651 connections
//!   were made in the same year, all while the owner held one position (one [`OwnPosition`]).
//!   Connection cohorts and career chapters then say almost nothing about who belongs with
//!   whom: here ~92% of connections fall in 2021, half of those on a few days shared by every
//!   group (an address-book import, online events).
//! - **One dominant employer** ([`HardKind::DominantEmployer`]): a ministry whose people in
//!   many departments (distinct true groups) all list it, spelled several ways ("Ministry of
//!   Digital Economy", "MINISTRY OF DIGITAL ECONOMY", "Ministry Digital Economy", "MoDE", in
//!   French and in Arabic). A shared-employer signal then lumps the departments together.
//! - **Generic roles** ([`HardKind::GenericRoles`]): "Software Engineer", "developers",
//!   "engineers", "Consultant", "Manager", "Student" in most groups, so titles barely
//!   separate them.
//! - **Sparse fields** ([`HardKind::SparseFields`]): over a third of companies blank or a
//!   placeholder ("NA", "N/A", "-", "Self-employed", "Freelance", "Student", "Retired"), a
//!   third of titles blank, and hidden members: rows with only a date (LinkedIn writes them
//!   for members who do not share their data; the importer skips them as nameless).
//! - **Names and dates only** ([`HardKind::FacebookLike`]): Facebook friends with their
//!   friend-since dates, heavy in 2008-2011, in cohorts (school, university, family, a first
//!   job) that overlap in time. [`HardExport::thin`] is true for it.
//!
//! In every kind the groups still exist in the truth, as in life: a team mixes a few
//! companies or departments and the titles of a role family, has its own moments, and talks
//! in group conversations among a few members (messages, LinkedIn kinds only); some people
//! bridge two groups ([`HardExport::also`]); group sizes are heavy-tailed (a few groups of
//! 100-400, many of 5-20, and singletons who belong to no group); some ex-members have moved
//! on to unrelated employers. Names carry accents, emoji and credentials ("Berg, PhD"), a few
//! are in Arabic script, a few companies are written right to left (Arabic, Hebrew), and a
//! few titles are in other languages.
//!
//! People are listed newest connection first, as the exports list them, so truth groups are
//! not contiguous. [`connections_csv`] and [`facebook_friends_json`] write an export as the
//! bytes a person would drop. No real person's data: every name and company is invented.

use super::{
    day_between, elsewhere, export_day, grown_title, misspell, url_variant, ymd, EMOJI, FIRST,
    LAST, OWNER_URL,
};
use crate::model::{
    Date, ExportKind, Message, OwnPosition, Person, PersonalExport, Profile, Timestamp,
};
use crate::rng::Rng;
use std::collections::BTreeSet;

/// Which hard property an export has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HardKind {
    /// ~92% of connections made in one year, all while the owner held one position.
    Burst,
    /// One employer (a ministry, spelled several ways) spans many true groups.
    DominantEmployer,
    /// Generic titles ("Software Engineer", "developers", "Consultant") across groups.
    GenericRoles,
    /// Over a third of companies blank or placeholders, a third of titles blank, hidden
    /// members.
    SparseFields,
    /// Facebook friends: names and friend-since dates only.
    FacebookLike,
}

impl HardKind {
    /// Every kind, in the order of [`hard_exports`].
    pub const ALL: [HardKind; 5] = [
        HardKind::Burst,
        HardKind::DominantEmployer,
        HardKind::GenericRoles,
        HardKind::SparseFields,
        HardKind::FacebookLike,
    ];

    /// A short name: `burst`, `dominant-employer`, `generic-roles`, `sparse-fields`,
    /// `facebook-like`.
    pub fn name(self) -> &'static str {
        match self {
            HardKind::Burst => "burst",
            HardKind::DominantEmployer => "dominant-employer",
            HardKind::GenericRoles => "generic-roles",
            HardKind::SparseFields => "sparse-fields",
            HardKind::FacebookLike => "facebook-like",
        }
    }

    /// How many people the standard set ([`hard_exports`]) gives this kind.
    pub fn standard_people(self) -> usize {
        match self {
            HardKind::Burst => 1_651,
            HardKind::DominantEmployer => 900,
            HardKind::GenericRoles => 1_200,
            HardKind::SparseFields => 400,
            HardKind::FacebookLike => 600,
        }
    }

    fn salt(self) -> u64 {
        match self {
            HardKind::Burst => 0x6275_7273_7400_0001,
            HardKind::DominantEmployer => 0x646f_6d69_6e00_0002,
            HardKind::GenericRoles => 0x6765_6e65_7200_0003,
            HardKind::SparseFields => 0x7370_6172_7300_0004,
            HardKind::FacebookLike => 0x6661_6365_6200_0005,
        }
    }
}

/// A hard export with its ground truth.
#[derive(Clone, Debug, PartialEq)]
pub struct HardExport {
    /// The kind's [`HardKind::name`].
    pub name: &'static str,
    /// What the importer gives for the dropped files, plus the hidden members it skips
    /// (people with only `connected_on`).
    pub export: PersonalExport,
    /// The true group of each person, same order as `export.people`; indexes `groups`.
    pub truth: Vec<u32>,
    /// True when the data is names and dates only.
    pub thin: bool,
    /// For a bridge (someone in two groups), the second true group; same order as `truth`.
    pub also: Vec<Option<u32>>,
    /// The name of each true group. Singletons (people in no group) are "unaffiliated".
    pub groups: Vec<String>,
}

impl HardExport {
    /// The export as the importer reads it back from [`connections_csv`]: without the
    /// hidden members (rows with only a date, which it skips as nameless), with `truth` and
    /// `also` kept aligned. Unchanged for Facebook-like exports, which have none.
    pub fn without_hidden(&self) -> HardExport {
        let keep: Vec<bool> = self.export.people.iter().map(|p| !is_hidden(p)).collect();
        let kept = |i: &usize| keep[*i];
        let n = self.export.people.len();
        HardExport {
            name: self.name,
            export: PersonalExport {
                people: (0..n)
                    .filter(kept)
                    .map(|i| self.export.people[i].clone())
                    .collect(),
                ..self.export.clone()
            },
            truth: (0..n).filter(kept).map(|i| self.truth[i]).collect(),
            thin: self.thin,
            also: (0..n).filter(kept).map(|i| self.also[i]).collect(),
            groups: self.groups.clone(),
        }
    }
}

/// A row LinkedIn writes for a member who does not share their data: only the date.
fn is_hidden(p: &Person) -> bool {
    p.first_name.is_empty()
        && p.last_name.is_empty()
        && p.profile_url.is_none()
        && p.email.is_none()
}

/// The standard set, one export per kind in [`HardKind::ALL`] order, each of
/// [`HardKind::standard_people`] people: Burst 1,651, DominantEmployer 900, GenericRoles
/// 1,200, SparseFields 400, FacebookLike 600.
pub fn hard_exports(seed: u64) -> Vec<HardExport> {
    HardKind::ALL
        .iter()
        .map(|&kind| hard_export(kind, kind.standard_people(), seed))
        .collect()
}

/// One hard export of `kind` with `people` people, fixed by `seed`.
pub fn hard_export(kind: HardKind, people: usize, seed: u64) -> HardExport {
    let mut rng = Rng::new(seed ^ kind.salt());
    let plan = match kind {
        HardKind::Burst => burst(&mut rng, people),
        HardKind::DominantEmployer => dominant_employer(&mut rng, people),
        HardKind::GenericRoles => generic_roles(&mut rng, people),
        HardKind::SparseFields => sparse_fields(&mut rng, people),
        HardKind::FacebookLike => facebook_like(&mut rng, people),
    };
    build(&mut rng, kind.name(), plan, people)
}

/// LinkedIn's current `Connections.csv` for `export`'s people (the `Notes:` preamble, then
/// `First Name,Last Name,URL,Email Address,Company,Position,Connected On`, dates like
/// `16 Sep 2021`). The sample's writer ([`super::connections_csv`]) as bytes.
pub fn connections_csv(export: &PersonalExport) -> Vec<u8> {
    super::connections_csv(&export.people).into_bytes()
}

/// Facebook's `your_friends.json` for `export`'s people: `{"friends_v2": [{"name", "timestamp"}]}`
/// pretty-printed as Facebook does, with non-ASCII text written the way Facebook writes it
/// (each UTF-8 byte escaped as a character, `"Mu\u00c3\u00b1oz"` for "Muñoz", which
/// [`crate::import::facebook::repair_mojibake`] undoes). The timestamp is a time of day on
/// the connection date (UTC), 0 when there is none.
pub fn facebook_friends_json(export: &PersonalExport) -> Vec<u8> {
    let mut out = String::from("{\n  \"friends_v2\": [");
    for (i, p) in export.people.iter().enumerate() {
        let name = format!("{} {}", p.first_name.trim(), p.last_name.trim());
        // a time of day between 08:00 and 23:00, varied but fixed by the row
        let time_of_day = 28_800 + (i as i64).wrapping_mul(7_919).rem_euclid(54_000);
        let secs = p
            .connected_on
            .map(|d| i64::from(d.days_since_epoch()) * 86_400 + time_of_day)
            .unwrap_or(0);
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str("    {\n      \"name\": \"");
        push_facebook_string(&mut out, name.trim());
        out.push_str("\",\n      \"timestamp\": ");
        out.push_str(&secs.to_string());
        out.push_str("\n    }");
    }
    out.push_str("\n  ]\n}\n");
    out.into_bytes()
}

/// A JSON string body as Facebook escapes it: ASCII as is, every byte of a non-ASCII
/// character's UTF-8 as `\u00XX`.
fn push_facebook_string(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if c.is_ascii() => out.push(c),
            c => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("\\u00{b:02x}"));
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Vocabulary: invented names, companies and role families.

const MORE_FIRST: &[&str] = &[
    "Zoé",
    "Małgorzata",
    "Björn",
    "Ngozi",
    "Thảo",
    "Siobhán",
    "Noémie",
    "Jürgen",
    "Oğuz",
    "Renée",
    "Inês",
    "Mikaël",
    "Ana María",
    "Jean-François",
    "Dušan",
    "Åsa",
    "Chiamaka",
    "Raúl",
    "Hélène",
    "Zeynep",
];
const MORE_LAST: &[&str] = &[
    "Núñez",
    "Łęcka",
    "Sánchez",
    "Håkansson",
    "Đorđević",
    "Çelik",
    "Öztürk",
    "Brontë",
    "Gonçalves",
    "Dvořák",
    "Kovačević",
    "Nguyễn",
    "Ó'Briain",
    "Ferreira-Lund",
    "Šimunović",
    "Aydın",
];
const ARABIC_FIRST: &[&str] = &["ليلى", "عمر", "يوسف", "مريم", "خالد", "نور", "سارة", "أحمد"];
const ARABIC_LAST: &[&str] = &["حداد", "النجار", "الخطيب", "منصور", "عيسى", "الحسيني"];
const CREDENTIALS: &[&str] = &[", PhD", ", MBA", " MBA", ", CFA", ", PMP", " (she/her)"];
const DOMAINS: &[&str] = &["example.com", "example.org", "example.net", "mail.example"];

/// Placeholders people type instead of an employer.
const NO_EMPLOYER: &[&str] = &[
    "NA",
    "N/A",
    "-",
    "Self-employed",
    "Freelance",
    "Student",
    "Retired",
    "n/a",
    "None",
    "Self Employed",
    "Looking for opportunities",
    "Stealth Startup",
];

/// Titles shared by people of every group.
const GENERIC_TITLES: &[&str] = &[
    "Software Engineer",
    "developers",
    "engineers",
    "Consultant",
    "Manager",
    "Student",
    "Engineer",
    "Developer",
    "Project Manager",
    "Senior Consultant",
];
/// Titles written in another language.
const FOREIGN_TITLES: &[&str] = &[
    "مهندس برمجيات",
    "مدير مشروع",
    "Ingeniera de Software",
    "Développeur",
    "Chef de projet",
    "Entwickler",
    "Consultora",
    "מהנדס תוכנה",
];
const TITLE_ASIDES: &[&str] = &[
    "Cloud | Kubernetes",
    "Helping teams ship",
    "Open to work",
    "Mentor",
    "Speaker",
];

const SOFTWARE: &[&str] = &[
    "Software Engineer",
    "Backend Developer",
    "Frontend Developer",
    "Full Stack Developer",
    "Mobile Developer",
    "developers",
    "engineers",
];
const DATA: &[&str] = &[
    "Data Scientist",
    "Data Analyst",
    "Data Engineer",
    "Machine Learning Engineer",
    "Statistician",
];
const PRODUCT: &[&str] = &[
    "Product Manager",
    "Product Owner",
    "UX Designer",
    "Product Designer",
    "UX Researcher",
];
const SALES: &[&str] = &[
    "Account Executive",
    "Sales Manager",
    "Business Development Manager",
    "Key Account Manager",
    "Customer Success Manager",
];
const MARKETING: &[&str] = &[
    "Marketing Manager",
    "Content Strategist",
    "Growth Marketer",
    "Brand Manager",
    "Social Media Manager",
];
const FINANCE: &[&str] = &[
    "Accountant",
    "Financial Analyst",
    "Controller",
    "Auditor",
    "Procurement Officer",
];
const PEOPLE_OPS: &[&str] = &[
    "HR Business Partner",
    "Talent Acquisition Specialist",
    "People Partner",
    "Learning and Development Manager",
    "HR Manager",
];
const HEALTH: &[&str] = &[
    "Registered Nurse",
    "Nurse",
    "Physician",
    "Midwife",
    "Clinical Nurse Specialist",
    "Pharmacist",
];
const EDUCATION: &[&str] = &[
    "Teacher",
    "Lecturer",
    "Professor",
    "Teaching Assistant",
    "Student",
];
const POLICY: &[&str] = &[
    "Policy Advisor",
    "Program Officer",
    "Public Servant",
    "Advisor to the Minister",
    "Senior Policy Officer",
];
const LEGAL: &[&str] = &[
    "Legal Counsel",
    "Lawyer",
    "Legal Advisor",
    "Paralegal",
    "Compliance Officer",
];
const OPS: &[&str] = &[
    "Operations Manager",
    "Project Manager",
    "Logistics Coordinator",
    "Program Manager",
    "Office Manager",
];
const SECURITY: &[&str] = &[
    "Security Analyst",
    "Penetration Tester",
    "SOC Analyst",
    "Information Security Officer",
    "Security Engineer",
];
const INFRA: &[&str] = &[
    "DevOps Engineer",
    "Site Reliability Engineer",
    "Cloud Architect",
    "Systems Administrator",
    "Network Engineer",
];
const CONSULTING: &[&str] = &[
    "Consultant",
    "Senior Consultant",
    "Management Consultant",
    "Business Analyst",
    "Manager",
];
const FOUNDERS: &[&str] = &["Founder", "Co-Founder", "CEO", "CTO", "Co-Founder & CEO"];
const INVESTORS: &[&str] = &[
    "Partner",
    "Principal",
    "Investment Manager",
    "Venture Partner",
    "Angel Investor",
];
const RESEARCH: &[&str] = &[
    "PhD Candidate",
    "Research Scientist",
    "Postdoctoral Researcher",
    "Research Assistant",
];
const CREATIVE: &[&str] = &[
    "Photographer",
    "Videographer",
    "Graphic Designer",
    "Wedding Photographer",
    "Art Director",
];
const COMMUNITY: &[&str] = &[
    "Community Manager",
    "Event Manager",
    "Program Coordinator",
    "Partnerships Lead",
];
const RECRUITING: &[&str] = &[
    "Technical Recruiter",
    "Recruiter",
    "Talent Acquisition Partner",
    "Executive Search Consultant",
];
const TRADES: &[&str] = &[
    "Electrician",
    "Real Estate Agent",
    "Shop Owner",
    "Chef",
    "Hairdresser",
    "Driver",
];
const LEARNERS: &[&str] = &[
    "Student",
    "Junior Developer",
    "Web Developer",
    "developers",
    "Aspiring Software Engineer",
    "Bootcamp Graduate",
];

/// Role families for small teams, with a word for the team's name.
const FAMILIES: &[(&str, &[&str])] = &[
    ("engineering", SOFTWARE),
    ("data", DATA),
    ("product", PRODUCT),
    ("sales", SALES),
    ("marketing", MARKETING),
    ("finance", FINANCE),
    ("people", PEOPLE_OPS),
    ("operations", OPS),
    ("security", SECURITY),
    ("platform", INFRA),
    ("consulting", CONSULTING),
    ("research", RESEARCH),
    ("design", CREATIVE),
    ("teaching", EDUCATION),
];

const VENTURE_WORDS: &[&str] = &[
    "Quanta", "Lumen", "Orbit", "Kestrel", "Fathom", "Ember", "Tessel", "Nimbus", "Vireo",
    "Halcyon", "Cobalt", "Juniper", "Moss", "Atlas", "Pebble", "Saffron", "Tundra", "Wren",
];
const VENTURE_TAILS: &[&str] = &[
    "AI",
    "Labs",
    "Studio",
    "Health",
    "Pay",
    "Robotics",
    "Analytics",
    "Foods",
    "Design",
    "Mobility",
    "Learning",
    "Energy",
];
/// Right-to-left company names (invented) with their Latin spellings.
const OASIS: &[(&str, f64)] = &[
    ("مجموعة الواحة للتقنية", 0.5),
    ("Al Waha Tech Group", 0.3),
    ("Oasis Technology Group", 0.2),
];
const EREZ: &[(&str, f64)] = &[("מעבדות ארז", 0.6), ("Erez Labs", 0.4)];
/// The dominant employer of [`HardKind::DominantEmployer`]: one ministry, many spellings.
/// The first five share one [`crate::infer::normalize_company`] key.
const MINISTRY: &[(&str, f64)] = &[
    ("Ministry of Digital Economy", 0.64),
    ("MINISTRY OF DIGITAL ECONOMY", 0.08),
    ("Ministry of Digital Economy (MoDE)", 0.06),
    ("ministry of digital economy", 0.04),
    ("Ministry of the Digital Economy", 0.04),
    ("Ministry Digital Economy", 0.06),
    ("MoDE", 0.05),
    ("Ministère de l'Économie Numérique", 0.03),
    ("وزارة الاقتصاد الرقمي", 0.04),
    ("Min. of Digital Economy", 0.02),
    ("Digital Economy Ministry", 0.02),
];

// ---------------------------------------------------------------------------------------
// The plan of an export: its groups and how dirty its fields are.

/// An employer as its people write it.
#[derive(Clone, Debug)]
struct Employer {
    /// Spellings with weights.
    spellings: Vec<(String, f64)>,
    /// Whether people add legal suffixes and change case ([`misspell`]): companies, not
    /// ministries or placeholders.
    corporate: bool,
}

impl Employer {
    fn corp(name: impl Into<String>) -> Employer {
        Employer {
            spellings: vec![(name.into(), 1.0)],
            corporate: true,
        }
    }

    fn spelled(spellings: &[(&str, f64)]) -> Employer {
        Employer {
            spellings: spellings.iter().map(|(s, w)| (s.to_string(), *w)).collect(),
            corporate: false,
        }
    }

    fn spell(&self, rng: &mut Rng) -> String {
        let name = weighted(rng, &self.spellings).cloned().unwrap_or_default();
        if self.corporate {
            misspell(rng, &name)
        } else {
            name
        }
    }
}

/// A true group and how its members look.
#[derive(Clone, Debug)]
struct Group {
    name: String,
    size: usize,
    employers: Vec<(Employer, f64)>,
    /// Probability a member runs a company of their own (a name nobody else has).
    own_company: f64,
    titles: &'static [&'static str],
    /// When members were met (outside the kind's burst, if it has one).
    start: Date,
    end: Date,
    /// The group's own moments (a kickoff, a demo day, a wedding), met within days of one.
    moments: Vec<Date>,
    moment_share: f64,
    /// Probability a member was met in the kind's burst.
    in_burst: f64,
    /// Share of members with names in Arabic script.
    rtl_names: f64,
    /// Group conversations per member.
    talk: f64,
}

impl Group {
    fn new(
        name: impl Into<String>,
        size: usize,
        titles: &'static [&'static str],
        start: Date,
        end: Date,
    ) -> Group {
        Group {
            name: name.into(),
            size,
            employers: Vec::new(),
            own_company: 0.0,
            titles,
            start,
            end,
            moments: Vec::new(),
            moment_share: 0.0,
            in_burst: 0.955,
            rtl_names: 0.0,
            talk: 0.04,
        }
    }

    fn at(mut self, employer: Employer, weight: f64) -> Group {
        self.employers.push((employer, weight));
        self
    }

    fn at_corp(self, name: impl Into<String>, weight: f64) -> Group {
        self.at(Employer::corp(name), weight)
    }

    /// `count` moments drawn in `[start, end]`, a share `share` of members met around them.
    fn moments_in(
        mut self,
        rng: &mut Rng,
        count: usize,
        start: Date,
        end: Date,
        share: f64,
    ) -> Group {
        self.moments = (0..count).map(|_| day_between(rng, start, end)).collect();
        self.moment_share = share;
        self
    }

    fn own_company(mut self, p: f64) -> Group {
        self.own_company = p;
        self
    }

    fn in_burst(mut self, p: f64) -> Group {
        self.in_burst = p;
        self
    }

    fn rtl(mut self, p: f64) -> Group {
        self.rtl_names = p;
        self
    }

    fn talk(mut self, p: f64) -> Group {
        self.talk = p;
        self
    }
}

/// A year (or so) in which most connections were made, on a few shared days.
#[derive(Clone, Debug)]
struct Burst {
    start: Date,
    end: Date,
    /// Days shared by all groups (bulk imports, online events), weighted.
    days: Vec<(Date, f64)>,
    /// Share of burst dates on those days.
    on_days: f64,
}

/// How dirty an export's fields are.
#[derive(Clone, Debug)]
struct Style {
    blank_company: f64,
    junk_company: f64,
    /// Probability a person now works somewhere unrelated to their group.
    moved_on: f64,
    blank_title: f64,
    generic_title: f64,
    hidden: f64,
    bridges: f64,
    email: f64,
    /// One-to-one conversations per person.
    one_to_one: f64,
    /// Conversations mixing groups (an event's chat), per group conversation.
    mixed: f64,
    burst: Option<Burst>,
    /// Names and dates only.
    thin: bool,
    /// When people outside every group were met.
    span: (Date, Date),
}

impl Style {
    fn linkedin(span: (Date, Date)) -> Style {
        Style {
            blank_company: 0.05,
            junk_company: 0.04,
            moved_on: 0.15,
            blank_title: 0.04,
            generic_title: 0.2,
            hidden: 0.01,
            bridges: 0.03,
            email: 0.03,
            one_to_one: 0.05,
            mixed: 0.15,
            burst: None,
            thin: false,
            span,
        }
    }
}

struct Plan {
    kind: ExportKind,
    owner: Option<Profile>,
    positions: Vec<OwnPosition>,
    groups: Vec<Group>,
    style: Style,
    /// Share of people in no group.
    strangers: f64,
}

fn profile(first: &str, last: &str, headline: &str, industry: &str) -> Option<Profile> {
    Some(Profile {
        first_name: first.into(),
        last_name: last.into(),
        headline: Some(headline.into()),
        industry: Some(industry.into()),
    })
}

fn position(company: &str, title: &str, start: Date, end: Option<Date>) -> OwnPosition {
    OwnPosition {
        company: company.into(),
        title: Some(title.into()),
        started_on: Some(start),
        finished_on: end,
    }
}

/// A share of `people`, at least 2.
fn part(people: usize, share: f64) -> usize {
    ((people as f64 * share).round() as usize).max(2)
}

/// A company of one's own: a name few others have.
fn own_company_name(rng: &mut Rng) -> String {
    let word = rng.pick(VENTURE_WORDS).copied().unwrap_or("Quanta");
    let tail = rng.pick(VENTURE_TAILS).copied().unwrap_or("Labs");
    let stem = rng.pick(super::COMPANY_STEMS).copied().unwrap_or("Blue");
    if rng.chance(0.5) {
        format!("{word} {tail}")
    } else {
        format!("{stem}{} {tail}", word.to_lowercase())
    }
}

/// A small team: a home company with a partner or two, one role family, a moment or two.
fn team(rng: &mut Rng, size: usize, start: Date, end: Date, what: &str) -> Group {
    let (label, titles) = rng
        .pick(FAMILIES)
        .copied()
        .unwrap_or(("engineering", SOFTWARE));
    let home = elsewhere(rng);
    let partner = elsewhere(rng);
    let moments = 1 + rng.below(2);
    Group::new(format!("{home} {label} {what}"), size, titles, start, end)
        .at_corp(home, 0.7)
        .at_corp(partner, 0.2)
        .at_corp(elsewhere(rng), 0.1)
        .moments_in(rng, moments, start, end, 0.5)
        .talk(0.06)
}

/// Fills the people not yet in a group with small teams (5-20, sometimes up to 60) made by
/// `make`, leaving a share `plan.strangers` in no group. Scales the planned groups down when
/// `people` is too small for them.
fn fill(
    rng: &mut Rng,
    plan: &mut Plan,
    people: usize,
    mut make: impl FnMut(&mut Rng, usize) -> Group,
) {
    let strangers = (people as f64 * plan.strangers).round() as usize;
    let budget = people.saturating_sub(strangers);
    let planned: usize = plan.groups.iter().map(|g| g.size).sum();
    if planned > budget {
        for g in &mut plan.groups {
            g.size = (g.size * budget / planned.max(1)).max(1);
        }
    }
    let planned: usize = plan.groups.iter().map(|g| g.size).sum();
    let mut left = budget.saturating_sub(planned);
    while left >= 5 {
        let mut size = if rng.chance(0.12) {
            rng.range_inclusive(21, 60) as usize
        } else {
            rng.range_inclusive(5, 20) as usize
        };
        size = size.min(left);
        if left - size < 5 {
            size = left;
        }
        plan.groups.push(make(rng, size));
        left -= size;
    }
}

// ---------------------------------------------------------------------------------------
// The five kinds.

fn burst(rng: &mut Rng, people: usize) -> Plan {
    let year = (ymd(2021, 1, 1), ymd(2021, 12, 31));
    let (y0, y1) = year;
    let span = (ymd(2012, 9, 1), export_day());
    // bulk days: an address-book import, then online events; all groups share them
    let mut days: Vec<(Date, f64)> = vec![(ymd(2021, 2, 11), 8.0), (ymd(2021, 2, 12), 3.0)];
    for k in 0..24 {
        let weight = if k < 4 { 3.0 } else { 1.0 };
        days.push((day_between(rng, y0, y1), weight));
    }
    let mut style = Style::linkedin(span);
    style.generic_title = 0.25;
    style.moved_on = 0.2;
    style.burst = Some(Burst {
        start: y0,
        end: y1,
        days,
        on_days: 0.5,
    });
    let (s, e) = span;
    let groups = vec![
        Group::new("Bootcamp cohort", part(people, 0.22), LEARNERS, s, e)
            .at_corp("Kestrel Academy", 0.35)
            .at_corp(elsewhere(rng), 0.1)
            .at_corp(elsewhere(rng), 0.1)
            .at(Employer::spelled(&[("Student", 1.0)]), 0.25)
            .at_corp(elsewhere(rng), 0.2)
            .moments_in(rng, 3, y0, y1, 0.3)
            .talk(0.02),
        Group::new("Accelerator founders", part(people, 0.15), FOUNDERS, s, e)
            .own_company(0.85)
            .at_corp("Kestrel Hub", 0.5)
            .at(Employer::spelled(&[("Stealth Startup", 1.0)]), 0.5)
            .moments_in(rng, 2, y0, y1, 0.3),
        Group::new("Mentors and experts", part(people, 0.10), CONSULTING, s, e)
            .at_corp("Hooli", 0.2)
            .at_corp("Globex", 0.2)
            .at_corp("Initech", 0.15)
            .at_corp("Massive Dynamic", 0.15)
            .at_corp("Northgate Consulting", 0.3),
        Group::new("City digital programme", part(people, 0.07), POLICY, s, e)
            .at(
                Employer::spelled(&[
                    ("City of Northfield", 0.6),
                    ("Northfield City Council", 0.3),
                    ("CITY OF NORTHFIELD", 0.1),
                ]),
                0.7,
            )
            .at_corp("Northfield Development Agency", 0.3)
            .moments_in(rng, 2, y0, y1, 0.3),
        Group::new("Investors", part(people, 0.035), INVESTORS, s, e)
            .at_corp("Harbor Capital", 0.4)
            .at_corp("Kestrel Ventures", 0.3)
            .at_corp(elsewhere(rng), 0.3),
        Group::new("Recruiters", part(people, 0.025), RECRUITING, s, e)
            .at_corp("Hays", 0.3)
            .at_corp("Talentia Search", 0.3)
            .at_corp(elsewhere(rng), 0.4)
            .talk(0.0),
        Group::new("Kestrel Hub team", part(people, 0.03), COMMUNITY, s, e)
            .at(
                Employer::spelled(&[("Kestrel Hub", 0.7), ("KESTREL HUB", 0.1), ("Kestrel", 0.2)]),
                0.9,
            )
            .at_corp("Kestrel Academy", 0.1)
            .talk(0.1),
        Group::new(
            "Oasis partner programme",
            part(people, 0.012),
            SOFTWARE,
            s,
            e,
        )
        .at(Employer::spelled(OASIS), 0.8)
        .at(Employer::spelled(EREZ), 0.2)
        .rtl(0.5)
        .moments_in(rng, 1, y0, y1, 0.6),
        // met before the burst: the owner's earlier chapters
        Group::new(
            "Brightfield colleagues",
            part(people, 0.025),
            PRODUCT,
            ymd(2016, 3, 1),
            ymd(2020, 10, 31),
        )
        .at_corp("Brightfield Labs", 0.6)
        .at_corp(elsewhere(rng), 0.4)
        .in_burst(0.1),
        Group::new(
            "Northfield University",
            part(people, 0.015),
            RESEARCH,
            ymd(2012, 9, 1),
            ymd(2016, 2, 28),
        )
        .at(
            Employer::spelled(&[("Northfield University", 0.7), ("Univ. of Northfield", 0.3)]),
            0.8,
        )
        .at_corp(elsewhere(rng), 0.2)
        .in_burst(0.15),
    ];
    let mut plan = Plan {
        kind: ExportKind::LinkedIn,
        owner: profile(
            "Noor",
            "Lindqvist",
            "Community Lead at Kestrel Hub",
            "Technology, Information and Internet",
        ),
        positions: vec![
            position(
                "Northfield University",
                "Student Assistant",
                ymd(2012, 9, 1),
                Some(ymd(2016, 2, 28)),
            ),
            position(
                "Brightfield Labs",
                "Program Coordinator",
                ymd(2016, 3, 1),
                Some(ymd(2020, 10, 31)),
            ),
            position("Kestrel Hub", "Community Lead", ymd(2020, 11, 2), None),
        ],
        groups,
        style,
        strangers: 0.03,
    };
    fill(rng, &mut plan, people, |rng, size| {
        team(rng, size, s, e, "squad").moments_in(rng, 1, y0, y1, 0.4)
    });
    plan
}

fn dominant_employer(rng: &mut Rng, people: usize) -> Plan {
    let span = (ymd(2011, 6, 1), export_day());
    let (s, e) = (ymd(2015, 3, 1), export_day());
    let mut style = Style::linkedin(span);
    style.moved_on = 0.05;
    style.generic_title = 0.3;
    let ministry = Employer::spelled(MINISTRY);
    let department = |rng: &mut Rng, name: &str, share: f64, titles: &'static [&'static str]| {
        let own = format!("Ministry of Digital Economy - {name}");
        let moments = 2 + rng.below(2);
        Group::new(name, part(people, share), titles, s, e)
            .at(ministry.clone(), 0.9)
            .at(Employer::spelled(&[(own.as_str(), 1.0)]), 0.05)
            .at_corp(elsewhere(rng), 0.05)
            .moments_in(rng, moments, s, e, 0.25)
    };
    let mut groups = vec![
        department(rng, "e-Government Services", 0.22, SOFTWARE),
        department(rng, "Digital Identity Programme", 0.14, PRODUCT),
        department(rng, "Cybersecurity Directorate", 0.06, SECURITY),
        department(rng, "National Statistics Unit", 0.05, DATA),
        department(rng, "Procurement and Finance", 0.04, FINANCE),
        department(rng, "Legal Affairs", 0.03, LEGAL),
        department(rng, "HR and Training", 0.03, PEOPLE_OPS),
        department(rng, "Minister's Office", 0.03, POLICY),
        department(rng, "Regional Offices", 0.04, OPS),
        Group::new(
            "Kestrel Advisory consultants",
            part(people, 0.06),
            CONSULTING,
            s,
            e,
        )
        .at(
            Employer::spelled(&[("Kestrel Advisory", 0.8), ("Kestrel Advisory LLP", 0.2)]),
            0.55,
        )
        .at_corp("Northgate Consulting", 0.25)
        .at(ministry.clone(), 0.2),
        Group::new("IT vendors", part(people, 0.03), INFRA, s, e)
            .at_corp("Tessel Systems", 0.4)
            .at_corp("Ironforge IT", 0.4)
            .at(ministry.clone(), 0.2),
        Group::new("University partners", part(people, 0.025), RESEARCH, s, e)
            .at(
                Employer::spelled(&[("Northfield University", 0.7), ("Northfield Univ.", 0.3)]),
                0.8,
            )
            .at_corp(elsewhere(rng), 0.2),
        Group::new("Development partners", part(people, 0.025), POLICY, s, e)
            .at_corp("Global Development Fund", 0.5)
            .at_corp("Regional Development Bank", 0.5),
        Group::new(
            "Oasis digital transformation",
            part(people, 0.015),
            PRODUCT,
            s,
            e,
        )
        .at(Employer::spelled(OASIS), 0.8)
        .at(ministry.clone(), 0.2)
        .rtl(0.5),
        Group::new(
            "Kestrel Advisory years",
            part(people, 0.02),
            CONSULTING,
            span.0,
            ymd(2015, 2, 28),
        )
        .at_corp("Kestrel Advisory", 0.5)
        .at_corp(elsewhere(rng), 0.5),
    ];
    for g in &mut groups {
        g.talk = 0.06;
    }
    let mut plan = Plan {
        kind: ExportKind::LinkedIn,
        owner: profile(
            "Rania",
            "Haddad",
            "Head of Digital Identity Programme",
            "Government Administration",
        ),
        positions: vec![
            position(
                "Kestrel Advisory",
                "Consultant",
                span.0,
                Some(ymd(2015, 2, 28)),
            ),
            position(
                "Ministry of Digital Economy",
                "Senior Policy Officer",
                s,
                Some(ymd(2020, 12, 31)),
            ),
            position(
                "Ministry of Digital Economy",
                "Head of Digital Identity Programme",
                ymd(2021, 1, 1),
                None,
            ),
        ],
        groups,
        style,
        strangers: 0.03,
    };
    let mut unit = 0;
    fill(rng, &mut plan, people, |rng, size| {
        let g = team(rng, size, s, e, "team");
        // small units of the ministry too: task forces, project offices
        if rng.chance(0.65) {
            let mut g = g.at(ministry.clone(), 4.0);
            unit += 1;
            g.name = format!("Ministry task force {unit}");
            g
        } else {
            g
        }
    });
    plan
}

fn generic_roles(rng: &mut Rng, people: usize) -> Plan {
    let span = (ymd(2008, 9, 1), export_day());
    let school = (ymd(2008, 9, 1), ymd(2012, 6, 30));
    let bright = (ymd(2012, 7, 1), ymd(2015, 6, 30));
    let north = (ymd(2015, 7, 1), ymd(2020, 3, 31));
    let tessel = (ymd(2020, 4, 1), export_day());
    let mut style = Style::linkedin(span);
    style.generic_title = 0.55;
    style.moved_on = 0.2;
    const QA: &[&str] = &[
        "QA Engineer",
        "Test Engineer",
        "engineers",
        "Support Engineer",
    ];
    const CLIENT: &[&str] = &[
        "Manager",
        "Business Analyst",
        "Developer",
        "Consultant",
        "Project Manager",
    ];
    let client = |rng: &mut Rng, name: &str, share: f64, from: (i32, u32), to: (i32, u32)| {
        let (a, b) = (ymd(from.0, from.1, 1), ymd(to.0, to.1, 28));
        Group::new(format!("Client: {name}"), part(people, share), CLIENT, a, b)
            .at_corp(name, 0.6)
            .at_corp("Northgate Consulting", 0.25)
            .at_corp(elsewhere(rng), 0.15)
            .moments_in(rng, 1, a, b, 0.4)
            .talk(0.08)
    };
    let groups = vec![
        Group::new(
            "Brightfield engineers",
            part(people, 0.1),
            SOFTWARE,
            bright.0,
            bright.1,
        )
        .at_corp("Brightfield Software", 0.6)
        .at_corp(elsewhere(rng), 0.4)
        .moments_in(rng, 2, bright.0, bright.1, 0.3),
        Group::new(
            "Brightfield QA and support",
            part(people, 0.04),
            QA,
            bright.0,
            bright.1,
        )
        .at_corp("Brightfield Software", 0.6)
        .at_corp(elsewhere(rng), 0.4),
        Group::new(
            "Northgate consultants",
            part(people, 0.12),
            CONSULTING,
            north.0,
            north.1,
        )
        .at(
            Employer::spelled(&[
                ("Northgate Consulting", 0.7),
                ("Northgate", 0.2),
                ("NORTHGATE CONSULTING GROUP", 0.1),
            ]),
            0.7,
        )
        .at_corp(elsewhere(rng), 0.3),
        client(rng, "Gringotts Bank", 0.05, (2016, 1), (2017, 6)),
        client(rng, "Oscorp Health", 0.04, (2017, 9), (2019, 3)),
        client(rng, "Blue Sun Logistics", 0.035, (2019, 1), (2020, 2)),
        Group::new(
            "Tessel platform",
            part(people, 0.11),
            INFRA,
            tessel.0,
            tessel.1,
        )
        .at(
            Employer::spelled(&[("Tessel Systems", 0.8), ("Tessel", 0.2)]),
            0.8,
        )
        .at_corp(elsewhere(rng), 0.2)
        .moments_in(rng, 2, tessel.0, tessel.1, 0.3),
        Group::new("Tessel data", part(people, 0.05), DATA, tessel.0, tessel.1)
            .at(
                Employer::spelled(&[("Tessel Systems", 0.8), ("Tessel", 0.2)]),
                0.8,
            )
            .at_corp(elsewhere(rng), 0.2),
        Group::new(
            "Tessel go-to-market",
            part(people, 0.04),
            SALES,
            tessel.0,
            tessel.1,
        )
        .at(
            Employer::spelled(&[("Tessel Systems", 0.8), ("Tessel", 0.2)]),
            0.8,
        )
        .at_corp(elsewhere(rng), 0.2),
        Group::new(
            "University classmates",
            part(people, 0.06),
            LEARNERS,
            school.0,
            school.1,
        )
        .at(
            Employer::spelled(&[("Northfield University", 0.7), ("Student", 0.3)]),
            0.3,
        )
        .at_corp(elsewhere(rng), 0.35)
        .at_corp(elsewhere(rng), 0.35)
        .moments_in(rng, 2, school.0, school.1, 0.5),
        Group::new(
            "JavaScript meetup",
            part(people, 0.035),
            SOFTWARE,
            ymd(2013, 1, 1),
            tessel.1,
        )
        .own_company(0.3)
        .at_corp(elsewhere(rng), 0.5)
        .at(Employer::spelled(&[("Freelance", 1.0)]), 0.5)
        .moments_in(rng, 12, ymd(2013, 1, 1), tessel.1, 0.7),
        Group::new(
            "Rust community",
            part(people, 0.025),
            SOFTWARE,
            ymd(2017, 1, 1),
            tessel.1,
        )
        .own_company(0.3)
        .at_corp(elsewhere(rng), 1.0)
        .moments_in(rng, 6, ymd(2017, 1, 1), tessel.1, 0.6),
        Group::new(
            "Oasis delivery team",
            part(people, 0.015),
            SOFTWARE,
            north.0,
            north.1,
        )
        .at(Employer::spelled(OASIS), 0.7)
        .at_corp("Northgate Consulting", 0.3)
        .rtl(0.6),
    ];
    let mut plan = Plan {
        kind: ExportKind::LinkedIn,
        owner: profile(
            "Mateo",
            "Kowalski",
            "Engineering Manager",
            "Software Development",
        ),
        positions: vec![
            position(
                "Brightfield Software",
                "Software Engineer",
                bright.0,
                Some(bright.1),
            ),
            position("Northgate Consulting", "Consultant", north.0, Some(north.1)),
            position("Tessel Systems", "Engineering Manager", tessel.0, None),
        ],
        groups,
        style,
        strangers: 0.04,
    };
    let chapters = [bright, north, tessel];
    fill(rng, &mut plan, people, |rng, size| {
        let (a, b) = chapters[rng.below(chapters.len())];
        team(rng, size, a, b, "team")
    });
    plan
}

fn sparse_fields(rng: &mut Rng, people: usize) -> Plan {
    let span = (ymd(2009, 1, 1), export_day());
    let hospital = (ymd(2009, 1, 1), ymd(2015, 8, 31));
    let freelance = (ymd(2015, 9, 1), export_day());
    let mut style = Style::linkedin(span);
    style.blank_company = 0.2;
    style.junk_company = 0.13;
    style.blank_title = 0.33;
    style.generic_title = 0.2;
    style.hidden = 0.05;
    style.email = 0.01;
    style.moved_on = 0.15;
    style.one_to_one = 0.03;
    let placeholders = Employer::spelled(&[
        ("Freelance", 0.4),
        ("Self-employed", 0.4),
        ("Self Employed", 0.2),
    ]);
    let groups = vec![
        Group::new(
            "St. Brigid's nurses",
            part(people, 0.25),
            HEALTH,
            hospital.0,
            hospital.1,
        )
        .at(
            Employer::spelled(&[
                ("St. Brigid's Hospital", 0.5),
                ("St Brigids Hospital", 0.2),
                ("Saint Brigid's Hospital", 0.15),
                ("ST. BRIGID'S HOSPITAL", 0.15),
            ]),
            0.75,
        )
        .at_corp("Northfield Health Service", 0.25)
        .moments_in(rng, 2, hospital.0, hospital.1, 0.3)
        .talk(0.02),
        Group::new(
            "Photography clients",
            part(people, 0.12),
            TRADES,
            freelance.0,
            freelance.1,
        )
        .own_company(0.6)
        .at_corp(elsewhere(rng), 1.0)
        .talk(0.0),
        Group::new(
            "Photographers network",
            part(people, 0.08),
            CREATIVE,
            freelance.0,
            freelance.1,
        )
        .at(placeholders.clone(), 0.7)
        .own_company(0.2)
        .at_corp(elsewhere(rng), 0.3)
        .moments_in(rng, 3, freelance.0, freelance.1, 0.4),
        Group::new(
            "Nursing school class",
            part(people, 0.06),
            HEALTH,
            ymd(2009, 1, 1),
            ymd(2010, 6, 30),
        )
        .at(
            Employer::spelled(&[("Northfield School of Nursing", 0.6), ("Student", 0.4)]),
            0.4,
        )
        .at_corp("Northfield Health Service", 0.3)
        .at_corp(elsewhere(rng), 0.3)
        .moments_in(rng, 1, ymd(2010, 5, 1), ymd(2010, 6, 30), 0.5),
        Group::new("Choir", part(people, 0.04), TRADES, span.0, span.1)
            .at(
                Employer::spelled(&[("Retired", 0.5), ("Northfield Community Choir", 0.5)]),
                0.6,
            )
            .at_corp(elsewhere(rng), 0.4),
        Group::new(
            "Local business association",
            part(people, 0.05),
            TRADES,
            freelance.0,
            freelance.1,
        )
        .own_company(0.8)
        .at_corp("Northfield Chamber of Commerce", 1.0)
        .moments_in(rng, 4, freelance.0, freelance.1, 0.5),
        Group::new(
            "Food bank volunteers",
            part(people, 0.04),
            OPS,
            ymd(2017, 1, 1),
            span.1,
        )
        .at(
            Employer::spelled(&[("Northfield Food Bank", 0.6), ("Volunteer", 0.4)]),
            0.6,
        )
        .at_corp(elsewhere(rng), 0.4)
        .rtl(0.2),
    ];
    let mut plan = Plan {
        kind: ExportKind::LinkedIn,
        owner: profile("Siobhán", "Okafor", "Photographer", "Photography"),
        positions: vec![
            position(
                "St. Brigid's Hospital",
                "Registered Nurse",
                hospital.0,
                Some(hospital.1),
            ),
            position("Self-employed", "Photographer", freelance.0, None),
        ],
        groups,
        style,
        strangers: 0.05,
    };
    fill(rng, &mut plan, people, |rng, size| {
        let (a, b) = if rng.chance(0.3) { hospital } else { freelance };
        team(rng, size, a, b, "circle").talk(0.02)
    });
    plan
}

type Cohort = (&'static str, f64, [(i32, u32); 4], f64);

/// Facebook cohorts: name, share of friends, befriended from and to (year, month), their
/// peak from and to, and the share befriended around the peak. They overlap in time.
#[rustfmt::skip]
const COHORTS: &[Cohort] = &[
    ("High school", 0.2, [(2008, 3), (2012, 1), (2008, 3), (2009, 6)], 0.7),
    ("University", 0.22, [(2009, 9), (2014, 1), (2009, 9), (2010, 12)], 0.6),
    ("Family", 0.08, [(2008, 3), (2025, 1), (2008, 6), (2010, 1)], 0.6),
    ("Hometown", 0.06, [(2008, 3), (2013, 1), (2008, 4), (2009, 12)], 0.5),
    ("Erasmus exchange", 0.06, [(2011, 1), (2012, 6), (2011, 2), (2011, 6)], 0.8),
    ("Football club", 0.05, [(2009, 1), (2017, 1), (2009, 1), (2011, 12)], 0.3),
    ("First job", 0.08, [(2013, 9), (2016, 6), (2013, 9), (2014, 3)], 0.5),
    ("Second job", 0.05, [(2016, 7), (2020, 1), (2016, 7), (2017, 1)], 0.5),
    ("Summer camp staff", 0.03, [(2010, 6), (2011, 9), (2010, 7), (2010, 8)], 0.8),
    ("Band", 0.025, [(2010, 1), (2013, 1), (2010, 3), (2010, 9)], 0.4),
    ("Partner's friends", 0.03, [(2015, 1), (2019, 1), (2017, 6), (2017, 8)], 0.6),
    ("School parents", 0.02, [(2021, 9), (2026, 1), (2021, 9), (2022, 1)], 0.5),
];

fn facebook_like(rng: &mut Rng, people: usize) -> Plan {
    let span = (ymd(2008, 3, 1), export_day());
    let mut style = Style::linkedin(span);
    style.thin = true;
    style.hidden = 0.0;
    style.bridges = 0.04;
    style.email = 0.0;
    style.one_to_one = 0.0;
    style.mixed = 0.0;
    let d = |(y, m): (i32, u32)| ymd(y, m, 1);
    let groups: Vec<Group> = COHORTS
        .iter()
        .map(|&(name, share, [from, to, peak_from, peak_to], at_peak)| {
            Group::new(name, part(people, share), &[], d(from), d(to))
                .moments_in(rng, 4, d(peak_from), d(peak_to), at_peak)
                .talk(0.0)
        })
        .collect();
    let mut plan = Plan {
        kind: ExportKind::Facebook,
        owner: None,
        positions: Vec::new(),
        groups,
        style,
        strangers: 0.04,
    };
    let mut circle = 0;
    fill(rng, &mut plan, people, |rng, size| {
        // friend circles, mostly from the heavy years
        let start = if rng.chance(0.7) {
            day_between(rng, d((2008, 3)), d((2011, 6)))
        } else {
            day_between(rng, d((2011, 6)), d((2022, 1)))
        };
        let end = start.add_days(180 + rng.below(900) as i32);
        circle += 1;
        Group::new(format!("Friend circle {circle}"), size, &[], start, end)
            .moments_in(rng, 1, start, start.add_days(60), 0.6)
            .talk(0.0)
    });
    plan
}

// ---------------------------------------------------------------------------------------
// From a plan to people.

/// A weighted pick, `None` for an empty list.
fn weighted<'a, T>(rng: &mut Rng, items: &'a [(T, f64)]) -> Option<&'a T> {
    let total: f64 = items.iter().map(|(_, w)| *w).sum();
    let mut pick = rng.next_f64() * total;
    for (item, w) in items {
        if pick < *w {
            return Some(item);
        }
        pick -= *w;
    }
    items.last().map(|(item, _)| item)
}

/// When a member of `g` was met.
fn met_on(rng: &mut Rng, style: &Style, g: &Group) -> Date {
    let own = |rng: &mut Rng| {
        if !g.moments.is_empty() && rng.chance(g.moment_share) {
            let m = g.moments[rng.below(g.moments.len())];
            m.add_days(rng.below(5) as i32)
        } else {
            day_between(rng, g.start, g.end)
        }
    };
    let Some(b) = &style.burst else {
        return own(rng);
    };
    if rng.chance(g.in_burst) {
        let r = rng.next_f64();
        if r < b.on_days {
            if let Some(d) = weighted(rng, &b.days) {
                return *d;
            }
        }
        let inside: Vec<Date> = g
            .moments
            .iter()
            .copied()
            .filter(|m| (b.start..=b.end).contains(m))
            .collect();
        if r < b.on_days + 0.2 && !inside.is_empty() {
            let m = inside[rng.below(inside.len())];
            return m.add_days(rng.below(3) as i32).min(b.end);
        }
        return day_between(rng, b.start, b.end);
    }
    // outside the burst: the group's own time, moved out of the burst year if it falls in it
    let mut d = day_between(rng, g.start, g.end);
    if (b.start..=b.end).contains(&d) {
        let shift = 366 + rng.below(900) as i32;
        d = if rng.chance(0.6) {
            d.add_days(-shift)
        } else {
            d.add_days(shift)
        };
    }
    d
}

fn name_of(rng: &mut Rng, rtl: f64, linkedin: bool) -> (String, String) {
    if rng.chance(rtl) {
        let first = rng.pick(ARABIC_FIRST).copied().unwrap_or("نور");
        let last = rng.pick(ARABIC_LAST).copied().unwrap_or("حداد");
        return (first.to_string(), last.to_string());
    }
    let mut first = if rng.chance(0.2) {
        rng.pick(MORE_FIRST).copied().unwrap_or("Zoé")
    } else {
        rng.pick(FIRST).copied().unwrap_or("Ana")
    }
    .to_string();
    let mut last = if rng.chance(0.2) {
        rng.pick(MORE_LAST).copied().unwrap_or("Núñez")
    } else {
        rng.pick(LAST).copied().unwrap_or("Berg")
    }
    .to_string();
    if rng.chance(0.03) {
        first = format!("{first} {}", rng.pick(FIRST).copied().unwrap_or("Ana"));
    }
    if rng.chance(0.02) {
        first = format!("{first} {}", rng.pick(EMOJI).copied().unwrap_or("★"));
    }
    if linkedin && rng.chance(0.02) {
        last.push_str(rng.pick(CREDENTIALS).copied().unwrap_or(", PhD"));
    }
    if rng.chance(0.01) {
        first = first.to_uppercase();
        last = last.to_uppercase();
    } else if rng.chance(0.01) {
        first = first.to_lowercase();
        last = last.to_lowercase();
    }
    (first, last)
}

/// The profile URL's readable part: ASCII letters and digits of the name, or "member".
fn slug(first: &str, last: &str) -> String {
    let s: String = format!("{first}-{last}")
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "member".to_string()
    } else {
        s
    }
}

fn company_of(rng: &mut Rng, style: &Style, g: &Group) -> Option<String> {
    let r = rng.next_f64();
    let mut edge = style.blank_company;
    if r < edge {
        return None;
    }
    edge += style.junk_company;
    if r < edge {
        return rng.pick(NO_EMPLOYER).map(|s| s.to_string());
    }
    edge += style.moved_on;
    if r < edge {
        let name = elsewhere(rng);
        return Some(misspell(rng, &name));
    }
    if rng.chance(g.own_company) {
        return Some(own_company_name(rng));
    }
    match weighted(rng, &g.employers) {
        Some(employer) => Some(employer.spell(rng)),
        None => {
            let name = elsewhere(rng);
            Some(misspell(rng, &name))
        }
    }
}

fn title_of(rng: &mut Rng, style: &Style, g: &Group, years: f64) -> Option<String> {
    if rng.chance(style.blank_title) {
        return None;
    }
    if rng.chance(style.generic_title) || g.titles.is_empty() {
        return rng.pick(GENERIC_TITLES).map(|s| s.to_string());
    }
    if rng.chance(0.015) {
        return rng.pick(FOREIGN_TITLES).map(|s| s.to_string());
    }
    let base = rng.pick(g.titles).copied().unwrap_or("Engineer");
    let mut t = grown_title(rng, base, years);
    if rng.chance(0.03) {
        t = format!(
            "{t} | {}",
            rng.pick(TITLE_ASIDES).copied().unwrap_or("Mentor")
        );
    } else if rng.chance(0.01) {
        t = format!("{t} {}", rng.pick(EMOJI).copied().unwrap_or("★"));
    }
    Some(t)
}

fn build(rng: &mut Rng, name: &'static str, mut plan: Plan, people: usize) -> HardExport {
    let today = export_day();
    let style = plan.style.clone();
    // people in no group: singletons, anyone from anywhere
    let placed: usize = plan.groups.iter().map(|g| g.size).sum();
    for _ in placed..people {
        let titles = rng.pick(FAMILIES).map(|(_, t)| *t).unwrap_or(SOFTWARE);
        let titles = if style.thin { &[][..] } else { titles };
        let g = Group::new("unaffiliated", 1, titles, style.span.0, style.span.1)
            .at_corp(elsewhere(rng), 1.0)
            .own_company(0.2)
            .talk(0.0)
            .in_burst(0.9);
        plan.groups.push(g);
    }
    // who is in which group, and who bridges two
    let groups = &plan.groups;
    let bridgeable: Vec<u32> = (0..groups.len() as u32)
        .filter(|&g| groups[g as usize].size >= 5)
        .collect();
    let mut slots: Vec<(u32, Option<u32>)> = Vec::with_capacity(people);
    for (gi, g) in groups.iter().enumerate() {
        for _ in 0..g.size {
            let also =
                (g.size >= 5 && bridgeable.len() > 1 && rng.chance(style.bridges)).then(|| loop {
                    let other = bridgeable[rng.below(bridgeable.len())];
                    if other as usize != gi {
                        break other;
                    }
                });
            slots.push((gi as u32, also));
        }
    }
    slots.truncate(people);
    let mut persons: Vec<Person> = Vec::with_capacity(slots.len());
    let mut names: BTreeSet<(String, String)> = BTreeSet::new();
    for (i, &(home, also)) in slots.iter().enumerate() {
        let g = &groups[home as usize];
        // a bridge takes their employer from one group and their role from the other
        let (from_company, from_title) = match also {
            Some(other) if rng.chance(0.5) => (&groups[other as usize], g),
            Some(other) => (g, &groups[other as usize]),
            None => (g, g),
        };
        let met = met_on(rng, &style, g).min(today);
        if !style.thin && rng.chance(style.hidden) {
            // a hidden member: LinkedIn writes only the date
            persons.push(Person {
                connected_on: Some(met),
                ..Person::default()
            });
            continue;
        }
        let mut name = name_of(rng, g.rtl_names, !style.thin);
        // a name is a Facebook friend's only identity: few friends share one
        for _ in 0..10 {
            if !style.thin || names.insert(name.clone()) {
                break;
            }
            name = name_of(rng, g.rtl_names, false);
        }
        let (first_name, last_name) = name;
        let (profile_url, email, company, position) = if style.thin {
            (None, None, None, None)
        } else {
            let slug = slug(&first_name, &last_name);
            let url = format!(
                "https://www.linkedin.com/in/{slug}-{:03x}{i:x}",
                rng.below(0x1000)
            );
            let email = rng.chance(style.email).then(|| {
                let domain = rng.pick(DOMAINS).copied().unwrap_or("example.com");
                format!("{slug}.{i:x}@{domain}")
            });
            let company = company_of(rng, &style, from_company);
            let years = met.days_until(today) as f64 / 365.25;
            let position = title_of(rng, &style, from_title, years);
            (Some(url), email, company, position)
        };
        persons.push(Person {
            first_name,
            last_name,
            profile_url,
            email,
            company,
            position,
            connected_on: Some(met),
            labels: Vec::new(),
            ..Person::default()
        });
    }
    let messages = if style.thin {
        Vec::new()
    } else {
        conversations(rng, &persons, &slots, groups, &style, plan.owner.as_ref())
    };
    // newest first, as the exports list people
    let mut order: Vec<usize> = (0..persons.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(persons[i].connected_on));
    let mut slots_sorted = Vec::with_capacity(order.len());
    let mut people_sorted = Vec::with_capacity(order.len());
    let mut taken: Vec<Option<Person>> = persons.into_iter().map(Some).collect();
    for &i in &order {
        slots_sorted.push(slots[i]);
        if let Some(p) = taken[i].take() {
            people_sorted.push(p);
        }
    }
    HardExport {
        name,
        export: PersonalExport {
            kind: plan.kind,
            owner: plan.owner,
            people: people_sorted,
            messages,
            positions: plan.positions,
            ..PersonalExport::default()
        },
        truth: slots_sorted.iter().map(|(g, _)| *g).collect(),
        thin: style.thin,
        also: slots_sorted.iter().map(|(_, a)| *a).collect(),
        groups: plan.groups.iter().map(|g| g.name.clone()).collect(),
    }
}

/// Group conversations among a few members of a group (bridges talk in both), some chats
/// that mix groups, and one-to-one conversations.
fn conversations(
    rng: &mut Rng,
    people: &[Person],
    slots: &[(u32, Option<u32>)],
    groups: &[Group],
    style: &Style,
    owner: Option<&Profile>,
) -> Vec<Message> {
    let today = export_day();
    let owner_name = owner
        .map(|o| format!("{} {}", o.first_name, o.last_name))
        .unwrap_or_else(|| "Owner".to_string());
    let reachable = |p: usize| people[p].profile_url.is_some();
    let mut pools: Vec<Vec<u32>> = vec![Vec::new(); groups.len()];
    for (p, &(home, also)) in slots.iter().enumerate() {
        if reachable(p) {
            pools[home as usize].push(p as u32);
            if let Some(other) = also {
                pools[other as usize].push(p as u32);
            }
        }
    }
    let everyone: Vec<u32> = (0..people.len() as u32)
        .filter(|&p| reachable(p as usize))
        .collect();
    // (participants, title)
    let mut chats: Vec<(Vec<u32>, Option<String>)> = Vec::new();
    for (g, pool) in groups.iter().zip(&pools) {
        if pool.len() < 2 {
            continue;
        }
        let expected = pool.len() as f64 * g.talk;
        let count = expected.floor() as usize + usize::from(rng.chance(expected.fract()));
        for _ in 0..count {
            let size = 2 + rng.below(4).min(pool.len() - 2);
            let who = distinct(rng, pool, size);
            let title = rng.chance(0.4).then(|| {
                format!(
                    "{} {}",
                    g.name,
                    ["chat", "sync", "lunch", "alumni"][rng.below(4)]
                )
            });
            chats.push((who, title));
        }
    }
    let mixed = (chats.len() as f64 * style.mixed).round() as usize;
    if everyone.len() >= 3 {
        for _ in 0..mixed {
            let size = 3 + rng.below(3);
            let who = distinct(rng, &everyone, size);
            chats.push((who, Some("Event attendees".to_string())));
        }
    }
    if !everyone.is_empty() {
        for _ in 0..(people.len() as f64 * style.one_to_one).round() as usize {
            let who = vec![everyone[rng.below(everyone.len())]];
            chats.push((who, None));
        }
    }
    let url_of = |p: u32| people[p as usize].profile_url.clone().unwrap_or_default();
    let mut messages = Vec::new();
    for (who, title) in chats {
        let started = who
            .iter()
            .filter_map(|&p| people[p as usize].connected_on)
            .max()
            .unwrap_or(today)
            .add_days(rng.below(120) as i32)
            .min(today);
        let id = format!("2-{:016x}", rng.next_u64());
        for m in 0..1 + rng.below(4) {
            let sender = (!rng.chance(0.4)).then(|| who[rng.below(who.len())]);
            let (from_name, from_url) = match sender {
                None => (owner_name.clone(), OWNER_URL.to_string()),
                Some(p) => (people[p as usize].display_name(), url_of(p)),
            };
            let mut to_names = Vec::new();
            let mut to_urls = Vec::new();
            if sender.is_some() {
                to_names.push(owner_name.clone());
                to_urls.push(OWNER_URL.to_string());
            }
            for &p in &who {
                if Some(p) != sender {
                    to_names.push(people[p as usize].display_name());
                    to_urls.push(url_variant(rng, &url_of(p)));
                }
            }
            let sent_on = started.add_days(m as i32 * rng.below(3) as i32).min(today);
            messages.push(Message {
                conversation_id: id.clone(),
                conversation_title: title.clone(),
                from_name,
                from_url: Some(url_variant(rng, &from_url)),
                to_names,
                to_urls,
                sent_at: Timestamp::from_date_hms(sent_on, 8 + rng.below(14) as u32, 0, 0),
                subject: None,
                folder: Some("INBOX".to_string()),
                direction: None,
            });
        }
    }
    messages
}

/// `size` distinct members of `pool` (all of it when it is smaller).
fn distinct(rng: &mut Rng, pool: &[u32], size: usize) -> Vec<u32> {
    let size = size.min(pool.len());
    let mut who: Vec<u32> = Vec::with_capacity(size);
    while who.len() < size {
        let p = pool[rng.below(pool.len())];
        if !who.contains(&p) {
            who.push(p);
        }
    }
    who
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facebook_strings_are_escaped_byte_by_byte() {
        let mut out = String::new();
        push_facebook_string(&mut out, "Muñoz \"Jo\" ليلى");
        assert!(out.is_ascii());
        assert!(
            out.starts_with("Mu\\u00c3\\u00b1oz \\\"Jo\\\" \\u00d9"),
            "{out}"
        );
        let json: serde_json::Value =
            serde_json::from_str(&format!("\"{out}\"")).expect("valid JSON string");
        let text = json.as_str().unwrap_or_default();
        assert_eq!(
            crate::import::facebook::repair_mojibake(text),
            "Muñoz \"Jo\" ليلى"
        );
    }

    #[test]
    fn small_sizes_still_sum_up() {
        for kind in HardKind::ALL {
            for people in [0, 1, 7, 60, 250] {
                let h = hard_export(kind, people, 3);
                assert_eq!(h.export.people.len(), people, "{kind:?} {people}");
                assert_eq!(h.truth.len(), people);
                assert_eq!(h.also.len(), people);
                assert!(h.truth.iter().all(|&g| (g as usize) < h.groups.len()));
            }
        }
    }

    #[test]
    fn names_and_titles_use_no_symbol_outside_the_drawable_ones() {
        // any character above the scripts the names are written in (Latin, Arabic, Hebrew)
        // is one of the symbols every page font draws (an emoji-only glyph showed as a box)
        for h in hard_exports(42) {
            for p in &h.export.people {
                let text = format!(
                    "{} {} {}",
                    p.first_name,
                    p.last_name,
                    p.position.as_deref().unwrap_or("")
                );
                for c in text.chars().filter(|&c| c as u32 >= 0x2000) {
                    let s = c.to_string();
                    assert!(
                        super::super::EMOJI.contains(&s.as_str())
                            || c == '\u{2013}'
                            || c == '\u{2019}',
                        "{}: {text:?} has U+{:04X}",
                        h.name,
                        c as u32
                    );
                }
            }
        }
    }

    #[test]
    fn bridges_name_another_group() {
        let h = hard_export(HardKind::GenericRoles, 1200, 5);
        let bridges = h.also.iter().filter(|a| a.is_some()).count();
        assert!(bridges >= 10, "{bridges} bridges");
        assert!(h
            .truth
            .iter()
            .zip(&h.also)
            .all(|(t, a)| a.is_none_or(|a| a != *t)));
    }
}

/// A person answering "do these two know each other?" about their own hard export, as a
/// person would: yes when the two share a true group (a bridge's second group counts), no
/// otherwise, with a few answers wrong on purpose and a few "not sure", fixed by the seed
/// and the pair (asking twice gives the same answer).
#[derive(Clone, Debug)]
pub struct SimulatedPerson {
    /// True groups of each identity key (a person's group and a bridge's second one).
    groups_of_key: std::collections::BTreeMap<String, Vec<u32>>,
    seed: u64,
}

/// Share of answers a [`SimulatedPerson`] gets wrong.
pub const WRONG_ANSWERS: f64 = 0.05;
/// Share of questions a [`SimulatedPerson`] is not sure about.
pub const UNSURE_ANSWERS: f64 = 0.05;

impl SimulatedPerson {
    pub fn new(h: &HardExport, seed: u64) -> SimulatedPerson {
        let mut groups_of_key: std::collections::BTreeMap<String, Vec<u32>> = Default::default();
        for ((p, &g), also) in h.export.people.iter().zip(&h.truth).zip(&h.also) {
            let groups = groups_of_key.entry(p.identity_key()).or_default();
            groups.push(g);
            groups.extend(also.iter().copied());
        }
        SimulatedPerson {
            groups_of_key,
            seed,
        }
    }

    /// Whether the people with keys `a` and `b` truly know each other (`None`: unknown key).
    pub fn truth(&self, a: &str, b: &str) -> Option<bool> {
        let (ga, gb) = (self.groups_of_key.get(a)?, self.groups_of_key.get(b)?);
        Some(ga.iter().any(|g| gb.contains(g)))
    }

    /// The answer to "do `a` and `b` know each other?".
    pub fn answer(&self, a: &str, b: &str) -> crate::infer::checking::Answer {
        use crate::infer::checking::Answer;
        let (x, y) = if a <= b { (a, b) } else { (b, a) };
        let mut bytes = Vec::with_capacity(x.len() + y.len() + 9);
        bytes.extend_from_slice(x.as_bytes());
        bytes.push(0);
        bytes.extend_from_slice(y.as_bytes());
        bytes.extend_from_slice(&self.seed.to_le_bytes());
        let mut rng = Rng::new(crate::hash::fnv1a64(&bytes));
        let roll = rng.next_f64();
        let Some(knows) = self.truth(a, b) else {
            return Answer::NotSure;
        };
        if roll < UNSURE_ANSWERS {
            Answer::NotSure
        } else if roll < UNSURE_ANSWERS + WRONG_ANSWERS {
            if knows {
                Answer::DontKnow
            } else {
                Answer::Know
            }
        } else if knows {
            Answer::Know
        } else {
            Answer::DontKnow
        }
    }
}

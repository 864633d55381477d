//! Function and seniority from job titles: a keyword taxonomy the person can correct.
//!
//! A title is lower-cased and split into words at anything that is not a letter or digit
//! ("Sr. Software-Engineer (Backend)" -> `sr software engineer backend`). Each table below
//! is read top to bottom and the first entry found in the title wins, so more specific
//! entries come first ("data engineer" is data, not engineering; "vice president" is VP, not
//! C-level). An entry is a word or a phrase of words matched whole, or a single word with a
//! `*` at its end (a prefix: `recruit*` matches "recruiter", "recruiting") or at its start (a
//! suffix: `*entwickler` matches "softwareentwickler"). English comes with common German,
//! French and Spanish words.
//!
//! A title no function entry matches is [`Function::Other`]; a title no seniority entry
//! matches is [`Seniority::Mid`]. The person's corrections ([`RoleOverrides`], keyed by the
//! normalised title) take precedence over both tables.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What kind of work a title names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Function {
    Engineering,
    Product,
    Design,
    Data,
    Sales,
    Marketing,
    HrRecruiting,
    Finance,
    Operations,
    Executive,
    Academia,
    Student,
    Founder,
    Legal,
    Healthcare,
    Other,
}

impl Function {
    pub const ALL: [Function; 16] = [
        Function::Engineering,
        Function::Product,
        Function::Design,
        Function::Data,
        Function::Sales,
        Function::Marketing,
        Function::HrRecruiting,
        Function::Finance,
        Function::Operations,
        Function::Executive,
        Function::Academia,
        Function::Student,
        Function::Founder,
        Function::Legal,
        Function::Healthcare,
        Function::Other,
    ];

    /// The name a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Function::Engineering => "Engineering",
            Function::Product => "Product",
            Function::Design => "Design",
            Function::Data => "Data",
            Function::Sales => "Sales",
            Function::Marketing => "Marketing",
            Function::HrRecruiting => "HR and recruiting",
            Function::Finance => "Finance",
            Function::Operations => "Operations",
            Function::Executive => "Executive",
            Function::Academia => "Academia",
            Function::Student => "Students",
            Function::Founder => "Founders",
            Function::Legal => "Legal",
            Function::Healthcare => "Healthcare",
            Function::Other => "Other",
        }
    }

    /// Position in [`Function::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// How senior a title is, from intern to C-level; ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Seniority {
    Intern,
    Junior,
    Mid,
    Senior,
    Lead,
    Manager,
    Director,
    Vp,
    CLevel,
}

impl Seniority {
    pub const ALL: [Seniority; 9] = [
        Seniority::Intern,
        Seniority::Junior,
        Seniority::Mid,
        Seniority::Senior,
        Seniority::Lead,
        Seniority::Manager,
        Seniority::Director,
        Seniority::Vp,
        Seniority::CLevel,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Seniority::Intern => "Intern",
            Seniority::Junior => "Junior / entry",
            Seniority::Mid => "Mid-level",
            Seniority::Senior => "Senior",
            Seniority::Lead => "Lead / principal",
            Seniority::Manager => "Manager",
            Seniority::Director => "Director",
            Seniority::Vp => "VP",
            Seniority::CLevel => "C-level / owner",
        }
    }

    /// Position in [`Seniority::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Directors, VPs and C-level: the people who decide on budgets and hires.
    pub fn is_decision_maker(self) -> bool {
        self >= Seniority::Director
    }
}

/// Function and seniority of one title.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Role {
    pub function: Function,
    pub seniority: Seniority,
}

/// A person's correction for one title: either part may be left as the table says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RoleOverride {
    pub function: Option<Function>,
    pub seniority: Option<Seniority>,
}

/// Corrections keyed by [`normalize_title`] of the title.
pub type RoleOverrides = BTreeMap<String, RoleOverride>;

/// Function keywords, most specific first; the first one found in a title wins.
pub const FUNCTION_KEYWORDS: &[(&str, Function)] = &[
    // Founders before everything: "Founder & CEO" is a founder.
    ("founder", Function::Founder),
    ("cofounder", Function::Founder),
    ("co founder", Function::Founder),
    ("gründer", Function::Founder),
    ("gründerin", Function::Founder),
    ("mitgründer", Function::Founder),
    ("fondateur", Function::Founder),
    ("fondatrice", Function::Founder),
    ("cofondateur", Function::Founder),
    ("fundador", Function::Founder),
    ("fundadora", Function::Founder),
    ("cofundador", Function::Founder),
    // Recruiting and HR.
    ("recruit*", Function::HrRecruiting),
    ("talent", Function::HrRecruiting),
    ("sourcer", Function::HrRecruiting),
    ("headhunter", Function::HrRecruiting),
    ("executive search", Function::HrRecruiting),
    ("human resources", Function::HrRecruiting),
    ("hr", Function::HrRecruiting),
    ("hrbp", Function::HrRecruiting),
    ("people partner", Function::HrRecruiting),
    ("people operations", Function::HrRecruiting),
    ("chro", Function::HrRecruiting),
    ("personalreferent", Function::HrRecruiting),
    ("personalreferentin", Function::HrRecruiting),
    ("personalleiter", Function::HrRecruiting),
    ("personalwesen", Function::HrRecruiting),
    ("rh", Function::HrRecruiting),
    ("ressources humaines", Function::HrRecruiting),
    ("recrutement", Function::HrRecruiting),
    ("recruteur", Function::HrRecruiting),
    ("recruteuse", Function::HrRecruiting),
    ("recursos humanos", Function::HrRecruiting),
    ("reclutador", Function::HrRecruiting),
    ("reclutadora", Function::HrRecruiting),
    ("reclutamiento", Function::HrRecruiting),
    // Legal.
    ("lawyer", Function::Legal),
    ("attorney", Function::Legal),
    ("counsel", Function::Legal),
    ("legal", Function::Legal),
    ("paralegal", Function::Legal),
    ("solicitor", Function::Legal),
    ("barrister", Function::Legal),
    ("compliance", Function::Legal),
    ("rechtsanwalt", Function::Legal),
    ("rechtsanwältin", Function::Legal),
    ("anwalt", Function::Legal),
    ("jurist", Function::Legal),
    ("juristin", Function::Legal),
    ("avocat", Function::Legal),
    ("avocate", Function::Legal),
    ("juriste", Function::Legal),
    ("abogado", Function::Legal),
    ("abogada", Function::Legal),
    // Healthcare.
    ("physician", Function::Healthcare),
    ("doctor", Function::Healthcare),
    ("nurse", Function::Healthcare),
    ("surgeon", Function::Healthcare),
    ("pharmacist", Function::Healthcare),
    ("dentist", Function::Healthcare),
    ("therapist", Function::Healthcare),
    ("clinical", Function::Healthcare),
    ("medical", Function::Healthcare),
    ("md", Function::Healthcare),
    ("arzt", Function::Healthcare),
    ("ärztin", Function::Healthcare),
    ("*arzt", Function::Healthcare),
    ("pflege*", Function::Healthcare),
    ("médecin", Function::Healthcare),
    ("infirmier", Function::Healthcare),
    ("infirmière", Function::Healthcare),
    ("médico", Function::Healthcare),
    ("medico", Function::Healthcare),
    ("enfermero", Function::Healthcare),
    ("enfermera", Function::Healthcare),
    // Students before academia: "PhD student" is a student; data and design before
    // academia: "Data Scientist", "UX Researcher".
    ("student", Function::Student),
    ("undergraduate", Function::Student),
    ("studentin", Function::Student),
    ("werkstudent", Function::Student),
    ("werkstudentin", Function::Student),
    ("étudiant", Function::Student),
    ("étudiante", Function::Student),
    ("etudiant", Function::Student),
    ("estudiante", Function::Student),
    // Data.
    ("data", Function::Data),
    ("analytics", Function::Data),
    ("machine learning", Function::Data),
    ("ml", Function::Data),
    ("ai", Function::Data),
    ("statistician", Function::Data),
    ("bi", Function::Data),
    ("business intelligence", Function::Data),
    ("daten", Function::Data),
    ("données", Function::Data),
    ("datos", Function::Data),
    // Design.
    ("design*", Function::Design),
    ("ux", Function::Design),
    ("ui", Function::Design),
    ("user experience", Function::Design),
    ("user research*", Function::Design),
    ("illustrator", Function::Design),
    ("art director", Function::Design),
    ("gestalter", Function::Design),
    ("*designer", Function::Design),
    ("graphiste", Function::Design),
    ("concepteur", Function::Design),
    ("diseñador", Function::Design),
    ("diseñadora", Function::Design),
    ("diseño", Function::Design),
    // Academia.
    ("professor", Function::Academia),
    ("lecturer", Function::Academia),
    ("phd", Function::Academia),
    ("doctoral", Function::Academia),
    ("postdoc*", Function::Academia),
    ("research assistant", Function::Academia),
    ("research fellow", Function::Academia),
    ("researcher", Function::Academia),
    ("scientist", Function::Academia),
    ("teacher", Function::Academia),
    ("faculty", Function::Academia),
    ("professorin", Function::Academia),
    ("doktorand", Function::Academia),
    ("doktorandin", Function::Academia),
    ("wissenschaftlich*", Function::Academia),
    ("lehrer", Function::Academia),
    ("chercheur", Function::Academia),
    ("chercheuse", Function::Academia),
    ("enseignant", Function::Academia),
    ("doctorant", Function::Academia),
    ("profesor", Function::Academia),
    ("profesora", Function::Academia),
    ("investigador", Function::Academia),
    ("investigadora", Function::Academia),
    // Sales.
    ("sales", Function::Sales),
    ("account executive", Function::Sales),
    ("account manager", Function::Sales),
    ("business development", Function::Sales),
    ("bdr", Function::Sales),
    ("sdr", Function::Sales),
    ("customer success", Function::Sales),
    ("partnerships", Function::Sales),
    ("cro", Function::Sales),
    ("vertrieb*", Function::Sales),
    ("*vertrieb", Function::Sales),
    ("verkauf", Function::Sales),
    ("verkäufer", Function::Sales),
    ("key account", Function::Sales),
    ("commercial", Function::Sales),
    ("commerciale", Function::Sales),
    ("ventes", Function::Sales),
    ("vente", Function::Sales),
    ("ventas", Function::Sales),
    ("vendedor", Function::Sales),
    ("vendedora", Function::Sales),
    ("comercial", Function::Sales),
    // Marketing.
    ("marketing", Function::Marketing),
    ("brand", Function::Marketing),
    ("growth", Function::Marketing),
    ("seo", Function::Marketing),
    ("content", Function::Marketing),
    ("communications", Function::Marketing),
    ("public relations", Function::Marketing),
    ("pr", Function::Marketing),
    ("developer advocate", Function::Marketing),
    ("developer relations", Function::Marketing),
    ("devrel", Function::Marketing),
    ("evangelist", Function::Marketing),
    ("cmo", Function::Marketing),
    ("kommunikation", Function::Marketing),
    ("mercadotecnia", Function::Marketing),
    ("mercadeo", Function::Marketing),
    // Finance.
    ("finance", Function::Finance),
    ("financial", Function::Finance),
    ("accountant", Function::Finance),
    ("accounting", Function::Finance),
    ("controller", Function::Finance),
    ("auditor", Function::Finance),
    ("audit", Function::Finance),
    ("treasury", Function::Finance),
    ("investment", Function::Finance),
    ("investor", Function::Finance),
    ("banker", Function::Finance),
    ("cfo", Function::Finance),
    ("tax", Function::Finance),
    ("finanz*", Function::Finance),
    ("buchhalter", Function::Finance),
    ("buchhalterin", Function::Finance),
    ("steuerberater", Function::Finance),
    ("comptable", Function::Finance),
    ("finances", Function::Finance),
    ("contador", Function::Finance),
    ("contadora", Function::Finance),
    ("contable", Function::Finance),
    ("finanzas", Function::Finance),
    // Product.
    ("product", Function::Product),
    ("cpo", Function::Product),
    ("product owner", Function::Product),
    ("produkt*", Function::Product),
    ("produit", Function::Product),
    ("producto", Function::Product),
    // Engineering.
    ("engineer*", Function::Engineering),
    ("developer", Function::Engineering),
    ("programmer", Function::Engineering),
    ("software", Function::Engineering),
    ("devops", Function::Engineering),
    ("sre", Function::Engineering),
    ("architect", Function::Engineering),
    ("maintainer", Function::Engineering),
    ("qa", Function::Engineering),
    ("tester", Function::Engineering),
    ("cto", Function::Engineering),
    ("coder", Function::Engineering),
    ("hacker", Function::Engineering),
    ("frontend", Function::Engineering),
    ("backend", Function::Engineering),
    ("fullstack", Function::Engineering),
    ("full stack", Function::Engineering),
    ("it", Function::Engineering),
    ("entwickler", Function::Engineering),
    ("entwicklerin", Function::Engineering),
    ("*entwickler", Function::Engineering),
    ("*entwicklerin", Function::Engineering),
    ("ingenieur", Function::Engineering),
    ("ingenieurin", Function::Engineering),
    ("*ingenieur", Function::Engineering),
    ("informatiker", Function::Engineering),
    ("ingénieur", Function::Engineering),
    ("développeur", Function::Engineering),
    ("développeuse", Function::Engineering),
    ("developpeur", Function::Engineering),
    ("ingeniero", Function::Engineering),
    ("ingeniera", Function::Engineering),
    ("desarrollador", Function::Engineering),
    ("desarrolladora", Function::Engineering),
    ("programador", Function::Engineering),
    // Executive (general management).
    ("ceo", Function::Executive),
    ("coo", Function::Executive),
    ("chief executive", Function::Executive),
    ("chief operating", Function::Executive),
    ("president", Function::Executive),
    ("managing director", Function::Executive),
    ("general manager", Function::Executive),
    ("chief of staff", Function::Executive),
    ("owner", Function::Executive),
    ("board", Function::Executive),
    ("geschäftsführer", Function::Executive),
    ("geschäftsführerin", Function::Executive),
    ("vorstand", Function::Executive),
    ("inhaber", Function::Executive),
    ("inhaberin", Function::Executive),
    ("pdg", Function::Executive),
    ("directeur général", Function::Executive),
    ("directrice générale", Function::Executive),
    ("gérant", Function::Executive),
    ("director general", Function::Executive),
    ("director ejecutivo", Function::Executive),
    ("dueño", Function::Executive),
    // Operations.
    ("operations", Function::Operations),
    ("operational", Function::Operations),
    ("project manager", Function::Operations),
    ("program manager", Function::Operations),
    ("programme manager", Function::Operations),
    ("business analyst", Function::Operations),
    ("consultant", Function::Operations),
    ("logistics", Function::Operations),
    ("supply chain", Function::Operations),
    ("procurement", Function::Operations),
    ("support", Function::Operations),
    ("customer service", Function::Operations),
    ("administrator", Function::Operations),
    ("office manager", Function::Operations),
    ("projektleiter", Function::Operations),
    ("projektmanager", Function::Operations),
    ("berater", Function::Operations),
    ("beraterin", Function::Operations),
    ("chef de projet", Function::Operations),
    ("logistique", Function::Operations),
    ("jefe de proyecto", Function::Operations),
    ("consultor", Function::Operations),
    ("consultora", Function::Operations),
    ("operaciones", Function::Operations),
];

/// Seniority keywords, most specific first; the first one found in a title wins.
pub const SENIORITY_KEYWORDS: &[(&str, Seniority)] = &[
    // Interns.
    ("intern", Seniority::Intern),
    ("internship", Seniority::Intern),
    ("trainee", Seniority::Intern),
    ("apprentice", Seniority::Intern),
    ("working student", Seniority::Intern),
    ("werkstudent", Seniority::Intern),
    ("werkstudentin", Seniority::Intern),
    ("praktikant", Seniority::Intern),
    ("praktikantin", Seniority::Intern),
    ("azubi", Seniority::Intern),
    ("auszubildende", Seniority::Intern),
    ("auszubildender", Seniority::Intern),
    ("stagiaire", Seniority::Intern),
    ("alternant", Seniority::Intern),
    ("alternante", Seniority::Intern),
    ("becario", Seniority::Intern),
    ("becaria", Seniority::Intern),
    ("practicante", Seniority::Intern),
    // Not an owner.
    ("product owner", Seniority::Mid),
    // VP before C-level ("Vice President") and before director ("VP, Director of ...").
    ("vice president", Seniority::Vp),
    ("vp", Seniority::Vp),
    ("svp", Seniority::Vp),
    ("evp", Seniority::Vp),
    ("avp", Seniority::Vp),
    ("vice presidente", Seniority::Vp),
    ("vicepresidente", Seniority::Vp),
    ("vice président", Seniority::Vp),
    // C-level and owners.
    ("chief", Seniority::CLevel),
    ("ceo", Seniority::CLevel),
    ("cto", Seniority::CLevel),
    ("cfo", Seniority::CLevel),
    ("coo", Seniority::CLevel),
    ("cmo", Seniority::CLevel),
    ("cio", Seniority::CLevel),
    ("cpo", Seniority::CLevel),
    ("cro", Seniority::CLevel),
    ("chro", Seniority::CLevel),
    ("founder", Seniority::CLevel),
    ("cofounder", Seniority::CLevel),
    ("co founder", Seniority::CLevel),
    ("owner", Seniority::CLevel),
    ("president", Seniority::CLevel),
    ("managing director", Seniority::CLevel),
    ("managing partner", Seniority::CLevel),
    ("general partner", Seniority::CLevel),
    ("founding partner", Seniority::CLevel),
    ("equity partner", Seniority::CLevel),
    ("board member", Seniority::CLevel),
    ("gründer", Seniority::CLevel),
    ("gründerin", Seniority::CLevel),
    ("mitgründer", Seniority::CLevel),
    ("geschäftsführer", Seniority::CLevel),
    ("geschäftsführerin", Seniority::CLevel),
    ("inhaber", Seniority::CLevel),
    ("inhaberin", Seniority::CLevel),
    ("vorstand", Seniority::CLevel),
    ("fondateur", Seniority::CLevel),
    ("fondatrice", Seniority::CLevel),
    ("cofondateur", Seniority::CLevel),
    ("pdg", Seniority::CLevel),
    ("directeur général", Seniority::CLevel),
    ("directrice générale", Seniority::CLevel),
    ("gérant", Seniority::CLevel),
    ("fundador", Seniority::CLevel),
    ("fundadora", Seniority::CLevel),
    ("cofundador", Seniority::CLevel),
    ("director general", Seniority::CLevel),
    ("director ejecutivo", Seniority::CLevel),
    ("dueño", Seniority::CLevel),
    // Directors.
    ("director", Seniority::Director),
    ("directora", Seniority::Director),
    ("head", Seniority::Director),
    ("directeur", Seniority::Director),
    ("directrice", Seniority::Director),
    ("direktor", Seniority::Director),
    ("direktorin", Seniority::Director),
    ("bereichsleiter", Seniority::Director),
    ("bereichsleiterin", Seniority::Director),
    ("leiter", Seniority::Director),
    ("leiterin", Seniority::Director),
    // Managers.
    ("manager", Seniority::Manager),
    ("management", Seniority::Manager),
    ("supervisor", Seniority::Manager),
    ("abteilungsleiter", Seniority::Manager),
    ("abteilungsleiterin", Seniority::Manager),
    ("*manager", Seniority::Manager),
    ("responsable", Seniority::Manager),
    ("chef", Seniority::Manager),
    ("gerente", Seniority::Manager),
    ("jefe", Seniority::Manager),
    ("jefa", Seniority::Manager),
    ("coordinador", Seniority::Manager),
    // Lead / principal.
    ("lead", Seniority::Lead),
    ("principal", Seniority::Lead),
    ("staff", Seniority::Lead),
    ("architect", Seniority::Lead),
    ("distinguished", Seniority::Lead),
    ("fellow", Seniority::Lead),
    ("tech lead", Seniority::Lead),
    ("teamleiter", Seniority::Lead),
    ("teamleiterin", Seniority::Lead),
    ("teamlead", Seniority::Lead),
    ("líder", Seniority::Lead),
    ("lider", Seniority::Lead),
    // Senior.
    ("senior", Seniority::Senior),
    ("sr", Seniority::Senior),
    ("experienced", Seniority::Senior),
    ("expert", Seniority::Senior),
    ("professor", Seniority::Senior),
    ("sénior", Seniority::Senior),
    ("confirmé", Seniority::Senior),
    // Junior / entry.
    ("junior", Seniority::Junior),
    ("jr", Seniority::Junior),
    ("entry level", Seniority::Junior),
    ("graduate", Seniority::Junior),
    ("associate", Seniority::Junior),
    ("assistant", Seniority::Junior),
    ("student", Seniority::Junior),
    ("phd", Seniority::Junior),
    ("estudiante", Seniority::Junior),
    ("étudiant", Seniority::Junior),
    ("studentin", Seniority::Junior),
    ("asistente", Seniority::Junior),
    ("débutant", Seniority::Junior),
];

/// Lower case, words split at anything that is not a letter or digit, joined by single
/// spaces: the key of [`RoleOverrides`].
pub fn normalize_title(title: &str) -> String {
    title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One table entry, split once.
#[derive(Clone, Debug)]
enum Pattern {
    Phrase(Vec<&'static str>),
    Prefix(&'static str),
    Suffix(&'static str),
}

impl Pattern {
    fn new(keyword: &'static str) -> Pattern {
        if let Some(prefix) = keyword.strip_suffix('*') {
            Pattern::Prefix(prefix)
        } else if let Some(suffix) = keyword.strip_prefix('*') {
            Pattern::Suffix(suffix)
        } else {
            Pattern::Phrase(keyword.split(' ').collect())
        }
    }

    fn found_in(&self, words: &[&str]) -> bool {
        match self {
            Pattern::Prefix(p) => words.iter().any(|w| w.starts_with(p)),
            Pattern::Suffix(s) => words.iter().any(|w| w.ends_with(s)),
            Pattern::Phrase(kw) => {
                !kw.is_empty()
                    && kw.len() <= words.len()
                    && words.windows(kw.len()).any(|win| win == kw.as_slice())
            }
        }
    }
}

/// The two tables, compiled once, with the person's corrections: classify many titles with
/// one of these.
#[derive(Clone, Debug)]
pub struct Classifier<'a> {
    functions: Vec<(Pattern, Function)>,
    seniorities: Vec<(Pattern, Seniority)>,
    overrides: &'a RoleOverrides,
}

impl<'a> Classifier<'a> {
    pub fn new(overrides: &'a RoleOverrides) -> Self {
        Classifier {
            functions: FUNCTION_KEYWORDS
                .iter()
                .map(|&(k, f)| (Pattern::new(k), f))
                .collect(),
            seniorities: SENIORITY_KEYWORDS
                .iter()
                .map(|&(k, s)| (Pattern::new(k), s))
                .collect(),
            overrides,
        }
    }

    /// Function and seniority of `title` from the tables, then the person's corrections.
    pub fn classify(&self, title: &str) -> Role {
        let key = normalize_title(title);
        let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        let correction = self.overrides.get(&key).copied().unwrap_or_default();
        let function = correction.function.unwrap_or_else(|| {
            self.functions
                .iter()
                .find(|(p, _)| p.found_in(&words))
                .map_or(Function::Other, |&(_, f)| f)
        });
        let seniority = correction.seniority.unwrap_or_else(|| {
            self.seniorities
                .iter()
                .find(|(p, _)| p.found_in(&words))
                .map_or(Seniority::Mid, |&(_, s)| s)
        });
        Role {
            function,
            seniority,
        }
    }
}

/// Function and seniority of one `title` (see the module docs). For many titles, build one
/// [`Classifier`] and reuse it.
pub fn classify_title(title: &str, overrides: &RoleOverrides) -> Role {
    Classifier::new(overrides).classify(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(t: &str) -> (Function, Seniority) {
        let r = classify_title(t, &RoleOverrides::new());
        (r.function, r.seniority)
    }

    #[test]
    fn english_titles() {
        use Function as F;
        use Seniority as S;
        assert_eq!(
            role("Senior Software Engineer"),
            (F::Engineering, S::Senior)
        );
        assert_eq!(role("Engineering Manager"), (F::Engineering, S::Manager));
        assert_eq!(role("Data Engineer"), (F::Data, S::Mid));
        assert_eq!(role("Product Designer"), (F::Design, S::Mid));
        assert_eq!(role("Technical Recruiter"), (F::HrRecruiting, S::Mid));
        assert_eq!(role("VP of Sales"), (F::Sales, S::Vp));
        assert_eq!(role("Vice President, Engineering"), (F::Engineering, S::Vp));
        assert_eq!(role("Founder & CEO"), (F::Founder, S::CLevel));
        assert_eq!(role("CTO"), (F::Engineering, S::CLevel));
        assert_eq!(role("Head of Marketing"), (F::Marketing, S::Director));
        assert_eq!(role("Staff Engineer"), (F::Engineering, S::Lead));
        assert_eq!(
            role("Software Engineering Intern"),
            (F::Engineering, S::Intern)
        );
        assert_eq!(role("PhD Student"), (F::Student, S::Junior));
        assert_eq!(role("Sr. UX Researcher"), (F::Design, S::Senior));
        assert_eq!(role("Juggler"), (F::Other, S::Mid));
        assert_eq!(role(""), (F::Other, S::Mid));
    }

    #[test]
    fn other_languages() {
        use Function as F;
        use Seniority as S;
        assert_eq!(role("Softwareentwickler"), (F::Engineering, S::Mid));
        assert_eq!(role("Geschäftsführerin"), (F::Executive, S::CLevel));
        assert_eq!(role("Leiter Vertrieb"), (F::Sales, S::Director));
        assert_eq!(
            role("Ingénieur logiciel senior"),
            (F::Engineering, S::Senior)
        );
        assert_eq!(
            role("Directrice des ressources humaines"),
            (F::HrRecruiting, S::Director)
        );
        assert_eq!(role("Stagiaire marketing"), (F::Marketing, S::Intern));
        assert_eq!(role("Gerente de ventas"), (F::Sales, S::Manager));
        assert_eq!(role("Científico de datos"), (F::Data, S::Mid));
        assert_eq!(role("Abogada"), (F::Legal, S::Mid));
    }

    #[test]
    fn overrides_win() {
        let mut o = RoleOverrides::new();
        o.insert(
            normalize_title("Speaker and Consultant"),
            RoleOverride {
                function: Some(Function::Marketing),
                seniority: None,
            },
        );
        let r = classify_title("speaker  AND consultant", &o);
        assert_eq!(r.function, Function::Marketing);
        assert_eq!(r.seniority, Seniority::Mid);
        assert_eq!(
            classify_title("Consultant", &o).function,
            Function::Operations
        );
    }
}

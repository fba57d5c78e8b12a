//! Help lines as data: per region, each line with what it is for, whom it says it serves, how
//! to reach it, and where its number was checked. Chosen by need: the page for a person whose
//! answers are about self-harm shows that country's self-harm line first.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resources {
    pub format_version: u32,
    /// Shown above the list: what to do in danger, in two sentences, so that on a small
    /// screen the first lines are close behind it.
    pub intro: String,
    /// Which countries are covered and how the numbers were checked: after the first region.
    pub about: String,
    pub regions: Vec<Region>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub id: String,
    pub name: String,
    /// ISO 3166 country codes whose locale (`en_GB`) makes this the default region. Empty for
    /// the region that lists international directories ("everywhere else").
    #[serde(default)]
    pub countries: Vec<String>,
    pub entries: Vec<ResourceEntry>,
    /// Needs no checked line here serves, said plainly rather than filled with a guess.
    #[serde(default)]
    pub gaps: Vec<Gap>,
}

/// A need this region has no checked line for, and what to do instead.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gap {
    pub need: Need,
    pub note: String,
}

/// What a person needs a line for. Advice names a need; the page fills in the country's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// Danger right now.
    Emergency,
    /// Thoughts of suicide or self-harm, or any emotional crisis.
    SelfHarm,
    /// Abuse by a partner, for anyone.
    Abuse,
    /// A line that says it serves women experiencing abuse.
    AbuseWomen,
    /// A line that says it serves men experiencing abuse.
    AbuseMen,
    /// A line for LGBTQ+ people.
    Lgbtq,
    SexualViolence,
    /// The user's own drinking or drug use.
    Substance,
    /// A family member of someone drinking or using drugs.
    SubstanceFamily,
    /// Gambling, for the person or their family.
    Gambling,
    /// A directory of lines in many countries.
    Directory,
}

impl Need {
    pub const ALL: [Need; 11] = [
        Need::Emergency,
        Need::SelfHarm,
        Need::Abuse,
        Need::AbuseWomen,
        Need::AbuseMen,
        Need::Lgbtq,
        Need::SexualViolence,
        Need::Substance,
        Need::SubstanceFamily,
        Need::Gambling,
        Need::Directory,
    ];

    /// The id used in the data.
    pub fn id(self) -> &'static str {
        match self {
            Need::Emergency => "emergency",
            Need::SelfHarm => "self_harm",
            Need::Abuse => "abuse",
            Need::AbuseWomen => "abuse_women",
            Need::AbuseMen => "abuse_men",
            Need::Lgbtq => "lgbtq",
            Need::SexualViolence => "sexual_violence",
            Need::Substance => "substance",
            Need::SubstanceFamily => "substance_family",
            Need::Gambling => "gambling",
            Need::Directory => "directory",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceEntry {
    pub id: String,
    pub name: String,
    /// Who runs it, as named on its website ("Samaritans").
    pub organisation: String,
    pub needs: Vec<Need>,
    /// Whom it says it serves, in a few words ("Men experiencing domestic abuse").
    pub serves: String,
    /// The part of the country it serves, when it serves only one ("Scotland"); `None` for
    /// the whole country. A region whose only lines for a need are each for one part lists
    /// them all, since which part the user is in is not known.
    #[serde(default)]
    pub area: Option<String>,
    /// What it is for, one line.
    pub what: String,
    pub contact: Vec<Contact>,
    /// When it answers ("24 hours, every day"), or empty where its page doesn't say.
    #[serde(default)]
    pub hours: String,
    /// Whose website the number was checked on, to follow "from": "Samaritans", "the U.S.
    /// Department of Justice" (a government page that funds or lists the line).
    pub source_owner: String,
    /// The page the number was checked against (https).
    pub source_url: String,
    /// When the number was checked against that page (YYYY-MM-DD).
    pub checked: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub kind: ContactKind,
    /// What a person dials, texts or types: "116 123", "START to 88788", "thehotline.org".
    pub value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Call,
    Text,
    Chat,
    Web,
    Email,
    Tty,
}

impl Contact {
    /// "Call 116 123", "Text START to 88788", "Chat at thehotline.org".
    pub fn line(&self) -> String {
        let v = &self.value;
        match self.kind {
            ContactKind::Call => format!("Call {v}"),
            ContactKind::Text => format!("Text {v}"),
            ContactKind::Chat => format!("Chat at {v}"),
            ContactKind::Web => format!("Online at {v}"),
            ContactKind::Email => format!("Email {v}"),
            ContactKind::Tty => format!("TTY {v}"),
        }
    }
}

impl Region {
    /// The lines of this region that serve a need, in the order listed.
    pub fn for_need(&self, need: Need) -> impl Iterator<Item = &ResourceEntry> {
        self.entries.iter().filter(move |e| e.needs.contains(&need))
    }

    /// The number to call in danger, if this region has one ("999").
    pub fn emergency_number(&self) -> Option<&str> {
        self.for_need(Need::Emergency)
            .flat_map(|e| &e.contact)
            .find(|c| c.kind == ContactKind::Call)
            .map(|c| c.value.as_str())
    }

    /// The name as it reads inside a sentence: "the United Kingdom", "Ireland".
    pub fn name_in_text(&self) -> String {
        if self.name.starts_with("United ") {
            format!("the {}", self.name)
        } else {
            self.name.clone()
        }
    }

    /// Whether this is the "everywhere else" region of international directories.
    pub fn is_directory(&self) -> bool {
        self.countries.is_empty()
    }
}

impl ResourceEntry {
    /// Where the number comes from, honestly: whose website, and when it was checked. An
    /// entry that is itself the emergency number does not point to another.
    pub fn provenance(&self, region: &Region) -> String {
        let date = long_date(&self.checked);
        let what = if self.contact.iter().any(|c| c.kind == ContactKind::Call) {
            "Number"
        } else {
            "Address"
        };
        // "Samaritans' website", "RAINN's website".
        let owner = &self.source_owner;
        let possessive = if owner.ends_with('s') { "'" } else { "'s" };
        let own = format!(
            "{what} from {owner}{possessive} website ({}), checked {date}.",
            self.source_url
        );
        match region.emergency_number() {
            Some(number) if !self.needs.contains(&Need::Emergency) => {
                format!("{own} If it doesn't connect, call {number}.")
            }
            _ => own,
        }
    }
}

/// "2026-12-04" as "4 December 2026", so no reader mistakes the order of day and month.
/// Anything else is shown as written.
pub fn long_date(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut parts = iso.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    match (m.parse::<usize>(), d.parse::<u32>()) {
        (Ok(m @ 1..=12), Ok(d)) => format!("{d} {} {y}", MONTHS[m - 1]),
        _ => iso.to_string(),
    }
}

/// The region a locale names: `LC_ALL`, then `LC_MESSAGES`, then `LANG`, as the C library
/// reads them (the first one set and not empty wins). "en_GB.UTF-8" is the United Kingdom;
/// "C", "POSIX" or a language alone name no country. Returns the region's id.
pub fn region_from_locale<'a>(
    resources: &'a Resources,
    lc_all: Option<&str>,
    lc_messages: Option<&str>,
    lang: Option<&str>,
) -> Option<&'a str> {
    let country = country_from_locale(lc_all, lc_messages, lang)?;
    region_of_country(resources, &country)
}

/// The country code a locale names (`en_GB.UTF-8` → `GB`), from the first of `LC_ALL`,
/// `LC_MESSAGES` and `LANG` that is set. Needs no help lines: most locales that name no
/// country (`C.UTF-8`, `POSIX`) are settled without reading them.
pub fn country_from_locale(
    lc_all: Option<&str>,
    lc_messages: Option<&str>,
    lang: Option<&str>,
) -> Option<String> {
    let locale = [lc_all, lc_messages, lang]
        .into_iter()
        .flatten()
        .find(|v| !v.is_empty())?;
    Some(
        locale
            .split(['.', '@'])
            .next()?
            .split(['_', '-'])
            .nth(1)?
            .to_ascii_uppercase(),
    )
}

/// The region whose help lines cover `country` (an upper-case code such as `GB`).
pub fn region_of_country<'a>(resources: &'a Resources, country: &str) -> Option<&'a str> {
    resources
        .regions
        .iter()
        .find(|r| r.countries.iter().any(|c| c == country))
        .map(|r| r.id.as_str())
}

/// What is wrong with the help lines, if anything: each region can be reached in danger, has
/// a self-harm line and an abuse line (or says plainly why not), and every entry says whose
/// page its number was checked on, and when.
pub fn problems(resources: &Resources) -> Vec<String> {
    let mut problems = Vec::new();
    if resources.regions.is_empty() {
        problems.push("resources.json has no regions".to_string());
    }
    if !resources.regions.iter().any(Region::is_directory) {
        problems.push("resources.json needs an \"everywhere else\" region (no countries)".into());
    }
    let mut ids = std::collections::BTreeSet::new();
    for region in &resources.regions {
        let at = |what: &str| format!("resources.json region '{}': {what}", region.id);
        for entry in &region.entries {
            let at = |what: &str| at(&format!("entry '{}' {what}", entry.id));
            if !ids.insert(entry.id.as_str()) {
                problems.push(at("has the id of another entry"));
            }
            if entry.contact.is_empty() {
                problems.push(at("has no way to reach it"));
            }
            if entry.needs.is_empty() {
                problems.push(at("serves no need"));
            }
            if !entry.source_url.starts_with("https://") || entry.source_url.len() < 12 {
                problems.push(at("needs an https source address"));
            }
            if entry.source_owner.trim().is_empty() || entry.serves.trim().is_empty() {
                problems.push(at("needs whose page it was checked on, and whom it serves"));
            }
            if jiff::civil::Date::strptime("%Y-%m-%d", &entry.checked).is_err() {
                problems.push(at(&format!(
                    "checked date '{}' is not YYYY-MM-DD",
                    entry.checked
                )));
            }
            if entry.contact.iter().any(|c| c.value.trim().is_empty()) {
                problems.push(at("has an empty contact"));
            }
        }
        for gap in &region.gaps {
            if gap.note.trim().is_empty() {
                problems.push(at(&format!("has an empty note for '{}'", gap.need.id())));
            }
        }
        let covered = |need: Need| {
            region.for_need(need).next().is_some()
                || region.gaps.iter().any(|g| g.need == need)
                // A line for everyone serves men too.
                || (need == Need::AbuseMen && region.for_need(Need::Abuse).next().is_some())
        };
        if region.is_directory() {
            if region.for_need(Need::Directory).next().is_none() {
                problems.push(at("lists no directory"));
            }
            continue;
        }
        if region.emergency_number().is_none() {
            problems.push(at("has no emergency number to call"));
        }
        if region.for_need(Need::SelfHarm).next().is_none() {
            problems.push(at("has no self-harm line"));
        }
        for need in [Need::Abuse, Need::AbuseMen] {
            if !covered(need) {
                problems.push(at(&format!(
                    "has no '{}' line and no note saying why",
                    need.id()
                )));
            }
        }
        if region.for_need(Need::Abuse).next().is_none()
            && region.for_need(Need::AbuseWomen).next().is_none()
        {
            problems.push(at("has no abuse line at all"));
        }
    }
    problems
}

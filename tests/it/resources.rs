//! Help lines that fit the person and the country.
//!
//! The data: every region can be reached in danger and has a self-harm line and an abuse
//! line (or says plainly why not); every entry names the https page its number was checked
//! on, and a date no later than the list's review. No advice text names a number itself.
//! The pages: a self-harm answer shows that country's self-harm line first; an abuse answer
//! shows the line for everyone with what there is for men beside it.

use overture::content::resources::{ContactKind, Need, region_from_locale};
use overture::content::{Content, Pronouns, Region, Voice};
use overture::core::gate;
use overture::core::record::{AssessmentRecord, Profile, SavedData};
use overture::core::{Answers, triage};
use overture::pages::resources::{all, chosen, for_needs, lines};
use std::sync::LazyLock;

static CONTENT: LazyLock<Content> =
    LazyLock::new(|| Content::embedded().unwrap_or_else(|e| panic!("{e}")));

/// The day the list was last reviewed: no entry may claim a later check. A fixed date, so
/// the test never depends on today's.
const REVIEWED: jiff::civil::Date = jiff::civil::date(2026, 12, 5);

fn national() -> impl Iterator<Item = &'static Region> {
    CONTENT
        .resources
        .regions
        .iter()
        .filter(|r| !r.is_directory())
}

#[test]
fn every_region_can_be_reached_in_danger_and_for_self_harm_and_abuse() {
    for region in national() {
        assert!(
            region.emergency_number().is_some(),
            "{}: no emergency number",
            region.id
        );
        assert!(
            region.for_need(Need::SelfHarm).next().is_some(),
            "{}: no self-harm line",
            region.id
        );
        let for_anyone = region.for_need(Need::Abuse).next().is_some();
        let noted = |need| region.gaps.iter().any(|g| g.need == need);
        assert!(
            for_anyone || noted(Need::Abuse),
            "{}: no abuse line for anyone, and no note why",
            region.id
        );
        let for_men = region.for_need(Need::AbuseMen).next().is_some();
        assert!(
            for_men || for_anyone || noted(Need::AbuseMen),
            "{}: nothing said about men",
            region.id
        );
    }
    let directory = CONTENT
        .resources
        .regions
        .iter()
        .find(|r| r.is_directory())
        .expect("an everywhere-else region");
    assert!(directory.for_need(Need::Directory).next().is_some());
}

/// Where no line for the family of someone who drinks or uses drugs could be checked, the
/// note does not stop at "none": it points to somewhere to go (Mere, in New Zealand, whose
/// husband drinks, was shown only 111).
#[test]
fn a_missing_line_for_families_of_drinkers_still_points_somewhere() {
    for region in national() {
        if region.for_need(Need::SubstanceFamily).next().is_some() {
            continue;
        }
        let gap = region
            .gaps
            .iter()
            .find(|g| g.need == Need::SubstanceFamily)
            .unwrap_or_else(|| panic!("{}: no line and no note", region.id));
        assert!(
            gap.note.contains("findahelpline.com"),
            "{}: {}",
            region.id,
            gap.note
        );
    }
}

#[test]
fn every_entry_says_whose_page_and_when_and_no_date_is_in_the_future() {
    for region in &CONTENT.resources.regions {
        for e in &region.entries {
            assert!(
                e.source_url.starts_with("https://"),
                "{}: {}",
                e.id,
                e.source_url
            );
            assert!(!e.source_owner.is_empty(), "{}", e.id);
            let checked: jiff::civil::Date = e.checked.parse().unwrap();
            assert!(checked <= REVIEWED, "{}: checked {checked}", e.id);
            assert!(!e.contact.is_empty(), "{}", e.id);
            let shown = e.provenance(region);
            assert!(
                shown.contains(&e.source_url) && shown.contains("checked"),
                "{shown}"
            );
        }
    }
}

/// Every number a person could dial or text, from the help-line data.
fn numbers() -> Vec<String> {
    let mut out: Vec<String> = CONTENT
        .resources
        .regions
        .iter()
        .flat_map(|r| &r.entries)
        .flat_map(|e| &e.contact)
        .filter(|c| {
            matches!(
                c.kind,
                ContactKind::Call | ContactKind::Text | ContactKind::Tty
            )
        })
        .map(|c| c.value.clone())
        .collect();
    out.extend(["988", "911", "999", "112", "000", "111"].map(String::from));
    out.sort();
    out.dedup();
    out
}

/// Whether `token` stands in `text` on its own, not inside a longer word or number.
fn contains_token(text: &str, token: &str) -> bool {
    text.match_indices(token).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + token.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

#[test]
fn no_advice_text_names_a_number_itself() {
    let numbers = numbers();
    for (place, text) in overture::validate::all_texts(&CONTENT) {
        if place == "resources intro" {
            continue;
        }
        for number in &numbers {
            assert!(
                !contains_token(text, number),
                "{place} names the number {number}; name the need instead: {text}"
            );
        }
        // Nothing that looks like a phone number either: six or more digits in a row,
        // spaces and dashes allowed between them.
        let mut run = 0;
        for c in text.chars() {
            if c.is_ascii_digit() {
                run += 1;
                assert!(
                    run < 6,
                    "{place} holds what looks like a phone number: {text}"
                );
            } else if c != ' ' && c != '-' {
                run = 0;
            }
        }
    }
}

/// A finished check-in with only these safety answers "yes", in a country.
fn data_with(yes: &[&str], country: &str, pronouns: Pronouns, partner: &str) -> SavedData {
    let mut answers = Answers::new();
    for q in &CONTENT.questionnaire.questions {
        if q.section == triage::SAFETY_SECTION {
            let key = if yes.contains(&q.id.as_str()) {
                "yes"
            } else {
                "no"
            };
            answers.set_one(&q.id, key);
        }
    }
    let outcome = triage::triage(&answers);
    let at = "2026-01-01T00:00:00Z".parse().unwrap();
    let mut data = SavedData::default();
    data.assessments.push(AssessmentRecord {
        id: "a1".into(),
        started_at: at,
        completed_at: at,
        answers,
        outcome: outcome.kind,
        reasons: outcome.reasons,
        content_version: 1,
    });
    data.settings.country = Some(country.to_string());
    data.profile = Some(Profile {
        voice: Voice {
            partner: partner.to_string(),
            pronouns,
        },
        created_at: at,
    });
    data
}

#[test]
fn a_self_harm_answer_shows_the_countrys_self_harm_line_first_in_every_region() {
    for region in national() {
        let data = data_with(&["self_harm"], &region.id, Pronouns::He, "husband");
        let needs = gate::needs_now(&data);
        assert_eq!(needs.first(), Some(&Need::SelfHarm));
        let (first, _) = chosen(region, &needs);
        let line = region.for_need(Need::SelfHarm).next().unwrap();
        assert_eq!(
            first.first().map(|e| &e.id),
            Some(&line.id),
            "{}",
            region.id
        );
        // And on the page as shown: its name is the first line's heading, before any other.
        let page = lines(&for_needs(&CONTENT, Some(&region.id), &needs), false);
        let at = |name: &str| page.iter().position(|l| l == name);
        let own = at(&line.name).unwrap_or_else(|| panic!("{}: {page:#?}", region.id));
        for other in region.entries.iter().filter(|e| e.id != line.id) {
            if let Some(p) = at(&other.name) {
                assert!(
                    own < p,
                    "{}: {} before {}",
                    region.id,
                    other.name,
                    line.name
                );
            }
        }
        // Nothing about abuse for someone who said only this.
        assert!(
            !page.iter().any(|l| l.to_lowercase().contains("abuse")),
            "{}: {page:#?}",
            region.id
        );
    }
}

#[test]
fn a_man_whose_wife_frightens_him_sees_what_there_is_for_men() {
    for (country, men) in [("uk", "Men's Advice Line"), ("ie", "Men's Aid")] {
        let data = data_with(&["safety_afraid"], country, Pronouns::She, "wife");
        let needs = gate::needs_now(&data);
        assert!(needs.contains(&Need::Abuse) && needs.contains(&Need::AbuseMen));
        let page = lines(&for_needs(&CONTENT, Some(country), &needs), false).join("\n");
        assert!(page.contains(men), "{country}:\n{page}");
        // Each line says whom it serves.
        assert!(page.contains("For: "), "{page}");
    }
    // Where a line says it serves everyone, it is the one shown.
    let data = data_with(&["safety_afraid"], "au", Pronouns::She, "wife");
    let page = lines(
        &for_needs(&CONTENT, Some("au"), &gate::needs_now(&data)),
        false,
    );
    assert!(page.iter().any(|l| l == "1800RESPECT"), "{page:#?}");
}

/// A partner's threats of self-harm bring the line for self-harm; in New Zealand the note
/// says which suicide lines could not be checked, beside the one listed.
#[test]
fn new_zealand_says_which_suicide_lines_it_could_not_check() {
    let data = data_with(&["safety_suicide_threat"], "nz", Pronouns::They, "partner");
    let needs = gate::needs_now(&data);
    assert!(needs.contains(&Need::SelfHarm), "{needs:?}");
    let page = lines(&for_needs(&CONTENT, Some("nz"), &needs), false).join("\n");
    assert!(page.contains("Need to talk? 1737"), "{page}");
    assert!(
        page.contains("Lifeline Aotearoa and the Suicide Crisis Helpline could not be checked"),
        "{page}"
    );
}

#[test]
fn the_region_follows_the_locale_in_the_order_the_c_library_reads_it() {
    let r = &CONTENT.resources;
    assert_eq!(
        region_from_locale(r, None, None, Some("en_GB.UTF-8")),
        Some("uk")
    );
    assert_eq!(region_from_locale(r, None, None, Some("en_IE")), Some("ie"));
    assert_eq!(
        region_from_locale(r, Some("en_NZ.utf8"), None, Some("en_US")),
        Some("nz")
    );
    assert_eq!(
        region_from_locale(r, Some(""), Some("fr_CA.UTF-8"), Some("en_US")),
        Some("ca")
    );
    assert_eq!(
        region_from_locale(r, None, None, Some("en_AU@euro")),
        Some("au")
    );
    assert_eq!(region_from_locale(r, None, None, Some("C.UTF-8")), None);
    assert_eq!(region_from_locale(r, None, None, Some("POSIX")), None);
    assert_eq!(region_from_locale(r, None, None, Some("de_DE.UTF-8")), None);
    assert_eq!(region_from_locale(r, None, None, None), None);
}

#[test]
fn the_crisis_page_puts_the_chosen_country_first_and_lists_every_region() {
    let page = lines(&all(&CONTENT, Some("nz")), false);
    let at = |name: &str| {
        page.iter()
            .position(|l| l == name)
            .unwrap_or_else(|| panic!("{name} missing"))
    };
    assert!(at("New Zealand") < at("United States"));
    for region in &CONTENT.resources.regions {
        at(&region.name);
    }
    assert!(
        !page.iter().any(|l| l.contains('{')),
        "an unrendered placeholder"
    );
}

/// On the abuse path, whatever a country's note says is "listed here" is listed: a line named
/// by its organisation, its name or the part of the country it serves.
#[test]
fn what_a_note_says_is_listed_here_is_listed_on_the_abuse_path() {
    let mut checked = 0;
    for region in national() {
        let data = data_with(&["safety_afraid"], &region.id, Pronouns::She, "wife");
        let (shown, notes) = chosen(region, &gate::needs_now(&data));
        for note in notes {
            for sentence in note.split(". ").filter(|s| s.contains("listed here")) {
                for entry in &region.entries {
                    let named = sentence.contains(&entry.organisation)
                        || sentence.contains(&entry.name)
                        || entry
                            .area
                            .as_ref()
                            .is_some_and(|a| sentence.contains(a.as_str()));
                    if named {
                        checked += 1;
                        assert!(
                            shown.iter().any(|e| e.id == entry.id),
                            "{}: \"{sentence}\" but {} is not shown",
                            region.id,
                            entry.name
                        );
                    }
                }
            }
        }
    }
    assert!(checked >= 4, "only {checked} named lines checked");
}

/// Where a country's only abuse lines each serve one part of it (Scotland, Wales, Northern
/// Ireland; one province), all of them are shown, since where the user lives is not known,
/// and the emergency line still comes with them.
#[test]
fn abuse_lines_for_one_part_of_a_country_are_all_shown() {
    for (country, want) in [
        (
            "uk",
            &[
                "uk_refuge_ndah",
                // England's note names Galop's line as the one for LGBT+ people.
                "uk_galop",
                "uk_scotland_dafm",
                "uk_wales_live_fear_free",
                "uk_ni_dsa",
                "uk_999",
                "uk_silent_solution",
            ][..],
        ),
        (
            "ca",
            &[
                "ca_bc_victimlinkbc",
                "ca_ab_family_violence_info_line",
                "ca_911",
            ][..],
        ),
    ] {
        let region = national().find(|r| r.id == country).unwrap();
        let data = data_with(&["safety_afraid"], country, Pronouns::He, "husband");
        let (shown, _) = chosen(region, &gate::needs_now(&data));
        let ids: Vec<&str> = shown.iter().map(|e| e.id.as_str()).collect();
        for id in want {
            assert!(ids.contains(id), "{country}: {id} missing from {ids:?}");
        }
    }
    // A country with a line for everyone shows that one, and no crisis line in its place.
    let us = national().find(|r| r.id == "us").unwrap();
    let data = data_with(&["safety_afraid"], "us", Pronouns::He, "husband");
    let (shown, _) = chosen(us, &gate::needs_now(&data));
    let ids: Vec<&str> = shown.iter().map(|e| e.id.as_str()).collect();
    assert!(
        ids.contains(&"us_ndvh") && !ids.contains(&"us_988"),
        "{ids:?}"
    );
}

/// Forced or pressured sex: the line for sexual violence is shown with the result in every
/// country, or the country says why there is none; and not for abuse of other kinds.
#[test]
fn a_yes_about_forced_sex_brings_the_sexual_violence_line() {
    for region in national() {
        let data = data_with(&["safety_sexual"], &region.id, Pronouns::He, "husband");
        let needs = gate::needs_now(&data);
        assert!(needs.contains(&Need::SexualViolence), "{}", region.id);
        let (shown, notes) = chosen(region, &needs);
        let has_line = shown
            .iter()
            .any(|e| e.needs.contains(&Need::SexualViolence));
        let has_gap = region.gaps.iter().any(|g| g.need == Need::SexualViolence);
        assert!(has_line || has_gap, "{}: {shown:?} {notes:?}", region.id);
        let other = data_with(&["safety_physical"], &region.id, Pronouns::He, "husband");
        assert!(
            !gate::needs_now(&other).contains(&Need::SexualViolence),
            "{}",
            region.id
        );
    }
}

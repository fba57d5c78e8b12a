//! The help lines as pages: the one or two that fit a person's answers first, and every line
//! for their country (then the others) on the crisis page. Written once for every front end.

use super::{Block, Hint, Page, Tone};
use crate::content::Content;
use crate::content::resources::{Need, Region, ResourceEntry};
use crate::core::record::SavedData;

/// The lines chosen for these needs in a region: for each need, its first line, each line
/// once; and the region's note for each need no checked line serves.
pub fn chosen<'c>(region: &'c Region, needs: &[Need]) -> (Vec<&'c ResourceEntry>, Vec<&'c str>) {
    let mut lines: Vec<&ResourceEntry> = Vec::new();
    let mut gaps: Vec<&str> = Vec::new();
    for &need in needs {
        let found: Vec<&ResourceEntry> = if region.is_directory() {
            // No country: every directory that serves the need, since none is a line.
            region.for_need(need).collect()
        } else {
            lines_for(region, need)
        };
        for entry in found {
            if !lines.iter().any(|l| l.id == entry.id) {
                lines.push(entry);
            }
        }
        if let Some(gap) = region.gaps.iter().find(|g| g.need == need) {
            gaps.push(gap.note.as_str());
        }
    }
    (lines, gaps)
}

/// The lines of one country shown for one need.
fn lines_for(region: &Region, need: Need) -> Vec<&ResourceEntry> {
    let whole = |need: Need| region.for_need(need).filter(|e| e.area.is_none());
    // In danger, every way to reach help: the number, and how to call it without speaking
    // (the UK's Silent Solution), where the list has one.
    if need == Need::Emergency {
        return whole(need).collect();
    }
    // A line for the whole country, the first listed: the one to call.
    if let Some(first) = whole(need).next() {
        return vec![first];
    }
    let mut found: Vec<&ResourceEntry> = Vec::new();
    // Where no checked abuse line for the whole country says it serves everyone, the lines
    // for women and for LGBT+ people are still lines, each labelled with whom it serves (the
    // region's note names them).
    if need == Need::Abuse {
        found.extend(whole(Need::AbuseWomen).take(1));
        found.extend(whole(Need::Lgbtq).take(1));
    }
    // Where no checked line says it serves men, the line that listens to anyone, whatever is
    // happening, is shown rather than nothing (the region's note says so).
    if need == Need::AbuseMen
        && region.for_need(need).next().is_none()
        && whole(Need::Abuse).next().is_none()
        && region.gaps.iter().any(|g| g.need == need)
    {
        found.extend(whole(Need::SelfHarm).take(1));
    }
    // Lines that each serve one part of the country (Scotland, Wales, one province): all of
    // them, since which part the user lives in is not known.
    found.extend(region.for_need(need).filter(|e| e.area.is_some()));
    found
}

/// The country setting in words, for both front ends' settings: its name, and where it came
/// from when the user has not chosen it; `None` when there is none.
pub fn country_setting(content: &Content, data: &SavedData) -> Option<String> {
    let id = data.settings.country.as_deref()?;
    let region = content.resources.regions.iter().find(|r| r.id == id)?;
    Some(if data.settings.country_from_locale {
        format!("{}, from this computer's language setting", region.name)
    } else {
        region.name.clone()
    })
}

/// The region to show first: the user's country, or the international directories.
pub fn region<'c>(content: &'c Content, country: Option<&str>) -> Option<&'c Region> {
    let regions = &content.resources.regions;
    regions
        .iter()
        .find(|r| Some(r.id.as_str()) == country)
        .or_else(|| regions.iter().find(|r| r.is_directory()))
}

/// One line, in full: its name, whom it serves, how to reach it, when, and where its number
/// was checked.
fn entry_blocks(page: &mut Page, region: &Region, entry: &ResourceEntry) {
    page.para(Tone::Heading, entry.name.clone());
    page.para(Tone::Text, format!("For: {}. {}", entry.serves, entry.what));
    for contact in &entry.contact {
        page.bullet(Tone::Key, contact.line());
    }
    if !entry.hours.is_empty() {
        page.para(Tone::Text, format!("Open: {}.", entry.hours));
    }
    page.para(Tone::Dim, entry.provenance(region));
}

/// The lines that fit this person first (`needs`, from the gate), then a pointer to the rest.
pub fn for_needs(content: &Content, country: Option<&str>, needs: &[Need]) -> Page {
    let mut page = Page::new();
    let Some(region) = region(content, country) else {
        return page;
    };
    let (lines, gaps) = chosen(region, needs);
    page.para(
        Tone::Warning,
        if region.is_directory() {
            "Lines for what you told Overture. No country is chosen, so these are international directories; choose your country in Settings to see its own lines first.".to_string()
        } else {
            format!("Lines for what you told Overture, in {}:", region.name_in_text())
        },
    );
    for entry in lines {
        page.blank();
        entry_blocks(&mut page, region, entry);
    }
    for gap in gaps {
        page.blank();
        page.para(Tone::Text, gap);
    }
    page.blank();
    page.hint(Tone::Key, Hint::SupportLines);
    page
}

/// The crisis page: the intro, every line for the user's country, then every other region.
pub fn all(content: &Content, country: Option<&str>) -> Page {
    regions_page(content, content.regions_for(country))
}

/// The intro, then each of `regions` with every line and note it has.
fn regions_page<'c>(content: &'c Content, regions: impl IntoIterator<Item = &'c Region>) -> Page {
    let mut page = Page::new();
    page.para(Tone::Warning, content.resources.intro.clone());
    for (n, region) in regions.into_iter().enumerate() {
        page.blank();
        page.para(Tone::Title, region.name.clone());
        for entry in &region.entries {
            page.blank();
            entry_blocks(&mut page, region, entry);
        }
        for gap in &region.gaps {
            page.blank();
            page.para(Tone::Text, gap.note.clone());
        }
        // The first region's lines come right after what to do in danger; what the list
        // covers and how it was checked follows them.
        if n == 0 {
            page.blank();
            page.para(Tone::Dim, content.resources.about.clone());
        }
    }
    page
}

/// The lines for a file the user keeps or hands on (the summary): with a country chosen,
/// only its lines and the international directories; with none, every region.
pub fn own_country(content: &Content, country: Option<&str>) -> Page {
    let ours = |r: &&Region| country.is_none_or(|c| r.id == c) || r.is_directory();
    regions_page(
        content,
        content.regions_for(country).into_iter().filter(ours),
    )
}

/// A page of plain blocks as text lines: plain text, or Markdown with the region names as
/// headings. Hints are left to the front end that prints them.
pub fn lines(page: &Page, markdown: bool) -> Vec<String> {
    let mut out = Vec::new();
    for block in &page.blocks {
        match block {
            Block::Para(Tone::Title, t) if markdown => out.push(format!("### {t}")),
            Block::Para(Tone::Heading, t) if markdown => out.push(format!("**{t}**")),
            Block::Para(_, t) => out.push(t.clone()),
            Block::Bullet(_, t) => out.push(format!("- {t}")),
            Block::Blank => out.push(String::new()),
            Block::Labeled { label, text, .. } => out.push(format!("{label}{text}")),
            Block::CrisisLines(_) | Block::Hint(..) => {}
        }
    }
    out
}

/// The words of one settings entry, the same in both faces.
pub fn settings_label(
    content: &Content,
    data: &SavedData,
    item: crate::core::session::SettingsItem,
) -> String {
    use crate::core::session::SettingsItem;
    match item {
        SettingsItem::Country => {
            let country = country_setting(content, data)
                .unwrap_or_else(|| "not chosen: every country is listed".to_string());
            format!("Country for crisis lines ({country})")
        }
        SettingsItem::LockOn => "Lock with a passphrase".to_string(),
        SettingsItem::ChangePassphrase => "Change the passphrase".to_string(),
        SettingsItem::LockOff => "Turn the passphrase lock off".to_string(),
        SettingsItem::DeleteEverything => {
            "Delete everything Overture saved on this device".to_string()
        }
    }
}

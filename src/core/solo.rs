//! Work the user can do alone: what the solo menu offers on each path, the sentence
//! builders, and the journal. On the safety path the communication tools are left out (they
//! are for a relationship without fear); the journal and individual support stay.

use super::history;
use super::record::SavedData;
use crate::content::Content;
use jiff::Timestamp;

/// The builders, in the order the solo menu lists them (ids in `after.json`).
pub const BUILDERS: [&str; 2] = ["i_feel", "xyz"];

/// One entry of the solo menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoloItem {
    /// A reading section, by index into the content's sections.
    Section(usize),
    /// A sentence builder, by index into `BUILDERS`.
    Builder(usize),
    Journal,
}

/// Whether this user is shown the communication tools (the builders and the sections on
/// talking): not on the safety path.
pub fn tools_shown(data: &SavedData) -> bool {
    super::gate::capabilities(data).is_none_or(|c| c.solo_tools)
}

/// The journal prompts this user is offered (indices into the content's prompts): those
/// about how the asking lands on the partner only where the invitation is the advice.
pub fn journal_prompts(content: &Content, data: &SavedData) -> Vec<usize> {
    let path = super::gate::current(data);
    let can = path.map(super::gate::Path::capabilities);
    let about_partner = can.is_none_or(|c| c.partner_reaction_prompts);
    let tools = can.is_none_or(|c| c.solo_tools);
    content
        .after
        .solo
        .journal_prompts
        .iter()
        .enumerate()
        .filter(|(_, p)| written_for(&p.paths, path, tools))
        .filter(|(_, p)| about_partner || !p.about_partner)
        .map(|(i, _)| i)
        .collect()
}

/// Whether a text written for `paths` is shown on `path`: a text that names its paths only
/// there; any other only where the communication tools are (not on a safety path), so
/// nothing about your half of the pattern reaches someone who is afraid or in crisis.
fn written_for(paths: &[String], path: Option<super::gate::Path>, tools: bool) -> bool {
    if paths.is_empty() {
        tools
    } else {
        path.is_some_and(|p| paths.iter().any(|id| id == p.id()))
    }
}

/// The solo menu for this user, in order.
pub fn items(content: &Content, data: &SavedData) -> Vec<SoloItem> {
    let path = super::gate::current(data);
    let tools = path.is_none_or(|p| p.capabilities().solo_tools);
    let tags = data
        .latest_assessment()
        .map(|a| a.answers.tags(content))
        .unwrap_or_default();
    let mut items: Vec<SoloItem> = content
        .after
        .solo
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| written_for(&s.paths, path, tools))
        // An empty condition matches every set of tags.
        .filter(|(_, s)| s.when.matches(&tags))
        .map(|(i, _)| SoloItem::Section(i))
        .collect();
    if tools {
        items.extend((0..BUILDERS.len()).map(SoloItem::Builder));
    }
    items.push(SoloItem::Journal);
    items
}

/// Keeps a journal entry, to a prompt (by index) or free. Nothing is kept for an entry with
/// no words. Returns the entry's index in `data.journal`. Save after.
pub fn keep_journal(
    content: &Content,
    data: &mut SavedData,
    at: Timestamp,
    prompt: Option<usize>,
    text: &str,
) -> Option<usize> {
    if text.trim().is_empty() {
        return None;
    }
    let prompt_id = prompt
        .and_then(|i| content.after.solo.journal_prompts.get(i))
        .map(|p| p.id.as_str());
    history::add_journal(data, at, prompt_id, text);
    Some(data.journal.len() - 1)
}

/// Keeps a builder's sentence, with the blanks the user filled, in the journal. Nothing is
/// kept when every blank is empty. Returns the entry's index in `data.journal`. Save after.
pub fn keep_built(
    content: &Content,
    data: &mut SavedData,
    at: Timestamp,
    builder: usize,
    blanks: &[String],
) -> Option<usize> {
    let id = BUILDERS.get(builder)?;
    let template = &content.after.solo.builders.get(*id)?.template;
    if blanks.iter().all(|b| b.trim().is_empty()) {
        return None;
    }
    let sentence = history::build_sentence(template, blanks);
    history::add_journal(data, at, Some(id), &sentence);
    Some(data.journal.len() - 1)
}

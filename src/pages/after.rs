//! The pages after the ask: logging one and what it means, the plan for repeated "no", the
//! timeline and its review, the lower doors, and the solo work with its journal.

use super::text;
use super::{Hint, Page, Tone, Words, user_text};
use crate::core::asklog::{self, ASK_ANSWERS};
use crate::core::doors;
use crate::core::glance::Glance;
use crate::core::record::{AskAnswer, Movement, SavedData};
use crate::core::solo::{self, BUILDERS, SoloItem};
use crate::core::timeline::{self, Choice, Standing};
use crate::core::triage::OutcomeKind;
use jiff::civil::Date;

/// The first question of logging an ask, and the doors to choose from. Where the latest
/// result does not advise asking, the log is a record of what happened, and says so.
pub fn log_doors(w: Words, data: &SavedData) -> (Page, Vec<String>) {
    let mut page = Page::new();
    let (intro, question) = if asking_advised(data) {
        (&w.content.after.log_intro, "What did you offer?")
    } else {
        (&w.content.after.log_intro_noted, "What was it about?")
    };
    page.para(Tone::Dim, w.r(intro));
    page.blank();
    page.para(Tone::Heading, question);
    let labels = asklog::ask_doors(w.content)
        .into_iter()
        .map(|id| text::door_name(w.content, id, w.voice))
        .collect();
    (page, labels)
}

/// Whether the latest result advises asking: where it does not, the ask log is a record of
/// what happened, not an invitation to ask again.
fn asking_advised(data: &SavedData) -> bool {
    crate::core::gate::invitations_offered(crate::core::gate::current(data))
}

/// The second question of logging an ask (`door`: index into `asklog::ask_doors`), and the
/// answers.
pub fn log_answers(w: Words, data: &SavedData, door: usize) -> (Page, Vec<String>) {
    let mut page = Page::new();
    let door = asklog::ask_door(w.content, door);
    let said = if asking_advised(data) {
        "You offered"
    } else {
        "It was about"
    };
    page.para(
        Tone::Dim,
        format!("{said}: {}", text::door_name(w.content, door, w.voice)),
    );
    page.blank();
    page.para(Tone::Heading, w.r("How did {they} answer?"));
    let labels = ASK_ANSWERS
        .iter()
        .map(|(a, _)| text::ask_answer_label(w.content, *a, w.voice))
        .collect();
    (page, labels)
}

/// Above the note of an ask.
pub fn log_note() -> Page {
    let mut page = Page::new();
    page.para(
        Tone::Heading,
        "A note, if you want one: what was said, how it felt. The note can stay empty.",
    );
    page
}

/// What a logged ask means (by index into `data.asks`). A threat or contempt switches paths,
/// in code, and says why; after several "no"s the plan is next.
pub fn logged(w: Words, data: &SavedData, index: usize) -> Page {
    let mut page = Page::new();
    let Some(ask) = data.asks.get(index) else {
        return page;
    };
    let label = text::ask_answer_label(w.content, ask.answer, w.voice);
    page.para(
        Tone::Dim,
        format!("Logged, {}: {label}", text::date(ask.at)),
    );
    page.blank();
    let Some(outcome) = ask.answer.switch() else {
        // Just after a yes, "0 no since the last yes" says nothing: the count alone.
        let count = if ask.answer == AskAnswer::Yes {
            format!("{} logged in all.", data.asks.len())
        } else {
            format!(
                "{} logged in all; {} \u{201c}no\u{201d} {}.",
                data.asks.len(),
                asklog::noes_since_yes(data),
                if asklog::any_yes(data) {
                    "since the last yes"
                } else {
                    "so far, and no yes yet"
                }
            )
        };
        page.para(Tone::Text, count);
        page.blank();
        if asklog::current_outcome(data) == Some(OutcomeKind::SafetyFirst) {
            // Whatever the answer was, the path has signs of danger on it.
            page.para(
                Tone::Warning,
                w.content.spell("Your answers include signs of danger, so couples counseling is not the advice here, whatever the answer was: what is said in a joint session can be used against you at home. Support for you comes first, and the lines below are free."),
            );
            page.blank();
            page.crisis_lines(data);
            return page;
        }
        if ask.answer == AskAnswer::Yes {
            // How to make a yes hold is advice about going together: only on the paths
            // where asking is the advice (not after contempt, an addiction, an affair...).
            if asking_advised(data) {
                after_yes(w, &mut page, &ask.door);
            } else {
                page.para(
                    Tone::Text,
                    w.content.spell("Your latest result says something else comes before couples counseling for now, so Overture has no advice here about going ahead together. The steps on your result still come first."),
                );
                page.blank();
            }
            page.hint(Tone::Dim, Hint::GoHome);
            return page;
        }
        if asklog::repeated_no_due(data) {
            page.para(
                Tone::Heading,
                "You have heard no several times now. Asking again the same way rarely changes the answer; there is a plan for this.",
            );
            page.hint(Tone::Heading, Hint::ReadPlan);
        } else {
            page.hint(Tone::Dim, Hint::GoHome);
        }
        return page;
    };
    // The path this answer leads to, in its own words (a threat: abuse; contempt: red flag).
    let path = if outcome == OutcomeKind::SafetyFirst {
        crate::core::gate::Path::Abuse
    } else {
        crate::core::gate::Path::RedFlag
    };
    if let Some(copy) = w.content.copy.paths.get(path.id()) {
        page.para(Tone::Title, w.r(&copy.title));
        page.blank();
        // Told just now, not in the check-in: the summary for what came after it.
        page.para(
            Tone::Text,
            w.r(copy.since_summary.as_deref().unwrap_or(&copy.summary)),
        );
        page.blank();
    }
    let (why, source) = if outcome == OutcomeKind::SafetyFirst {
        (
            "Why am I seeing this: you logged a threat. A threat is safety information, the same as in the safety questions of the check-in, and it comes before anything else. Couples counseling is not the advice while there is fear; individual, confidential support is, and the lines below are free.",
            "ndvh_couples",
        )
    } else {
        (
            "Why am I seeing this: you logged mockery or contempt. That counts the same as the contempt question of the check-in: your own support comes first, not new ways to ask.",
            "gottman_contempt",
        )
    };
    page.para(
        Tone::Text,
        w.sourced(&w.content.spell(why), &[source.to_string()]),
    );
    page.blank();
    if outcome == OutcomeKind::SafetyFirst {
        page.crisis_lines(data);
    } else {
        page.hint(Tone::Key, Hint::SupportLines);
    }
    page
}

/// What helps a yes to `door` hold: the steps that fit that door, each with its sources.
fn after_yes(w: Words, page: &mut Page, door: &str) {
    let yes = &w.content.after.after_yes;
    page.para(Tone::Heading, w.r(&yes.heading));
    for step in yes.steps.iter().filter(|s| s.fits(door)) {
        page.bullet(Tone::Text, w.sourced(&w.r(&step.text), &step.sources));
    }
    let name = text::door_name(w.content, door, w.voice);
    page.blank();
    page.para(
        Tone::Dim,
        format!("Why am I seeing this: you logged a yes to \u{201c}{name}\u{201d}."),
    );
    page.blank();
}

/// The plan for repeated "no", filtered for the user's path, with their boundary.
pub fn plan(w: Words, data: &SavedData) -> Page {
    let plan = &w.content.after.repeated_no;
    let mut page = Page::new();
    let Some(path) = crate::core::gate::current(data) else {
        page.para(
            Tone::Heading,
            "Take the check-in first: the plan is matched to it.",
        );
        return page;
    };
    page.para(Tone::Text, w.r(&plan.intro));
    if asklog::leaving_warning(path) {
        page.blank();
        page.para(Tone::Warning, w.r(&plan.leaving_warning));
    }
    let steps = asklog::plan_steps_now(w.content, data);
    for (n, id) in steps.iter().enumerate() {
        let Some(step) = plan.steps.iter().find(|s| s.id == *id) else {
            continue;
        };
        page.blank();
        page.para(Tone::Heading, format!("{}. {}", n + 1, w.r(&step.title)));
        page.para(Tone::Text, w.r(&step.body));
        page.para(
            Tone::Dim,
            w.sourced(&format!("Why: {}", w.r(&step.why)), &step.sources),
        );
        if *id == "boundary" {
            match data.boundaries.last() {
                Some(b) => {
                    page.blank();
                    page.para(Tone::Key, format!("Your boundary ({}):", text::date(b.at)));
                    page.para(Tone::Own, user_text(&b.text));
                }
                None => page.hint(Tone::Key, Hint::WriteBoundary),
            }
        }
    }
    if path.is_safety() {
        page.blank();
        page.crisis_lines(data);
    }
    page
}

/// Above the boundary's text box.
pub fn boundary_prompt(w: Words) -> Page {
    let mut page = Page::new();
    page.para(
        Tone::Heading,
        w.r(&w.content.after.repeated_no.boundary_prompt),
    );
    page.para(Tone::Dim, "Each time you save it, a new version is kept.");
    page
}

/// The lines above the home menu: the latest result, and the path now when what was logged
/// since made it stricter.
pub fn home_status(w: Words, glance: &Glance) -> Vec<String> {
    let Some(last) = glance.data.latest_assessment() else {
        return Vec::new();
    };
    let date = text::date(last.completed_at);
    let found = text::outcome_title(w.content, last, w.voice);
    // When something else makes the path stricter, the path now leads: "Latest result:
    // Reluctant, but likely reachable" must not be the first thing read after a threat.
    if let (Some(now), Some(why)) = (glance.path, glance.stricter)
        && let Some(copy) = w.content.copy.paths.get(now.id())
    {
        let own = if now.is_safety() {
            // A hopeful label about the partner is not shown beside a safety path.
            format!("Latest check-in: {date}.")
        } else {
            format!("Latest check-in ({date}), read on its own: {found}")
        };
        return vec![
            format!("Now: {}, because {}.", w.r(&copy.title), w.r(why.because())),
            own,
        ];
    }
    vec![format!("Latest result ({date}): {found}")]
}

/// "Since last time": at most three lines on the home screen about what moved, derived from
/// the saved answers only (`core::since`). Empty when nothing did.
pub fn since_last_time(w: Words, glance: &Glance, today: Date) -> Vec<String> {
    use crate::core::since::{self, Since};
    since::since(glance, today, text::local_date)
        .into_iter()
        .map(|line| match line {
            Since::Signal {
                question,
                from,
                to,
                toward_red_flag,
            } => {
                let Some(q) = w.content.question(question) else {
                    return String::new();
                };
                let label = |key: &str| {
                    q.options
                        .iter()
                        .find(|o| o.key == key)
                        .map_or_else(|| key.to_string(), |o| w.r(&o.label))
                };
                let short = w.r(q.short.as_deref().unwrap_or(&q.text));
                let moved = format!(
                    "{short}: {} \u{2192} {} since your last check-in.",
                    label(&from),
                    label(&to)
                );
                if toward_red_flag {
                    format!(
                        "{moved} That is a move toward the warning signs. Taking the check-in again starts with the safety questions."
                    )
                } else {
                    moved
                }
            }
            Since::ReviewDue { days_over: 0 } => "Your review date is today.".to_string(),
            Since::ReviewDue { days_over } => format!(
                "Your review date was {days_over} day{} ago.",
                if days_over == 1 { "" } else { "s" }
            ),
            Since::LastAsk { days_ago, answer } => {
                let when = match days_ago {
                    0 => "today".to_string(),
                    1 => "yesterday".to_string(),
                    n => format!("{n} days ago"),
                };
                format!(
                    "Last ask: {when}. {}.",
                    text::ask_answer_label(w.content, answer, w.voice)
                )
            }
        })
        .filter(|line| !line.is_empty())
        .collect()
}

/// The line the home menu shows about the timeline, if one is set.
pub fn timeline_status(glance: &Glance, today: Date) -> Option<String> {
    if !glance.timeline_offered {
        return None;
    }
    let window = glance.data.timeline.as_ref()?;
    Some(match window.standing(today) {
        Standing::ReviewDue { .. } if glance.reviewed => {
            "Your timeline: reviewed. Set a new window when you are ready.".to_string()
        }
        Standing::ReviewDue { .. } => {
            "Your timeline: review due. Choose \u{201c}Your timeline and its review\u{201d}."
                .to_string()
        }
        _ => format!(
            "Your timeline: {}.",
            window.status_line(today).to_lowercase()
        ),
    })
}

/// Writing the boundary line by line: the prompt, and the boundary as it stands.
pub fn boundary(w: Words, data: &SavedData) -> Page {
    let mut page = boundary_prompt(w);
    if let Some(b) = data.boundaries.last() {
        page.blank();
        page.para(Tone::Text, "Your boundary now:");
        page.para(Tone::Own, user_text(&b.text));
    }
    page
}

/// Before the summary for the user's own counselor is written: what it holds, and that the
/// file is a trace.
pub fn summary_export(w: Words) -> Page {
    let mut page = Page::new();
    page.para(
        Tone::Text,
        w.content.spell("A summary for your own counselor: your latest result and next steps, and what you have logged and planned since, in Markdown."),
    );
    page.para(Tone::Warning, w.r(&w.content.rehearsal.export_warning));
    page
}

/// The words of a window length: "90 days (about three months; the usual)".
fn window_label(days: u32) -> String {
    let months = match days {
        30 => " (about a month)",
        60 => " (about two months)",
        90 => " (about three months; the usual)",
        180 => " (about six months)",
        _ => "",
    };
    format!("{days} days{months}")
}

/// The timeline: where today falls in the window with the review and a new window to choose
/// from, or (with no window yet, or `choosing` a new one) the window lengths.
pub fn timeline(w: Words, data: &SavedData, today: Date, choosing: bool) -> (Page, Vec<String>) {
    let mut page = Page::new();
    match (&data.timeline, choosing) {
        (Some(window), false) => {
            // Said as the home screen says it: a window whose review is done is not "due".
            let reviewed_and_over = timeline::reviewed(data)
                && matches!(window.standing(today), Standing::ReviewDue { .. });
            if reviewed_and_over {
                page.para(
                    Tone::Title,
                    "Reviewed. Set a new window when you are ready.",
                );
            } else {
                page.para(Tone::Title, window.status_line(today));
            }
            page.para(
                Tone::Dim,
                format!(
                    "Started {}; review on {}.",
                    window.started_on.strftime("%-d %b %Y"),
                    window.review_on().strftime("%-d %b %Y")
                ),
            );
            let asks = timeline::asks_in_window(data, window, text::local_date);
            let total: u32 = asks.values().sum();
            page.para(Tone::Text, format!("Asks logged in this window: {total}."));
            if timeline::reviewed(data) {
                page.para(Tone::Dim, "You have reviewed this window already.");
            }
            page.blank();
        }
        _ => {
            let intro = if asking_advised(data) {
                &w.content.after.timeline.intro
            } else {
                &w.content.after.timeline.intro_not_asking
            };
            page.para(Tone::Text, w.r(intro));
            page.blank();
            page.para(Tone::Heading, "How long a window do you want to give it?");
        }
    }
    let due = data
        .timeline
        .as_ref()
        .is_some_and(|t| matches!(t.standing(today), Standing::ReviewDue { .. }));
    let reviewed = timeline::reviewed(data);
    let labels = timeline::choices(data, choosing)
        .into_iter()
        .map(|c| match c {
            Choice::Window(days) => window_label(days),
            Choice::Review if reviewed => "Review again".to_string(),
            Choice::Review if due => "Review now (it is due)".to_string(),
            Choice::Review => "Review early".to_string(),
            Choice::NewWindow => "Set a new window".to_string(),
        })
        .collect();
    (page, labels)
}

/// One question of the movement check (by index into the content's items), and its answers.
pub fn review_question(w: Words, item: usize) -> (Page, Vec<String>) {
    let mut page = Page::new();
    page.para(
        Tone::Dim,
        format!(
            "Over this window, question {} of {}:",
            item + 1,
            w.content.after.timeline.movement.len()
        ),
    );
    if let Some(it) = w.content.after.timeline.movement.get(item) {
        page.para(Tone::Heading, w.r(&it.text));
    }
    page.blank();
    let labels = Movement::ALL
        .iter()
        .map(|m| m.label().to_string())
        .collect();
    (page, labels)
}

/// A review (by index into `data.reviews`): the verdict, and why: the answers and the log.
pub fn review_result(w: Words, data: &SavedData, index: usize) -> Page {
    let copy = &w.content.after.timeline;
    let mut page = Page::new();
    let Some(review) = data.reviews.get(index) else {
        return page;
    };
    page.para(
        Tone::Title,
        format!("Your review of {}", text::date(review.at)),
    );
    page.blank();
    if let Some(verdict) = copy.verdicts.get(review.verdict.id()) {
        page.para(Tone::Text, w.sourced(&w.r(verdict), &copy.sources));
    }
    page.blank();
    page.para(Tone::Heading, "Why am I seeing this: what you answered");
    movement_bullets(w, review, &mut page);
    page.blank();
    page.para(Tone::Heading, "And what the log shows for this window:");
    if review.asks.is_empty() {
        page.bullet(Tone::Text, "No asks logged.");
    }
    for (answer, n) in &review.asks {
        page.bullet(
            Tone::Text,
            format!(
                "{}: {n}",
                text::ask_answer_label(w.content, *answer, w.voice)
            ),
        );
    }
    if review
        .asks
        .keys()
        .any(|a| matches!(a, AskAnswer::Threat | AskAnswer::Contempt))
    {
        page.blank();
        page.para(
            Tone::Warning,
            "Contempt or a threat in the log is not movement, whatever else changed.",
        );
        if review.asks.contains_key(&AskAnswer::Threat) {
            page.blank();
            page.crisis_lines(data);
        } else {
            page.hint(Tone::Warning, Hint::SupportLines);
        }
    }
    if let Some(previous) = index.checked_sub(1).and_then(|i| data.reviews.get(i)) {
        page.blank();
        page.para(
            Tone::Dim,
            format!(
                "Your previous review ({}) found: {}.",
                text::date(previous.at),
                previous.verdict.label()
            ),
        );
    }
    page
}

pub(super) fn movement_bullets(
    w: Words,
    review: &crate::core::record::ReviewRecord,
    page: &mut Page,
) {
    for it in &w.content.after.timeline.movement {
        if let Some(m) = review.movement.get(&it.id) {
            page.bullet(Tone::Text, format!("{}: {}", w.r(&it.text), m.label()));
        }
    }
}

/// The lower doors this user is shown, or why there are none on their path.
pub fn doors(w: Words, data: &SavedData) -> (Page, Vec<String>) {
    let after = &w.content.after;
    let mut page = Page::new();
    if let Some(closed) = doors::closed_because(w.content, data) {
        match closed.key().and_then(|k| after.doors_gated.get(k)) {
            Some(text) => page.para(Tone::Text, w.r(text)),
            None => {
                page.para(
                    Tone::Heading,
                    "Take the check-in first: the doors are matched to it.",
                );
                return (page, Vec::new());
            }
        }
        page.blank();
        page.hint(Tone::Key, Hint::SupportLines);
        return (page, Vec::new());
    }
    page.para(Tone::Text, w.r(&after.doors_intro));
    page.blank();
    let labels = doors::visible(w.content, data)
        .unwrap_or_default()
        .iter()
        .map(|d| {
            let money = if d.money {
                " (when money is the barrier)"
            } else {
                ""
            };
            format!("{}{money}", w.r(&d.name))
        })
        .collect();
    (page, labels)
}

/// One door in full (by index into the doors this user is shown).
pub fn door(w: Words, data: &SavedData, index: usize) -> Page {
    let mut page = Page::new();
    let Some(door) = doors::visible(w.content, data).and_then(|d| d.get(index).copied()) else {
        return page;
    };
    page.para(Tone::Title, w.r(&door.name));
    page.blank();
    page.para(Tone::Text, w.r(&door.what));
    page.blank();
    page.para(Tone::Heading, "Who it suits");
    page.para(Tone::Text, w.r(&door.suits));
    page.blank();
    page.para(Tone::Heading, "How to offer it");
    page.para(Tone::Text, w.r(&door.how));
    if !door.sources.is_empty() {
        page.blank();
        page.para(Tone::Dim, w.sourced("Based on", &door.sources));
    }
    page
}

/// The solo menu: what is in it for this user, and why the tools are missing on the safety
/// path.
pub fn solo(w: Words, data: &SavedData) -> (Page, Vec<String>) {
    let solo = &w.content.after.solo;
    let mut page = Page::new();
    let path = crate::core::gate::current(data);
    let tools = path.is_none_or(|p| p.capabilities().solo_tools);
    let self_harm = path == Some(crate::core::gate::Path::SelfHarm);
    page.para(
        Tone::Text,
        w.r(
            if tools && path.is_none_or(crate::core::gate::Path::invites) {
                &solo.intro
            } else if tools {
                &solo.intro_own
            } else if self_harm {
                &solo.intro_self_harm
            } else {
                &solo.intro_safety
            },
        ),
    );
    page.blank();
    if !tools {
        page.para(
            Tone::Dim,
            if self_harm {
                "For now the communication tools are left out: your own care comes first. Your journal and individual support are here."
            } else {
                "With signs of danger, the communication tools are left out: they are for a relationship without fear. Your journal and individual support are here."
            },
        );
        page.blank();
    }
    let labels = solo::items(w.content, data)
        .iter()
        .map(|item| match item {
            SoloItem::Section(i) => solo
                .sections
                .get(*i)
                .map(|s| w.r(&s.title))
                .unwrap_or_default(),
            SoloItem::Builder(b) => BUILDERS
                .get(*b)
                .and_then(|id| solo.builders.get(*id))
                .map(|b| format!("Build a sentence: {}", w.r(&b.title)))
                .unwrap_or_default(),
            SoloItem::Journal => {
                format!("Write in your journal ({} saved)", data.journal.len())
            }
        })
        .collect();
    (page, labels)
}

/// A reading section of the solo work (by index into the content's sections).
pub fn solo_section(w: Words, index: usize) -> Page {
    let mut page = Page::new();
    let Some(s) = w.content.after.solo.sections.get(index) else {
        return page;
    };
    page.para(Tone::Title, w.r(&s.title));
    page.blank();
    for para in w.r(&s.body).split("\n\n") {
        page.para(Tone::Text, para);
        page.blank();
    }
    if !s.sources.is_empty() {
        page.para(Tone::Dim, w.sourced("Based on", &s.sources));
    }
    page
}

/// One blank of a sentence builder (`builder`: index into `BUILDERS`), with the sentence so
/// far from the blanks filled.
pub fn builder(w: Words, builder: usize, blank: usize, filled: &[String]) -> Page {
    let mut page = Page::new();
    let Some(b) = BUILDERS
        .get(builder)
        .and_then(|id| w.content.after.solo.builders.get(*id))
    else {
        return page;
    };
    page.para(Tone::Title, w.r(&b.title));
    page.para(Tone::Dim, w.sourced(&w.r(&b.about), &b.sources));
    page.blank();
    page.para(Tone::Dim, format!("{} of {}", blank + 1, b.blanks.len()));
    if let Some(prompt) = b.blanks.get(blank) {
        page.para(Tone::Heading, w.r(prompt));
    }
    // Every blank not filled yet shows as "…", never as the template's placeholder.
    let mut so_far = filled.to_vec();
    so_far.resize(b.blanks.len().max(filled.len()), String::new());
    page.para(
        Tone::Text,
        format!(
            "So far: {}",
            user_text(&crate::core::history::build_sentence(&b.template, &so_far))
        ),
    );
    page
}

/// The journal prompts, and writing freely (`private`: a private session, which saves nothing).
pub fn journal_prompts(w: Words, data: &SavedData, private: bool) -> (Page, Vec<String>) {
    let mut page = Page::new();
    page.para(
        Tone::Dim,
        if private {
            "Write to a prompt, or freely. Entries are dated and kept only until you leave: a private session saves nothing."
        } else {
            "Write to a prompt, or freely. Entries are dated and saved on this device only."
        },
    );
    page.blank();
    let prompts = &w.content.after.solo.journal_prompts;
    let mut labels: Vec<String> = solo::journal_prompts(w.content, data)
        .into_iter()
        .filter_map(|i| prompts.get(i))
        .map(|p| w.r(&p.text))
        .collect();
    labels.push("Write freely, without a prompt".to_string());
    (page, labels)
}

/// Above a journal entry's text box: its prompt (by index), or none.
pub fn journal(w: Words, prompt: Option<usize>) -> Page {
    let mut page = Page::new();
    let text = prompt
        .and_then(|i| w.content.after.solo.journal_prompts.get(i))
        .map_or_else(|| "Write freely.".to_string(), |p| w.r(&p.text));
    page.para(Tone::Heading, text);
    page
}

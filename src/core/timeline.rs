//! The timeline: a window the user sets, where they are in it, and the review at its end.
//! Today's date is always passed in: the core never reads the clock.

use super::record::{AskAnswer, Movement, ReviewRecord, SavedData, Timeline, Verdict};
use crate::content::Content;
use jiff::civil::Date;
use jiff::{Timestamp, Unit};
use std::collections::BTreeMap;

/// The window offered first: about three months.
pub const DEFAULT_DAYS: u32 = 90;
/// The window lengths offered, in days.
pub const WINDOW_CHOICES: [u32; 4] = [30, 60, 90, 180];
/// The longest window a user may set (a year).
pub const MAX_DAYS: u32 = 366;

/// What the timeline screen offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// A window of this many days, from today.
    Window(u32),
    /// The review of the window set (due or early).
    Review,
    /// Choose a new window instead.
    NewWindow,
}

/// The timeline's choices, in order: the window lengths when none is set (or a new one is
/// being chosen), otherwise the review and a new window.
pub fn choices(data: &SavedData, choosing_new: bool) -> Vec<Choice> {
    if data.timeline.is_none() || choosing_new {
        WINDOW_CHOICES.iter().map(|d| Choice::Window(*d)).collect()
    } else {
        vec![Choice::Review, Choice::NewWindow]
    }
}

/// Where the usual window is among the choices, for a cursor to start on.
pub fn default_choice() -> usize {
    WINDOW_CHOICES
        .iter()
        .position(|&d| d == DEFAULT_DAYS)
        .unwrap_or(0)
}

/// Keeps one answer of the movement check (item: index into the content's items) and
/// returns the next item to ask, or `None` when the check is complete.
pub fn answer_movement(
    content: &Content,
    movement: &mut BTreeMap<String, Movement>,
    item: usize,
    answer: Movement,
) -> Option<usize> {
    let items = &content.after.timeline.movement;
    if let Some(it) = items.get(item) {
        movement.insert(it.id.clone(), answer);
    }
    (item + 1 < items.len()).then_some(item + 1)
}

/// Whether the timeline is offered on the user's path now: it is a window for trying, so not
/// on the safety path (where trying harder with the partner is not the advice).
pub fn offered(data: &SavedData) -> bool {
    offered_on(super::gate::current(data))
}

/// [`offered`], with the path now already worked out.
pub fn offered_on(path: Option<super::gate::Path>) -> bool {
    path.is_none_or(|p| p.allows(crate::content::StepKind::Plan))
}

/// Where today falls in the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Day `day` of `of` (1-based: the start date is day 1).
    Day { day: u32, of: u32 },
    /// The window is over: the review is due, `days_over` days after the review date.
    ReviewDue { days_over: u32 },
    /// Today is before the start date (the clock was moved back, or the date set ahead).
    NotStarted { days_until: u32 },
}

impl Timeline {
    /// The review date: the day after the last day of the window.
    pub fn review_on(&self) -> Date {
        self.started_on
            .checked_add(jiff::Span::new().days(i64::from(self.days)))
            .unwrap_or(Date::MAX)
    }

    /// Where `today` falls.
    pub fn standing(&self, today: Date) -> Standing {
        let elapsed = days_between(self.started_on, today);
        if elapsed < 0 {
            return Standing::NotStarted {
                days_until: u32::try_from(-elapsed).unwrap_or(u32::MAX),
            };
        }
        let elapsed = u32::try_from(elapsed).unwrap_or(u32::MAX);
        if elapsed >= self.days {
            Standing::ReviewDue {
                days_over: elapsed - self.days,
            }
        } else {
            Standing::Day {
                day: elapsed + 1,
                of: self.days,
            }
        }
    }

    /// The status line the home screen shows.
    pub fn status_line(&self, today: Date) -> String {
        match self.standing(today) {
            Standing::Day { day, of } => format!("Day {day} of {of}"),
            Standing::ReviewDue { .. } => "Review due".to_string(),
            Standing::NotStarted { days_until } => format!(
                "Your window starts in {days_until} day{}",
                if days_until == 1 { "" } else { "s" }
            ),
        }
    }
}

/// Calendar days from `from` to `to` (negative if `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    from.until((Unit::Day, to))
        .map_or(0, |span| i64::from(span.get_days()))
}

/// Sets a new window starting today. The length is clamped to `1..=MAX_DAYS`.
pub fn start(data: &mut SavedData, today: Date, days: u32) {
    data.timeline = Some(Timeline {
        started_on: today,
        days: days.clamp(1, MAX_DAYS),
    });
}

/// The asks logged in the window (by the local date `date_of` gives each), counted by answer.
pub fn asks_in_window(
    data: &SavedData,
    window: &Timeline,
    date_of: impl Fn(Timestamp) -> Date,
) -> BTreeMap<AskAnswer, u32> {
    let end = window.review_on();
    let mut counts = BTreeMap::new();
    for ask in &data.asks {
        let on = date_of(ask.at);
        if on >= window.started_on && on < end {
            *counts.entry(ask.answer).or_insert(0) += 1;
        }
    }
    counts
}

/// The review's verdict: moving when anything clearly moved (a yes in the check, or a yes in
/// the log); some when something moved a little (or he said maybe, or asked a question);
/// otherwise flat. Contempt or a threat in the log is not movement, whatever else moved.
pub fn verdict(movement: &BTreeMap<String, Movement>, asks: &BTreeMap<AskAnswer, u32>) -> Verdict {
    let logged = |a: AskAnswer| asks.get(&a).copied().unwrap_or(0) > 0;
    if logged(AskAnswer::Threat) || logged(AskAnswer::Contempt) {
        return Verdict::Flat;
    }
    if movement.values().any(|m| *m == Movement::Yes) || logged(AskAnswer::Yes) {
        Verdict::Moving
    } else if movement.values().any(|m| *m == Movement::ALittle)
        || logged(AskAnswer::Maybe)
        || logged(AskAnswer::AskedQuestion)
    {
        Verdict::Some
    } else {
        Verdict::Flat
    }
}

/// Records the review of the current window and returns it. The window stays until the user
/// sets a new one.
pub fn review(
    data: &mut SavedData,
    at: Timestamp,
    movement: BTreeMap<String, Movement>,
    date_of: impl Fn(Timestamp) -> Date,
) -> Option<ReviewRecord> {
    let window = data.timeline.clone()?;
    let asks = asks_in_window(data, &window, date_of);
    let verdict = verdict(&movement, &asks);
    let id = super::record::unique_id("v", at, &data.reviews.iter().map(|r| r.id.as_str()));
    let record = ReviewRecord {
        id,
        at,
        window,
        movement,
        asks,
        verdict,
    };
    data.reviews.push(record.clone());
    Some(record)
}

/// Whether the current window has already been reviewed.
pub fn reviewed(data: &SavedData) -> bool {
    data.timeline
        .as_ref()
        .is_some_and(|t| data.reviews.iter().any(|r| &r.window == t))
}

impl Verdict {
    /// The verdict in a few words, for lists.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Moving => "things are moving",
            Verdict::Some => "a little movement",
            Verdict::Flat => "a flat line",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Verdict::Moving => "moving",
            Verdict::Some => "some",
            Verdict::Flat => "flat",
        }
    }
}

impl Movement {
    pub const ALL: [Movement; 3] = [Movement::Yes, Movement::ALittle, Movement::No];

    pub fn label(self) -> &'static str {
        match self {
            Movement::Yes => "Yes",
            Movement::ALittle => "A little",
            Movement::No => "No",
        }
    }
}

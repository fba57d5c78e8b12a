//! Trends: the series behind "is anything moving?", taken from the saved answers. Readiness
//! per rehearsal, the check-in's signals per check-in (as positions from the reachable end,
//! see [`super::since::SIGNALS`]), asks per month by how they went, and the review points.

use super::record::{AskAnswer, SavedData, Verdict};
use super::since::SIGNALS;
use jiff::Timestamp;
use jiff::civil::Date;
use std::collections::BTreeMap;

/// One rehearsal's readiness rulers (0 to 10): before, and after if it was answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadinessPoint {
    pub at: Timestamp,
    pub importance: (u8, Option<u8>),
    pub confidence: (u8, Option<u8>),
}

impl ReadinessPoint {
    /// The latest of the two rulers: after if there is one, else before.
    pub fn importance_now(&self) -> u8 {
        self.importance.1.unwrap_or(self.importance.0)
    }

    pub fn confidence_now(&self) -> u8 {
        self.confidence.1.unwrap_or(self.confidence.0)
    }
}

/// One check-in: its index in the saved list, and each signal's answer key with its position
/// from the reachable end (`None` position: answered outside the order, like "not asked").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInPoint {
    pub at: Timestamp,
    pub index: usize,
    pub signals: [Option<(String, Option<usize>)>; 3],
}

/// The asks of one calendar month, by how they went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthAsks {
    /// The first day of the month.
    pub month: Date,
    pub by_answer: BTreeMap<AskAnswer, u32>,
}

impl MonthAsks {
    pub fn total(&self) -> u32 {
        self.by_answer.values().sum()
    }

    /// Asks answered in any of `answers`.
    pub fn count(&self, answers: &[AskAnswer]) -> u32 {
        answers
            .iter()
            .map(|a| self.by_answer.get(a).copied().unwrap_or(0))
            .sum()
    }
}

/// Every series, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trends {
    pub readiness: Vec<ReadinessPoint>,
    pub check_ins: Vec<CheckInPoint>,
    pub asks_by_month: Vec<MonthAsks>,
    pub reviews: Vec<(Timestamp, Verdict)>,
}

impl Trends {
    pub fn is_empty(&self) -> bool {
        self.readiness.is_empty()
            && self.check_ins.is_empty()
            && self.asks_by_month.is_empty()
            && self.reviews.is_empty()
    }
}

/// The series of `data`. `local_date` gives the user's calendar date of a moment (months are
/// the user's months).
pub fn trends(data: &SavedData, local_date: impl Fn(Timestamp) -> Date) -> Trends {
    let mut readiness: Vec<ReadinessPoint> = data
        .rehearsals
        .iter()
        .filter_map(|r| {
            let before = r.readiness_before.as_ref()?;
            let after = r.readiness_after.as_ref();
            Some(ReadinessPoint {
                at: r.started_at,
                importance: (before.importance, after.map(|a| a.importance)),
                confidence: (before.confidence, after.map(|a| a.confidence)),
            })
        })
        .collect();
    readiness.sort_by_key(|p| p.at);

    let mut check_ins: Vec<CheckInPoint> = data
        .assessments
        .iter()
        .enumerate()
        .map(|(index, a)| CheckInPoint {
            at: a.completed_at,
            index,
            signals: SIGNALS.map(|(question, order)| {
                let keys = a.answers.get(question)?;
                let [key] = keys else { return None };
                Some((key.clone(), order.iter().position(|o| o == key)))
            }),
        })
        .collect();
    check_ins.sort_by_key(|p| p.at);

    let mut months: BTreeMap<Date, BTreeMap<AskAnswer, u32>> = BTreeMap::new();
    for ask in &data.asks {
        let day = local_date(ask.at);
        let first = day.first_of_month();
        *months
            .entry(first)
            .or_default()
            .entry(ask.answer)
            .or_default() += 1;
    }
    let asks_by_month = months
        .into_iter()
        .map(|(month, by_answer)| MonthAsks { month, by_answer })
        .collect();

    let mut reviews: Vec<(Timestamp, Verdict)> =
        data.reviews.iter().map(|r| (r.at, r.verdict)).collect();
    reviews.sort_by_key(|r| r.0);

    Trends {
        readiness,
        check_ins,
        asks_by_month,
        reviews,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::record::AskEntry;
    use jiff::tz::TimeZone;

    #[test]
    fn asks_are_counted_in_the_users_own_months() {
        let mut data = SavedData::default();
        // 31 Jan 23:30 in UTC is already 1 Feb in Auckland.
        let at: Timestamp = "2026-01-31T23:30:00Z".parse().unwrap();
        data.asks.push(AskEntry {
            id: "k1".into(),
            at,
            door: "couples_therapy".into(),
            answer: AskAnswer::Maybe,
            note: String::new(),
        });
        let month = |tz: &str| {
            let tz = TimeZone::get(tz).unwrap();
            trends(&data, |t| t.to_zoned(tz.clone()).date()).asks_by_month[0].month
        };
        assert_eq!(month("UTC"), jiff::civil::date(2026, 1, 1));
        assert_eq!(month("Pacific/Auckland"), jiff::civil::date(2026, 2, 1));
    }

    #[test]
    fn nothing_saved_is_no_trend() {
        assert!(trends(&SavedData::default(), |t| t.to_zoned(TimeZone::UTC).date()).is_empty());
    }
}

//! The scan: every rule that may start at a token is tried there, each match offered to the
//! guards, and the accepted spans joined into findings.

use super::guard::Guard;
use super::matcher::{MATCHER, seq};
use super::rules::{Shape, data};
use super::tokens::{Tok, tokenize};
use super::{Concern, Finding};

/// An accepted "always/never" match, kept for the suggestions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Hit {
    pub shape: Shape,
    pub s: usize,
    pub e: usize,
}

pub(super) fn scan(draft: &str, toks: &[Tok]) -> (Vec<Finding>, Vec<Hit>) {
    let matcher = &*MATCHER;
    let mut guard = Guard::new(toks);
    // (concern, start, end, whether the model may overrule it)
    let mut spans: Vec<(Concern, usize, usize, bool)> = Vec::new();
    // (rule, hit): the suggestions take the hits rule by rule, each rule's in draft order.
    let mut hits: Vec<(usize, Hit)> = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    // The last start each rule was tried at, so a rule listed twice for a token runs once.
    let mut tried_at = vec![usize::MAX; matcher.rules.len()];
    // The ends already offered to the guards for this (rule, start): a pattern can reach the
    // same end along several paths, and the answer won't change.
    let mut offered: Vec<usize> = Vec::new();
    for s in 0..toks.len() {
        matcher.index.candidates(toks, s, &mut candidates);
        for &r in &candidates {
            if std::mem::replace(&mut tried_at[r], s) == s {
                continue;
            }
            let rule = &matcher.rules[r];
            offered.clear();
            let mut end = None;
            seq(&rule.nodes, toks, s, &mut |e: usize| {
                if e <= s || offered.contains(&e) {
                    return false;
                }
                offered.push(e);
                let ok = guard.accept(rule, s, e);
                if ok {
                    end = Some(e);
                }
                ok
            });
            let Some(e) = end else { continue };
            let Some(first) = (s..e).find(|&i| toks[i].is_word()) else {
                continue;
            };
            let last = (s..e).rfind(|&i| toks[i].is_word()).unwrap_or(first);
            spans.push((rule.concern, toks[first].start, toks[last].end, rule.veto));
            if rule.concern == Concern::AlwaysNever {
                hits.push((
                    r,
                    Hit {
                        shape: rule.shape,
                        s,
                        e,
                    },
                ));
            }
        }
    }
    hits.sort_unstable_by_key(|&(r, hit)| (r, hit.s));
    let hits = hits.into_iter().map(|(_, hit)| hit).collect();

    spans.extend(
        scare_quotes(toks)
            .into_iter()
            .map(|(c, a, b)| (c, a, b, true)),
    );

    // One finding per stretch of words and concern: overlapping matches are joined.
    spans.sort_by_key(|&(c, a, b, _)| (c, a, std::cmp::Reverse(b)));
    let mut merged: Vec<(Concern, usize, usize, bool)> = Vec::new();
    for (c, a, b, veto) in spans {
        match merged.last_mut() {
            Some(last) if last.0 == c && a < last.2 => {
                last.2 = last.2.max(b);
                last.3 &= veto;
            }
            _ => merged.push((c, a, b, veto)),
        }
    }
    merged.sort_by_key(|&(c, a, _, _)| (a, c));
    let findings = merged
        .into_iter()
        .map(|(concern, start, end, veto)| {
            let found = draft[start..end].to_string();
            Finding {
                concern,
                note: concern.note(&found),
                found,
                start,
                end,
                beyond_veto: !veto,
            }
        })
        .collect();
    (findings, hits)
}

/// Sarcastic scare quotes around the partner's words: "you'll 'think about it'",
/// "you're \"too busy\"". A short quotation right after "you"/"your", with no reporting
/// verb before it. Returns (concern, start, end) spans, quote marks included.
fn scare_quotes(toks: &[Tok]) -> Vec<(Concern, usize, usize)> {
    let reported = &data().words.reported;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].quoted {
            i += 1;
            continue;
        }
        let open = i - 1; // quoted runs never start at 0: an opening mark precedes them
        let mut close = i;
        while close < toks.len() && toks[close].quoted {
            close += 1;
        }
        i = close;
        let Some(close_mark) = toks.get(close) else {
            break;
        };
        let words: Vec<&Tok> = toks[open + 1..close]
            .iter()
            .filter(|t| t.is_word())
            .collect();
        let before = &toks[open.saturating_sub(4)..open];
        let after_you = before
            .iter()
            .rev()
            .take(3)
            .any(|t| t.is("you") || t.is("your"));
        let reported = before.iter().any(|t| t.is_one_of(reported));
        if words.is_empty() || words.len() > 5 || !after_you || reported {
            continue;
        }
        out.push((Concern::Contempt, toks[open].start, close_mark.end));
    }
    out
}

/// Findings only, for checking our own suggestions.
pub(super) fn findings_of(text: &str) -> Vec<Finding> {
    let toks = tokenize(text);
    let mut findings = scan(text, &toks).0;
    if let Some(model) = super::model::embedded() {
        super::add_model_findings(model, text, &toks, &mut findings);
    }
    findings
}

//! docs/ADVICE.md and docs/RESOURCES.md are generated from the assets, so reviewers read the
//! advice and the help lines in one place, not in JSON. This test fails when either is stale;
//! `OVERTURE_UPDATE_DOCS=1 cargo test --test it docs::` writes them anew.

use overture::content::resources::Need;
use overture::content::{Condition, Content, Source, Step, StepKind};
use overture::core::gate::Path;
use std::fmt::Write as _;
use std::path::PathBuf;

/// The content as a file words it: the crisis lines named as `overture resources`, since no
/// key works in a document.
fn content() -> Content {
    Content::embedded()
        .unwrap_or_else(|e| panic!("{e}"))
        .into_face(overture::content::Face::Export)
}

/// A table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// A condition in words: each tag by its phrase (or its id where it is a path condition).
fn condition_words(content: &Content, when: &Condition) -> String {
    let name = |tag: &String| {
        content
            .steps
            .conditions
            .get(tag)
            .and_then(|c| c.phrase.clone())
            .map_or_else(|| format!("`{tag}`"), |p| format!("{p} (`{tag}`)"))
    };
    let list = |tags: &[String]| tags.iter().map(name).collect::<Vec<_>>().join("; ");
    let mut parts = Vec::new();
    if !when.all.is_empty() {
        parts.push(format!("all of: {}", list(&when.all)));
    }
    if !when.any.is_empty() {
        parts.push(format!("any of: {}", list(&when.any)));
    }
    if !when.none.is_empty() {
        parts.push(format!("none of: {}", list(&when.none)));
    }
    parts.join(". ")
}

fn source_words(s: &Source) -> String {
    let year = s.year.map_or_else(|| "n.d.".to_string(), |y| y.to_string());
    format!("{} ({year}; {})", s.authors, s.kind.describe())
}

fn step_row(content: &Content, s: &Step) -> String {
    let sources: Vec<String> = s
        .sources
        .iter()
        .filter_map(|id| content.source(id))
        .map(source_words)
        .collect();
    let order: Vec<String> = [
        (!s.excludes.is_empty()).then(|| format!("replaces {}", s.excludes.join(", "))),
        (!s.before.is_empty()).then(|| format!("before {}", s.before.join(", "))),
    ]
    .into_iter()
    .flatten()
    .collect();
    format!(
        "| `{}` | {} | {:?} / {} | **{}** {} | {} | {} | {} | {} |\n",
        s.id,
        s.kind.id(),
        s.group,
        s.order,
        cell(&s.title),
        cell(&s.body),
        cell(&s.basis),
        cell(&condition_words(content, &s.when)),
        cell(&order.join("; ")),
        cell(&sources.join("; ")),
    )
}

fn advice(content: &Content) -> String {
    let mut md = String::new();
    md.push_str("# Overture's advice, as it stands\n\n");
    md.push_str("Generated from `assets/` by `tests/it/docs.rs`: do not edit by hand. Regenerate with\n`OVERTURE_UPDATE_DOCS=1 cargo test --test it docs::`.\n\n");
    md.push_str("## How advice is chosen\n\n");
    md.push_str("1. **The gate decides the path once** (`src/core/gate.rs`). Safety comes first (abuse, a partner's threats of self-harm, the user's own thoughts of self-harm), then what must come before counseling (an affair, an addiction, a crisis, a partner already leaving), then the red flag, then reachable or unclear. A red flag beside a screen-out makes the path the red-flag one: it is never outranked. What came after the latest check-in (a logged threat or contempt, a practised reply, a flagged re-check, a deleted safety entry) can make the path stricter, never milder; and a \"yes\" or \"not sure\" in any check-in to a question about what has ever happened (physical harm, forced sex, threats, a partner's threats of self-harm, choking or a weapon) keeps the safety path after a later \"No\", until that check-in is deleted, which brings the safety questions first again.\n");
    md.push_str("2. **Each path allows some kinds of step and some capabilities**, in code, so no content edit can put an invitation in front of someone on a safety path.\n");
    let _ = writeln!(
        md,
        "3. **A step shows when its condition holds** (`all`, `any`, `none` of the tags below). Where two steps exclude each other, or the plan is full ({} steps at most), the lower order wins. Steps are shown in groups: now, this week, later.",
        content.steps.max_steps
    );
    md.push_str("4. **Why-lines are derived**: \"Because\" and the phrases of the conditions that held for this person, then the step's basis, which makes no claim about the user.\n\n");
    md.push_str("## Paths and what each may offer\n\n");
    md.push_str("| path | rehearsal | ask log | lower doors | discernment | invitation lines | prompts about the partner | solo tools | step kinds | help lines first |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for path in Path::ALL {
        let c = path.capabilities();
        let kinds: Vec<&str> = StepKind::ALL
            .into_iter()
            .filter(|k| path.allows(*k))
            .map(StepKind::id)
            .collect();
        let needs: Vec<&str> = path.needs(None).into_iter().map(Need::id).collect();
        let _ = writeln!(
            md,
            "| `{}` | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            path.id(),
            yes(c.rehearsal),
            yes(c.ask_log),
            yes(c.lower_doors),
            yes(c.discernment),
            yes(c.invitation_lines),
            yes(c.partner_reaction_prompts),
            yes(c.solo_tools),
            kinds.join(", "),
            needs.join(", ")
        );
    }
    md.push_str("\n## What each path's result says\n\n| path | title | summary | basis |\n|---|---|---|---|\n");
    for (id, c) in &content.copy.paths {
        let _ = writeln!(
            md,
            "| `{id}` | {} | {} | {} |",
            cell(&c.title),
            cell(&c.summary),
            cell(&c.basis)
        );
    }
    md.push_str("\n## Steps\n\nIn the order a plan shows them (group, then order).\n\n| id | kind | group / order | title and text | basis | shown when | exclusions and order | sources |\n|---|---|---|---|---|---|---|---|\n");
    let mut steps: Vec<&Step> = content.steps.steps.iter().collect();
    steps.sort_by_key(|s| (s.group, s.order, s.id.clone()));
    for s in steps {
        md.push_str(&step_row(content, s));
    }
    md.push_str("\n## Conditions and how a why-line names them\n\n| tag | phrase |\n|---|---|\n");
    for (tag, c) in &content.steps.conditions {
        let words = match (&c.phrase, c.detail.is_empty()) {
            (Some(p), _) => p.clone(),
            (None, false) => format!("names whichever held of: {}", c.detail.join(", ")),
            (None, true) => "(a path condition: never named as a reason)".to_string(),
        };
        let _ = writeln!(md, "| `{tag}` | {} |", cell(&words));
    }
    md.push_str("\n## Sources\n\n| id | who | year | kind | reference |\n|---|---|---|---|---|\n");
    for s in &content.sources.sources {
        let _ = writeln!(
            md,
            "| `{}` | {} | {} | {} | {} |",
            s.id,
            cell(&s.authors),
            s.year.map_or_else(|| "n.d.".to_string(), |y| y.to_string()),
            s.kind.describe(),
            cell(&s.full)
        );
    }
    md
}

fn resources(content: &Content) -> String {
    let mut md = String::new();
    md.push_str("# Help lines and where each number was checked\n\n");
    md.push_str(
        "Generated from `assets/resources.json` by `tests/it/docs.rs`: do not edit by hand.\n\n",
    );
    md.push_str("Each number was checked against the page named, on the date given. Numbers change: re-check every entry at least once a year (`scripts/stale-lines` lists those older than a year), against the organisation's own page, and leave out any you cannot confirm.\n\n");
    md.push_str("The first check (December 2026) could only use stored copies of public pages. Several of the pages named are old news items or releases (2009 to 2022): the numbers on them are long-standing, but hours, text and chat options may have changed. Re-check those first, against each organisation's current contact page. Lines that could not be confirmed on an organisation's own page (the Men's Advice Line, Men's Aid, MensLine Australia, The Trevor Project, national gambling lines among them) are left out, and each region says so.\n\n");
    for region in &content.resources.regions {
        let _ = writeln!(md, "## {}\n", region.name);
        md.push_str("| line | for | needs | how | hours | checked on | date |\n|---|---|---|---|---|---|---|\n");
        for e in &region.entries {
            let needs: Vec<&str> = e.needs.iter().map(|n| n.id()).collect();
            let how: Vec<String> = e
                .contact
                .iter()
                .map(overture::content::resources::Contact::line)
                .collect();
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {}: <{}> | {} |",
                cell(&e.name),
                cell(&e.serves),
                needs.join(", "),
                cell(&how.join("; ")),
                cell(if e.hours.is_empty() {
                    "not stated"
                } else {
                    &e.hours
                }),
                cell(&e.source_owner),
                e.source_url,
                e.checked
            );
        }
        if !region.gaps.is_empty() {
            md.push_str("\nNot listed, and why:\n\n");
            for g in &region.gaps {
                let _ = writeln!(md, "- `{}`: {}", g.need.id(), g.note);
            }
        }
        md.push('\n');
    }
    md
}

fn check(name: &str, generated: &str) {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "docs", name].iter().collect();
    if std::env::var_os("OVERTURE_UPDATE_DOCS").is_some() {
        std::fs::write(&path, generated).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/{name} is stale: run `OVERTURE_UPDATE_DOCS=1 cargo test --test it docs::` and commit it"
    );
}

#[test]
fn advice_md_is_current() {
    check("ADVICE.md", &advice(&content()));
}

#[test]
fn resources_md_is_current() {
    check("RESOURCES.md", &resources(&content()));
}
